package check

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/rolepack/rolepack/generator/fonts"
)

// unprintable reports each printed value holding a character that no face
// of the pack has (RP-FONT-01): Pack.Fonts().Printable is the rule the PDF
// falls back by, so what passes here prints, and what fails would be a box.
func (c *checker) unprintable() {
	set := c.p.Fonts()
	for _, t := range c.p.PrintedTexts() {
		var scripts []string
		example := map[string]rune{}
		for _, r := range t.Text {
			if set.Printable(r) {
				continue
			}
			script := fonts.ScriptOf(r)
			if _, seen := example[script]; !seen {
				scripts = append(scripts, script)
				example[script] = r
			}
		}
		if len(scripts) == 0 {
			continue
		}
		var missing, add []string
		for _, script := range scripts {
			r := example[script]
			missing = append(missing, fmt.Sprintf("U+%04X %q (%s)", r, r, script))
			if s, ok := fonts.ForScript(script); ok {
				entry := fmt.Sprintf("[[font]] family = %q (on Debian: apt install %s)", s.Family, s.Package)
				if !slices.Contains(add, entry) {
					add = append(add, entry)
				}
			}
		}
		value := shorten(t.Text, 60) // quoted by %q: escaped for a terminal
		if len(add) == 0 {
			c.findings = append(c.findings, finding("RP-FONT-01/symbols", t.Pos, t.Label, value, strings.Join(missing, ", ")))
			continue
		}
		fix := strings.Join(add, ", and ")
		if example[fonts.Symbols] != 0 {
			fix += "; and remove the emoji and symbols, which no font the PDF can embed has"
		}
		c.findings = append(c.findings, findingFixing("RP-FONT-01/script", t.Pos, fix, t.Label, value, strings.Join(missing, ", ")))
	}
}

// shorten cuts s to n characters, marking the cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
