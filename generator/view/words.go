package view

import (
	"cmp"
	"strings"

	"github.com/rolepack/rolepack/generator/check"
)

// The sentences below are stated the same way in every output that prints
// them (PDF, Word document, briefs), so they are worded once, here.

// SeatNames names a person's seats in the view's order: the roles they
// hold, the seats they deputise for, their places on the review team.
func (p *Person) SeatNames() []string {
	var out []string
	for _, s := range p.Holds {
		out = append(out, s.Role.Name)
	}
	for _, s := range p.Deputises {
		out = append(out, "Deputy for "+s.Person.Name+" as "+s.Role.Name)
	}
	return append(out, p.ReviewSeatNames()...)
}

// ReviewSeatNames names a person's places on the Management Review Team,
// by the name the pack gives the team ("the Group Management Review
// Team"), as the workbook always did.
func (p *Person) ReviewSeatNames() []string {
	team := "the " + cmp.Or(p.team, "Management Review Team")
	var out []string
	if p.Chair {
		out = append(out, "Chair of "+team)
	}
	if m := p.Review; m != nil {
		area := ""
		if m.Area != nil {
			area = ", representing " + m.Area.Name
		}
		out = append(out, "Member of "+team+area)
	}
	for _, m := range p.ReviewDeputyFor {
		if m.Person != nil {
			out = append(out, "Deputy for "+m.Person.Name+" on "+team)
		}
	}
	return out
}

// CommunicationLines are the role's communication duties, each marked
// internal or external.
func (r *Role) CommunicationLines() []string {
	var out []string
	for _, c := range r.CommunicateInternal {
		out = append(out, "Internal: "+c.Text)
	}
	for _, c := range r.CommunicateExternal {
		out = append(out, "External: "+c.Text)
	}
	return out
}

// SegregationSentence says which roles must not be held with this one, or
// "" when none.
func (r *Role) SegregationSentence() string {
	if len(r.Conflicts) == 0 {
		return ""
	}
	names := make([]string, len(r.Conflicts))
	for i, c := range r.Conflicts {
		names[i] = c.Name
	}
	return "Must not be held by the same person as: " + strings.Join(names, ", ") + "."
}

// ChecklistNotes are what backs a checklist item, as the outputs list it:
// its evidence, then each finding as "RULE: message".
func ChecklistNotes(it check.Item) []string {
	notes := append([]string(nil), it.Evidence...)
	for _, f := range it.Findings {
		notes = append(notes, f.Rule+": "+f.Message)
	}
	return notes
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
	var duties []string
	if r.Conformity {
		duties = append(duties, "clause 5.3 (a): ensuring the ISMS conforms to ISO/IEC 27001")
	}
	if r.Reporting {
		duties = append(duties, "clause 5.3 (b): reporting ISMS performance to top management")
	}
	if len(duties) == 0 {
		return ""
	}
	return "This role carries " + strings.Join(duties, "; and ") + "."
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
