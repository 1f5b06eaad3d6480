package check_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// german is the minimal pack translated into German: its German
// translation files are the multilingual test pack's, which translates the
// minimal pack (testdata/packs/multilingual).
var german = func() string {
	archive := packtest.Edit(packtest.Minimal, "pack.toml", "[organisation]", "language = \"en\"\nlanguages = [\"en\", \"de\"]\n\n[organisation]")
	dir := filepath.Join("..", "..", "testdata", "packs", "multilingual", "translations", "de")
	var add strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		add.WriteString("-- translations/de/" + filepath.ToSlash(rel) + " --\n" + string(data))
		return err
	})
	if err != nil {
		panic(err)
	}
	return packtest.With(archive, add.String())
}()

func init() {
	trips["RP-LANG-01"] = trip{packtest.Edit(german, "roles/ism.toml", `"Report ISMS performance"`, `"Report ISMS performance monthly"`), "translations/de/roles/ism.toml:27:1 RP-LANG-01 error", nil}
	trips["RP-LANG-02"] = trip{packtest.Edit(german, "roles/sysadmin.toml", `responsibilities = ["Patch servers"]`, `responsibilities = ["Patch servers", "Back up servers"]`), "roles/sysadmin.toml:7:38 RP-LANG-02 error", nil}
	trips["RP-LANG-03"] = trip{packtest.Edit(german, "translations/de/roles/ism.toml", "[[unit]]\nid = \"name\"", "[[unit]]\nid = \"responsibilities.3\"\nsource = \"sha256:0000000000000000\"\ntext = \"Alt\"\n\n[[unit]]\nid = \"name\""), "translations/de/roles/ism.toml:3:1 RP-LANG-03 warning", nil}
}

// The German minimal pack checks clean, and a translation stale or
// missing blocks an approved document.
func TestTranslationsBlock(t *testing.T) {
	r := check.Run(packtest.Load(t, german), today)
	if !r.Clean() {
		t.Fatalf("the German minimal pack has findings: %+v", r.Findings)
	}
	r = check.Run(packtest.Load(t, trips["RP-LANG-01"].pack), today)
	if !r.Blocking(model.StatusApproved) {
		t.Error("a stale translation does not block an approved document")
	}
	f := r.Findings[0]
	for _, want := range []string{`The de translation of responsibilities.2 of roles/ism.toml is translated from an older text: "Report ISMS performance", now: "Report ISMS performance monthly".`} {
		if f.Message != want {
			t.Errorf("message %q, want %q", f.Message, want)
		}
	}
	r = check.Run(packtest.Load(t, trips["RP-LANG-02"].pack), today)
	if got := r.Findings[0].Fix; !strings.Contains(got, " to translations/de/roles/sysadmin.toml ") {
		t.Errorf("fix %q names no translation file", got)
	}
}

// Editing one English responsibility of the multilingual pack makes
// exactly its German and Japanese translations findings, at their lines.
func TestMultilingualEditFindings(t *testing.T) {
	src := filepath.Join(packtest.ModuleRoot(t), "testdata", "packs", "multilingual")
	before := findingsOf(t, src, "")
	after := findingsOf(t, src, "Report ISMS performance monthly")
	var added []string
	for _, f := range after {
		if !slices.Contains(before, f) {
			added = append(added, f)
		}
	}
	want := []string{
		"translations/de/roles/ism.toml:27:1 RP-LANG-01 error",
		"translations/ja/roles/ism.toml:27:1 RP-LANG-01 error",
	}
	if !slices.Equal(added, want) || len(after) != len(before)+2 {
		t.Errorf("the edit adds %q (before %q), want %q", added, before, want)
	}
}

// findingsOf checks a copy of the pack in src whose ISM's second
// responsibility says resp ("" for unchanged).
func findingsOf(t *testing.T, src, resp string) []string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if resp != "" && filepath.ToSlash(rel) == "roles/ism.toml" {
			data = []byte(strings.Replace(string(data), `"Report ISMS performance"`, `"`+resp+`"`, 1))
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	p, err := model.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range check.Run(p, today).Findings {
		out = append(out, f.Pos.String()+" "+f.Rule+" "+string(f.Severity))
	}
	return out
}

// A translation is printed in its language's outputs: a Japanese one
// without a CJK face is RP-FONT-01 at the translation, the German ones
// print with the built-in faces.
func TestTranslationsArePrinted(t *testing.T) {
	src := filepath.Join(packtest.ModuleRoot(t), "testdata", "packs", "multilingual")
	dir := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == "pack.toml" {
			data = []byte(strings.Replace(string(data), "[[font]]\nfamily = \"Noto Sans CJK JP\"\n", "", 1))
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	p, err := model.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range check.Run(p, today).Findings {
		if f.Rule != "RP-FONT-01" || !strings.HasPrefix(f.Pos.File, "translations/ja/") {
			t.Errorf("unexpected finding %s %s: %s", f.Pos, f.Rule, f.Message)
		}
		n++
	}
	if n < 40 {
		t.Errorf("%d findings of the Japanese translation without a CJK face", n)
	}
}
