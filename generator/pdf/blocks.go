package pdf

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// column of a table: a title and a share of the content width.
type column struct {
	title string
	share float64
}

const cellPad = 1.4

// table draws rows under a header row that repeats after every page break.
// Cells wrap; a row never splits across pages.
func (d *doc) table(cols []column, rows [][]string) {
	f := d.f
	total := d.contentWidth()
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c.share * total
	}
	const size, lh = 8.5, 4.2
	height := func(cells []string, style string) float64 {
		f.SetFont("go", style, size)
		n := 1
		for i, c := range cells {
			if i < len(widths) {
				n = max(n, len(f.SplitText(c, widths[i]-2*cellPad)))
			}
		}
		return float64(n)*lh + 2*cellPad
	}
	draw := func(cells []string, style string, fill bool) {
		h := height(cells, style)
		if d.room() < h {
			f.AddPage()
			if !fill {
				drawHeader(d, cols, widths, height, size, lh)
			}
		}
		y := f.GetY()
		x := margin
		for i, c := range cells {
			if i >= len(widths) {
				break
			}
			f.SetFillColor(232, 237, 244)
			style := "D"
			if fill {
				style = "FD"
			}
			f.Rect(x, y, widths[i], h, style)
			f.SetXY(x+cellPad, y+cellPad)
			f.MultiCell(widths[i]-2*cellPad, lh, c, "", "L", false)
			x += widths[i]
		}
		f.SetXY(margin, y+h)
	}
	f.SetDrawColor(170, 178, 190)
	d.need(2 * (lh + 2*cellPad))
	drawHeader(d, cols, widths, height, size, lh)
	for _, r := range rows {
		draw(r, "", false)
	}
	f.SetFont("go", "", bodySize)
	f.Ln(3)
}

func drawHeader(d *doc, cols []column, widths []float64, height func([]string, string) float64, size, lh float64) {
	f := d.f
	titles := make([]string, len(cols))
	for i, c := range cols {
		titles[i] = c.title
	}
	h := height(titles, "B")
	y, x := f.GetY(), margin
	f.SetFont("go", "B", size)
	f.SetFillColor(232, 237, 244)
	for i, t := range titles {
		f.Rect(x, y, widths[i], h, "FD")
		f.SetXY(x+cellPad, y+cellPad)
		f.MultiCell(widths[i]-2*cellPad, lh, t, "", "L", false)
		x += widths[i]
	}
	f.SetXY(margin, y+h)
	f.SetFont("go", "", size)
}

var mdParser = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()

// markdown typesets the subset of Markdown the sources use: paragraphs,
// emphasis, lists and links. Anything else is written as its plain text.
func (d *doc) markdown(src string) {
	if strings.TrimSpace(src) == "" {
		return
	}
	source := []byte(src)
	root := mdParser.Parse(text.NewReader(source))
	d.mdBlocks(root, source, 0)
	d.f.SetFont("go", "", bodySize)
}

func (d *doc) mdBlocks(n ast.Node, src []byte, indent float64) {
	f := d.f
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading:
			f.SetLeftMargin(margin + indent)
			f.SetX(margin + indent)
			d.mdInline(c, src, "")
			f.Ln(lineH)
			if c.Kind() != ast.KindTextBlock {
				f.Ln(1)
			}
			f.SetLeftMargin(margin)
		case ast.KindList:
			list := c.(*ast.List)
			i := list.Start
			for item := c.FirstChild(); item != nil; item = item.NextSibling() {
				marker := "•"
				if list.IsOrdered() {
					marker = itoa(i) + "."
					i++
				}
				d.need(lineH)
				f.SetX(margin + indent)
				f.SetFont("go", "", bodySize)
				f.CellFormat(6, lineH, marker, "", 0, "L", false, 0, "")
				// The item's first block continues on the marker's line.
				f.SetLeftMargin(margin + indent + 6)
				d.mdBlocks(item, src, indent+6)
				f.SetLeftMargin(margin)
			}
			f.Ln(1)
		default:
			f.SetFont("go", "", bodySize)
			f.SetX(margin + indent)
			f.MultiCell(0, lineH, plainText(c, src), "", "L", false)
		}
	}
}

func (d *doc) mdInline(n ast.Node, src []byte, style string) {
	f := d.f
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			f.SetFont("go", style, bodySize)
			f.Write(lineH, string(t.Segment.Value(src)))
			if t.SoftLineBreak() || t.HardLineBreak() {
				f.Write(lineH, " ")
			}
		case *ast.String:
			f.SetFont("go", style, bodySize)
			f.Write(lineH, string(t.Value))
		case *ast.CodeSpan:
			f.SetFont("mono", "", bodySize-1)
			f.Write(lineH, plainText(c, src))
		case *ast.Emphasis:
			s := "I"
			if t.Level >= 2 {
				s = "B"
			}
			d.mdInline(c, src, s)
		case *ast.Link:
			f.SetTextColor(31, 79, 143)
			label := plainText(c, src)
			f.SetFont("go", "U", bodySize)
			dest := string(t.Destination)
			if dest != "" && !strings.HasPrefix(strings.ToLower(dest), "javascript:") {
				f.WriteLinkString(lineH, label, dest)
			} else {
				f.Write(lineH, label)
			}
			f.SetTextColor(0, 0, 0)
		default:
			d.mdInline(c, src, style)
		}
	}
}

// plainText is the text of a node and its descendants, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
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

func itoa(i int) string { return strconv.Itoa(i) }
