package model

import (
	"slices"
	"sort"
)

// Need is a competence a person needs because of the roles they hold: the
// highest level any of those roles requires, and the roles asking for it.
type Need struct {
	Competence *Competence
	Required   int
	Held       int     // 0 when there is no record
	Record     *Record // the best record, or nil
	// Roles requiring it; the first asks for the Required level.
	Roles []*Role
	// Deputising is set when that first role is one the person deputises
	// for rather than holds.
	Deputising bool
}

// Gap reports whether the person holds less than required.
func (n Need) Gap() bool { return n.Held < n.Required }

// Seated reports whether an active person has a seat that rolepack asks
// something of: they hold or deputise for a named role, or sit on (or
// deputise on, or chair) the Management Review Team. Seated people sign an
// acknowledgement of each version, and they are the population of the
// competence matrix and the training plan: one rule for every output and
// check.
func (p *Pack) Seated(person *Person) bool {
	if person == nil || !person.IsActive() {
		return false
	}
	if len(person.Holds) > 0 || len(person.Deputises) > 0 {
		return true
	}
	if t := p.ReviewTeam; t != nil {
		if t.Chair == person {
			return true
		}
		for _, m := range t.Members {
			if m.Person == person || m.Deputy == person {
				return true
			}
		}
	}
	return false
}

// Tracked reports whether rolepack tracks a person's competence: an active
// person who is seated (see Seated), or whom a role held by everyone asks
// for a competence. Tracked people are the rows of the competence matrix,
// and each of their gaps is a row of the training plan: one population for
// the plan, the matrix, the checklist's counts and the checks.
func (p *Pack) Tracked(person *Person) bool {
	if person == nil || !person.IsActive() {
		return false
	}
	return p.Seated(person) || AskEveryone(p.everyoneRoles())
}

// AskEveryone reports whether any of the roles held by everyone asks for
// a competence: then every active person is tracked (see Tracked).
func AskEveryone(everyone []*Role) bool {
	for _, r := range everyone {
		if r.HeldByEveryone && len(r.Requirements) > 0 {
			return true
		}
	}
	return false
}

// Needs returns, for an active person, every competence the roles they
// hold require, in catalogue order, counting the roles held by everyone.
// What the roles they deputise for require is DeputyNeeds.
func (p *Pack) Needs(person *Person) []Need {
	if !person.IsActive() {
		return nil
	}
	var deputised []*Role
	roles := slices.Clip(p.everyoneRoles())
	for _, a := range person.Holds {
		roles = append(roles, a.Role)
	}
	return p.needs(person, roles, deputised)
}

// DeputyNeeds returns the competences the roles a person deputises for
// require (a deputy stands in, so needs what the holder needs), with what
// they hold, in catalogue order.
func (p *Pack) DeputyNeeds(person *Person) []Need {
	if !person.IsActive() {
		return nil
	}
	var deputised []*Role
	for _, a := range person.Deputises {
		deputised = append(deputised, a.Role)
	}
	return p.needs(person, nil, deputised)
}

func (p *Pack) needs(person *Person, roles, deputised []*Role) []Need {
	byComp := map[*Competence]*Need{}
	add := func(r *Role, deputy bool) {
		for _, q := range r.Requirements {
			n := byComp[q.Competence]
			if n == nil {
				n = &Need{Competence: q.Competence}
				byComp[q.Competence] = n
			}
			if q.Level > n.Required {
				n.Required = q.Level
				// The first role asking for the highest level is the one
				// a gap is reported against.
				n.Roles = append([]*Role{r}, n.Roles...)
				n.Deputising = deputy
			} else {
				n.Roles = append(n.Roles, r)
			}
		}
	}
	for _, r := range roles {
		add(r, false)
	}
	for _, r := range deputised {
		add(r, true)
	}
	if len(byComp) == 0 {
		return nil
	}
	for _, rec := range p.records(person) {
		if n := byComp[rec.Competence]; n != nil && (n.Record == nil || rec.Level > n.Held) {
			n.Held, n.Record = rec.Level, rec
		}
	}
	out := make([]Need, 0, len(byComp))
	for _, n := range byComp {
		out = append(out, *n)
	}
	order := p.competenceOrder()
	sort.Slice(out, func(i, j int) bool { return order[out[i].Competence] < order[out[j].Competence] })
	return out
}

// Held returns the person's highest recorded level of c, and the record.
func (p *Pack) Held(person *Person, c *Competence) (int, *Record) {
	best, lvl := (*Record)(nil), 0
	for _, rec := range p.records(person) {
		if rec.Competence == c && (best == nil || rec.Level > lvl) {
			best, lvl = rec, rec.Level
		}
	}
	return lvl, best
}

func (p *Pack) records(person *Person) []*Record { return p.recordsOf[person] }

// RecordsOf returns the person's competence records, in source order.
func (p *Pack) RecordsOf(person *Person) []*Record { return p.recordsOf[person] }

// everyoneRoles returns the roles held by everyone, in pack order.
func (p *Pack) everyoneRoles() []*Role {
	if p.everyone != nil {
		return p.everyone
	}
	var out []*Role
	for _, r := range p.Roles {
		if r.HeldByEveryone {
			out = append(out, r)
		}
	}
	return out
}

// competenceOrder maps each competence to its place in the catalogue.
func (p *Pack) competenceOrder() map[*Competence]int {
	if p.compOrder != nil {
		return p.compOrder
	}
	m := make(map[*Competence]int, len(p.Competences))
	for i, c := range p.Competences {
		m[c] = i
	}
	return m
}

// TrainingItem is one row of the training plan: a tracked person (see
// Tracked) below the level one of their seats, or a role held by
// everyone, requires; who arranges the training and by when.
type TrainingItem struct {
	Person     *Person
	Role       *Role // the role asking for the level (held or deputised for)
	Deputising bool  // Role is one the person deputises for
	Competence *Competence
	Required   int
	Held       int
	Record     *Record // the best held record, nil when there is none

	// Owner arranges the training: the person's line manager when they
	// have an active one, else the role's owner (see RoleOwner); nil when
	// neither exists. OwnerBasis says which: OwnerLineManager, or
	// OwnerRoleHolder (the holder of the role Role reports to). The
	// outputs word the suggested action, the owner and the due date in
	// their language (generator/view/modeltext.go).
	Owner      *Person
	OwnerBasis string
	// Due is training_due_days after the later of the requirement's
	// added_on and when the person took the seat: the appointment for a
	// held role; for a role held by everyone, the person's started_on when
	// known, else the document's effective date (else its approval date).
	// Zero when none is known.
	Due Date
	// Planned is a planned or booked [[record]] of the competence for the
	// person (status = "planned"), which puts the row in progress.
	Planned *Record
}

// TrainingOverdue reports whether a training plan row is past its due date
// on today: the one rule the check (RP-COMP-02) and every output's
// "overdue" follow. A row without a due date is never overdue.
func TrainingOverdue(t TrainingItem, today Date) bool {
	return !t.Due.IsZero() && t.Due.Before(today)
}

// Why Owner arranges a training plan's row (TrainingItem.OwnerBasis).
const (
	OwnerLineManager = "line_manager"
	OwnerRoleHolder  = "role_holder"
)

// Status is "planned" when training is planned or booked, else "open".
func (t TrainingItem) Status() string {
	if t.Planned != nil {
		return RecordPlanned
	}
	return "open"
}

// TrainingPlan returns one item per competence gap of a tracked person
// (see Tracked) — against the roles they hold and the roles held by
// everyone — sorted by person name then competence order. It is the
// single source of the gaps every output and check shows.
func (p *Pack) TrainingPlan() []TrainingItem {
	var plan []TrainingItem
	for _, person := range p.People {
		if !p.Tracked(person) {
			continue
		}
		for _, n := range p.Needs(person) {
			if !n.Gap() {
				continue
			}
			it := TrainingItem{
				Person: person, Role: n.Roles[0], Deputising: n.Deputising, Competence: n.Competence,
				Required: n.Required, Held: n.Held, Record: n.Record,
			}
			it.Owner, it.OwnerBasis = p.trainingOwner(person, it.Role)
			it.Due = p.trainingDue(person, it.Role, n.Competence)
			for _, rec := range p.plannedOf[person] {
				if rec.Competence == n.Competence && rec.Level >= n.Required {
					it.Planned = rec
					break
				}
			}
			plan = append(plan, it)
		}
	}
	SortByPerson(p.Language, plan, func(it TrainingItem) *Person { return it.Person })
	return plan
}

// PlannedOf returns the person's planned or booked training records.
func (p *Pack) PlannedOf(person *Person) []*Record { return p.plannedOf[person] }

// RoleOwner returns who owns a role, for the things a role needs arranged:
// the first active holder of the role it reports to, or nil at the top of
// the reporting lines or when that role is vacant.
func (p *Pack) RoleOwner(r *Role) *Person {
	if r == nil || r.ReportsTo == nil {
		return nil
	}
	if hs := r.ReportsTo.Holders(); len(hs) > 0 {
		return hs[0]
	}
	return nil
}

func (p *Pack) trainingOwner(person *Person, r *Role) (*Person, string) {
	if m := person.LineManager; m != nil && m.IsActive() && m != person {
		return m, OwnerLineManager
	}
	if o := p.RoleOwner(r); o != nil && o != person {
		return o, OwnerRoleHolder
	}
	return nil, ""
}

func (p *Pack) trainingDue(person *Person, r *Role, c *Competence) Date {
	var from Date
	for _, a := range person.Holds {
		if a.Role == r {
			from = a.AppointedOn
		}
	}
	if from.IsZero() && r.HeldByEveryone {
		from = person.StartedOn
	}
	if from.IsZero() {
		from = p.Document.EffectiveDate
	}
	if from.IsZero() {
		from = p.Document.ApprovalDate
	}
	for _, q := range r.Requirements {
		if q.Competence == c && q.AddedOn.After(from) {
			from = q.AddedOn
		}
	}
	if from.IsZero() {
		return Date{}
	}
	return from.AddDays(p.TrainingDueDays)
}

// LevelName returns "n Name" for a level on the scale, or the number alone.
func (p *Pack) LevelName(level int) string {
	for _, l := range p.Scale {
		if l.Level == level {
			return itoa(level) + " " + l.Name
		}
	}
	return itoa(level)
}
