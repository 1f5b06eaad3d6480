package check

import (
	"strings"

	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"golang.org/x/text/unicode/norm"
)

// This file holds the rules of time, versions, deputies, people and seats,
// and delegation of authority (issue 15).

// keyPos is the position of key k in a table's KeyPos, or def when the key
// is not written (or the model was built without positions).
func keyPos(m map[string]model.Pos, k string, def model.Pos) model.Pos {
	if p, ok := m[k]; ok && p.Line > 0 {
		return p
	}
	return def
}

// recordPos is where a competence finding points: the person's best
// record, the line to raise, or, when they have none, need, the
// assignment that needs the record to add (the fix says what to add to
// competences.toml).
func recordPos(r *model.Record, need model.Pos) model.Pos {
	if r != nil {
		return r.Pos
	}
	return need
}

// holdsPhrase says what a person holds of a competence, without a "level
// 0" that the scale may not have.
func holdsPhrase(c *model.Competence, held int) Text {
	if held == 0 {
		return text("finding.holds.none", "competence", c.Name)
	}
	return text("finding.holds.level", "competence", c.Name, "level", held)
}

// duration is model.FormatDuration's wording as a Text: "1 day", "3
// weeks", "10 days".
func duration(days int) Text {
	if days%7 == 0 && days >= 7 {
		return plural("finding.duration.weeks", days/7)
	}
	return plural("finding.duration.days", days)
}

// dates reports dates after the build date: "today" is when the document
// is built, so nothing can have happened later.
func (c *checker) dates() {
	p, today := c.p, c.today
	after := func(d model.Date) bool { return !d.IsZero() && d.After(today) }
	d := p.Document
	if after(d.ApprovalDate) {
		c.add("RP-DATE-01/approval", d.KeyPos["approval_date"], "date", d.ApprovalDate, "today", today)
	}
	if after(d.LastReview) {
		c.add("RP-DATE-01/review", d.KeyPos["last_review"], "date", d.LastReview, "today", today)
	}
	for _, r := range p.Roles {
		if after(r.LastReview) {
			c.add("RP-DATE-01/rolereview", r.KeyPos["last_review"], "role", quoted(r.Name), "date", r.LastReview, "today", today)
		}
		for _, a := range r.Assignments {
			if after(a.AppointedOn) {
				c.add("RP-DATE-01/appointment", keyPos(a.KeyPos, "appointed_on", a.Pos), "person", a.Person.Name, "role", quoted(r.Name), "date", a.AppointedOn, "today", today)
			}
		}
	}
	if t := p.ReviewTeam; t != nil {
		for _, m := range t.Meetings {
			if after(m.Date) {
				c.add("RP-DATE-01/meeting", m.Pos, "date", m.Date, "today", today)
			}
		}
	}
	for _, a := range p.Acknowledgements {
		if after(a.Date) {
			c.add("RP-DATE-01/ack", keyPos(a.KeyPos, "date", a.Pos), "person", a.Person.Name, "version", a.Version, "date", a.Date, "today", today)
		}
	}
	for _, r := range p.Records {
		if r.Status != model.RecordPlanned && after(r.Date) {
			c.add("RP-DATE-01/record", r.Pos, "person", r.Person.Name, "competence", r.Competence.Name, "date", r.Date, "today", today)
		}
	}
}

// versions checks each acknowledgement against the revision history.
func (c *checker) versions() {
	issued := map[string]model.Date{}
	for _, r := range c.p.Revisions {
		issued[r.Version] = r.Date
	}
	for _, a := range c.p.Acknowledgements {
		date, ok := issued[a.Version]
		switch {
		case !ok && a.Version == c.p.Document.Version:
			// The current version is missing from the history: RP-DOC-03.
		case !ok:
			c.add("RP-VER-01/unknown", keyPos(a.KeyPos, "version", a.Pos), "person", a.Person.Name, "version", a.Version)
		case !date.IsZero() && a.Date.Before(date):
			c.add("RP-VER-01/early", keyPos(a.KeyPos, "date", a.Pos), "person", a.Person.Name, "version", a.Version, "date", a.Date, "issued", date)
		}
	}
}

// deputies checks that a deputy could stand in: competent, free of
// conflicts, and standing in for someone still there.
func (c *checker) deputies() {
	for _, r := range c.p.Roles {
		for _, a := range r.Assignments {
			dep := a.Deputy
			if dep == nil || !dep.IsActive() {
				continue // no deputy, or RP-ASG-01/deputy
			}
			at := keyPos(a.KeyPos, "deputy", a.Pos)
			if !a.Person.IsActive() {
				c.addRelated("RP-DEP-03", at, []model.Pos{a.Person.Pos}, "deputy", dep.Name, "holder", a.Person.Name, "role", quoted(r.Name), "date", a.Person.LeftOn)
			}
			for _, h := range dep.Holds {
				if declaresConflict(h.Role, r) || declaresConflict(r, h.Role) {
					c.addRelated("RP-DEP-02", at, []model.Pos{h.Pos}, "deputy", dep.Name, "role", quoted(r.Name), "held", quoted(h.Role.Name))
				}
			}
		}
	}
	// Competence, per deputy and competence: the highest level any role
	// they deputise for requires (Pack.DeputyNeeds).
	for _, person := range c.p.People {
		for _, n := range c.p.DeputyNeeds(person) {
			if !n.Gap() {
				continue
			}
			r := n.Roles[0]
			for _, a := range person.Deputises {
				if a.Role != r {
					continue
				}
				seat := keyPos(a.KeyPos, "deputy", a.Pos)
				related := []model.Pos{seat}
				for _, q := range r.Requirements {
					if q.Competence == n.Competence {
						related = append(related, q.Pos)
					}
				}
				c.addRelated("RP-DEP-01", recordPos(n.Record, seat), related, "deputy", person.Name, "holder", a.Person.Name, "role", quoted(r.Name), "holds", holdsPhrase(n.Competence, n.Held), "level", n.Required,
					"person_id", person.ID, "competence_id", n.Competence.ID)
				break
			}
		}
	}
}

// people checks the people and their relations to each other.
func (c *checker) people() {
	p := c.p
	byName := map[string]*model.Person{}
	for _, person := range p.People {
		key := nameKey(person.Name)
		if first, ok := byName[key]; ok {
			c.addRelated("RP-PPL-02", person.Pos, []model.Pos{first.Pos}, "first", first.ID, "second", person.ID, "name", quoted(person.Name))
		} else {
			byName[key] = person
		}
		if m := person.LineManager; m != nil && !m.IsActive() && person.IsActive() {
			c.addRelated("RP-PPL-04/manager", person.Pos, []model.Pos{m.Pos}, "person", person.Name, "manager", m.Name, "date", m.LeftOn)
		}
	}
	if a := p.Document.Approver; a != nil && !a.IsActive() {
		c.addRelated("RP-PPL-04/approver", p.Document.KeyPos["approver"], []model.Pos{a.Pos}, "person", a.Name, "date", a.LeftOn)
	}
	for _, r := range p.Roles {
		seen := map[*model.Person]*model.Assignment{}
		for _, a := range r.Assignments {
			if first, ok := seen[a.Person]; ok {
				c.addRelated("RP-PPL-01", keyPos(a.KeyPos, "person", a.Pos), []model.Pos{first.Pos}, "person", a.Person.Name, "role", quoted(r.Name))
			} else {
				seen[a.Person] = a
			}
			if !a.Person.IsActive() && !a.Person.LeftOn.IsZero() && a.AppointedOn.After(a.Person.LeftOn) {
				c.addRelated("RP-PPL-03", keyPos(a.KeyPos, "appointed_on", a.Pos), []model.Pos{a.Person.Pos}, "person", a.Person.Name, "role", quoted(r.Name), "appointed", a.AppointedOn, "left", a.Person.LeftOn)
			}
		}
	}
}

// nameKey is the form in which RP-PPL-02 compares two names: what a reader
// sees. One spelling of each letter (NFC, so that a precomposed "é" and an
// "e" with a combining accent are one), no character drawn as nothing
// (zero-width spaces and joiners, variation selectors: Unicode's
// default-ignorable code points), and case and spacing ignored. The loader
// refuses most invisible characters in names, but keeps the joiners and
// selectors that scripts and emoji need, and a pack may be built by hand.
func nameKey(s string) string {
	s = strings.Map(func(r rune) rune {
		if model.IsDefaultIgnorable(r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(norm.NFC.String(strings.ToLower(s))), " ")
}

// seats checks the review team's chair and members, and that the RACI
// matrix names accountable people and every held role.
func (c *checker) seats() {
	p := c.p
	if t := p.ReviewTeam; t != nil && t.Chair != nil {
		member := false
		for _, m := range t.Members {
			member = member || m.Person == t.Chair
			// A seat is held by someone of its area, or says by which
			// record someone else represents it.
			switch a := m.Person.Area; {
			case m.Area == nil || a == m.Area || m.Agreement != "" || !m.Person.IsActive():
				// A leaver's seat is RP-ASG-01's.
			case a != nil:
				c.addRelated("RP-MRT-07", keyPos(m.KeyPos, "area", m.Pos), []model.Pos{m.Person.Pos}, "person", m.Person.Name, "area", quoted(m.Area.Name), "own", quoted(a.Name))
			default:
				c.addRelated("RP-MRT-08", keyPos(m.KeyPos, "area", m.Pos), []model.Pos{m.Person.Pos}, "person", m.Person.Name, "area", m.Area.Name)
			}
		}
		switch {
		case !t.Chair.IsActive():
			c.addRelated("RP-ASG-01/chair", t.Pos, []model.Pos{t.Chair.Pos}, "person", t.Chair.Name, "date", t.Chair.LeftOn)
		case !member:
			c.add("RP-MRT-06", t.Pos, "person", t.Chair.Name)
		}
	}
	inRACI := map[*model.Role]bool{}
	for _, a := range p.Activities {
		for _, rs := range a.Roles {
			for _, r := range rs {
				inRACI[r] = true
			}
		}
		for _, r := range a.Roles[model.Accountable] {
			if r.HeldByEveryone {
				c.addRelated("RP-RACI-05", keyPos(a.KeyPos, model.Accountable, a.Pos), []model.Pos{r.Pos}, "activity", quoted(a.Name), "role", quoted(r.Name))
			}
		}
	}
	for _, r := range p.Roles {
		if !r.HeldByEveryone && len(r.Holders()) > 0 && !inRACI[r] {
			c.add("RP-RACI-06", keyPos(r.KeyPos, "name", r.Pos), "role", quoted(r.Name))
		}
	}
}

// delegation checks delegated authorities against their delegator's and
// follows each chain to a role holding the authority outright.
func (c *checker) delegation() {
	for _, r := range c.p.Roles {
		for _, a := range r.Authorities {
			if a.DelegatedFrom == nil {
				continue
			}
			at := keyPos(a.KeyPos, "delegated_from", a.Pos)
			from := a.Delegator()
			if from == nil {
				c.addRelated("RP-DEL-02/missing", at, []model.Pos{a.DelegatedFrom.Pos}, "authority", quoted(a.Text), "from", quoted(a.DelegatedFrom.Name))
				continue
			}
			if chain, loops := delegationLoop(r, a); loops {
				c.add("RP-DEL-02/loop", at, "authority", quoted(a.Text), "chain", chain)
				continue
			}
			switch {
			case a.HasAmount && from.HasAmount && a.Currency != from.Currency:
				c.addRelated("RP-DEL-01/currency", keyPos(a.KeyPos, "currency", at), []model.Pos{from.Pos}, "authority", quoted(a.Text), "from", quoted(a.DelegatedFrom.Name), "limit", a.Currency, "delegator", from.Currency)
			case a.HasAmount && from.HasAmount && a.Amount > from.Amount:
				c.addRelated("RP-DEL-01/amount", keyPos(a.KeyPos, "amount", at), []model.Pos{from.Pos}, "authority", quoted(a.Text), "from", quoted(a.DelegatedFrom.Name),
					"limit", amount{a.Amount, a.Currency}, "delegator", amount{from.Amount, from.Currency})
			}
			if a.DurationDays > 0 && from.DurationDays > 0 && a.DurationDays > from.DurationDays {
				c.addRelated("RP-DEL-01/duration", keyPos(a.KeyPos, "duration", at), []model.Pos{from.Pos}, "authority", quoted(a.Text), "from", quoted(a.DelegatedFrom.Name),
					"limit", duration(a.DurationDays), "delegator", duration(from.DurationDays))
			}
		}
	}
	n := 0
	for _, r := range c.p.Roles {
		for _, a := range r.Authorities {
			if a.DelegatedFrom != nil {
				n++
			}
		}
	}
	if n > 0 {
		c.note(ItemAuthority, plural("finding.evidence.delegated", n))
	}
}

// delegationLoop follows the chain from authority a of role r and reports
// whether it comes back to a role already on it, with the chain as text.
// A chain that reaches an authority with no delegator of that name is not
// a loop (RP-DEL-02/missing reports it there).
func delegationLoop(r *model.Role, a *model.Authority) (string, bool) {
	seen := map[*model.Role]bool{r: true}
	names := []string{r.ID}
	for x := a; x != nil && x.DelegatedFrom != nil; x = x.Delegator() {
		names = append(names, x.DelegatedFrom.ID)
		if seen[x.DelegatedFrom] {
			return strings.Join(names, " → "), true
		}
		seen[x.DelegatedFrom] = true
	}
	return "", false
}

// amount is an amount of money worded in the reader's language
// (model.AmountIn): "EUR 2,500.00", "2.500,00 EUR".
type amount struct {
	value    float64
	currency string
}

func (a amount) In(c *messages.Catalogue) string { return model.AmountIn(c, a.value, a.currency) }
