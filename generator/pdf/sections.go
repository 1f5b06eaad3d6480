package pdf

import (
	"fmt"
	"math"
	"strconv"

	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/pdf/pdfdoc"
	"github.com/rolepack/rolepack/generator/view"
)

func (w *writer) landscape() {
	w.placePending()
	size := paper(w.p)
	w.f.AddPageSize(pdfdoc.Size{W: size.H, H: size.W})
}

// Sizes of the reporting-line chart, in mm and points.
const (
	chartMinBox   = 28.0 // narrowest box: sets how many fit across a page
	chartMaxBox   = 48.0
	chartGapX     = 3.0
	chartGapY     = 9.0
	chartPad      = 1.2
	chartNameSize = 6.8
	chartNameLH   = 3.2
	chartNoteSize = 6.0
	chartNoteLH   = 2.9
	chartTitleH   = 7.0  // a part's title line
	chartHeadH    = 30.0 // the section heading and the note above the first part
)

// chart draws the reporting lines from the view's layout: parts of the
// tree that fit a landscape page, each drawn as boxes and lines (a level
// wider than the page wrapped into rows of boxes, as the view lays it
// out), stacked on a page while they fit.
func (w *writer) chart(c *document.Chart) {
	f := w.f
	chart := c.Chart
	cw := w.contentWidth()
	_, pageH := f.GetPageSize()
	_, bottom := f.GetAutoPageBreak()
	_, top, _, _ := f.GetMargins()
	fresh := pageH - top - bottom - chartTitleH - chartHeadH
	// The narrowest box sets how many fit across a page and, with the
	// tallest name at that width, how many levels fit down it. A name so
	// long that its box would be taller than a page widens every box
	// (fewer across) until it fits.
	minBox, maxLevels := chartMinBox, 0
	for {
		boxH := 0.0
		var walk func([]*view.ChartNode)
		walk = func(ns []*view.ChartNode) {
			for _, n := range ns {
				boxH = max(boxH, w.chartBoxHeight(n.Role, minBox, true))
				walk(n.Children)
			}
		}
		walk(chart.Roots)
		maxLevels = int((fresh + chartGapY) / (boxH + chartGapY))
		if maxLevels >= 1 || minBox >= cw-chartGapX {
			break
		}
		minBox = min(2*minBox, cw-chartGapX) // one box across, its gap kept
	}
	maxUnits := max(math.Floor((cw+chartGapX)/(minBox+chartGapX)), 1)
	// A box taller than a page even at the full width of the page cannot
	// be drawn in one piece, and a box cut across pages would lose its
	// lines' place: only then is the chart an indented list, which keeps
	// every name in full. (The loader's limit on a name's length makes
	// this all but unreachable.)
	listAll := maxLevels < 1
	parts := chart.Layout(maxUnits, maxLevels)
	if intro := document.ChartIntro(w.v.Words, len(parts)); intro != "" {
		w.para(intro)
	}
	for i, part := range parts {
		under := ""
		if part.Under != nil {
			under = part.Under.Name
		}
		title := document.ChartTitle(w.v.Words, i, len(parts), under)
		if listAll {
			w.place(chartTitleH + 2*lineH)
			w.chartTitle(title)
			w.chartList(part)
			continue
		}
		slot := cw / max(part.Width, 1)
		boxW := min(slot-chartGapX, max(chartMaxBox, minBox))
		// Each level (each row of a wrapped level) is as tall as its
		// tallest box, so the boxes of a level line up.
		heights := make([]float64, part.Levels)
		for _, b := range part.Boxes {
			heights[b.Level] = max(heights[b.Level], w.chartBoxHeight(b.Role, boxW, b.Continued > 0))
		}
		height := -chartGapY
		for _, h := range heights {
			height += h + chartGapY
		}
		w.place(chartTitleH + height)
		w.chartTitle(title)
		w.chartDrawing(part, slot, boxW, heights)
		f.SetXY(margin, f.GetY()+height+6)
	}
	f.SetFont(sans, "", bodySize)
}

func (w *writer) chartTitle(title string) {
	w.f.SetFont(sans, "B", bodySize-1)
	w.multiCell(0, chartTitleH-2, title)
	w.f.Ln(2)
}

// chartBoxText is what a box says: the full role name, the holder summary
// and, when its reports are drawn on a later chart, where.
func (w *writer) chartBoxText(rv *view.Role, width float64, continued int) (name, note []string) {
	f := w.f
	f.SetFont(sans, "B", chartNameSize)
	name = wrap(f, rv.Name, width-2*chartPad)
	f.SetFont(sans, "", chartNoteSize)
	note = wrap(f, rv.HolderSummary(), width-2*chartPad)
	if continued > 0 {
		f.SetFont(sans, "I", chartNoteSize)
		note = append(note, wrap(f, document.ContinuedNote(w.v.Words, continued), width-2*chartPad)...)
	}
	return name, note
}

// chartBoxHeight is the height a box needs to show all its text.
func (w *writer) chartBoxHeight(rv *view.Role, width float64, continued bool) float64 {
	c := 0
	if continued {
		c = 99 // the note's length does not depend on the number's digits much
	}
	name, note := w.chartBoxText(rv, width, c)
	return 2*chartPad + float64(len(name))*chartNameLH + 0.6 + float64(len(note))*chartNoteLH
}

// chartDrawing draws a part as boxes joined by lines, from the current
// position: unit x of the layout is slot mm, level l heights[l] mm tall
// with a gap below it. The rows of a wrapped level have no lines.
func (w *writer) chartDrawing(part view.ChartPart, slot, boxW float64, heights []float64) {
	f := w.f
	top := f.GetY()
	tops := make([]float64, len(heights))
	y := top
	for l, h := range heights {
		tops[l] = y
		y += h + chartGapY
	}
	centre := func(b view.ChartBox) (x, y float64) {
		return margin + slot*b.X, tops[b.Level]
	}
	f.SetDrawColor(120, 130, 145)
	for _, e := range part.Edges {
		from := part.Boxes[e.From]
		px, py := centre(from)
		cx, cy := centre(part.Boxes[e.To])
		bottom := py + heights[from.Level]
		mid := bottom + chartGapY/2
		f.Line(px, bottom, px, mid)
		f.Line(px, mid, cx, mid)
		f.Line(cx, mid, cx, cy)
	}
	for _, b := range part.Boxes {
		cx, y := centre(b)
		x, boxH := cx-boxW/2, heights[b.Level]
		f.SetDrawColor(31, 79, 143)
		f.SetFillColor(240, 244, 250)
		f.RoundedRect(x, y, boxW, boxH, 1.5, "FD")
		name, note := w.chartBoxText(b.Role, boxW, b.Continued)
		ty := y + chartPad
		f.SetFont(sans, "B", chartNameSize)
		for _, l := range name {
			f.SetXY(x+chartPad, ty)
			f.CellFormat(boxW-2*chartPad, chartNameLH, l, "", 0, "C", false, 0, "")
			ty += chartNameLH
		}
		ty += 0.6
		holder := len(note)
		if b.Continued > 0 {
			f.SetFont(sans, "", chartNoteSize)
			holder = len(wrap(f, b.Role.HolderSummary(), boxW-2*chartPad))
		}
		for i, l := range note {
			style := ""
			if i >= holder {
				style = "I"
			}
			f.SetFont(sans, style, chartNoteSize)
			f.SetXY(x+chartPad, ty)
			f.CellFormat(boxW-2*chartPad, chartNoteLH, l, "", 0, "C", false, 0, "")
			ty += chartNoteLH
		}
	}
	f.SetXY(margin, top)
}

// chartList prints a part as an indented list, each role under the role
// it reports to.
func (w *writer) chartList(part view.ChartPart) {
	f := w.f
	cw := w.contentWidth()
	f.SetFont(sans, "", bodySize-1)
	for _, b := range part.Boxes {
		indent := float64(min(b.Level, 20)) * 5
		w.need(lineH)
		f.SetX(margin + indent)
		entry := "– " + document.ChartListEntry(w.v.Words, b.Role, nil)
		if b.Continued > 0 {
			entry += " (" + document.ContinuedNote(w.v.Words, b.Continued) + ")"
		}
		w.multiCell(cw-indent, lineH-0.6, entry)
	}
	f.Ln(2)
}

// wrap breaks s into lines at most width wide in the current font, at
// spaces; a word wider than a line is split (split: with a hyphen only
// between two letters of an ordinary word, never inside a token). Nothing
// is dropped. Each rune's width is looked up about once (measure.go), so
// the time taken grows with the length of s, not its square.
func wrap(f *pdfdoc.Doc, s string, width float64) []string {
	m := meter{f: f}
	defer m.count()
	width = atLeast(width)
	space, hyphen := m.units(" "), m.units("-")
	var lines []string
	line, lineW := "", 0.0
	for _, field := range words(s) {
		for k, word := range cjkParts(field) {
			glued := k > 0 // a part of a field, set without a space
			line, lineW = wrapWord(&m, &lines, line, lineW, word, glued, width, space, hyphen)
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// wrapWord adds word to the line being filled (line, lineW wide), after a
// space unless glued, or to new lines.
func wrapWord(m *meter, lines *[]string, line string, lineW float64, word string, glued bool, width, space, hyphen float64) (string, float64) {
	sep, sepW := " ", space
	if glued {
		sep, sepW = "", 0
	}
	wordW := m.units(word)
	token := m.mm(wordW) > width && isToken(word)
	for several(word) && m.mm(wordW) > width {
		if line != "" {
			*lines = append(*lines, line)
			line = ""
		}
		n, headW, hy := m.split(word, 0, width, token, hyphen)
		if n == 0 { // not even one character fits: it goes alone
			_, n = m.first(word)
			n, hy = graphemeFloor(word, n), false
			headW = 0
			for i := 0; i < n; {
				u, size := m.first(word[i:])
				headW += u
				i += size
			}
		}
		head := word[:n]
		if hy {
			head += "-"
		}
		*lines = append(*lines, head)
		// What is left is as wide as the word less its head: measuring
		// it again would make a long word's layout quadratic.
		word, wordW = word[n:], wordW-headW
	}
	switch {
	case line == "":
		line, lineW = word, wordW
	case m.mm(lineW+sepW+wordW) <= width:
		line += sep + word
		lineW += sepW + wordW
	default:
		*lines = append(*lines, line)
		line, lineW = word, wordW
	}
	return line, lineW
}

// raciGrid draws the matrix as a grid: activity and clause columns that
// wrap, one column per role headed by its full name turned a quarter turn
// (wrapped on as many lines as the column holds), or, when a name does not
// fit that way, by a number with a key above the grid on every page. A
// process's header repeats, marked "continued", after a page break.
func (w *writer) raciGrid(g *document.Grid) {
	f := w.f
	const size, lh, pad = 7.5, 3.4, 0.8
	cw := w.contentWidth()
	f.SetFont(sans, "", size)
	clauseW := 14.0
	for _, grp := range g.Groups {
		for _, row := range grp.Rows {
			clauseW = max(clauseW, longestWord(f, row.Clause)+2*pad+1)
		}
	}
	clauseW = min(clauseW, 30)
	nameW := 70.0
	n := max(len(g.Roles), 1)
	colW := (cw - nameW - clauseW) / float64(n)
	// Rotated names: the shortest header that holds every name in full.
	f.SetFont(sans, "", 6.5)
	maxLines := max(1, int((colW-0.8)/headLH))
	names := make([][]string, len(g.Roles))
	headH, numbered := 0.0, true
	for length := 25.0; length <= 60; length += 5 {
		fits := true
		for i, r := range g.Roles {
			names[i] = wrap(f, r, length)
			if len(names[i]) > maxLines {
				fits = false
				break
			}
		}
		if fits {
			headH, numbered = length+3, false
			break
		}
	}
	var key lineBlock
	if numbered {
		headH = 8
		key = w.measure(document.RoleKey(w.v.Words, g.Roles), "", size, lh, 0)
		if float64(len(key.lines))*lh > 0.4*w.usable() {
			// Too long to repeat: the key is printed once, before the grid.
			w.flow(key)
			f.Ln(2)
			key = lineBlock{}
		}
	}
	header := func() {
		if len(key.lines) > 0 {
			w.drawLines(key, 0, len(key.lines), margin)
			f.Ln(1.5)
		}
		y := f.GetY()
		f.SetFont(sans, "B", size)
		f.SetFillColor(232, 237, 244)
		f.SetDrawColor(170, 178, 190)
		f.Rect(margin, y, nameW, headH, "FD")
		f.Rect(margin+nameW, y, clauseW, headH, "FD")
		f.SetXY(margin+1, y+headH-5)
		f.CellFormat(nameW-2, 4, g.ActivityTitle, "", 0, "L", false, 0, "")
		f.SetXY(margin+nameW+1, y+headH-5)
		f.CellFormat(clauseW-2, 4, g.ClauseTitle, "", 0, "L", false, 0, "")
		for i := range g.Roles {
			x := margin + nameW + clauseW + float64(i)*colW
			f.Rect(x, y, colW, headH, "FD")
			if numbered {
				f.SetFont(sans, "B", 6.5)
				f.SetXY(x, y+headH-5)
				f.CellFormat(colW, 4, itoa(i+1), "", 0, "C", false, 0, "")
				continue
			}
			f.SetFont(sans, "", 6.5)
			lines := names[i]
			for j, line := range lines {
				// rotated a quarter turn: the first line is the leftmost
				bx := x + colW/2 + headLH*(float64(j)-float64(len(lines)-1)/2) + 1.0
				f.TransformBegin()
				f.TransformRotate(90, bx, y+headH-1.5)
				f.Text(bx, y+headH-1.5, line)
				f.TransformEnd()
			}
		}
		f.SetXY(margin, y+headH)
	}
	headerH := headH + float64(len(key.lines))*lh + 1.5
	measureRow := func(row document.GridRow) (name, clause []string, h float64) {
		f.SetFont(sans, "", size)
		name = wrapText(f, row.Activity, nameW-2*pad)
		clause = wrapText(f, row.Clause, clauseW-2*pad)
		return name, clause, float64(max(len(name), len(clause)))*lh + 2*pad
	}
	// A process's row holds its name in full, wrapped: a name cut short
	// would leave the grid's rows without the process they belong to.
	groupLines := func(name string) ([]string, float64) {
		f.SetFont(sans, "B", size)
		lines := wrapText(f, name, cw-2*pad)
		return lines, max(5, float64(len(lines))*lh+2*pad)
	}
	group := func(name string) {
		lines, h := groupLines(name)
		y := f.GetY()
		f.SetFillColor(246, 248, 251)
		f.SetDrawColor(170, 178, 190)
		f.Rect(margin, y, cw, h, "FD")
		f.SetFont(sans, "B", size)
		for i, l := range lines {
			f.SetXY(margin+pad, y+(h-float64(len(lines))*lh)/2+float64(i)*lh)
			f.CellFormat(cw-2*pad, lh, l, "", 0, "L", false, 0, "")
		}
		f.SetXY(margin, y+h)
	}
	first := headerH
	if len(g.Groups) > 0 && len(g.Groups[0].Rows) > 0 {
		_, _, h := measureRow(g.Groups[0].Rows[0])
		_, gh := groupLines(g.Groups[0].Process)
		first += gh + h
	}
	w.place(first)
	header()
	for _, grp := range g.Groups {
		_, need := groupLines(grp.Process)
		if len(grp.Rows) > 0 {
			_, _, h := measureRow(grp.Rows[0])
			need += h
		}
		if w.room() < need {
			w.newPage()
			header()
		}
		group(grp.Process)
		for _, row := range grp.Rows {
			name, clause, h := measureRow(row)
			if w.room() < h && !f.Err() {
				w.newPage()
				header()
				group(document.ContinuedGroup(w.v.Words, grp.Process))
			}
			y := f.GetY()
			f.SetDrawColor(170, 178, 190)
			f.Rect(margin, y, nameW, h, "D")
			f.Rect(margin+nameW, y, clauseW, h, "D")
			f.SetFont(sans, "", size)
			for i, l := range name {
				f.SetXY(margin+pad, y+pad+float64(i)*lh)
				f.CellFormat(nameW-2*pad, lh, l, "", 0, "L", false, 0, "")
			}
			for i, l := range clause {
				f.SetXY(margin+nameW+pad, y+pad+float64(i)*lh)
				f.CellFormat(clauseW-2*pad, lh, l, "", 0, "L", false, 0, "")
			}
			for i, cell := range row.Cells {
				x := margin + nameW + clauseW + float64(i)*colW
				style := "D"
				coloured := cell.Fill != ""
				if coloured {
					setFill(f, cell.Fill)
					style = "FD"
				}
				f.Rect(x, y, colW, h, style)
				if coloured {
					f.SetFont(sans, "B", size)
					setText(f, cell.Colour)
					f.SetXY(x, y+pad)
					f.CellFormat(colW, lh, fit(f, cell.Text, colW), "", 0, "C", false, 0, "")
					f.SetTextColor(0, 0, 0)
				}
			}
			f.SetXY(margin, y+h)
		}
	}
	f.Ln(3)
}

// headLH is the line height of the grid's rotated role names.
const headLH = 3.2

// paletteLegend shows each letter in its cell colours with its meaning.
func (w *writer) paletteLegend(l *document.Legend) {
	f := w.f
	w.place(8)
	y := f.GetY()
	x := margin
	f.SetDrawColor(170, 178, 190)
	for i, c := range l.Letters {
		setFill(f, c.Fill)
		f.Rect(x, y, 6, 5, "FD")
		f.SetFont(sans, "B", 8)
		setText(f, c.Colour)
		f.SetXY(x, y+0.5)
		f.CellFormat(6, 4, c.Text, "", 0, "C", false, 0, "")
		f.SetTextColor(0, 0, 0)
		f.SetFont(sans, "", 8.5)
		name := l.Names[i]
		f.SetXY(x+7, y+0.5)
		f.CellFormat(f.GetStringWidth(name)+2, 4, name, "", 0, "L", false, 0, "")
		x += 7 + f.GetStringWidth(name) + 8
	}
	f.SetXY(margin, y+7)
	f.SetFont(sans, "", bodySize)
}

// rgb reads a "#rrggbb" colour of the view's palette.
func rgb(hex string) (r, g, b int) {
	if len(hex) != 7 || hex[0] != '#' {
		return 0, 0, 0
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return 0, 0, 0
	}
	return int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)
}

func setFill(f *pdfdoc.Doc, hex string) { f.SetFillColor(rgb(hex)) }
func setText(f *pdfdoc.Doc, hex string) { f.SetTextColor(rgb(hex)) }

// SignOff renders one acknowledgement sheet per person with a seat (see
// view.View.Seated: role holders, deputies and review-team members), in
// the view's name order, for each to sign. Each sheet stands alone: every
// page carries the person's name and "Sheet page n of m", numbered within
// the sheet (footers are drawn last, when each sheet's pages are counted).
func SignOff(v *view.View) ([]byte, error) {
	if v == nil || v.Pack == nil {
		return nil, fmt.Errorf("pdf: no pack")
	}
	counts := make([]int, len(v.Seated))
	d := newDoc(v, v.Words.Text("document.pdf.signoff_title", "title", v.Pack.Document.Title))
	for i, pv := range v.Seated {
		start := d.f.PageNo() + 1
		// Footers are drawn once every page is laid out, when each
		// sheet's count of pages is known.
		d.pageLabel = func() string {
			return document.SheetPageOf(v.Words, itoa(d.f.PageNo()-start+1), itoa(counts[i]))
		}
		d.brief(document.SignOffSheetOf(v, pv))
		counts[i] = d.f.PageNo() - start + 1
	}
	if len(v.Seated) == 0 {
		d.f.AddPage()
		d.para(v.Words.Text("document.pdf.nobody"))
	}
	if err := d.f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return d.bytes()
}

// sheetBanner sets the lines at the top of every page of a sheet: whose
// it is and of which document, in full (wrapped), so no page of the sheet
// is anonymous.
func (d *doc) sheetBanner(text string) {
	f := d.f
	const size, lh = 9.0, 4.4
	f.SetFont(sans, "B", size)
	lines := wrapText(f, text, d.contentWidth())
	d.bannerH = float64(len(lines))*lh + 2
	d.banner = func() {
		f.SetFont(sans, "B", size)
		f.SetTextColor(20, 50, 95)
		d.drawLines(lineBlock{lines: lines, style: "B", size: size, lh: lh}, 0, len(lines), margin)
		f.SetTextColor(0, 0, 0)
		f.Ln(2)
	}
}
