package pdf

import (
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// TestTypefaceCovers: every embedded face has a glyph for the letters of
// the scripts docs/pdf.md promises (Latin with Vietnamese, Greek,
// Cyrillic), and its hyphen is narrower than its en dash, so "ISMS-DOC-05"
// does not read as dashes.
func TestTypefaceCovers(t *testing.T) {
	const sample = "AZaz0123456789-–—…•·ÅØøÆæßÐðÞþŁłŚśŻżČčŘřŠšĞğİıŐőŰűỄễỊịƯưƠơĐđẠạỳ" +
		"ΑΩαωάέήίόύώΛλΠπΣσς" + "АЯаяЁёЇїЄєЂђЋћЙй"
	for name, data := range map[string][]byte{"regular": sansRegular, "bold": sansBold, "italic": sansItalic, "mono": monoRegular} {
		f, err := sfnt.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var b sfnt.Buffer
		advance := func(r rune) fixed.Int26_6 {
			i, err := f.GlyphIndex(&b, r)
			if err != nil || i == 0 {
				t.Errorf("%s: no glyph for %q (U+%04X)", name, r, r)
				return 0
			}
			a, err := f.GlyphAdvance(&b, i, fixed.I(1000), font.HintingNone)
			if err != nil {
				t.Fatal(err)
			}
			return a
		}
		for _, r := range sample {
			advance(r)
		}
		if name != "mono" && advance('-') >= advance('–') {
			t.Errorf("%s: the hyphen is as wide as the en dash", name)
		}
	}
}
