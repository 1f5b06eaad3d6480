// Package leavers works out, for everyone who has left or will leave within
// a notice window, each seat of the pack they leave empty and who would
// step in. It is computed once here: the leavers command prints it, the
// checks report it (RP-LEAVE-01, RP-LEAVE-02) and the view can carry it.
package leavers

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/textsafe"
)

// Seat kinds.
const (
	Holder       = "holder"
	Deputy       = "deputy"
	Member       = "review-team member"
	MemberDeputy = "review-team deputy"
	Chair        = "review-team chair"
	Owner        = "document owner"
	Approver     = "document approver"
	Accountable  = "accountable"
)

// Seat is one place in the pack a leaver occupies.
type Seat struct {
	Kind     string          `json:"kind"`
	Role     *model.Role     `json:"-"`
	Activity *model.Activity `json:"-"`
	Holder   *model.Person   `json:"-"` // for a deputy seat: whom they stand in for
	// StandIn is the deputy who would step in, nil when there is none (or
	// the deputy is leaving too).
	StandIn *model.Person `json:"-"`
	Pos     model.Pos     `json:"-"`
}

// Describe words the seat for a sentence: "holder of “System
// Administrator” (Ann Admin would step in)".
func (s Seat) Describe() string {
	var what string
	switch s.Kind {
	case Holder:
		what = "holder of " + quote(s.Role.Name)
	case Deputy:
		what = "deputy for " + s.Holder.Name + " as " + quote(s.Role.Name)
	case Member:
		what = "a member of the Management Review Team"
	case MemberDeputy:
		what = "deputy for " + s.Holder.Name + " on the Management Review Team"
	case Chair:
		what = "chair of the Management Review Team"
	case Owner:
		what = "the document owner, as holder of " + quote(s.Role.Name)
	case Approver:
		what = "the approver of the document"
	case Accountable:
		what = "the last holder of " + quote(s.Role.Name) + ", accountable for " + quote(s.Activity.Name)
	}
	switch {
	case s.StandIn != nil:
		return what + " (" + s.StandIn.Name + " would step in)"
	case s.Kind == Deputy || s.Kind == MemberDeputy:
		return what + " (the seat keeps its holder but loses its deputy)"
	}
	return what + " (no deputy would step in)"
}

// Leaver is a person who has left or leaves within the window, with the
// seats they leave.
type Leaver struct {
	Person *model.Person
	Date   model.Date // left_on, or leaves_on
	Days   int        // from the report's date to Date; zero or less once passed
	// Future is set for an active person with leaves_on after the date.
	Future bool
	Seats  []Seat
}

// Report is every leaver with seats, in date order, then by name.
type Report struct {
	Date    model.Date
	Within  int
	Leavers []Leaver
}

// Compute reports, as of today, the leavers (status leaver) and the people
// whose leaves_on is on or before today+within, with every seat they are
// still named in. People named nowhere are left out.
func Compute(p *model.Pack, today model.Date, within int) *Report {
	r := &Report{Date: today, Within: within}
	horizon := model.DateOf(today.Time().AddDate(0, 0, within))
	leaving := map[*model.Person]model.Date{}
	for _, x := range p.People {
		switch {
		case !x.IsActive():
			leaving[x] = x.LeftOn
		case !x.LeavesOn.IsZero() && !x.LeavesOn.After(horizon):
			leaving[x] = x.LeavesOn
		}
	}
	gone := func(x *model.Person) bool {
		if x == nil {
			return true
		}
		_, out := leaving[x]
		return out
	}
	standIn := func(x *model.Person) *model.Person {
		if gone(x) {
			return nil
		}
		return x
	}
	seats := map[*model.Person][]Seat{}
	add := func(x *model.Person, s Seat) {
		if gone(x) && x != nil {
			seats[x] = append(seats[x], s)
		}
	}
	for _, role := range p.Roles {
		staying := 0
		for _, a := range role.Assignments {
			if a.Person.IsActive() && !gone(a.Person) {
				staying++
			}
		}
		for _, a := range role.Assignments {
			add(a.Person, Seat{Kind: Holder, Role: role, StandIn: standIn(a.Deputy), Pos: a.Pos})
			if a.Deputy != nil {
				add(a.Deputy, Seat{Kind: Deputy, Role: role, Holder: a.Person, Pos: a.Pos})
			}
			if gone(a.Person) && role == p.Document.Owner {
				add(a.Person, Seat{Kind: Owner, Role: role, StandIn: standIn(a.Deputy), Pos: p.Document.KeyPos["owner"]})
			}
			if gone(a.Person) && a.Person.IsActive() && staying == 0 {
				for _, act := range p.Activities {
					if slices.Contains(act.Roles[model.Accountable], role) {
						add(a.Person, Seat{Kind: Accountable, Role: role, Activity: act, StandIn: standIn(a.Deputy), Pos: act.Pos})
					}
				}
			}
		}
	}
	if t := p.ReviewTeam; t != nil {
		add(t.Chair, Seat{Kind: Chair, Pos: model.Pos{File: model.ReviewTeamFile, Line: 1, Col: 1}})
		for _, m := range t.Members {
			add(m.Person, Seat{Kind: Member, StandIn: standIn(m.Deputy), Pos: m.Pos})
			if m.Deputy != nil {
				add(m.Deputy, Seat{Kind: MemberDeputy, Holder: m.Person, Pos: m.Pos})
			}
		}
	}
	add(p.Document.Approver, Seat{Kind: Approver, Pos: p.Document.KeyPos["approver"]})

	for x, s := range seats {
		d := leaving[x]
		r.Leavers = append(r.Leavers, Leaver{Person: x, Date: d, Days: today.DaysUntil(d), Future: x.IsActive(), Seats: s})
	}
	slices.SortFunc(r.Leavers, func(a, b Leaver) int {
		if c := a.Date.Time().Compare(b.Date.Time()); c != 0 {
			return c
		}
		return strings.Compare(a.Person.Name+a.Person.ID, b.Person.Name+b.Person.ID)
	})
	return r
}

// Text prints the report for a terminal, every value made safe.
func (r *Report) Text(w io.Writer) error {
	if len(r.Leavers) == 0 {
		_, err := fmt.Fprintf(w, "No leaver is named in the pack, and nobody named leaves within %d days of %s.\n", r.Within, r.Date)
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Leavers named in the pack, as of %s, looking %d days ahead:\n", r.Date, r.Within)
	for _, l := range r.Leavers {
		when := fmt.Sprintf("left on %s", l.Date)
		switch {
		case l.Future && l.Days > 0:
			when = fmt.Sprintf("leaves on %s, in %d days", l.Date, l.Days)
		case l.Future:
			when = fmt.Sprintf("leaving date %s has passed, still active in the pack", l.Date)
		}
		fmt.Fprintf(&b, "\n%s (%s): %s\n", textsafe.Line(l.Person.Name), textsafe.Line(l.Person.ID), when)
		for _, s := range l.Seats {
			fmt.Fprintf(&b, "  %s: %s\n", textsafe.Line(s.Pos.String()), textsafe.Line(s.Describe()))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func quote(s string) string { return "“" + s + "”" }
