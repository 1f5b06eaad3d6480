package docx

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// body writes the paragraphs and tables of word/document.xml. Every string
// it is given is escaped on the way in (see esc); the markup around it is
// rolepack's own.
type body struct {
	b strings.Builder
	// width is the text width of the page, in twentieths of a point.
	width int
	// links are the targets of the external hyperlinks, in order of first
	// use; the relationship id of links[i] is "rIdLink<i+1>".
	links []string
	// lists are the start numbers of the ordered lists, in order: ordered
	// list i uses numbering instance firstOrderedNum+i.
	lists []int
}

// Numbering instances of numbering.xml: one for every bulleted list, then
// one per ordered list so that each starts again at its own number.
const (
	bulletNum       = 1
	firstOrderedNum = 2
)

// run is a piece of text with one formatting.
type run struct {
	text   string
	bold   bool
	italic bool
	mono   bool
	colour string // "#rrggbb", or "" for the style's
	size   int    // in half-points, or 0 for the style's
}

func plainRun(s string) run { return run{text: s} }

func (d *body) raw(s string) { d.b.WriteString(s) }

// runXML writes one run; line feeds become line breaks and tabs tabs.
func (d *body) runXML(r run) {
	d.raw("<w:r>")
	d.runProps(r)
	for i, line := range strings.Split(r.text, "\n") {
		if i > 0 {
			d.raw("<w:br/>")
		}
		for j, part := range strings.Split(line, "\t") {
			if j > 0 {
				d.raw("<w:tab/>")
			}
			if part != "" {
				d.raw(`<w:t xml:space="preserve">` + esc(part) + "</w:t>")
			}
		}
	}
	d.raw("</w:r>")
}

func (d *body) runProps(r run) {
	if !r.bold && !r.italic && !r.mono && r.colour == "" && r.size == 0 {
		return
	}
	d.raw("<w:rPr>")
	if r.mono {
		d.raw(`<w:rStyle w:val="Code"/>`)
	}
	if r.bold {
		d.raw("<w:b/>")
	}
	if r.italic {
		d.raw("<w:i/>")
	}
	if c := hexColour(r.colour); c != "" {
		d.raw(`<w:color w:val="` + c + `"/>`)
	}
	if r.size > 0 {
		d.raw(`<w:sz w:val="` + itoa(r.size) + `"/>`)
	}
	d.raw("</w:rPr>")
}

// hexColour turns "#rrggbb" into Word's "RRGGBB"; anything else into "".
func hexColour(c string) string {
	if len(c) != 7 || c[0] != '#' {
		return ""
	}
	if _, err := strconv.ParseUint(c[1:], 16, 32); err != nil {
		return ""
	}
	return strings.ToUpper(c[1:])
}

// pOpen starts a paragraph of a style ("" for Normal) with extra paragraph
// properties (already XML) after the style.
func (d *body) pOpen(style, props string) {
	d.raw("<w:p>")
	if style != "" || props != "" {
		d.raw("<w:pPr>")
		if style != "" {
			d.raw(`<w:pStyle w:val="` + style + `"/>`)
		}
		d.raw(props)
		d.raw("</w:pPr>")
	}
}

// p writes a paragraph of runs.
func (d *body) p(style string, runs ...run) {
	d.pOpen(style, "")
	for _, r := range runs {
		d.runXML(r)
	}
	d.raw("</w:p>")
}

func (d *body) para(text string) { d.p("", plainRun(text)) }

// heading writes a heading of level 1 to 3 in Word's built-in heading
// style, which the navigation pane and the contents field read.
func (d *body) heading(level int, text string) {
	d.p("Heading"+itoa(level), plainRun(text))
}

// label writes "key  value" with the value aligned at a tab stop and
// wrapped lines indented to it.
func (d *body) label(key, value string) {
	d.pOpen("Label", "")
	d.runXML(run{text: key, bold: true})
	d.raw("<w:r><w:tab/></w:r>")
	d.runXML(plainRun(value))
	d.raw("</w:p>")
}

// listItem writes one paragraph of a Word list.
func (d *body) listItem(num, level int, runs ...run) {
	d.pOpen("ListParagraph", `<w:numPr><w:ilvl w:val="`+itoa(level)+`"/><w:numId w:val="`+itoa(num)+`"/></w:numPr>`)
	for _, r := range runs {
		d.runXML(r)
	}
	d.raw("</w:p>")
}

// orderedList registers a new ordered list starting at start and returns
// its numbering instance.
func (d *body) orderedList(start int) int {
	d.lists = append(d.lists, start)
	return firstOrderedNum + len(d.lists) - 1
}

// pageBreak starts a new page.
func (d *body) pageBreak() { d.raw(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`) }

// link writes a hyperlink to an external address within the current
// paragraph.
func (d *body) link(target, label string) {
	id := -1
	for i, l := range d.links {
		if l == target {
			id = i
		}
	}
	if id < 0 {
		d.links = append(d.links, target)
		id = len(d.links) - 1
	}
	d.raw(`<w:hyperlink r:id="rIdLink` + itoa(id+1) + `" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">` + esc(label) + `</w:t></w:r></w:hyperlink>`)
}

// column of a table: a title and a share of the text width.
type column struct {
	title string
	share float64
	// vertical sets the title to read bottom to top, for narrow columns.
	vertical bool
}

// cell is the content of one table cell.
type cell struct {
	text   string
	fill   string // "#rrggbb" shading, or ""
	colour string // "#rrggbb" text colour, or ""
	bold   bool
	centre bool
}

func textCells(rows [][]string) [][]cell {
	out := make([][]cell, len(rows))
	for i, r := range rows {
		out[i] = make([]cell, len(r))
		for j, s := range r {
			out[i][j] = cell{text: s}
		}
	}
	return out
}

// Table colours, as in the PDF.
const (
	headerFill = "#e8edf4"
)

// table writes a table whose first row, the column titles, repeats at the
// top of every page the table runs onto; a row never splits across pages.
// Columns have fixed widths, so Word and LibreOffice lay it out alike.
func (d *body) table(cols []column, rows [][]cell) { d.tableCompact(cols, rows, false) }

// tableCompact writes a table; a compact one (the RACI grid, many narrow
// columns of one or two letters) has small cell margins.
func (d *body) tableCompact(cols []column, rows [][]cell, compact bool) {
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = max(int(c.share*float64(d.width)), 200)
	}
	margins := ""
	if compact {
		margins = `<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="28" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="28" w:type="dxa"/></w:tblCellMar>`
	}
	d.raw(`<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/><w:tblW w:w="` + itoa(sum(widths)) + `" w:type="dxa"/><w:tblLayout w:type="fixed"/>` + margins + `<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		d.raw(`<w:gridCol w:w="` + itoa(w) + `"/>`)
	}
	d.raw("</w:tblGrid>")
	d.raw(`<w:tr><w:trPr><w:cantSplit/>` + headerHeight(cols, widths) + `<w:tblHeader/></w:trPr>`)
	for i, c := range cols {
		props := ""
		if c.vertical {
			props = `<w:textDirection w:val="btLr"/><w:vAlign w:val="bottom"/>`
		}
		d.tc(widths[i], cell{text: c.title, fill: headerFill, bold: true}, props)
	}
	d.raw("</w:tr>")
	for _, r := range rows {
		d.raw(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		for i := range cols {
			var c cell
			if i < len(r) {
				c = r[i]
			}
			d.tc(widths[i], c, "")
		}
		d.raw("</w:tr>")
	}
	d.raw("</w:tbl>")
	// Word needs a paragraph between two tables, or it joins them.
	d.p("TableGap")
}

// headerHeight returns the height of a header row with vertical titles,
// as a row property: LibreOffice does not grow a row to fit turned text,
// so the row is made tall enough for the longest title wrapped over the
// lines its column holds (an estimate from the average width of a
// character of the table's text), within a fifth of a page.
func headerHeight(cols []column, widths []int) string {
	need := 0
	for i, c := range cols {
		if !c.vertical {
			continue
		}
		const charWidth, lineHeight, pad = 110, 230, 240
		lines := max(1, (widths[i]-170)/lineHeight)
		need = max(need, utf8.RuneCountInString(c.title)*charWidth/lines+pad)
	}
	if need == 0 {
		return ""
	}
	return `<w:trHeight w:val="` + itoa(min(max(need, 800), 3000)) + `" w:hRule="atLeast"/>`
}

// tc writes one cell of a given width; props are extra cell properties.
func (d *body) tc(width int, c cell, props string) {
	d.raw(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(width) + `" w:type="dxa"/>`)
	if f := hexColour(c.fill); f != "" {
		d.raw(`<w:shd w:val="clear" w:color="auto" w:fill="` + f + `"/>`)
	}
	d.raw(props + "</w:tcPr>")
	pProps := ""
	if c.centre {
		pProps = `<w:jc w:val="center"/>`
	}
	// One paragraph per line, so that LibreOffice's and Word's text of a
	// cell keeps its lines.
	for _, line := range strings.Split(c.text, "\n") {
		d.pOpen("TableText", pProps)
		d.runXML(run{text: line, bold: c.bold, colour: c.colour})
		d.raw("</w:p>")
	}
	d.raw("</w:tc>")
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

func itoa(i int) string { return strconv.Itoa(i) }
