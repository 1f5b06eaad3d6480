package pdf_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/pdf"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// TestInlineMarkdownLinks: a link in a responsibility or a communication
// duty is a link annotation of the controlled document and of the brief,
// and the text reads without its Markdown.
func TestInlineMarkdownLinks(t *testing.T) {
	need(t, "pdftotext")
	p := packtest.Load(t, packtest.InlineMarkdown())
	v := view.New(p, st, check.Run(p, st.Date()))
	doc, err := pdf.Document(v)
	if err != nil {
		t.Fatal(err)
	}
	brief, err := pdf.Brief(v, v.Person(p.Person("bob")))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"document": doc, "brief": brief} {
		for _, uri := range []string{"https://intranet.example/patching", "mailto:desk@example.com"} {
			if !bytes.Contains(data, []byte("/Subtype /Link")) || !bytes.Contains(data, []byte("/S /URI /URI ("+uri+")")) {
				t.Errorf("%s: no link annotation to %s", name, uri)
			}
		}
		if bytes.Contains(data, []byte("raci.html")) {
			t.Errorf("%s: a link to a page of the site is live on paper", name)
		}
		txt := flat(text(t, write(t, data)))
		for _, want := range []string{
			"Follow the patching standard (https://intranet.example/patching) and log each change in CHG",
			"Planned outages, to the service desk (desk@example.com)",
			"1. Keep *this* literal",
		} {
			if !strings.Contains(txt, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
		if strings.Contains(txt, "**") || strings.Contains(txt, "](") {
			t.Errorf("%s prints Markdown", name)
		}
	}
}
