package model

import "sort"

// Need is a competence a person needs because of the roles they hold: the
// highest level any of those roles requires, and the roles asking for it.
type Need struct {
	Competence *Competence
	Required   int
	Held       int     // 0 when there is no record
	Record     *Record // the best record, or nil
	Roles      []*Role // roles requiring it, in pack order
}

// Gap reports whether the person holds less than required.
func (n Need) Gap() bool { return n.Held < n.Required }

// Needs returns, for an active person, every competence their roles require,
// in catalogue order. Roles held by everyone count for everyone.
func (p *Pack) Needs(person *Person) []Need {
	if !person.IsActive() {
		return nil
	}
	byComp := map[*Competence]*Need{}
	add := func(r *Role) {
		for _, q := range r.Requirements {
			n := byComp[q.Competence]
			if n == nil {
				n = &Need{Competence: q.Competence}
				byComp[q.Competence] = n
			}
			n.Required = max(n.Required, q.Level)
			n.Roles = append(n.Roles, r)
		}
	}
	for _, r := range p.Roles {
		if r.HeldByEveryone {
			add(r)
		}
	}
	for _, a := range person.Holds {
		add(a.Role)
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

func (p *Pack) competenceOrder() map[*Competence]int {
	m := make(map[*Competence]int, len(p.Competences))
	for i, c := range p.Competences {
		m[c] = i
	}
	return m
}

// TrainingItem is one row of the training plan: a person below the level a
// role requires.
type TrainingItem struct {
	Person     *Person
	Role       *Role // the first role (in pack order) requiring the level
	Competence *Competence
	Required   int
	Held       int
	Action     string
}

// TrainingPlan returns one item per competence gap of an active role holder,
// sorted by person name then competence order. It is the single source of
// the gaps every output and check shows.
func (p *Pack) TrainingPlan() []TrainingItem {
	var plan []TrainingItem
	for _, person := range p.People {
		if !person.IsActive() || (len(person.Holds) == 0 && !p.hasEveryoneRequirements()) {
			continue
		}
		for _, n := range p.Needs(person) {
			if !n.Gap() {
				continue
			}
			plan = append(plan, TrainingItem{
				Person: person, Role: n.Roles[0], Competence: n.Competence,
				Required: n.Required, Held: n.Held, Action: p.suggestAction(n),
			})
		}
	}
	sort.SliceStable(plan, func(i, j int) bool { return plan[i].Person.Name < plan[j].Person.Name })
	return plan
}

func (p *Pack) hasEveryoneRequirements() bool {
	for _, r := range p.Roles {
		if r.HeldByEveryone && len(r.Requirements) > 0 {
			return true
		}
	}
	return false
}

// suggestAction proposes how to close a gap, by the kind of competence.
func (p *Pack) suggestAction(n Need) string {
	lvl := p.LevelName(n.Required)
	switch n.Competence.Kind {
	case "certification":
		return "Obtain the " + n.Competence.Name + " certification"
	case "training":
		return "Complete " + n.Competence.Name + " training to level " + lvl
	case "education":
		return "Record the qualification, or agree an equivalent with HR"
	case "experience":
		return "Gain supervised experience to level " + lvl + " (mentoring or shadowing)"
	}
	return "Develop " + n.Competence.Name + " to level " + lvl + " (training or coaching)"
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
