package document

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/rolepack/rolepack/generator/model"
)

// Markdown converts a Markdown value of the sources into blocks, once,
// for every writer: paragraphs of styled runs (emphasis, code, links,
// images) and lists, nested. A heading inside the text becomes a bold
// paragraph (the document's own headings number its parts); anything
// else is kept as its plain text. The model has already dropped the links
// and images its policy refuses; a link to a page of the site keeps its
// text and loses its address, which means nothing on paper.
func Markdown(m model.Markdown) []Block { return convert(m, false) }

// MarkdownHeadings is Markdown keeping the text's headings as headings,
// of the text's own levels (1 to 6): for a text that is a document of its
// own, such as a letter.
func MarkdownHeadings(m model.Markdown) []Block { return convert(m, true) }

func convert(m model.Markdown, headings bool) []Block {
	if strings.TrimSpace(m.Source) == "" {
		return nil
	}
	root, src := m.Doc()
	c := converter{m: m, src: src, headings: headings}
	return c.blocks(root)
}

type converter struct {
	m        model.Markdown
	src      []byte
	headings bool
}

func (c converter) blocks(n ast.Node) []Block {
	var out []Block
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		switch k.Kind() {
		case ast.KindParagraph, ast.KindTextBlock:
			out = append(out, &Paragraph{Runs: c.runs(k, Run{}, nil)})
		case ast.KindHeading:
			if c.headings {
				out = append(out, &Heading{Level: k.(*ast.Heading).Level, Text: plainText(k, c.src)})
				continue
			}
			out = append(out, &Paragraph{Runs: c.runs(k, Run{Bold: true}, nil)})
		case ast.KindList:
			list := k.(*ast.List)
			l := &List{Ordered: list.IsOrdered(), Start: list.Start}
			for item := k.FirstChild(); item != nil; item = item.NextSibling() {
				l.Items = append(l.Items, c.blocks(item))
			}
			out = append(out, l)
		case ast.KindThematicBreak:
		default:
			if t := plainText(k, c.src); t != "" {
				out = append(out, Plain(t))
			}
		}
	}
	return out
}

// runs flattens a paragraph's inline nodes into runs of style.
func (c converter) runs(n ast.Node, style Run, out []Run) []Run {
	add := func(r Run) {
		// Runs of the same style merge, so writers see words whole.
		if l := len(out) - 1; l >= 0 && r.Image == nil && out[l].Image == nil &&
			out[l].Bold == r.Bold && out[l].Italic == r.Italic && out[l].Code == r.Code && out[l].Link == r.Link {
			out[l].Text += r.Text
			return
		}
		out = append(out, r)
	}
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		switch t := k.(type) {
		case *ast.Text:
			r := style
			// A backslash escape ("\*") is kept in the text's source; the
			// reader sees the character alone.
			r.Text = string(util.UnescapePunctuations(t.Segment.Value(c.src)))
			switch {
			case t.HardLineBreak():
				r.Text += "\n"
			case t.SoftLineBreak():
				r.Text += " "
			}
			add(r)
		case *ast.String:
			r := style
			r.Text = string(t.Value)
			add(r)
		case *ast.CodeSpan:
			r := style
			r.Text, r.Code = plainText(k, c.src), true
			add(r)
		case *ast.Emphasis:
			s := style
			if t.Level >= 2 {
				s.Bold = true
			} else {
				s.Italic = true
			}
			out = c.runs(k, s, out)
		case *ast.Link:
			label, dest := plainText(k, c.src), string(t.Destination)
			r := style
			r.Text = label
			if LiveLink(dest) {
				// The address follows the label, so a printed copy shows
				// where the link leads and a reader sees it leaves the pack.
				r.Link = dest
				add(r)
				if shown := strings.TrimPrefix(dest, "mailto:"); shown != label {
					r := style
					r.Text = " (" + shown + ")"
					add(r)
				}
			} else {
				add(r)
			}
		case *ast.AutoLink:
			r := style
			r.Text = string(t.Label(c.src))
			if url := string(t.URL(c.src)); LiveLink(url) {
				r.Link = url
			}
			add(r)
		case *ast.Image:
			r := style
			r.Text, r.Image = plainText(k, c.src), c.m.Image(string(t.Destination))
			if r.Image == nil {
				r.Italic = true // the description stands in for it
			}
			add(r)
		default:
			out = c.runs(k, style, out)
		}
	}
	return out
}

// LiveLink reports whether a link may be live in a printed document: only
// web and mail addresses, whatever the model let through.
func LiveLink(dest string) bool {
	lower := strings.ToLower(dest)
	for _, scheme := range []string{"https://", "http://", "mailto:"} {
		if strings.HasPrefix(lower, scheme) && len(dest) > len(scheme) {
			return true
		}
	}
	return false
}

// plainText is the text of a node and its descendants, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(util.UnescapePunctuations(t.Segment.Value(src)))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		}
		if c.Kind() == ast.KindCodeBlock || c.Kind() == ast.KindFencedCodeBlock || c.Kind() == ast.KindHTMLBlock {
			lines := c.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// Inline converts a line of inline Markdown (a responsibility, an
// authority and its limit, a communication duty: model.InlineSource,
// model.InlineText) into runs, as Markdown's paragraphs are: emphasis,
// code and links, a link's address printed after its label.
func Inline(md string) []Run {
	if md == "" {
		return nil
	}
	p, src := model.InlineDoc(md)
	return converter{src: src}.runs(p, Run{}, nil)
}

// InlineText is a line of inline Markdown as plain text, as Inline's
// runs read: a link's label, then its address in brackets. It is what a
// table cell holds.
func InlineText(md string) string { return RunsText(Inline(md)) }
