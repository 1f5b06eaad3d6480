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
	}{ExportSchema, p}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // a file for tools, not for a page: keep "&" readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		panic(err) // every field is a plain value; encoding cannot fail
	}
	return b.Bytes()
}
