package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/stamp"
)

// stampText is a stamp.json as rolepack writes it: the marker that lets a
// build replace a directory.
var stampText = string(stamp.Stamp{
	Version: "1.0", ContentHash: strings.Repeat("3f", 32),
	BuildDate: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), DateSource: stamp.FromSourceDateEpoch,
	Tool: "rolepack 0.1.0-test",
}.JSON())

func files(m map[string]string) Output {
	return Output{Name: "test", Render: func(w *Writer) error {
		for k, v := range m {
			if err := w.WriteFile(k, []byte(v)); err != nil {
				return err
			}
		}
		return nil
	}}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func setup(t *testing.T) (content, out string) {
	root := t.TempDir()
	content = filepath.Join(root, "content")
	if err := os.Mkdir(content, 0o755); err != nil {
		t.Fatal(err)
	}
	return content, filepath.Join(root, "output")
}

func TestRunWritesAndReplaces(t *testing.T) {
	content, out := setup(t)
	res, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{
		Marker: stampText, "a.txt": "one", "site/b/c.html": "<p>",
	})}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 3 || res.Unchanged != 0 {
		t.Errorf("result %+v", res)
	}
	if got := read(t, filepath.Join(out, "site/b/c.html")); got != "<p>" {
		t.Errorf("c.html = %q", got)
	}
	// A later build replaces the tree: a file it no longer writes is gone.
	if _, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{Marker: stampText, "a.txt": "two"})}}); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(out, "a.txt")) != "two" {
		t.Error("a.txt not replaced")
	}
	if _, err := os.Stat(filepath.Join(out, "site")); !errors.Is(err, os.ErrNotExist) {
		t.Error("stale site/ survived a full build")
	}
	assertNoStaging(t, filepath.Dir(out))
}

func TestUnchangedFilesKeepTheirTime(t *testing.T) {
	content, out := setup(t)
	build := func(v string) {
		t.Helper()
		if _, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{Marker: stampText, "same.txt": "same", "diff.txt": v})}}); err != nil {
			t.Fatal(err)
		}
	}
	build("1")
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, n := range []string{"same.txt", "diff.txt"} {
		if err := os.Chtimes(filepath.Join(out, n), old, old); err != nil {
			t.Fatal(err)
		}
	}
	build("2")
	if st, _ := os.Stat(filepath.Join(out, "same.txt")); !st.ModTime().Equal(old) {
		t.Errorf("unchanged file got a new mtime %v", st.ModTime())
	}
	if st, _ := os.Stat(filepath.Join(out, "diff.txt")); st.ModTime().Equal(old) {
		t.Error("changed file kept its old mtime")
	}
}

func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	content, out := setup(t)
	if _, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{Marker: stampText, "a.txt": "good"})}}); err != nil {
		t.Fatal(err)
	}
	boom := Output{Name: "pdf", Render: func(w *Writer) error {
		w.WriteFile("a.txt", []byte("half"))
		return errors.New("font missing")
	}}
	_, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{Marker: stampText}), boom}})
	if err == nil || !strings.Contains(err.Error(), "pdf: font missing") {
		t.Fatalf("err = %v", err)
	}
	if read(t, filepath.Join(out, "a.txt")) != "good" {
		t.Error("previous output changed by a failed build")
	}
	assertNoStaging(t, filepath.Dir(out))
}

// An output that panics fails the build like one that returns an error:
// the process lives on, the staging directory goes, the output stays.
func TestPanickingOutputFailsTheBuild(t *testing.T) {
	content, out := setup(t)
	if _, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{Marker: stampText, "a.txt": "good"})}}); err != nil {
		t.Fatal(err)
	}
	boom := Output{Name: "pdf", Render: func(w *Writer) error {
		w.WriteFile("a.txt", []byte("half"))
		var s []int
		_ = s[:len(s)-1]
		return nil
	}}
	_, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{Marker: stampText}), boom}})
	if want := "internal error in the pdf output: runtime error: slice bounds out of range [:-1]; please report it"; err == nil || err.Error() != want {
		t.Fatalf("got  %v\nwant %s", err, want)
	}
	if read(t, filepath.Join(out, "a.txt")) != "good" {
		t.Error("previous output changed by a failed build")
	}
	assertNoStaging(t, filepath.Dir(out))
}

// A build killed part-way leaves a staging directory; the next build
// removes it and succeeds.
func TestStaleStagingIsCleaned(t *testing.T) {
	content, out := setup(t)
	stale := filepath.Join(filepath.Dir(out), ".output"+stagingInfix+"123")
	if err := os.MkdirAll(filepath.Join(stale, "site"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stale, stagingToken), []byte(stagingTokenText), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{Marker: stampText})}}); err != nil {
		t.Fatal(err)
	}
	assertNoStaging(t, filepath.Dir(out))
}

func TestPartialBuildKeepsOtherOutputs(t *testing.T) {
	content, out := setup(t)
	if _, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{Marker: stampText, "doc.pdf": "pdf1", "site/index.html": "site1", ".gitignore": "*"})}}); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(Options{Out: out, Content: content, Partial: true, Outputs: []Output{files(map[string]string{Marker: stampText, "doc.pdf": "pdf2"})}}); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(out, "doc.pdf")) != "pdf2" || read(t, filepath.Join(out, "site/index.html")) != "site1" {
		t.Error("partial build did not keep the other outputs")
	}
	// A full build keeps hidden files such as .gitignore only.
	if _, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{Marker: stampText})}}); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(out, ".gitignore")) != "*" {
		t.Error(".gitignore lost")
	}
}

func TestWriterRefusesEscapingNames(t *testing.T) {
	for _, name := range []string{"../x", "/etc/passwd", "a/../../x", "a\\b", "", "a//b", "./a", "a/"} {
		if ValidName(name) {
			t.Errorf("ValidName(%q) = true", name)
		}
	}
	for _, name := range []string{"a", "site/roles/ism.html", ".gitignore"} {
		if !ValidName(name) {
			t.Errorf("ValidName(%q) = false", name)
		}
	}
}

func TestCheckDirs(t *testing.T) {
	content, out := setup(t)
	for _, tc := range []struct{ out, want string }{
		{content, "is the content directory"},
		{filepath.Dir(content), "contains the content directory"},
		{filepath.Join(content, "out"), "inside the content directory"},
		{"/", "root directory"},
	} {
		if err := CheckDirs(tc.out, content); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("CheckDirs(%s) = %v, want %q", tc.out, err, tc.want)
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := CheckDirs(out, content); err != nil {
		t.Errorf("empty directory refused: %v", err)
	}
	// A lone .gitignore (as in the repository's output/) is a placeholder
	// the build keeps; any other dot-file is content: a directory holding
	// only dot-files, like a fresh home directory, is not empty.
	os.WriteFile(filepath.Join(out, ".gitignore"), []byte("*\n"), 0o644)
	if err := CheckDirs(out, content); err != nil {
		t.Errorf("directory with only .gitignore refused: %v", err)
	}
	os.WriteFile(filepath.Join(out, ".bashrc"), []byte("x"), 0o644)
	if err := CheckDirs(out, content); err == nil || !strings.Contains(err.Error(), "not written by rolepack") {
		t.Errorf("directory with only a dot-file accepted: %v", err)
	}
	os.WriteFile(filepath.Join(out, "thesis.docx"), []byte("x"), 0o644)
	if err := CheckDirs(out, content); err == nil || !strings.Contains(err.Error(), "not written by rolepack") {
		t.Errorf("foreign directory accepted: %v", err)
	}
	os.WriteFile(filepath.Join(out, Marker), []byte(stampText), 0o644)
	if err := CheckDirs(out, content); err != nil {
		t.Errorf("directory with rolepack's stamp refused: %v", err)
	}
}

func TestReadOnlyParentGivesClearError(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions")
	}
	content, out := setup(t)
	parent := filepath.Join(filepath.Dir(out), "ro")
	os.Mkdir(parent, 0o555)
	_, err := Run(Options{Out: filepath.Join(parent, "out"), Content: content, Outputs: []Output{files(map[string]string{Marker: stampText})}})
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("err = %v", err)
	}
}

func assertNoStaging(t *testing.T, parent string) {
	t.Helper()
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".rolepack-") {
			t.Errorf("stray %s left behind", e.Name())
		}
	}
}

// A translation's outputs go through a Sub writer into output/<lang>/: the
// same names under the language's directory, counted and guarded as the
// build's own, and a name that would leave the directory still refused.
func TestSubWriterWritesUnderItsDirectory(t *testing.T) {
	content, out := setup(t)
	var escape, twice error
	res, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{Marker: stampText, "site/index.html": "en"}),
		{Name: "de", Render: func(w *Writer) error {
			de := w.Sub("de")
			escape = de.WriteFile("../x", nil)
			if err := de.Sub("site").WriteFile("index.html", []byte("de")); err != nil {
				return err
			}
			twice = de.WriteFile("site/index.html", []byte("again"))
			return de.WriteFile(Marker, []byte(stampText))
		}}}})
	if err != nil {
		t.Fatal(err)
	}
	if escape == nil || twice == nil {
		t.Errorf("escaping name: %v; second write of one file: %v; want both refused", escape, twice)
	}
	if got := read(t, filepath.Join(out, "de/site/index.html")); got != "de" || read(t, filepath.Join(out, "site/index.html")) != "en" || res.Files != 4 {
		t.Errorf("de/site/index.html = %q, %d files; want \"de\" beside the top-level site, 4 files", got, res.Files)
	}
}
