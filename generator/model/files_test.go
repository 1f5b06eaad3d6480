package model_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// A source over the size limit is reported as too large, and only that: it
// exists, so it is not also missing. It is refused from its size, unread
// (the file here is sparse).
func TestOversizedFileOnlyTooLarge(t *testing.T) {
	dir := packtest.Write(t, packtest.Minimal)
	if err := os.Truncate(filepath.Join(dir, "people.toml"), 50<<20); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(dirErrors(t, dir), "\n")
	if want := "people.toml: file is larger than the 32 MiB limit for one source file; split it"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A source whose extension is not in lower case would be ignored; it is an
// error that says how to rename it.
func TestUpperCaseExtension(t *testing.T) {
	dir := packtest.Write(t, packtest.Minimal)
	for _, name := range []string{"supplier-manager.TOML", "auditor.Toml"} {
		if err := os.WriteFile(filepath.Join(dir, "roles", name), []byte("id = \"x\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := strings.Join(dirErrors(t, dir), "\n")
	for _, want := range []string{
		`roles/auditor.Toml: the extension ".Toml" is not read: rename it to roles/auditor.toml`,
		`roles/supplier-manager.TOML: the extension ".TOML" is not read: rename it to roles/supplier-manager.toml`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("got\n%s\nwant it to contain\n%s", got, want)
		}
	}
}

// A file under templates/ that overrides no default is an error naming it
// and the valid names; a known override loads.
func TestUnknownTemplateOverride(t *testing.T) {
	p := packtest.Load(t, packtest.With(packtest.Minimal, "-- templates/site/style.css --\nbody{}\n"))
	if p.Templates() == nil {
		t.Fatal("the style.css override is not in the pack")
	}
	dir := packtest.Write(t, packtest.With(packtest.Minimal, "-- templates/site/evil.html --\n<script>x</script>\n-- templates/site/syle.css --\nbody{}\n"))
	got := dirErrors(t, dir)
	if len(got) != 2 {
		t.Fatalf("got %d problems, want 2:\n%s", len(got), strings.Join(got, "\n"))
	}
	if !strings.HasPrefix(got[0], "templates/site/evil.html: unknown template override: it replaces no default file; the files that can be overridden are ") ||
		!strings.Contains(got[0], "templates/site/role.html") || !strings.Contains(got[0], "templates/site/style.css") {
		t.Errorf("got %s", got[0])
	}
	if !strings.HasSuffix(got[1], `(did you mean "templates/site/style.css"?)`) || !strings.HasPrefix(got[1], "templates/site/syle.css: ") {
		t.Errorf("got %s", got[1])
	}
}

// --content may be a symbolic link to the pack's directory.
func TestContentDirectoryMayBeALink(t *testing.T) {
	dir := packtest.Write(t, packtest.Minimal)
	link := filepath.Join(t.TempDir(), "content")
	if err := os.Symlink(dir, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	p, err := model.Load(link)
	if err != nil {
		t.Fatalf("loading through a link: %v", err)
	}
	if len(p.Roles) == 0 || len(p.Files) == 0 {
		t.Errorf("loaded %d roles from %d files", len(p.Roles), len(p.Files))
	}
}

// dirErrors loads the pack in dir and returns its problems, one a line.
func dirErrors(t *testing.T, dir string) []string {
	t.Helper()
	_, err := model.Load(dir)
	var errs model.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("got %v, want problems", err)
	}
	var out []string
	for _, d := range errs {
		out = append(out, d.String())
	}
	return out
}
