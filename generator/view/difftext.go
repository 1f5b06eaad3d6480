package view

import (
	"github.com/rolepack/rolepack/generator/diff"
	"github.com/rolepack/rolepack/generator/history"
)

// What changed between versions, in the reader's language: the texts of
// generator/diff (a key of the diff catalogue, catalogues/<lang>/diff.toml,
// and its arguments, diff.Text) rendered in v.Words. The English the
// command line prints (`rolepack diff`) is the same texts in the English
// catalogue, so an English output prints what it printed before. For a
// translation's outputs the packs compared are the translated ones
// (history.compareIn), so the names and lines in these texts are already
// in the reader's language.

// RevisionChanges is the headline of what a version changed, read from the
// sources' history: "2 roles changed, 1 RACI letter changed; 3 people
// affected." "" for nil.
func (v *View) RevisionChanges(c *diff.Changes) string {
	if c == nil {
		return ""
	}
	return c.HeadlineText().In(v.words())
}

// ChangedSince is what changed in a person's duties since the version
// they last signed (their brief's and their page's list "Changed since you
// last signed"). An acknowledgement made without texts (a test's) gives
// its English strings.
func (v *View) ChangedSince(c *history.Carry) []string {
	if c == nil {
		return nil
	}
	if len(c.ChangedText) != len(c.Changed) {
		return c.Changed
	}
	return v.DiffTexts(c.ChangedText)
}

// DiffTexts are texts of generator/diff in the reader's language.
func (v *View) DiffTexts(ts []diff.Text) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.In(v.words())
	}
	return out
}
