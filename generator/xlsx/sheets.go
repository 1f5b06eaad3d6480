package xlsx

import (
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
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
			bold := s.b.style.wraps[c.StyleID]
			opts.Height = max(opts.Height, float64(wrappedLines(text, width, bold, 11))*lineHeightOf(text))
		}
	}
	// A label wraps too: "内容のハッシュ値（SHA-256）" takes two lines.
	if c, ok := first.(excelize.Cell); ok && len(s.widths) > 0 {
		if text, ok := c.Value.(string); ok {
			opts.Height = max(opts.Height, float64(wrappedLines(text, s.widths[0], s.b.style.wraps[c.StyleID], 11))*lineHeightOf(text))
		}
	}
	opts.Height = min(opts.Height, maxRowHeight)
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
	s.writeOpts(excelize.RowOpts{Height: min(float64(wrappedLines(text, width, false, 11))*lineHeightOf(text), maxRowHeight)}, row...)
	s.merge(1, span)
}

// documentSheet writes the document-control block, the version stamp, the
// revision history and a legend of the letters and levels used elsewhere.
func (b *book) documentSheet() error {
	p, d, st := b.p, b.p.Document, b.st
	const cols = 4
	revisionHeaders := []string{b.w.Text("workbook.revisions.version"), b.w.Text("workbook.revisions.date"),
		b.w.Text("workbook.revisions.author"), b.w.Text("workbook.revisions.summary")}
	widths := []float64{24, 12, 26, 64}
	// What each version changed, read from the sources' git history, as
	// the document's and the site's revision history show it: a fifth
	// column when a revision names a readable git_ref.
	changes := b.v.History != nil && len(b.v.History.Changes) > 0
	revCols := cols
	if changes {
		revisionHeaders = append(revisionHeaders, b.w.Text("document.revisions.changes"))
		widths = append(widths, 48)
		revCols++
	}
	// The field labels stand in column A.
	var labels [][]string
	for _, key := range []string{b.w.Text("workbook.control.document_id"), b.w.Text("workbook.control.classification"),
		b.w.Text("workbook.control.approval_date"), b.w.Text("workbook.control.effective_date"),
		b.w.Text("workbook.control.review_interval"), b.w.Text("workbook.control.distribution"),
		b.w.Text("workbook.stamp.content_hash"), b.w.Text("workbook.stamp.date_source")} {
		labels = append(labels, []string{key})
	}
	for _, name := range b.names {
		labels = append(labels, []string{name})
	}
	s := b.open(SheetDocument, layout{widths: fit(widths, append(labels, revisionHeaders)...)})

	s.write(excelize.Cell{StyleID: b.style.title, Value: d.Title})
	s.note(p.Organisation.Name, cols)
	if notice := b.v.TranslationNotice(); notice != "" {
		s.note(notice, cols) // a translation says what it translates, and that the original prevails
	}
	s.skip(1)

	s.write(b.caption(b.w.Text("workbook.control.caption")))
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
		interval = b.w.Plural("workbook.control.months", d.ReviewIntervalMonths)
	}
	first := s.row + 1
	s.field(b.w.Text("workbook.control.document_id"), b.text(d.ID), cols)
	s.field(b.w.Text("workbook.control.title"), b.text(d.Title), cols)
	s.field(b.w.Text("workbook.control.version"), b.text(d.Version), cols)
	s.field(b.w.Text("workbook.control.status"), b.text(b.documentStatus(d.Status)), cols)
	s.field(b.w.Text("workbook.control.classification"), b.text(d.Classification), cols)
	s.field(b.w.Text("workbook.control.owner"), b.text(ownerName), cols)
	s.field(b.w.Text("workbook.control.approver"), b.text(approver), cols)
	s.field(b.w.Text("workbook.control.approval_date"), b.date(d.ApprovalDate), cols)
	s.field(b.w.Text("workbook.control.effective_date"), b.date(d.EffectiveDate), cols)
	s.field(b.w.Text("workbook.control.review_interval"), b.text(interval), cols)
	s.field(b.w.Text("workbook.control.last_review"), b.date(d.LastReview), cols)
	s.field(b.w.Text("workbook.control.next_review"), b.date(d.NextReview), cols)
	s.field(b.w.Text("workbook.control.distribution"), b.text(strings.Join(d.Distribution, "; ")), cols)
	s.defineName("Document_Control", 1, first, cols, s.row, b.w.Text("workbook.control.name_comment"))
	s.skip(1)

	s.write(b.caption(b.w.Text("workbook.stamp.caption")))
	first = s.row + 1
	s.field(b.w.Text("workbook.stamp.stamp"), b.text(st.String()), cols)
	s.field(b.w.Text("workbook.stamp.version"), b.text(st.Version), cols)
	s.field(b.w.Text("workbook.stamp.content_hash"), b.text(st.ContentHash), cols)
	commit := b.w.Text("workbook.stamp.no_commit")
	if st.Commit != "" {
		commit = st.Commit
		if st.Dirty {
			commit = b.w.Text("workbook.stamp.dirty", "commit", st.Commit)
		}
	}
	s.field(b.w.Text("workbook.stamp.commit"), b.text(commit), cols)
	s.field(b.w.Text("workbook.stamp.build_date"), b.date(st.Date()), cols)
	s.field(b.w.Text("workbook.stamp.date_source"), b.text(b.dateSource(st.DateSource)), cols)
	s.field(b.w.Text("workbook.stamp.built_by"), b.text(st.Tool), cols)
	s.defineName("Version_Stamp", 1, first, cols, s.row, b.w.Text("workbook.stamp.name_comment"))
	s.skip(1)

	s.write(b.caption(b.w.Text("document.revision_history")))
	s.write(b.headers(revisionHeaders...)...)
	head := s.row
	for _, r := range p.Revisions {
		cells := []any{b.text(r.Version), b.date(r.Date), b.text(r.Author), b.text(r.Summary)}
		if changes {
			what := "—"
			if c := b.v.History.Changes[r.Version]; c != nil {
				what = b.v.RevisionChanges(c)
			}
			cells = append(cells, b.text(what))
		}
		s.write(cells...)
	}
	if len(p.Revisions) == 0 {
		s.write(b.text(b.w.Text("workbook.revisions.none"))) // a row of the table: no merging
	}
	s.table("RevisionHistory", head, s.row, revCols)
	s.printTitles(head, head, 0)
	s.skip(1)

	s.write(b.caption(b.w.Text("workbook.letters.caption")))
	for _, l := range model.Letters {
		s.fieldRow(excelize.Cell{StyleID: b.style.letter[l], Value: l}, b.text(b.letterName(l)), cols)
	}
	s.note(b.w.Text("workbook.letters.note"), cols)
	s.skip(1)

	if len(p.Scale) > 0 {
		s.write(b.caption(b.w.Text("workbook.about.levels")))
		for _, l := range p.Scale {
			text := l.Name
			if l.Description != "" {
				text += ": " + l.Description
			}
			s.fieldRow(b.number(l.Level), b.text(text), cols)
		}
		s.skip(1)
	}

	s.write(b.caption(b.w.Text("workbook.about.caption")))
	for _, sh := range []struct{ id, about string }{
		{SheetDocument, b.w.Text("workbook.about.document")},
		{SheetRegister, b.w.Text("workbook.about.register")},
		{SheetRACI, b.w.Text("workbook.about.raci")},
		{SheetCompetence, b.w.Text("workbook.about.competence")},
		{SheetTraining, b.w.Text("workbook.about.training")},
		{SheetReview, b.w.Text("workbook.about.review")},
		{SheetAudit, b.w.Text("workbook.about.audit")},
	} {
		s.field(b.names[sh.id], b.text(sh.about), cols)
	}
	return s.close()
}

// registerHeaders are the role register's column headers.
func (b *book) registerHeaders() []string {
	return []string{b.w.Text("workbook.register.role"), b.w.Text("workbook.register.category"),
		b.w.Text("workbook.register.holder"), b.w.Text("workbook.register.external"),
		b.w.Text("workbook.register.status"), b.w.Text("workbook.register.left_on"),
		b.w.Text("workbook.register.deputy"), b.w.Text("workbook.register.appointed_on"),
		b.w.Text("workbook.register.evidence"), b.w.Text("workbook.register.last_review"),
		b.w.Text("workbook.register.review_due")}
}

// DeputyText is a seat's deputy as the role register shows it: the name,
// with the status of a deputy who is no longer active ("Dora Deputy
// (leaver)"); "" when the seat has none. rolepack import-workbook compares
// the cell with it.
func DeputyText(c *messages.Catalogue, deputy *model.Person, active bool) string {
	if deputy == nil {
		return ""
	}
	if active {
		return deputy.Name
	}
	status := deputy.Status
	switch status {
	case model.Active:
		status = c.Text("workbook.common.active")
	case model.Leaver:
		status = c.Text("workbook.common.leaver")
	}
	return c.Text("workbook.register.deputy_status", "name", deputy.Name, "status", status)
}

// registerSheet writes one row per seat of each role, in the view's order:
// the active holders, then the leavers still assigned (Former). A vacant
// role, or a role held by everyone without named holders, gets a row saying
// so.
func (b *book) registerSheet() error {
	p := b.p
	headers := b.registerHeaders()
	cols := len(headers)
	holderNone, holderEveryone := b.w.Text("workbook.register.no_holder"), b.w.Text("workbook.register.everyone")
	s := b.open(SheetRegister, layout{
		landscape: true, widths: fit([]float64{30, 19, 24, 9, 9, 11, 24, 12, 30, 11, 11}, headers,
			[]string{"", "", "", b.w.Text("workbook.common.yes"), b.statusWord(model.Active)},
			[]string{"", "", "", b.w.Text("workbook.common.no"), b.statusWord(model.Leaver)}),
		freezeCols: 1, freezeRows: 1,
	})
	s.write(b.headers(headers...)...)
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
			deputy := DeputyText(b.w, seat.Deputy, seat.DeputyActive)
			s.write(b.text(r.Name), b.text(r.Category), b.text(person.Name),
				b.yesNo(person.External), b.text(b.statusWord(person.Status)), b.date(person.LeftOn), b.text(deputy),
				b.date(a.AppointedOn), b.text(a.Evidence), b.date(r.LastReview), due)
		}
	}
	last := max(s.row, 2)
	today := b.st.Date()
	rows := rangeRef(1, 2, cols, last)
	s.do(func() error {
		return b.f.SetConditionalFormat(s.name, rows, []excelize.ConditionalFormatOptions{
			{Type: "formula", Criteria: `AND($E2<>"",$E2<>` + formulaText(b.statusWord(model.Active)) + `)`, Format: &b.style.cfLeaverRow},
			{Type: "formula", Criteria: `$C2=` + formulaText(holderNone), Format: &b.style.cfWarn},
		})
	})
	// A review due before the build date is overdue: the date is fixed, like
	// every date the checks use, so the workbook does not change by itself.
	due := rangeRef(cols, 2, cols, last)
	s.do(func() error {
		return b.f.SetConditionalFormat(s.name, due, []excelize.ConditionalFormatOptions{{
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
	headers := []string{b.w.Text("workbook.training.person"), b.w.Text("workbook.training.role"),
		b.w.Text("workbook.training.competence"), b.w.Text("workbook.training.required"),
		b.w.Text("workbook.training.held"), b.w.Text("workbook.training.action"),
		b.w.Text("workbook.training.arranged_by"), b.w.Text("workbook.training.due"),
		b.w.Text("workbook.training.status")}
	s := b.open(SheetTraining, layout{
		landscape: true, widths: fit([]float64{24, 28, 30, 16, 16, 60, 28, 11, 10}, headers), freezeRows: 1,
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
			role = b.w.Text("workbook.training.as_deputy", "role", role)
		}
		s.write(b.text(personName(t.Person, "")), b.text(role), b.text(comp),
			b.text(p.LevelName(t.Required)), b.text(p.LevelName(t.Held)), b.text(b.v.TrainingAction(t)),
			b.text(b.v.TrainingOwner(t)), b.date(t.Due), b.text(b.v.TrainingStatus(t)))
	}
	last := s.row
	s.table("TrainingPlan", 1, last, len(headers))
	if len(plan) == 0 {
		s.skip(1) // the table's empty row
		s.note(b.w.Text("workbook.training.none"), len(headers))
	}
	s.printTitles(1, 1, 0)
	return s.close()
}

// reviewSheet writes the Management Review Team: who sits on it for which
// area (in the view's name order), their deputies, who is senior
// leadership, and the meetings held.
func (b *book) reviewSheet() error {
	const cols = 5
	memberHeaders := []string{b.w.Text("workbook.review.member"), b.w.Text("workbook.review.job_title"),
		b.w.Text("workbook.review.area"), b.w.Text("workbook.review.deputy"), b.w.Text("workbook.review.senior")}
	meetingHeaders := []string{b.w.Text("workbook.review.date"), b.w.Text("workbook.review.minutes")}
	fields := [][]string{{b.w.Text("workbook.review.reports_to")}, {b.w.Text("workbook.review.meetings_held")}}
	s := b.open(SheetReview, layout{widths: fit([]float64{24, 28, 22, 24, 12}, append(fields, memberHeaders, meetingHeaders)...)})
	t := b.v.ReviewTeam
	if t == nil {
		s.write(b.caption(b.w.Text("workbook.review.team")))
		s.note(b.w.Text("workbook.review.none"), cols)
		return s.close()
	}
	s.write(b.caption(t.Name))
	interval := ""
	if t.MeetingIntervalMonths > 0 {
		interval = b.w.Plural("workbook.review.interval", t.MeetingIntervalMonths)
	}
	chair := t.ChairID
	if t.Chair != nil {
		chair = t.Chair.Name
	}
	cadence := strings.TrimSpace(t.Cadence)
	switch {
	case interval != "" && cadence != "":
		cadence = b.w.Text("workbook.review.cadence_interval", "cadence", cadence, "interval", interval)
	case interval != "":
		cadence = b.w.Text("workbook.review.interval_only", "interval", interval)
	}
	s.field(b.w.Text("workbook.review.chair"), b.text(chair), cols)
	s.field(b.w.Text("workbook.review.reports_to"), b.text(t.ReportsTo), cols)
	s.field(b.w.Text("workbook.review.cadence"), b.text(cadence), cols)
	s.field(b.w.Text("workbook.review.meetings_held"), b.number(len(t.Meetings)), cols)
	s.skip(1)

	s.write(b.caption(b.w.Text("workbook.review.members")))
	s.write(b.headers(memberHeaders...)...)
	head := s.row
	for _, m := range t.Members {
		job, area := "", m.AreaID
		if m.Person != nil {
			job = m.Person.JobTitle
		}
		if m.Area != nil {
			area = b.v.SeatArea(m)
		}
		s.write(b.text(personName(m.Person, m.PersonID)), b.text(job), b.text(area),
			b.text(personName(m.Deputy, m.DeputyID)), b.yesNo(m.Senior))
	}
	s.table("ReviewTeamMembers", head, s.row, cols)
	s.printTitles(head, head, 0)
	if len(t.Members) == 0 {
		s.skip(1)
		s.note(b.w.Text("workbook.review.no_members"), cols)
	}
	s.skip(1)

	s.write(b.caption(b.w.Text("workbook.review.meetings_held")))
	s.write(b.headers(meetingHeaders...)...)
	first := s.row
	for _, m := range t.Meetings {
		s.write(b.date(m.Date), b.textIn(b.style.wide, m.Minutes))
	}
	if len(t.Meetings) == 0 {
		s.note(b.w.Text("workbook.review.no_meetings"), 2)
	}
	s.defineName("ReviewTeamMeetings", 1, first, 2, max(s.row, first+1), b.w.Text("workbook.review.name_comment"))
	return s.close()
}

// auditSheet writes the clause 5.3 checklist and the findings behind it, in
// the view's reading order (errors first).
func (b *book) auditSheet() error {
	const cols = 6
	checklistHeaders := []string{b.w.Text("workbook.audit.item"), b.w.Text("workbook.audit.clause"), b.w.Text("workbook.audit.status"),
		b.w.Text("workbook.audit.findings"), b.w.Text("workbook.audit.evidence")}
	findingHeaders := []string{b.w.Text("workbook.audit.rule"), b.w.Text("workbook.audit.severity"), b.w.Text("workbook.audit.location"),
		b.w.Text("workbook.audit.message"), b.w.Text("workbook.audit.fix"), b.w.Text("workbook.audit.checklist_item")}
	s := b.open(SheetAudit, layout{landscape: true, freezeRows: 0,
		widths: fit([]float64{32, 12, 24, 52, 44, 24}, checklistHeaders, findingHeaders, b.singlePointHeaders())})
	rep, findings := b.v.Report, b.v.Audit.Findings
	// A view built without a report holds an empty one: no date, no
	// checklist, no findings. Saying "no findings" then would claim checks
	// that never ran.
	ran := !rep.Date.IsZero() || len(rep.Checklist) > 0 || len(findings) > 0
	switch {
	case !ran:
		s.write(b.caption(b.w.Text("workbook.audit.no_report")))
	case len(findings) == 0 && len(rep.Checklist) > 0:
		s.write(b.caption(b.w.Text("workbook.audit.clean", "date", reportDate(rep, b))))
	case len(findings) == 0:
		s.write(b.caption(b.w.Text("workbook.audit.no_findings_on", "date", reportDate(rep, b))))
	default:
		s.write(b.caption(b.w.Text("workbook.audit.findings_on", "date", reportDate(rep, b), "summary", b.severities(findings))))
	}
	if !ran {
		return s.close()
	}
	s.skip(1)

	s.write(b.caption(b.w.Text("workbook.audit.checklist")))
	s.write(b.headers(checklistHeaders...)...)
	first := s.row
	for _, it := range b.v.Audit.Checklist {
		summary := b.severities(it.Findings)
		if summary == "" {
			summary = b.w.Text("workbook.audit.none")
		}
		s.write(b.text(b.v.ItemTitle(it)), b.text(it.Clause), b.text(b.itemStatus(it.Status)), b.text(summary),
			b.text(strings.Join(b.v.Evidence(it), "; ")))
	}
	if len(rep.Checklist) == 0 {
		s.note(b.w.Text("workbook.audit.no_checklist"), 5)
	} else {
		status := rangeRef(3, first+1, 3, s.row)
		s.do(func() error {
			return b.f.SetConditionalFormat(s.name, status, []excelize.ConditionalFormatOptions{
				{Type: "cell", Criteria: "==", Value: formulaText(b.itemStatus(check.Met)), Format: &b.style.cfOK},
				{Type: "cell", Criteria: "==", Value: formulaText(b.itemStatus(check.Partly)), Format: &b.style.cfWarn},
				{Type: "cell", Criteria: "==", Value: formulaText(b.itemStatus(check.NotMet)), Format: &b.style.cfBad},
				{Type: "cell", Criteria: "==", Value: formulaText(b.itemStatus(check.NotChecked)), Format: &b.style.cfInfo},
				{Type: "cell", Criteria: "==", Value: formulaText(b.itemStatus(check.NoEvidence)), Format: &b.style.cfWarn},
			})
		})
	}
	s.defineName("Audit_Checklist", 1, first, 5, max(s.row, first+1), b.w.Text("workbook.audit.checklist_comment"))
	s.skip(1)

	b.singlePoints(s, b.v.Audit.SinglePoints)
	s.skip(1)

	s.write(b.caption(b.w.Text("workbook.audit.findings")))
	if len(findings) == 0 {
		s.note(b.w.Text("workbook.audit.no_findings"), cols)
		s.printTitles(first, first, 0)
		return s.close()
	}
	s.write(b.headers(findingHeaders...)...)
	head := s.row
	for _, f := range findings {
		item := b.v.ItemTitleOf(f.Item)
		s.write(b.text(f.Rule), b.text(b.severityWord(f.Severity)), b.text(b.findingPlace(f)), b.text(b.v.FindingMessage(f)),
			b.text(b.v.FindingFix(f)), b.text(item))
	}
	severity := rangeRef(2, head+1, 2, s.row)
	s.do(func() error {
		return b.f.SetConditionalFormat(s.name, severity, []excelize.ConditionalFormatOptions{
			{Type: "cell", Criteria: "==", Value: formulaText(b.severityWord(check.Error)), Format: &b.style.cfBad},
			{Type: "cell", Criteria: "==", Value: formulaText(b.severityWord(check.Warning)), Format: &b.style.cfWarn},
		})
	})
	s.table("AuditFindings", head, s.row, cols)
	s.printTitles(head, head, 0)
	return s.close()
}

// findingPlace is the line to edit, then the related places.
func (b *book) findingPlace(f check.Finding) string {
	place := f.Pos.String()
	if len(f.Related) > 0 {
		var also []string
		for _, r := range f.Related {
			also = append(also, r.String())
		}
		place = b.w.Text("workbook.audit.see_also", "place", place, "places", strings.Join(also, ", "))
	}
	return place
}

// itemStatus is a checklist item's status as the workbook prints it, and as
// its conditional formats compare it: the cells and the formats both come
// from here, in the workbook's language.
func (b *book) itemStatus(st check.Status) string { return b.v.StatusText(st) }

// severityWord is a finding's severity as the workbook prints it, and as its
// conditional formats compare it.
func (b *book) severityWord(sev check.Severity) string { return b.v.SeverityText(sev) }

// formulaText is s as a text constant of a formula: quoted, its quotes
// doubled.
func formulaText(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// singlePoints writes the single-points-of-failure report: who or what
// one person's loss would take away, for the ISMS manager to plan cover.
func (b *book) singlePoints(s *sheet, sp check.SinglePoints) {
	s.write(b.caption(b.w.Text("workbook.audit.single_points")))
	if sp.Empty() {
		s.note(b.w.Text("workbook.audit.no_single_points"), 5)
		return
	}
	s.write(b.headers(b.singlePointHeaders()...)...)
	for _, o := range sp.People {
		var roles []string
		for _, r := range o.Roles {
			roles = append(roles, r.Name)
		}
		s.write(b.text(b.w.Text("workbook.audit.several_roles")), b.text(o.Person.Name), b.text(strings.Join(roles, "; ")),
			b.text(strings.Join(b.v.CriticalWhy(o), "; ")), b.text(o.Person.Pos.File))
	}
	for _, l := range sp.Roles {
		s.write(b.text(b.w.Text("workbook.audit.only_holder")), b.text(l.Holder.Name), b.text(l.Role.Name),
			b.text(b.w.Text("workbook.audit.no_stand_in")), b.text(l.Pos.String()))
	}
	for _, l := range sp.Seats {
		s.write(b.text(b.w.Text("workbook.audit.only_cover")), b.text(l.Person.Name), b.text(b.v.SeatName(l)),
			b.text(b.w.Text("workbook.audit.breaks", "rule", l.Rule)), b.text(model.ReviewTeamFile))
	}
}

// singlePointHeaders are the headers of the single points of failure.
func (b *book) singlePointHeaders() []string {
	return []string{b.w.Text("workbook.audit.kind"), b.w.Text("workbook.audit.person"), b.w.Text("workbook.audit.role_or_seat"),
		b.w.Text("workbook.audit.why"), b.w.Text("workbook.audit.where")}
}

// reportDate is the date the checks ran for, or the build date, as a long
// date of the workbook's language.
func reportDate(rep *check.Report, b *book) string {
	if !rep.Date.IsZero() {
		return b.w.Date(rep.Date.Time())
	}
	return b.w.Date(b.st.Date().Time())
}

// severities counts findings by severity: "2 errors, 1 warning", or "".
func (b *book) severities(fs []check.Finding) string {
	errs, warns := 0, 0
	for _, f := range fs {
		if f.Severity == check.Error {
			errs++
		} else {
			warns++
		}
	}
	switch {
	case errs > 0 && warns > 0:
		return b.w.Text("workbook.audit.errors_and_warnings",
			"errors", b.w.Plural("workbook.audit.errors", errs), "warnings", b.w.Plural("workbook.audit.warnings", warns))
	case errs > 0:
		return b.w.Plural("workbook.audit.errors", errs)
	case warns > 0:
		return b.w.Plural("workbook.audit.warnings", warns)
	}
	return ""
}

// documentStatus is the document's status in words (model.StatusDraft, …).
func (b *book) documentStatus(status string) string {
	switch status {
	case model.StatusDraft:
		return b.w.Text("workbook.control.document_status.draft")
	case model.StatusApproved:
		return b.w.Text("workbook.control.document_status.approved")
	case model.StatusSuperseded:
		return b.w.Text("workbook.control.document_status.superseded")
	}
	return status
}

// dateSource says where the build date came from (stamp.FromGit, …).
func (b *book) dateSource(source string) string {
	switch source {
	case stamp.FromSourceDateEpoch:
		return b.w.Text("workbook.stamp.source_date_epoch")
	case stamp.FromGit:
		return b.w.Text("workbook.stamp.source_git")
	case stamp.FromClock:
		return b.w.Text("workbook.stamp.source_clock")
	}
	return source
}
