package model_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// multilingual copies testdata/packs/multilingual into a temporary
// directory, applies the edits (file, old, new) and returns it.
func multilingual(t *testing.T, edits ...[3]string) string {
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
		for _, e := range edits {
			if filepath.ToSlash(rel) == e[0] {
				if !strings.Contains(string(data), e[1]) {
					t.Fatalf("%s has no %q", e[0], e[1])
				}
				data = []byte(strings.Replace(string(data), e[1], e[2], 1))
			}
		}
		out := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edits {
		if _, err := os.Stat(filepath.Join(dir, e[0])); err != nil {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, e[0])), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, e[0]), []byte(e[2]), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

func loadML(t *testing.T, edits ...[3]string) *model.Pack {
	t.Helper()
	p, err := model.Load(multilingual(t, edits...))
	if err != nil {
		t.Fatalf("loading:\n%v", err)
	}
	return p
}

// The multilingual test pack translates every value into German and
// Japanese, each translation of the current text.
func TestMultilingualPackIsComplete(t *testing.T) {
	p := loadML(t)
	if !slices.Equal(p.Languages, []string{"en", "de", "ja"}) {
		t.Fatalf("languages %q", p.Languages)
	}
	if len(p.Units()) < 50 {
		t.Fatalf("%d units", len(p.Units()))
	}
	for _, lang := range []string{"de", "ja"} {
		st := p.TranslationState(lang)
		if len(st.Current) != len(p.Units()) || len(st.Stale)+len(st.Missing)+len(st.Orphans) > 0 {
			t.Errorf("%s: %d current of %d, stale %v, missing %v, orphans %v", lang, len(st.Current), len(p.Units()), st.Stale, st.Missing, st.Orphans)
		}
	}
}

// Editing one English responsibility makes exactly its German and
// Japanese translations stale, at their lines, and nothing else.
func TestEditMakesItsTranslationsStale(t *testing.T) {
	p := loadML(t, [3]string{"roles/ism.toml", `"Report ISMS performance"`, `"Report ISMS performance monthly"`})
	for _, lang := range []string{"de", "ja"} {
		st := p.TranslationState(lang)
		if len(st.Stale) != 1 || len(st.Missing)+len(st.Orphans) > 0 {
			t.Fatalf("%s: stale %d, missing %d, orphans %d; want 1, 0, 0", lang, len(st.Stale), len(st.Missing), len(st.Orphans))
		}
		b := st.Stale[0]
		if b.Unit.ID != "responsibilities.2" || b.T.Pos.String() != "translations/"+lang+"/roles/ism.toml:27:1" {
			t.Errorf("%s: stale %s at %s", lang, b.Unit.ID, b.T.Pos)
		}
	}
}

// A list entry moved in the source is bound again by its hash; a value
// added is missing; a value removed leaves an orphan.
func TestMovedAddedRemoved(t *testing.T) {
	p := loadML(t, [3]string{"roles/ism.toml", `responsibilities = ["Keep the ISMS conformant", "Report ISMS performance"]`, `responsibilities = ["Report ISMS performance", "Keep the ISMS conformant"]`})
	if st := p.TranslationState("de"); len(st.Stale)+len(st.Missing)+len(st.Orphans) > 0 {
		t.Errorf("moved entries: stale %v, missing %v, orphans %v", st.Stale, st.Missing, st.Orphans)
	}
	p = loadML(t, [3]string{"roles/ism.toml", `responsibilities = ["Keep the ISMS conformant", "Report ISMS performance"]`, `responsibilities = ["Keep the ISMS conformant"]`},
		[3]string{"roles/sysadmin.toml", `responsibilities = ["Patch servers"]`, `responsibilities = ["Patch servers", "Back up servers"]`})
	st := p.TranslationState("ja")
	if len(st.Stale) != 0 || len(st.Missing) != 1 || st.Missing[0].ID != "responsibilities.2" || st.Missing[0].Source != "roles/sysadmin.toml" ||
		len(st.Orphans) != 1 || st.Orphans[0].ID != "responsibilities.2" || st.Orphans[0].File != "translations/ja/roles/ism.toml" {
		t.Errorf("stale %v, missing %v, orphans %v", st.Stale, st.Missing, st.Orphans)
	}
}

// Translated gives a coherent copy in the language, leaving the pack as
// it was; a stale translation keeps the source text.
func TestTranslated(t *testing.T) {
	p := loadML(t, [3]string{"roles/ism.toml", `"Report ISMS performance"`, `"Report ISMS performance monthly"`})
	de, err := p.Translated("de")
	if err != nil {
		t.Fatal(err)
	}
	ism, ism2 := p.Role("ism"), de.Role("ism")
	if ism.Name != "Information Security Manager" || ism2.Name != "Informationssicherheitsbeauftragter" {
		t.Errorf("names %q, %q", ism.Name, ism2.Name)
	}
	if got := ism2.Responsibilities[1].Text; got != "Report ISMS performance monthly" {
		t.Errorf("the stale translation is used: %q", got)
	}
	if ism2.Responsibilities[0].Text != "Die Konformität des ISMS sicherstellen" || ism2.Authorities[0].Limit != "für bis zu 48 Stunden" {
		t.Errorf("responsibility %q, limit %q", ism2.Responsibilities[0].Text, ism2.Authorities[0].Limit)
	}
	if ism2.ReportsTo != de.Role("ceo") || ism2.Assignments[0].Person != de.Person("ann") || de.Person("ann").Holds[0].Role != ism2 {
		t.Error("pointers of the translation lead out of it")
	}
	if de.Activity("patching").Process != "Betrieb" || de.Organisation.Scope.Source != "Das ISMS umfasst *alle* Dienstleistungen." || !strings.Contains(string(de.Organisation.Scope.HTML), "<em>alle</em>") {
		t.Errorf("activity %q, scope %+v", de.Activity("patching").Process, de.Organisation.Scope)
	}
	if st := de.TranslationState("de"); len(st.Stale) != 1 || len(st.Missing) != 0 || len(de.Translations()) != len(p.Translations()) {
		t.Errorf("the translation's state is not the pack's: %d stale, %d missing", len(st.Stale), len(st.Missing))
	}
	if de.TextLanguage != "de" || p.TextLanguage != "en" {
		t.Errorf("text languages %q, %q", de.TextLanguage, p.TextLanguage)
	}
	ja, err := p.Translated("ja")
	if err != nil || ja.ReviewTeam.Name != "マネジメントレビューチーム" {
		t.Errorf("ja: %v %v", err, ja)
	}
	if _, err := p.Translated("fr"); err == nil {
		t.Error("a language the pack does not build is translated")
	}
	if q, _ := p.Translated("en"); q != p {
		t.Error("the authoritative language is not the pack itself")
	}
}

// The translation files' problems are errors at file:line:col.
func TestTranslationFileErrors(t *testing.T) {
	for _, tc := range []struct {
		edit [3]string
		want string
	}{
		{[3]string{"translations/de/roles/ism.toml", `id = "responsibilities.2"`, `id = "responsibility.2"`}, `translations/de/roles/ism.toml:28:1: "responsibility.2" is not a unit id of roles/ism.toml (did you mean "responsibilities.2"?)`},
		{[3]string{"translations/de/roles/ism.toml", `source = "sha256:bb5f9f0269c291ba"`, `source = "bb5f9f0269c291ba"`}, `translations/de/roles/ism.toml:29:1: "source" is "bb5f9f0269c291ba"; it is the hash`},
		{[3]string{"translations/de/roles/ism.toml", `id = "responsibilities.2"`, `id = "responsibilities.1"`}, `translations/de/roles/ism.toml:28:1: unit "responsibilities.1" is translated twice in this file (first at line 21)`},
		{[3]string{"translations/de/roles/ism.toml", `text = "Informationssicherheitsbeauftragter"`, "text = \"Informations\\u202esicherheit\""}, `translations/de/roles/ism.toml:7:1: "text" contains a bidirectional control character`},
		{[3]string{"translations/de/roles/ism.toml", `text = "Informationssicherheitsbeauftragter"`, "text = \"Informations\\nsicherheit\""}, `translations/de/roles/ism.toml:7:1: "text" contains a control character`},
		{[3]string{"translations/de/roles/ism.toml", `text = "Informationssicherheitsbeauftragter"`, "text = 3"}, `translations/de/roles/ism.toml:7:1: "text" must be a string, not an integer`},
		{[3]string{"translations/de/roles/ism.toml", `text = "Informationssicherheitsbeauftragter"`, "txt = \"x\""}, `unknown key "txt" in [[unit]] (did you mean "text"?)`},
		{[3]string{"translations/fr/roles/ism.toml", "", "[[unit]]\nid = \"name\"\nsource = \"sha256:28c107a0a6b66759\"\ntext = \"x\"\n"}, `translations/fr/roles/ism.toml: "fr" is not a translation of the pack: translations are read from translations/de/, translations/ja/`},
		{[3]string{"translations/de/roles/ism.toml", `source_text = "Report ISMS performance"`, `source_text = "Report ISMS results"`}, `translations/de/roles/ism.toml:30:1: "source_text" is not the text whose hash "source" records`},
		{[3]string{"translations/de/people.toml", "", "[[unit]]\nid = \"name\"\nsource = \"sha256:28c107a0a6b66759\"\ntext = \"x\"\n"}, `translations/de/people.toml: people.toml has no translatable values`},
	} {
		_, err := model.Load(multilingual(t, tc.edit))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v:\n got %v\nwant %s", tc.edit, err, tc.want)
		}
	}
}

// The translation files are pack files: the stamp's hash covers them.
func TestTranslationFilesArePackFiles(t *testing.T) {
	p := loadML(t)
	if !slices.ContainsFunc(p.Files, func(f model.SourceFile) bool { return f.Path == "translations/ja/roles/ism.toml" }) {
		t.Error("the translation files are not among Pack.Files")
	}
}

// Every string value of the format is decided: translated (a TextField)
// or not (UntranslatedFields, with why). A key added to textRules
// (everykey_test.go) fails here until it is decided.
func TestEveryTextFieldIsDecided(t *testing.T) {
	fields := map[string]bool{}
	for _, f := range model.TextFields {
		fields[f.Key] = true
		if _, also := model.UntranslatedFields[f.Key]; also {
			t.Errorf("%s is translated and not", f.Key)
		}
	}
	for key, rule := range textRules {
		if rule == ruleID || rule == ruleFixed || rule == ruleMatch {
			if fields[key] {
				t.Errorf("%s is translated but is not text", key)
			}
			continue
		}
		if fields[key] {
			continue
		}
		if _, ok := model.UntranslatedFields[key]; ok {
			continue
		}
		table := key[:strings.LastIndexByte(key, ' ')]
		if _, ok := model.UntranslatedFields[table+" *"]; ok {
			continue
		}
		if _, ok := model.UntranslatedFields[strings.SplitN(key, " ", 2)[0]+" *"]; ok {
			continue
		}
		t.Errorf("%s: decide whether it is translated (model.TextFields) or not (model.UntranslatedFields)", key)
	}
	for key := range fields {
		if _, ok := textRules[key]; !ok {
			t.Errorf("TextFields names %s, which is no key of the format", key)
		}
	}
}

// Only list positions make a list: levels and revisions are named by
// their number and version, so a level's translation is never bound to
// another level; a version with a space is a unit id too.
func TestUnitLists(t *testing.T) {
	p := loadML(t, [3]string{"pack.toml", `version = "1.0"
date`, `version = "1.0 final"
date`}, [3]string{"pack.toml", `version = "1.0"
status`, `version = "1.0 final"
status`}, [3]string{"translations/de/pack.toml", `id = "revision.1.0.summary"`, `id = "revision.1.0 final.summary"`})
	for _, c := range []struct{ source, id, list string }{
		{"roles/ism.toml", "responsibilities.2", "responsibilities.#"},
		{"roles/ism.toml", "authority.1.limit", "authority.#.limit"},
		{"competences.toml", "level.1.name", ""},
		{"pack.toml", "document.distribution.1", "document.distribution.#"},
		{"pack.toml", "revision.1.0 final.summary", ""},
	} {
		u := p.Unit(c.source, c.id)
		if u == nil {
			t.Errorf("no unit %s of %s", c.id, c.source)
			continue
		}
		if u.List() != c.list {
			t.Errorf("%s: list %q, want %q", c.id, u.List(), c.list)
		}
	}
	if st := p.TranslationState("de"); len(st.Current) != len(p.Units()) {
		t.Errorf("stale %v, missing %v", st.Stale, st.Missing)
	}
}
