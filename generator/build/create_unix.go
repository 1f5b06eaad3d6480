//go:build unix

package build

import (
	"io/fs"
	"syscall"
)

// createFile writes data to a new file at p, which must not exist. A build
// of a large pack writes tens of thousands of small files into a staging
// directory that only this build uses; os.WriteFile spends as many system
// calls again on setting up a file it could poll, which a regular file
// never needs, so this creates, writes and closes it directly.
func createFile(p string, data []byte) error {
	fd, err := openNew(p)
	if err != nil {
		return &fs.PathError{Op: "open", Path: p, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: p, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: p, Err: err}
	}
	return nil
}

func openNew(p string) (int, error) {
	for {
		fd, err := syscall.Open(p, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
