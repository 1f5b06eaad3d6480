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
	opts     Options
	p        *model.Pack
	today    model.Date
	findings []Finding
	evidence map[string][]string
}

// add records a finding of the rule case ref ("RP-SOD-01", or
// "RP-ASG-01/deputy" for one case of a rule), worded by the registry.
func (c *checker) add(ref string, pos model.Pos, args ...any) {
	c.findings = append(c.findings, finding(ref, pos, args...))
}

// addRelated is add with the other places the finding concerns.
func (c *checker) addRelated(ref string, pos model.Pos, related []model.Pos, args ...any) {
	f := finding(ref, pos, args...)
	for _, r := range related {
		if r.File != "" && r != pos {
			f.Related = append(f.Related, r)
		}
	}
	c.findings = append(c.findings, f)
}

func (c *checker) note(item, format string, args ...any) {
	c.evidence[item] = append(c.evidence[item], fmt.Sprintf(format, args...))
}

// Run checks p as of today (the stamp's build date) and returns the
// findings, sorted by file and line, and the audit checklist.
func Run(p *model.Pack, today model.Date) *Report {
	return RunWith(p, today, Options{})
}

// Options carry what the checks cannot learn from the pack alone.
type Options struct {
	// Carried holds, by person id, their acknowledgement of an earlier
	// version whose sources could be read from git (generator/history),
	// and whether it still covers their duties.
	Carried map[string]CarriedAck
}

// CarriedAck is a person's acknowledgement of an earlier version.
type CarriedAck struct {
	Version string
	Carried bool     // nothing in their duties changed since: it counts for the current version
	Changed []string // what changed in their duties since (when not Carried)
}

// RunWith is Run with what the sources' history says.
func RunWith(p *model.Pack, today model.Date, opts Options) *Report {
	c := &checker{p: p, today: today, opts: opts, evidence: map[string][]string{}}
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
	c.dates()
	c.versions()
	c.deputies()
	c.people()
	c.seats()
	c.delegation()
	c.futureLeavers()
	c.unprintable()
	c.translations()

	slices.SortStableFunc(c.findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Rule, b.Rule))
	})
	r := &Report{Date: today, Findings: c.findings, SinglePoints: singlePoints(p)}
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
		none, unheld, clause, what string
		has                        func(*model.Role) bool
	}{
		{"RP-ISMS-01/none", "RP-ISMS-01/unheld", "5.3 (a)", "making sure the ISMS conforms to ISO/IEC 27001", func(r *model.Role) bool { return r.Conformity }},
		{"RP-ISMS-02/none", "RP-ISMS-02/unheld", "5.3 (b)", "reporting ISMS performance to top management", func(r *model.Role) bool { return r.Reporting }},
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
			c.add(duty.none, model.Pos{File: model.RolesDir}, duty.clause, duty.what)
		case !held:
			c.add(duty.unheld, carriers[0].KeyPos["clause_5_3"], duty.clause, duty.what, carriers[0].Name)
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
			c.add("RP-ROLE-01", r.Pos, r.Name)
		}
		for _, a := range r.Assignments {
			total++
			if !a.Person.IsActive() {
				c.add("RP-ASG-01/holder", a.Pos, a.Person.Name, a.Person.LeftOn, r.Name)
			}
			if a.Deputy != nil && !a.Deputy.IsActive() {
				c.addRelated("RP-ASG-01/deputy", keyPos(a.KeyPos, "deputy", a.Pos), []model.Pos{a.Deputy.Pos}, a.Person.Name, r.Name, a.Deputy.Name)
			}
			if a.Evidence == "" {
				c.add("RP-ASG-02", a.Pos, a.Person.Name, r.Name)
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
					c.add("RP-SOD-01", b.Pos, person.Name, a.Role.Name, b.Role.Name)
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
			c.add("RP-RACI-01", a.Pos, a.Name)
		case len(acc) > 1:
			c.add("RP-RACI-02", keyPos(a.KeyPos, model.Accountable, a.Pos), a.Name, len(acc))
		}
		if len(a.Roles[model.Responsible]) == 0 {
			c.add("RP-RACI-03", a.Pos, a.Name)
		}
		for _, r := range acc {
			if !r.HeldByEveryone && len(r.Holders()) == 0 {
				c.add("RP-RACI-04", a.Pos, a.Name, r.Name)
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
				c.add("RP-RESP-01", it.Pos, it.Text, first.Name, r.Name)
				continue
			}
			owner[key] = r
		}
		if len(r.Responsibilities) > 0 && len(r.Authorities) == 0 {
			c.add("RP-RESP-02", r.KeyPos["responsibilities"], r.Name)
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
		seat := g.Role.Pos
		for _, a := range g.Person.Holds {
			if a.Role == g.Role {
				seat = a.Pos
			}
		}
		related := []model.Pos{seat}
		for _, q := range g.Role.Requirements {
			if q.Competence == g.Competence {
				related = append(related, q.Pos)
			}
		}
		c.addRelated("RP-COMP-01", recordPos(g.Record), related, g.Person.Name, holdsPhrase(g.Competence, g.Held), g.Role.Name, g.Required)
	}
	c.note(ItemCompetence, "%d competence records; %d gaps, each in the training plan", len(c.p.Records), len(plan))
}

func (c *checker) review() {
	d := c.p.Document
	// A last_review after today is RP-DATE-01; it proves no review.
	if !d.NextReview.IsZero() && d.NextReview.Before(c.today) && !d.LastReview.After(c.today) {
		c.add("RP-REV-01", d.KeyPos["last_review"], d.LastReview, d.NextReview)
	}
	c.note(ItemReview, "Document last reviewed %s; next review %s", d.LastReview, d.NextReview)
	for _, r := range c.p.Roles {
		if r.LastReview.IsZero() {
			continue
		}
		if due := c.p.NextReview(r); due.Before(c.today) && !r.LastReview.After(c.today) {
			c.add("RP-REV-02", r.KeyPos["last_review"], r.Name, r.LastReview, due)
		}
	}
}

func (c *checker) structure() {
	roots := slices.Clone(c.p.Roots())
	// The top is the root of the largest tree; the others are the roles
	// that lost (or never had) their reports_to.
	slices.SortStableFunc(roots, func(a, b *model.Role) int { return cmp.Compare(treeSize(b), treeSize(a)) })
	for _, r := range roots[1:] {
		c.add("RP-ORG-01", keyPos(r.KeyPos, "name", r.Pos), r.Name, len(roots), roots[0].Name)
	}
	c.note(ItemStructure, "Reporting lines lead to %q", roots[0].Name)
}

func treeSize(r *model.Role) int {
	n := 1
	for _, x := range r.Reports {
		n += treeSize(x)
	}
	return n
}

func (c *checker) reviewTeam() {
	t := c.p.ReviewTeam
	if t == nil {
		c.add("RP-MRT-01", model.Pos{File: model.ReviewTeamFile})
		return
	}
	seen := map[*model.Area]bool{}
	senior := false
	for _, m := range t.Members {
		seen[m.Area] = true
		senior = senior || m.Senior
		switch {
		case m.Deputy == nil:
			c.add("RP-MRT-03/none", m.Pos, m.Person.Name, m.Area.Name)
		case !m.Deputy.IsActive():
			c.add("RP-MRT-03/left", m.Pos, m.Person.Name, m.Deputy.Name)
		}
		if !m.Person.IsActive() {
			c.add("RP-ASG-01/member", m.Pos, m.Person.Name, m.Person.LeftOn)
		}
	}
	for _, a := range c.p.Organisation.Areas {
		if !seen[a] {
			c.add("RP-MRT-02", t.Pos, a.Name)
		}
	}
	if !senior {
		c.add("RP-MRT-04", t.Pos)
	}
	c.meetings(t)
	c.note(ItemStructure, "%s: %d members, reports to %s, meets %s", t.Name, len(t.Members), t.ReportsTo, strings.ToLower(t.Cadence))
}

// meetings checks the review team met at its cadence, with a fortnight's
// grace for calendars.
func (c *checker) meetings(t *model.ReviewTeam) {
	const graceDays = 15
	// A meeting dated after today (RP-DATE-01) has not taken place.
	held := slices.DeleteFunc(slices.Clone(t.Meetings), func(m *model.Meeting) bool { return m.Date.After(c.today) })
	if len(held) == 0 {
		c.add("RP-MRT-05/none", t.Pos)
		return
	}
	var minutes []string
	for i, m := range held {
		if m.Minutes != "" {
			minutes = append(minutes, m.Minutes)
		}
		if i == 0 {
			continue
		}
		prev := held[i-1]
		if limit := prev.Date.AddMonths(t.MeetingIntervalMonths); limit.DaysUntil(m.Date) > graceDays {
			c.add("RP-MRT-05/gap", m.Pos, prev.Date, m.Date, t.MeetingIntervalMonths)
		}
	}
	last := held[len(held)-1]
	if limit := last.Date.AddMonths(t.MeetingIntervalMonths); limit.DaysUntil(c.today) > graceDays {
		c.add("RP-MRT-05/overdue", last.Pos, last.Date, t.MeetingIntervalMonths, limit)
	}
	c.note(ItemReview, "%d review-team meetings, last on %s; minutes %s", len(held), last.Date, strings.Join(minutes, ", "))
}

func (c *checker) acknowledgements() {
	version := c.p.Document.Version
	holders, acked, carried := 0, 0, 0
	for _, person := range c.p.People {
		if !c.p.Seated(person) {
			continue
		}
		holders++
		// An acknowledgement dated after today is RP-DATE-01 and does not
		// count: it has not been signed yet.
		if a, ok := c.p.Acknowledged(person, version); ok && !a.Date.After(c.today) {
			acked++
			continue
		}
		if ca, ok := c.opts.Carried[person.ID]; ok {
			if ca.Carried {
				acked++
				carried++
				continue
			}
			c.addRelated("RP-COMM-01/changed", model.Pos{File: model.AcksFile}, []model.Pos{seatPos(c.p, person)},
				person.Name, ca.Version, strings.Join(ca.Changed, "; "), version)
			continue
		}
		c.addRelated("RP-COMM-01/unsigned", model.Pos{File: model.AcksFile}, []model.Pos{seatPos(c.p, person)}, person.Name, version)
	}
	c.note(ItemUnderstanding, "%d of %d people with a seat acknowledged version %s", acked, holders, version)
	if carried > 0 {
		c.note(ItemUnderstanding, "%d of them by an earlier acknowledgement that carries forward: nothing in their duties changed since", carried)
	}
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
	if d.Status == model.StatusApproved {
		switch {
		case d.Approver == nil && d.ApprovalDate.IsZero():
			c.add("RP-DOC-01", d.KeyPos["status"], "who approved it or when")
		case d.Approver == nil:
			c.add("RP-DOC-01", d.KeyPos["status"], "who approved it")
		case d.ApprovalDate.IsZero():
			c.add("RP-DOC-01", d.KeyPos["status"], "when it was approved")
		}
	}
	if !d.EffectiveDate.IsZero() && !d.ApprovalDate.IsZero() && d.EffectiveDate.Before(d.ApprovalDate) {
		c.add("RP-DOC-02", d.KeyPos["effective_date"], d.EffectiveDate, d.ApprovalDate)
	}
	found := false
	for _, r := range c.p.Revisions {
		found = found || r.Version == d.Version
	}
	if !found {
		c.add("RP-DOC-03", d.KeyPos["version"], d.Version)
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
			c.add("RP-INT-01", model.Pos{File: model.RACIFile}, proc.name)
		} else {
			c.note(ItemIntegration, "%s: %d RACI activities", proc.name, n)
		}
	}
}
