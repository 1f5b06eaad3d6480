package fonts_test

import (
	"testing"

	"github.com/go-text/typesetting/font"

	"github.com/rolepack/rolepack/generator/fonts"
)

// TestTypefaceCovers: every built-in face has a glyph for the letters of
// the scripts docs/pdf.md promises (Latin with Vietnamese, Greek,
// Cyrillic), and its hyphen is narrower than its en dash, so "ISMS-DOC-05"
// does not read as dashes.
func TestTypefaceCovers(t *testing.T) {
	const sample = "AZaz0123456789-–—…•·→ÅØøÆæßÐðÞþŁłŚśŻżČčŘřŠšĞğİıŐőŰűỄễỊịƯưƠơĐđẠạỳ" +
		"ΑΩαωάέήίόύώΛλΠπΣσς" + "АЯаяЁёЇїЄєЂђЋћЙй"
	for _, style := range []fonts.Style{fonts.Regular, fonts.Bold, fonts.Italic, fonts.Mono} {
		f := fonts.Builtin().Chain(style)[0]
		face := font.NewFace(f.Font)
		advance := func(r rune) float32 {
			g, ok := face.NominalGlyph(r)
			if !ok {
				t.Errorf("%s: no glyph for %q (U+%04X)", f.Name, r, r)
				return 0
			}
			return face.HorizontalAdvance(g)
		}
		for _, r := range sample {
			if style != fonts.Mono && r == '→' {
				continue // from the mono face: TestArrowFromTheChain
			}
			advance(r)
		}
		if style != fonts.Mono && advance('-') >= advance('–') {
			t.Errorf("%s: the hyphen is as wide as the en dash", f.Name)
		}
	}
}

// TestArrowFromTheChain: Noto Sans has no arrows; text falls back to the
// built-in mono face for "→", which change lists print.
func TestArrowFromTheChain(t *testing.T) {
	for _, style := range []fonts.Style{fonts.Regular, fonts.Bold, fonts.Italic} {
		found := ""
		for _, f := range fonts.Builtin().Chain(style) {
			if f.Has('→') {
				found = f.Name
				break
			}
		}
		if found == "" {
			t.Errorf("%v: no built-in face of the chain has →", style)
		}
	}
}
