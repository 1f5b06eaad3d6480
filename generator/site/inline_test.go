package site_test

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/internal/packtest"
)

// TestInlineMarkdownHTML: a role's responsibilities, authorities, limits
// and communication duties show their inline Markdown as HTML, a link to
// the site's own page relative to the role's page; the search index holds
// the plain text.
func TestInlineMarkdownHTML(t *testing.T) {
	p := packtest.Load(t, packtest.InlineMarkdown())
	files := build(t, p, site.Options{})
	ext := `class="external" rel="noopener noreferrer external">`
	assertContains(t, files, "site/roles/sysadmin.html",
		`<li>Follow the <strong>patching</strong> <a href="https://intranet.example/patching" `+ext+`standard<span class="vh"> (external link)</span>`,
		` and log each change in <code>CHG</code></li>`,
		`<li>1. Keep *this* literal</li>`,
		`<li>Restart <em>production</em> services <span class="limit">`,
		`as the <a href="https://intranet.example/change" `+ext+`change rules<span`,
		`<li>Planned outages, to the <a href="mailto:desk@example.com" `+ext+`service desk<span`,
		`<li>Vendor advisories, as the <a href="../raci.html#patching">RACI</a> says</li>`,
	)
	var index string
	for name, b := range files {
		if strings.HasSuffix(name, ".js") && strings.Contains(string(b), "window.ROLEPACK_INDEX = ") {
			index = string(b)
		}
	}
	if !strings.Contains(index, `"Follow the patching standard and log each change in CHG"`) || strings.Contains(index, "**") {
		t.Errorf("the search index does not hold the plain text of a responsibility:\n%s", index)
	}
}
