package packtest

import (
	"strings"
	"unicode"
)

// What pdftotext reads out of a PDF with right-to-left text, and how the
// tests compare it with the sources. pdftotext gives every word's letters
// in logical order, but it keeps the words of a right-to-left phrase
// inside a left-to-right line in display order ("Dear כהן דוד" for "Dear
// דוד כהן"), moves the spaces and brackets around the phrase, and marks
// it with embedding characters. The PDF is not at fault: it draws glyphs
// in display order, as every PDF does, with a ToUnicode entry for each.

// StripMarks removes the embedding, isolate and direction marks
// pdftotext puts around right-to-left text.
func StripMarks(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f {
			return -1
		}
		return r
	}, s)
}

// RTL reports whether s holds a letter of a right-to-left script.
func RTL(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko) {
			return true
		}
	}
	return false
}

// PDFHas reports whether text, read out of a PDF by pdftotext (StripMarks
// applied), holds want. Without right-to-left letters want must be in it
// as it is, whitespace aside; with them, each of want's words, stripped
// of the punctuation around it, must be in it, its letters in logical
// order.
func PDFHas(text, want string) bool {
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	if !RTL(want) {
		return strings.Contains(flat(text), flat(want))
	}
	for _, w := range strings.Fields(want) {
		w = strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) })
		if w != "" && !strings.Contains(text, w) {
			return false
		}
	}
	return true
}
