package pdf

import (
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/diff"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
)

// section is an entry of the table of contents and the PDF outline.
type section struct {
	title string
	level int
	page  int
}

// writer renders the document body. The body is rendered three times: the
// first run collects the section titles, the second lays out the table of
// contents at its full length and learns each section's page, the third
// prints those page numbers and links.
type writer struct {
	*doc
	rep      *check.Report
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
	var known []section
	for run := 0; ; run++ {
		w := &writer{doc: newDoc(v, v.Pack.Document.Title), rep: v.Report, known: known}
		w.render()
		if err := w.f.Error(); err != nil {
			return nil, fmt.Errorf("pdf: %w", err)
		}
		if run == 2 {
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
	d.place(0)
	d.f.AddPage()
}

func (w *writer) render() {
	p := w.p
	w.cover()
	w.pageBreak()
	w.toc()
	w.pageBreak()
	w.heading("1 Purpose and scope", 0)
	w.para(fmt.Sprintf("This document defines the information security roles of %s, with their responsibilities, authorities, competence requirements and communication duties, and names the people who hold them, as required by clause 5.3 of ISO/IEC 27001:2022.", p.Organisation.Name))
	w.subhead("Scope of the ISMS")
	w.markdown(p.Organisation.Scope)
	if len(p.Organisation.Areas) > 0 {
		var areas []string
		for _, a := range p.Organisation.Areas {
			areas = append(areas, a.Name)
		}
		w.subhead("In-scope areas")
		w.bullets(areas)
	}
	w.chart()
	w.pageBreak()
	w.heading("3 Roles", 0)
	for _, rv := range w.v.Roles {
		w.role(rv)
	}
	w.pageBreak()
	w.reviewTeam()
	w.raci()
	w.pageBreak()
	w.competence()
	w.audit()
	w.pageBreak()
	w.revisions()
	w.approval()
}

func (w *writer) cover() {
	f, p, d := w.f, w.p, w.p.Document
	f.AddPage()
	f.SetY(45)
	f.SetFont(sans, "", 13)
	f.MultiCell(0, 7, p.Organisation.Name, "", "L", false)
	f.Ln(4)
	f.SetFont(sans, "B", 22)
	f.SetTextColor(20, 50, 95)
	f.MultiCell(0, 10, d.Title, "", "L", false)
	f.SetTextColor(0, 0, 0)
	f.Ln(2)
	f.SetFont(sans, "", 11)
	f.MultiCell(0, 6, "ISO/IEC 27001:2022 clause 5.3 — organisational roles, responsibilities and authorities", "", "L", false)
	f.Ln(10)
	f.SetFont(sans, "B", 11)
	f.CellFormat(0, 7, "Document control", "B", 1, "L", false, 0, "")
	f.Ln(2)
	approver, owner := "—", d.Owner.Name
	if d.Approver != nil {
		approver = d.Approver.Name + ", " + d.Approver.JobTitle
	}
	for _, kv := range [][2]string{
		{"Document id", d.ID}, {"Title", d.Title}, {"Version", d.Version}, {"Status", strings.ToUpper(d.Status)},
		{"Classification", d.Classification}, {"Owner", owner}, {"Approver", approver},
		{"Approval date", orDash(d.ApprovalDate.String())}, {"Effective date", orDash(d.EffectiveDate.String())},
		{"Last review", d.LastReview.String()}, {"Next review", d.NextReview.String()},
		{"Distribution", orDash(strings.Join(d.Distribution, "; "))}, {"Version stamp", w.st.String()},
	} {
		w.label(kv[0], kv[1])
	}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func (w *writer) toc() {
	f := w.f
	f.SetFont(sans, "B", 16)
	f.SetTextColor(20, 50, 95)
	f.CellFormat(0, 10, "Contents", "", 1, "L", false, 0, "")
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

func (w *writer) role(rv *view.Role) {
	p, r := w.p, rv.Role
	w.heading(fmt.Sprintf("3.%d %s", rv.Number, r.Name), 1)
	meta := r.Category
	if r.ReportsTo != nil {
		meta += " · reports to " + r.ReportsTo.Name
	}
	if len(r.References) > 0 {
		meta += " · " + strings.Join(r.References, ", ")
	}
	w.styled(meta, "I", bodySize-1, lineH)
	if rv.ChangedIn != "" {
		w.styled("Changed in version "+rv.ChangedIn+".", "B", bodySize-1, lineH)
	}
	w.f.Ln(1)
	w.subhead("Purpose")
	w.markdown(r.Purpose)
	if s := rv.ClauseDutiesSentence(); s != "" {
		w.para(s)
	}
	w.subhead("Responsibilities")
	w.bullets(itemTexts(r.Responsibilities))
	w.subhead("Authorities")
	if len(r.Authorities) == 0 {
		w.para("None recorded.")
	} else {
		rows := make([][]string, len(r.Authorities))
		for i, a := range r.Authorities {
			rows[i] = []string{a.Text, orDash(a.LimitText())}
		}
		w.table([]column{{"Authority"}, {"Limit"}}, rows)
	}
	if len(r.Requirements) > 0 || r.Education != "" || r.Experience != "" {
		w.subhead("Competence requirements")
		var rows [][]string
		for _, q := range r.Requirements {
			rows = append(rows, []string{q.Competence.Name, q.Competence.Kind, p.LevelName(q.Level)})
		}
		if len(rows) > 0 {
			w.table([]column{{"Competence"}, {"Kind"}, {"Minimum level"}}, rows)
		}
		if r.Education != "" {
			w.label("Education", r.Education)
		}
		if r.Experience != "" {
			w.label("Experience", r.Experience)
		}
		w.f.Ln(1)
	}
	if lines := rv.CommunicationLines(); len(lines) > 0 {
		w.subhead("Communication duties")
		w.bullets(lines)
	}
	if s := rv.SegregationSentence(); s != "" {
		w.subhead("Segregation of duties")
		w.para(s)
	}
	w.subhead("Holders")
	if r.HeldByEveryone {
		w.para("Held by everyone in the organisation.")
		return
	}
	var rows [][]string
	for _, seat := range rv.Seats {
		rows = append(rows, seatRow(seat, false))
	}
	for _, seat := range rv.Former {
		rows = append(rows, seatRow(seat, true))
	}
	w.table([]column{{"Holder"}, {"Appointed"}, {"Evidence"}, {"Deputy"}}, rows)
}

// seatRow is a line of a role's holders table; a former holder (one of the
// view's Former seats) and a deputy who has left are marked.
func seatRow(s view.Seat, former bool) []string {
	a := s.Assignment
	name := s.Person.Name
	if s.Person.External {
		name += " (external, " + s.Person.Company + ")"
	}
	if former {
		name += " (left " + s.Person.LeftOn.String() + ")"
	}
	deputy := "—"
	if s.Deputy != nil {
		deputy = s.Deputy.Name
		if !s.DeputyActive {
			deputy += " (left)"
		}
	}
	return []string{name, a.AppointedOn.String(), orDash(a.Evidence), deputy}
}

func itemTexts(items []model.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Text
	}
	return out
}

func (w *writer) reviewTeam() {
	t := w.v.ReviewTeam
	w.heading("4 Management Review Team", 0)
	if t == nil {
		w.para("The pack does not define a Management Review Team.")
		return
	}
	w.label("Name", t.Name)
	w.label("Chair", t.Chair.Name)
	w.label("Reports to", t.ReportsTo)
	w.label("Meets", fmt.Sprintf("%s (at most %d months apart)", t.Cadence, t.MeetingIntervalMonths))
	w.f.Ln(2)
	w.subhead("Members")
	var rows [][]string
	for _, m := range t.Members {
		dep := "—"
		if m.Deputy != nil {
			dep = m.Deputy.Name
		}
		senior := "No"
		if m.Senior {
			senior = "Yes"
		}
		rows = append(rows, []string{m.Person.Name, m.Area.Name, dep, senior})
	}
	w.table([]column{{"Member"}, {"Area represented"}, {"Deputy"}, {"Senior leadership"}}, rows)
	w.subhead("Meetings held")
	rows = nil
	for _, m := range t.Meetings {
		rows = append(rows, []string{m.Date.String(), orDash(m.Minutes)})
	}
	w.table([]column{{"Date"}, {"Minutes"}}, rows)
	w.subhead("Standing agenda (clause 9.3)")
	w.bullets(itemTexts(t.Agenda))
	w.subhead("Duties")
	w.bullets(itemTexts(t.Duties))
}

func (w *writer) revisions() {
	w.heading("8 Revision history", 0)
	var rows [][]string
	known := false
	for _, r := range w.p.Revisions {
		changes := "—"
		if c := w.v.History.Changes[r.Version]; c != nil {
			changes, known = changesText(c), true
		}
		rows = append(rows, []string{r.Version, r.Date.String(), r.Author, r.Summary, changes})
	}
	cols := []column{{"Version"}, {"Date"}, {"Author"}, {"Summary"}, {"What changed (from the sources' history)"}}
	if !known {
		// No revision names a readable git_ref: nothing to add to the
		// summaries.
		cols = cols[:4]
		for i := range rows {
			rows[i] = rows[i][:4]
		}
	}
	w.table(cols, rows)
}

// changesText is what a version changed, read from git: the counts, then
// the roles it changed.
func changesText(c *diff.Changes) string {
	s := c.Headline()
	var names []string
	for _, r := range c.Roles {
		names = append(names, r.Name)
	}
	if len(names) > 8 {
		names = append(names[:8], fmt.Sprintf("and %d more", len(names)-8))
	}
	if len(names) > 0 {
		s += " Roles: " + strings.Join(names, ", ") + "."
	}
	return s
}

func (w *writer) approval() {
	f, d := w.f, w.p.Document
	w.heading("9 Approval", 0)
	w.para(fmt.Sprintf("By signing, the approver confirms that version %s of %s (%s) is approved for issue, and the owner confirms it is complete and correct.", d.Version, d.Title, d.ID))
	f.Ln(6)
	approver := ""
	if d.Approver != nil {
		approver = d.Approver.Name
	}
	owner := ""
	if rv := w.v.Role(d.Owner); rv != nil && len(rv.Seats) > 0 {
		owner = rv.Seats[0].Person.Name
	}
	for _, who := range []struct{ role, name string }{{"Approver", approver}, {"Document owner (" + d.Owner.Name + ")", owner}} {
		f.SetFont(sans, "B", headingMin)
		role := wrapText(f, who.role, w.contentWidth())
		f.SetFont(sans, "", bodySize)
		w.place(float64(len(role))*6 + 3*12 + float64(len(wrapText(f, who.name, 100))-1)*lineH)
		w.drawLines(lineBlock{lines: role, style: "B", size: headingMin, lh: 6}, 0, len(role), margin)
		f.SetFont(sans, "", bodySize)
		w.signLine("Name", who.name)
		w.signLine("Signature", "")
		w.signLine("Date", "")
		f.Ln(6)
	}
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
func fit(f *fpdf.Fpdf, s string, width float64) string {
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
