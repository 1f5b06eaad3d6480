// Package diff compares two versions of a pack and says what changed in
// terms a reviewer reads — roles, their duties and limits, who holds them,
// RACI letters, the review team, document control — and whom each change
// affects, rather than which TOML lines moved.
package diff

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
)

// Change kinds.
const (
	Added    = "added"
	Removed  = "removed"
	Reworded = "reworded" // a line kept its place but changed its words
	Changed  = "changed"  // a value changed
)

// Changes is everything that differs between two packs.
type Changes struct {
	From string `json:"from"` // what the old pack is, such as a git revision
	To   string `json:"to"`

	Document   []Field        `json:"document"`
	Roles      []RoleChange   `json:"roles"`
	RACI       []LetterChange `json:"raci"`
	Activities []ItemChange   `json:"activities"`
	People     []ItemChange   `json:"people"`
	ReviewTeam []ItemChange   `json:"review_team"`
	// Affected lists the people whose own duties changed, with what
	// changed for them: the people to ask to acknowledge again.
	Affected []Affected `json:"affected"`
	// StaleTranslations are the source values whose change made their
	// translations stale (translations.go); absent when none.
	StaleTranslations []StaleValue `json:"stale_translations,omitempty"`
}

// Empty reports whether nothing changed.
func (c *Changes) Empty() bool {
	return len(c.Document) == 0 && len(c.Roles) == 0 && len(c.RACI) == 0 && len(c.Activities) == 0 &&
		len(c.People) == 0 && len(c.ReviewTeam) == 0 && len(c.StaleTranslations) == 0
}

// Field is a named value that changed.
type Field struct {
	Name string `json:"name"`
	Old  string `json:"old"`
	New  string `json:"new"`
}

// RoleChange is what changed in one role.
type RoleChange struct {
	ID      string `json:"id"`
	Name    string `json:"name"`               // the new name, or the old one for a removed role
	OldName string `json:"old_name,omitempty"` // set when the role was renamed
	Kind    string `json:"kind"`               // added, removed or changed

	Fields       []Field        `json:"fields"`       // category, reports_to, purpose, clause 5.3 duties, …
	Lines        []LineChange   `json:"lines"`        // responsibilities, authorities, communication duties
	Requirements []Field        `json:"requirements"` // competence → level ("" when not required)
	Holders      []HolderChange `json:"holders"`
}

// LineChange is one line of a role's lists that was added, removed or
// reworded.
type LineChange struct {
	List string `json:"list"` // "responsibility", "authority", "internal communication", "external communication"
	Kind string `json:"kind"` // added, removed or reworded
	Old  string `json:"old,omitempty"`
	New  string `json:"new,omitempty"`
	// OldText and NewText are an authority's line with a limit as a
	// Text ("<authority> (limit: <limit>)"), so that "limit" is worded in
	// the reader's language; no key for any other line, whose text is the
	// pack's.
	OldText Text `json:"-"`
	NewText Text `json:"-"`
}

// HolderChange is a person appointed to or removed from a role, or whose
// deputy or appointment changed.
type HolderChange struct {
	Person    string `json:"person"` // id
	Name      string `json:"name"`
	Kind      string `json:"kind"`                 // added (appointed), removed, changed
	OldDeputy string `json:"old_deputy,omitempty"` // id
	NewDeputy string `json:"new_deputy,omitempty"` // id
	// The deputies' names, for reading.
	OldDeputyName string `json:"old_deputy_name,omitempty"`
	NewDeputyName string `json:"new_deputy_name,omitempty"`
	Appointed     string `json:"appointed,omitempty"`
}

// LetterChange is a role's RACI letters in one activity, before and after.
type LetterChange struct {
	Activity     string `json:"activity"` // id
	ActivityName string `json:"activity_name"`
	Role         string `json:"role"` // id
	RoleName     string `json:"role_name"`
	Old          string `json:"old"`
	New          string `json:"new"`
}

// ItemChange is an activity, person or review-team seat that was added,
// removed or changed.
type ItemChange struct {
	ID     string  `json:"id"`
	Name   string  `json:"name"`
	Kind   string  `json:"kind"`
	Fields []Field `json:"fields,omitempty"`
}

// Affected is a person and what changed in their own duties.
type Affected struct {
	Person string   `json:"person"` // id
	Name   string   `json:"name"`
	What   []string `json:"what"` // in English: WhatText in rolepack's English catalogue
	// WhatText is What as texts, for an output to render in its
	// reader's language.
	WhatText []Text `json:"-"`
}

// Compare returns what changed from old to new.
func Compare(old, new *model.Pack) *Changes {
	c := &Changes{Document: []Field{}, Roles: []RoleChange{}, RACI: []LetterChange{}, Activities: []ItemChange{},
		People: []ItemChange{}, ReviewTeam: []ItemChange{}, Affected: []Affected{}}
	c.document(old, new)
	c.roles(old, new)
	c.raci(old, new)
	c.people(old, new)
	c.reviewTeam(old, new)
	c.affected(old, new)
	c.staleTranslations(old, new)
	return c
}

func field(fs *[]Field, name, old, new string) {
	if old != new {
		*fs = append(*fs, Field{Name: name, Old: old, New: new})
	}
}

func (c *Changes) document(old, new *model.Pack) {
	o, n := old.Document, new.Document
	f := &c.Document
	field(f, "id", o.ID, n.ID)
	field(f, "title", o.Title, n.Title)
	field(f, "version", o.Version, n.Version)
	field(f, "status", o.Status, n.Status)
	field(f, "classification", o.Classification, n.Classification)
	field(f, "owner", o.OwnerID, n.OwnerID)
	field(f, "approver", o.ApproverID, n.ApproverID)
	field(f, "approval date", o.ApprovalDate.String(), n.ApprovalDate.String())
	field(f, "effective date", o.EffectiveDate.String(), n.EffectiveDate.String())
	field(f, "last review", o.LastReview.String(), n.LastReview.String())
	field(f, "distribution", strings.Join(o.Distribution, ", "), strings.Join(n.Distribution, ", "))
	field(f, "organisation", old.Organisation.Name, new.Organisation.Name)
	field(f, "scope", old.Organisation.Scope.Source, new.Organisation.Scope.Source)
}

func (c *Changes) roles(old, new *model.Pack) {
	for _, nr := range new.Roles {
		or := old.Role(nr.ID)
		if or == nil {
			rc := RoleChange{ID: nr.ID, Name: nr.Name, Kind: Added}
			rc.Lines = lines(nil, nr)
			rc.Requirements = requirements(nil, nr)
			rc.Holders = holders(nil, nr)
			c.Roles = append(c.Roles, rc)
			continue
		}
		rc := RoleChange{ID: nr.ID, Name: nr.Name, Kind: Changed}
		if or.Name != nr.Name {
			rc.OldName = or.Name
		}
		field(&rc.Fields, "category", or.Category, nr.Category)
		field(&rc.Fields, "reports to", or.ReportsToID, nr.ReportsToID)
		field(&rc.Fields, "purpose", or.Purpose.Source, nr.Purpose.Source)
		field(&rc.Fields, "education", or.Education, nr.Education)
		field(&rc.Fields, "experience", or.Experience, nr.Experience)
		field(&rc.Fields, "clause 5.3 (a)", yesNo(or.Conformity), yesNo(nr.Conformity))
		field(&rc.Fields, "clause 5.3 (b)", yesNo(or.Reporting), yesNo(nr.Reporting))
		field(&rc.Fields, "held by everyone", yesNo(or.HeldByEveryone), yesNo(nr.HeldByEveryone))
		field(&rc.Fields, "conflicts with", strings.Join(or.ConflictIDs, ", "), strings.Join(nr.ConflictIDs, ", "))
		rc.Lines = lines(or, nr)
		rc.Requirements = requirements(or, nr)
		rc.Holders = holders(or, nr)
		if rc.OldName != "" || len(rc.Fields)+len(rc.Lines)+len(rc.Requirements)+len(rc.Holders) > 0 {
			c.Roles = append(c.Roles, rc)
		}
	}
	for _, or := range old.Roles {
		if new.Role(or.ID) == nil {
			c.Roles = append(c.Roles, RoleChange{ID: or.ID, Name: or.Name, Kind: Removed, Holders: holders(or, nil)})
		}
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// lines compares a role's lists; old may be nil (an added role).
func lines(old, new *model.Role) []LineChange {
	texts := func(items []model.Item) []string {
		out := make([]string, len(items))
		for i, it := range items {
			out[i] = it.Text
		}
		return out
	}
	authorities := func(r *model.Role) []string {
		if r == nil {
			return nil
		}
		out := make([]string, len(r.Authorities))
		for i, a := range r.Authorities {
			out[i] = AuthorityText(a)
		}
		return out
	}
	get := func(r *model.Role, f func(*model.Role) []model.Item) []string {
		if r == nil {
			return nil
		}
		return texts(f(r))
	}
	// An authority with a limit is also a Text, by its line.
	limited := map[string]Text{}
	for _, r := range []*model.Role{old, new} {
		if r == nil {
			continue
		}
		for _, a := range r.Authorities {
			if t := authorityText(a); t.Key != "" {
				limited[t.String()] = t
			}
		}
	}
	var out []LineChange
	out = append(out, listChanges("responsibility", get(old, func(r *model.Role) []model.Item { return r.Responsibilities }), get(new, func(r *model.Role) []model.Item { return r.Responsibilities }))...)
	out = append(out, listChanges("authority", authorities(old), authorities(new))...)
	out = append(out, listChanges("internal communication", get(old, func(r *model.Role) []model.Item { return r.CommunicateInternal }), get(new, func(r *model.Role) []model.Item { return r.CommunicateInternal }))...)
	out = append(out, listChanges("external communication", get(old, func(r *model.Role) []model.Item { return r.CommunicateExternal }), get(new, func(r *model.Role) []model.Item { return r.CommunicateExternal }))...)
	for i := range out {
		if out[i].List == "authority" {
			out[i].OldText, out[i].NewText = limited[out[i].Old], limited[out[i].New]
		}
	}
	return out
}

// AuthorityText is an authority with its limit, as the outputs print it.
func AuthorityText(a *model.Authority) string {
	if t := authorityText(a); t.Key != "" {
		return t.String()
	}
	return a.Text
}

// authorityText is an authority with its limit, "<authority> (limit:
// <limit>)", worded as the letters and briefs word it
// (letter.authority_limit); a Text without a key when it has no limit.
func authorityText(a *model.Authority) Text {
	if a.LimitText() == "" {
		return Text{}
	}
	return text("letter.authority_limit", "authority", a.Text, "limit", limit{a})
}

// limit is an authority's limit worded in the reader's language
// (model.Authority.LimitIn).
type limit struct{ a *model.Authority }

func (l limit) In(c *messages.Catalogue) string { return l.a.LimitIn(c) }

// listChanges pairs the lines only in old with the lines only in new that
// read alike (a reworded line is one change, not a removal and an
// addition); the rest are removed and added.
func listChanges(list string, old, new []string) []LineChange {
	inNew := map[string]int{}
	for _, s := range new {
		inNew[s]++
	}
	inOld := map[string]int{}
	for _, s := range old {
		inOld[s]++
	}
	var removed, added []string
	for _, s := range old {
		if inNew[s] > 0 {
			inNew[s]--
			continue
		}
		removed = append(removed, s)
	}
	for _, s := range new {
		if inOld[s] > 0 {
			inOld[s]--
			continue
		}
		added = append(added, s)
	}
	type pair struct {
		i, j  int
		score float64
	}
	var pairs []pair
	for i, r := range removed {
		for j, a := range added {
			if s := similarity(r, a); s >= 0.5 {
				pairs = append(pairs, pair{i, j, s})
			}
		}
	}
	slices.SortStableFunc(pairs, func(a, b pair) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.i, b.i), cmp.Compare(a.j, b.j))
	})
	usedR, usedA := map[int]bool{}, map[int]bool{}
	reworded := map[int]int{} // added index → removed index
	for _, p := range pairs {
		if usedR[p.i] || usedA[p.j] {
			continue
		}
		usedR[p.i], usedA[p.j] = true, true
		reworded[p.j] = p.i
	}
	var out []LineChange
	for i, r := range removed {
		if !usedR[i] {
			out = append(out, LineChange{List: list, Kind: Removed, Old: r})
		}
	}
	for j, a := range added {
		if i, ok := reworded[j]; ok {
			out = append(out, LineChange{List: list, Kind: Reworded, Old: removed[i], New: a})
		} else {
			out = append(out, LineChange{List: list, Kind: Added, New: a})
		}
	}
	return out
}

// similarity is the share of words two lines have in common (Dice's
// coefficient over lower-cased words), from 0 to 1.
func similarity(a, b string) float64 {
	wa, wb := words(a), words(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	count := map[string]int{}
	for _, w := range wa {
		count[w]++
	}
	common := 0
	for _, w := range wb {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(wa)+len(wb))
}

// words are the lower-cased words of s; in Chinese and Japanese, which
// put no spaces between words, each ideograph and kana counts as a word,
// so that a reworded line of a Chinese or Japanese translation pairs with
// the line it rewords.
func words(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r == '-' || r == '.' || r == '/' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r > 127)
	}) {
		start := 0
		for i, r := range f {
			if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
				if start < i {
					out = append(out, f[start:i])
				}
				out = append(out, string(r))
				start = i + utf8.RuneLen(r)
			}
		}
		if start < len(f) {
			out = append(out, f[start:])
		}
	}
	return out
}

func requirements(old, new *model.Role) []Field {
	level := func(r *model.Role) map[string]int {
		m := map[string]int{}
		if r != nil {
			for _, q := range r.Requirements {
				m[q.CompetenceID] = max(m[q.CompetenceID], q.Level)
			}
		}
		return m
	}
	o, n := level(old), level(new)
	var ids []string
	for id := range o {
		ids = append(ids, id)
	}
	for id := range n {
		if _, ok := o[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	var out []Field
	for _, id := range ids {
		field(&out, id, levelText(o[id]), levelText(n[id]))
	}
	return out
}

func levelText(l int) string {
	if l == 0 {
		return ""
	}
	return itoa(l)
}

// holders compares the active holders of a role; old or new may be nil.
func holders(old, new *model.Role) []HolderChange {
	type seat struct {
		deputy, appointed string
		name, deputyName  string
	}
	seats := func(r *model.Role) (map[string]seat, []string) {
		m := map[string]seat{}
		var order []string
		if r == nil {
			return m, nil
		}
		for _, a := range r.Assignments {
			if a.Person == nil || !a.Person.IsActive() {
				continue
			}
			if _, dup := m[a.PersonID]; !dup {
				order = append(order, a.PersonID)
			}
			s := seat{deputy: a.DeputyID, appointed: a.AppointedOn.String(), name: a.Person.Name}
			if a.Deputy != nil {
				s.deputyName = a.Deputy.Name
			}
			m[a.PersonID] = s
		}
		return m, order
	}
	o, oOrder := seats(old)
	n, nOrder := seats(new)
	var out []HolderChange
	for _, id := range nOrder {
		s := n[id]
		prev, had := o[id]
		switch {
		case !had:
			out = append(out, HolderChange{Person: id, Name: s.name, Kind: Added, NewDeputy: s.deputy, NewDeputyName: s.deputyName, Appointed: s.appointed})
		case prev.deputy != s.deputy || prev.appointed != s.appointed:
			out = append(out, HolderChange{Person: id, Name: s.name, Kind: Changed, OldDeputy: prev.deputy, NewDeputy: s.deputy,
				OldDeputyName: prev.deputyName, NewDeputyName: s.deputyName, Appointed: s.appointed})
		}
	}
	for _, id := range oOrder {
		if _, still := n[id]; !still {
			out = append(out, HolderChange{Person: id, Name: o[id].name, Kind: Removed, OldDeputy: o[id].deputy, OldDeputyName: o[id].deputyName})
		}
	}
	return out
}

func (c *Changes) raci(old, new *model.Pack) {
	letters := func(p *model.Pack) map[[2]string]string {
		m := map[[2]string]string{}
		for _, a := range p.Activities {
			for _, l := range model.Letters {
				for _, r := range a.Roles[l] {
					if r == nil {
						continue
					}
					k := [2]string{a.ID, r.ID}
					if !strings.Contains(m[k], l) {
						m[k] += l
					}
				}
			}
		}
		for k, v := range m {
			m[k] = fold(v)
		}
		return m
	}
	o, n := letters(old), letters(new)
	name := func(id string, get func(string) string) string { return get(id) }
	actName := func(id string) string {
		if a := new.Activity(id); a != nil {
			return a.Name
		}
		if a := old.Activity(id); a != nil {
			return a.Name
		}
		return id
	}
	roleName := func(id string) string {
		if r := new.Role(id); r != nil {
			return r.Name
		}
		if r := old.Role(id); r != nil {
			return r.Name
		}
		return id
	}
	keys := map[[2]string]bool{}
	for k := range o {
		keys[k] = true
	}
	for k := range n {
		keys[k] = true
	}
	for k := range keys {
		if o[k] != n[k] {
			c.RACI = append(c.RACI, LetterChange{Activity: k[0], ActivityName: name(k[0], actName), Role: k[1], RoleName: name(k[1], roleName), Old: o[k], New: n[k]})
		}
	}
	order := map[string]int{}
	for i, a := range old.Activities {
		order[a.ID] = i
	}
	for i, a := range new.Activities {
		order[a.ID] = len(old.Activities) + i
		if _, ok := order[a.ID]; ok && old.Activity(a.ID) != nil {
			order[a.ID] = i
		}
	}
	slices.SortFunc(c.RACI, func(a, b LetterChange) int {
		return cmp.Or(cmp.Compare(order[a.Activity], order[b.Activity]), cmp.Compare(a.Role, b.Role))
	})
	for _, a := range new.Activities {
		oa := old.Activity(a.ID)
		if oa == nil {
			c.Activities = append(c.Activities, ItemChange{ID: a.ID, Name: a.Name, Kind: Added})
			continue
		}
		var fs []Field
		field(&fs, "name", oa.Name, a.Name)
		field(&fs, "process", oa.Process, a.Process)
		field(&fs, "clause", oa.Clause, a.Clause)
		if len(fs) > 0 {
			c.Activities = append(c.Activities, ItemChange{ID: a.ID, Name: a.Name, Kind: Changed, Fields: fs})
		}
	}
	for _, a := range old.Activities {
		if new.Activity(a.ID) == nil {
			c.Activities = append(c.Activities, ItemChange{ID: a.ID, Name: a.Name, Kind: Removed})
		}
	}
}

func fold(s string) string {
	var b strings.Builder
	for _, l := range model.Letters {
		if strings.Contains(s, l) {
			b.WriteString(l)
		}
	}
	return b.String()
}

func (c *Changes) people(old, new *model.Pack) {
	for _, p := range new.People {
		op := old.Person(p.ID)
		if op == nil {
			c.People = append(c.People, ItemChange{ID: p.ID, Name: p.Name, Kind: Added})
			continue
		}
		var fs []Field
		field(&fs, "name", op.Name, p.Name)
		field(&fs, "job title", op.JobTitle, p.JobTitle)
		field(&fs, "status", op.Status, p.Status)
		field(&fs, "left on", op.LeftOn.String(), p.LeftOn.String())
		field(&fs, "line manager", op.LineManagerID, p.LineManagerID)
		field(&fs, "area", op.AreaID, p.AreaID)
		if len(fs) > 0 {
			c.People = append(c.People, ItemChange{ID: p.ID, Name: p.Name, Kind: Changed, Fields: fs})
		}
	}
	for _, p := range old.People {
		if new.Person(p.ID) == nil {
			c.People = append(c.People, ItemChange{ID: p.ID, Name: p.Name, Kind: Removed})
		}
	}
}

func (c *Changes) reviewTeam(old, new *model.Pack) {
	ot, nt := old.ReviewTeam, new.ReviewTeam
	if ot == nil {
		ot = &model.ReviewTeam{}
	}
	if nt == nil {
		nt = &model.ReviewTeam{}
	}
	var team []Field
	field(&team, "chair", ot.ChairID, nt.ChairID)
	field(&team, "reports to", ot.ReportsTo, nt.ReportsTo)
	field(&team, "cadence", ot.Cadence, nt.Cadence)
	if len(team) > 0 {
		c.ReviewTeam = append(c.ReviewTeam, ItemChange{ID: "team", Name: nt.Name, Kind: Changed, Fields: team})
	}
	members := func(t *model.ReviewTeam) map[string]*model.Member {
		m := map[string]*model.Member{}
		for _, x := range t.Members {
			m[x.PersonID] = x
		}
		return m
	}
	om, nm := members(ot), members(nt)
	for _, m := range nt.Members {
		name := m.PersonID
		if m.Person != nil {
			name = m.Person.Name
		}
		prev, ok := om[m.PersonID]
		if !ok {
			c.ReviewTeam = append(c.ReviewTeam, ItemChange{ID: "member:" + m.PersonID, Name: name, Kind: Added,
				Fields: []Field{{Name: "area", New: m.AreaID}, {Name: "deputy", New: m.DeputyID}}})
			continue
		}
		var fs []Field
		field(&fs, "area", prev.AreaID, m.AreaID)
		field(&fs, "deputy", prev.DeputyID, m.DeputyID)
		field(&fs, "senior leadership", yesNo(prev.Senior), yesNo(m.Senior))
		if len(fs) > 0 {
			c.ReviewTeam = append(c.ReviewTeam, ItemChange{ID: "member:" + m.PersonID, Name: name, Kind: Changed, Fields: fs})
		}
	}
	for _, m := range ot.Members {
		if _, ok := nm[m.PersonID]; !ok {
			name := m.PersonID
			if m.Person != nil {
				name = m.Person.Name
			}
			c.ReviewTeam = append(c.ReviewTeam, ItemChange{ID: "member:" + m.PersonID, Name: name, Kind: Removed})
		}
	}
	meetings := func(t *model.ReviewTeam) map[string]bool {
		m := map[string]bool{}
		for _, x := range t.Meetings {
			m[x.Date.String()] = true
		}
		return m
	}
	omt, nmt := meetings(ot), meetings(nt)
	for _, x := range nt.Meetings {
		if !omt[x.Date.String()] {
			c.ReviewTeam = append(c.ReviewTeam, ItemChange{ID: "meeting:" + x.Date.String(), Name: "meeting " + x.Date.String(), Kind: Added})
		}
	}
	for _, x := range ot.Meetings {
		if !nmt[x.Date.String()] {
			c.ReviewTeam = append(c.ReviewTeam, ItemChange{ID: "meeting:" + x.Date.String(), Name: "meeting " + x.Date.String(), Kind: Removed})
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
