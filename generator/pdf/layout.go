package pdf

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/pdf/pdfdoc"
)

// The layout layer: every block is measured (wrapped into lines in the font
// it is drawn with) before it is placed, so that it can be kept with what
// precedes it, moved to the next page whole, or split only where the rules
// allow:
//
//   - a heading waits (pending) until the block it introduces is placed, and
//     goes on the page that holds the block's first two lines or first row;
//   - a paragraph or list item breaks only with at least two of its lines
//     on each side of the break (no widow or orphan lines);
//   - a table row never splits unless it is taller than a page; the header
//     row, and the group header, repeat after a break; column widths are
//     measured from the cells, by what each column holds, for the page the
//     rows land on;
//   - a page break keeps the orientation of the page it leaves.

// pendingHead is a heading measured but not yet drawn.
type pendingHead struct {
	height float64
	draw   func()
}

// usable is the height between the top and bottom margins of a page.
func (d *doc) usable() float64 {
	_, h := d.f.GetPageSize()
	_, b := d.f.GetAutoPageBreak()
	_, t, _, _ := d.f.GetMargins()
	return h - b - t - d.bannerHeight()
}

// bannerHeight is the height the banner takes at the top of a page.
func (d *doc) bannerHeight() float64 {
	if d.banner == nil {
		return 0
	}
	return d.bannerH
}

// newPage starts a page of the same orientation and size as the current
// one: a table continued from a landscape page stays landscape.
func (d *doc) newPage() {
	w, h := d.f.GetPageSize()
	d.f.AddPageSize(pdfdoc.Size{W: w, H: h})
}

// need starts a new page unless h mm are left (and the page is not fresh:
// a block taller than a page starts where it is).
func (d *doc) need(h float64) {
	if d.room() < h && !d.atTop() {
		d.newPage()
	}
}

// atTop reports whether nothing has been placed on the page yet.
func (d *doc) atTop() bool {
	_, t, _, _ := d.f.GetMargins()
	return d.f.GetY() <= t+d.bannerHeight()+0.01
}

// keepWithNext queues a heading of height h drawn by draw: it is placed by
// the next block, on the page that block starts on.
func (d *doc) keepWithNext(h float64, draw func()) {
	d.pending = append(d.pending, pendingHead{height: h, draw: draw})
}

// place makes room for the pending headings and first mm of the block
// about to be drawn, then draws the headings.
func (d *doc) place(first float64) {
	h := first
	for _, p := range d.pending {
		h += p.height
	}
	d.need(h)
	heads := d.pending
	d.pending = nil
	for _, p := range heads {
		p.draw()
	}
}

// wrapText breaks text into lines at most width wide in the current font:
// at its newlines, then at spaces; a word wider than a line is split at a
// character boundary (a hyphen added only inside an ordinary word, see
// split), and only then.
func wrapText(f *pdfdoc.Doc, text string, width float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		lines = append(lines, wrap(f, para, width)...)
	}
	return lines
}

// multiCell writes text in lines of at most w mm (to the right margin
// when w is 0) from the current position, each a cell of height h, broken
// as every text of the layout is (wrapText: spaces, ideographs, grapheme
// clusters), then returns to the left margin.
func (d *doc) multiCell(w, h float64, text string) {
	f := d.f
	if w == 0 {
		pw, _ := f.GetPageSize()
		_, _, r, _ := f.GetMargins()
		w = pw - r - f.GetX()
	}
	x := f.GetX()
	for _, line := range wrapText(f, text, w) {
		f.SetX(x)
		f.CellFormat(w, h, line, "", 2, "L", false, 0, "")
	}
	l, _, _, _ := f.GetMargins()
	f.SetX(l)
}

// lineBlock is a paragraph measured into lines of one font.
type lineBlock struct {
	lines       []string
	rich        [][]piece // instead of lines: lines of styled pieces
	style       string
	size, lh    float64
	indent      float64 // from the left margin
	marker      string  // drawn before the first line, in the indent
	markerWidth float64
}

// measure wraps text into a lineBlock at the given indent.
func (d *doc) measure(text, style string, size, lh, indent float64) lineBlock {
	d.f.SetFont(sans, style, size)
	return lineBlock{lines: wrapText(d.f, text, d.contentWidth()-indent), style: style, size: size, lh: lh, indent: indent}
}

// flow places a measured block: the pending headings with its first two
// lines, then as many lines as fit, breaking the page with at least two
// lines on each side.
func (d *doc) flow(b lineBlock) {
	f := d.f
	n := len(b.lines)
	if b.rich != nil {
		n = len(b.rich)
	}
	// A block of three lines or fewer cannot be split keeping two lines on
	// each side, so its heading needs room for all of it; a longer one
	// needs room for its first two lines.
	first := n
	if n >= 4 {
		first = 2
	}
	d.place(float64(first) * b.lh)
	l, _, _, _ := f.GetMargins()
	for i := 0; i < n; {
		if f.Err() {
			// The document stopped on an error (it then adds no page,
			// e.g. past its page limit): it fails with it, instead of
			// this loop waiting for a page that never comes.
			return
		}
		fits := int((d.room() + 0.01) / b.lh)
		if rest := n - i; fits < rest {
			k := fits
			if rest-k < 2 {
				k = rest - 2
			}
			if k < 2 {
				k = 0
			}
			if k == 0 && d.atTop() {
				k = max(fits, 1) // taller than a page: fill it
			}
			if k == 0 {
				d.newPage()
				continue
			}
			d.drawLines(b, i, i+k, l)
			i += k
			d.newPage()
			continue
		}
		d.drawLines(b, i, n, l)
		i = n
	}
}

func (d *doc) drawLines(b lineBlock, from, to int, left float64) {
	f := d.f
	w := d.contentWidth() - b.indent
	for j := from; j < to; j++ {
		y := f.GetY()
		if j == 0 && b.marker != "" {
			f.SetFont(sans, "", bodySize)
			f.SetXY(left+b.indent-b.markerWidth, y)
			f.CellFormat(b.markerWidth, b.lh, b.marker, "", 0, "L", false, 0, "")
		}
		if b.rich != nil {
			for _, p := range b.rich[j] {
				f.SetFont(p.family, p.style, p.size)
				if p.blue {
					f.SetTextColor(31, 79, 143)
				}
				f.SetXY(left+b.indent+p.x, y)
				f.CellFormat(p.width, b.lh, p.text, "", 0, "L", false, 0, "")
				if p.link != "" {
					f.LinkString(left+b.indent+p.x, y, p.width, b.lh, p.link)
					f.Line(left+b.indent+p.x, y+b.lh-0.9, left+b.indent+p.x+p.width, y+b.lh-0.9)
				}
				f.SetTextColor(0, 0, 0)
			}
			f.SetXY(left, y+b.lh)
			continue
		}
		f.SetFont(sans, b.style, b.size)
		f.SetXY(left+b.indent, y)
		f.CellFormat(w, b.lh, b.lines[j], "", 0, "L", false, 0, "")
		f.SetXY(left, y+b.lh)
	}
}

// para writes a paragraph of body text.
func (d *doc) para(text string) {
	d.flow(d.measure(text, "", bodySize, lineH, 0))
	d.f.Ln(1)
}

// notice writes a translation's notice (document.TranslationNotice): a
// bold paragraph in the headings' colour, set apart from what follows.
func (d *doc) notice(text string) {
	d.f.SetTextColor(20, 50, 95)
	d.flow(d.measure(text, "B", 9, 4.4, 0))
	d.f.SetTextColor(0, 0, 0)
	d.f.SetFont(sans, "", bodySize)
	d.f.Ln(3)
}

// styled writes a paragraph in a style and size of its own.
func (d *doc) styled(text, style string, size, lh float64) {
	d.flow(d.measure(text, style, size, lh, 0))
}

// label writes "key  value", the value wrapped beside the key; the pair is
// kept on one page.
func (d *doc) label(k, v string) {
	f := d.f
	const keyW = 45.0
	f.SetFont(sans, "B", bodySize)
	keys := wrapText(f, k, keyW-2)
	f.SetFont(sans, "", bodySize)
	vals := wrapText(f, v, d.contentWidth()-keyW)
	n := max(len(keys), len(vals))
	if n <= 4 {
		d.place(float64(n) * lineH)
		l, _, _, _ := f.GetMargins()
		y := f.GetY()
		for i, line := range keys {
			f.SetFont(sans, "B", bodySize)
			f.SetXY(l, y+float64(i)*lineH)
			f.CellFormat(keyW-2, lineH, line, "", 0, "L", false, 0, "")
		}
		for i, line := range vals {
			f.SetFont(sans, "", bodySize)
			f.SetXY(l+keyW, y+float64(i)*lineH)
			f.CellFormat(d.contentWidth()-keyW, lineH, line, "", 0, "L", false, 0, "")
		}
		f.SetXY(l, y+float64(n)*lineH)
		return
	}
	// A long value: the key on a line of its own, kept with the value.
	d.keepWithNext(lineH, func() {
		f.SetFont(sans, "B", bodySize)
		d.multiCell(0, lineH, k)
	})
	b := d.measure(v, "", bodySize, lineH, keyW)
	d.flow(b)
}

// bullets writes a list, each item wrapped with a hanging indent and
// broken only with two lines on each side.
//
// The end of a list does not go to a page with fewer than three lines:
// the last items making up three lines are kept together when they are
// short (at most eight lines).
func (d *doc) bullets(items []string) {
	blocks := make([]lineBlock, len(items))
	for i, it := range items {
		blocks[i] = d.measure(it, "", bodySize, lineH, 5)
		blocks[i].marker, blocks[i].markerWidth = "•", 5
	}
	tailFrom, tail := len(blocks), 0
	for tailFrom > 0 && tail < 3 {
		tailFrom--
		tail += len(blocks[tailFrom].lines)
	}
	for i, b := range blocks {
		if i == tailFrom && tailFrom > 0 && tail <= 8 {
			d.place(float64(tail) * lineH)
		}
		d.flow(b)
	}
	d.f.Ln(1)
}

// column of a table whose cells are all text, with the title of its
// header cell.
type column struct {
	title string
}

// typedColumn is a column with what it holds, which decides how its cells
// may break (document.Kind): the document's tables carry it.
type typedColumn struct {
	title string
	kind  document.Kind
}

// whole reports whether the column holds tokens (dates, ids, references,
// numbers, letters) that must not be broken.
func (c typedColumn) whole() bool { return c.kind != document.Text && c.kind != document.Name }

const (
	cellPad   = 1.4
	tableSize = 8.5
	tableLH   = 4.2
)

// Shares of a table's width and the narrowest column, in tableWidths.
const (
	minColumn  = 10.0 // mm
	tokenShare = 0.5  // a token column's longest token is kept whole up to this
	wordShare  = 0.4  // a text column's longest word is kept whole up to this
)

// tableWidths measures the columns for a table of width total, meeting
// three needs in turn, each only once the one before is met:
//
//  1. every column holds its title's longest word, and a column of
//     tokens (typedColumn.whole: dates, ids, numbers) its longest token
//     of at most half the table, so that neither is broken;
//  2. a column of text or names holds its longest word of at most 40 %
//     of the table;
//  3. what is left is shared by how much wider each column's longest
//     cell is than that, so the columns with more text get the room.
//
// A word wider than its share breaks whatever the width, so it claims
// none (a 120-character token does not take half the table from the
// names beside it). When even the first need does not fit (many
// columns), the widest columns are cut down to one common width and the
// narrow ones keep theirs: a date or a number stays whole, and only the
// widest tokens break (without a hyphen, see split).
func tableWidths(f *pdfdoc.Doc, cols []typedColumn, rows [][]string, total float64) []float64 {
	n := len(cols)
	const pad = 2*cellPad + 0.5
	need, want, full := make([]float64, n), make([]float64, n), make([]float64, n)
	for i, c := range cols {
		f.SetFont(sans, "B", tableSize)
		need[i] = max(longestWord(f, c.title)+pad, minColumn)
		f.SetFont(sans, "", tableSize)
		token, word, line := 0.0, 0.0, 0.0
		for _, r := range rows {
			if i >= len(r) {
				continue
			}
			if c.whole() {
				token = max(token, widestWord(f, r[i], tokenShare*total-pad))
			}
			word = max(word, widestWord(f, r[i], wordShare*total-pad))
			for _, para := range strings.Split(r[i], "\n") {
				line = max(line, textWidth(f, para))
			}
		}
		need[i] = max(need[i], token+pad)
		want[i] = max(need[i], word+pad)
		full[i] = max(want[i], line+pad)
	}
	sumNeed, sumWant, sumFull := 0.0, 0.0, 0.0
	for i := range n {
		sumNeed += need[i]
		sumWant += want[i]
		sumFull += full[i]
	}
	if sumNeed >= total {
		return capped(need, total)
	}
	widths := make([]float64, n)
	for i := range n {
		switch {
		case sumWant >= total: // the words of text columns do not all fit
			widths[i] = need[i] + (total-sumNeed)*(want[i]-need[i])/(sumWant-sumNeed)
		case sumFull > total:
			widths[i] = want[i] + (total-sumWant)*(full[i]-want[i])/(sumFull-sumWant)
		default: // every cell fits on one line: spread the rest
			widths[i] = full[i] + (total-sumFull)*full[i]/sumFull
		}
	}
	return widths
}

// capped cuts the widest of ws down to one common width, so that they add
// up to total while every narrower one keeps its own.
func capped(ws []float64, total float64) []float64 {
	sorted := slices.Sorted(slices.Values(ws))
	limit, rest := math.Inf(1), total
	for k, w := range sorted {
		if left := float64(len(sorted) - k); w*left > rest {
			limit = rest / left
			break
		}
		rest -= w
	}
	out := make([]float64, len(ws))
	for i, w := range ws {
		out[i] = min(w, limit)
	}
	return out
}

// breaks reports whether a line may break at r: white space, but not the
// no-break spaces French puts before ":" and inside « », nor the figure
// space of a number.
func breaks(r rune) bool {
	return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' && r != '\u2007'
}

// words are the parts of s between the spaces a line may break at.
func words(s string) []string { return strings.FieldsFunc(s, breaks) }

// widestWord is the width of the widest space-separated word of s that is
// at most limit mm wide, 0 when there is none. Measuring a word stops
// once it is wider than limit.
func widestWord(f *pdfdoc.Doc, s string, limit float64) float64 {
	m := meter{f: f}
	defer m.count()
	w := 0.0
	for _, word := range words(s) {
		units := 0.0
		for i := 0; i < len(word) && m.mm(units) <= limit; {
			u, size := m.first(word[i:])
			units += u
			i += size
		}
		if m.mm(units) <= limit {
			w = max(w, units)
		}
	}
	return m.mm(w)
}

// longestWord is the width of the widest space-separated word of s, capped
// at 200 runes measured (a longer token breaks anyway).
func longestWord(f *pdfdoc.Doc, s string) float64 {
	m := meter{f: f}
	defer m.count()
	w := 0.0
	for _, word := range words(s) {
		units := 0.0
		for i, n := 0, 0; i < len(word) && n < 200; n++ {
			u, size := m.first(word[i:])
			units += u
			i += size
		}
		w = max(w, units)
	}
	return m.mm(w)
}

// table draws rows under a header row, every column of text.
func (d *doc) table(cols []column, rows [][]string) {
	typed := make([]typedColumn, len(cols))
	for i, c := range cols {
		typed[i] = typedColumn{title: c.title}
	}
	d.typedTable(typed, rows, 0)
}

// typedTable draws rows under a header row. Cells wrap; a row never splits
// across pages unless it is taller than a page, and then the header row
// repeats above its continuation. Widths are measured again for each page.
// The last row moves with the one before it and with after mm of what
// follows the table (a short closing paragraph), when they fit on a page.
func (d *doc) typedTable(cols []typedColumn, rows [][]string, after float64) {
	f := d.f
	titles := make([]string, len(cols))
	for i, c := range cols {
		titles[i] = c.title
	}
	var widths []float64
	measuredFor := -1.0
	remeasure := func() {
		if cw := d.contentWidth(); cw != measuredFor {
			widths, measuredFor = tableWidths(f, cols, rows, cw), cw
		}
	}
	cells := func(row []string, style string) [][]string {
		f.SetFont(sans, style, tableSize)
		out := make([][]string, len(widths))
		for i := range widths {
			text := ""
			if i < len(row) {
				text = row[i]
			}
			out[i] = wrapText(f, text, widths[i]-2*cellPad)
		}
		return out
	}
	height := func(c [][]string, from int) float64 {
		n := 1
		for _, lines := range c {
			n = max(n, len(lines)-from)
		}
		return float64(n)*tableLH + 2*cellPad
	}
	f.SetDrawColor(170, 178, 190)
	header := func() float64 {
		c := cells(titles, "B")
		return d.tableRow(c, widths, "B", true, 0, height(c, 0))
	}
	remeasure()
	headH := height(cells(titles, "B"), 0)
	first := headH
	if len(rows) > 0 {
		h := height(cells(rows[0], ""), 0)
		if len(rows) == 1 && headH+h+after <= d.usable() {
			h += after
		}
		first += min(h, d.usable()-headH)
	}
	d.place(first)
	header()
	for i, r := range rows {
		c := cells(r, "")
		h := height(c, 0)
		if i == len(rows)-2 {
			// The last row does not go to a page alone: the last two rows
			// (and a short paragraph after them) move together when they
			// fit on a page.
			both := h + height(cells(rows[i+1], ""), 0)
			if both+after <= d.usable()-headH {
				both += after
			}
			if d.room() < both && both <= d.usable()-headH {
				d.newPage()
				remeasure()
				header()
				c = cells(r, "")
				h = height(c, 0)
			}
		}
		if d.room() < h {
			full := d.usable() - headH
			if h <= full {
				d.newPage()
				remeasure()
				header()
				c = cells(r, "")
			} else if d.room() < 3*tableLH+2*cellPad {
				d.newPage()
				remeasure()
				header()
				c = cells(r, "")
			}
		}
		// Taller than a page: as many lines as fit, then the rest under
		// the header row on the next page.
		for from := 0; !f.Err(); { // no page is added once the document has failed
			lines := int((d.room() - 2*cellPad + 0.01) / tableLH)
			rest := height(c, from)
			if rest <= d.room() {
				d.tableRow(c, widths, "", false, from, rest)
				break
			}
			lines = max(lines, 1)
			d.tableRow(c, widths, "", false, from, float64(lines)*tableLH+2*cellPad)
			from += lines
			d.newPage()
			header()
		}
	}
	f.SetFont(sans, "", bodySize)
	f.Ln(3)
}

// tableRow draws one row of wrapped cells, lines from..., in a box of
// height h, and moves below it.
func (d *doc) tableRow(c [][]string, widths []float64, style string, fill bool, from int, h float64) float64 {
	f := d.f
	l, _, _, _ := f.GetMargins()
	y, x := f.GetY(), l
	f.SetFont(sans, style, tableSize)
	f.SetFillColor(232, 237, 244)
	f.SetDrawColor(170, 178, 190)
	room := int((h - 2*cellPad + 0.01) / tableLH)
	for i, lines := range c {
		box := "D"
		if fill {
			box = "FD"
		}
		f.Rect(x, y, widths[i], h, box)
		for j := from; j < len(lines) && j < from+room; j++ {
			f.SetXY(x+cellPad, y+cellPad+float64(j-from)*tableLH)
			f.CellFormat(widths[i]-2*cellPad, tableLH, lines[j], "", 0, "L", false, 0, "")
		}
		x += widths[i]
	}
	f.SetXY(l, y+h)
	return h
}
