package model_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

func withLanguages(lines string) string {
	return packtest.Edit(packtest.Minimal, "pack.toml", "[organisation]", lines+"\n\n[organisation]")
}

// The languages a pack is built in: its own first, then the translations
// in the order languages names them; an acknowledgement is of one of them,
// the pack's own when it does not say.
func TestLanguages(t *testing.T) {
	p, err := model.Load(packtest.Write(t, withLanguages(`language = "de"
languages = ["ja", "de", "en"]`)))
	if err != nil {
		t.Fatal(err)
	}
	if p.Language != "de" || !slices.Equal(p.Languages, []string{"de", "ja", "en"}) {
		t.Errorf("language %q, languages %v; want de, [de ja en]", p.Language, p.Languages)
	}
	if got := p.LanguagePos["ja"]; got.File != "pack.toml" || got.Line != 2 || got.Col != 14 {
		t.Errorf("ja is named at %v; want pack.toml:2:14", got)
	}
	for _, a := range p.Acknowledgements {
		if a.Language != "de" {
			t.Errorf("%s's acknowledgement is of %q; want the pack's own language, de", a.PersonID, a.Language)
		}
	}
	p, err = model.Load(packtest.Write(t, packtest.Minimal))
	if err != nil {
		t.Fatal(err)
	}
	if p.Language != "en" || !slices.Equal(p.Languages, []string{"en"}) {
		t.Errorf("a pack that names no language: %q, %v; want en, [en]", p.Language, p.Languages)
	}
}

func TestLanguageErrors(t *testing.T) {
	for _, tc := range []struct{ name, archive, want string }{
		{"not a tag", withLanguages(`language = "German"`), `pack.toml:1:1: "German" is not a language tag`},
		{"not a tag in languages", withLanguages(`languages = ["en", "DE"]`), `pack.toml:1:20: "DE" is not a language tag`},
		{"twice", withLanguages(`languages = ["en", "de", "de"]`), `pack.toml:1:26: "de" is listed twice`},
		{"own language left out", withLanguages(`language = "de"
languages = ["en"]`), `pack.toml:2:1: languages must name the language the sources are written in (language = "de")`},
		{"acknowledged in another language", packtest.Edit(packtest.Minimal, "acknowledgements.toml", `date = 2026-06-20`, "date = 2026-06-20\nlanguage = \"fr\""),
			`acknowledgements.toml:5:1: language "fr" is not one of the pack's languages (en)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errs := loadErrors(t, tc.archive)
			if !slices.ContainsFunc(errs, func(e string) bool { return strings.HasPrefix(e, tc.want) }) {
				t.Errorf("errors %q\nwant one starting %s", errs, tc.want)
			}
		})
	}
}

// A pack may write its letters in any language, one rolepack ships none
// for included; a letter that is not one of rolepack's is still refused.
func TestLettersOfAnyLanguage(t *testing.T) {
	ok := packtest.With(packtest.Minimal, "-- templates/letters/sv/appointment.md --\nHej {{.Person}}\n-- templates/letters/en/deputy.md --\nDear {{.Person}}\n")
	if _, err := model.Load(packtest.Write(t, ok)); err != nil {
		t.Errorf("letters in Swedish and English: %v", err)
	}
	bad := packtest.With(packtest.Minimal, "-- templates/letters/sv/welcome.md --\nHej\n")
	if errs := loadErrors(t, bad); !slices.ContainsFunc(errs, func(e string) bool {
		return strings.HasPrefix(e, "templates/letters/sv/welcome.md: unknown template override")
	}) {
		t.Errorf("errors %q; want the unknown letter refused", errs)
	}
}
