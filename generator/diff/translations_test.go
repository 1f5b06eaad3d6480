package diff_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/diff"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// loadEdited loads a copy of testdata/packs/multilingual with old replaced
// by new in file ("" for none).
func loadEdited(t *testing.T, file, old, new string) *model.Pack {
	t.Helper()
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
		if filepath.ToSlash(rel) == file {
			if !bytes.Contains(data, []byte(old)) {
				t.Fatalf("%s has no %q", file, old)
			}
			data = bytes.Replace(data, []byte(old), []byte(new), 1)
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
	return p
}

// The diff names the translations a change makes stale, at their lines;
// a change to a value without translations, or to a translation, names
// none.
func TestDiffNamesStaleTranslations(t *testing.T) {
	old := loadEdited(t, "", "", "")
	new := loadEdited(t, "roles/ism.toml", `"Report ISMS performance"`, `"Report ISMS performance monthly"`)
	c := diff.Compare(old, new)
	if len(c.StaleTranslations) != 1 {
		t.Fatalf("stale translations %+v", c.StaleTranslations)
	}
	var text, mdown, js bytes.Buffer
	if err := c.Text(&text); err != nil {
		t.Fatal(err)
	}
	want := "    roles/ism.toml responsibilities.2: translations made stale: de translations/de/roles/ism.toml:27, ja translations/ja/roles/ism.toml:27\n" +
		"        Report ISMS performance → Report ISMS performance monthly\n"
	if !strings.Contains(text.String(), "\nTranslations made stale (to translate again)\n"+want) {
		t.Errorf("text:\n%s\nwant it to hold:\n%s", text.String(), want)
	}
	if !strings.Contains(text.String(), "1 translated value changed") {
		t.Errorf("headline: %s", text.String())
	}
	if err := c.Markdown(&mdown); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(mdown.String(), "<summary>Translations made stale: 1 value</summary>") || !strings.Contains(mdown.String(), `ja translations/ja/roles/ism.toml:27 (~~Report ISMS performance~~ → Report ISMS performance monthly)`) {
		t.Errorf("markdown:\n%s", mdown.String())
	}
	if err := c.JSON(&js); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Stale []diff.StaleValue `json:"stale_translations"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil || len(doc.Stale) != 1 || doc.Stale[0].Translations[1].At != "translations/ja/roles/ism.toml:27" {
		t.Errorf("json: %v %+v", err, doc.Stale)
	}

	// A translation edited, or a value already stale, is no change's doing.
	retranslated := loadEdited(t, "translations/de/roles/ism.toml", `"Über die Leistung des ISMS berichten"`, `"Über die ISMS-Leistung berichten"`)
	if c := diff.Compare(old, retranslated); len(c.StaleTranslations) != 0 || !c.Empty() {
		t.Errorf("a translation edited: %+v", c.StaleTranslations)
	}
	again := diff.Compare(new, new)
	if len(again.StaleTranslations) != 0 {
		t.Errorf("stale before and after: %+v", again.StaleTranslations)
	}
}
