package docx_test

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// TestInlineMarkdownHyperlinks: a link in a responsibility or a
// communication duty is a hyperlink of the Word file, its emphasis a run
// property, and no Markdown is left in the text.
func TestInlineMarkdownHyperlinks(t *testing.T) {
	p := packtest.Load(t, packtest.InlineMarkdown())
	asOf := packtest.PacksAsOf
	st := stampAt(asOf)
	parts, _ := unzip(t, render(t, view.New(p, st, check.Run(p, asOf))))
	body, rels := string(parts["word/document.xml"]), string(parts["word/_rels/document.xml.rels"])
	for _, target := range []string{"https://intranet.example/patching", "mailto:desk@example.com"} {
		if !strings.Contains(rels, `Target="`+target+`" TargetMode="External"`) {
			t.Errorf("no hyperlink relationship to %s", target)
		}
	}
	for _, want := range []string{`<w:hyperlink r:id="rIdLink`, `<w:b/>`, `>patching</w:t>`, `>CHG</w:t>`} {
		if !strings.Contains(body, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if strings.Contains(body, "**patching**") || strings.Contains(body, "](https:") {
		t.Error("document.xml holds Markdown")
	}
}
