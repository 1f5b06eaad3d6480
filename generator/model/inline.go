package model

import (
	"bytes"
	"html/template"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/rolepack/rolepack/generator/messages"
)

// Inline Markdown: the one-line values of a role (responsibilities,
// authorities' text and limit, communication duties) may use emphasis,
// strong emphasis, code and links (docs/format.md, "Markdown in a line").
// A value stays its source string in the model, so that the translations'
// hashes, diff and the checks see what was written; these functions give
// its forms.
//
// A value that Markdown reads as anything else than one paragraph (it
// starts with "- ", "1. ", "# ", "> " and so on) is not a block: it is
// printed as written, every character literal (InlineSource escapes it).

// inlineMarks are the characters that may make a line more than plain
// text; a value without any is its own plain text.
const inlineMarks = "*_`[]<>\\&!~:#|=+-0123456789"

// plainLine reports whether s surely reads as plain text in Markdown.
func plainLine(s string) bool {
	return !strings.ContainsAny(s, inlineMarks) && !strings.Contains(s, "www.")
}

// parseInline parses an inline value with the link policy, returning its
// paragraph, or nil when the value is not one paragraph (a block).
func parseInline(src []byte, st *mdState) ast.Node {
	doc := parseMarkdown(src, st)
	p := doc.FirstChild()
	if p == nil || p.NextSibling() != nil || p.Kind() != ast.KindParagraph {
		return nil
	}
	return p
}

// InlineSource is the value s as inline Markdown that a paragraph or a
// list item can hold: s itself, or s escaped when it is a block.
func InlineSource(s string) string {
	if plainLine(s) {
		return s
	}
	p := parseInline([]byte(s), &mdState{media: &mdMedia{}})
	if p == nil {
		return EscapeInline(s)
	}
	// HTML is not Markdown here: it prints as written.
	var at []int
	_ = ast.Walk(p, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if raw, ok := c.(*ast.RawHTML); ok && entering && raw.Segments.Len() > 0 {
			at = append(at, raw.Segments.At(0).Start)
		}
		return ast.WalkContinue, nil
	})
	for i := len(at) - 1; i >= 0; i-- {
		s = s[:at[i]] + "\\" + s[at[i]:]
	}
	return s
}

// EscapeInline makes plain text literal in Markdown: every ASCII
// punctuation character gets a backslash (CommonMark allows it before any
// of them), and a line break becomes a space, so the text cannot start a
// list, heading or emphasis, or end the paragraph it is written in.
func EscapeInline(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 128 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// InlineDoc parses inline Markdown (InlineSource's form) with the pack's
// link policy: the paragraph it is, whose text nodes refer to the
// returned source.
func InlineDoc(md string) (ast.Node, []byte) {
	md = InlineSource(md)
	src := []byte(md)
	if p := parseInline(src, &mdState{media: &mdMedia{}}); p != nil {
		return p, src
	}
	src = []byte(EscapeInline(md))
	p := parseInline(src, &mdState{media: &mdMedia{}})
	if p == nil {
		p = ast.NewParagraph() // unreachable: escaped text is one paragraph
	}
	return p, src
}

// InlineHTML renders inline Markdown as HTML for a page whose path back to
// the site's root is root ("" or "../"), without an enclosing paragraph.
func InlineHTML(md, root string) template.HTML {
	if plainLine(md) {
		return template.HTML(template.HTMLEscapeString(md)) //nolint:gosec // escaped
	}
	md = InlineSource(md)
	h := string(renderMarkdown(md, &mdState{media: &mdMedia{relative: true}, root: root}))
	h = strings.TrimSpace(h)
	h = strings.TrimPrefix(h, "<p>")
	h = strings.TrimSuffix(h, "</p>")
	return template.HTML(h) //nolint:gosec // goldmark output, raw HTML off, links filtered
}

// InlinePlain is inline Markdown's text without markup: a link is its
// label. It is what search, comparisons and plain-text cells use.
func InlinePlain(md string) string {
	if plainLine(md) {
		return md
	}
	p, src := InlineDoc(md)
	var b strings.Builder
	_ = ast.Walk(p, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(unescapePunct(t.Segment.Value(src)))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for k := t.FirstChild(); k != nil; k = k.NextSibling() {
				if tx, ok := k.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// unescapePunct drops the backslash of a backslash escape.
func unescapePunct(b []byte) []byte {
	if bytes.IndexByte(b, '\\') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) && b[i+1] < 128 && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", b[i+1]) >= 0 {
			i++
		}
		out = append(out, b[i])
	}
	return out
}

// checkInline applies the link policy to an inline value at pos while the
// pack loads: a refused link or an image is an error at the
// line and column where it is written. (HTML in it prints as written.)
func (l *loader) checkInline(pos Pos, s string) {
	if plainLine(s) {
		return
	}
	at := func(off int) Pos {
		// The value as written on its line (without escapes), from its
		// key or entry on: the column of the offset within it.
		p := pos
		line := l.sourceLine(pos)
		from := 0
		if pos.Col > 1 {
			from = len(string([]rune(line)[:min(pos.Col-1, utf8.RuneCountInString(line))]))
		}
		if i := strings.Index(line[from:], s); i >= 0 && off >= 0 && off <= len(s) {
			p.Col = utf8.RuneCountInString(line[:from+i]) + utf8.RuneCountInString(s[:off]) + 1
		}
		return p
	}
	st := &mdState{media: &mdMedia{}, load: &mdLoad{l: l, pos: pos, report: func(off int, msg string) {
		l.errs.Add(at(off), msg)
	}}}
	src := InlineSource(s)
	if src != s && !strings.HasPrefix(src, "\\") {
		// HTML made literal: an offset in src is one in s less the
		// backslashes added before it.
		report := st.load.report
		st.load.report = func(off int, msg string) {
			i, j := 0, 0
			for i < off && i < len(src) {
				if j < len(s) && src[i] == s[j] {
					j++
				}
				i++
			}
			report(j, msg)
		}
	}
	parseInline([]byte(src), st)
}

// checkInlineItems checks each item of a list as an inline value.
func (l *loader) checkInlineItems(items []Item) {
	for _, it := range items {
		l.checkInline(it.Pos, it.Text)
	}
}

// InlineText is the message key of c as inline Markdown, its words
// escaped and its arguments (name, value pairs) inline Markdown already,
// put in as they are: a sentence around a responsibility or a limit.
func InlineText(c *messages.Catalogue, key string, args ...string) string {
	slots := make([]any, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		slots[i], slots[i+1] = args[i], string(rune(0xE000+i/2))
	}
	s := EscapeInline(c.Text(key, slots...))
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, string(rune(0xE000+i/2)), args[i+1])
	}
	return s
}
