package diff

import (
	"strings"

	"github.com/rolepack/rolepack/generator/model"
)

// letterKeys name the letters for sentences ("gains Accountable"): the
// names of the RACI legend (document.toml), so that a change reads in the
// terms of the matrix it changes.
var letterKeys = map[string]string{
	model.Responsible: "document.raci.letter.r",
	model.Accountable: "document.raci.letter.a",
	model.Supporting:  "document.raci.letter.s",
	model.Consulted:   "document.raci.letter.c",
	model.Informed:    "document.raci.letter.i",
}

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
		c.Affected = append(c.Affected, Affected{Person: id, Name: name, What: Strings(what), WhatText: what})
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

func personChanges(old, new *model.Pack, id string, byRole map[string]*RoleChange, lettersOf map[string][]LetterChange) []Text {
	oh, od := seatsOf(old, id)
	nh, nd := seatsOf(new, id)
	var what []Text
	for _, r := range new.Roles {
		if nh[r.ID] != nil && oh[r.ID] == nil {
			what = append(what, text("diff.affected.appointed", "role", r.Name))
		}
		if nd[r.ID] != nil && od[r.ID] == nil {
			what = append(what, text("diff.affected.now_deputy", "role", r.Name))
		}
	}
	for _, r := range old.Roles {
		if oh[r.ID] != nil && nh[r.ID] == nil {
			what = append(what, text("diff.affected.no_longer", "role", r.Name))
		}
		if od[r.ID] != nil && nd[r.ID] == nil {
			what = append(what, text("diff.affected.no_longer_deputy", "role", r.Name))
		}
	}
	// Changes inside the roles they keep holding or deputising for.
	for _, r := range new.Roles {
		_, holds := nh[r.ID]
		_, deputy := nd[r.ID]
		if !holds && !deputy || (oh[r.ID] == nil && od[r.ID] == nil) {
			continue
		}
		// A change inside a role: "<role>: <change>", or "<role> (as
		// deputy): <change>".
		in := func(change Text) Text {
			if holds {
				return text("diff.affected.in_role", "role", r.Name, "change", change)
			}
			return text("diff.affected.in_role_as_deputy", "role", r.Name, "change", change)
		}
		if rc := byRole[r.ID]; rc != nil {
			if rc.OldName != "" {
				what = append(what, text("diff.affected.renamed", "old", quoted(rc.OldName), "new", quoted(rc.Name)))
			}
			for _, l := range rc.Lines {
				what = append(what, in(lineText(l)))
			}
			for _, q := range rc.Requirements {
				what = append(what, in(requirementText(new, q)))
			}
		}
		if holds {
			for _, l := range lettersOf[r.ID] {
				if t := letterText(l); t.Key != "" {
					what = append(what, in(t))
				}
			}
		}
	}
	return what
}

// lineKeys are the messages of a line added, removed and reworded, by
// list: a message each, so that a language makes the participle agree
// with the list's noun (French "responsabilité ajoutée", "autorité
// ajoutée").
var lineKeys = map[string][3]string{
	"responsibility":         {"diff.line.responsibility.added", "diff.line.responsibility.removed", "diff.line.responsibility.reworded"},
	"authority":              {"diff.line.authority.added", "diff.line.authority.removed", "diff.line.authority.reworded"},
	"internal communication": {"diff.line.internal.added", "diff.line.internal.removed", "diff.line.internal.reworded"},
	"external communication": {"diff.line.external.added", "diff.line.external.removed", "diff.line.external.reworded"},
}

// lineText is a line added, removed or reworded: "responsibility added:
// <text>". A list lineKeys does not know (a LineChange made by hand) is
// worded as a responsibility's.
func lineText(l LineChange) Text {
	keys, ok := lineKeys[l.List]
	if !ok {
		keys = lineKeys["responsibility"]
	}
	old, new := l.oldValue(), l.newValue()
	switch l.Kind {
	case Added:
		return text(keys[0], "text", new)
	case Removed:
		return text(keys[1], "text", old)
	}
	return text(keys[2], "old", old, "new", new)
}

func lineSentence(l LineChange) string { return lineText(l).String() }

// oldValue and newValue are a line's texts as message arguments: an
// authority with a limit is a Text ("<authority> (limit: <limit>)"), any
// other line the pack's text.
func (l LineChange) oldValue() any {
	if l.OldText.Key != "" {
		return l.OldText
	}
	return l.Old
}

func (l LineChange) newValue() any {
	if l.NewText.Key != "" {
		return l.NewText
	}
	return l.New
}

func requirementText(p *model.Pack, q Field) Text {
	name := q.Name
	if c := p.Competence(q.Name); c != nil {
		name = c.Name
	}
	switch {
	case q.Old == "":
		return text("diff.requirement.added", "competence", name, "level", q.New)
	case q.New == "":
		return text("diff.requirement.removed", "competence", name)
	}
	return text("diff.requirement.changed", "competence", name, "level", q.New, "old", q.Old)
}

// letterText is a role's letters gained and lost in one activity; a Text
// without a key when neither.
func letterText(l LetterChange) Text {
	gained, lost := lettersDiff(l.Old, l.New)
	var g, x Text
	if gained != "" {
		g = text("diff.letters.gained", "letters", letterList(gained), "activity", l.ActivityName)
	}
	if lost != "" {
		x = text("diff.letters.lost", "letters", letterList(lost), "activity", l.ActivityName)
	}
	switch {
	case g.Key != "" && x.Key != "":
		return text("diff.letters.both", "gained", g, "lost", x)
	case g.Key != "":
		return g
	}
	return x
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

// letterList is the letters' names: "Responsible and Accountable".
func letterList(ls string) List {
	var names []Text
	for _, l := range ls {
		names = append(names, text(letterKeys[string(l)]))
	}
	return List{Sep: "diff.sep.and", Items: names}
}
