package model

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
)

// pending is a reference by id, written at pos, waiting for resolve.
type pending[T any] struct {
	pos Pos
	id  string
	set func(T)
}

type refs struct {
	people      []pending[*Person]
	roles       []pending[*Role]
	competences []pending[*Competence]
	areas       []pending[*Area]
}

func (r *refs) person(p Pos, id string, set func(*Person)) {
	if id != "" {
		r.people = append(r.people, pending[*Person]{p, id, set})
	}
}

func (r *refs) role(p Pos, id string, set func(*Role)) {
	if id != "" {
		r.roles = append(r.roles, pending[*Role]{p, id, set})
	}
}

func (r *refs) competence(p Pos, id string, set func(*Competence)) {
	if id != "" {
		r.competences = append(r.competences, pending[*Competence]{p, id, set})
	}
}

func (r *refs) area(p Pos, id string, set func(*Area)) {
	if id != "" {
		r.areas = append(r.areas, pending[*Area]{p, id, set})
	}
}

type levelRef struct {
	pos   Pos
	level int
}

// index builds an id map, reporting duplicate ids.
func index[T any](errs *Errors, kind string, items []T, id func(T) string, pos func(T) Pos) map[string]T {
	m := make(map[string]T, len(items))
	for _, it := range items {
		k := id(it)
		if k == "" {
			continue
		}
		if first, dup := m[k]; dup {
			errs.Add(pos(it), fmt.Sprintf("duplicate %s id %q (first defined at %s)", kind, k, pos(first)))
			continue
		}
		m[k] = it
	}
	return m
}

// resolveAll sets each reference of list that m resolves and reports the
// others; it returns how many it reported.
func resolveAll[T any](errs *Errors, kind string, m map[string]T, list []pending[T], bad map[string]bool) int {
	var ids []string
	unknown := 0
	for _, r := range list {
		if v, ok := m[r.id]; ok {
			r.set(v)
			continue
		}
		if bad[r.id] {
			continue // reported where the malformed id was written
		}
		if ids == nil {
			ids = make([]string, 0, len(m))
			for k := range m {
				ids = append(ids, k)
			}
			sort.Strings(ids)
		}
		msg := fmt.Sprintf("unknown %s %q", kind, r.id)
		if s := suggest(r.id, ids); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		errs.Add(r.pos, msg)
		unknown++
	}
	return unknown
}

// resolve links every reference, reports the ones that do not resolve, and
// fills the derived fields renderers rely on.
func (l *loader) resolve() {
	p, errs := l.p, l.errs
	p.people = index(errs, "person", p.People, func(x *Person) string { return x.ID }, func(x *Person) Pos { return x.Pos })
	p.roles = index(errs, "role", p.Roles, func(x *Role) string { return x.ID }, func(x *Role) Pos { return x.Pos })
	p.activities = index(errs, "activity", p.Activities, func(x *Activity) string { return x.ID }, func(x *Activity) Pos { return x.Pos })
	p.competences = index(errs, "competence", p.Competences, func(x *Competence) string { return x.ID }, func(x *Competence) Pos { return x.Pos })
	p.areas = index(errs, "area", p.Organisation.Areas, func(x *Area) string { return x.ID }, func(x *Area) Pos { return x.Pos })

	// A reference into a file that did not parse would be reported as
	// unknown only because of that file's syntax error: skip those.
	if l.parsedOK(PeopleFile) {
		l.unknown += resolveAll(errs, "person", p.people, l.refs.people, l.badIDs)
	}
	// A role file that did not parse still names its role: its id is the
	// file name, so references to it are left alone and every other role
	// reference is checked in the same pass.
	if len(p.Roles) > 0 {
		unreadable := maps.Clone(l.badIDs)
		for _, b := range l.broken {
			if path.Dir(b) == RolesDir {
				unreadable[strings.TrimSuffix(path.Base(b), ".toml")] = true
			}
		}
		l.unknown += resolveAll(errs, "role", p.roles, l.refs.roles, unreadable)
	}
	if l.parsedOK(CompetencesFile) {
		l.unknown += resolveAll(errs, "competence", p.competences, l.refs.competences, l.badIDs)
	}
	if l.parsedOK(PackFile) {
		l.unknown += resolveAll(errs, "area", p.areas, l.refs.areas, l.badIDs)
	}

	levels := map[int]*Level{}
	for _, lv := range p.Scale {
		if first, dup := levels[lv.Level]; dup {
			errs.Add(lv.Pos, fmt.Sprintf("level %d is defined twice (first at line %d)", lv.Level, first.Pos.Line))
		}
		levels[lv.Level] = lv
	}
	sort.SliceStable(p.Scale, func(i, j int) bool { return p.Scale[i].Level < p.Scale[j].Level })
	for _, r := range l.levelRefs {
		if _, ok := levels[r.level]; !ok && len(p.Scale) > 0 && !l.scaleBroken {
			errs.Add(r.pos, fmt.Sprintf("level %d is not on the competence scale (%s)", r.level, scaleText(p.Scale)))
		}
	}
	if len(p.Scale) == 0 {
		for _, r := range l.levelRefs {
			errs.Add(r.pos, "competence levels are used but competences.toml defines no [[level]] scale")
			break
		}
	}

	if len(*errs) > 0 {
		// LoadPartial: when every problem is an unknown reference, the
		// pack is resolved without them, for the checks to run on the rest.
		if !l.partial || len(*errs) != l.unknown {
			return
		}
		p.dropUnresolved()
	}
	l.checkCycles()
	if len(*errs) > l.unknown {
		return
	}
	l.derive()
	l.resolvedWithout = l.unknown > 0
}

func scaleText(scale []*Level) string {
	var parts []string
	for _, l := range scale {
		parts = append(parts, fmt.Sprintf("%d %s", l.Level, l.Name))
	}
	return strings.Join(parts, ", ")
}

// checkCycles reports reporting lines that loop back on themselves: a chart
// of them cannot be drawn and accountability cannot be traced.
func (l *loader) checkCycles() {
	const (
		unseen = iota
		open
		done
	)
	state := map[*Role]int{}
	for _, start := range l.p.Roles {
		var chain []*Role
		for r := start; r != nil; r = r.ReportsTo {
			if state[r] == done {
				break
			}
			if state[r] == open {
				// Report the loop once, at the role where it closes.
				i := 0
				for chain[i] != r {
					i++
				}
				var names []string
				for _, c := range chain[i:] {
					names = append(names, c.ID)
				}
				names = append(names, r.ID)
				l.errs.Add(r.KeyPos["reports_to"], "reporting lines form a loop: "+strings.Join(names, " → "))
				break
			}
			state[r] = open
			chain = append(chain, r)
		}
		for _, c := range chain {
			state[c] = done
		}
	}
}

// derive fills the back references and orders roles along the reporting
// lines (each role followed by those reporting to it, by name), which is the
// order a reader of the document expects.
func (l *loader) derive() {
	p := l.p
	for _, r := range p.Roles {
		if r.ReportsTo != nil {
			r.ReportsTo.Reports = append(r.ReportsTo.Reports, r)
		}
		for _, a := range r.Assignments {
			a.Person.Holds = append(a.Person.Holds, a)
			if a.Deputy != nil {
				a.Deputy.Deputises = append(a.Deputy.Deputises, a)
			}
		}
	}
	var ordered []*Role
	var walk func(r *Role)
	walk = func(r *Role) {
		ordered = append(ordered, r)
		sortRoles(r.Reports)
		for _, c := range r.Reports {
			walk(c)
		}
	}
	for _, r := range p.Roots() {
		walk(r)
	}
	p.Roles = ordered

	d := &p.Document
	d.NextReview = d.LastReview.AddMonths(d.ReviewIntervalMonths)
	p.recordsOf = map[*Person][]*Record{}
	p.plannedOf = map[*Person][]*Record{}
	for _, rec := range p.Records {
		// Planned training holds no level yet; it marks a gap in progress.
		if rec.Status == RecordPlanned {
			p.plannedOf[rec.Person] = append(p.plannedOf[rec.Person], rec)
			continue
		}
		p.recordsOf[rec.Person] = append(p.recordsOf[rec.Person], rec)
	}
	p.everyone = append([]*Role{}, p.everyoneRoles()...) // never nil once made
	p.compOrder = p.competenceOrder()
	p.acks = map[ackKey]*Acknowledgement{}
	for _, a := range p.Acknowledgements {
		switch {
		case a.Language == "":
			a.Language = p.Language
		case !slices.Contains(p.Languages, a.Language):
			l.errs.Add(a.KeyPos["language"], fmt.Sprintf("language %q is not one of the pack's languages (%s): an acknowledgement is of a text the pack is built in", a.Language, strings.Join(p.Languages, ", ")))
		}
		if _, dup := p.acks[ackKey{a.PersonID, a.Version}]; !dup {
			p.acks[ackKey{a.PersonID, a.Version}] = a
		}
	}
}

// NextReview returns when the role is next due for review: its own review
// date plus its interval (or the document's), or the document's next review
// when the role is not reviewed separately.
func (p *Pack) NextReview(r *Role) Date {
	if r.LastReview.IsZero() {
		return p.Document.NextReview
	}
	n := r.ReviewIntervalMonth
	if n == 0 {
		n = p.Document.ReviewIntervalMonths
	}
	return r.LastReview.AddMonths(n)
}
