package safefile_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/internal/safefile"
)

func TestReadsARegularFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(p, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	data, err := safefile.ReadFile(p, 5)
	if err != nil || string(data) != "hello" {
		t.Fatalf("got %q, %v", data, err)
	}
	// A link to a regular file is read: the user named it.
	if err := os.Symlink("a.txt", filepath.Join(dir, "link")); err != nil {
		t.Skip(err)
	}
	if data, err := safefile.ReadFile(filepath.Join(dir, "link"), 5); err != nil || string(data) != "hello" {
		t.Errorf("through a link: %q, %v", data, err)
	}
}

func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "six.txt")
	if err := os.WriteFile(p, []byte("123456"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		limit int64
		is    error
		msg   string
	}{
		{p, 5, safefile.ErrTooLarge, p + ": file is 6 bytes, larger than the 5 bytes limit"},
		{dir, 5, safefile.ErrNotRegular, dir + ": not a regular file (a directory); rolepack reads only regular files"},
		{filepath.Join(dir, "missing"), 5, fs.ErrNotExist, filepath.Join(dir, "missing") + ": no such file or directory"},
	} {
		_, err := safefile.ReadFile(tc.name, tc.limit)
		if !errors.Is(err, tc.is) || err.Error() != tc.msg {
			t.Errorf("%s: got %v\nwant %s", tc.name, err, tc.msg)
		}
	}
	if runtime.GOOS != "windows" {
		if _, err := os.Stat("/dev/zero"); err == nil {
			_, err := safefile.ReadFile("/dev/zero", 5) // would never end
			if want := "/dev/zero: not a regular file (a character device); rolepack reads only regular files"; err == nil || err.Error() != want {
				t.Errorf("got %v", err)
			}
		}
	}
}

// A file of gigabytes is refused from its size, unread: the sparse file
// takes no disk, and reading it would take 3 GiB of memory.
func TestHugeFileRefusedUnread(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.pdf")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(3 << 30); err != nil {
		t.Skip("no sparse files here:", err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = safefile.ReadFile(p, 512<<20)
	runtime.ReadMemStats(&after)
	if want := p + ": file is 3 GiB, larger than the 512 MiB limit"; !errors.Is(err, safefile.ErrTooLarge) || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Errorf("refusing it allocated %d bytes", grew)
	}
}

func TestSizes(t *testing.T) {
	var e safefile.Error
	e.Err = safefile.ErrTooLarge
	for _, tc := range []struct {
		size, limit int64
		want        string
	}{
		{3<<30 + 1<<29, 64 << 20, "file is 3.5 GiB, larger than the 64 MiB limit"},
		{33 << 20, 32 << 20, "file is 33 MiB, larger than the 32 MiB limit"},
		{1500, 1 << 10, "file is 1.5 KiB, larger than the 1 KiB limit"},
		{-1, 32 << 20, "file is larger than the 32 MiB limit"},
	} {
		e.Size, e.Limit = tc.size, tc.limit
		if got := e.Reason(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

func TestReadFileInStaysInside(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "in.csv"), []byte("a,b"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret"), filepath.Join(dir, "out.csv")); err != nil {
		t.Skip(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if data, err := safefile.ReadFileIn(root, "in.csv", 10); err != nil || string(data) != "a,b" {
		t.Errorf("inside: %q, %v", data, err)
	}
	for _, name := range []string{"out.csv", "../" + filepath.Base(outside) + "/secret"} {
		if data, err := safefile.ReadFileIn(root, name, 10); err == nil || !strings.HasPrefix(err.Error(), name+": ") {
			t.Errorf("%s: read %q, %v", name, data, err)
		}
	}
}
