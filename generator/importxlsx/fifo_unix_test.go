//go:build unix

package importxlsx_test

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/importxlsx"
	"github.com/rolepack/rolepack/internal/packtest"
	"github.com/rolepack/rolepack/internal/safefile"
)

// import-workbook on a named pipe answers at once: opening it would wait
// for a writer for ever.
func TestWorkbookNamedPipeRefused(t *testing.T) {
	dir := packtest.Write(t, packtest.Minimal)
	fifo := filepath.Join(t.TempDir(), "roles.xlsx")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan error, 1)
	go func() { _, err := importxlsx.Read(fifo, dir, false); done <- err }()
	select {
	case err := <-done:
		if want := fifo + ": not a regular file (a named pipe); rolepack reads only regular files"; !errors.Is(err, safefile.ErrNotRegular) || err.Error() != want {
			t.Errorf("got  %v\nwant %s", err, want)
		}
	case <-time.After(2 * time.Minute): // a guard against a hang, not a speed test
		t.Fatal("Read is still running after two minutes: it opened the pipe")
	}
}
