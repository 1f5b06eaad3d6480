package document

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rolepack/rolepack/generator/diff"
	"github.com/rolepack/rolepack/generator/messages"
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
	p, d, w := v.Pack, v.Pack.Document, v.Words
	approver := "—"
	if d.Approver != nil {
		approver = d.Approver.Name + ", " + d.Approver.JobTitle
	}
	doc := &Document{
		Title: d.Title,
		Cover: Cover{
			Organisation: p.Organisation.Name,
			Title:        d.Title,
			Subtitle:     w.Text("document.cover.subtitle"),
			ControlTitle: w.Text("document.cover.control"),
			Notice:       v.TranslationNotice(),
			Control: []Field{
				{w.Text("document.control.id"), d.ID}, {w.Text("document.control.title"), d.Title},
				{w.Text("document.control.version"), d.Version}, {w.Text("document.control.status"), StatusWord(v)},
				{w.Text("document.control.classification"), d.Classification}, {w.Text("document.control.owner"), ownerName(d)},
				{w.Text("document.control.approver"), approver},
				{w.Text("document.control.approval_date"), LongDate(v, d.ApprovalDate)},
				{w.Text("document.control.effective_date"), LongDate(v, d.EffectiveDate)},
				{w.Text("document.control.last_review"), LongDate(v, d.LastReview)},
				{w.Text("document.control.next_review"), LongDate(v, d.NextReview)},
				{w.Text("document.control.distribution"), OrDash(strings.Join(d.Distribution, "; "))},
				{w.Text("document.control.stamp"), v.Stamp.String()},
			},
		},
		Contents: w.Text("document.contents"),
	}
	b := &builder{v: v, w: w}
	b.scope()
	b.chart()
	b.add(&PageBreak{})
	b.h(1, "3 "+w.Text("document.section.roles"))
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
	w    *messages.Catalogue // v.Words
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

// inlineBullets is a bulleted list of lines of inline Markdown.
func (b *builder) inlineBullets(items []string) {
	l := &List{}
	for _, it := range items {
		l.Items = append(l.Items, []Block{&Paragraph{Runs: Inline(it)}})
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

// LongDate is d in the language's long form ("7 December 2026"), or a
// dash for a date not given.
func LongDate(v *view.View, d model.Date) string {
	if d.IsZero() {
		return "—"
	}
	return v.Words.Date(d.Time())
}

// StatusWord is the document's status as the control block and the
// footer print it, in capitals ("DRAFT"); a status rolepack does not know
// is printed as the pack gives it.
func StatusWord(v *view.View) string {
	st := v.Pack.Document.Status
	switch st {
	case model.StatusDraft:
		return v.Words.Text("document.status.draft")
	case model.StatusApproved:
		return v.Words.Text("document.status.approved")
	case model.StatusSuperseded:
		return v.Words.Text("document.status.superseded")
	}
	return strings.ToUpper(st)
}

// YesNo is "Yes" or "No" in the view's language.
func YesNo(v *view.View, yes bool) string {
	if yes {
		return v.Words.Text("common.yes_no.yes")
	}
	return v.Words.Text("common.yes_no.no")
}

// ItemTexts are the texts of list entries.
func ItemTexts(items []model.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Text
	}
	return out
}

// ItemMarkdown is the items' texts as inline Markdown (model.InlineSource).
func ItemMarkdown(items []model.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = model.InlineSource(it.Text)
	}
	return out
}

func (b *builder) scope() {
	p, w := b.v.Pack, b.w
	b.h(1, "1 "+w.Text("document.section.scope"))
	b.para(w.Text("document.scope_section.intro", "organisation", p.Organisation.Name))
	b.h(3, w.Text("document.scope_section.isms"))
	b.markdown(p.Organisation.Scope)
	if len(p.Organisation.Areas) > 0 {
		var areas []string
		for _, a := range p.Organisation.Areas {
			areas = append(areas, a.Name)
		}
		b.h(3, w.Text("document.scope_section.areas"))
		b.bullets(areas)
	}
}

func (b *builder) chart() {
	b.add(&PageBreak{Landscape: true})
	b.h(1, "2 "+b.w.Text("document.section.chart"))
	b.add(&Chart{Chart: &b.v.Chart})
}

// ChartIntro explains a chart drawn in several parts (n > 1), or is "".
func ChartIntro(w *messages.Catalogue, n int) string {
	if n < 2 {
		return ""
	}
	return w.Text("document.chart.intro", "count", n)
}

// ChartTitle titles part i (from 0) of n of the chart; under names the
// role the part's roles report to, "" for a part from the top.
func ChartTitle(w *messages.Catalogue, i, n int, under string) string {
	if under != "" {
		return w.Text("document.chart.title_under", "n", i+1, "total", n, "role", under)
	}
	return w.Text("document.chart.title", "n", i+1, "total", n)
}

// ContinuedNote is the note of a box whose reports are drawn on chart
// part (from 0).
func ContinuedNote(w *messages.Catalogue, part int) string {
	return w.Text("document.chart.continued", "n", part+1)
}

// ChartListIntro explains the chart written as a nested list, by a writer
// that does not draw it.
func ChartListIntro(w *messages.Catalogue) string { return w.Text("document.chart.list_intro") }

// ChartListEntry is a role's line in the chart written as a list; parent,
// when not nil, is named for an entry that cannot be indented under it.
func ChartListEntry(w *messages.Catalogue, r *view.Role, parent *view.Role) string {
	if parent != nil {
		return w.Text("document.chart.list_entry_parent", "role", r.Name, "holders", r.HolderSummary(), "parent", parent.Name)
	}
	return w.Text("document.chart.list_entry", "role", r.Name, "holders", r.HolderSummary())
}

func (b *builder) role(rv *view.Role) {
	p, r, w := b.v.Pack, rv.Role, b.w
	b.h(2, fmt.Sprintf("3.%d %s", rv.Number, r.Name))
	meta := r.Category
	if r.ReportsTo != nil {
		meta += " · " + w.Text("document.role.reports_to", "role", r.ReportsTo.Name)
	}
	if len(r.References) > 0 {
		meta += " · " + strings.Join(r.References, ", ")
	}
	b.add(&Paragraph{Style: Meta, Runs: []Run{{Text: meta, Italic: true}}})
	if rv.ChangedIn != "" {
		b.add(&Paragraph{Style: Notice, Runs: []Run{{Text: w.Text("document.role.changed", "version", rv.ChangedIn), Bold: true}}})
	}
	b.h(3, w.Text("document.purpose"))
	b.markdown(r.Purpose)
	if s := rv.ClauseDutiesSentence(); s != "" {
		b.para(s)
	}
	words := WordsOf(w)
	b.h(3, w.Text("document.responsibilities"))
	b.inlineBullets(ItemMarkdown(r.Responsibilities))
	b.h(3, w.Text("document.authorities"))
	if len(r.Authorities) == 0 {
		b.para(words.NoneRecorded)
	} else {
		rows := make([][]string, len(r.Authorities))
		for i, a := range r.Authorities {
			rows[i] = []string{InlineText(model.InlineSource(a.Text)), OrDash(InlineText(b.v.LimitMarkdown(a)))}
		}
		b.table([]Column{{w.Text("document.role.authority"), Text}, {w.Text("document.role.limit"), Text}}, rows)
	}
	if len(r.Requirements) > 0 || r.Education != "" || r.Experience != "" {
		b.h(3, w.Text("document.competence"))
		var rows [][]string
		for _, q := range r.Requirements {
			rows = append(rows, []string{q.Competence.Name, b.v.CompetenceKind(q.Competence.Kind), p.LevelName(q.Level)})
		}
		if len(rows) > 0 {
			b.table([]Column{{w.Text("document.role.competence"), Text}, {w.Text("document.role.kind"), Text}, {w.Text("document.role.minimum_level"), Text}}, rows)
		}
		var fields []Field
		if r.Education != "" {
			fields = append(fields, Field{w.Text("document.role.education"), r.Education})
		}
		if r.Experience != "" {
			fields = append(fields, Field{w.Text("document.role.experience"), r.Experience})
		}
		if len(fields) > 0 {
			b.add(&Fields{Fields: fields})
		}
	}
	if lines := rv.CommunicationLines(); len(lines) > 0 {
		b.h(3, w.Text("document.communication"))
		b.inlineBullets(lines)
	}
	if s := rv.SegregationSentence(); s != "" {
		b.h(3, w.Text("document.role.segregation"))
		b.para(s)
	}
	b.h(3, w.Text("document.holders"))
	switch {
	case r.HeldByEveryone:
		b.para(words.HeldByEveryone)
	case len(rv.Seats)+len(rv.Former) == 0:
		b.para(words.Vacant)
	default:
		var rows [][]string
		for _, seat := range rv.Seats {
			rows = append(rows, SeatRow(w, seat, false))
		}
		for _, seat := range rv.Former {
			rows = append(rows, SeatRow(w, seat, true))
		}
		b.table([]Column{{w.Text("document.role.holder"), Name}, {w.Text("document.role.appointed"), Date}, {w.Text("document.role.evidence"), Token}, {w.Text("document.deputy"), Name}}, rows)
	}
}

// SeatRow is a line of a role's holders table; a former holder (one of
// the view's Former seats) and a deputy who has left are marked. Its
// dates are ISO dates, as every table's.
func SeatRow(w *messages.Catalogue, s view.Seat, former bool) []string {
	a := s.Assignment
	name := s.Person.Name
	if s.Person.External {
		name = w.Text("document.role.holder_external", "name", name, "company", s.Person.Company)
	}
	if former {
		name = w.Text("document.role.holder_left", "name", name, "date", s.Person.LeftOn.String())
	}
	deputy := "—"
	if s.Deputy != nil {
		deputy = s.Deputy.Name
		if !s.DeputyActive {
			deputy = w.Text("document.role.deputy_left", "name", deputy)
		}
	}
	return []string{name, a.AppointedOn.String(), OrDash(a.Evidence), deputy}
}

func (b *builder) reviewTeam() {
	t, w := b.v.ReviewTeam, b.w
	b.h(1, "4 "+w.Text("document.section.review_team"))
	if t == nil {
		b.para(w.Text("document.review_team.none"))
		return
	}
	chair := ""
	if t.Chair != nil {
		chair = t.Chair.Name
	}
	b.add(&Fields{Fields: []Field{
		{w.Text("document.review_team.name"), t.Name}, {w.Text("document.review_team.chair"), chair},
		{w.Text("document.review_team.reports_to"), t.ReportsTo},
		{w.Text("document.review_team.meets"), w.Plural("document.review_team.cadence", t.MeetingIntervalMonths, "cadence", t.Cadence)},
	}})
	b.h(3, w.Text("document.review_team.members"))
	var rows [][]string
	for _, m := range t.Members {
		name, area, dep := "", "", "—"
		if m.Person != nil {
			name = m.Person.Name
		}
		area = b.v.SeatArea(m)
		if m.Deputy != nil {
			dep = m.Deputy.Name
		}
		rows = append(rows, []string{name, area, dep, YesNo(b.v, m.Senior)})
	}
	b.table([]Column{{w.Text("document.review_team.member"), Name}, {w.Text("document.review_team.area"), Text}, {w.Text("document.deputy"), Name}, {w.Text("document.review_team.senior"), Token}}, rows)
	b.h(3, w.Text("document.review_team.meetings"))
	rows = nil
	for _, m := range t.Meetings {
		rows = append(rows, []string{m.Date.String(), OrDash(m.Minutes)})
	}
	b.table([]Column{{w.Text("signature.date"), Date}, {w.Text("document.review_team.minutes"), Token}}, rows)
	b.h(3, w.Text("document.review_team.agenda"))
	b.bullets(ItemTexts(t.Agenda))
	b.h(3, w.Text("document.review_team.duties"))
	b.bullets(ItemTexts(t.Duties))
}

// LetterName is the meaning of a RACI letter in the catalogue's language
// ("Responsible"); a letter it does not know is the model's name of it.
func LetterName(w *messages.Catalogue, l string) string {
	key := "document.raci.letter." + strings.ToLower(l)
	if s := w.Text(key); s != key {
		return s
	}
	return model.LetterNames[l]
}

func (b *builder) raci() {
	x, w := b.v.RACI, b.w
	b.add(&PageBreak{Landscape: true})
	b.h(1, "5 "+w.Text("document.section.raci"))
	legend := &Legend{Title: w.Text("document.raci.legend")}
	for _, l := range model.Letters {
		c := view.Palette[l]
		legend.Letters = append(legend.Letters, Cell{Text: l, Fill: c.Fill, Colour: c.Text})
		legend.Names = append(legend.Names, LetterName(w, l))
	}
	b.add(legend)
	b.para(WordsOf(w).RACIRule)
	if !x.Grid {
		for _, proc := range x.Processes {
			b.h(3, proc.Name)
			var rows [][]string
			for _, row := range proc.Rows {
				rows = append(rows, []string{row.Activity.Name, row.Activity.Clause, Parts(row)})
			}
			b.table([]Column{{w.Text("document.raci.activity"), Text}, {w.Text("document.raci.clause"), Token}, {w.Text("document.raci.roles"), Text}}, rows)
		}
		return
	}
	g := &Grid{ActivityTitle: w.Text("document.raci.activity"), ClauseTitle: w.Text("document.raci.clause")}
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
func RoleKey(w *messages.Catalogue, roles []string) string {
	entries := make([]string, len(roles))
	for i, r := range roles {
		entries[i] = strconv.Itoa(i+1) + " = " + r
	}
	return w.Text("document.raci.role_key", "key", strings.Join(entries, "; "))
}

// ContinuedGroup titles a process's rows continued on a new page.
func ContinuedGroup(w *messages.Catalogue, process string) string {
	return w.Text("document.raci.continued", "process", process)
}

// competence is section 6. The controlled document is read by all staff,
// so it states the competence each role requires (with the role, in
// section 3) and the state of the records in counts, never a person's held
// levels, gaps or training: those are for the ISMS manager and auditors
// (the workbook, rolepack check).
func (b *builder) competence() {
	w := b.w
	b.h(1, "6 "+w.Text("document.section.competence"))
	b.para(w.Text("document.competence_section.intro"))
	if ev := b.v.CompetenceEvidence(); len(ev) > 0 {
		b.bullets(ev)
	}
}

// audit is section 7: the clause 5.3 checklist with its evidence and the
// count of findings behind each item, and the single points of failure.
// The findings themselves, with their places in the sources and their
// fixes, are rolepack check's and the ISMS manager's, not all staff's.
func (b *builder) audit() {
	r, w := b.v.Report, b.w
	b.h(1, "7 "+w.Text("document.section.audit"))
	b.para(w.Text("document.audit.checked", "date", LongDate(b.v, r.Date),
		"errors", w.Plural("document.audit.errors", r.Errors), "warnings", w.Plural("document.audit.warnings", r.Warnings)))
	var rows [][]string
	for _, it := range r.Checklist {
		notes := b.v.Evidence(it)
		if counts := b.v.FindingCountsText(it); counts != "" {
			notes = append(notes, counts)
		}
		rows = append(rows, []string{b.v.ItemTitle(it), it.Clause, b.v.StatusText(it.Status), strings.Join(notes, "\n")})
	}
	if len(rows) > 0 {
		b.table([]Column{{w.Text("document.audit.item"), Text}, {w.Text("document.raci.clause"), Token}, {w.Text("document.audit.status"), Token}, {w.Text("document.audit.evidence"), Text}}, rows)
	}
	if lines := b.v.SinglePointLines(b.v.Audit.SinglePoints); len(lines) > 0 {
		b.h(3, w.Text("document.audit.single_points"))
		b.para(WordsOf(w).SinglePointsNote)
		rows = nil
		for _, l := range lines {
			rows = append(rows, []string{l.Person, l.What})
		}
		b.table([]Column{{w.Text("document.audit.person"), Name}, {w.Text("document.audit.what"), Text}}, rows)
	}
	if r.Clean() {
		b.para(WordsOf(w).NoFindings)
		return
	}
	b.para(w.Text("document.audit.details"))
}

func (b *builder) revisions() {
	w := b.w
	b.h(1, "8 "+w.Text("document.revision_history"))
	var rows [][]string
	known := false
	for _, r := range b.v.Pack.Revisions {
		changes := "—"
		if c := b.v.History.Changes[r.Version]; c != nil {
			changes, known = ChangesText(b.v, c), true
		}
		rows = append(rows, []string{r.Version, r.Date.String(), r.Author, r.Summary, changes})
	}
	cols := []Column{{w.Text("document.revisions.version"), Token}, {w.Text("signature.date"), Date}, {w.Text("document.revisions.author"), Name}, {w.Text("document.revisions.summary"), Text}, {w.Text("document.revisions.changes"), Text}}
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
// every role it changed, in the reader's language.
func ChangesText(v *view.View, c *diff.Changes) string {
	w := v.Words
	s := v.RevisionChanges(c)
	var names []string
	for _, r := range c.Roles {
		names = append(names, r.Name)
	}
	if len(names) > 0 {
		s += " " + w.Text("document.revisions.roles", "roles", strings.Join(names, w.Text("common.list_separator")))
	}
	return s
}

func (b *builder) approval() {
	d, w := b.v.Pack.Document, b.w
	b.h(1, "9 "+w.Text("document.section.approval"))
	b.para(w.Text("document.approval.sentence", "version", d.Version, "title", d.Title, "id", d.ID))
	approver := ""
	if d.Approver != nil {
		approver = d.Approver.Name
	}
	owner := ""
	if rv := b.v.Role(d.Owner); rv != nil && len(rv.Seats) > 0 {
		owner = rv.Seats[0].Person.Name
	}
	s := &Signatures{}
	for _, who := range []struct{ role, name string }{{w.Text("document.approval.approver"), approver}, {w.Text("document.approval.owner", "role", ownerName(d)), owner}} {
		s.Signers = append(s.Signers, Signer{Role: who.role, Lines: SignLines(w, who.name)})
	}
	b.add(s)
}

// SignLines are a signature block's lines: the name, written in, then
// the signature and the date to fill in.
func SignLines(w *messages.Catalogue, name string) []Field {
	return []Field{{w.Text("signature.name"), name}, {w.Text("signature.signature"), ""}, {w.Text("signature.date"), ""}}
}
