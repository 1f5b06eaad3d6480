package document

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rolepack/rolepack/generator/diff"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
)

// Of is the controlled document of the view, built once per view however
// many writers typeset it (view.Memo).
func Of(v *view.View) *Document {
	return v.Memo(documentKey{}, func() any { return New(v) }).(*Document)
}

type documentKey struct{}

// New builds the controlled document from the view.
func New(v *view.View) *Document {
	p, d := v.Pack, v.Pack.Document
	approver := "—"
	if d.Approver != nil {
		approver = d.Approver.Name + ", " + d.Approver.JobTitle
	}
	doc := &Document{
		Title: d.Title,
		Cover: Cover{
			Organisation: p.Organisation.Name,
			Title:        d.Title,
			Subtitle:     "ISO/IEC 27001:2022 clause 5.3 — organisational roles, responsibilities and authorities",
			ControlTitle: "Document control",
			Control: []Field{
				{"Document id", d.ID}, {"Title", d.Title}, {"Version", d.Version}, {"Status", strings.ToUpper(d.Status)},
				{"Classification", d.Classification}, {"Owner", ownerName(d)}, {"Approver", approver},
				{"Approval date", OrDash(d.ApprovalDate.String())}, {"Effective date", OrDash(d.EffectiveDate.String())},
				{"Last review", d.LastReview.String()}, {"Next review", d.NextReview.String()},
				{"Distribution", OrDash(strings.Join(d.Distribution, "; "))}, {"Version stamp", v.Stamp.String()},
			},
		},
		Contents: "Contents",
	}
	b := &builder{v: v}
	b.scope()
	b.chart()
	b.add(&PageBreak{})
	b.h(1, "3 Roles")
	for _, rv := range v.Roles {
		b.role(rv)
	}
	b.add(&PageBreak{})
	b.reviewTeam()
	b.raci()
	b.add(&PageBreak{})
	b.competence()
	b.audit()
	b.add(&PageBreak{})
	b.revisions()
	b.add(&PageBreak{})
	b.approval()
	doc.Body = b.body
	return doc
}

// builder appends the body's blocks.
type builder struct {
	v    *view.View
	body []Block
}

func (b *builder) add(bl ...Block)          { b.body = append(b.body, bl...) }
func (b *builder) h(level int, text string) { b.add(&Heading{Level: level, Text: text}) }
func (b *builder) para(text string)         { b.add(Plain(text)) }
func (b *builder) bullets(items []string) {
	l := &List{}
	for _, it := range items {
		l.Items = append(l.Items, []Block{Plain(it)})
	}
	b.add(l)
}
func (b *builder) table(cols []Column, rows [][]string) { b.add(&Table{Columns: cols, Rows: rows}) }
func (b *builder) markdown(m model.Markdown)            { b.add(Markdown(m)...) }

func ownerName(d model.DocumentControl) string {
	if d.Owner == nil {
		return ""
	}
	return d.Owner.Name
}

// OrDash is s, or a dash for a value not given.
func OrDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// ItemTexts are the texts of list entries.
func ItemTexts(items []model.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Text
	}
	return out
}

func (b *builder) scope() {
	p := b.v.Pack
	b.h(1, "1 Purpose and scope")
	b.para(fmt.Sprintf("This document defines the information security roles of %s, with their responsibilities, authorities, competence requirements and communication duties, and names the people who hold them, as required by clause 5.3 of ISO/IEC 27001:2022.", p.Organisation.Name))
	b.h(3, "Scope of the ISMS")
	b.markdown(p.Organisation.Scope)
	if len(p.Organisation.Areas) > 0 {
		var areas []string
		for _, a := range p.Organisation.Areas {
			areas = append(areas, a.Name)
		}
		b.h(3, "In-scope areas")
		b.bullets(areas)
	}
}

func (b *builder) chart() {
	b.add(&PageBreak{Landscape: true})
	b.h(1, "2 Reporting lines")
	b.add(&Chart{Chart: &b.v.Chart})
}

// ChartIntro explains a chart drawn in several parts (n > 1), or is "".
func ChartIntro(n int) string {
	if n < 2 {
		return ""
	}
	return fmt.Sprintf("The reporting lines are drawn in %d charts. A box marked \u201creports continue on chart N\u201d has the roles reporting to it drawn on chart N.", n)
}

// ChartTitle titles part i (from 0) of n of the chart; under names the
// role the part's roles report to, "" for a part from the top.
func ChartTitle(i, n int, under string) string {
	title := fmt.Sprintf("Chart %d of %d", i+1, n)
	if under != "" {
		title += ": roles reporting to " + under
	}
	return title
}

// ContinuedNote is the note of a box whose reports are drawn on chart
// part (from 0).
func ContinuedNote(part int) string {
	return fmt.Sprintf("reports continue on chart %d", part+1)
}

// ChartListIntro explains the chart written as a nested list, by a writer
// that does not draw it.
const ChartListIntro = "Each role is listed under the role it reports to, with the person who holds it or the number of holders."

// ChartListEntry is a role's line in the chart written as a list; parent,
// when not nil, is named for an entry that cannot be indented under it.
func ChartListEntry(r *view.Role, parent *view.Role) string {
	s := r.Name + " — " + r.HolderSummary()
	if parent != nil {
		s += " (reports to " + parent.Name + ")"
	}
	return s
}

func (b *builder) role(rv *view.Role) {
	p, r := b.v.Pack, rv.Role
	b.h(2, fmt.Sprintf("3.%d %s", rv.Number, r.Name))
	meta := r.Category
	if r.ReportsTo != nil {
		meta += " · reports to " + r.ReportsTo.Name
	}
	if len(r.References) > 0 {
		meta += " · " + strings.Join(r.References, ", ")
	}
	b.add(&Paragraph{Style: Meta, Runs: []Run{{Text: meta, Italic: true}}})
	if rv.ChangedIn != "" {
		b.add(&Paragraph{Style: Notice, Runs: []Run{{Text: "Changed in version " + rv.ChangedIn + ".", Bold: true}}})
	}
	b.h(3, "Purpose")
	b.markdown(r.Purpose)
	if s := rv.ClauseDutiesSentence(); s != "" {
		b.para(s)
	}
	b.h(3, "Responsibilities")
	b.bullets(ItemTexts(r.Responsibilities))
	b.h(3, "Authorities")
	if len(r.Authorities) == 0 {
		b.para(Shared.NoneRecorded)
	} else {
		rows := make([][]string, len(r.Authorities))
		for i, a := range r.Authorities {
			rows[i] = []string{a.Text, OrDash(a.LimitText())}
		}
		b.table([]Column{{"Authority", Text}, {"Limit", Text}}, rows)
	}
	if len(r.Requirements) > 0 || r.Education != "" || r.Experience != "" {
		b.h(3, "Competence requirements")
		var rows [][]string
		for _, q := range r.Requirements {
			rows = append(rows, []string{q.Competence.Name, q.Competence.Kind, p.LevelName(q.Level)})
		}
		if len(rows) > 0 {
			b.table([]Column{{"Competence", Text}, {"Kind", Text}, {"Minimum level", Text}}, rows)
		}
		var fields []Field
		if r.Education != "" {
			fields = append(fields, Field{"Education", r.Education})
		}
		if r.Experience != "" {
			fields = append(fields, Field{"Experience", r.Experience})
		}
		if len(fields) > 0 {
			b.add(&Fields{Fields: fields})
		}
	}
	if lines := rv.CommunicationLines(); len(lines) > 0 {
		b.h(3, "Communication duties")
		b.bullets(lines)
	}
	if s := rv.SegregationSentence(); s != "" {
		b.h(3, "Segregation of duties")
		b.para(s)
	}
	b.h(3, "Holders")
	switch {
	case r.HeldByEveryone:
		b.para(Shared.HeldByEveryone)
	case len(rv.Seats)+len(rv.Former) == 0:
		b.para(Shared.Vacant)
	default:
		var rows [][]string
		for _, seat := range rv.Seats {
			rows = append(rows, SeatRow(seat, false))
		}
		for _, seat := range rv.Former {
			rows = append(rows, SeatRow(seat, true))
		}
		b.table([]Column{{"Holder", Name}, {"Appointed", Date}, {"Evidence", Token}, {"Deputy", Name}}, rows)
	}
}

// SeatRow is a line of a role's holders table; a former holder (one of
// the view's Former seats) and a deputy who has left are marked.
func SeatRow(s view.Seat, former bool) []string {
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
	return []string{name, a.AppointedOn.String(), OrDash(a.Evidence), deputy}
}

func (b *builder) reviewTeam() {
	t := b.v.ReviewTeam
	b.h(1, "4 Management Review Team")
	if t == nil {
		b.para("The pack does not define a Management Review Team.")
		return
	}
	chair := ""
	if t.Chair != nil {
		chair = t.Chair.Name
	}
	b.add(&Fields{Fields: []Field{
		{"Name", t.Name}, {"Chair", chair}, {"Reports to", t.ReportsTo},
		{"Meets", fmt.Sprintf("%s (at most %d months apart)", t.Cadence, t.MeetingIntervalMonths)},
	}})
	b.h(3, "Members")
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
	b.table([]Column{{"Member", Name}, {"Area represented", Text}, {"Deputy", Name}, {"Senior leadership", Token}}, rows)
	b.h(3, "Meetings held")
	rows = nil
	for _, m := range t.Meetings {
		rows = append(rows, []string{m.Date.String(), OrDash(m.Minutes)})
	}
	b.table([]Column{{"Date", Date}, {"Minutes", Token}}, rows)
	b.h(3, "Standing agenda (clause 9.3)")
	b.bullets(ItemTexts(t.Agenda))
	b.h(3, "Duties")
	b.bullets(ItemTexts(t.Duties))
}

func (b *builder) raci() {
	x := b.v.RACI
	b.add(&PageBreak{Landscape: true})
	b.h(1, "5 RACI matrix")
	legend := &Legend{}
	for _, l := range model.Letters {
		c := view.Palette[l]
		legend.Letters = append(legend.Letters, Cell{Text: l, Fill: c.Fill, Colour: c.Text})
		legend.Names = append(legend.Names, model.LetterNames[l])
	}
	b.add(legend)
	b.para(Shared.RACIRule)
	if !x.Grid {
		for _, proc := range x.Processes {
			b.h(3, proc.Name)
			var rows [][]string
			for _, row := range proc.Rows {
				rows = append(rows, []string{row.Activity.Name, row.Activity.Clause, Parts(row)})
			}
			b.table([]Column{{"Activity", Text}, {"Clause", Token}, {"Roles", Text}}, rows)
		}
		return
	}
	g := &Grid{ActivityTitle: "Activity", ClauseTitle: "Clause"}
	for _, r := range x.Roles {
		g.Roles = append(g.Roles, r.Name)
	}
	for _, proc := range x.Processes {
		grp := GridGroup{Process: proc.Name}
		for _, row := range proc.Rows {
			gr := GridRow{Activity: row.Activity.Name, Clause: row.Activity.Clause}
			for _, letters := range row.Cells {
				c := Cell{Text: letters}
				if colour, ok := view.CellColour(letters); ok {
					c.Fill, c.Colour = colour.Fill, colour.Text
				}
				gr.Cells = append(gr.Cells, c)
			}
			grp.Rows = append(grp.Rows, gr)
		}
		g.Groups = append(g.Groups, grp)
	}
	b.add(g)
}

// Parts is a RACI row in its listing form: "R: Role, Role; A: Role".
func Parts(row *view.Row) string {
	var parts []string
	for _, part := range row.Parts {
		names := make([]string, len(part.Roles))
		for i, r := range part.Roles {
			names[i] = r.Name
		}
		parts = append(parts, part.Letter+": "+strings.Join(names, ", "))
	}
	return strings.Join(parts, "; ")
}

// RoleKey is the key above a grid whose columns are numbered: "1 = Chief
// Executive Officer; 2 = …".
func RoleKey(roles []string) string {
	entries := make([]string, len(roles))
	for i, r := range roles {
		entries[i] = strconv.Itoa(i+1) + " = " + r
	}
	return "Role columns: " + strings.Join(entries, "; ") + "."
}

// ContinuedGroup titles a process's rows continued on a new page.
func ContinuedGroup(process string) string { return process + " (continued)" }

func (b *builder) competence() {
	c := b.v.Competence
	b.h(1, "6 Competence")
	b.para("Each role states the competence it requires (clause 7.2). The table lists, for everyone with a seat (role holders, deputies and Management Review Team members), what their seats require and what they hold; gaps are listed as the training plan.")
	var rows [][]string
	for _, row := range c.Rows {
		met, gaps := c.MetAndGaps(row)
		rows = append(rows, []string{row.Person.Name, strings.Join(row.Person.SeatNames(), "; "), strconv.Itoa(len(met)), OrDash(strings.Join(gaps, "; "))})
	}
	b.h(3, "Competence summary (held/required)")
	b.table([]Column{{"Person", Name}, {"Seats", Text}, {"Met", Number}, {"Gaps", Text}}, rows)
	b.h(3, "Training plan")
	if len(c.Plan) == 0 {
		b.para(Shared.NoGaps)
		return
	}
	rows = nil
	for _, g := range c.Plan {
		role := g.Role.Name
		if g.Deputising {
			role += " (as deputy)"
		}
		rows = append(rows, []string{g.Person.Name, role, g.Competence.Name, strconv.Itoa(g.Required), strconv.Itoa(g.Held), g.Action, OrDash(g.OwnerText()), OrDash(g.DueText())})
	}
	b.table([]Column{{"Person", Name}, {"Role", Text}, {"Competence", Text}, {"Req.", Number}, {"Held", Number}, {"Action", Text}, {"Arranged by", Text}, {"Due", Date}}, rows)
}

func (b *builder) audit() {
	r := b.v.Report
	b.h(1, "7 Audit readiness")
	b.para(fmt.Sprintf("Checked as of %s against the clause 5.3 audit checklist: %d error(s), %d warning(s).", r.Date, r.Errors, r.Warnings))
	var rows [][]string
	for _, it := range r.Checklist {
		rows = append(rows, []string{it.Title, it.Clause, string(it.Status), strings.Join(view.ChecklistNotes(it), "\n")})
	}
	if len(rows) > 0 {
		b.table([]Column{{"Checklist item", Text}, {"Clause", Token}, {"Status", Token}, {"Evidence and findings", Text}}, rows)
	}
	if lines := b.v.Audit.SinglePoints.Lines(); len(lines) > 0 {
		b.h(3, "Single points of failure")
		b.para(Shared.SinglePointsNote)
		rows = nil
		for _, l := range lines {
			rows = append(rows, []string{l.Person, l.What})
		}
		b.table([]Column{{"Person", Name}, {"What rests on them", Text}}, rows)
	}
	if r.Clean() {
		b.para(Shared.NoFindings)
		return
	}
	b.h(3, "Findings")
	rows = nil
	for _, f := range b.v.Audit.Findings {
		rows = append(rows, []string{f.Rule, string(f.Severity), view.Source(f), f.Message, f.Fix})
	}
	b.table([]Column{{"Rule", Token}, {"Severity", Token}, {"Source", Token}, {"Finding", Text}, {"Fix", Text}}, rows)
}

func (b *builder) revisions() {
	b.h(1, "8 Revision history")
	var rows [][]string
	known := false
	for _, r := range b.v.Pack.Revisions {
		changes := "—"
		if c := b.v.History.Changes[r.Version]; c != nil {
			changes, known = ChangesText(c), true
		}
		rows = append(rows, []string{r.Version, r.Date.String(), r.Author, r.Summary, changes})
	}
	cols := []Column{{"Version", Token}, {"Date", Date}, {"Author", Name}, {"Summary", Text}, {"What changed (from the sources' history)", Text}}
	if !known {
		// No revision names a readable git_ref: nothing to add to the
		// summaries.
		cols = cols[:4]
		for i := range rows {
			rows[i] = rows[i][:4]
		}
	}
	b.table(cols, rows)
}

// ChangesText is what a version changed, read from git: the counts, then
// every role it changed.
func ChangesText(c *diff.Changes) string {
	s := c.Headline()
	var names []string
	for _, r := range c.Roles {
		names = append(names, r.Name)
	}
	if len(names) > 0 {
		s += " Roles: " + strings.Join(names, ", ") + "."
	}
	return s
}

func (b *builder) approval() {
	d := b.v.Pack.Document
	b.h(1, "9 Approval")
	b.para(fmt.Sprintf("By signing, the approver confirms that version %s of %s (%s) is approved for issue, and the owner confirms it is complete and correct.", d.Version, d.Title, d.ID))
	approver := ""
	if d.Approver != nil {
		approver = d.Approver.Name
	}
	owner := ""
	if rv := b.v.Role(d.Owner); rv != nil && len(rv.Seats) > 0 {
		owner = rv.Seats[0].Person.Name
	}
	s := &Signatures{}
	for _, who := range []struct{ role, name string }{{"Approver", approver}, {"Document owner (" + ownerName(d) + ")", owner}} {
		s.Signers = append(s.Signers, Signer{Role: who.role, Lines: []Field{{"Name", who.name}, {"Signature", ""}, {"Date", ""}}})
	}
	b.add(s)
}
