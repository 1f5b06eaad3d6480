package register

import (
	"fmt"
	"strings"

	"github.com/rolepack/rolepack/generator/model"
)

// letterField is the raci.toml key of each letter.
var letterField = map[string]string{
	model.Responsible: "responsible", model.Accountable: "accountable", model.Supporting: "supporting",
	model.Consulted: "consulted", model.Informed: "informed",
}

// readRACI reads a RACI matrix: an activity per row, a role per column.
// Columns that are no field of the shape are role columns when their
// cells are RACI letters, and are left out (and listed) when none is.
// Without a process column, a row with an activity and no letters is the
// heading of the process of the rows below it; a process cell left empty
// (a merged cell) takes the process of the row above.
func (g *generator) readRACI(hrow int) {
	header := g.t.rows[hrow]
	col, used := headerMatch(header, ShapeRACI, g.o.Map)
	forced := map[int]bool{}
	for i, c := range header {
		if g.o.Map[normHeader(c.text)] == FieldRole {
			forced[i] = true
		}
	}
	// Candidate role columns: every column of any row that no field took.
	width := len(header)
	for _, row := range g.t.rows[hrow+1:] {
		width = max(width, len(row))
	}
	type roleCol struct {
		i int
		r *role
	}
	var roleCols []roleCol
	for i := 0; i < width; i++ {
		if _, ok := used[i]; ok {
			continue
		}
		letters, others := 0, 0
		var firstOther cell
		for k := hrow + 1; k < len(g.t.rows); k++ {
			c := g.at(g.t.rows[k], i, k)
			s := strings.TrimSpace(c.text)
			if s == "" && !c.formula {
				continue
			}
			if _, ok := raciLetters(s); ok && !c.formula {
				letters++
			} else if others++; others == 1 {
				firstOther = c
			}
		}
		h := cell{pos: g.rowPos(hrow, i+1)}
		if i < len(header) {
			h = header[i]
		}
		name, ok := g.text(h, "the role name in the header", true)
		if !ok {
			continue
		}
		switch {
		case letters == 0 && !forced[i]:
			if name != "" || others > 0 {
				g.res.Ignored = append(g.res.Ignored, fmt.Sprintf("%s %q: no R, A, C, I or S in its cells", h.pos, oneLine(name, 60)))
			}
			continue
		case name == "":
			g.probs.add(h.pos, "the column has RACI letters but no role name in the header row")
			continue
		case others > 0:
			g.probs.add(firstOther.pos, "%q is not a RACI letter (R, A, C, I or S, or several such as R/A); the column %q is a role column. Leave a column out with --map %q", oneLine(firstOther.text, 40), oneLine(name, 40), oneLine(name, 40)+"=ignore")
			continue
		}
		key := normHeader(name)
		if prev, dup := g.roleByKey[key]; dup {
			g.probs.add(h.pos, "role %q is a column twice (first at %s)", name, prev.pos)
			continue
		}
		r := &role{id: g.uniqueID("role:", slugOr("", name, "role")), name: name, pos: h.pos, purposePos: h.pos, respPos: h.pos, derived: true}
		g.roleByKey[key] = r
		g.roles = append(g.roles, r)
		roleCols = append(roleCols, roleCol{i, r})
	}
	if len(roleCols) == 0 {
		g.probs.add(g.rowPos(hrow, 0), "no column of the header row is a role with R, A, C, I or S cells")
		return
	}
	if !g.probs.empty() {
		return
	}
	get := func(row []cell, i int, f string) (cell, bool) {
		c, ok := col[f]
		if !ok {
			return cell{}, false
		}
		return g.at(row, c, i), true
	}
	process, processPos := "", Pos{}
	_, hasProcess := col[FieldProcess]
	for i := hrow + 1; i < len(g.t.rows); i++ {
		row := g.t.rows[i]
		if row == nil {
			continue
		}
		ac, _ := get(row, i, FieldActivity)
		name, ok := g.text(ac, "the activity", true)
		if !ok {
			continue
		}
		a := &activity{name: name, pos: ac.pos, letters: map[string][]string{}}
		var first = map[string]cell{}
		for _, rc := range roleCols {
			c := g.at(row, rc.i, i)
			ls, _ := raciLetters(c.text)
			for _, l := range ls {
				if l == model.Accountable && len(a.letters[l]) == 1 {
					g.probs.add(c.pos, "a second Accountable role for %q (%q; %q at %s is the first): an activity has exactly one A", oneLine(name, 60), rc.r.name, g.roleByID(a.letters[l][0]).name, first[l].pos)
				}
				if _, ok := first[l]; !ok {
					first[l] = c
				}
				a.letters[l] = append(a.letters[l], rc.r.id)
			}
		}
		if pc, ok := get(row, i, FieldProcess); ok {
			if p, ok := g.text(pc, "the process", true); ok && p != "" {
				process, processPos = p, pc.pos
			}
		}
		if len(a.letters) == 0 {
			switch {
			case name == "":
				continue // a row of notes beside the matrix
			case !hasProcess:
				process, processPos = name, ac.pos // a heading: the process of the rows below
				continue
			}
		}
		if name == "" {
			g.probs.add(ac.pos, "the row has RACI letters but no activity name")
			continue
		}
		if len(g.activities) >= MaxRows {
			g.probs.add(ac.pos, "more than %d activities; the limit is %d", MaxRows, MaxRows)
			return
		}
		switch {
		case len(a.letters[model.Accountable]) == 0:
			g.probs.add(ac.pos, "no role is Accountable (A) for %q: mark exactly one", oneLine(name, 60))
		case len(a.letters[model.Responsible]) == 0:
			g.probs.add(ac.pos, "no role is Responsible (R) for %q: mark at least one", oneLine(name, 60))
		}
		if process == "" {
			a.process, a.processPos, a.processGuessed = "ISMS", ac.pos, true
		} else {
			a.process, a.processPos = process, processPos
		}
		if c, ok := get(row, i, FieldClause); ok {
			a.clause, _ = g.text(c, "the clause", true)
		}
		idText := ""
		if c, ok := get(row, i, FieldActivityID); ok {
			idText, _ = g.text(c, "the activity id", true)
		}
		a.id = g.uniqueID("activity:", slugOr(idText, name, "activity"))
		g.activities = append(g.activities, a)
	}
	guessed := 0
	for _, a := range g.activities {
		if a.processGuessed {
			guessed++
		}
	}
	if guessed > 0 {
		g.todo("raci.toml: process: %d %s had no process (no process column, no heading row above): each is in \"ISMS\"; name its ISMS process (risk, incident, audit, supplier, continuity, change, access …)", guessed, plural(guessed, "activity", "activities"))
	}
	// A role's responsibilities, as the matrix states them; a role that is
	// only consulted or informed gets a placeholder.
	for _, a := range g.activities {
		for _, l := range []string{model.Accountable, model.Responsible, model.Supporting} {
			for _, id := range a.letters[l] {
				r := g.roleByID(id)
				r.responsibilities = append(r.responsibilities, line{raciDuty(l, a.name), a.pos})
			}
		}
	}
	// An everyone role ("All staff") may not be Accountable: it is not
	// marked as held by everyone then, and gets a placeholder holder.
	for _, r := range g.roles {
		if !matchesAny(r.name, everyoneNames) {
			continue
		}
		for _, a := range g.activities {
			if len(a.letters[model.Accountable]) > 0 && a.letters[model.Accountable][0] == r.id {
				r.named = true
			}
		}
	}
}

// raciDuty words a RACI letter as a responsibility of the role.
func raciDuty(letter, activity string) string {
	switch letter {
	case model.Accountable:
		return "Accountable for: " + activity
	case model.Supporting:
		return "Supports: " + activity
	}
	return "Responsible for: " + activity
}
