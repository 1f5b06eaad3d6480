//go:build unix

package verify

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/rolepack/rolepack/internal/safefile"
)

// verify on a named pipe, or a link to one, answers at once: it waited
// for a writer for ever.
func TestReadRefusesANamedPipe(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "copy.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	link := filepath.Join(dir, "link.xlsx")
	if err := os.Symlink("copy.pdf", link); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fifo, link} {
		done := make(chan error, 1)
		go func() { _, err := Read(p); done <- err }()
		select {
		case err := <-done:
			if want := p + ": not a regular file (a named pipe); rolepack reads only regular files"; !errors.Is(err, safefile.ErrNotRegular) || err.Error() != want {
				t.Errorf("got  %v\nwant %s", err, want)
			}
		case <-time.After(2 * time.Minute): // a guard against a hang, not a speed test
			t.Fatalf("%s: Read is still running after two minutes: it opened the pipe", p)
		}
	}
}
