package check

import (
	"fmt"
	"regexp"
	"unicode/utf8"

	"github.com/rolepack/rolepack/generator/fonts"
)

// unprintable reports each printed value holding a character that no face
// of the pack has (RP-FONT-01): Pack.Fonts().Printable is the rule the PDF
// falls back by, so what passes here prints, and what fails would be a box.
func (c *checker) unprintable() {
	set := c.p.Fonts()
	for _, t := range append(c.p.PrintedTexts(), c.opts.Printed...) {
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
		var missing []Text
		var add []Text
		seen := map[string]bool{}
		for _, script := range scripts {
			r := example[script]
			missing = append(missing, text("finding.field.char", "char", fmt.Sprintf("U+%04X %q", r, r), "script", scriptName(script)))
			if s, ok := fonts.ForScript(script); ok && !seen[s.Family+"\x00"+s.Package] {
				seen[s.Family+"\x00"+s.Package] = true
				add = append(add, text("finding.field.font", "family", quoted(s.Family), "package", s.Package))
			}
		}
		value := quoted(shorten(t.Text, 60)) // escaped for a terminal
		args := []any{"field", fieldLabel(t.Label), "value", value, "chars", List{Sep: "finding.sep.list", Items: missing}}
		if len(add) == 0 {
			c.findings = append(c.findings, finding("RP-FONT-01/symbols", t.Pos, args...))
			continue
		}
		var fix any = List{Sep: "finding.sep.fonts", Items: add}
		if example[fonts.Symbols] != 0 {
			fix = text("finding.field.also_symbols", "fonts", fix)
		}
		c.findings = append(c.findings, finding("RP-FONT-01/script", t.Pos, append(args, "fonts", fix)...))
	}
}

// scriptName is a script's name as RP-FONT-01 prints it: Unicode's name
// ("Han", "Hebrew"), or, for the characters of no script, a Text.
func scriptName(script string) any {
	switch script {
	case fonts.Symbols:
		return text("finding.field.symbols")
	case fonts.CJKSymbols:
		return text("finding.field.cjk_symbols")
	}
	return script
}

// Labels of printed values (model.PrintedText.Label), as the loader words
// them, so that RP-FONT-01 can name the value in any language.
var (
	keyOfLabel   = regexp.MustCompile(`^"((?:[^"\\]|\\.)*)" of (\[.*\])$`)
	entryOfLabel = regexp.MustCompile(`^entry ([0-9]+) of "((?:[^"\\]|\\.)*)" of (\[.*\])$`)
	entryLabel   = regexp.MustCompile(`^entry ([0-9]+) of "((?:[^"\\]|\\.)*)"$`)
	keyLabel     = regexp.MustCompile(`^"((?:[^"\\]|\\.)*)"$`)
	cellLabel    = regexp.MustCompile(`^the (.+) cell$`)
	// messagesLabel is the label of the fixed words of a language's
	// catalogue (Options.Printed).
	messagesLabel = regexp.MustCompile(`^messages of rolepack in (.+)$`)
)

// fieldLabel is a printed value's label as a Text: `"name" of [[person]]`,
// `entry 2 of "duties" of [[role]]`, `the name cell`, `letter template
// line`; a label of another form is printed as it is.
func fieldLabel(label string) any {
	if m := keyOfLabel.FindStringSubmatch(label); m != nil {
		return text("finding.field.key_of", "key", m[1], "table", m[2])
	}
	if m := entryOfLabel.FindStringSubmatch(label); m != nil {
		return text("finding.field.entry_of", "n", m[1], "key", m[2], "table", m[3])
	}
	if m := entryLabel.FindStringSubmatch(label); m != nil {
		return text("finding.field.entry", "n", m[1], "key", m[2])
	}
	if m := keyLabel.FindStringSubmatch(label); m != nil {
		return text("finding.field.key", "key", m[1])
	}
	if m := cellLabel.FindStringSubmatch(label); m != nil {
		return text("finding.field.cell", "column", m[1])
	}
	if m := messagesLabel.FindStringSubmatch(label); m != nil {
		return text("finding.field.messages", "language", m[1])
	}
	if label == "letter template line" {
		return text("finding.field.template_line")
	}
	return label
}

// shorten cuts s to n characters, marking the cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
