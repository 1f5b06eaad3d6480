package model

import (
	"cmp"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// People are listed in one order everywhere: by their sort name (SortName,
// else Name) under the Unicode Collation Algorithm's root order, which
// sorts letters with accents beside their base letters ("Émile" with
// "Emile", "Øyvind" after "Oskar") and orders Greek, Cyrillic and other
// scripts in their own alphabets after Latin, case and accents deciding
// only between otherwise equal names. Ties fall back to the id, so the
// order is total and the outputs deterministic.

// PeopleCollator compares people for display order. It is not safe for
// concurrent use: make one per goroutine.
type PeopleCollator struct{ c *collate.Collator }

// NewPeopleCollator returns a collator for the documented people order.
func NewPeopleCollator() *PeopleCollator {
	return &PeopleCollator{c: collate.New(language.Und)}
}

// Compare orders a before b by sort name, then id.
func (pc *PeopleCollator) Compare(a, b *Person) int {
	return cmp.Or(pc.c.CompareString(sortKey(a), sortKey(b)), strings.Compare(a.ID, b.ID))
}

func sortKey(p *Person) string {
	if p.SortName != "" {
		return p.SortName
	}
	return p.Name
}

// SortPeople sorts people into the documented display order.
func SortPeople(ps []*Person) {
	pc := NewPeopleCollator()
	slices.SortStableFunc(ps, pc.Compare)
}
