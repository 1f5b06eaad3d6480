// Package view computes, once per build, what every output shows of a pack:
// the RACI grid, who holds and deputises for each role, each person's
// duties, the competence matrix and the training plan drawn from the same
// people, the reporting-line chart as an abstract layout, and the audit
// findings in reading order.
//
// Renderers format a View; they decide nothing. When two outputs state a
// fact (a RACI letter, a holder, a gap) they state it from the same field
// here, so they cannot disagree.
package view

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/history"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
)

// View is what every output shows of one pack at one stamp.
type View struct {
	Pack   *model.Pack
	Stamp  stamp.Stamp
	Report *check.Report

	// Lang is the language the outputs are written in: the pack's
	// language, or one of its translations. People sort by its collation.
	Lang string
	// Words are the outputs' fixed words in Lang (generator/messages):
	// every heading, label, sentence, date and number an output prints
	// that is not the pack's own text comes from here.
	Words *messages.Catalogue

	// Roles in pack order (the order of the document's role sections and
	// of the RACI columns).
	Roles []*Role
	// Everyone lists the roles held by everyone in the organisation.
	Everyone []*model.Role
	// People are the active people, sorted by name (see Collate).
	People []*Person
	// Seated are the people of People who hold or deputise for a named
	// role or sit on the Management Review Team: they sign an
	// acknowledgement sheet. The competence matrix's rows are wider: the
	// tracked people (Competence.Rows, model.Pack.Tracked).
	Seated []*Person

	RACI       RACI
	Competence Competence
	Chart      Chart
	Audit      Audit
	ReviewTeam *ReviewTeam // nil when the pack has none
	// History is what the sources' git history says; never nil (empty
	// without git_refs).
	History *history.History
	// Staff is set in the staff edition's view (ForStaff), which holds no
	// person's competence records, gaps or training, and no findings.
	Staff bool

	roleOf   map[*model.Role]*Role
	personOf map[*model.Person]*Person
	memo     memo
}

// Option adds to a view what the pack alone does not say.
type Option func(*View)

// WithHistory adds what the sources' git history says (generator/history):
// what changed in each version, the roles the current version changed, and
// whose earlier acknowledgement carries forward.
func WithHistory(h *history.History) Option {
	return func(v *View) { v.History = h }
}

// WithWords sets the language of the outputs and their fixed words (a
// catalogue messages.Load returned). Without it the view is in the
// language of the pack's text (a Translated pack's, else the pack's own)
// with rolepack's own catalogue of it, or English's.
func WithWords(c *messages.Catalogue) Option {
	return func(v *View) { v.Words, v.Lang = c, c.Lang() }
}

// New computes the view of p. rep may be nil (no checks were run).
func New(p *model.Pack, st stamp.Stamp, rep *check.Report, opts ...Option) *View {
	if rep == nil {
		rep = &check.Report{Findings: []check.Finding{}}
	}
	v := &View{
		Pack: p, Stamp: st, Report: rep,
		roleOf:   make(map[*model.Role]*Role, len(p.Roles)),
		personOf: make(map[*model.Person]*Person, len(p.People)),
	}
	for _, o := range opts {
		o(v)
	}
	if v.History == nil {
		v.History = &history.History{}
	}
	if v.Words == nil {
		v.Words = messages.Builtin(cmp.Or(p.TextLanguage, p.Language))
		v.Lang = v.Words.Lang()
	}
	v.RACI = newRACI(p)
	for i, r := range p.Roles {
		rv := newRole(i+1, r, v.RACI.duties[r])
		rv.words = v.Words
		if v.History.ChangedRoles[r.ID] {
			rv.ChangedIn = p.Document.Version
		}
		v.Roles = append(v.Roles, rv)
		v.roleOf[r] = rv
		if r.HeldByEveryone {
			v.Everyone = append(v.Everyone, r)
		}
	}
	v.people()
	// The tracked people (model.Pack.Tracked), by the view's seats.
	var tracked []*Person
	everyone := model.AskEveryone(v.Everyone)
	for _, pv := range v.People {
		if pv.Seated() || everyone {
			tracked = append(tracked, pv)
		}
	}
	v.Competence = newCompetence(p, tracked)
	v.Competence.Required = requirementMatrix(v.Roles, v.Competence.Competences)
	for _, pv := range v.People {
		pv.Requires = requirementsOf(pv.Needs)
	}
	for _, g := range v.Competence.Plan {
		pv := v.personOf[g.Person]
		pv.Gaps = append(pv.Gaps, g)
	}
	v.Chart = newChart(p, v.roleOf)
	v.Audit = newAudit(rep)
	v.ReviewTeam = newReviewTeam(p, v.Lang)
	return v
}

// Role returns the view of a role of the pack, or nil.
func (v *View) Role(r *model.Role) *Role { return v.roleOf[r] }

// Person returns the view of an active person of the pack, or nil.
func (v *View) Person(p *model.Person) *Person { return v.personOf[p] }

// Role is a role with who holds it and what it takes part in.
type Role struct {
	*model.Role
	// Number is the role's place in pack order, from 1: its section
	// number in the document.
	Number int
	// Seats are the role's assignments to active people, in source order.
	Seats []Seat
	// Former are its assignments to people who have left, which the
	// checks report; outputs show them struck through or marked "left".
	Former []Seat
	// Deputies are the distinct active deputies of its seats.
	Deputies []*model.Person
	// Duties are the RACI activities the role takes part in, in activity
	// order, with its letters.
	Duties []Duty
	// Chain runs from the top of the reporting lines down to the role it
	// reports to (empty for a top role).
	Chain []*model.Role
	// ChangedIn is the current version when it changed this role (its
	// text, holders or RACI letters) since the previous version, as read
	// from git (a revision's git_ref); "" when unchanged or unknown.
	ChangedIn string

	words *messages.Catalogue // the view's Words, for the sentences of words.go
}

// Seat is one appointment of a person to a role.
type Seat struct {
	Role       *model.Role
	Person     *model.Person
	Assignment *model.Assignment
	// Deputy is the seat's deputy, or nil. It may have left: see
	// DeputyActive.
	Deputy       *model.Person
	DeputyActive bool
}

// Holders returns the people holding the role, in seat order.
func (r *Role) Holders() []*model.Person {
	out := make([]*model.Person, len(r.Seats))
	for i, s := range r.Seats {
		out[i] = s.Person
	}
	return out
}

// Vacant reports whether a named role has no active holder.
func (r *Role) Vacant() bool { return !r.HeldByEveryone && len(r.Seats) == 0 }

// HolderCount says in words how many people hold the role: "everyone",
// "vacant", "1 holder", "3 holders" (in the view's language).
func (r *Role) HolderCount() string {
	w := r.catalogue()
	switch {
	case r.HeldByEveryone:
		return w.Text("document.chart.everyone")
	case len(r.Seats) == 0:
		return w.Text("document.chart.vacant")
	}
	return w.Plural("common.holders", len(r.Seats))
}

// HolderSummary names the holder when there is one, and otherwise says
// how many there are (see HolderCount): the line under a chart box.
func (r *Role) HolderSummary() string {
	if !r.HeldByEveryone && len(r.Seats) == 1 {
		return r.Seats[0].Person.Name
	}
	return r.HolderCount()
}

// Duty is an activity and the letters someone has in it.
type Duty struct {
	Activity *model.Activity
	Letters  string // canonical order, each letter once: "RA"
}

func newRole(n int, r *model.Role, duties []Duty) *Role {
	rv := &Role{Role: r, Number: n, Duties: duties}
	seen := map[*model.Person]bool{}
	for _, a := range r.Assignments {
		if a.Person == nil {
			continue
		}
		s := Seat{Role: r, Person: a.Person, Assignment: a, Deputy: a.Deputy, DeputyActive: a.Deputy != nil && a.Deputy.IsActive()}
		if !a.Person.IsActive() {
			rv.Former = append(rv.Former, s)
			continue
		}
		rv.Seats = append(rv.Seats, s)
		if s.DeputyActive && !seen[a.Deputy] {
			seen[a.Deputy] = true
			rv.Deputies = append(rv.Deputies, a.Deputy)
		}
	}
	for m := r.ReportsTo; m != nil; m = m.ReportsTo {
		rv.Chain = append(rv.Chain, m)
		if len(rv.Chain) > 1000 { // the loader refuses cycles; never loop
			break
		}
	}
	slices.Reverse(rv.Chain)
	return rv
}

// Person is an active person with every seat they have and what it asks
// of them.
type Person struct {
	*model.Person
	// Holds are their seats, in pack order of the roles.
	Holds []Seat
	// Deputises are the seats of others they stand in for, in pack order.
	Deputises []Seat
	// Review is their seat on the Management Review Team, or nil.
	Review *model.Member
	// ReviewDeputyFor are the review-team members they deputise for.
	ReviewDeputyFor []*model.Member
	// Chair reports whether they chair the Management Review Team.
	Chair bool
	// Duties are their RACI letters from the named roles they hold, one row
	// per activity, in activity order (the duties of the roles held by
	// everyone are on those roles' pages; see View.Everyone).
	Duties []Duty
	// MustAcknowledge is set for seated people: they sign the
	// acknowledgement of the current version.
	MustAcknowledge bool
	// Ack is their acknowledgement of the current version, or nil.
	Ack *model.Acknowledgement
	// Ledger is, when Ack is nil, the record of the acknowledgement ledger
	// RP-COMM-01 counts for them (their text unchanged since, whatever
	// version it names), or their record of the current version whose
	// text has changed since (LedgerStale); nil when the ledger has
	// neither (check.Report.Acks).
	Ledger      *model.LedgerAck
	LedgerStale bool
	// Earlier is their latest acknowledgement of an earlier version whose
	// sources git could read, with what changed in their duties since; nil
	// when there is none. When Earlier.Carried, it counts for the current
	// version.
	Earlier *history.Carry
	// Needs are the competences their seats require (including the roles
	// they deputise for and the roles held by everyone), with what they
	// hold.
	Needs []model.Need
	// Gaps are their rows of the training plan.
	Gaps []model.TrainingItem
	// Requires is what Needs ask, without what they hold: all the staff
	// edition says of their competence (ForStaff).
	Requires []Requirement
	// Files are the files of their folder (their brief and letters) for a
	// seated person, nil for anyone else.
	Files *PersonFiles

	team  string              // the review team's name, for ReviewSeatNames
	words *messages.Catalogue // the view's Words, for the sentences of words.go
}

// Seated reports whether the person holds or deputises for a named role
// or has a seat on the Management Review Team.
func (p *Person) Seated() bool {
	return len(p.Holds) > 0 || len(p.Deputises) > 0 || p.Review != nil || len(p.ReviewDeputyFor) > 0 || p.Chair
}

// Acknowledged reports whether a person who must acknowledge has done so,
// for this version or by an earlier acknowledgement that carries forward.
func (p *Person) Acknowledged() bool {
	return p.Ack != nil || p.Ledger != nil && !p.LedgerStale || p.Earlier != nil && p.Earlier.Carried
}

func (v *View) people() {
	p := v.Pack
	roleOrder := make(map[*model.Role]int, len(p.Roles))
	for i, r := range p.Roles {
		roleOrder[r] = i
	}
	for _, person := range p.People {
		if !person.IsActive() {
			continue
		}
		pv := &Person{Person: person, words: v.Words}
		v.personOf[person] = pv
		v.People = append(v.People, pv)
	}
	for _, rv := range v.Roles {
		for _, s := range rv.Seats {
			v.personOf[s.Person].Holds = append(v.personOf[s.Person].Holds, s)
			if s.DeputyActive {
				d := v.personOf[s.Deputy]
				d.Deputises = append(d.Deputises, s)
			}
		}
	}
	if t := p.ReviewTeam; t != nil {
		for _, m := range t.Members {
			if pv := v.personOf[m.Person]; pv != nil && pv.Review == nil {
				pv.Review = m
			}
			if pv := v.personOf[m.Deputy]; pv != nil && !slices.Contains(pv.ReviewDeputyFor, m) {
				pv.ReviewDeputyFor = append(pv.ReviewDeputyFor, m)
			}
		}
		if pv := v.personOf[t.Chair]; pv != nil {
			pv.Chair = true
		}
		for _, pv := range v.People {
			pv.team = t.Name
		}
	}
	version := p.Document.Version
	ledger := map[*model.Person]check.AckStatus{}
	for _, st := range v.Report.Acks {
		if st.Ledger != nil {
			ledger[st.Person] = st
		}
	}
	for _, pv := range v.People {
		pv.Duties = v.RACI.personDuties(pv.Holds)
		pv.MustAcknowledge = pv.Seated()
		if pv.MustAcknowledge {
			pv.Files = personFiles(pv)
			if a, ok := p.Acknowledged(pv.Person, version); ok {
				pv.Ack = &a
			} else if st, ok := ledger[pv.Person]; ok {
				pv.Ledger, pv.LedgerStale = st.Ledger, !st.State.Counts()
			} else if c, ok := v.History.Acks[pv.ID]; ok {
				pv.Earlier = &c
			}
		}
		pv.Needs = p.Needs(pv.Person)
	}
	model.SortByPerson(v.Lang, v.People, func(pv *Person) *model.Person { return pv.Person })
	for _, pv := range v.People {
		if pv.MustAcknowledge {
			v.Seated = append(v.Seated, pv)
		}
	}
}

// ReviewTeam is the Management Review Team with its members in name order.
type ReviewTeam struct {
	*model.ReviewTeam
	Members []*model.Member
}

func newReviewTeam(p *model.Pack, lang string) *ReviewTeam {
	if p.ReviewTeam == nil {
		return nil
	}
	t := &ReviewTeam{ReviewTeam: p.ReviewTeam, Members: slices.Clone(p.ReviewTeam.Members)}
	model.SortByPerson(lang, t.Members, func(m *model.Member) *model.Person { return m.Person })
	return t
}

// SeatArea is the area a review-team seat represents as every output
// shows it: its name, and, for a member not of the area, the agreement
// under which they represent it, so the seat says why.
func (v *View) SeatArea(m *model.Member) string {
	if m.Area == nil {
		return ""
	}
	if m.Agreement == "" {
		return m.Area.Name
	}
	return v.Words.Text("document.review_team.by_agreement", "area", m.Area.Name, "record", m.Agreement)
}

// Audit is the check report in reading order.
type Audit struct {
	// Findings are sorted by severity (errors first), then file and line,
	// so the one error is not lost among warnings.
	Findings []check.Finding
	// SinglePoints is the report's single-points-of-failure report, as
	// check computed it; renderers show it in their audit section.
	SinglePoints check.SinglePoints
	// Checklist is the report's clause 5.3 checklist, each item with the
	// findings behind it (see ChecklistFindings), in the report's order.
	Checklist []check.Item

	counts map[string][2]int // errors and warnings by item id (FindingCounts)
}

// ItemTitle is the title of the checklist item a finding counts against,
// or its id when the checklist has no such item.
func (a *Audit) ItemTitle(id string) string {
	for _, it := range a.Checklist {
		if it.ID == id {
			return it.Title
		}
	}
	return id
}

// ChecklistFindings are the findings behind a checklist item: those the
// item lists, or, when it lists none, the report's findings that name the
// item (a report may list each finding once, by item id), in reading
// order. Every output counts and lists an item's findings by this rule.
func ChecklistFindings(it check.Item, findings []check.Finding) []check.Finding {
	if len(it.Findings) > 0 {
		return it.Findings
	}
	out := []check.Finding{}
	for _, f := range findings {
		if f.Item == it.ID {
			out = append(out, f)
		}
	}
	return out
}

func newAudit(rep *check.Report) Audit {
	fs := slices.Clone(rep.Findings)
	rank := func(s check.Severity) int {
		if s == check.Error {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(fs, func(a, b check.Finding) int {
		return cmp.Or(cmp.Compare(rank(a.Severity), rank(b.Severity)),
			cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Rule, b.Rule))
	})
	a := Audit{Findings: fs, SinglePoints: rep.SinglePoints}
	for _, it := range rep.Checklist {
		it.Findings = ChecklistFindings(it, fs)
		a.Checklist = append(a.Checklist, it)
	}
	a.counts = countFindings(rep.Checklist)
	return a
}

func itoa(n int) string { return strconv.Itoa(n) }
