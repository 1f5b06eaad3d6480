package model

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// PrintedText is a source value that the documents print, with where it
// is written: what `rolepack check` looks at for characters no font of the
// pack can print (RP-FONT-01).
type PrintedText struct {
	Pos   Pos    // the key, the list entry or the HR export's cell
	Label string // what the value is, as messages name it: `"name" of [[person]]`
	Text  string
}

// PrintedTexts are the values the documents print that hold a character
// beyond ASCII, which the built-in faces print whole; in the order they
// were read. Values the documents do not print (paths, column headers,
// git references, sort keys, the [[font]] entries) are not among them.
func (p *Pack) PrintedTexts() []PrintedText { return p.printed }

// notPrinted are the keys read as text that no document prints, by table
// ("*" for every key of it).
var notPrinted = map[string][]string{
	"[people]":         {"*"},
	"[people.columns]": {"*"},
	"[[font]]":         {"*"},
	// A completions export's settings; its source and label are printed,
	// in each record's evidence.
	"[[completions]]":                   {"preset", "date_format", "match", "ignore"},
	"[completions.columns]":             {"*"},
	"[completions.courses]":             {"*"},
	"a course of [completions.courses]": {"*"},
	"[[revision]]":                      {"git_ref"},
	"[[person]]":                        {"sort_name"},
	// A translation's text is printed in its language's outputs; the
	// source text it records is the source's, checked there.
	"[[unit]]": {"id", "source", "source_text"},
}

// printed keeps the value s of key k (a key path such as "agenda[2]") when
// the documents print it and it is not plain ASCII.
func (o *obj) printed(k, label, s string) {
	if o.d.pack == nil || isASCII(s) {
		return
	}
	if not := notPrinted[o.name]; slices.Contains(not, "*") || slices.Contains(not, k) {
		return
	}
	if o.name != "the file" {
		label += " of " + o.name
	}
	o.d.pack.keepPrinted(o.pos(k), label, strings.TrimSpace(s))
}

func (p *Pack) keepPrinted(pos Pos, label, s string) {
	if isASCII(s) {
		return
	}
	p.printed = append(p.printed, PrintedText{Pos: pos, Label: label, Text: s})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// keepTemplateText keeps the lines of the pack's letter templates
// (templates/letters/*.md) that hold a character beyond ASCII: the
// letters print their text as the pack's values are printed.
func (p *Pack) keepTemplateText(files []SourceFile) {
	for _, f := range files {
		if !strings.HasPrefix(f.Path, TemplatesDir+"/letters/") || !strings.HasSuffix(f.Path, ".md") {
			continue
		}
		for i, line := range strings.Split(string(f.Data), "\n") {
			if isASCII(line) {
				continue
			}
			p.keepPrinted(Pos{File: f.Path, Line: i + 1, Col: 1}, "letter template line", line)
		}
	}
}
