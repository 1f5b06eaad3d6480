package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/rolepack/rolepack/internal/packtest"
)

var update = flag.Bool("update", false, "rewrite the expected output of the broken-pack corpus (review the diff!)")

// TestBrokenCorpus runs every broken pack of testdata/broken: each case is
// one txtar file holding its changes to packtest.Minimal and, in its
// "expected" section, the errors check must print. Each must exit 1 with
// exactly those errors, write nothing, and leave a previous build untouched.
func TestBrokenCorpus(t *testing.T) {
	cases, err := filepath.Glob("../../testdata/broken/*.txtar")
	if err != nil || len(cases) < 40 {
		t.Fatalf("corpus has %d cases (%v); want at least 40", len(cases), err)
	}
	good := goodBuild(t)
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			c := readBrokenCase(t, file)
			got := expectBroken(t, packtest.Write(t, packtest.With(packtest.Minimal, c.delta)), good)
			if *update {
				c.setExpected(got)
				if err := os.WriteFile(file, txtar.Format(c.archive), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if c.expected == nil {
				t.Fatalf("no %q section (run go test -run TestBrokenCorpus -update, then review)", expectedSection)
			}
			if got != string(c.expected) {
				t.Errorf("stderr:\n%s\nwant:\n%s", got, c.expected)
			}
		})
	}
}

// expectedSection names the txtar section of a broken case that holds the
// errors check must print; every other section is a pack file.
const expectedSection = "expected"

// brokenCase is one file of testdata/broken, split into its parts.
type brokenCase struct {
	archive  *txtar.Archive
	delta    string // the pack files, as a txtar archive for packtest.With
	expected []byte // nil when the file has no expected section
}

// readBrokenCase reads a case and refuses one that does not say what its
// mistake is or changes nothing.
func readBrokenCase(t *testing.T, file string) *brokenCase {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c := &brokenCase{archive: txtar.Parse(data)}
	if strings.TrimSpace(string(c.archive.Comment)) == "" {
		t.Errorf("%s: no comment at the top saying what the mistake is", file)
	}
	files := &txtar.Archive{}
	for _, f := range c.archive.Files {
		if f.Name == expectedSection {
			c.expected = f.Data
			continue
		}
		files.Files = append(files.Files, f)
	}
	if len(files.Files) == 0 {
		t.Fatalf("%s: changes no file of the minimal pack", file)
	}
	c.delta = string(txtar.Format(files))
	return c
}

// setExpected replaces (or adds) the expected section.
func (c *brokenCase) setExpected(got string) {
	c.expected = []byte(got)
	for i := range c.archive.Files {
		if c.archive.Files[i].Name == expectedSection {
			c.archive.Files[i].Data = c.expected
			return
		}
	}
	c.archive.Files = append(c.archive.Files, txtar.File{Name: expectedSection, Data: c.expected})
}

// Cases too big, or too machine-specific, to commit: built at run time.
func TestBrokenGenerated(t *testing.T) {
	good := goodBuild(t)
	huge := packtest.With(packtest.Minimal, "-- roles/auditor.toml --\nid = \"auditor\"\nname = \"A\"\ncategory = \"A\"\npurpose = \""+
		strings.Repeat("lorem ipsum ", 440_000)+"\"\nresponsibilities = [\"r\"]\n")
	many := packtest.With(packtest.Minimal, "-- roles/auditor.toml --\nid = \"auditor\"\nname = \"A\"\ncategory = \"A\"\npurpose = \"p\"\nresponsibilities = ["+
		strings.Repeat("\"Check a thing\",\n", 10_000)+"]\n")
	for _, tc := range []struct {
		name, archive, want string
		prepare             func(t *testing.T, dir string)
	}{
		{"five-megabyte-string", huge, "roles/auditor.toml:4:1: line is longer than 256 KiB, the limit for one line; break it up\n", nil},
		{"ten-thousand-responsibilities", many, "roles/auditor.toml:1005:1: array has more than 1000 entries (it starts at line 5, column 20); the limit is 1000: split it\n", nil},
		{"symlink-outside-content", packtest.Minimal, "roles/leak.toml: symbolic link points outside the content directory; copy the file in instead\n",
			func(t *testing.T, dir string) {
				outside := filepath.Join(t.TempDir(), "elsewhere.toml")
				os.WriteFile(outside, []byte("id = \"x\"\n"), 0o644)
				if err := os.Symlink(outside, filepath.Join(dir, "roles", "leak.toml")); err != nil {
					t.Skip("symlinks unsupported:", err)
				}
			}},
		{"template-parse-error", packtest.With(packtest.Minimal, "-- templates/site/role.html --\n{{template \"head\" .}}\n<h1>{{.Item.Role.Name</h1>\n"),
			"templates/site/role.html:2: bad character U+003C '<'\n", nil},
		{"template-execution-error", packtest.With(packtest.Minimal, "-- templates/site/role.html --\n{{template \"head\" .}}\n\n<p>{{.Item.Role.NoSuchField}}</p>\n"),
			"build: site: rendering roles/ceo.html: templates/site/role.html:3:10: executing \"role.html\" at <.Item.Role.NoSuchField>",
			nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := packtest.Write(t, tc.archive)
			if strings.HasPrefix(tc.want, "build: ") {
				expectFailedBuild(t, dir, strings.TrimPrefix(tc.want, "build: "))
				return
			}
			if tc.prepare != nil {
				tc.prepare(t, dir)
			}
			if got := expectBroken(t, dir, good); got != tc.want {
				t.Errorf("stderr:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// expectBroken checks and builds the pack in dir over a previous good
// build, asserts exit 1 with nothing on stdout and the output untouched,
// and returns stderr without the summary line, paths relative to dir.
// goodBuild builds the minimal pack once, for the cases of a test to copy
// as their previous output.
func goodBuild(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	var so, se bytes.Buffer
	if code := run([]string{"build", "-q", "--content", packtest.Write(t, packtest.Minimal), "--out", out}, &so, &se); code != 0 {
		t.Fatalf("good build: exit %d: %s", code, se.String())
	}
	return out
}

// expectBroken runs check and build on the broken pack in dir, over a copy
// of the good output (goodBuild), and returns the problems check printed.
func expectBroken(t *testing.T, dir, good string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	if err := os.CopyFS(out, os.DirFS(good)); err != nil {
		t.Fatal(err)
	}
	var so, se bytes.Buffer
	before := snapshot(t, out)

	so.Reset()
	se.Reset()
	code := run([]string{"check", "--content", dir}, &so, &se)
	// A pack whose only problems are unknown references is checked
	// without them: check lists them on stdout, before the findings of
	// the rest (a partial result); build refuses the pack with the same.
	checkErr := se.String() + unresolved(so.String(), dir)
	if code != exitPack {
		t.Errorf("check: exit %d, want 1; stderr:\n%s", code, checkErr)
	}
	so.Reset()
	se.Reset()
	if code := run([]string{"build", "--content", dir, "--out", out}, &so, &se); code != exitPack {
		t.Errorf("build: exit %d, want 1; stderr:\n%s", code, se.String())
	}
	if so.Len() > 0 {
		t.Errorf("stdout: %s", so.String())
	}
	if problems(se.String()) != problems(checkErr) {
		t.Errorf("build and check disagree:\n%s\nvs\n%s", se.String(), checkErr)
	}
	if after := snapshot(t, out); after != before {
		t.Error("the previous output changed")
	}
	if strings.Contains(checkErr, "panic") || strings.Contains(checkErr, "goroutine") {
		t.Errorf("panic: %s", checkErr)
	}
	return strings.ReplaceAll(problems(checkErr), dir+"/", "")
}

// unresolved is the list of unknown references that check's text output
// stdout starts with when the result is partial, one per line.
func unresolved(stdout, dir string) string {
	lines := strings.Split(stdout, "\n")
	if !strings.HasPrefix(lines[0], "Unknown references (") {
		return ""
	}
	var b strings.Builder
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, dir+"/") {
			break
		}
		b.WriteString(l + "\n")
	}
	return b.String()
}

// problems drops the summary line (which names the command) from stderr.
func problems(stderr string) string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if !strings.HasPrefix(l, "rolepack ") {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

// snapshot returns every file of dir with its bytes, as one string.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			data, _ := os.ReadFile(p)
			b.WriteString(p + "\n" + string(data) + "\n")
		}
		return err
	})
	entries, _ := os.ReadDir(filepath.Dir(dir))
	for _, e := range entries {
		b.WriteString("sibling " + e.Name() + "\n")
	}
	return b.String()
}

// TestAcceptedCorpus: the minimal pack saved with Windows line endings, or
// with a UTF-8 byte-order mark at the start of every file, builds and hashes
// like the same pack saved plainly.
func TestAcceptedCorpus(t *testing.T) {
	plain := stampOf(t, packtest.Write(t, packtest.Minimal))
	for _, tc := range []struct {
		name   string
		resave func([]byte) []byte
	}{
		{"crlf-line-endings", func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }},
		{"byte-order-mark", func(b []byte) []byte { return append([]byte("\ufeff"), b...) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := txtar.Parse([]byte(packtest.Minimal))
			dir := t.TempDir()
			for _, f := range a.Files {
				p := filepath.Join(dir, filepath.FromSlash(f.Name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, tc.resave(f.Data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if got := stampOf(t, dir); got != plain {
				t.Errorf("content hash %s, want %s (as the plain pack)", got, plain)
			}
		})
	}
}

func stampOf(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	var so, se bytes.Buffer
	if code := run([]string{"build", "-q", "--content", dir, "--out", out}, &so, &se); code != 0 {
		t.Fatalf("exit %d: %s", code, se.String())
	}
	var st struct {
		Hash string `json:"content_hash"`
	}
	data, err := os.ReadFile(filepath.Join(out, "stamp.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &st); err != nil {
		t.Fatal(err)
	}
	return st.Hash
}

// expectFailedBuild builds a pack that loads but cannot be rendered (a
// broken user template) over a good build: exit 1, the error names the
// template file and line, and the previous output is untouched.
func expectFailedBuild(t *testing.T, dir, want string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	var so, se bytes.Buffer
	if code := run([]string{"build", "-q", "--content", packtest.Write(t, packtest.Minimal), "--out", out}, &so, &se); code != 0 {
		t.Fatalf("good build: %s", se.String())
	}
	before := snapshot(t, out)
	se.Reset()
	if code := run([]string{"build", "--content", dir, "--out", out}, &so, &se); code != exitPack {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(se.String(), want) {
		t.Errorf("stderr:\n%s\nwant it to contain %q", se.String(), want)
	}
	if snapshot(t, out) != before {
		t.Error("the previous output changed")
	}
}
