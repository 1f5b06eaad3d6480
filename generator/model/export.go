package model

import (
	"bytes"
	"encoding/json"
)

// ExportSchema names the shape of rolepack.json; it changes only when a
// field is removed or changes meaning (never when one is added).
const ExportSchema = "rolepack-export/1"

// ExportJSON returns the resolved pack as the documented JSON export
// (docs/json.md): indented, with references written as ids, in the order of
// the sources, so the same pack always gives the same bytes.
func (p *Pack) ExportJSON() []byte {
	doc := struct {
		Schema string `json:"schema"`
		*Pack
	}{ExportSchema, p.withEmptyArrays()}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // a file for tools, not for a page: keep "&" readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		panic(err) // every field is a plain value; encoding cannot fail
	}
	return b.Bytes()
}

// withEmptyArrays returns a shallow copy of the pack in which every list
// that docs/json.md documents as an array is one even when empty: a
// consumer should never have to expect null in place of [].
func (p *Pack) withEmptyArrays() *Pack {
	c := *p
	c.Organisation.Areas = orEmpty(c.Organisation.Areas)
	c.Document.Distribution = orEmpty(c.Document.Distribution)
	c.Revisions = orEmpty(c.Revisions)
	c.People = orEmpty(c.People)
	c.Activities = orEmpty(c.Activities)
	c.Scale = orEmpty(c.Scale)
	c.Competences = orEmpty(c.Competences)
	c.Records = orEmpty(c.Records)
	c.Acknowledgements = orEmpty(c.Acknowledgements)
	c.Roles = make([]*Role, len(p.Roles))
	for i, r := range p.Roles {
		rc := *r
		rc.Responsibilities = orEmpty(rc.Responsibilities)
		rc.Authorities = orEmpty(rc.Authorities)
		rc.Requirements = orEmpty(rc.Requirements)
		rc.CommunicateInternal = orEmpty(rc.CommunicateInternal)
		rc.CommunicateExternal = orEmpty(rc.CommunicateExternal)
		rc.References = orEmpty(rc.References)
		rc.ConflictIDs = orEmpty(rc.ConflictIDs)
		rc.Assignments = orEmpty(rc.Assignments)
		c.Roles[i] = &rc
	}
	if p.ReviewTeam != nil {
		t := *p.ReviewTeam
		t.Members = orEmpty(t.Members)
		t.Meetings = orEmpty(t.Meetings)
		t.Agenda = orEmpty(t.Agenda)
		t.Duties = orEmpty(t.Duties)
		c.ReviewTeam = &t
	}
	return &c
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
