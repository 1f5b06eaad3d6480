package ledger

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// Writer appends records to a ledger file durably: each Append writes one
// whole line and syncs the file to the disk before it returns, so an
// acknowledgement a caller was told of survives a crash of the process or
// the machine. Appends of one Writer are serialised; on Unix the file is
// also locked against other processes (another Writer, rolepack acks
// merge) for the Writer's life.
type Writer struct {
	mu     sync.Mutex
	f      file
	unlock func()
	last   *Record // the last record, nil for an empty ledger
	count  int
}

// file is what a Writer does with its file (an *os.File; a test's fault).
type file interface {
	io.Writer
	io.Seeker
	Sync() error
	Truncate(size int64) error
	Close() error
}

// ErrBroken is returned by Open for a ledger whose chain does not verify:
// nothing is appended to it until it is repaired by hand (the problems say
// where), so a forged or damaged record is never buried under new ones.
var ErrBroken = errors.New("the ledger does not verify")

// Open opens the ledger at path for appending, creating it (and writing
// nothing) when it does not exist. A last line cut short by a crash is
// removed first, and reported in repaired (its line number, 0 when there
// was none); any other problem refuses with ErrBroken and the problems.
func Open(path string) (w *Writer, repaired int, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, 0, err
	}
	unlock, err := lock(f)
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("%s is in use by another writer: %w", path, err)
	}
	fail := func(err error) (*Writer, int, error) {
		unlock()
		f.Close()
		return nil, 0, err
	}
	c, err := Read(f)
	if err != nil {
		return fail(err)
	}
	records, problems := c.Records, c.Problems
	if c.Torn {
		if repaired, err = cutTorn(f, records); err != nil {
			return fail(err)
		}
		problems = nil
	}
	if len(problems) > 0 {
		return fail(&BrokenError{Path: path, Problems: problems})
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		return fail(err)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return fail(err)
	}
	w = &Writer{f: f, unlock: unlock, count: len(records)}
	if len(records) > 0 {
		w.last = &records[len(records)-1]
	}
	return w, repaired, nil
}

// BrokenError lists the problems of a ledger that does not verify.
type BrokenError struct {
	Path     string
	Problems []Problem
}

func (e *BrokenError) Error() string {
	var b bytes.Buffer
	if len(e.Problems) == 1 {
		fmt.Fprintf(&b, "%s does not verify (1 problem)", e.Path)
	} else {
		fmt.Fprintf(&b, "%s does not verify (%d problems)", e.Path, len(e.Problems))
	}
	for _, p := range e.Problems {
		fmt.Fprintf(&b, "\n%s:%d: %s", e.Path, p.Line, p.Msg)
	}
	return b.String()
}

func (e *BrokenError) Unwrap() error { return ErrBroken }

// cutTorn truncates the file after its last whole record, and returns the
// line number of the torn line removed.
func cutTorn(f *os.File, records []Record) (int, error) {
	var end int64
	for _, r := range records {
		end += int64(len(r.Line())) + 1
	}
	if err := f.Truncate(end); err != nil {
		return 0, err
	}
	if err := f.Sync(); err != nil {
		return 0, err
	}
	return len(records) + 1, nil
}

// Last returns the last record and the number of records.
func (w *Writer) Last() (*Record, int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.last == nil {
		return nil, w.count
	}
	r := *w.last
	return &r, w.count
}

// Append seals rec after the last record and writes it durably. It
// returns the record as written. A record whose fields do not validate is
// refused, and nothing is written.
func (w *Writer) Append(rec Record) (Record, error) {
	return w.AppendIf(rec, nil)
}

// AppendIf is Append when ok, called under the Writer's lock with the
// last record, accepts: a caller that must not append twice (one
// acknowledgement per person and text) decides there, with no other
// append in between. A nil ok accepts.
func (w *Writer) AppendIf(rec Record, ok func(last *Record) error) (Record, error) {
	if err := rec.Validate(); err != nil {
		return Record{}, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return Record{}, errors.New("ledger: the writer is closed")
	}
	if ok != nil {
		if err := ok(w.last); err != nil {
			return Record{}, err
		}
	}
	written, err := w.write([]Record{rec})
	if err != nil {
		return Record{}, err
	}
	return written[0], nil
}

// AppendAll seals recs in order after the last record and writes them
// durably with one sync: all of them, or none (a batch that fails part-way
// is cut back). For an import or a merge of many records, where a sync per
// record would take most of the time. A record whose fields do not
// validate refuses the batch, and nothing is written.
func (w *Writer) AppendAll(recs []Record) ([]Record, error) {
	for i, r := range recs {
		if err := r.Validate(); err != nil {
			return nil, fmt.Errorf("record %d: %w", i+1, err)
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil, errors.New("ledger: the writer is closed")
	}
	return w.write(recs)
}

// write seals and writes recs after the last record, then syncs, under
// w.mu. A write or sync that fails cuts the file back to where it ended,
// so no part of a line is left for the next record to chain after; if
// even that fails, the writer stops, and reopening it (Open) removes a
// torn last line or refuses a broken ledger.
func (w *Writer) write(recs []Record) ([]Record, error) {
	if len(recs) == 0 {
		return nil, nil
	}
	out := make([]Record, len(recs))
	var buf bytes.Buffer
	last := w.last
	for i, r := range recs {
		out[i] = r.Sealed(last)
		last = &out[i]
		buf.Write(out[i].Line())
		buf.WriteByte('\n')
	}
	end, err := w.f.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	_, err = w.f.Write(buf.Bytes())
	if err == nil {
		err = w.f.Sync()
	}
	if err != nil {
		if terr := w.f.Truncate(end); terr != nil || w.f.Sync() != nil {
			w.unlock()
			w.f.Close()
			w.f = nil
		}
		return nil, err
	}
	w.last, w.count = &out[len(out)-1], w.count+len(out)
	return out, nil
}

// Close releases the file.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	w.unlock()
	err := w.f.Close()
	w.f = nil
	return err
}

// syncDir makes a file's creation in dir durable, where the system can:
// some cannot sync a directory (Windows), and the file's own data is
// synced by every append regardless.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}
