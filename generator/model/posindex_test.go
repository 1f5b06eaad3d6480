package model

import (
	"strings"
	"testing"
)

func TestPosIndex(t *testing.T) {
	src := `# comment
title = "a # not a comment"
multi = """
line one
line "two" """
list = [
  "first",   # trailing comment
  'second',
  { text = "third", limit = "x" },
]

[document]
id = "D-1"
"quoted key" = 1
dotted.key = 2

[[assignment]]
person = "ann"

[[assignment]]
person = "bob"
deputy = "ann"

[[role.assignment]]
person = "cy"
`
	ix := indexPositions("f.toml", []byte(src))
	for path, want := range map[string]string{
		"title":                   "f.toml:2:1",
		"multi":                   "f.toml:3:1",
		"list":                    "f.toml:6:1",
		"list[0]":                 "f.toml:7:3",
		"list[1]":                 "f.toml:8:3",
		"list[2]":                 "f.toml:9:3",
		"list[2].limit":           "f.toml:9:21",
		"document":                "f.toml:12:1",
		"document.id":             "f.toml:13:1",
		"document.quoted key":     "f.toml:14:1",
		"document.dotted.key":     "f.toml:15:1",
		"assignment[0]":           "f.toml:17:1",
		"assignment[0].person":    "f.toml:18:1",
		"assignment[1].person":    "f.toml:21:1",
		"assignment[1].deputy":    "f.toml:22:1",
		"role.assignment[0]":      "f.toml:24:1",
		"assignment[1].nothing":   "f.toml:20:1", // falls back to the table
		"role.assignment[0].what": "f.toml:24:1",
	} {
		if got := ix.lookup(path).String(); got != want {
			t.Errorf("%s at %s, want %s", path, got, want)
		}
	}
}

// Columns count characters, not bytes, so they match what an editor shows.
func TestPosIndexColumnsCountRunes(t *testing.T) {
	ix := indexPositions("f.toml", []byte("names = [\"Zoë\", \"Дмитрий\", \"x\"]\n"))
	if got := ix.lookup("names[2]").String(); got != "f.toml:1:28" {
		t.Errorf("got %s", got)
	}
}

// Malformed input never hangs or panics.
func FuzzPosIndex(f *testing.F) {
	for _, s := range []string{"a = [", "[[x", `s = """`, "a = {b = [1,", "\xff\xfe", "x = 'y\n[z]\nk=1"} {
		f.Add(s)
	}
	for name, shape := range hostileShapes {
		for _, n := range ShapeSizes {
			f.Add(shape(n))
		}
		f.Add(name + " = " + shape(MaxNesting+1))
	}
	f.Fuzz(func(t *testing.T, s string) {
		ix, limit := scanSource("f.toml", []byte(s))
		lines := strings.Count(s, "\n") + 1
		for _, p := range []Pos{ix.lookup("a.b[0].c"), ix.lookup("a"), ix.lookup("a[0][0]")} {
			if p.Line < 1 || p.Line > lines || p.Col < 1 {
				t.Fatalf("position %s outside the %d lines", p, lines)
			}
		}
		if limit != nil && (limit.pos.Line < 1 || limit.pos.Line > lines || limit.msg == "") {
			t.Fatalf("limit at %s: %q", limit.pos, limit.msg)
		}
	})
}

func TestSuggest(t *testing.T) {
	known := []string{"responsibilities", "authority", "name", "purpose"}
	for in, want := range map[string]string{
		"responsibilites": "responsibilities",
		"nmae":            "name",
		"purpse":          "purpose",
		"zzzzzz":          "",
	} {
		if got := suggest(in, known); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}
