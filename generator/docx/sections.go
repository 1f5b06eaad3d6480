package docx

import (
	"fmt"
	"strings"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
)

// The document's sections are the PDF's, in the same order and with the
// same titles and wording (generator/pdf/document.go and sections.go):
// document control, contents, 1 purpose and scope, 2 reporting lines,
// 3 roles, 4 the Management Review Team, 5 RACI, 6 competence, 7 audit
// readiness, 8 revision history, 9 approval.

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
	pack *model.Pack
	toc  []entry
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

// subhead is a heading inside a section: Heading 3, in the navigation pane
// but not in the contents (as the PDF's contents list two levels).
func (w *writer) subhead(title string) { w.heading(3, title) }

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func itemTexts(items []model.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Text
	}
	return out
}

// front writes the cover with the document control table, and the
// contents as a TOC field whose cached entries are the sections already
// written (without page numbers: Word fills them in when it updates the
// field).
func (w *writer) front(toc []entry) {
	p, d := w.pack, w.pack.Document
	w.p0("Subtitle", p.Organisation.Name)
	w.p0("Title", d.Title)
	w.p0("Subtitle", "ISO/IEC 27001:2022 clause 5.3 — organisational roles, responsibilities and authorities")
	w.p0("ControlHeading", "Document control")
	approver := "—"
	if d.Approver != nil {
		approver = d.Approver.Name + ", " + d.Approver.JobTitle
	}
	var rows [][]string
	for _, kv := range [][2]string{
		{"Document id", d.ID}, {"Title", d.Title}, {"Version", d.Version}, {"Status", strings.ToUpper(d.Status)},
		{"Classification", d.Classification}, {"Owner", ownerName(d)}, {"Approver", approver},
		{"Approval date", orDash(d.ApprovalDate.String())}, {"Effective date", orDash(d.EffectiveDate.String())},
		{"Last review", d.LastReview.String()}, {"Next review", d.NextReview.String()},
		{"Distribution", orDash(strings.Join(d.Distribution, "; "))}, {"Version stamp", w.v.Stamp.String()},
	} {
		rows = append(rows, []string{kv[0], kv[1]})
	}
	w.table([]column{{title: "Field", share: 0.3}, {title: "Value", share: 0.7}}, textCells(rows))
	w.pageBreak()

	w.p0("TOCHeading", "Contents")
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

func ownerName(d model.DocumentControl) string {
	if d.Owner == nil {
		return ""
	}
	return d.Owner.Name
}

// p0 writes a paragraph of one plain run in a style.
func (w *writer) p0(style, text string) { w.p(style, plainRun(text)) }

func (w *writer) content() {
	p := w.pack
	w.section(1, "1 Purpose and scope")
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
	w.section(1, "3 Roles")
	for _, rv := range w.v.Roles {
		w.role(rv)
	}
	w.reviewTeam()
	w.raci()
	w.competence()
	w.audit()
	w.revisions()
	w.approval()
}

// chart writes the reporting lines as a nested list: each role under the
// role it reports to, with who holds it. Word lists have nine levels; a
// role deeper than that is listed at the ninth, naming whom it reports to.
func (w *writer) chart() {
	w.section(1, "2 Reporting lines")
	w.para("Each role is listed under the role it reports to, with the person who holds it or the number of holders.")
	var walk func(ns []*view.ChartNode, level int)
	walk = func(ns []*view.ChartNode, level int) {
		for _, n := range ns {
			text := n.Role.Name + " — " + n.Role.HolderSummary()
			if level > maxListLevel && n.Parent != nil {
				text += " (reports to " + n.Parent.Role.Name + ")"
			}
			w.listItem(bulletNum, min(level, maxListLevel), plainRun(text))
			walk(n.Children, level+1)
		}
	}
	walk(w.v.Chart.Roots, 0)
}

func (w *writer) role(rv *view.Role) {
	p, r := w.pack, rv.Role
	w.section(2, fmt.Sprintf("3.%d %s", rv.Number, r.Name))
	meta := r.Category
	if r.ReportsTo != nil {
		meta += " · reports to " + r.ReportsTo.Name
	}
	if len(r.References) > 0 {
		meta += " · " + strings.Join(r.References, ", ")
	}
	w.p("Meta", run{text: meta, italic: true})
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
		w.table([]column{{title: "Authority", share: 0.6}, {title: "Limit", share: 0.4}}, textCells(rows))
	}
	if len(r.Requirements) > 0 || r.Education != "" || r.Experience != "" {
		w.subhead("Competence requirements")
		var rows [][]string
		for _, q := range r.Requirements {
			rows = append(rows, []string{q.Competence.Name, q.Competence.Kind, p.LevelName(q.Level)})
		}
		if len(rows) > 0 {
			w.table([]column{{title: "Competence", share: 0.55}, {title: "Kind", share: 0.2}, {title: "Minimum level", share: 0.25}}, textCells(rows))
		}
		if r.Education != "" {
			w.label("Education", r.Education)
		}
		if r.Experience != "" {
			w.label("Experience", r.Experience)
		}
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
	if len(rv.Seats)+len(rv.Former) == 0 {
		w.para("Vacant: no one holds this role.")
		return
	}
	var rows [][]string
	for _, seat := range rv.Seats {
		rows = append(rows, seatRow(seat, false))
	}
	for _, seat := range rv.Former {
		rows = append(rows, seatRow(seat, true))
	}
	w.table([]column{{title: "Holder", share: 0.34}, {title: "Appointed", share: 0.16}, {title: "Evidence", share: 0.25}, {title: "Deputy", share: 0.25}}, textCells(rows))
}

// seatRow is a line of a role's holders table; a former holder and a
// deputy who has left are marked, as in the PDF.
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

func (w *writer) reviewTeam() {
	t := w.v.ReviewTeam
	w.section(1, "4 Management Review Team")
	if t == nil {
		w.para("The pack does not define a Management Review Team.")
		return
	}
	chair := ""
	if t.Chair != nil {
		chair = t.Chair.Name
	}
	w.label("Name", t.Name)
	w.label("Chair", chair)
	w.label("Reports to", t.ReportsTo)
	w.label("Meets", fmt.Sprintf("%s (at most %d months apart)", t.Cadence, t.MeetingIntervalMonths))
	w.subhead("Members")
	var rows [][]string
	for _, m := range t.Members {
		name, area, dep, senior := "", "", "—", "No"
		if m.Person != nil {
			name = m.Person.Name
		}
		if m.Area != nil {
			area = m.Area.Name
		}
		if m.Deputy != nil {
			dep = m.Deputy.Name
		}
		if m.Senior {
			senior = "Yes"
		}
		rows = append(rows, []string{name, area, dep, senior})
	}
	w.table([]column{{title: "Member", share: 0.3}, {title: "Area represented", share: 0.3}, {title: "Deputy", share: 0.25}, {title: "Senior leadership", share: 0.15}}, textCells(rows))
	w.subhead("Meetings held")
	rows = nil
	for _, m := range t.Meetings {
		rows = append(rows, []string{m.Date.String(), orDash(m.Minutes)})
	}
	w.table([]column{{title: "Date", share: 0.3}, {title: "Minutes", share: 0.7}}, textCells(rows))
	w.subhead("Standing agenda (clause 9.3)")
	w.bullets(itemTexts(t.Agenda))
	w.subhead("Duties")
	w.bullets(itemTexts(t.Duties))
}

// MaxGridColumns is the most role columns a process's RACI table has on a
// portrait page; a process in which more roles take part is listed by
// letter instead.
const MaxGridColumns = 10

// raci writes one table per process. While the view's RACI is a grid
// (view.GridMaxRoles), a process's table has a column for each role that
// takes part in it, in pack order, with the letters in the palette's
// colours; a process with more than MaxGridColumns such roles, and every
// process when the view lists the RACI, is a table of activities with the
// roles by letter, as the PDF's listing.
func (w *writer) raci() {
	x := w.v.RACI
	w.section(1, "5 RACI matrix")
	w.pOpen("", "")
	w.runXML(plainRun("Legend: "))
	for i, l := range model.Letters {
		if i > 0 {
			w.runXML(plainRun(", "))
		}
		w.letterRun(l)
		w.runXML(plainRun(" = " + model.LetterNames[l]))
	}
	w.runXML(plainRun(". Each activity has exactly one Accountable role and at least one Responsible role."))
	w.raw("</w:p>")
	for _, proc := range x.Processes {
		w.subhead(proc.Name)
		cols := processRoles(x, proc)
		if !x.Grid || len(cols) > MaxGridColumns {
			w.raciListing(proc)
			continue
		}
		activityShare, clauseShare := 0.34, 0.1
		share := (1 - activityShare - clauseShare) / float64(max(len(cols), 1))
		columns := []column{{title: "Activity", share: activityShare}, {title: "Clause", share: clauseShare}}
		for _, c := range cols {
			columns = append(columns, column{title: x.Roles[c].Name, share: share, vertical: true})
		}
		var rows [][]cell
		for _, row := range proc.Rows {
			r := []cell{{text: row.Activity.Name}, {text: row.Activity.Clause}}
			for _, c := range cols {
				letters := row.Cells[c]
				colour, ok := view.CellColour(letters)
				if !ok {
					r = append(r, cell{})
					continue
				}
				r = append(r, cell{text: letters, fill: colour.Fill, colour: colour.Text, bold: true, centre: true})
			}
			rows = append(rows, r)
		}
		w.table(columns, rows)
	}
}

// letterRun writes a RACI letter in its palette colours.
func (w *writer) letterRun(l string) {
	c := view.Palette[l]
	w.raw(`<w:r><w:rPr><w:b/><w:color w:val="` + hexColour(c.Text) + `"/><w:shd w:val="clear" w:color="auto" w:fill="` + hexColour(c.Fill) + `"/></w:rPr><w:t xml:space="preserve">` + esc(l) + `</w:t></w:r>`)
}

// processRoles returns the indices (into RACI.Roles) of the roles that
// take part in any activity of the process, in pack order.
func processRoles(x view.RACI, proc view.Process) []int {
	var cols []int
	for i := range x.Roles {
		for _, row := range proc.Rows {
			if row.Cells[i] != "" {
				cols = append(cols, i)
				break
			}
		}
	}
	return cols
}

// raciListing writes a process as activities with their roles by letter.
func (w *writer) raciListing(proc view.Process) {
	var rows [][]cell
	for _, row := range proc.Rows {
		var parts []string
		for _, part := range row.Parts {
			names := make([]string, len(part.Roles))
			for i, r := range part.Roles {
				names[i] = r.Name
			}
			parts = append(parts, part.Letter+": "+strings.Join(names, ", "))
		}
		rows = append(rows, []cell{{text: row.Activity.Name}, {text: row.Activity.Clause}, {text: strings.Join(parts, "\n")}})
	}
	w.table([]column{{title: "Activity", share: 0.35}, {title: "Clause", share: 0.1}, {title: "Roles", share: 0.55}}, rows)
}

func (w *writer) competence() {
	c := w.v.Competence
	w.section(1, "6 Competence")
	w.para("Each role states the competence it requires (clause 7.2). The table lists, for everyone with a seat (role holders, deputies and Management Review Team members), what their seats require and what they hold; gaps are listed as the training plan.")
	var rows [][]string
	for _, row := range c.Rows {
		met, gaps := c.MetAndGaps(row)
		rows = append(rows, []string{row.Person.Name, strings.Join(row.Person.SeatNames(), "; "), itoa(len(met)), orDash(strings.Join(gaps, "; "))})
	}
	w.subhead("Competence summary (held/required)")
	w.table([]column{{title: "Person", share: 0.22}, {title: "Seats", share: 0.33}, {title: "Met", share: 0.08}, {title: "Gaps", share: 0.37}}, textCells(rows))
	w.subhead("Training plan")
	if len(c.Plan) == 0 {
		w.para("No competence gaps: everyone with a seat meets the levels their seats require.")
		return
	}
	rows = nil
	for _, g := range c.Plan {
		role := g.Role.Name
		if g.Deputising {
			role += " (as deputy)"
		}
		rows = append(rows, []string{g.Person.Name, role, g.Competence.Name, itoa(g.Required), itoa(g.Held), g.Action, orDash(g.OwnerText()), orDash(g.DueText())})
	}
	w.table([]column{{title: "Person", share: 0.14}, {title: "Role", share: 0.15}, {title: "Competence", share: 0.17}, {title: "Req.", share: 0.07}, {title: "Held", share: 0.06}, {title: "Action", share: 0.2}, {title: "Arranged by", share: 0.13}, {title: "Due", share: 0.08}}, textCells(rows))
}

func (w *writer) audit() {
	r := w.v.Report
	w.section(1, "7 Audit readiness")
	w.para(fmt.Sprintf("Checked as of %s against the clause 5.3 audit checklist: %d error(s), %d warning(s).", r.Date, r.Errors, r.Warnings))
	var rows [][]string
	for _, it := range r.Checklist {
		rows = append(rows, []string{it.Title, it.Clause, string(it.Status), strings.Join(view.ChecklistNotes(it), "\n")})
	}
	if len(rows) > 0 {
		w.table([]column{{title: "Checklist item", share: 0.3}, {title: "Clause", share: 0.1}, {title: "Status", share: 0.1}, {title: "Evidence and findings", share: 0.5}}, textCells(rows))
	}
	if lines := w.v.Audit.SinglePoints.Lines(); len(lines) > 0 {
		w.subhead("Single points of failure")
		w.para("Not findings: places where losing one person would leave a critical role, a role or a review-team seat without cover. Plan a deputy or a second holder for each.")
		rows = nil
		for _, l := range lines {
			rows = append(rows, []string{l.Person, l.What})
		}
		w.table([]column{{title: "Person", share: 0.3}, {title: "What rests on them", share: 0.7}}, textCells(rows))
	}
	if r.Clean() {
		w.para("No findings.")
		return
	}
	w.subhead("Findings")
	rows = nil
	for _, f := range w.v.Audit.Findings {
		rows = append(rows, []string{f.Rule, string(f.Severity), view.Source(f), f.Message, f.Fix})
	}
	w.table([]column{{title: "Rule", share: 0.11}, {title: "Severity", share: 0.09}, {title: "Source", share: 0.18}, {title: "Finding", share: 0.34}, {title: "Fix", share: 0.28}}, textCells(rows))
}

func (w *writer) revisions() {
	w.section(1, "8 Revision history")
	var rows [][]string
	for _, r := range w.pack.Revisions {
		rows = append(rows, []string{r.Version, r.Date.String(), r.Author, r.Summary})
	}
	w.table([]column{{title: "Version", share: 0.1}, {title: "Date", share: 0.15}, {title: "Author", share: 0.2}, {title: "Summary", share: 0.55}}, textCells(rows))
}

// approval writes the approval page: for the approver and the document
// owner, a name and lines to sign and date on.
func (w *writer) approval() {
	d := w.pack.Document
	w.pageBreak()
	w.section(1, "9 Approval")
	w.para(fmt.Sprintf("By signing, the approver confirms that version %s of %s (%s) is approved for issue, and the owner confirms it is complete and correct.", d.Version, d.Title, d.ID))
	approver := ""
	if d.Approver != nil {
		approver = d.Approver.Name
	}
	owner := ""
	if rv := w.v.Role(d.Owner); rv != nil && len(rv.Seats) > 0 {
		owner = rv.Seats[0].Person.Name
	}
	for _, who := range []struct{ role, name string }{{"Approver", approver}, {"Document owner (" + ownerName(d) + ")", owner}} {
		w.p("SignRole", run{text: who.role, bold: true})
		for _, line := range []struct{ label, value string }{{"Name", who.name}, {"Signature", ""}, {"Date", ""}} {
			// The label, the value, then a tab whose leader draws the
			// line to write on.
			w.pOpen("SignLine", "")
			w.runXML(plainRun(line.label))
			w.raw("<w:r><w:tab/></w:r>")
			w.runXML(plainRun(line.value))
			w.raw("<w:r><w:tab/></w:r>")
			w.raw("</w:p>")
		}
	}
}
