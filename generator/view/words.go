package view

import (
	"strings"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
)

// The sentences below are stated the same way in every output that prints
// them (PDF, Word document, briefs, workbook), so they are worded once,
// here, in the view's language (View.Words).

// catalogue is the words of the view a role was built by, or English's
// for a role built on its own.
func (r *Role) catalogue() *messages.Catalogue {
	if r.words == nil {
		return messages.Builtin(messages.Reference)
	}
	return r.words
}

func (p *Person) catalogue() *messages.Catalogue {
	if p.words == nil {
		return messages.Builtin(messages.Reference)
	}
	return p.words
}

// SeatNames names a person's seats in the view's order: the roles they
// hold, the seats they deputise for, their places on the review team.
func (p *Person) SeatNames() []string {
	w := p.catalogue()
	var out []string
	for _, s := range p.Holds {
		out = append(out, s.Role.Name)
	}
	for _, s := range p.Deputises {
		out = append(out, w.Text("document.seat.deputy_for", "person", s.Person.Name, "role", s.Role.Name))
	}
	return append(out, p.ReviewSeatNames()...)
}

// ReviewSeatNames names a person's places on the Management Review Team,
// by the name the pack gives the team ("the Group Management Review
// Team"), as the workbook always did.
func (p *Person) ReviewSeatNames() []string {
	w := p.catalogue()
	team := p.team
	if team == "" {
		team = w.Text("document.section.review_team")
	}
	var out []string
	if p.Chair {
		out = append(out, w.Text("document.seat.chair", "team", team))
	}
	if m := p.Review; m != nil {
		if m.Area != nil {
			out = append(out, w.Text("document.seat.member_area", "team", team, "area", m.Area.Name))
		} else {
			out = append(out, w.Text("document.seat.member", "team", team))
		}
	}
	for _, m := range p.ReviewDeputyFor {
		if m.Person != nil {
			out = append(out, w.Text("document.seat.deputy_member", "person", m.Person.Name, "team", team))
		}
	}
	return out
}

// CommunicationLines are the role's communication duties, each marked
// internal or external, as inline Markdown (model.InlineText): the
// duties are Markdown, the words around them escaped.
func (r *Role) CommunicationLines() []string {
	w := r.catalogue()
	var out []string
	for _, c := range r.CommunicateInternal {
		out = append(out, model.InlineText(w, "document.seat.internal", "text", model.InlineSource(c.Text)))
	}
	for _, c := range r.CommunicateExternal {
		out = append(out, model.InlineText(w, "document.seat.external", "text", model.InlineSource(c.Text)))
	}
	return out
}

// SegregationSentence says which roles must not be held with this one, or
// "" when none.
func (r *Role) SegregationSentence() string {
	if len(r.Conflicts) == 0 {
		return ""
	}
	w := r.catalogue()
	names := make([]string, len(r.Conflicts))
	for i, c := range r.Conflicts {
		names[i] = c.Name
	}
	return w.Text("document.seat.segregation", "roles", strings.Join(names, w.Text("common.list_separator")))
}

// Source is where a finding is, as the outputs print it: "file:line".
func Source(f check.Finding) string {
	if f.Pos.Line > 0 {
		return f.Pos.File + ":" + itoa(f.Pos.Line)
	}
	return f.Pos.File
}

// ClauseDutiesSentence says which clause 5.3 duties the role carries, or
// "" when none.
func (r *Role) ClauseDutiesSentence() string {
	w := r.catalogue()
	switch {
	case r.Conformity && r.Reporting:
		return w.Text("document.role.carries_ab")
	case r.Conformity:
		return w.Text("document.role.carries_a")
	case r.Reporting:
		return w.Text("document.role.carries_b")
	}
	return ""
}

// MetAndGaps splits a matrix row's requirements into those met and the
// gaps, each as "Competence held/required".
func (c *Competence) MetAndGaps(row MatrixRow) (met, gaps []string) {
	for i, cell := range row.Cells {
		if cell.Required == 0 {
			continue
		}
		s := c.Competences[i].Name + " " + itoa(cell.Held) + "/" + itoa(cell.Required)
		if cell.Gap {
			gaps = append(gaps, s)
		} else {
			met = append(met, s)
		}
	}
	return met, gaps
}
