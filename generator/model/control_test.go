package model_test

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/internal/packtest"
)

// role returns an auditor role file with the given name, purpose and one
// responsibility, each written as TOML basic-string bodies (escapes apply).
func role(name, purpose, responsibility string) string {
	return "-- roles/auditor.toml --\nid = \"auditor\"\nname = \"" + name + "\"\ncategory = \"Assurance\"\npurpose = \"" + purpose +
		"\"\nresponsibilities = [\"" + responsibility + "\"]\n\n[[assignment]]\nperson = \"eve\"\nappointed_on = 2025-01-01\n"
}

// Control characters written as TOML escapes reach no output: the loader
// refuses them in every string, except tab anywhere and line breaks in long
// text. Bidirectional controls are refused in every short value, list
// entries included; long text refuses embeddings, overrides and isolates.
func TestControlCharactersRefused(t *testing.T) {
	for _, tc := range []struct {
		name, role, want string
	}{
		{"escape sequence in a name", role(`Au\u001b[2Jditor`, "p", "r"),
			`roles/auditor.toml:2:1: "name" contains a control character (U+001B) at position 3; remove it`},
		{"C1 control in a name", role(`Auditor\u009b`, "p", "r"),
			`roles/auditor.toml:2:1: "name" contains a control character (U+009B) at position 8; remove it`},
		{"line break in a name", role(`Au\nditor`, "p", "r"),
			`roles/auditor.toml:2:1: "name" contains a control character (U+000A) at position 3; remove it`},
		{"DEL in a list entry", role("Auditor", "p", `r\u007f`),
			`roles/auditor.toml:5:21: entry 1 of "responsibilities" contains a control character (U+007F) at position 2; remove it`},
		{"override in a list entry", role("Auditor", "p", `Plan \u202eeht tidua`),
			`roles/auditor.toml:5:21: entry 1 of "responsibilities" contains a bidirectional control character (U+202E) at position 6; remove it`},
		{"mark in a list entry", role("Auditor", "p", `Plan the audit \u200f`),
			`roles/auditor.toml:5:21: entry 1 of "responsibilities" contains a bidirectional control character (U+200F) at position 16; remove it`},
		{"isolate in long text", role("Auditor", `Checks \u2067تدقيق\u2069.`, "r"),
			`roles/auditor.toml:4:1: "purpose" contains a bidirectional control character (U+2067) at position 8; remove it`},
		{"line separator in a name", role(`Audi\u2028tor`, "p", "r"),
			`roles/auditor.toml:2:1: "name" contains a line break (U+2028) at position 5; remove it`},
		{"escape in long text", role("Auditor", `p\u001b`, "r"),
			`roles/auditor.toml:4:1: "purpose" contains a control character (U+001B) at position 2; remove it`},
		{"right-to-left override in a name", role(`Audi\u202etor`, "p", "r"),
			`roles/auditor.toml:2:1: "name" contains a bidirectional control character (U+202E) at position 5; remove it`},
		{"isolate in a category", strings.Replace(role("Auditor", "p", "r"), "Assurance", `\u2066Assurance`, 1),
			`roles/auditor.toml:3:1: "category" contains a bidirectional control character (U+2066) at position 1; remove it`},
		{"mark in a person's name", "-- people.toml --\n[[person]]\nid = \"eve\"\nname = \"Eve\\u200f\"\njob_title = \"Auditor\"\n",
			`people.toml:3:1: "name" contains a bidirectional control character (U+200F) at position 4; remove it`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := loadErrors(t, packtest.With(packtest.Minimal, tc.role))
			if !contains(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
}

// Tabs anywhere, and line breaks and direction marks in long text, are
// text, not controls: the pack loads.
func TestTextCharactersAccepted(t *testing.T) {
	p := packtest.Load(t, packtest.With(packtest.Minimal, role(`Audi\ttor`, `Checks.\n\nReports.\t\u200fشكرا`, `Plan\tthe audit`)))
	r := p.Role("auditor")
	if !strings.Contains(r.Purpose.Source, "\n\nReports.\t\u200f") || r.Name != "Audi\ttor" {
		t.Errorf("purpose %q, name %q", r.Purpose.Source, r.Name)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
