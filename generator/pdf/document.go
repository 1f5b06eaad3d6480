package pdf

import (
	"fmt"

	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/pdf/pdfdoc"
	"github.com/rolepack/rolepack/generator/view"
)

// section is an entry of the table of contents and the PDF outline.
type section struct {
	title string
	level int
	page  int
}

// writer renders the document body. The body is rendered twice: the
// document model knows the contents' titles before anything is laid out,
// so the first run lays out the contents at their full length and learns
// each section's page, and the second prints those page numbers and links
// (a page number's width does not move anything: it has a box of its own).
type writer struct {
	*doc
	known    []section // sections of the previous run, with their pages
	links    []int     // link targets of the known sections
	sections []section // sections of this run
}

// Document renders the controlled Roles, Responsibilities and Authorities
// document from the view of the pack.
func Document(v *view.View) ([]byte, error) {
	if v == nil || v.Pack == nil {
		return nil, fmt.Errorf("pdf: no pack")
	}
	m := document.Of(v)
	var known []section
	for _, h := range m.Headings() {
		known = append(known, section{title: h.Text, level: h.Level - 1})
	}
	for run := 0; ; run++ {
		w := &writer{doc: newDoc(v, m.Title), known: known}
		w.render(m)
		if err := w.f.Error(); err != nil {
			return nil, fmt.Errorf("pdf: %w", err)
		}
		if run == 1 {
			return w.bytes()
		}
		known = w.sections
	}
}

// Heading sizes: every heading is at least headingMin points, every line
// of body text at most bodySize, so a reader (and the layout check) can
// tell them apart.
const headingMin = 11.0

// heading starts a section: a bookmark, a link target and a TOC entry. It
// is placed with the first lines of what follows it.
func (w *writer) heading(title string, level int) {
	f := w.f
	size := map[int]float64{0: 16, 1: 13, 2: headingMin}[level]
	lh := size * 0.5
	f.SetFont(sans, "B", size)
	lines := wrapText(f, title, w.contentWidth())
	gap := 0.0
	if level > 0 {
		gap = 2
	}
	w.keepWithNext(gap+float64(len(lines))*lh+2, func() {
		f.Ln(gap)
		f.SetFont(sans, "B", size)
		f.Bookmark(title, level, -1)
		if i := len(w.sections); i < len(w.links) {
			f.SetLink(w.links[i], f.GetY(), -1)
		}
		w.sections = append(w.sections, section{title: title, level: level, page: f.PageNo()})
		f.SetTextColor(20, 50, 95)
		w.drawLines(lineBlock{lines: lines, style: "B", size: size, lh: lh}, 0, len(lines), margin)
		f.SetTextColor(0, 0, 0)
		f.Ln(2)
		f.SetFont(sans, "", bodySize)
	})
}

// subhead is a minor heading, kept with what follows it.
func (d *doc) subhead(title string) {
	f := d.f
	f.SetFont(sans, "B", headingMin)
	l, _, _, _ := f.GetMargins()
	b := lineBlock{lines: wrapText(f, title, d.contentWidth()), style: "B", size: headingMin, lh: lineH + 1}
	d.keepWithNext(float64(len(b.lines))*b.lh, func() {
		d.drawLines(b, 0, len(b.lines), l)
		f.SetFont(sans, "", bodySize)
	})
}

// pageBreak places any heading still waiting, then starts a portrait page.
func (d *doc) pageBreak() {
	d.placePending()
	d.f.AddPage()
}

// placePending places the headings still waiting, if any, before a page
// break. With none waiting it does nothing: a section that ended at the
// foot of its page (a table's closing space past the bottom) would
// otherwise start a page of its own here, left blank by the break after it.
func (d *doc) placePending() {
	if len(d.pending) > 0 {
		d.place(0)
	}
}

// render typesets the document model: the cover, the contents, then the
// body block by block.
func (w *writer) render(m *document.Document) {
	w.cover(m.Cover)
	w.pageBreak()
	w.toc(m.Contents)
	w.pageBreak()
	for i, bl := range m.Body {
		if t, ok := bl.(*document.Table); ok {
			w.modelTable(t, w.tailAfter(m.Body, i))
			continue
		}
		w.block(bl)
	}
}

// tailAfter is the height of a paragraph of one or two lines that ends a
// section after the table at body[i] (a page break or the end follows
// it): the table keeps its last rows with it, so that it does not go to a
// page of its own. It is 0 when no such paragraph follows.
func (w *writer) tailAfter(body []document.Block, i int) float64 {
	if i+1 >= len(body) {
		return 0
	}
	p, ok := body[i+1].(*document.Paragraph)
	if !ok || p.Style != document.Body {
		return 0
	}
	if i+2 < len(body) {
		if _, ok := body[i+2].(*document.PageBreak); !ok {
			return 0
		}
	}
	for _, r := range p.Runs {
		if r.Image != nil {
			return 0
		}
	}
	n := len(w.measureRuns(w.pdfRuns(p.Runs), w.contentWidth()).rich)
	if n > 2 {
		return 0
	}
	return float64(n) * lineH
}

// modelTable typesets a table of the model, its columns measured by what
// they hold, kept with a short paragraph after it (tailAfter).
func (d *doc) modelTable(t *document.Table, after float64) {
	cols := make([]typedColumn, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = typedColumn{title: c.Title, kind: c.Kind}
	}
	d.typedTable(cols, t.Rows, after)
}

// block typesets one block of the body.
func (w *writer) block(bl document.Block) {
	f := w.f
	switch x := bl.(type) {
	case *document.Heading:
		if x.Level >= 3 {
			w.subhead(x.Text)
		} else {
			w.heading(x.Text, x.Level-1)
		}
	case *document.PageBreak:
		if x.Landscape {
			w.landscape()
		} else {
			w.pageBreak()
		}
	case *document.Paragraph:
		switch x.Style {
		case document.Meta:
			w.styled(document.RunsText(x.Runs), "I", bodySize-1, lineH)
		case document.Notice:
			w.styled(document.RunsText(x.Runs), "B", bodySize-1, lineH)
			f.Ln(1)
		default:
			w.blocks([]document.Block{x}, 0, false)
		}
	case *document.List:
		if items, ok := plainItems(x); ok {
			w.bullets(items)
		} else {
			w.blocks([]document.Block{x}, 0, false)
		}
	case *document.Fields:
		for _, fl := range x.Fields {
			w.label(fl.Label, fl.Value)
		}
		f.Ln(1)
	case *document.Table:
		w.modelTable(x, 0)
	case *document.Legend:
		w.paletteLegend(x)
	case *document.Grid:
		w.raciGrid(x)
	case *document.Chart:
		w.chart(x)
	case *document.Signatures:
		w.signatures(x)
	}
}

// plainItems returns a list's items as plain text when each is one plain
// paragraph (the lists of the sources' entries), for the bullets layout.
func plainItems(l *document.List) ([]string, bool) {
	if l.Ordered {
		return nil, false
	}
	items := make([]string, len(l.Items))
	for i, item := range l.Items {
		if len(item) != 1 {
			return nil, false
		}
		p, ok := item[0].(*document.Paragraph)
		if !ok || len(p.Runs) != 1 || p.Runs[0] != (document.Run{Text: p.Runs[0].Text}) {
			return nil, false
		}
		items[i] = p.Runs[0].Text
	}
	return items, true
}

func (w *writer) cover(c document.Cover) {
	f := w.f
	f.AddPage()
	f.SetY(45)
	f.SetFont(sans, "", 13)
	w.multiCell(0, 7, c.Organisation)
	f.Ln(4)
	f.SetFont(sans, "B", 22)
	f.SetTextColor(20, 50, 95)
	w.multiCell(0, 10, c.Title)
	f.SetTextColor(0, 0, 0)
	f.Ln(2)
	f.SetFont(sans, "", 11)
	w.multiCell(0, 6, c.Subtitle)
	f.Ln(10)
	if c.Notice != "" {
		w.notice(c.Notice)
	}
	f.SetFont(sans, "B", 11)
	f.CellFormat(0, 7, c.ControlTitle, "B", 1, "L", false, 0, "")
	f.Ln(2)
	for _, kv := range c.Control {
		w.label(kv.Label, kv.Value)
	}
}

func (w *writer) toc(title string) {
	f := w.f
	f.SetFont(sans, "B", 16)
	f.SetTextColor(20, 50, 95)
	f.CellFormat(0, 10, title, "", 1, "L", false, 0, "")
	f.SetTextColor(0, 0, 0)
	f.Ln(2)
	cw := w.contentWidth()
	for _, s := range w.known {
		link := f.AddLink()
		w.links = append(w.links, link)
		indent := float64(s.level) * 6
		style := ""
		if s.level == 0 {
			style = "B"
		}
		w.need(lineH + 1)
		f.SetFont(sans, style, bodySize)
		f.SetX(margin + indent)
		f.CellFormat(cw-indent-15, lineH+0.6, fit(f, s.title, cw-indent-17), "", 0, "L", false, link, "")
		f.CellFormat(15, lineH+0.6, itoa(s.page), "", 1, "R", false, link, "")
	}
}

// signatures draws the approval page's signature blocks: for each signer
// their role, then a line for each field, the name written in.
func (w *writer) signatures(s *document.Signatures) {
	f := w.f
	f.Ln(6)
	for _, who := range s.Signers {
		name := ""
		if len(who.Lines) > 0 {
			name = who.Lines[0].Value
		}
		f.SetFont(sans, "B", headingMin)
		role := wrapText(f, who.Role, w.contentWidth())
		f.SetFont(sans, "", bodySize)
		w.place(float64(len(role))*6 + float64(len(who.Lines))*12 + float64(len(wrapText(f, name, 100))-1)*lineH)
		w.drawLines(lineBlock{lines: role, style: "B", size: headingMin, lh: 6}, 0, len(role), margin)
		f.SetFont(sans, "", bodySize)
		for _, l := range who.Lines {
			w.signLine(l.Label, l.Value)
		}
		f.Ln(6)
	}
}

// signLineHeight is the height signLine takes: the line, the value
// wrapped above it, and the space before and after.
func (d *doc) signLineHeight(value string) float64 {
	d.f.SetFont(sans, "", bodySize)
	return 4 + 7 + float64(len(wrapText(d.f, value, 100))-1)*lineH + 1
}

// signLine draws a labelled line to sign or write on.
// A value (a signer's name) is written in full, wrapped above the line.
func (d *doc) signLine(label, value string) {
	f := d.f
	f.SetFont(sans, "", bodySize)
	lines := wrapText(f, value, 100)
	h := 7 + float64(len(lines)-1)*lineH
	d.need(4 + h + 1)
	f.Ln(4)
	y := f.GetY()
	f.SetXY(margin, y+h-7)
	f.CellFormat(30, 7, label, "", 0, "L", false, 0, "")
	for i, l := range lines {
		f.SetXY(margin+30, y+float64(i)*lineH)
		f.CellFormat(100, 7, l, "", 0, "L", false, 0, "")
	}
	f.SetDrawColor(60, 60, 60)
	f.Line(margin+30, y+h, margin+130, y+h)
	f.SetXY(margin, y+h+1)
}

// fit shortens s with an ellipsis until it is at most width wide in the
// current font, for one-line cells. The runes kept are measured once.
func fit(f *pdfdoc.Doc, s string, width float64) string {
	m := meter{f: f}
	defer m.count()
	dots := m.units("…")
	if m.mm(m.units(s)) <= width {
		return s
	}
	n, _ := m.prefix(s, 0, width, dots)
	if n == 0 && s != "" { // not even one character fits: keep one
		_, n = m.first(s)
	}
	return s[:n] + "…"
}
