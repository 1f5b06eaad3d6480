package docx

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/view"
)

// The Word file typesets the controlled document of generator/document,
// block by block, as the PDF does: the same sections, sentences and
// tables. What is Word's own is how a block is drawn: Word headings and
// lists, fixed-width tables, turned or numbered RACI headers, and the
// reporting lines as a nested list.

// entry is a heading that the contents field lists.
type entry struct {
	level    int
	title    string
	bookmark string
}

// writer renders the body of one document.
type writer struct {
	*body
	v    *view.View
	page page // portrait
	toc  []entry
	// landscape is set while the body is in a landscape section.
	landscape bool
}

// sectPr is the properties of a section of the page, portrait or
// landscape: its size, margins, header and footer. Word puts them at the
// end of the section they describe.
func (w *writer) sectPr(landscape bool) string {
	pg, orient, turned := w.page, "", ""
	if landscape {
		// Its own header and footer, whose tab stops span the wider page.
		pg, orient, turned = pg.turned(), ` w:orient="landscape"`, "L"
	}
	return fmt.Sprintf(`<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader%s"/><w:footerReference w:type="default" r:id="rIdFooter%s"/>`+
		`<w:pgSz w:w="%d" w:h="%d"%s/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/></w:sectPr>`,
		turned, turned, pg.width, pg.height, orient, pg.top, pg.right, pg.bottom, pg.left, pg.header, pg.footer)
}

// pageTo starts a new page, turned to landscape or back to portrait when
// the orientation changes: a section break.
func (w *writer) pageTo(landscape bool) {
	if landscape == w.landscape {
		w.pageBreak()
		return
	}
	w.raw("<w:p><w:pPr>" + w.sectPr(w.landscape) + "</w:pPr></w:p>")
	w.landscape = landscape
	w.width = w.page.textWidth()
	if landscape {
		w.width = w.page.turned().textWidth()
	}
}

// section writes a heading of level 1 or 2 with a bookmark, and lists it
// in the contents, as Word does when it updates the field.
func (w *writer) section(level int, title string) {
	mark := fmt.Sprintf("_Toc%08d", len(w.toc)+1)
	w.toc = append(w.toc, entry{level: level, title: title, bookmark: mark})
	id := itoa(len(w.toc))
	w.pOpen("Heading"+itoa(level), "")
	w.raw(`<w:bookmarkStart w:id="` + id + `" w:name="` + mark + `"/>`)
	w.runXML(plainRun(title))
	w.raw(`<w:bookmarkEnd w:id="` + id + `"/>`)
	w.raw("</w:p>")
}

// front writes the cover with the document control table, and the
// contents as a TOC field whose cached entries are the sections already
// written (without page numbers: Word fills them in when it updates the
// field).
func (w *writer) front(doc *document.Document, toc []entry) {
	c := doc.Cover
	w.p0("Subtitle", c.Organisation)
	w.p0("Title", c.Title)
	w.p0("Subtitle", c.Subtitle)
	if c.Notice != "" {
		// A translation says what it translates, above the control block.
		w.p("", run{text: c.Notice, bold: true, colour: "#14325f"})
	}
	w.p0("ControlHeading", c.ControlTitle)
	var rows [][]string
	for _, f := range c.Control {
		rows = append(rows, []string{f.Label, f.Value})
	}
	words := w.v.Words
	w.table([]column{{title: words.Text("document.control.field"), share: 0.3}, {title: words.Text("document.control.value"), share: 0.7}}, textCells(rows))
	w.pageBreak()

	w.p0("TOCHeading", doc.Contents)
	for i, e := range toc {
		w.pOpen("TOC"+itoa(e.level), "")
		if i == 0 {
			w.raw(`<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`)
		}
		w.raw(`<w:hyperlink w:anchor="` + e.bookmark + `" w:history="1">`)
		w.runXML(plainRun(e.title))
		w.raw("</w:hyperlink></w:p>")
	}
	w.raw(`<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`)
	w.pageBreak()
}

// p0 writes a paragraph of one plain run in a style.
func (w *writer) p0(style, text string) { w.p(style, plainRun(text)) }

// content writes the body's blocks.
func (w *writer) content(doc *document.Document) {
	for i, bl := range doc.Body {
		if pb, ok := bl.(*document.PageBreak); ok && i == 0 && !pb.Landscape {
			continue // the contents end with a page break already
		}
		w.block(bl, -1)
	}
}

// block writes one block; level is the list level it stands in (-1
// outside lists).
func (w *writer) block(bl document.Block, level int) {
	switch x := bl.(type) {
	case *document.Heading:
		if x.Level <= 2 {
			w.section(x.Level, x.Text)
		} else {
			w.heading(3, x.Text)
		}
	case *document.PageBreak:
		w.pageTo(x.Landscape)
	case *document.Paragraph:
		style := map[document.Style]string{document.Meta: "Meta"}[x.Style]
		if level >= 0 {
			style = "ListParagraph"
		}
		props := ""
		if level >= 0 {
			props = `<w:ind w:left="` + itoa(listIndent(level)) + `"/>`
		}
		w.pOpen(style, props)
		w.runs(x.Runs)
		w.raw("</w:p>")
	case *document.List:
		w.list(x, level+1)
	case *document.Fields:
		for _, f := range x.Fields {
			w.label(f.Label, f.Value)
		}
	case *document.Table:
		w.table(columnsOf(x, w.width), textCells(x.Rows))
	case *document.Legend:
		w.legend(x)
	case *document.Grid:
		w.grid(x)
	case *document.Chart:
		w.chart(x)
	case *document.Signatures:
		for _, s := range x.Signers {
			w.p("SignRole", run{text: s.Role, bold: true})
			for _, line := range s.Lines {
				// The label, the value, then a tab whose leader draws the
				// line to write on.
				w.pOpen("SignLine", "")
				w.runXML(plainRun(line.Label))
				w.raw("<w:r><w:tab/></w:r>")
				w.runXML(plainRun(line.Value))
				w.raw("<w:r><w:tab/></w:r>")
				w.raw("</w:p>")
			}
		}
	}
}

// runs writes a paragraph's runs: links as hyperlinks, an image as its
// description in italics (the Word file carries no pictures).
func (w *writer) runs(rs []document.Run) {
	for _, r := range rs {
		if r.Link != "" {
			w.link(r.Link, r.Text)
			continue
		}
		w.runXML(run{text: r.Text, bold: r.Bold, italic: r.Italic || r.Image != nil, mono: r.Code})
	}
}

// list writes a list at a level (0 outermost): each item's first
// paragraph carries the marker, the rest of the item is indented to it.
// Word lists have nine levels; deeper items stay at the ninth.
func (w *writer) list(l *document.List, level int) {
	level = min(level, maxListLevel)
	num := bulletNum
	if l.Ordered {
		num = w.orderedList(l.Start)
	}
	for _, item := range l.Items {
		marked := false
		for _, bl := range item {
			p, ok := bl.(*document.Paragraph)
			if ok && !marked {
				w.pOpen("ListParagraph", `<w:numPr><w:ilvl w:val="`+itoa(level)+`"/><w:numId w:val="`+itoa(num)+`"/></w:numPr>`)
				w.runs(p.Runs)
				w.raw("</w:p>")
				marked = true
				continue
			}
			w.block(bl, level)
		}
		if !marked && len(item) == 0 {
			w.listItem(num, level)
		}
	}
}

// maxListLevel is the deepest level of a Word list (levels 0 to 8).
const maxListLevel = 8

// listIndent is the left indent of list level l, in twips, as numbering.xml
// sets it.
func listIndent(l int) int { return 360 * (l + 1) }

// legend writes the RACI letters in their colours with their meanings.
func (w *writer) legend(l *document.Legend) {
	w.pOpen("", "")
	w.runXML(plainRun(l.Title + " "))
	for i, c := range l.Letters {
		if i > 0 {
			w.runXML(plainRun(", "))
		}
		w.raw(`<w:r><w:rPr><w:b/><w:color w:val="` + hexColour(c.Colour) + `"/><w:shd w:val="clear" w:color="auto" w:fill="` + hexColour(c.Fill) + `"/></w:rPr><w:t xml:space="preserve">` + esc(c.Text) + `</w:t></w:r>`)
		w.runXML(plainRun(" = " + l.Names[i]))
	}
	w.raw("</w:p>")
}

// grid writes the RACI grid: one table per process, under the process's
// heading, each with a column for every role. The role columns are headed
// by the roles' names turned to read upwards while the longest fits the
// header's height; otherwise they are numbered, with the key above the
// first table.
func (w *writer) grid(g *document.Grid) {
	activity, clause := 0.25, 0.07
	share := (1 - activity - clause) / float64(max(len(g.Roles), 1))
	cols := []column{{title: g.ActivityTitle, share: activity}, {title: g.ClauseTitle, share: clause}}
	roleW := int(share * float64(w.width))
	numbered := !turnedFits(g.Roles, roleW)
	if numbered {
		w.para(document.RoleKey(w.v.Words, g.Roles))
	}
	for i, r := range g.Roles {
		if numbered {
			cols = append(cols, column{title: itoa(i + 1), share: share})
		} else {
			cols = append(cols, column{title: r, share: share, vertical: true})
		}
	}
	for _, grp := range g.Groups {
		w.heading(3, grp.Process)
		var rows [][]cell
		for _, row := range grp.Rows {
			r := []cell{{text: row.Activity}, {text: row.Clause}}
			for _, c := range row.Cells {
				r = append(r, cell{text: c.Text, fill: c.Fill, colour: c.Colour, bold: true, centre: true})
			}
			rows = append(rows, r)
		}
		w.tableCompact(cols, rows, true)
	}
}

// turnedFits reports whether every role name, turned to read upwards in a
// column width wide, fits the tallest header row headerHeight allows.
func turnedFits(names []string, width int) bool {
	const charWidth, lineHeight, maxHeight = 110, 230, 3000
	lines := max(1, (width-170)/lineHeight)
	for _, n := range names {
		if utf8.RuneCountInString(n)*charWidth/lines+240 > maxHeight {
			return false
		}
	}
	return true
}

// chart writes the reporting lines as a nested list: each role under the
// role it reports to, with who holds it. Word lists have nine levels; a
// role deeper than that is listed at the ninth, naming whom it reports to.
func (w *writer) chart(c *document.Chart) {
	w.para(document.ChartListIntro(w.v.Words))
	var walk func(ns []*view.ChartNode, level int)
	walk = func(ns []*view.ChartNode, level int) {
		for _, n := range ns {
			var parent *view.Role
			if level > maxListLevel && n.Parent != nil {
				parent = n.Parent.Role
			}
			w.listItem(bulletNum, min(level, maxListLevel), plainRun(document.ChartListEntry(w.v.Words, n.Role, parent)))
			walk(n.Children, level+1)
		}
	}
	walk(c.Chart.Roots, 0)
}

// columnsOf gives a table's columns their shares of the width from what
// they hold: a date, token, number or letter column at least as wide as
// its longest entry, so it never breaks inside one; a text or name column
// at least as wide as its longest word, so a header word is never broken;
// the rest of the width to the columns with more to say.
func columnsOf(t *document.Table, width int) []column {
	const charWidth, pad = 105, 230 // twips: a character of the table text, cell margins
	n := len(t.Columns)
	minW, want := make([]float64, n), make([]float64, n)
	for i, c := range t.Columns {
		texts := []string{c.Title}
		for _, r := range t.Rows {
			if i < len(r) {
				texts = append(texts, r[i])
			}
		}
		longest, total, count := 0, 0, 0
		for j, s := range texts {
			for _, line := range strings.Split(s, "\n") {
				unit := strings.Fields(line)
				if c.Kind != document.Text && c.Kind != document.Name && j > 0 {
					unit = []string{line}
				}
				for _, u := range unit {
					longest = max(longest, utf8.RuneCountInString(u))
				}
				if j > 0 {
					total += utf8.RuneCountInString(line)
					count++
				}
			}
		}
		minW[i] = float64(longest*charWidth + pad)
		want[i] = max(minW[i], float64(min(total/max(count, 1), 60)*charWidth+pad))
	}
	shares := fitWidths(minW, want, float64(width))
	cols := make([]column, n)
	for i, c := range t.Columns {
		cols[i] = column{title: c.Title, share: shares[i] / float64(width)}
	}
	return cols
}

// fitWidths shares total among columns that need at least min and would
// like want: everyone's wish when the wishes fit, scaled up to the total;
// else each its minimum and the rest in proportion to what they lack;
// when even the minimums do not fit, in proportion to them.
func fitWidths(minW, want []float64, total float64) []float64 {
	sumMin, sumWant := 0.0, 0.0
	for i := range minW {
		sumMin += minW[i]
		sumWant += want[i]
	}
	out := make([]float64, len(minW))
	switch {
	case sumWant <= total:
		for i := range want {
			out[i] = want[i] * total / sumWant
		}
	case sumMin <= total:
		for i := range want {
			out[i] = minW[i] + (want[i]-minW[i])*(total-sumMin)/(sumWant-sumMin)
		}
	default:
		for i := range minW {
			out[i] = minW[i] * total / sumMin
		}
	}
	return out
}
