package model

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// WriteCanonical writes to w what the pack states, in one canonical form:
// the resolved pack as rolepack.json exports it (ExportJSON), then what
// the outputs show that the export leaves out — the pictures the text
// shows, an amount given as zero, and the current translations into each
// of the pack's other languages. It is the pack's part of the content
// hash (generator/stamp), so it holds nothing the outputs do not show:
// no comment, layout, key order or place in a file, no column of the HR
// export that no field reads, no stale translation.
func (p *Pack) WriteCanonical(w io.Writer) {
	w.Write(p.ExportJSON())
	for _, img := range p.Images {
		fmt.Fprintf(w, "image\x00%s\x00%s\x00%d\x00%d\x00%x\x00", img.Name, img.Format, img.Width, img.Height, sha256.Sum256(img.Data))
	}
	for _, r := range p.Roles {
		for i, a := range r.Authorities {
			if a.HasAmount && a.Amount == 0 {
				// The export omits a zero amount; "up to 0 EUR" is printed.
				fmt.Fprintf(w, "zero-amount\x00%s\x00%d\x00", r.ID, i)
			}
		}
	}
	for _, lang := range p.Languages {
		if lang == p.Language {
			continue
		}
		current := p.TranslationState(lang).Current
		texts := make([][3]string, 0, len(current))
		for _, b := range current {
			texts = append(texts, [3]string{b.Unit.Source, b.Unit.ID, b.T.Text})
		}
		slices.SortFunc(texts, func(a, b [3]string) int {
			return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1])
		})
		data, _ := json.Marshal(texts) // strings only: cannot fail
		fmt.Fprintf(w, "translation\x00%s\x00%s\x00", lang, data)
	}
}
