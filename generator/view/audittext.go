package view

import (
	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/messages"
)

// The audit texts in the reader's language: what generator/check found,
// worded by the findings catalogue (catalogues/<lang>/findings.toml) in
// v.Words. The check package keeps each text as a key and its arguments
// (check.Text); the English it prints on the command line is the same
// text in the English catalogue, so an English output prints exactly what
// `rolepack check` prints. A finding or item made without a key (a test's,
// or a rule not yet worded by the catalogue) prints its English string.

// words is the view's catalogue, or rolepack's English one.
func (v *View) words() *messages.Catalogue {
	if v != nil && v.Words != nil {
		return v.Words
	}
	return check.English()
}

// ItemTitle is the title of a checklist item.
func (v *View) ItemTitle(it check.Item) string {
	if t := check.ItemKeyText(it.ID); t.Key != "" {
		return t.In(v.words())
	}
	return it.Title
}

// ItemTitleOf is the title of the checklist item with id (a finding's
// Item), or the id when the checklist has no such item.
func (v *View) ItemTitleOf(id string) string {
	if t := check.ItemKeyText(id); t.Key != "" {
		return t.In(v.words())
	}
	return v.Audit.ItemTitle(id)
}

// StatusText is a checklist status word: "met", "partly met", "not met",
// "not checked".
func (v *View) StatusText(s check.Status) string {
	if k := check.StatusKey(s); k != "" {
		return v.words().Text(k)
	}
	return string(s)
}

// SeverityText is a finding's severity word: "error", "warning".
func (v *View) SeverityText(s check.Severity) string {
	if k := check.SeverityKey(s); k != "" {
		return v.words().Text(k)
	}
	return string(s)
}

// Evidence is the evidence notes of a checklist item.
func (v *View) Evidence(it check.Item) []string {
	if len(it.Notes) != len(it.Evidence) {
		return it.Evidence
	}
	out := make([]string, len(it.Notes))
	for i, n := range it.Notes {
		out[i] = n.In(v.words())
	}
	return out
}

// FindingMessage is what a finding says.
func (v *View) FindingMessage(f check.Finding) string {
	if f.MessageText.Key == "" {
		return f.Message
	}
	return f.MessageText.In(v.words())
}

// FindingFix is what to do about a finding.
func (v *View) FindingFix(f check.Finding) string {
	if f.FixText.Key == "" {
		return f.Fix
	}
	return f.FixText.In(v.words())
}

// ChecklistNotesIn are what backs a checklist item, as the outputs list
// it: its evidence, then each finding as "RULE: message" (ChecklistNotes in
// the view's language).
func (v *View) ChecklistNotesIn(it check.Item) []string {
	notes := v.Evidence(it)
	for _, f := range it.Findings {
		notes = append(notes, f.Rule+": "+v.FindingMessage(f))
	}
	return notes
}

// SinglePointLines are the single points of failure in words, as every
// output prints them (check.SinglePoints.Lines in the view's language).
func (v *View) SinglePointLines(s check.SinglePoints) []check.SinglePointLine {
	lines := s.Lines()
	for i, l := range lines {
		if l.WhatText.Key != "" {
			lines[i].What = l.WhatText.In(v.words())
		}
	}
	return lines
}

// CriticalWhy is why each of an overloaded person's roles is critical
// ("clause 5.3 (a)", "Accountable for 4 activities").
func (v *View) CriticalWhy(o check.Overload) []string {
	if len(o.WhyText) != len(o.Why) {
		return o.Why
	}
	out := make([]string, len(o.WhyText))
	for i, w := range o.WhyText {
		out[i] = w.In(v.words())
	}
	return out
}

// SeatName is the name of a single-points seat: the area's, or "Senior
// leadership" in the view's language.
func (v *View) SeatName(s check.LoneSeat) string {
	if s.Area == nil {
		return v.words().Text("finding.single.senior_leadership")
	}
	return s.Name
}

// FindingCounts is how many errors and warnings stand behind a checklist
// item: the controlled documents print these counts, not the findings.
func (v *View) FindingCounts(it check.Item) (errors, warnings int) {
	if c, ok := v.Audit.counts[it.ID]; ok {
		return c[0], c[1]
	}
	for _, f := range it.Findings {
		if f.Severity == check.Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// FindingTotal is how many findings stand behind a checklist item.
func (v *View) FindingTotal(it check.Item) int {
	errs, warns := v.FindingCounts(it)
	return errs + warns
}

// FindingCountsText says how many errors and warnings stand behind a
// checklist item ("2 errors, 1 warning"), or "" when none: what the
// controlled documents and the staff site print in place of the findings.
func (v *View) FindingCountsText(it check.Item) string {
	errs, warns := v.FindingCounts(it)
	if errs+warns == 0 {
		return ""
	}
	w := v.words()
	return w.Text("document.audit.item_findings",
		"errors", w.Plural("document.audit.errors", errs), "warnings", w.Plural("document.audit.warnings", warns))
}

// CompetenceEvidence is the evidence of the competence checklist item:
// the state of the competence records in counts, for readers who must not
// see a person's levels or gaps.
func (v *View) CompetenceEvidence() []string {
	for _, it := range v.Report.Checklist {
		if it.ID == check.ItemCompetence {
			return v.Evidence(it)
		}
	}
	return nil
}
