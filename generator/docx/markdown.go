package docx

import (
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/rolepack/rolepack/generator/model"
)

// markdown writes the subset of Markdown the sources use: paragraphs,
// emphasis, code, lists (as Word lists) and links. Anything else is
// written as its plain text; an image as its description, in italics. The
// model has already dropped the links its policy refuses.
func (d *body) markdown(m model.Markdown) {
	if strings.TrimSpace(m.Source) == "" {
		return
	}
	root, src := m.Doc()
	d.mdBlocks(root, src, -1, 0)
}

// mdBlocks writes the blocks under n. level is the list level of the
// enclosing list item (-1 outside lists); the first paragraph of an item
// carries the item's marker (num), the others are indented to it.
func (d *body) mdBlocks(n ast.Node, src []byte, level, num int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		props := ""
		switch {
		case level >= 0 && num > 0:
			props = `<w:numPr><w:ilvl w:val="` + itoa(level) + `"/><w:numId w:val="` + itoa(num) + `"/></w:numPr>`
			num = 0
		case level >= 0:
			props = `<w:ind w:left="` + itoa(listIndent(level)) + `"/>`
		}
		switch c.Kind() {
		case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading:
			d.pOpen(paraStyle(level), props)
			d.mdInline(c, src, run{})
			d.raw("</w:p>")
		case ast.KindList:
			list := c.(*ast.List)
			inner := min(level+1, maxListLevel)
			listNum := bulletNum
			if list.IsOrdered() {
				listNum = d.orderedList(list.Start)
			}
			for item := c.FirstChild(); item != nil; item = item.NextSibling() {
				if item.FirstChild() == nil {
					d.listItem(listNum, inner)
					continue
				}
				d.mdBlocks(item, src, inner, listNum)
			}
		default:
			d.pOpen(paraStyle(level), props)
			d.runXML(plainRun(plainText(c, src)))
			d.raw("</w:p>")
		}
	}
}

func paraStyle(level int) string {
	if level >= 0 {
		return "ListParagraph"
	}
	return ""
}

// maxListLevel is the deepest level of a Word list (levels 0 to 8).
const maxListLevel = 8

// listIndent is the left indent of list level l, in twips, as numbering.xml
// sets it.
func listIndent(l int) int { return 360 * (l + 1) }

func (d *body) mdInline(n ast.Node, src []byte, style run) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			r := style
			r.text = string(t.Segment.Value(src))
			switch {
			case t.HardLineBreak():
				r.text += "\n"
			case t.SoftLineBreak():
				r.text += " "
			}
			d.runXML(r)
		case *ast.String:
			r := style
			r.text = string(t.Value)
			d.runXML(r)
		case *ast.CodeSpan:
			r := style
			r.text, r.mono = plainText(c, src), true
			d.runXML(r)
		case *ast.Emphasis:
			s := style
			if t.Level >= 2 {
				s.bold = true
			} else {
				s.italic = true
			}
			d.mdInline(c, src, s)
		case *ast.AutoLink:
			url := string(t.URL(src))
			if liveLink(url) {
				d.link(url, string(t.Label(src)))
			} else {
				r := style
				r.text = string(t.Label(src))
				d.runXML(r)
			}
		case *ast.Link:
			label, dest := plainText(c, src), string(t.Destination)
			if !liveLink(dest) {
				// A link to a page of the site leads nowhere from Word.
				r := style
				r.text = label
				d.runXML(r)
				continue
			}
			d.link(dest, label)
			// The address follows the label, as in the PDF, so a printed
			// copy shows where the link leads.
			if shown := strings.TrimPrefix(dest, "mailto:"); shown != label {
				r := style
				r.text = " (" + shown + ")"
				d.runXML(r)
			}
		case *ast.Image:
			r := style
			r.text, r.italic = plainText(c, src), true
			d.runXML(r)
		default:
			d.mdInline(c, src, style)
		}
	}
}

// liveLink reports whether a link may become a hyperlink: only web and
// mail addresses, whatever the model let through.
func liveLink(dest string) bool {
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
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.AutoLink:
			b.Write(t.Label(src))
		}
		switch c.Kind() {
		case ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
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
