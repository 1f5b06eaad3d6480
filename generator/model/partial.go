package model

import (
	"fmt"
	"os"
	"slices"
)

// LoadPartial is Load for `rolepack check`: when every problem of the pack
// is a reference to an id that does not exist (an unknown role, person,
// competence or area), it returns the pack resolved without those
// references, together with the Errors that report them, so that the
// checks can still run on the rest. A pack with any other problem (a
// syntax error, a missing key, a duplicate id …) is returned as Load
// returns it: no pack and every problem.
//
// The partial pack leaves out what a broken reference names: an
// assignment, review-team member, competence record or acknowledgement of
// an unknown person, a requirement or record of an unknown competence, a
// RACI letter or conflict naming an unknown role; an unknown deputy,
// chair, line manager, area, owner, approver, reports_to or
// delegated_from is left empty. It is never built: only the checks read
// it, and a finding it yields may come from what was left out.
func LoadPartial(dir string) (*Pack, Errors, error) {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, nil, fmt.Errorf("%w: %s", ErrNoContent, dir)
	}
	var errs Errors
	files, unreadable := readFiles(dir, &errs)
	p, err := loadFilesMode(dir, files, unreadable, nil, errs, true)
	if p != nil && err != nil {
		return p, err.(Errors), nil
	}
	return p, nil, err
}

// dropUnresolved leaves out of the pack every reference that did not
// resolve (LoadPartial).
func (p *Pack) dropUnresolved() {
	d := &p.Document
	if d.Owner == nil {
		d.OwnerID = ""
	}
	if d.Approver == nil {
		d.ApproverID = ""
	}
	for _, x := range p.People {
		if x.Area == nil {
			x.AreaID = ""
		}
		if x.LineManager == nil {
			x.LineManagerID = ""
		}
	}
	for _, r := range p.Roles {
		if r.ReportsTo == nil {
			r.ReportsToID = ""
		}
		r.ConflictIDs = r.ConflictIDs[:0]
		for _, c := range r.Conflicts {
			r.ConflictIDs = append(r.ConflictIDs, c.ID)
		}
		for _, a := range r.Authorities {
			if a.DelegatedFrom == nil {
				a.DelegatedFromID = ""
			}
		}
		r.Requirements = slices.DeleteFunc(r.Requirements, func(q *Requirement) bool { return q.Competence == nil })
		r.Assignments = slices.DeleteFunc(r.Assignments, func(a *Assignment) bool { return a.Person == nil })
		for _, a := range r.Assignments {
			if a.Deputy == nil {
				a.DeputyID = ""
			}
		}
	}
	for _, a := range p.Activities {
		for letter, roles := range a.Roles {
			ids := []string{}
			for _, r := range roles {
				ids = append(ids, r.ID)
			}
			a.RoleIDs[letter] = ids
		}
		for letter := range a.RoleIDs {
			if len(a.Roles[letter]) == 0 {
				delete(a.RoleIDs, letter)
			}
		}
	}
	p.Records = slices.DeleteFunc(p.Records, func(r *Record) bool { return r.Person == nil || r.Competence == nil })
	p.Acknowledgements = slices.DeleteFunc(p.Acknowledgements, func(a *Acknowledgement) bool { return a.Person == nil })
	if t := p.ReviewTeam; t != nil {
		if t.Chair == nil {
			t.ChairID = ""
		}
		t.Members = slices.DeleteFunc(t.Members, func(m *Member) bool { return m.Person == nil || m.Area == nil })
		for _, m := range t.Members {
			if m.Deputy == nil {
				m.DeputyID = ""
			}
		}
	}
}
