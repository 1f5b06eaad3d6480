package xlsx

import (
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
)

// Labels written in place of a holder for roles without assignments.
const (
	holderEveryone = "(everyone)"
	holderNone     = "(no holder)"
)

// field writes a "field: value" row whose value spans columns 2..span.
func (s *sheet) field(name string, value any, span int) {
	s.fieldRow(s.b.textIn(s.b.style.field, name), value, span)
}

// fieldRow is field with any first cell.
func (s *sheet) fieldRow(first, value any, span int) {
	opts := excelize.RowOpts{Height: lineHeight} // the value's own width is not what it wraps in
	if c, ok := value.(excelize.Cell); ok {
		if text, ok := c.Value.(string); ok {
			width := 0.0
			for i := 1; i < span && i < len(s.widths); i++ {
				width += s.widths[i]
			}
			if lines := wrappedLines(text, width); lines > 1 {
				opts.Height = float64(min(lines, 27) * lineHeight)
			}
		}
	}
	row := make([]any, span)
	row[0] = first
	row[1] = value
	for i := 2; i < span; i++ {
		row[i] = excelize.Cell{StyleID: s.b.style.text}
	}
	s.writeOpts(opts, row...)
	s.merge(2, span)
}

// note writes a remark across columns 1..span, wrapped to their width.
func (s *sheet) note(text string, span int) {
	width := 0.0
	for i := 0; i < span && i < len(s.widths); i++ {
		width += s.widths[i]
	}
	row := make([]any, span)
	row[0] = s.b.textIn(s.b.style.note, text)
	s.writeOpts(excelize.RowOpts{Height: float64(min(wrappedLines(text, width), 27) * lineHeight)}, row...)
	s.merge(1, span)
}

// documentSheet writes the document-control block, the version stamp, the
// revision history and a legend of the letters and levels used elsewhere.
func (b *book) documentSheet() error {
	p, d, st := b.p, b.p.Document, b.st
	const cols = 4
	s := b.open(SheetDocument, layout{widths: []float64{24, 12, 26, 64}})

	s.write(excelize.Cell{StyleID: b.style.title, Value: d.Title})
	s.note(p.Organisation.Name, cols)
	s.skip(1)

	s.write(b.caption("Document control"))
	ownerName := d.OwnerID
	if d.Owner != nil {
		ownerName = d.Owner.Name
	}
	approver := d.ApproverID
	if d.Approver != nil {
		approver = d.Approver.Name
		if d.Approver.JobTitle != "" {
			approver += ", " + d.Approver.JobTitle
		}
	}
	interval := ""
	if d.ReviewIntervalMonths > 0 {
		interval = fmt.Sprintf("%d months", d.ReviewIntervalMonths)
	}
	first := s.row + 1
	s.field("Document ID", b.text(d.ID), cols)
	s.field("Title", b.text(d.Title), cols)
	s.field("Version", b.text(d.Version), cols)
	s.field("Status", b.text(d.Status), cols)
	s.field("Classification", b.text(d.Classification), cols)
	s.field("Owner", b.text(ownerName), cols)
	s.field("Approver", b.text(approver), cols)
	s.field("Approval date", b.date(d.ApprovalDate), cols)
	s.field("Effective date", b.date(d.EffectiveDate), cols)
	s.field("Review interval", b.text(interval), cols)
	s.field("Last review", b.date(d.LastReview), cols)
	s.field("Next review", b.date(d.NextReview), cols)
	s.field("Distribution", b.text(strings.Join(d.Distribution, "; ")), cols)
	s.defineName("Document_Control", 1, first, cols, s.row, "Document-control fields (ISO/IEC 27001 7.5)")
	s.skip(1)

	s.write(b.caption("Version stamp"))
	first = s.row + 1
	s.field("Stamp", b.text(st.String()), cols)
	s.field("Version", b.text(st.Version), cols)
	s.field("Content hash (SHA-256)", b.text(st.ContentHash), cols)
	commit := "none: not built from a git work tree"
	if st.Commit != "" {
		commit = st.Commit
		if st.Dirty {
			commit += " (with uncommitted changes)"
		}
	}
	s.field("Commit", b.text(commit), cols)
	s.field("Build date", b.date(st.Date()), cols)
	s.field("Build date from", b.text(st.DateSource), cols)
	s.field("Built by", b.text(st.Tool), cols)
	s.defineName("Version_Stamp", 1, first, cols, s.row, "The version stamp every output carries")
	s.skip(1)

	s.write(b.caption("Revision history"))
	s.write(b.headers("Version", "Date", "Author", "Summary")...)
	head := s.row
	for _, r := range p.Revisions {
		s.write(b.text(r.Version), b.date(r.Date), b.text(r.Author), b.text(r.Summary))
	}
	if len(p.Revisions) == 0 {
		s.write(b.text("No revisions recorded.")) // a row of the table: no merging
	}
	s.table("RevisionHistory", head, s.row, cols)
	s.printTitles(head, head, 0)
	s.skip(1)

	s.write(b.caption("RACI letters"))
	for _, l := range model.Letters {
		s.fieldRow(excelize.Cell{StyleID: b.style.letter[l], Value: l}, b.text(model.LetterNames[l]), cols)
	}
	s.note("A cell may hold several letters, in R, A, S, C, I order (for example RA). "+
		"Each activity needs exactly one A and at least one R: the Check column says when it has not.", cols)
	s.skip(1)

	if len(p.Scale) > 0 {
		s.write(b.caption("Competence levels"))
		for _, l := range p.Scale {
			text := l.Name
			if l.Description != "" {
				text += ": " + l.Description
			}
			s.fieldRow(b.number(l.Level), b.text(text), cols)
		}
		s.skip(1)
	}

	s.write(b.caption("Sheets"))
	for _, sh := range []struct{ name, about string }{
		{SheetDocument, "This page: document control, version stamp, revision history, legend."},
		{SheetRegister, "One row per assignment of a person to a role, with deputy, evidence and review dates; leavers highlighted."},
		{SheetRACI, "Activities by ISMS process against roles; the Check column recounts the letters as you edit."},
		{SheetCompetence, "People against competences: level held and level required; gaps highlighted and counted."},
		{SheetTraining, "One row per competence gap, with a suggested action."},
		{SheetReview, "Management Review Team: members, areas, deputies, meetings held."},
		{SheetAudit, "Clause 5.3 audit-readiness checklist and the findings behind it."},
	} {
		s.field(sh.name, b.text(sh.about), cols)
	}
	return s.close()
}

// Role register columns.
var registerHeaders = []string{"Role", "Category", "Holder", "External", "Status", "Left on", "Deputy",
	"Appointed on", "Evidence", "Last review", "Review due"}

// registerSheet writes one row per seat of each role, in the view's order:
// the active holders, then the leavers still assigned (Former). A vacant
// role, or a role held by everyone without named holders, gets a row saying
// so.
func (b *book) registerSheet() error {
	p := b.p
	cols := len(registerHeaders)
	s := b.open(SheetRegister, layout{
		landscape: true, widths: []float64{30, 19, 24, 9, 9, 11, 24, 12, 30, 11, 11},
		freezeCols: 1, freezeRows: 1,
	})
	s.write(b.headers(registerHeaders...)...)
	for _, r := range b.v.Roles {
		due := b.date(p.NextReview(r.Role))
		if len(r.Seats) == 0 {
			holder := holderNone
			if !r.Vacant() {
				holder = holderEveryone
			}
			s.write(b.text(r.Name), b.text(r.Category), b.text(holder), b.text(""), b.text(""), b.date(model.Date{}),
				b.text(""), b.date(model.Date{}), b.text(""), b.date(r.LastReview), due)
		}
		for _, seat := range slices.Concat(r.Seats, r.Former) {
			person, a := seat.Person, seat.Assignment
			deputy := ""
			if seat.Deputy != nil {
				deputy = seat.Deputy.Name
				if !seat.DeputyActive {
					deputy += " (" + seat.Deputy.Status + ")"
				}
			}
			s.write(b.text(r.Name), b.text(r.Category), b.text(person.Name),
				b.yesNo(person.External), b.text(person.Status), b.date(person.LeftOn), b.text(deputy),
				b.date(a.AppointedOn), b.text(a.Evidence), b.date(r.LastReview), due)
		}
	}
	last := max(s.row, 2)
	today := b.st.Date()
	rows := rangeRef(1, 2, cols, last)
	s.do(func() error {
		return b.f.SetConditionalFormat(SheetRegister, rows, []excelize.ConditionalFormatOptions{
			{Type: "formula", Criteria: `AND($E2<>"",$E2<>"` + model.Active + `")`, Format: &b.style.cfLeaverRow},
			{Type: "formula", Criteria: `$C2="` + holderNone + `"`, Format: &b.style.cfWarn},
		})
	})
	// A review due before the build date is overdue: the date is fixed, like
	// every date the checks use, so the workbook does not change by itself.
	due := rangeRef(cols, 2, cols, last)
	s.do(func() error {
		return b.f.SetConditionalFormat(SheetRegister, due, []excelize.ConditionalFormatOptions{{
			Type: "formula", Format: &b.style.cfWarn,
			Criteria: fmt.Sprintf(`AND(ISNUMBER(%s),%s<DATE(%d,%d,%d))`, cellRef(cols, 2), cellRef(cols, 2),
				today.Time().Year(), int(today.Time().Month()), today.Time().Day()),
		}})
	})
	s.table("RoleRegister", 1, s.row, cols)
	s.printTitles(1, 1, 0)
	return s.close()
}

// trainingSheet writes the view's training plan: one row per gap of the
// people in the competence matrix, in its order.
func (b *book) trainingSheet() error {
	p := b.p
	headers := []string{"Person", "Role", "Competence", "Required", "Held", "Suggested action", "Arranged by", "Due", "Status"}
	s := b.open(SheetTraining, layout{
		landscape: true, widths: []float64{24, 28, 30, 16, 16, 60, 28, 11, 10}, freezeRows: 1,
	})
	s.write(b.headers(headers...)...)
	plan := b.v.Competence.Plan
	for _, t := range plan {
		role, comp := "", ""
		if t.Role != nil {
			role = t.Role.Name
		}
		if t.Competence != nil {
			comp = t.Competence.Name
		}
		if t.Deputising {
			role += " (as deputy)"
		}
		s.write(b.text(personName(t.Person, "")), b.text(role), b.text(comp),
			b.text(p.LevelName(t.Required)), b.text(p.LevelName(t.Held)), b.text(t.Action),
			b.text(t.OwnerText()), b.date(t.Due), b.text(t.Status()))
	}
	last := s.row
	s.table("TrainingPlan", 1, last, len(headers))
	if len(plan) == 0 {
		s.skip(1) // the table's empty row
		s.note("No competence gaps: everyone in the competence matrix has the levels their seats require.", len(headers))
	}
	s.printTitles(1, 1, 0)
	return s.close()
}

// reviewSheet writes the Management Review Team: who sits on it for which
// area (in the view's name order), their deputies, who is senior
// leadership, and the meetings held.
func (b *book) reviewSheet() error {
	const cols = 5
	s := b.open(SheetReview, layout{widths: []float64{24, 28, 22, 24, 12}})
	t := b.v.ReviewTeam
	if t == nil {
		s.write(b.caption("Management Review Team"))
		s.note("The pack does not describe a Management Review Team.", cols)
		return s.close()
	}
	s.write(b.caption(t.Name))
	interval := ""
	if t.MeetingIntervalMonths > 0 {
		interval = fmt.Sprintf("at least every %d months", t.MeetingIntervalMonths)
	}
	chair := t.ChairID
	if t.Chair != nil {
		chair = t.Chair.Name
	}
	s.field("Chair", b.text(chair), cols)
	s.field("Reports to", b.text(t.ReportsTo), cols)
	s.field("Cadence", b.text(strings.TrimSpace(t.Cadence+" "+paren(interval))), cols)
	s.field("Meetings held", b.number(len(t.Meetings)), cols)
	s.skip(1)

	s.write(b.caption("Members"))
	s.write(b.headers("Member", "Job title", "Area", "Deputy", "Senior leadership")...)
	head := s.row
	for _, m := range t.Members {
		job, area := "", m.AreaID
		if m.Person != nil {
			job = m.Person.JobTitle
		}
		if m.Area != nil {
			area = m.Area.Name
		}
		s.write(b.text(personName(m.Person, m.PersonID)), b.text(job), b.text(area),
			b.text(personName(m.Deputy, m.DeputyID)), b.yesNo(m.Senior))
	}
	s.table("ReviewTeamMembers", head, s.row, cols)
	s.printTitles(head, head, 0)
	if len(t.Members) == 0 {
		s.skip(1)
		s.note("No members recorded.", cols)
	}
	s.skip(1)

	s.write(b.caption("Meetings held"))
	s.write(b.headers("Date", "Minutes")...)
	first := s.row
	for _, m := range t.Meetings {
		s.write(b.date(m.Date), b.textIn(b.style.wide, m.Minutes))
	}
	if len(t.Meetings) == 0 {
		s.note("No meetings recorded.", 2)
	}
	s.defineName("ReviewTeamMeetings", 1, first, 2, max(s.row, first+1), "Management Review meetings held")
	return s.close()
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

// auditSheet writes the clause 5.3 checklist and the findings behind it, in
// the view's reading order (errors first).
func (b *book) auditSheet() error {
	const cols = 6
	s := b.open(SheetAudit, layout{landscape: true, widths: []float64{32, 12, 24, 52, 44, 24}, freezeRows: 0})
	rep, findings := b.v.Report, b.v.Audit.Findings
	// A view built without a report holds an empty one: no date, no
	// checklist, no findings. Saying "no findings" then would claim checks
	// that never ran.
	ran := !rep.Date.IsZero() || len(rep.Checklist) > 0 || len(findings) > 0
	switch {
	case !ran:
		s.write(b.caption("No check report was given to this build: run rolepack check."))
	case len(findings) == 0 && len(rep.Checklist) > 0:
		s.write(b.caption("Clean: the checks found nothing to raise on " + reportDate(rep, b) + "."))
	case len(findings) == 0:
		s.write(b.caption("No findings on " + reportDate(rep, b) + "."))
	default:
		s.write(b.caption("Findings on " + reportDate(rep, b) + ": " + severities(findings) + "."))
	}
	if !ran {
		return s.close()
	}
	s.skip(1)

	s.write(b.caption("Clause 5.3 checklist"))
	s.write(b.headers("Item", "Clause", "Status", "Findings", "Evidence")...)
	first := s.row
	for _, it := range b.v.Audit.Checklist {
		summary := severities(it.Findings)
		if summary == "" {
			summary = "none"
		}
		s.write(b.text(it.Title), b.text(it.Clause), b.text(string(it.Status)), b.text(summary),
			b.text(strings.Join(it.Evidence, "; ")))
	}
	if len(rep.Checklist) == 0 {
		s.note("The report has no checklist.", 5)
	} else {
		status := rangeRef(3, first+1, 3, s.row)
		s.do(func() error {
			return b.f.SetConditionalFormat(SheetAudit, status, []excelize.ConditionalFormatOptions{
				{Type: "cell", Criteria: "==", Value: `"` + string(check.Met) + `"`, Format: &b.style.cfOK},
				{Type: "cell", Criteria: "==", Value: `"` + string(check.Partly) + `"`, Format: &b.style.cfWarn},
				{Type: "cell", Criteria: "==", Value: `"` + string(check.NotMet) + `"`, Format: &b.style.cfBad},
				{Type: "cell", Criteria: "==", Value: `"` + string(check.NotChecked) + `"`, Format: &b.style.cfInfo},
			})
		})
	}
	s.defineName("Audit_Checklist", 1, first, 5, max(s.row, first+1), "Clause 5.3 audit-readiness checklist")
	s.skip(1)

	b.singlePoints(s, b.v.Audit.SinglePoints)
	s.skip(1)

	s.write(b.caption("Findings"))
	if len(findings) == 0 {
		s.note("No findings: every check passed.", cols)
		s.printTitles(first, first, 0)
		return s.close()
	}
	s.write(b.headers("Rule", "Severity", "Location", "Message", "Fix", "Checklist item")...)
	head := s.row
	for _, f := range findings {
		item := b.v.Audit.ItemTitle(f.Item)
		s.write(b.text(f.Rule), b.text(string(f.Severity)), b.text(findingPlace(f)), b.text(f.Message),
			b.text(f.Fix), b.text(item))
	}
	severity := rangeRef(2, head+1, 2, s.row)
	s.do(func() error {
		return b.f.SetConditionalFormat(SheetAudit, severity, []excelize.ConditionalFormatOptions{
			{Type: "cell", Criteria: "==", Value: `"` + string(check.Error) + `"`, Format: &b.style.cfBad},
			{Type: "cell", Criteria: "==", Value: `"` + string(check.Warning) + `"`, Format: &b.style.cfWarn},
		})
	})
	s.table("AuditFindings", head, s.row, cols)
	s.printTitles(head, head, 0)
	return s.close()
}

// findingPlace is the line to edit, then the related places.
func findingPlace(f check.Finding) string {
	place := f.Pos.String()
	if len(f.Related) > 0 {
		var also []string
		for _, r := range f.Related {
			also = append(also, r.String())
		}
		place += " (see also " + strings.Join(also, ", ") + ")"
	}
	return place
}

// singlePoints writes the single-points-of-failure report: who or what
// one person's loss would take away, for the ISMS manager to plan cover.
func (b *book) singlePoints(s *sheet, sp check.SinglePoints) {
	s.write(b.caption("Single points of failure"))
	if sp.Empty() {
		s.note("None: no person holds several critical roles, every role has a second holder or an active deputy, and every review-team seat has cover.", 5)
		return
	}
	s.write(b.headers("Kind", "Person", "Role or seat", "Why it matters", "Where")...)
	for _, o := range sp.People {
		var roles []string
		for _, r := range o.Roles {
			roles = append(roles, r.Name)
		}
		s.write(b.text("Several critical roles"), b.text(o.Person.Name), b.text(strings.Join(roles, "; ")),
			b.text(strings.Join(o.Why, "; ")), b.text(o.Person.Pos.File))
	}
	for _, l := range sp.Roles {
		s.write(b.text("Only holder, no deputy"), b.text(l.Holder.Name), b.text(l.Role.Name),
			b.text("No one stands in when they are away"), b.text(l.Pos.String()))
	}
	for _, l := range sp.Seats {
		s.write(b.text("Only review-team cover"), b.text(l.Person.Name), b.text(l.Name),
			b.text("Losing them breaks "+l.Rule), b.text(model.ReviewTeamFile))
	}
}

// reportDate is the date the checks ran for, or the build date.
func reportDate(rep *check.Report, b *book) string {
	if !rep.Date.IsZero() {
		return rep.Date.String()
	}
	return b.st.Date().String()
}

// severities counts findings by severity: "2 errors, 1 warning", or "".
func severities(fs []check.Finding) string {
	errs, warns := 0, 0
	for _, f := range fs {
		if f.Severity == check.Error {
			errs++
		} else {
			warns++
		}
	}
	var parts []string
	if errs > 0 {
		parts = append(parts, count(errs, "error"))
	}
	if warns > 0 {
		parts = append(parts, count(warns, "warning"))
	}
	return strings.Join(parts, ", ")
}

// count is "no errors", "1 error" or "3 errors".
func count(n int, noun string) string {
	switch n {
	case 0:
		return "no " + noun + "s"
	case 1:
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
