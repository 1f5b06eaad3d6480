package fonts_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/fonts"
)

// A family is found in ROLEPACK_FONT_DIRS by its name in any case: its
// regular face and its bold face, each from the file that holds it.
func TestFindFamily(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf"} {
		data, err := os.ReadFile(filepath.Join("files", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "sub", "copy-"+name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Not fonts, or not regular files: skipped.
	if err := os.WriteFile(filepath.Join(dir, "broken.ttf"), []byte("not a font"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(fonts.DirsEnv, dir+string(os.PathListSeparator)+filepath.Join(dir, "missing"))

	regular, bold := fonts.FindFamily("noto SANS")
	if regular == nil || filepath.Base(regular.Path) != "copy-NotoSans-Regular.ttf" || regular.Weight != 400 {
		t.Errorf("regular: %+v", regular)
	}
	if bold == nil || filepath.Base(bold.Path) != "copy-NotoSans-Bold.ttf" || bold.Weight < 600 {
		t.Errorf("bold: %+v", bold)
	}
	if r, b := fonts.FindFamily("Noto Serif"); r != nil || b != nil {
		t.Errorf("found a family that is not there: %+v %+v", r, b)
	}
	if got := fonts.Families(); len(got) != 1 || got[0] != "Noto Sans" {
		t.Errorf("families %q", got)
	}
}

// The machine's font directories are read once per process, and quickly:
// only each file's header and name tables.
func TestScanIsQuick(t *testing.T) {
	if _, err := os.Stat("/usr/share/fonts"); err != nil {
		t.Skip(err)
	}
	t.Setenv(fonts.DirsEnv, "/usr/share/fonts")
	start := time.Now()
	n := len(fonts.Families())
	if took := time.Since(start); took > time.Second {
		t.Errorf("scanning /usr/share/fonts (%d families) took %v; want well under a second", n, took)
	}
	start = time.Now()
	fonts.FindFamily("Noto Sans CJK JP")
	if took := time.Since(start); took > 10*time.Millisecond {
		t.Errorf("a second lookup took %v: the scan is not kept", took)
	}
}
