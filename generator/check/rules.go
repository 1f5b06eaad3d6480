package check

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/rolepack/rolepack/generator/model"
)

// Checklist item ids: the clause 5.3 audit checklist.
const (
	ItemDefinitions   = "definitions"
	ItemAssignment    = "assignment"
	ItemClarity       = "clarity"
	ItemAuthority     = "authority"
	ItemCommunication = "communication"
	ItemUnderstanding = "understanding"
	ItemIntegration   = "integration"
	ItemReview        = "review"
	ItemCompetence    = "competence"
	ItemStructure     = "structure"
)

// checklist is the order and wording of the audit checklist.
var checklist = []Item{
	{ID: ItemDefinitions, Title: "Roles relevant to information security are defined", Clause: "5.3"},
	{ID: ItemAssignment, Title: "Roles are assigned to named, current people with evidence", Clause: "5.3, A.5.2"},
	{ID: ItemClarity, Title: "Responsibilities are clear: one owner, no gaps, no overlaps, duties segregated", Clause: "5.3, A.5.3"},
	{ID: ItemAuthority, Title: "Authority matches responsibility", Clause: "5.3"},
	{ID: ItemCommunication, Title: "Roles are communicated", Clause: "7.4"},
	{ID: ItemUnderstanding, Title: "Role holders have acknowledged the current version", Clause: "7.3"},
	{ID: ItemIntegration, Title: "Roles are integrated into the ISMS processes", Clause: "4.4, 6.1, 9.2, A.5.24"},
	{ID: ItemReview, Title: "Roles and the document are reviewed regularly", Clause: "7.5, 9.3"},
	{ID: ItemCompetence, Title: "Role holders are competent; gaps have a training plan", Clause: "7.2"},
	{ID: ItemStructure, Title: "Reporting lines and the Management Review Team are in place", Clause: "5.1, 5.3, 9.3"},
}

// checker accumulates findings for one run.
type checker struct {
	p        *model.Pack
	today    model.Date
	findings []Finding
	evidence map[string][]string
}

func (c *checker) add(rule string, sev Severity, item string, pos model.Pos, fix, format string, args ...any) {
	c.findings = append(c.findings, Finding{Rule: rule, Severity: sev, Message: fmt.Sprintf(format, args...), Fix: fix, Pos: pos, Item: item})
}

func (c *checker) note(item, format string, args ...any) {
	c.evidence[item] = append(c.evidence[item], fmt.Sprintf(format, args...))
}

// Run checks p as of today (the stamp's build date) and returns the
// findings, sorted by file and line, and the audit checklist.
func Run(p *model.Pack, today model.Date) *Report {
	c := &checker{p: p, today: today, evidence: map[string][]string{}}
	c.isms()
	c.assignments()
	c.segregation()
	c.raci()
	c.responsibilities()
	c.competence()
	c.review()
	c.structure()
	c.reviewTeam()
	c.acknowledgements()
	c.documentControl()

	slices.SortStableFunc(c.findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Rule, b.Rule))
	})
	r := &Report{Date: today, Findings: c.findings}
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	for _, f := range c.findings {
		if f.Severity == Error {
			r.Errors++
		} else {
			r.Warnings++
		}
	}
	for _, it := range checklist {
		it.Status = Met
		it.Findings = []Finding{}
		for _, f := range c.findings {
			if f.Item != it.ID {
				continue
			}
			it.Findings = append(it.Findings, f)
			if f.Severity == Error {
				it.Status = NotMet
			} else if it.Status == Met {
				it.Status = Partly
			}
		}
		it.Evidence = c.evidence[it.ID]
		if it.Evidence == nil {
			it.Evidence = []string{}
		}
		r.Checklist = append(r.Checklist, it)
	}
	return r
}

// Blocking reports whether the findings must stop a build: an approved
// document may not be issued with errors; a draft is built and shows them.
func (r *Report) Blocking(status string) bool {
	return status == model.StatusApproved && r.Errors > 0
}

func (c *checker) isms() {
	p := c.p
	for _, duty := range []struct {
		rule, clause, what string
		has                func(*model.Role) bool
	}{
		{"RP-ISMS-01", "5.3 (a)", "making sure the ISMS conforms to ISO/IEC 27001", func(r *model.Role) bool { return r.Conformity }},
		{"RP-ISMS-02", "5.3 (b)", "reporting ISMS performance to top management", func(r *model.Role) bool { return r.Reporting }},
	} {
		var carriers []*model.Role
		held := false
		for _, r := range p.Roles {
			if duty.has(r) {
				carriers = append(carriers, r)
				held = held || len(r.Holders()) > 0
			}
		}
		switch {
		case len(carriers) == 0:
			c.add(duty.rule, Error, ItemDefinitions, model.Pos{File: model.RolesDir},
				fmt.Sprintf("add clause_5_3 = [\"%s\"] to the role that carries it, usually the Information Security Manager", duty.clause[4:5]),
				"No role carries the clause %s duty of %s.", duty.clause, duty.what)
		case !held:
			c.add(duty.rule, Error, ItemDefinitions, carriers[0].KeyPos["clause_5_3"],
				"appoint an active person to the role", "The clause %s duty (%s) is carried by %q, which has no active holder.", duty.clause, duty.what, carriers[0].Name)
		default:
			c.note(ItemDefinitions, "Clause %s duty carried by %s", duty.clause, carriers[0].Name)
		}
	}
	c.note(ItemDefinitions, "%d roles defined, each with a purpose and responsibilities", len(p.Roles))
}

func (c *checker) assignments() {
	withEvidence, total := 0, 0
	for _, r := range c.p.Roles {
		if !r.HeldByEveryone && len(r.Holders()) == 0 {
			c.add("RP-ROLE-01", Error, ItemAssignment, r.Pos, "add an [[assignment]] naming a current member of staff",
				"The role %q has no active holder.", r.Name)
		}
		for _, a := range r.Assignments {
			total++
			if !a.Person.IsActive() {
				c.add("RP-ASG-01", Error, ItemAssignment, a.Pos, "remove the assignment or appoint a successor: leavers still named in the document are the most common audit finding",
					"%s left on %s but is still assigned to %q.", a.Person.Name, a.Person.LeftOn, r.Name)
			}
			if a.Deputy != nil && !a.Deputy.IsActive() {
				c.add("RP-ASG-01", Error, ItemAssignment, a.Pos, "name a current person as deputy",
					"The deputy for %s in %q, %s, has left the organisation.", a.Person.Name, r.Name, a.Deputy.Name)
			}
			if a.Evidence == "" {
				c.add("RP-ASG-02", Warning, ItemAssignment, a.Pos, "add evidence = \"…\" with the appointment letter, contract or HR record reference",
					"The appointment of %s as %q has no evidence reference.", a.Person.Name, r.Name)
			} else {
				withEvidence++
			}
		}
	}
	c.note(ItemAssignment, "%d of %d appointments have an evidence reference", withEvidence, total)
}

func (c *checker) segregation() {
	conflicts := 0
	for _, person := range c.p.People {
		if !person.IsActive() {
			continue
		}
		for i, a := range person.Holds {
			for _, b := range person.Holds[i+1:] {
				if declaresConflict(a.Role, b.Role) || declaresConflict(b.Role, a.Role) {
					conflicts++
					c.add("RP-SOD-01", Error, ItemClarity, b.Pos, "appoint someone else to one of the two roles (segregation of duties, A.5.3)",
						"%s holds both %q and %q, which are declared as conflicting.", person.Name, a.Role.Name, b.Role.Name)
				}
			}
		}
	}
	pairs := 0
	for _, r := range c.p.Roles {
		pairs += len(r.Conflicts)
	}
	c.note(ItemClarity, "%d segregation-of-duties rules declared", pairs)
}

func declaresConflict(a, b *model.Role) bool { return slices.Contains(a.Conflicts, b) }

func (c *checker) raci() {
	for _, a := range c.p.Activities {
		acc := a.Roles[model.Accountable]
		switch {
		case len(acc) == 0:
			c.add("RP-RACI-01", Error, ItemClarity, a.Pos, "name exactly one accountable role", "The activity %q has no Accountable role.", a.Name)
		case len(acc) > 1:
			c.add("RP-RACI-02", Error, ItemClarity, a.Pos, "keep one accountable role; make the others responsible or consulted",
				"The activity %q has %d Accountable roles; it must have exactly one.", a.Name, len(acc))
		}
		if len(a.Roles[model.Responsible]) == 0 {
			c.add("RP-RACI-03", Error, ItemClarity, a.Pos, "name at least one responsible role", "The activity %q has no Responsible role.", a.Name)
		}
		for _, r := range acc {
			if !r.HeldByEveryone && len(r.Holders()) == 0 {
				c.add("RP-RACI-04", Error, ItemClarity, a.Pos, "appoint someone to the role, or make another role accountable",
					"The activity %q is accountable to %q, which nobody holds.", a.Name, r.Name)
			}
		}
	}
	c.note(ItemClarity, "%d RACI activities", len(c.p.Activities))
}

// normalise reduces a responsibility to its words, so that trivial
// differences of case, spacing and punctuation do not hide an overlap.
func normalise(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

func (c *checker) responsibilities() {
	owner := map[string]*model.Role{}
	count := 0
	for _, r := range c.p.Roles {
		for _, it := range r.Responsibilities {
			count++
			key := normalise(it.Text)
			if first, ok := owner[key]; ok && first != r {
				c.add("RP-RESP-01", Warning, ItemClarity, it.Pos, "keep the responsibility in one role and refer to it from the other",
					"The responsibility %q is owned by both %q and %q.", it.Text, first.Name, r.Name)
				continue
			}
			owner[key] = r
		}
		if len(r.Responsibilities) > 0 && len(r.Authorities) == 0 {
			c.add("RP-RESP-02", Warning, ItemAuthority, r.KeyPos["responsibilities"], "add [[authority]] entries: what the holder may decide or approve, and the limits",
				"The role %q has responsibilities but no authorities.", r.Name)
		}
	}
	auth := 0
	for _, r := range c.p.Roles {
		auth += len(r.Authorities)
	}
	c.note(ItemClarity, "%d responsibilities, each owned by one role", count)
	c.note(ItemAuthority, "%d authorities with their limits", auth)
	comm := 0
	for _, r := range c.p.Roles {
		comm += len(r.CommunicateInternal) + len(r.CommunicateExternal)
	}
	c.note(ItemCommunication, "%d communication duties; this document is distributed to %s", comm, strings.Join(c.p.Document.Distribution, ", "))
}

func (c *checker) competence() {
	plan := c.p.TrainingPlan()
	for _, g := range plan {
		pos := g.Role.Pos
		for _, a := range g.Person.Holds {
			if a.Role == g.Role {
				pos = a.Pos
			}
		}
		c.add("RP-COMP-01", Warning, ItemCompetence, pos, "record the training in the training plan and, once done, add a [[record]] in competences.toml",
			"%s holds %s at level %d; %q requires level %d.", g.Person.Name, g.Competence.Name, g.Held, g.Role.Name, g.Required)
	}
	c.note(ItemCompetence, "%d competence records; %d gaps, each in the training plan", len(c.p.Records), len(plan))
}

func (c *checker) review() {
	d := c.p.Document
	if !d.NextReview.IsZero() && d.NextReview.Before(c.today) {
		c.add("RP-REV-01", Error, ItemReview, d.KeyPos["last_review"], "review the document, then update last_review in pack.toml",
			"The document was last reviewed on %s and was due for review on %s.", d.LastReview, d.NextReview)
	}
	c.note(ItemReview, "Document last reviewed %s; next review %s", d.LastReview, d.NextReview)
	for _, r := range c.p.Roles {
		if r.LastReview.IsZero() {
			continue
		}
		if due := c.p.NextReview(r); due.Before(c.today) {
			c.add("RP-REV-02", Error, ItemReview, r.KeyPos["last_review"], "review the role, then update its last_review",
				"The role %q was last reviewed on %s and was due on %s.", r.Name, r.LastReview, due)
		}
	}
}

func (c *checker) structure() {
	roots := c.p.Roots()
	if len(roots) > 1 {
		var names []string
		for _, r := range roots[1:] {
			names = append(names, r.Name)
		}
		c.add("RP-ORG-01", Warning, ItemStructure, roots[1].Pos, "set reports_to so that every role leads up to top management",
			"The reporting lines have %d tops: %q and also %s.", len(roots), roots[0].Name, quoteAll(names))
	}
	c.note(ItemStructure, "Reporting lines lead to %q", roots[0].Name)
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

func (c *checker) reviewTeam() {
	t := c.p.ReviewTeam
	if t == nil {
		c.add("RP-MRT-01", Error, ItemStructure, model.Pos{File: model.ReviewTeamFile}, "add review-team.toml with the members, meetings, agenda and duties",
			"The pack has no Management Review Team.")
		return
	}
	seen := map[*model.Area]bool{}
	senior := false
	for _, m := range t.Members {
		seen[m.Area] = true
		senior = senior || m.Senior
		switch {
		case m.Deputy == nil:
			c.add("RP-MRT-03", Warning, ItemStructure, m.Pos, "name a deputy = \"…\" who can attend in their place",
				"%s (review team, %s) has no deputy.", m.Person.Name, m.Area.Name)
		case !m.Deputy.IsActive():
			c.add("RP-MRT-03", Warning, ItemStructure, m.Pos, "name a current person as deputy",
				"The deputy of %s on the review team, %s, has left the organisation.", m.Person.Name, m.Deputy.Name)
		}
		if !m.Person.IsActive() {
			c.add("RP-ASG-01", Error, ItemAssignment, m.Pos, "replace the member", "%s left on %s but is still a member of the review team.", m.Person.Name, m.Person.LeftOn)
		}
	}
	for _, a := range c.p.Organisation.Areas {
		if !seen[a] {
			c.add("RP-MRT-02", Error, ItemStructure, t.Pos, "add a [[member]] representing the area, with a deputy",
				"The in-scope area %q has no representative on the review team.", a.Name)
		}
	}
	if !senior {
		c.add("RP-MRT-04", Error, ItemStructure, t.Pos, "mark a member of senior leadership with senior_leadership = true",
			"No member of the review team is from senior leadership.")
	}
	c.meetings(t)
	c.note(ItemStructure, "%s: %d members, reports to %s, meets %s", t.Name, len(t.Members), t.ReportsTo, strings.ToLower(t.Cadence))
}

// meetings checks the review team met at its cadence, with a fortnight's
// grace for calendars.
func (c *checker) meetings(t *model.ReviewTeam) {
	const graceDays = 15
	if len(t.Meetings) == 0 {
		c.add("RP-MRT-05", Error, ItemReview, t.Pos, "record each meeting as a [[meeting]] with its minutes reference",
			"The review team has no recorded meetings.")
		return
	}
	var minutes []string
	for i, m := range t.Meetings {
		if m.Minutes != "" {
			minutes = append(minutes, m.Minutes)
		}
		if i == 0 {
			continue
		}
		prev := t.Meetings[i-1]
		if limit := prev.Date.AddMonths(t.MeetingIntervalMonths); limit.DaysUntil(m.Date) > graceDays {
			c.add("RP-MRT-05", Error, ItemReview, m.Pos, "meet at the agreed cadence and record every meeting",
				"The review team did not meet between %s and %s, longer than %d months.", prev.Date, m.Date, t.MeetingIntervalMonths)
		}
	}
	last := t.Meetings[len(t.Meetings)-1]
	if limit := last.Date.AddMonths(t.MeetingIntervalMonths); limit.DaysUntil(c.today) > graceDays {
		c.add("RP-MRT-05", Error, ItemReview, last.Pos, "hold the overdue review and record it",
			"The review team last met on %s; with a %d-month cadence the next meeting was due by %s.", last.Date, t.MeetingIntervalMonths, limit)
	}
	c.note(ItemReview, "%d review-team meetings, last on %s; minutes %s", len(t.Meetings), last.Date, strings.Join(minutes, ", "))
}

func (c *checker) acknowledgements() {
	version := c.p.Document.Version
	holders, acked := 0, 0
	for _, person := range c.p.People {
		if !c.p.Seated(person) {
			continue
		}
		holders++
		if _, ok := c.p.Acknowledged(person, version); ok {
			acked++
			continue
		}
		c.add("RP-COMM-01", Warning, ItemUnderstanding, seatPos(c.p, person), "have them sign the acknowledgement sheet, then add an [[acknowledgement]]",
			"%s has not acknowledged version %s of the document.", person.Name, version)
	}
	c.note(ItemUnderstanding, "%d of %d people with a seat acknowledged version %s", acked, holders, version)
}

// seatPos is where a seated person's first seat is written: the role
// assignment, the deputyship or the review-team membership.
func seatPos(p *model.Pack, person *model.Person) model.Pos {
	switch {
	case len(person.Holds) > 0:
		return person.Holds[0].Pos
	case len(person.Deputises) > 0:
		return person.Deputises[0].Pos
	case p.ReviewTeam != nil:
		for _, m := range p.ReviewTeam.Members {
			if m.Person == person || m.Deputy == person {
				return m.Pos
			}
		}
		return p.ReviewTeam.Pos
	}
	return person.Pos
}

func (c *checker) documentControl() {
	d := c.p.Document
	if d.Status == model.StatusApproved && (d.Approver == nil || d.ApprovalDate.IsZero()) {
		c.add("RP-DOC-01", Error, ItemReview, d.KeyPos["status"], "set approver and approval_date in [document], or set status = \"draft\"",
			"The document is approved but does not say who approved it and when.")
	}
	if !d.EffectiveDate.IsZero() && !d.ApprovalDate.IsZero() && d.EffectiveDate.Before(d.ApprovalDate) {
		c.add("RP-DOC-02", Error, ItemReview, d.KeyPos["effective_date"], "set effective_date on or after approval_date",
			"The document takes effect on %s, before it was approved on %s.", d.EffectiveDate, d.ApprovalDate)
	}
	found := false
	for _, r := range c.p.Revisions {
		found = found || r.Version == d.Version
	}
	if !found {
		c.add("RP-DOC-03", Error, ItemReview, d.KeyPos["version"], "add a [[revision]] for the current version",
			"The current version %s is not in the revision history.", d.Version)
	}
	c.note(ItemReview, "Document %s version %s, %s; %d revisions recorded", d.ID, d.Version, d.Status, len(c.p.Revisions))

	// Integration: the ISMS processes each have RACI activities.
	for _, proc := range []struct{ name, keyword string }{
		{"risk assessment and treatment", "risk"}, {"incident management", "incident"}, {"internal audit", "audit"},
		{"supplier management", "supplier"}, {"business continuity", "continuity"}, {"change management", "change"},
		{"access control", "access"},
	} {
		n := 0
		for _, a := range c.p.Activities {
			if strings.Contains(strings.ToLower(a.Process), proc.keyword) {
				n++
			}
		}
		if n == 0 {
			c.add("RP-INT-01", Warning, ItemIntegration, model.Pos{File: model.RACIFile}, "add [[activity]] entries for the process, with its roles",
				"No RACI activity covers %s.", proc.name)
		} else {
			c.note(ItemIntegration, "%s: %d RACI activities", proc.name, n)
		}
	}
}
