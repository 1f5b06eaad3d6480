package pdf

import (
	"bytes"
	"image"
	"image/draw"
	_ "image/gif"  // decoders for the images a pack may show
	_ "image/jpeg" //
	_ "image/png"  //
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	_ "golang.org/x/image/webp" //

	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pdf/pdfdoc"
)

// blocks typesets paragraphs and lists (and, in a letter, its headings),
// indented by indent mm. The model has already dropped the links and
// images its policy refuses.
func (d *doc) blocks(bls []document.Block, indent float64, letter bool) {
	d.blocksMarked(bls, indent, "", letter)
	d.f.SetFont(sans, "", bodySize)
}

// blocksMarked is blocks with a list item's marker, placed with the first
// line of the first paragraph.
func (d *doc) blocksMarked(bls []document.Block, indent float64, marker string, letter bool) {
	f := d.f
	for _, bl := range bls {
		switch x := bl.(type) {
		case *document.Heading:
			if letter && x.Level == 1 {
				d.letterTitle(x.Text)
			} else {
				f.Ln(1)
				d.subhead(x.Text)
			}
		case *document.Paragraph:
			f.SetLeftMargin(margin + indent)
			d.paragraph(x.Runs, marker)
			if marker == "" {
				f.Ln(1) // between paragraphs; a list's items stand close
			}
			marker = ""
			f.SetLeftMargin(margin)
		case *document.List:
			for i, item := range x.Items {
				m := "•"
				if x.Ordered {
					m = itoa(x.Start+i) + "."
				}
				inner := d.indent(indent)
				f.SetLeftMargin(margin + inner)
				d.blocksMarked(item, inner, m, letter)
				f.SetLeftMargin(margin)
			}
			f.Ln(1)
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
func (d *doc) indent(outer float64) float64 {
	_, _, r, _ := d.f.GetMargins()
	if d.pageWidth()-margin-r-(outer+listIndent) < minTextWidth {
		return outer
	}
	return outer + listIndent
}

// paragraph places a paragraph at the current left margin: measured into
// lines of styled runs, then flowed like any paragraph (kept with its
// heading, at least two lines each side of a page break). A picture stands
// on lines of its own, between the text before and after it.
func (d *doc) paragraph(in []document.Run, marker string) {
	runs := d.pdfRuns(in)
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

// pdfRuns gives the model's runs their fonts: code in the mono face, a
// strong run bold, an emphasised one italic (the faces have no bold
// italic: strong wins); a link blue. A picture that cannot be shown
// leaves its description, in italic.
func (d *doc) pdfRuns(in []document.Run) []run {
	out := make([]run, 0, len(in))
	for _, r := range in {
		style := ""
		switch {
		case r.Bold:
			style = "B"
		case r.Italic:
			style = "I"
		}
		switch {
		case r.Image != nil && d.registerImage(r.Image):
			out = append(out, run{img: r.Image})
		case r.Image != nil:
			out = append(out, run{text: r.Text, family: sans, style: "I", size: bodySize})
		case r.Code:
			out = append(out, run{text: r.Text, family: mono, size: bodySize - 1})
		default:
			out = append(out, run{text: r.Text, family: sans, style: style, size: bodySize, link: r.Link, blue: r.Link != ""})
		}
	}
	return out
}

// piece is a run's text placed on a line, at x from the line's start.
type piece struct {
	run
	x, width float64
	units    float64 // width in glyph units, while it is measured
	level    int8    // bidirectional level (pdfdoc.Levels)
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
		token  bool // an id, date, URL or number: broken without a hyphen
	}
	var words []word
	space := false
	// The bidirectional algorithm resolves levels for the paragraph as a
	// whole; lines are then ordered for display one by one (displayOrder).
	var all strings.Builder
	for _, r := range runs {
		all.WriteString(r.text)
	}
	levels := pdfdoc.Levels(all.String())
	pos := 0 // runes of the paragraph before text
	for _, r := range runs {
		text := r.text
		for len(text) > 0 {
			i := strings.IndexFunc(text, breaks)
			if i == 0 {
				space = true
				rest := strings.TrimLeftFunc(text, breaks)
				pos += utf8.RuneCountInString(text[:len(text)-len(rest)])
				text = rest
				continue
			}
			part := text
			if i > 0 {
				part, text = text[:i], text[i:]
			} else {
				text = ""
			}
			f.SetFont(r.family, r.style, r.size)
			// Chinese and Japanese break between ideographs: each part
			// is a word of its own, set without a space (breaks.go).
			for k, sub := range cjkParts(part) {
				if len(words) == 0 || space || k > 0 {
					words = append(words, word{space: space && len(words) > 0})
				}
				w := &words[len(words)-1]
				// A word with characters at several levels ("الله," with
				// its comma) is cut where the level changes.
				for _, seg := range byLevel(sub, levels, pos) {
					p := run(r)
					p.text = seg.text
					units := m.units(seg.text)
					w.pieces = append(w.pieces, piece{run: p, width: m.mm(units), units: units, level: seg.level})
					w.width += m.mm(units)
				}
				pos += utf8.RuneCountInString(sub)
				w.token = w.token || isToken(sub)
				space = false
			}
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
			// character boundary (split: a hyphen only inside an
			// ordinary word); one character that does not fit on an
			// empty line is placed anyway.
			hyphen := 0.0
			if x+p.width > width && several(p.text) {
				f.SetFont(p.family, p.style, p.size)
				hyphen = m.units("-")
			}
			for x+p.width > width && several(p.text) {
				n, headW, hy := m.split(p.text, x, width, w.token, hyphen)
				if n == 0 {
					if len(line) > 0 {
						newLine()
						continue
					}
					_, size := m.first(p.text)
					n, hy = graphemeFloor(p.text, size), false
					headW = m.units(p.text[:n])
				}
				head := p
				head.text, head.x, head.units = p.text[:n], x, headW
				if hy {
					head.text += "-"
					head.units += hyphen
				}
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
	for i := range lines {
		lines[i] = displayOrder(lines[i])
	}
	return lineBlock{rich: lines, lh: lineH, size: bodySize}
}

// displayOrder puts a line's pieces, measured and placed in reading
// order, in the order they are shown: the words of a right-to-left phrase
// ("محمد عبد الله" in an English sentence) go right to left, by the
// levels the bidirectional algorithm gave the paragraph's characters.
// Each piece keeps its width, and each gap between pieces its place.
func displayOrder(line []piece) []piece {
	levels := make([]int8, len(line))
	mixed := false
	for i, p := range line {
		levels[i] = p.level
		mixed = mixed || p.level > 0
	}
	if !mixed {
		return line
	}
	order := pdfdoc.ReorderLevels(levels)
	out := make([]piece, len(line))
	x := line[0].x
	for k, i := range order {
		if k > 0 {
			x += line[k].x - (line[k-1].x + line[k-1].width) // the gap at this place
		}
		out[k] = line[i]
		out[k].x = x
		x += line[i].width
	}
	return out
}

// levelSeg is a part of a word at one bidirectional level.
type levelSeg struct {
	text  string
	level int8
}

// byLevel cuts word, which starts at rune pos of a paragraph with the
// given levels (nil: all 0), where the level changes.
func byLevel(word string, levels []int8, pos int) []levelSeg {
	if levels == nil {
		return []levelSeg{{word, 0}}
	}
	var out []levelSeg
	start, i := 0, pos
	level := func(i int) int8 {
		if i < len(levels) {
			return levels[i]
		}
		return 0
	}
	cur := level(i)
	for b := range word {
		if l := level(i); l != cur {
			out = append(out, levelSeg{word[start:b], cur})
			start, cur = b, l
		}
		i++
	}
	return append(out, levelSeg{word[start:], cur})
}

// picture places a registered image on lines of its own, at most the
// content width and 90 mm high, with the pending headings and, beside it,
// a list item's marker.
func (d *doc) picture(img *model.Image, marker string) {
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
	f.Image(img.Name, l, y, w, h)
	f.SetXY(l, y+h+1)
}

// registerImage adds img to the document once, re-encoded as an 8-bit PNG:
// whatever its format (PNG, interlaced or not, JPEG, GIF, WebP), decoded
// and drawn into 8-bit RGBA, which the file stores as RGB with a soft
// mask for transparency.
func (d *doc) registerImage(img *model.Image) bool {
	f := d.f
	if f.HasImage(img.Name) {
		return true
	}
	decoded, _, err := image.Decode(bytes.NewReader(img.Data))
	if err != nil {
		return false
	}
	flat := image.NewNRGBA(decoded.Bounds())
	draw.Draw(flat, flat.Bounds(), decoded, decoded.Bounds().Min, draw.Src)
	f.RegisterImage(img.Name, flat)
	return f.Ok()
}

func itoa(i int) string { return strconv.Itoa(i) }
