package docscheck_test

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/internal/docscheck"
	"github.com/rolepack/rolepack/internal/packtest"
)

// tracked reads the repository's files: those git tracks and the new ones it
// does not ignore (so a link to a file not yet added resolves), or, outside a git
// checkout (a source archive), every file but .git, output/ and bin/.
func tracked(t *testing.T) docscheck.Files {
	t.Helper()
	root := packtest.ModuleRoot(t)
	var names []string
	if out, err := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output(); err == nil && len(out) > 0 {
		for _, n := range bytes.Split(bytes.TrimRight(out, "\x00"), []byte{0}) {
			names = append(names, string(n))
		}
	} else {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if d.IsDir() && (rel == ".git" || rel == "output" || rel == "bin") {
				return filepath.SkipDir
			}
			if d.Type().IsRegular() {
				names = append(names, rel)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	files := docscheck.Files{}
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(n)))
		if err != nil {
			if os.IsNotExist(err) {
				continue // deleted in the work tree, not yet committed
			}
			t.Fatal(err)
		}
		files[n] = data
	}
	if _, ok := files["README.md"]; !ok {
		t.Fatalf("no README.md among the %d files read from %s", len(files), root)
	}
	return files
}

// TestNoConflictMarkers: no tracked text file holds a merge left half done.
func TestNoConflictMarkers(t *testing.T) {
	for _, p := range docscheck.ConflictMarkers(tracked(t)) {
		t.Error(p)
	}
}

// TestLinksResolve: every relative link and #anchor of the README and the
// docs (and every other tracked Markdown file) leads somewhere.
func TestLinksResolve(t *testing.T) {
	files := tracked(t)
	n := 0
	for name := range files {
		if strings.HasSuffix(name, ".md") {
			n++
		}
	}
	if n < 10 {
		t.Fatalf("only %d Markdown files found", n)
	}
	for _, p := range docscheck.Links(files) {
		t.Error(p)
	}
}

// TestCheckFindsPlantedFaults is the self-test: the repository's own docs
// with one merge conflict and two broken links planted must give exactly
// those three problems, at their lines.
func TestCheckFindsPlantedFaults(t *testing.T) {
	files := tracked(t)
	format := string(files["docs/format.md"])
	lines := strings.Split(format, "\n")
	at := len(lines) / 2
	lines = slices.Insert(lines, at, "<<<<<<< HEAD", "one side", "=======", "other side", ">>>>>>> main")
	files["docs/format.md"] = []byte(strings.Join(lines, "\n"))

	readme := string(files["README.md"])
	readme += "\nSee [the guide](docs/no-such-guide.md) and [verify](docs/changes.md#no-such-section).\n"
	files["README.md"] = []byte(readme)
	readmeLine := strings.Count(readme, "\n")

	var got []string
	for _, p := range docscheck.ConflictMarkers(files) {
		got = append(got, p.String())
	}
	for _, p := range docscheck.Links(files) {
		got = append(got, p.String())
	}
	want := []string{
		"docs/format.md:" + strconv.Itoa(at+1) + `: merge-conflict marker "<<<<<<< HEAD": resolve the conflict`,
		"docs/format.md:" + strconv.Itoa(at+3) + `: merge-conflict separator "=======": resolve the conflict`,
		"docs/format.md:" + strconv.Itoa(at+5) + `: merge-conflict marker ">>>>>>> main": resolve the conflict`,
		"README.md:" + strconv.Itoa(readmeLine) + `: link "docs/no-such-guide.md": docs/no-such-guide.md does not exist`,
		"README.md:" + strconv.Itoa(readmeLine) + `: link "docs/changes.md#no-such-section": docs/changes.md has no heading with the anchor #no-such-section`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The rules links and anchors follow, case by case.
func TestLinkRules(t *testing.T) {
	files := docscheck.Files{
		"README.md": []byte("# Roles & responsibilities\n\n## `rolepack verify`\n\n## Ünïcode heading\n\n## Same\n\n## Same\n\n<a id=\"custom\"></a>\n\n" +
			"[a](#roles--responsibilities) [b](#rolepack-verify) [c](#ünïcode-heading) [d](#same-1) [e](#custom)\n" +
			"[f](docs/x.md#top) [g](https://example.org/#nothing) [h](mailto:a@b) [i](//host/x) ![j](img/logo.png) [k](docs/)\n" +
			"`[not a link](nowhere.md)`\n\n    [indented code](nowhere.md)\n\n" +
			"[bad1](#same-2) [bad2](docs/x.md#nope) [bad3](/abs.md) [bad4](img/none.png)\n"),
		"docs/x.md":    []byte("# Top\n\n[up](../README.md#same) [self](#top)\n"),
		"img/logo.png": []byte("\x89PNG"),
	}
	var got []string
	for _, p := range docscheck.Links(files) {
		got = append(got, p.String())
	}
	want := []string{
		`README.md:19: link "#same-2": README.md has no heading with the anchor #same-2`,
		`README.md:19: link "docs/x.md#nope": docs/x.md has no heading with the anchor #nope`,
		`README.md:19: link "/abs.md" is absolute: make it relative to README.md`,
		`README.md:19: link "img/none.png": img/none.png does not exist`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A lone ======= outside a conflict is a heading underline, and a
	// binary file is not read.
	ok := docscheck.Files{"a.md": []byte("Title\n=======\n"), "b.bin": []byte("\x00<<<<<<< x\n")}
	if p := docscheck.ConflictMarkers(ok); len(p) != 0 {
		t.Errorf("false alarms: %v", p)
	}
}
