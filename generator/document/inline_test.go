package document_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/letters"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// TestInlineMarkdownGolden: the document, brief and letter of a pack
// whose list values hold inline Markdown (packtest.InlineMarkdown), as
// text, are testdata/inline.txt.
func TestInlineMarkdownGolden(t *testing.T) {
	p := packtest.Load(t, packtest.InlineMarkdown())
	v := view.New(p, st, check.Run(p, packtest.PacksAsOf))
	var b strings.Builder
	b.WriteString(document.New(v).Text())
	tmpl, err := letters.Load(p.Templates())
	if err != nil {
		t.Fatal(err)
	}
	pv := v.Person(p.Person("bob"))
	b.WriteString("==== brief\n")
	b.WriteString(document.Brief(v, pv).Text())
	for _, l := range letters.For(v, pv) {
		body, err := tmpl.Appointment.Execute(l.Fields)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "---- %s\n", l.File)
		b.WriteString(document.NewLetter(v, l, body).Text())
	}
	golden(t, filepath.Join("testdata", "inline.txt"), b.String())
}

// TestInlineRuns: a line of inline Markdown is runs of its styles, a web
// or mail link live with its address after it, a link to the site's page
// its label alone; a block is its text as written.
func TestInlineRuns(t *testing.T) {
	cases := []struct {
		md   string
		want []document.Run
	}{
		{"Patch servers", []document.Run{{Text: "Patch servers"}}},
		{"Follow the **patching** [standard](https://x.example/p) in `CHG`", []document.Run{
			{Text: "Follow the "}, {Text: "patching", Bold: true}, {Text: " "},
			{Text: "standard", Link: "https://x.example/p"}, {Text: " (https://x.example/p) in "}, {Text: "CHG", Code: true}}},
		{"Tell the [desk](mailto:d@x.example)", []document.Run{{Text: "Tell the "}, {Text: "desk", Link: "mailto:d@x.example"}, {Text: " (d@x.example)"}}},
		{"See the [RACI](raci.html#a) *now*", []document.Run{{Text: "See the RACI "}, {Text: "now", Italic: true}}},
		{"- not a list", []document.Run{{Text: "- not a list"}}},
	}
	for _, c := range cases {
		got := document.Inline(c.md)
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("Inline(%q)\n got %+v\nwant %+v", c.md, got, c.want)
		}
	}
}
