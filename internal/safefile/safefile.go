// Package safefile reads a file that someone named, on the command line or
// in the sources, only when it is a regular file within a size limit, and
// decides that before reading anything: opening a named pipe blocks until
// something writes to it, a device may never end, and a file of gigabytes
// would be read into memory before its size was judged.
//
// The type and size are checked on the name (Stat), so that a pipe or
// device is never even opened; the file is then opened without blocking,
// and checked again on what was opened (in case the name was changed in
// between); at most the limit and one byte are read.
package safefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// What a refusal wraps, for errors.Is.
var (
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("file too large")
)

// Error is a file refused for its type or size.
type Error struct {
	Path  string
	Err   error       // ErrNotRegular or ErrTooLarge
	Mode  fs.FileMode // the file's type, for ErrNotRegular
	Size  int64       // the file's size, for ErrTooLarge; -1 when it grew while read
	Limit int64       // for ErrTooLarge
}

func (e *Error) Error() string { return e.Path + ": " + e.Reason() }

func (e *Error) Unwrap() error { return e.Err }

// Reason is the message without the path, for a caller that gives the
// path apart (a file:line diagnostic).
func (e *Error) Reason() string {
	if e.Err == ErrNotRegular {
		return fmt.Sprintf("not a regular file (%s); rolepack reads only regular files", Kind(e.Mode))
	}
	if e.Size < 0 {
		return fmt.Sprintf("file is larger than the %s limit", size(e.Limit))
	}
	return fmt.Sprintf("file is %s, larger than the %s limit", size(e.Size), size(e.Limit))
}

// Kind names a type of file that is not a regular file ("a named pipe").
func Kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}

// ReadFile reads the regular file name, following symbolic links, when it
// holds at most limit bytes. A refusal is an *Error; a file that cannot be
// read gives its reason after the path.
func ReadFile(name string, limit int64) ([]byte, error) {
	return read(name, limit, os.Stat, func(name string) (*os.File, error) {
		return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	})
}

// ReadFileIn is ReadFile for name inside root: os.Root refuses a path or
// a symbolic link that leads outside it.
func ReadFileIn(root *os.Root, name string, limit int64) ([]byte, error) {
	return read(name, limit, root.Stat, func(name string) (*os.File, error) {
		return root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	})
}

func read(name string, limit int64, stat func(string) (fs.FileInfo, error), open func(string) (*os.File, error)) ([]byte, error) {
	info, err := stat(name)
	if err != nil {
		return nil, pathError(name, err)
	}
	if err := check(name, info, limit); err != nil {
		return nil, err
	}
	f, err := open(name)
	if err != nil {
		return nil, pathError(name, err)
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, pathError(name, err)
	}
	if err := check(name, info, limit); err != nil {
		return nil, err
	}
	// One allocation of the size the file has; bytes.Buffer keeps MinRead
	// spare so that the read ends at EOF without growing it.
	b := bytes.NewBuffer(make([]byte, 0, info.Size()+bytes.MinRead))
	if _, err := b.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, pathError(name, err)
	}
	if int64(b.Len()) > limit {
		return nil, &Error{Path: name, Err: ErrTooLarge, Size: -1, Limit: limit}
	}
	return b.Bytes(), nil
}

func check(name string, info fs.FileInfo, limit int64) error {
	if !info.Mode().IsRegular() {
		return &Error{Path: name, Err: ErrNotRegular, Mode: info.Mode()}
	}
	if info.Size() > limit {
		return &Error{Path: name, Err: ErrTooLarge, Size: info.Size(), Limit: limit}
	}
	return nil
}

// pathError puts name before the reason of an error from the os package,
// in place of its "open name: ", so that every message reads "path:
// reason"; errors.Is still sees the reason (fs.ErrNotExist).
func pathError(name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s: %w", name, err)
}

// size writes n bytes the way limits are given: whole KiB, MiB or GiB when
// it divides, else to one decimal.
func size(n int64) string {
	for _, u := range []struct {
		unit  string
		bytes int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.bytes {
			if n%u.bytes == 0 {
				return fmt.Sprintf("%d %s", n/u.bytes, u.unit)
			}
			return fmt.Sprintf("%.1f %s", float64(n)/float64(u.bytes), u.unit)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
