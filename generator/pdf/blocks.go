package pdf

import (
	"bytes"
	"image"
	"image/draw"
	_ "image/gif"  // decoders for the images a pack may show
	_ "image/jpeg" //
	"image/png"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/go-pdf/fpdf"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
	_ "golang.org/x/image/webp" //

	"github.com/rolepack/rolepack/generator/model"
)

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
	d.f.SetFont(sans, "", bodySize)
}

// mdDoc typesets one Markdown value, whose images it looks up.
type mdDoc struct {
	*doc
	m      model.Markdown
	marker string // a list item's marker, for its first line
	// headings are set as headings (a letter's), not as paragraphs.
	headings bool
}

func (d *mdDoc) mdBlocks(n ast.Node, src []byte, indent float64) {
	f := d.f
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok && d.headings {
			d.mdHeading(h, src)
			continue
		}
		switch c.Kind() {
		case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading:
			f.SetLeftMargin(margin + indent)
			d.mdParagraph(c, src)
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
				// The marker is placed with the item's first line.
				inner := d.indent(indent)
				f.SetLeftMargin(margin + inner)
				d.marker = marker
				d.mdBlocks(item, src, inner)
				d.marker = ""
				f.SetLeftMargin(margin)
			}
			f.Ln(1)
		default:
			f.SetLeftMargin(margin + indent)
			d.flow(d.measure(plainText(c, src), "", bodySize, lineH, 0))
			f.SetLeftMargin(margin)
		}
	}
}

// listIndent is how far each level of a list is indented, in mm; the
// marker is set in it. minTextWidth is the narrowest column a list item's
// text is given: items nested so deep that indenting them again would
// leave less are set at the indent of the level above. The loader refuses
// Markdown nested deeper than model.MaxMarkdownNesting, which leaves more
// than this on every page; a letter's template may add levels of its own.
const (
	listIndent   = 6.0
	minTextWidth = 60.0
)

// indent is the indent of a list item inside a block indented by outer.
func (d *mdDoc) indent(outer float64) float64 {
	_, _, r, _ := d.f.GetMargins()
	if d.pageWidth()-margin-r-(outer+listIndent) < minTextWidth {
		return outer
	}
	return outer + listIndent
}

// mdParagraph places a paragraph at the current left margin: measured
// into lines of styled runs, then flowed like any paragraph (kept with its
// heading, at least two lines each side of a page break). A picture stands
// on lines of its own, between the text before and after it.
func (d *mdDoc) mdParagraph(n ast.Node, src []byte) {
	marker := d.marker
	d.marker = ""
	runs := d.runs(n, src, "", nil)
	for first := true; first || len(runs) > 0; first = false {
		i := slices.IndexFunc(runs, func(r run) bool { return r.img != nil })
		if i < 0 {
			i = len(runs)
		}
		// Text before a picture, or after the last: at least one block
		// for the paragraph, none of mere spaces between two pictures.
		if text := runs[:i]; first && i == len(runs) || hasText(text) {
			b := d.measureRuns(text, d.contentWidth())
			if marker != "" {
				b.marker, b.markerWidth = marker, listIndent
				marker = ""
			}
			d.flow(b)
		}
		if i < len(runs) {
			d.picture(runs[i].img, marker)
			marker = ""
			i++
		}
		runs = runs[i:]
	}
}

// hasText reports whether runs hold anything but spaces.
func hasText(runs []run) bool {
	for _, r := range runs {
		if strings.TrimSpace(r.text) != "" {
			return true
		}
	}
	return false
}

// run is a piece of a paragraph in one font, perhaps a live link.
type run struct {
	text, family, style string
	size                float64
	link                string
	blue                bool
	img                 *model.Image // instead of text: a picture, registered
}

// runs flattens a paragraph's inline nodes into styled runs.
func (d *mdDoc) runs(n ast.Node, src []byte, style string, out []run) []run {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			// A backslash escape ("\*") is kept in the text's source;
			// the reader sees the character alone.
			out = append(out, run{text: string(util.UnescapePunctuations(t.Segment.Value(src))), family: sans, style: style, size: bodySize})
			if t.SoftLineBreak() || t.HardLineBreak() {
				out = append(out, run{text: " ", family: sans, style: style, size: bodySize})
			}
		case *ast.String:
			out = append(out, run{text: string(t.Value), family: sans, style: style, size: bodySize})
		case *ast.CodeSpan:
			out = append(out, run{text: plainText(c, src), family: mono, size: bodySize - 1})
		case *ast.Emphasis:
			s := "I"
			if t.Level >= 2 {
				s = "B"
			}
			out = d.runs(c, src, s, out)
		case *ast.Image:
			// A picture that cannot be shown leaves its description.
			if img := d.m.Image(string(t.Destination)); img != nil && d.registerImage(img) {
				out = append(out, run{img: img})
			} else {
				out = append(out, run{text: plainText(c, src), family: sans, style: "I", size: bodySize})
			}
		case *ast.Link:
			label, dest := plainText(c, src), string(t.Destination)
			if liveLink(dest) {
				// The address follows the label, so a printed copy shows
				// where the link leads and a reader sees it leaves the pack.
				out = append(out, run{text: label, family: sans, style: style, size: bodySize, link: dest, blue: true})
				if shown := strings.TrimPrefix(dest, "mailto:"); shown != label {
					out = append(out, run{text: " (" + shown + ")", family: sans, style: style, size: bodySize})
				}
			} else {
				// A link to a page of the site means nothing on paper.
				out = append(out, run{text: label, family: sans, style: style, size: bodySize})
			}
		default:
			out = d.runs(c, src, style, out)
		}
	}
	return out
}

// piece is a run's text placed on a line, at x from the line's start.
type piece struct {
	run
	x, width float64
	units    int // width in glyph units, while it is measured
}

// measureRuns breaks runs into lines at most width wide: at spaces, and
// inside a word only when the word is wider than a line. Each rune's width
// is looked up about once (measure.go), so the time taken grows with the
// length of the text, not its square.
func (d *doc) measureRuns(runs []run, width float64) lineBlock {
	f := d.f
	m := meter{f: f}
	defer m.count()
	width = atLeast(width)
	// Words are sequences of pieces with no space between them.
	type word struct {
		pieces []piece
		width  float64
		space  bool // a space precedes it
	}
	var words []word
	space := false
	for _, r := range runs {
		text := r.text
		for len(text) > 0 {
			i := strings.IndexFunc(text, unicode.IsSpace)
			if i == 0 {
				space = true
				text = strings.TrimLeftFunc(text, unicode.IsSpace)
				continue
			}
			part := text
			if i > 0 {
				part, text = text[:i], text[i:]
			} else {
				text = ""
			}
			p := run(r)
			p.text = part
			f.SetFont(p.family, p.style, p.size)
			units := m.units(part)
			if len(words) == 0 || space {
				words = append(words, word{space: space && len(words) > 0})
			}
			w := &words[len(words)-1]
			w.pieces = append(w.pieces, piece{run: p, width: m.mm(units), units: units})
			w.width += m.mm(units)
			space = false
		}
	}
	f.SetFont(sans, "", bodySize)
	spaceW := m.mm(m.units(" "))
	var lines [][]piece
	var line []piece
	x := 0.0
	newLine := func() {
		lines = append(lines, line)
		line, x = nil, 0
	}
	for _, w := range words {
		gap := 0.0
		if w.space && len(line) > 0 {
			gap = spaceW
		}
		if len(line) > 0 && x+gap+w.width > width {
			newLine()
			gap = 0
		}
		x += gap
		for _, p := range w.pieces {
			// A piece wider than what is left of the line breaks at a
			// character boundary, with a hyphen; one character that
			// does not fit on an empty line is placed anyway.
			hyphen := 0
			if x+p.width > width && several(p.text) {
				f.SetFont(p.family, p.style, p.size)
				hyphen = m.units("-")
			}
			for x+p.width > width && several(p.text) {
				n, headW := m.prefix(p.text, x, width, hyphen)
				if n == 0 {
					if len(line) > 0 {
						newLine()
						continue
					}
					var size int
					headW, size = m.first(p.text)
					n = size
				}
				head := p
				head.text = p.text[:n] + "-"
				head.x, head.units = x, headW+hyphen
				head.width = m.mm(head.units)
				line = append(line, head)
				newLine()
				p.text, p.units = p.text[n:], p.units-headW
				p.width = m.mm(p.units)
			}
			if x+p.width > width && len(line) > 0 {
				newLine()
			}
			p.x = x
			line = append(line, p)
			x += p.width
		}
	}
	if len(line) > 0 || len(lines) == 0 {
		newLine()
	}
	return lineBlock{rich: lines, lh: lineH, size: bodySize}
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

// picture places a registered image on lines of its own, at most the
// content width and 90 mm high, with the pending headings and, beside it,
// a list item's marker.
func (d *mdDoc) picture(img *model.Image, marker string) {
	f := d.f
	// 96 pixels to the inch, scaled down to fit.
	w, h := float64(img.Width)*25.4/96, float64(img.Height)*25.4/96
	if maxW := d.contentWidth(); w > maxW {
		w, h = maxW, h*maxW/w
	}
	if h > 90 {
		w, h = w*90/h, 90
	}
	d.place(h + 1)
	l, _, _, _ := f.GetMargins()
	y := f.GetY()
	if marker != "" {
		f.SetFont(sans, "", bodySize)
		f.SetXY(l-listIndent, y)
		f.CellFormat(listIndent, lineH, marker, "", 0, "L", false, 0, "")
	}
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

func itoa(i int) string { return strconv.Itoa(i) }
