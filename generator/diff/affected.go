package diff

import (
	"fmt"
	"strings"

	"github.com/rolepack/rolepack/generator/model"
)

// letterWords names the letters for sentences: "gains Accountable".
var letterWords = model.LetterNames

// affected lists, for every person of either pack, what changed in their
// own duties: seats gained or lost, and changes to the roles they hold or
// deputise for (their lines, limits, requirements and RACI letters).
func (c *Changes) affected(old, new *model.Pack) {
	byRole := map[string]*RoleChange{}
	for i := range c.Roles {
		byRole[c.Roles[i].ID] = &c.Roles[i]
	}
	lettersOf := map[string][]LetterChange{}
	for _, l := range c.RACI {
		lettersOf[l.Role] = append(lettersOf[l.Role], l)
	}
	seen := map[string]bool{}
	var ids []string
	for _, p := range new.People {
		ids = append(ids, p.ID)
		seen[p.ID] = true
	}
	for _, p := range old.People {
		if !seen[p.ID] {
			ids = append(ids, p.ID)
		}
	}
	for _, id := range ids {
		what := personChanges(old, new, id, byRole, lettersOf)
		if len(what) == 0 {
			continue
		}
		name := id
		if p := new.Person(id); p != nil {
			name = p.Name
		} else if p := old.Person(id); p != nil {
			name = p.Name
		}
		c.Affected = append(c.Affected, Affected{Person: id, Name: name, What: what})
	}
}

// seatsOf returns the roles a person holds and deputises for (active
// seats only), by role id.
func seatsOf(p *model.Pack, id string) (holds, deputises map[string]*model.Role) {
	holds, deputises = map[string]*model.Role{}, map[string]*model.Role{}
	person := p.Person(id)
	if person == nil || !person.IsActive() {
		return
	}
	for _, a := range person.Holds {
		holds[a.Role.ID] = a.Role
	}
	for _, a := range person.Deputises {
		if a.Person != nil && a.Person.IsActive() {
			deputises[a.Role.ID] = a.Role
		}
	}
	return
}

func personChanges(old, new *model.Pack, id string, byRole map[string]*RoleChange, lettersOf map[string][]LetterChange) []string {
	oh, od := seatsOf(old, id)
	nh, nd := seatsOf(new, id)
	var what []string
	for _, r := range new.Roles {
		if nh[r.ID] != nil && oh[r.ID] == nil {
			what = append(what, "appointed "+r.Name)
		}
		if nd[r.ID] != nil && od[r.ID] == nil {
			what = append(what, "now deputy for "+r.Name)
		}
	}
	for _, r := range old.Roles {
		if oh[r.ID] != nil && nh[r.ID] == nil {
			what = append(what, "no longer "+r.Name)
		}
		if od[r.ID] != nil && nd[r.ID] == nil {
			what = append(what, "no longer deputy for "+r.Name)
		}
	}
	// Changes inside the roles they keep holding or deputising for.
	for _, r := range new.Roles {
		_, holds := nh[r.ID]
		_, deputy := nd[r.ID]
		if !holds && !deputy || (oh[r.ID] == nil && od[r.ID] == nil) {
			continue
		}
		as := r.Name
		if !holds {
			as += " (as deputy)"
		}
		if rc := byRole[r.ID]; rc != nil {
			if rc.OldName != "" {
				what = append(what, fmt.Sprintf("%q renamed %q", rc.OldName, rc.Name))
			}
			for _, l := range rc.Lines {
				what = append(what, as+": "+lineSentence(l))
			}
			for _, q := range rc.Requirements {
				what = append(what, as+": "+requirementSentence(new, q))
			}
		}
		if holds {
			for _, l := range lettersOf[r.ID] {
				what = append(what, as+": "+letterSentence(l))
			}
		}
	}
	return what
}

func lineSentence(l LineChange) string {
	switch l.Kind {
	case Added:
		return l.List + " added: " + l.New
	case Removed:
		return l.List + " removed: " + l.Old
	}
	return l.List + " reworded: " + l.Old + " → " + l.New
}

func requirementSentence(p *model.Pack, q Field) string {
	name := q.Name
	if c := p.Competence(q.Name); c != nil {
		name = c.Name
	}
	switch {
	case q.Old == "":
		return "now requires " + name + " at level " + q.New
	case q.New == "":
		return "no longer requires " + name
	}
	return "requires " + name + " at level " + q.New + " (was " + q.Old + ")"
}

func letterSentence(l LetterChange) string {
	gained, lost := lettersDiff(l.Old, l.New)
	var parts []string
	if gained != "" {
		parts = append(parts, "gains "+letterList(gained)+" for "+quote(l.ActivityName))
	}
	if lost != "" {
		parts = append(parts, "no longer "+letterList(lost)+" for "+quote(l.ActivityName))
	}
	return strings.Join(parts, "; ")
}

// lettersDiff returns the letters only in new and only in old.
func lettersDiff(old, new string) (gained, lost string) {
	for _, l := range model.Letters {
		switch {
		case strings.Contains(new, l) && !strings.Contains(old, l):
			gained += l
		case strings.Contains(old, l) && !strings.Contains(new, l):
			lost += l
		}
	}
	return
}

func letterList(ls string) string {
	var names []string
	for _, l := range ls {
		names = append(names, letterWords[string(l)])
	}
	return strings.Join(names, " and ")
}

func quote(s string) string { return "“" + s + "”" }
