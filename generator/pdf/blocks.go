package pdf

import (
	"bytes"
	"image"
	"image/draw"
	_ "image/gif"  // decoders for the images a pack may show
	_ "image/jpeg" //
	"image/png"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"
	"github.com/yuin/goldmark/ast"
	_ "golang.org/x/image/webp" //

	"github.com/rolepack/rolepack/generator/model"
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

// markdown typesets the subset of Markdown the sources use: paragraphs,
// emphasis, lists, links and images. Anything else is written as its plain
// text. The model has already dropped links and images its policy refuses.
func (d *doc) markdown(m model.Markdown) {
	if strings.TrimSpace(m.Source) == "" {
		return
	}
	root, source := m.Doc()
	md := &mdDoc{doc: d, m: m}
	md.mdBlocks(root, source, 0)
	d.f.SetFont("go", "", bodySize)
}

// mdDoc typesets one Markdown value, whose images it looks up.
type mdDoc struct {
	*doc
	m model.Markdown
}

func (d *mdDoc) mdBlocks(n ast.Node, src []byte, indent float64) {
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

func (d *mdDoc) mdInline(n ast.Node, src []byte, style string) {
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
			if liveLink(dest) {
				// The address follows the label, so a printed copy shows
				// where the link leads and a reader sees it leaves the pack.
				f.WriteLinkString(lineH, label, dest)
				f.SetTextColor(0, 0, 0)
				if shown := strings.TrimPrefix(dest, "mailto:"); shown != label {
					f.SetFont("go", style, bodySize)
					f.Write(lineH, " ("+shown+")")
				}
			} else {
				// A link to a page of the site means nothing on paper.
				f.SetFont("go", style, bodySize)
				f.SetTextColor(0, 0, 0)
				f.Write(lineH, label)
			}
			f.SetTextColor(0, 0, 0)
		case *ast.Image:
			d.image(d.m.Image(string(t.Destination)), plainText(c, src))
		default:
			d.mdInline(c, src, style)
		}
	}
}

// liveLink reports whether a link may become a live link annotation: only
// web and mail addresses, whatever the model let through.
func liveLink(dest string) bool {
	lower := strings.ToLower(dest)
	for _, scheme := range []string{"https://", "http://", "mailto:"} {
		if strings.HasPrefix(lower, scheme) && len(dest) > len(scheme) {
			return true
		}
	}
	return false
}

// image places a picture on lines of its own, at most the content width
// and 90 mm high; without one it writes the description.
func (d *mdDoc) image(img *model.Image, alt string) {
	f := d.f
	if img == nil || !d.registerImage(img) {
		f.SetFont("go", "I", bodySize)
		f.Write(lineH, alt)
		return
	}
	l, _, _, _ := f.GetMargins()
	if f.GetX() > l+0.01 {
		f.Ln(lineH)
	}
	// 96 pixels to the inch, scaled down to fit.
	w, h := float64(img.Width)*25.4/96, float64(img.Height)*25.4/96
	if maxW := d.contentWidth(); w > maxW {
		w, h = maxW, h*maxW/w
	}
	if h > 90 {
		w, h = w*90/h, 90
	}
	d.need(h + 1)
	y := f.GetY()
	f.ImageOptions(img.Name, l, y, w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	f.SetXY(l, y+h+1)
}

// registerImage adds img to the document once, re-encoded as an 8-bit PNG:
// fpdf stops the whole document on an interlaced PNG, and cannot read WebP
// at all, so what it is given is always a PNG that Go wrote.
func (d *mdDoc) registerImage(img *model.Image) bool {
	f := d.f
	if f.GetImageInfo(img.Name) != nil {
		return true
	}
	decoded, _, err := image.Decode(bytes.NewReader(img.Data))
	if err != nil {
		return false
	}
	flat := image.NewNRGBA(decoded.Bounds())
	draw.Draw(flat, flat.Bounds(), decoded, decoded.Bounds().Min, draw.Src)
	var b bytes.Buffer
	if err := png.Encode(&b, flat); err != nil {
		return false
	}
	f.RegisterImageOptionsReader(img.Name, fpdf.ImageOptions{ImageType: "PNG"}, &b)
	return f.Ok()
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
