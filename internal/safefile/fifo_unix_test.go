//go:build unix

package safefile_test

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/rolepack/rolepack/internal/safefile"
)

// A named pipe, or a link to one, is refused from its type, at once:
// opening it to read would wait for a writer for ever.
func TestNamedPipeRefusedAtOnce(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	if err := os.Symlink("pipe.pdf", filepath.Join(dir, "link.pdf")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for _, read := range []struct {
		name string
		f    func() ([]byte, error)
	}{
		{fifo, func() ([]byte, error) { return safefile.ReadFile(fifo, 1<<20) }},
		{filepath.Join(dir, "link.pdf"), func() ([]byte, error) { return safefile.ReadFile(filepath.Join(dir, "link.pdf"), 1<<20) }},
		{"pipe.pdf", func() ([]byte, error) { return safefile.ReadFileIn(root, "pipe.pdf", 1<<20) }},
	} {
		done := make(chan error, 1)
		go func() { _, err := read.f(); done <- err }()
		select {
		case err := <-done:
			want := read.name + ": not a regular file (a named pipe); rolepack reads only regular files"
			if !errors.Is(err, safefile.ErrNotRegular) || err.Error() != want {
				t.Errorf("got  %v\nwant %s", err, want)
			}
		case <-time.After(2 * time.Minute): // a guard against a hang, not a speed test
			t.Fatalf("%s: still reading after two minutes: it opened the pipe", read.name)
		}
	}
}
