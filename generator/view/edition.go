package view

import (
	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
)

// Editions of the intranet. The staff edition is what every member of
// staff reads: roles, duties, holders, deputies, the chart, the RACI and
// what each role requires. Competence records are HR data, and the audit's
// findings name people and point into the sources, so a person's held
// levels, gaps and training, and the findings with their fixes and places,
// are left out of it; the clause 5.3 checklist stays, with its evidence and
// the counts of findings behind each item. The ISMS edition, for the ISMS
// manager and auditors (restricted hosting), shows the whole view.
//
// What each reader sees in which output is docs/readers.md.

// Requirement is a competence a person's seat asks for, without what they
// hold: what the staff edition says of a person's competence.
type Requirement struct {
	Competence *model.Competence
	Level      int
	// Role asks for Level (the first of the roles asking for the highest
	// level); Deputising when it is a role the person deputises for.
	Role       *model.Role
	Deputising bool
}

// RoleRequirements is a role's row of the requirement matrix: the level it
// asks of each competence, in the order of Competence.Competences (0 where
// it asks nothing).
type RoleRequirements struct {
	Role   *Role
	Levels []int
}

// requirementsOf is what needs ask, without what is held.
func requirementsOf(needs []model.Need) []Requirement {
	if len(needs) == 0 {
		return nil
	}
	out := make([]Requirement, 0, len(needs))
	for _, n := range needs {
		q := Requirement{Competence: n.Competence, Level: n.Required, Deputising: n.Deputising}
		if len(n.Roles) > 0 {
			q.Role = n.Roles[0]
		}
		out = append(out, q)
	}
	return out
}

// requirementMatrix is what each role asks of each competence: the roles
// that ask anything, in pack order.
func requirementMatrix(roles []*Role, comps []*model.Competence) []RoleRequirements {
	col := make(map[*model.Competence]int, len(comps))
	for i, c := range comps {
		col[c] = i
	}
	var out []RoleRequirements
	for _, r := range roles {
		if len(r.Requirements) == 0 {
			continue
		}
		row := RoleRequirements{Role: r, Levels: make([]int, len(comps))}
		for _, q := range r.Requirements {
			if i, ok := col[q.Competence]; ok {
				row.Levels[i] = max(row.Levels[i], q.Level)
			}
		}
		out = append(out, row)
	}
	return out
}

// countFindings is the number of errors and warnings behind each checklist
// item, by id: the counts an edition without the findings still prints.
func countFindings(items []check.Item) map[string][2]int {
	out := make(map[string][2]int, len(items))
	for _, it := range items {
		var c [2]int
		for _, f := range it.Findings {
			if f.Severity == check.Error {
				c[0]++
			} else {
				c[1]++
			}
		}
		out[it.ID] = c
	}
	return out
}

// ForStaff returns the view as the staff edition shows it: the same facts
// of roles, seats, duties and the checklist, with no person's held level,
// record, gap or training row, and no finding (the checklist keeps its
// evidence and counts). The result shares the unchanged parts with v; v is
// not changed.
func (v *View) ForStaff() *View {
	s := &View{
		Pack: v.Pack, Stamp: v.Stamp, Lang: v.Lang, Words: v.Words,
		Roles: v.Roles, Everyone: v.Everyone, RACI: v.RACI, Chart: v.Chart,
		ReviewTeam: v.ReviewTeam, History: v.History, Staff: true,
		roleOf:   v.roleOf,
		personOf: make(map[*model.Person]*Person, len(v.personOf)),
	}
	staffPerson := func(p *Person) *Person {
		if p == nil {
			return nil
		}
		if c := s.personOf[p.Person]; c != nil {
			return c
		}
		c := *p
		c.Needs, c.Gaps = nil, nil
		s.personOf[p.Person] = &c
		return &c
	}
	for _, p := range v.People {
		s.People = append(s.People, staffPerson(p))
	}
	for _, p := range v.Seated {
		s.Seated = append(s.Seated, staffPerson(p))
	}
	s.Competence = Competence{Competences: v.Competence.Competences, Numbered: v.Competence.Numbered, Required: v.Competence.Required}

	rep := *v.Report
	rep.Findings = []check.Finding{}
	rep.Checklist = withoutFindings(v.Report.Checklist)
	s.Report = &rep
	s.Audit = Audit{SinglePoints: v.Audit.SinglePoints, Checklist: withoutFindings(v.Audit.Checklist), counts: v.Audit.counts}
	return s
}

// withoutFindings is items with each item's findings left out.
func withoutFindings(items []check.Item) []check.Item {
	out := make([]check.Item, len(items))
	for i, it := range items {
		it.Findings = []check.Finding{}
		out[i] = it
	}
	return out
}
