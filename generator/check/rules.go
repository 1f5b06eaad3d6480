package check

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/rolepack/rolepack/generator/messages"
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
// Its titles are the findings catalogue's (ItemKey), in English.
var checklist = []Item{
	{ID: ItemDefinitions, Clause: "5.3"},
	{ID: ItemAssignment, Clause: "5.3, A.5.2"},
	{ID: ItemClarity, Clause: "5.3, A.5.3"},
	{ID: ItemAuthority, Clause: "5.3"},
	{ID: ItemCommunication, Clause: "7.4"},
	{ID: ItemUnderstanding, Clause: "7.3"},
	{ID: ItemIntegration, Clause: "4.4, 6.1, 9.2, A.5.24"},
	{ID: ItemReview, Clause: "7.5, 9.3"},
	{ID: ItemCompetence, Clause: "7.2"},
	{ID: ItemStructure, Clause: "5.1, 5.3, 9.3"},
}

// itemKeys are the catalogue keys of the checklist's titles.
var itemKeys = map[string]string{
	ItemDefinitions:   "finding.item.definitions",
	ItemAssignment:    "finding.item.assignment",
	ItemClarity:       "finding.item.clarity",
	ItemAuthority:     "finding.item.authority",
	ItemCommunication: "finding.item.communication",
	ItemUnderstanding: "finding.item.understanding",
	ItemIntegration:   "finding.item.integration",
	ItemReview:        "finding.item.review",
	ItemCompetence:    "finding.item.competence",
	ItemStructure:     "finding.item.structure",
}

// ItemKey is the catalogue key of the title of checklist item id, or ""
// for an id the checklist does not have.
func ItemKey(id string) string { return itemKeys[id] }

// StatusKey is the catalogue key of a checklist status word, or "" for a
// status the checks do not give.
func StatusKey(s Status) string {
	switch s {
	case Met:
		return "finding.status.met"
	case Partly:
		return "finding.status.partly"
	case NotMet:
		return "finding.status.not_met"
	case NotChecked:
		return "finding.status.not_checked"
	case NoEvidence:
		return "finding.status.no_evidence"
	}
	return ""
}

// SeverityKey is the catalogue key of a severity word, or "" for another.
func SeverityKey(s Severity) string {
	switch s {
	case Error:
		return "finding.severity.error"
	case Warning:
		return "finding.severity.warning"
	}
	return ""
}

// checker accumulates findings for one run.
type checker struct {
	opts     Options
	p        *model.Pack
	today    model.Date
	findings []Finding
	evidence map[string][]Text
	unacked  []*model.Person // see Report.Unacknowledged
	acks     []AckStatus     // see Report.Acks
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

// addCounting is add for a case whose message counts count (a plural
// message).
func (c *checker) addCounting(ref string, pos model.Pos, count int, args ...any) {
	c.findings = append(c.findings, findingCounting(ref, pos, count, args...))
}

// note records an evidence note of a checklist item.
func (c *checker) note(item string, t Text) {
	c.evidence[item] = append(c.evidence[item], t)
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
	// Printed are texts the outputs print beside the pack's own
	// (Pack.PrintedTexts): the fixed words of each language the pack is
	// built in, labelled MessagesLabel(lang), which RP-FONT-01 checks too.
	Printed []model.PrintedText
}

// MessagesLabel is the label of the printed text that holds the fixed
// words of a language's catalogue (Options.Printed).
func MessagesLabel(lang string) string { return "messages of rolepack in " + lang }

// CarriedAck is a person's acknowledgement of an earlier version.
type CarriedAck struct {
	Version string
	// Date is when they acknowledged it: one dated after today has not
	// been signed yet (RP-DATE-01) and carries nothing forward.
	Date    model.Date
	Carried bool     // nothing in their duties changed since: it counts for the current version
	Changed []string // what changed in their duties since (when not Carried)
	// ChangedText is Changed as wordings for an output to render in its
	// reader's language (generator/history's Carry.ChangedText); nil when
	// only the English is known.
	ChangedText []Wording
}

// RunWith is Run with what the sources' history says.
func RunWith(p *model.Pack, today model.Date, opts Options) *Report {
	c := &checker{p: p, today: today, opts: opts, evidence: map[string][]Text{}}
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
	r := &Report{Date: today, Findings: c.findings, SinglePoints: singlePoints(p), Unacknowledged: c.unacked, Acks: c.acks}
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
		it.Title = ItemKeyText(it.ID).String()
		it.Notes = c.evidence[it.ID]
		if it.Status == Met && !evidenced(it.Notes) {
			it.Status = NoEvidence
		}
		it.Evidence = make([]string, len(it.Notes))
		for i, n := range it.Notes {
			it.Evidence[i] = n.String()
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
		none, unheld string
		clause, what Text
		has          func(*model.Role) bool
	}{
		{"RP-ISMS-01/none", "RP-ISMS-01/unheld", text("finding.duty.clause_a"), text("finding.duty.conformity"), func(r *model.Role) bool { return r.Conformity }},
		{"RP-ISMS-02/none", "RP-ISMS-02/unheld", text("finding.duty.clause_b"), text("finding.duty.reporting"), func(r *model.Role) bool { return r.Reporting }},
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
			// At the role that usually carries it, the document's owner
			// (the ISM), where clause_5_3 is added; else the directory.
			at := model.Pos{File: model.RolesDir}
			if o := p.Document.Owner; o != nil && o.Pos.Line > 0 {
				at = o.Pos
			}
			c.add(duty.none, at, "clause", duty.clause, "duty", duty.what)
		case !held:
			c.add(duty.unheld, carriers[0].KeyPos["clause_5_3"], "clause", duty.clause, "duty", duty.what, "role", quoted(carriers[0].Name))
		default:
			c.note(ItemDefinitions, text("finding.evidence.clause_duty", "clause", duty.clause, "role", carriers[0].Name))
		}
	}
	c.note(ItemDefinitions, plural("finding.evidence.roles", len(p.Roles)))
}

func (c *checker) assignments() {
	withEvidence, total := 0, 0
	for _, r := range c.p.Roles {
		if !r.HeldByEveryone && len(r.Holders()) == 0 {
			c.add("RP-ROLE-01", r.Pos, "role", quoted(r.Name))
		}
		for _, a := range r.Assignments {
			total++
			if !a.Person.IsActive() {
				c.add("RP-ASG-01/holder", a.Pos, "person", a.Person.Name, "date", a.Person.LeftOn, "role", quoted(r.Name))
			}
			if a.Deputy != nil && !a.Deputy.IsActive() {
				c.addRelated("RP-ASG-01/deputy", keyPos(a.KeyPos, "deputy", a.Pos), []model.Pos{a.Deputy.Pos}, "holder", a.Person.Name, "role", quoted(r.Name), "deputy", a.Deputy.Name)
			}
			if a.Evidence == "" {
				c.add("RP-ASG-02", a.Pos, "person", a.Person.Name, "role", quoted(r.Name))
			} else {
				withEvidence++
			}
		}
	}
	c.note(ItemAssignment, plural("finding.evidence.appointments", total, "evidenced", withEvidence))
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
					c.add("RP-SOD-01", b.Pos, "person", person.Name, "first", quoted(a.Role.Name), "second", quoted(b.Role.Name))
				}
			}
		}
	}
	pairs := 0
	for _, r := range c.p.Roles {
		pairs += len(r.Conflicts)
	}
	c.note(ItemClarity, plural("finding.evidence.segregation", pairs))
}

func declaresConflict(a, b *model.Role) bool { return slices.Contains(a.Conflicts, b) }

func (c *checker) raci() {
	for _, a := range c.p.Activities {
		acc := a.Roles[model.Accountable]
		switch {
		case len(acc) == 0:
			c.add("RP-RACI-01", a.Pos, "activity", quoted(a.Name))
		case len(acc) > 1:
			c.addCounting("RP-RACI-02", keyPos(a.KeyPos, model.Accountable, a.Pos), len(acc), "activity", quoted(a.Name))
		}
		if len(a.Roles[model.Responsible]) == 0 {
			c.add("RP-RACI-03", a.Pos, "activity", quoted(a.Name))
		}
		for _, r := range acc {
			if !r.HeldByEveryone && len(r.Holders()) == 0 {
				c.add("RP-RACI-04", a.Pos, "activity", quoted(a.Name), "role", quoted(r.Name))
			}
		}
	}
	c.note(ItemClarity, plural("finding.evidence.activities", len(c.p.Activities)))
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
			key := normalise(model.InlinePlain(it.Text))
			if first, ok := owner[key]; ok && first != r {
				c.add("RP-RESP-01", it.Pos, "text", quoted(it.Text), "first", quoted(first.Name), "second", quoted(r.Name))
				continue
			}
			owner[key] = r
		}
		if len(r.Responsibilities) > 0 && len(r.Authorities) == 0 {
			c.add("RP-RESP-02", r.KeyPos["responsibilities"], "role", quoted(r.Name))
		}
	}
	auth := 0
	for _, r := range c.p.Roles {
		auth += len(r.Authorities)
	}
	c.note(ItemClarity, plural("finding.evidence.responsibilities", count))
	c.note(ItemAuthority, plural("finding.evidence.authorities", auth))
	comm := 0
	for _, r := range c.p.Roles {
		comm += len(r.CommunicateInternal) + len(r.CommunicateExternal)
	}
	c.note(ItemCommunication, plural("finding.evidence.communication", comm, "distribution", strings.Join(c.p.Document.Distribution, ", ")))
}

func (c *checker) competence() {
	plan := c.p.TrainingPlan()
	overdue := 0
	// Gaps against a role held by everyone are one finding per requirement
	// (RP-COMP-03), not one per employee at the same line.
	type everyoneGap struct {
		role       *model.Role
		req        *model.Requirement
		people     []*model.Person
		overdue    int
		competence *model.Competence
		level      int
	}
	var everyone []*everyoneGap
	byReq := map[*model.Requirement]*everyoneGap{}
	for _, g := range plan {
		late := model.TrainingOverdue(g, c.today)
		if late {
			overdue++
		}
		if g.Role.HeldByEveryone {
			q := requirementOf(g.Role, g.Competence, g.Required)
			e := byReq[q]
			if e == nil {
				e = &everyoneGap{role: g.Role, req: q, competence: g.Competence, level: g.Required}
				byReq[q] = e
				everyone = append(everyone, e)
			}
			e.people = append(e.people, g.Person)
			if late {
				e.overdue++
				// Booked training past its date is reported where the
				// booking is written.
				if g.Planned != nil {
					c.addRelated("RP-COMP-02", g.Planned.Pos, []model.Pos{q.Pos}, "person", g.Person.Name, "competence", g.Competence.Name, "role", quoted(g.Role.Name), "due", g.Due)
				}
			}
			continue
		}
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
		c.addRelated("RP-COMP-01", recordPos(g.Record, seat), related, "person", g.Person.Name, "holds", holdsPhrase(g.Competence, g.Held), "role", quoted(g.Role.Name), "level", g.Required,
			"person_id", g.Person.ID, "competence_id", g.Competence.ID)
		if late {
			// At the planned training's record when there is one, else
			// where the gap is.
			at := recordPos(g.Record, seat)
			if g.Planned != nil {
				at = g.Planned.Pos
			}
			c.addRelated("RP-COMP-02", at, related, "person", g.Person.Name, "competence", g.Competence.Name, "role", quoted(g.Role.Name), "due", g.Due)
		}
	}
	for _, e := range everyone {
		c.addCounting("RP-COMP-03", e.req.Pos, len(e.people), "competence", e.competence.Name, "level", e.level, "role", quoted(e.role.Name),
			"people", namesAndMore(e.people), "overdue", overduePhrase(e.overdue, len(e.people)), "competence_id", e.competence.ID)
	}
	c.note(ItemCompetence, text("finding.evidence.competence",
		"records", plural("finding.evidence.records", len(c.p.Records)), "gaps", plural("finding.evidence.gaps", len(plan))))
	if overdue > 0 {
		c.note(ItemCompetence, plural("finding.evidence.overdue", overdue))
	}
}

// namesShown is how many people RP-COMP-03 names before "and N more".
const namesShown = 3

// namesAndMore names the first people of a list and counts the rest.
func namesAndMore(people []*model.Person) Wording {
	n := min(len(people), namesShown)
	items := make([]Wording, n)
	for i, p := range people[:n] {
		items[i] = plain(p.Name)
	}
	names := Joined{Sep: "finding.sep.list", Items: items}
	if len(people) <= n {
		return names
	}
	return plural("finding.rp_comp_03.more", len(people)-n, "names", names)
}

// overduePhrase says how many of those people are past their due date.
func overduePhrase(overdue, people int) Text {
	switch {
	case overdue == 0:
		return text("finding.rp_comp_03.none_overdue")
	case overdue == 1 && people == 1:
		return text("finding.rp_comp_03.one_overdue")
	case overdue == people:
		return plural("finding.rp_comp_03.all_overdue", overdue)
	}
	return plural("finding.rp_comp_03.some_overdue", overdue)
}

// plain is a name, worded alike in every language.
type plain string

func (p plain) In(*messages.Catalogue) string { return string(p) }

// requirementOf is the requirement of r for c at level (the one a training
// plan row was made against), else r's first for c.
func requirementOf(r *model.Role, c *model.Competence, level int) *model.Requirement {
	var first *model.Requirement
	for _, q := range r.Requirements {
		if q.Competence != c {
			continue
		}
		if q.Level == level {
			return q
		}
		if first == nil {
			first = q
		}
	}
	return first
}

func (c *checker) review() {
	d := c.p.Document
	// A last_review after today is RP-DATE-01; it proves no review.
	if !d.NextReview.IsZero() && d.NextReview.Before(c.today) && !d.LastReview.After(c.today) {
		c.add("RP-REV-01", d.KeyPos["last_review"], "last", d.LastReview, "due", d.NextReview)
	}
	c.note(ItemReview, text("finding.evidence.reviewed", "last", d.LastReview, "next", d.NextReview))
	for _, r := range c.p.Roles {
		if r.LastReview.IsZero() {
			continue
		}
		if due := c.p.NextReview(r); due.Before(c.today) && !r.LastReview.After(c.today) {
			c.add("RP-REV-02", r.KeyPos["last_review"], "role", quoted(r.Name), "last", r.LastReview, "due", due)
		}
	}
}

func (c *checker) structure() {
	roots := slices.Clone(c.p.Roots())
	// The top is the root of the largest tree; the others are the roles
	// that lost (or never had) their reports_to.
	slices.SortStableFunc(roots, func(a, b *model.Role) int { return cmp.Compare(treeSize(b), treeSize(a)) })
	for _, r := range roots[1:] {
		c.addCounting("RP-ORG-01", keyPos(r.KeyPos, "name", r.Pos), len(roots), "role", quoted(r.Name), "top", quoted(roots[0].Name))
	}
	c.note(ItemStructure, text("finding.evidence.reporting_lines", "top", quoted(roots[0].Name)))
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
			c.add("RP-MRT-03/none", m.Pos, "person", m.Person.Name, "area", m.Area.Name)
		case !m.Deputy.IsActive():
			c.add("RP-MRT-03/left", m.Pos, "person", m.Person.Name, "deputy", m.Deputy.Name)
		}
		if !m.Person.IsActive() {
			c.add("RP-ASG-01/member", m.Pos, "person", m.Person.Name, "date", m.Person.LeftOn)
		}
	}
	for _, a := range c.p.Organisation.Areas {
		if !seen[a] {
			c.add("RP-MRT-02", t.Pos, "area", quoted(a.Name))
		}
	}
	if !senior {
		c.add("RP-MRT-04", t.Pos)
	}
	c.meetings(t)
	c.note(ItemStructure, plural("finding.evidence.review_team", len(t.Members),
		"team", t.Name, "reports_to", t.ReportsTo, "cadence", strings.ToLower(t.Cadence)))
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
			c.addCounting("RP-MRT-05/gap", m.Pos, t.MeetingIntervalMonths, "from", prev.Date, "to", m.Date)
		}
	}
	last := held[len(held)-1]
	if limit := last.Date.AddMonths(t.MeetingIntervalMonths); limit.DaysUntil(c.today) > graceDays {
		c.add("RP-MRT-05/overdue", last.Pos, "last", last.Date, "months", t.MeetingIntervalMonths, "due", limit)
	}
	c.note(ItemReview, plural("finding.evidence.meetings", len(held), "last", last.Date, "minutes", strings.Join(minutes, ", ")))
}

func (c *checker) acknowledgements() {
	version := c.p.Document.Version
	c.ledger()
	holders, acked, carried := 0, 0, 0
	var late []*model.Person
	since, due := c.p.Document.AckSince(), c.p.Document.AckDue()
	for _, st := range Acknowledgements(c.p, c.today, c.opts) {
		person := st.Person
		holders++
		c.acks = append(c.acks, st)
		if !st.State.Counts() {
			c.unacked = append(c.unacked, person)
		}
		if !st.State.Counts() && !due.IsZero() && c.today.After(due) {
			late = append(late, person)
		}
		switch st.State {
		case AckOnRecord:
			acked++
		case AckCarried:
			acked++
			carried++
		case AckStale:
			stale := st.Ledger
			c.add("RP-COMM-01/ledger", seatPos(c.p, person), "person", person.Name, "signed", stale.Version, "date", stale.Time[:10],
				"line", stale.Pos.Line, "version", version, "person_id", person.ID)
		case AckChanged:
			ca := st.Earlier
			c.add("RP-COMM-01/changed", seatPos(c.p, person),
				"person", person.Name, "signed", ca.Version, "changes", changes(ca), "version", version, "person_id", person.ID, "version_toml", quoted(version))
		default:
			c.add("RP-COMM-01/unsigned", seatPos(c.p, person), "person", person.Name, "version", version, "person_id", person.ID, "version_toml", quoted(version))
		}
	}
	if len(late) > 0 {
		at := c.p.Document.KeyPos["effective_date"]
		if c.p.Document.EffectiveDate.IsZero() {
			at = c.p.Document.KeyPos["approval_date"]
		}
		c.addCounting("RP-COMM-02", at, len(late), "version", version, "due", due, "days", c.p.Document.AckDueDays, "since", since, "people", namesAndMore(late))
	}
	c.note(ItemUnderstanding, plural("finding.evidence.acknowledged", holders, "acked", acked, "version", version))
	if carried > 0 {
		c.note(ItemUnderstanding, plural("finding.evidence.carried", carried))
	}
}

// AckState is where a seated person stands with the current version's
// acknowledgement (RP-COMM-01).
type AckState int

const (
	// AckOnRecord: acknowledgements.toml or the ledger holds an
	// acknowledgement of their text as it is now.
	AckOnRecord AckState = iota
	// AckCarried: an acknowledgement of an earlier version whose text is
	// the same (a ledger record, or git history's comparison) counts.
	AckCarried
	// AckStale: the ledger holds their acknowledgement of this version,
	// but of a text that has changed since (Ledger).
	AckStale
	// AckChanged: they acknowledged an earlier version (Earlier), and
	// their duties changed since.
	AckChanged
	// AckMissing: nothing on record.
	AckMissing
)

// Counts reports whether the state satisfies RP-COMM-01.
func (s AckState) Counts() bool { return s == AckOnRecord || s == AckCarried }

// AckStatus is a seated person's acknowledgement of the current version.
type AckStatus struct {
	Person *model.Person
	State  AckState
	// Ledger is the ledger's record that counts (AckOnRecord or
	// AckCarried from the ledger), or the stale one (AckStale); nil else.
	Ledger *model.LedgerAck
	// Earlier is their acknowledgement of an earlier version from git
	// history (AckCarried without Ledger, AckChanged).
	Earlier CarriedAck
}

// Acknowledgements is, for every seated person in the pack's order,
// whether their acknowledgement of the current version is on record as
// RP-COMM-01 counts it: one answer for the checks and for the commands
// that list who must still acknowledge (rolepack acks pending). today is
// the build date: an acknowledgement dated after it has not been signed
// yet (RP-DATE-01) and does not count.
func Acknowledgements(p *model.Pack, today model.Date, opts Options) []AckStatus {
	version := p.Document.Version
	idx, _ := countedLedger(p)
	var out []AckStatus
	for _, person := range p.People {
		if !p.Seated(person) {
			continue
		}
		st := AckStatus{Person: person, State: AckMissing}
		current, stale := idx.of(p, today, person)
		switch a, ok := p.Acknowledged(person, version); {
		case ok && !a.Date.After(today):
			st.State = AckOnRecord
		case current != nil:
			st.State, st.Ledger = AckOnRecord, current
			if current.Version != version {
				st.State = AckCarried
			}
		case stale != nil:
			st.State, st.Ledger = AckStale, stale
		default:
			if ca, ok := opts.Carried[person.ID]; ok && !ca.Date.After(today) {
				st.Earlier = ca
				st.State = AckChanged
				if ca.Carried {
					st.State = AckCarried
				}
			}
		}
		out = append(out, st)
	}
	return out
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
			c.add("RP-DOC-01", d.KeyPos["status"], "missing", text("finding.approval.both"))
		case d.Approver == nil:
			c.add("RP-DOC-01", d.KeyPos["status"], "missing", text("finding.approval.approver"))
		case d.ApprovalDate.IsZero():
			c.add("RP-DOC-01", d.KeyPos["status"], "missing", text("finding.approval.date"))
		}
	}
	if !d.EffectiveDate.IsZero() && !d.ApprovalDate.IsZero() && d.EffectiveDate.Before(d.ApprovalDate) {
		c.add("RP-DOC-02", d.KeyPos["effective_date"], "effective", d.EffectiveDate, "approved", d.ApprovalDate)
	}
	found := false
	for _, r := range c.p.Revisions {
		found = found || r.Version == d.Version
	}
	if !found {
		c.add("RP-DOC-03", d.KeyPos["version"], "version", d.Version)
	}
	c.note(ItemReview, text("finding.evidence.document", "id", d.ID, "version", d.Version,
		"status", documentStatus(d.Status), "revisions", plural("finding.evidence.revisions", len(c.p.Revisions))))

	// Integration: the ISMS processes each have RACI activities.
	for _, proc := range []struct {
		name    Text
		keyword string
	}{
		{text("finding.process.risk"), "risk"}, {text("finding.process.incident"), "incident"}, {text("finding.process.audit"), "audit"},
		{text("finding.process.supplier"), "supplier"}, {text("finding.process.continuity"), "continuity"}, {text("finding.process.change"), "change"},
		{text("finding.process.access"), "access"},
	} {
		n := 0
		for _, a := range c.p.Activities {
			if strings.Contains(strings.ToLower(a.Process), proc.keyword) {
				n++
			}
		}
		if n == 0 {
			// At the last activity of raci.toml, after which the missing
			// process's activities are added.
			at := model.Pos{File: model.RACIFile}
			for _, a := range c.p.Activities {
				if a.Pos.File == model.RACIFile && a.Pos.Line > at.Line {
					at = a.Pos
				}
			}
			c.add("RP-INT-01", at, "process", proc.name)
		} else {
			c.note(ItemIntegration, plural("finding.evidence.process", n, "process", proc.name))
		}
	}
}

// ItemKeyText is the title of checklist item id as a Text (empty for an
// unknown id).
func ItemKeyText(id string) Text {
	if k := ItemKey(id); k != "" {
		return text(k)
	}
	return Text{}
}

// documentStatus is the document's status word as a Text; a status the
// catalogue does not word is printed as the pack writes it.
func documentStatus(status string) any {
	switch status {
	case model.StatusDraft:
		return text("finding.evidence.doc_status.draft")
	case model.StatusApproved:
		return text("finding.evidence.doc_status.approved")
	case model.StatusSuperseded:
		return text("finding.evidence.doc_status.superseded")
	}
	return status
}

// changes is what changed in a person's duties since they signed, as
// RP-COMM-01 words it: in the reader's language when history gave the
// wordings, else in English.
func changes(ca CarriedAck) any {
	if len(ca.ChangedText) == len(ca.Changed) && len(ca.Changed) > 0 {
		return Joined{Sep: "finding.sep.semicolon", Items: ca.ChangedText}
	}
	return strings.Join(ca.Changed, "; ")
}

// evidenced reports whether an item's evidence shows anything: some note
// that is not a count of zero ("0 communication duties"). An item with no
// note at all shows nothing either.
func evidenced(notes []Text) bool {
	for _, n := range notes {
		if !n.Plural || n.Count > 0 {
			return true
		}
	}
	return false
}

// ledgerIndex is the acknowledgement ledger's records that count, by
// person id, in file order.
type ledgerIndex map[string][]*model.LedgerAck

// ledger reports every line of the ledger that does not verify
// (RP-ACK-01) and every record that names what the pack does not have
// (RP-ACK-02).
func (c *checker) ledger() {
	for _, pr := range c.p.LedgerProblems {
		c.add("RP-ACK-01", pr.Pos, "problem", pr.Msg)
	}
	_, refused := countedLedger(c.p)
	for _, a := range refused {
		switch {
		case a.Person == nil:
			c.add("RP-ACK-02/person", a.Pos, "person_id", a.Record.Person)
		case a.Document != c.p.Document.ID:
			c.add("RP-ACK-02/document", a.Pos, "person", a.Person.Name, "document", a.Document, "id", c.p.Document.ID)
		default:
			c.add("RP-ACK-02/language", a.Pos, "person", a.Person.Name, "language", a.Language)
		}
	}
}

// countedLedger indexes the ledger's records that may count, and returns
// apart those that name a person, document or language the pack does not
// have (RP-ACK-02).
func countedLedger(p *model.Pack) (idx ledgerIndex, refused []*model.LedgerAck) {
	idx = ledgerIndex{}
	for _, a := range p.Ledger {
		if a.Person == nil || a.Document != p.Document.ID || !slices.Contains(p.Languages, a.Language) && a.Language != p.Language {
			refused = append(refused, a)
			continue
		}
		idx[a.Person.ID] = append(idx[a.Person.ID], a)
	}
	return idx, refused
}

// of returns the person's last record, dated no later than today, whose
// digest is that of their text now in the language it names (current); or
// else their last such record of the current version whose text has
// changed since (stale).
func (idx ledgerIndex) of(p *model.Pack, today model.Date, person *model.Person) (current, stale *model.LedgerAck) {
	recs := idx[person.ID]
	for i := len(recs) - 1; i >= 0; i-- {
		a := recs[i]
		if d, err := model.ParseDate(a.Time[:10]); err != nil || d.After(today) {
			continue
		}
		digest, ok := p.AckDigestIn(person, a.Language)
		if ok && a.Text == digest {
			return a, nil
		}
		if stale == nil && a.Version == p.Document.Version {
			stale = a
		}
	}
	return nil, stale
}
