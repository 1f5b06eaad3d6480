package model_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// The table of model.IsDefaultIgnorable is Unicode's derived property
// Default_Ignorable_Code_Point, worked out again here from the properties
// the standard library carries, by the derivation DerivedCoreProperties.txt
// states: Other_Default_Ignorable_Code_Point + Cf + Variation_Selector −
// White_Space − U+FFF9..FFFB − the Egyptian hieroglyph format controls −
// Prepended_Concatenation_Mark. A Go release with a newer Unicode that
// changes the property fails here until the table follows.
func TestDefaultIgnorableTable(t *testing.T) {
	n := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := (unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r)) &&
			!unicode.Is(unicode.White_Space, r) &&
			!(r >= 0xfff9 && r <= 0xfffb) &&
			!(r >= 0x13430 && r <= 0x13440) &&
			!unicode.Is(unicode.Prepended_Concatenation_Mark, r)
		if got := model.IsDefaultIgnorable(r); got != want {
			t.Errorf("IsDefaultIgnorable(U+%04X) = %v, want %v", r, got, want)
		}
		if want {
			n++
		}
	}
	// 4,174 code points in Unicode 15, as DerivedCoreProperties.txt counts.
	if n != 4174 {
		t.Errorf("%d default-ignorable code points (Unicode %s), want 4174", n, unicode.Version)
	}
}

// An invisible character in a name is refused where it is written, as the
// only error: it would make two names that look the same differ, or hide in
// one. Ids are slugs, so they cannot hold one either.
func TestInvisibleCharactersInNamesRefused(t *testing.T) {
	person := func(name string) string {
		return packtest.Edit(packtest.Minimal, "people.toml", `name = "Carla Chief"`, `name = "`+name+`"`)
	}
	for _, tc := range []struct {
		name, pack, want string
	}{
		{"zero width space in a person's name", person(`Carla\u200bChief`),
			`people.toml:3:1: "name" contains an invisible character (U+200B) at position 6; remove it`},
		{"word joiner in a person's name", person(`Carla Chief\u2060`),
			`people.toml:3:1: "name" contains an invisible character (U+2060) at position 12; remove it`},
		{"raw zero width space in a person's name", person("Carla\u200b Chief"),
			`people.toml:3:1: "name" contains an invisible character (U+200B) at position 6; remove it`},
		{"Hangul filler as a person's name", person(`\u3164`),
			`people.toml:3:1: "name" contains an invisible character (U+3164) at position 1; remove it`},
		{"tag characters in a company", packtest.Edit(packtest.Minimal, "people.toml", `company = "Audit Partners"`, `company = "Audit Partners\U000e0041\U000e0042"`),
			`people.toml:33:1: "company" contains an invisible character (U+E0041) at position 15; remove it`},
		{"soft hyphen in a role's name", packtest.Edit(packtest.Minimal, "roles/ceo.toml", `name = "Chief Executive"`, `name = "Chief Exe\u00adcutive"`),
			`roles/ceo.toml:2:1: "name" contains an invisible character (U+00AD) at position 10; remove it`},
		{"zero width space in a role's category", packtest.Edit(packtest.Minimal, "roles/ceo.toml", `category = "Top management"`, `category = "Top\u200b management"`),
			`roles/ceo.toml:3:1: "category" contains an invisible character (U+200B) at position 4; remove it`},
		{"byte-order mark in a version", packtest.Edit(packtest.Minimal, "pack.toml", `version = "1.0"`+"\nstatus", `version = "1.0\ufeff"`+"\nstatus"),
			`pack.toml:16:1: "version" contains an invisible character (U+FEFF) at position 4; remove it`},
		{"zero width space in a person id", packtest.Edit(packtest.Minimal, "people.toml", `id = "eve"`, `id = "eve\u200b"`),
			`people.toml:29:1: id "eve\u200b" is not a lower-case slug: use a–z, 0–9 and single hyphens, such as "eve"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := loadErrors(t, tc.pack)
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
}

// A name from the HR export follows the same rule, reported at its cell.
func TestInvisibleCharactersInHRNamesRefused(t *testing.T) {
	pack := packtest.Edit(packtest.HR(t, "bamboohr"), "hr/people.csv", "ann,Ann,Admin,", "ann,Ann\u2060,Admin,")
	got := loadErrors(t, pack)
	want := "hr/people.csv:3:5: first_name: value contains an invisible character (U+2060) at position 4; remove it"
	if !contains(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// The joiners and selectors that scripts and emoji need stay allowed in
// names: the zero-width non-joiner of Persian and Hindi, the zero-width
// joiner of emoji sequences, a variation selector of a Japanese name and
// the Mongolian vowel separator. Short values other than names may hold any
// invisible character but a direction control.
func TestJoinersAllowedInNames(t *testing.T) {
	names := map[string]string{
		"ceo-person": "مریم حسن\u200cزاده",              // Maryam Hassanzadeh: ZWNJ before the suffix -zadeh
		"ann":        "आदित्\u200cय शर्मा",              // Aditya Sharma, the virama shown with ZWNJ
		"bob":        "葛\U000e0100城 太郎",                 // an ideographic variation sequence
		"dora":       "Dora \U0001f469\u200d\U0001f4bb", // woman technologist: an emoji ZWJ sequence
		"eve":        "ᠨᠠ\u180eᠠ Eve",                   // Mongolian vowel separator
	}
	pack := packtest.Minimal
	for id, name := range names {
		old := map[string]string{"ceo-person": "Carla Chief", "ann": "Ann Admin", "bob": "Bob Builder", "dora": "Dora Deputy", "eve": "Eve Auditor"}[id]
		pack = packtest.Edit(pack, "people.toml", `name = "`+old+`"`, `name = "`+name+`"`)
	}
	pack = packtest.Edit(pack, "roles/ceo.toml", `responsibilities = [`, `responsibilities = ["Keep the พระราชบัญญัติ\u200bคุ้มครองข้อมูล register",`)
	p := packtest.Load(t, pack)
	for id, name := range names {
		if got := p.Person(id).Name; got != name {
			t.Errorf("%s: name %q, want %q", id, got, name)
		}
	}
}
