package model

import (
	"bytes"
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
// concurrent use.
type PeopleCollator struct {
	c *collate.Collator
	// keys are the people's collation keys, made on first use: comparing
	// two keys is a byte comparison, so sorting thousands of people does
	// not collate each name again at every comparison.
	keys map[*Person][]byte
	buf  collate.Buffer
}

// NewPeopleCollator returns a collator for the documented people order.
func NewPeopleCollator() *PeopleCollator {
	return &PeopleCollator{c: collate.New(language.Und), keys: map[*Person][]byte{}}
}

// Compare orders a before b by sort name, then id.
func (pc *PeopleCollator) Compare(a, b *Person) int {
	return cmp.Or(bytes.Compare(pc.key(a), pc.key(b)), strings.Compare(a.ID, b.ID))
}

func (pc *PeopleCollator) key(p *Person) []byte {
	k, ok := pc.keys[p]
	if !ok {
		k = pc.c.KeyFromString(&pc.buf, sortKey(p)) // valid while buf is not reset
		pc.keys[p] = k
	}
	return k
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
