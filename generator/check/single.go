package check

import (
	"slices"

	"github.com/rolepack/rolepack/generator/model"
)

// CriticalAccountable is how many RACI activities a role must be
// Accountable for to count as critical: at three, one absence leaves
// several ISMS activities with no one answering for them.
const CriticalAccountable = 3

// SinglePoints is the single-points-of-failure report: where the loss of
// one person (leaving, illness) would break the ISMS's roles. It is not a
// finding (a small organisation cannot avoid every one) but what the ISMS
// manager plans cover for. Computed once, in Run; every output shows it.
type SinglePoints struct {
	// People hold two or more critical roles (see CriticalRole).
	People []Overload `json:"people"`
	// Roles have one active holder and no active deputy.
	Roles []LoneRole `json:"roles"`
	// Seats of the review team one person's loss would leave empty.
	Seats []LoneSeat `json:"seats"`
}

// Empty reports whether the report has nothing in it.
func (s SinglePoints) Empty() bool { return len(s.People)+len(s.Roles)+len(s.Seats) == 0 }

// Overload is a person holding several critical roles.
type Overload struct {
	Person *model.Person
	Roles  []*model.Role
	// Why gives, for each role, why it is critical, such as "clause 5.3
	// (a)" or "Accountable for 4 activities".
	Why []string
	// WhyText are Why in no language yet, one for each.
	WhyText []Text `json:"-"`
}

// LoneRole is a role one active person holds with no active deputy.
type LoneRole struct {
	Role   *model.Role
	Holder *model.Person
	Pos    model.Pos // the assignment
}

// LoneSeat is a review-team requirement that rests on one person: an area
// whose members and their deputies are one active person (losing them
// breaks RP-MRT-02), or senior leadership held by one member (RP-MRT-04).
type LoneSeat struct {
	Area   *model.Area // nil for senior leadership
	Name   string      // the area's name, or "Senior leadership" (finding.single.senior_leadership in English)
	Person *model.Person
	Rule   string // the rule the loss would break
}

// SharedHolders is how many active holders make a role shared rather than
// one person's: losing one of three or more leaves the others to carry it,
// so such a role (the Senior Leadership Team, line managers) does not count
// as critical however much it is accountable for.
const SharedHolders = 3

// CriticalRole reports whether a role is critical, and why: it carries a
// clause 5.3 duty, is marked critical = true, or is Accountable for at
// least CriticalAccountable activities. Roles held by everyone, and shared
// roles (SharedHolders), are not.
func CriticalRole(p *model.Pack, r *model.Role) (bool, string) {
	ok, why := criticalRole(p, r)
	return ok, why.String()
}

// criticalRole is CriticalRole with why as a Text.
func criticalRole(p *model.Pack, r *model.Role) (bool, Text) {
	if r.HeldByEveryone || len(r.Holders()) >= SharedHolders {
		return false, Text{}
	}
	var why []Text
	switch {
	case r.Conformity && r.Reporting:
		why = append(why, text("finding.single.conformity_and_reporting"))
	case r.Conformity:
		why = append(why, text("finding.single.conformity"))
	case r.Reporting:
		why = append(why, text("finding.single.reporting"))
	}
	if r.Critical {
		why = append(why, text("finding.single.marked_critical"))
	}
	n := 0
	for _, a := range p.Activities {
		if slices.Contains(a.Roles[model.Accountable], r) {
			n++
		}
	}
	if n >= CriticalAccountable {
		why = append(why, plural("finding.single.accountable", n))
	}
	if len(why) == 0 {
		return false, Text{}
	}
	if len(why) == 1 {
		return true, why[0]
	}
	return true, text("finding.single.reasons", "reasons", List{Sep: "finding.sep.semicolon", Items: why})
}

func singlePoints(p *model.Pack) SinglePoints {
	s := SinglePoints{People: []Overload{}, Roles: []LoneRole{}, Seats: []LoneSeat{}}
	why := map[*model.Role]Text{}
	for _, r := range p.Roles {
		if ok, w := criticalRole(p, r); ok {
			why[r] = w
		}
	}
	for _, person := range p.People {
		if !person.IsActive() {
			continue
		}
		var o Overload
		for _, a := range person.Holds {
			if w, ok := why[a.Role]; ok && !slices.Contains(o.Roles, a.Role) {
				o.Roles = append(o.Roles, a.Role)
				o.Why = append(o.Why, w.String())
				o.WhyText = append(o.WhyText, w)
			}
		}
		if len(o.Roles) >= 2 {
			o.Person = person
			s.People = append(s.People, o)
		}
	}
	for _, r := range p.Roles {
		var active []*model.Assignment
		for _, a := range r.Assignments {
			if a.Person.IsActive() {
				active = append(active, a)
			}
		}
		if len(active) == 1 && (active[0].Deputy == nil || !active[0].Deputy.IsActive()) {
			s.Roles = append(s.Roles, LoneRole{Role: r, Holder: active[0].Person, Pos: active[0].Pos})
		}
	}
	if t := p.ReviewTeam; t != nil {
		for _, area := range p.Organisation.Areas {
			var cover []*model.Person
			for _, m := range t.Members {
				if m.Area != area {
					continue
				}
				for _, x := range []*model.Person{m.Person, m.Deputy} {
					if x != nil && x.IsActive() && !slices.Contains(cover, x) {
						cover = append(cover, x)
					}
				}
			}
			if len(cover) == 1 {
				s.Seats = append(s.Seats, LoneSeat{Area: area, Name: area.Name, Person: cover[0], Rule: "RP-MRT-02"})
			}
		}
		var senior []*model.Person
		for _, m := range t.Members {
			if m.Senior && m.Person.IsActive() && !slices.Contains(senior, m.Person) {
				senior = append(senior, m.Person)
			}
		}
		if len(senior) == 1 {
			s.Seats = append(s.Seats, LoneSeat{Name: text("finding.single.senior_leadership").String(), Person: senior[0], Rule: "RP-MRT-04"})
		}
	}
	model.SortByPerson(p.Language, s.People, func(o Overload) *model.Person { return o.Person })
	return s
}

// SinglePointLine is one entry of the report in words, as every output
// prints it.
type SinglePointLine struct {
	Person string // the person whose loss it is about
	What   string // what rests on them, in English
	// WhatText is What in no language yet (view.SinglePointLines).
	WhatText Text
}

// Lines returns the report in words: the people holding several critical
// roles, the roles with no cover, the review-team seats resting on one
// person.
func (s SinglePoints) Lines() []SinglePointLine {
	var out []SinglePointLine
	for _, o := range s.People {
		var roles []Text
		for i, r := range o.Roles {
			if i < len(o.WhyText) && o.WhyText[i].Key != "" {
				roles = append(roles, text("finding.single.critical_role", "role", r.Name, "why", o.WhyText[i]))
			} else {
				roles = append(roles, text("finding.single.role", "role", r.Name))
			}
		}
		out = append(out, line(o.Person.Name, plural("finding.single.critical_roles", len(o.Roles), "roles", List{Sep: "finding.sep.list", Items: roles})))
	}
	for _, l := range s.Roles {
		out = append(out, line(l.Holder.Name, text("finding.single.lone_role", "role", quoted(l.Role.Name))))
	}
	for _, st := range s.Seats {
		what := text("finding.single.lone_area", "area", st.Name, "rule", st.Rule)
		if st.Area == nil {
			what = text("finding.single.lone_senior", "rule", st.Rule)
		}
		out = append(out, line(st.Person.Name, what))
	}
	return out
}

func line(person string, what Text) SinglePointLine {
	return SinglePointLine{Person: person, What: what.String(), WhatText: what}
}
