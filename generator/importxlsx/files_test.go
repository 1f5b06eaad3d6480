package importxlsx_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/rolepack/rolepack/generator/importxlsx"
	"github.com/rolepack/rolepack/internal/packtest"
	"github.com/rolepack/rolepack/internal/safefile"
)

// A workbook of gigabytes is refused from its size, unread (a sparse
// file: no disk is used), and so is a directory.
func TestWorkbookRefusedUnread(t *testing.T) {
	dir := packtest.Write(t, packtest.Minimal)
	huge := filepath.Join(t.TempDir(), "huge.xlsx")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(3 << 30); err != nil {
		f.Close()
		t.Skip("no sparse files here:", err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = importxlsx.Read(huge, dir, false)
	runtime.ReadMemStats(&after)
	if want := huge + ": file is 3 GiB, larger than the 64 MiB limit"; !errors.Is(err, safefile.ErrTooLarge) || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	// Loading the pack allocates; reading the file would take gigabytes.
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("refusing it allocated %d bytes", grew)
	}
	folder := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := importxlsx.Read(folder, dir, false); !errors.Is(err, safefile.ErrNotRegular) {
		t.Errorf("a directory: %v", err)
	}
}
