package packtest

import (
	"slices"
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
		for _, part := range Parts(w) {
			if !strings.Contains(text, part) {
				return false
			}
		}
	}
	return true
}

// Parts cuts a word holding right-to-left letters into its runs of
// right-to-left letters (with their marks), of other letters and of
// digits, which pdftotext may set apart ("התשמ״א–1981" reads
// "1981–התשמ״א"; a Chinese phrase after an Arabic name, "…المرزوقي的代理人",
// follows the name's first word, which the line shows next to it);
// another word comes back whole, its punctuation trimmed.
func Parts(w string) []string {
	if !RTL(w) {
		if w = TrimWord(w); w == "" {
			return nil
		}
		return []string{w}
	}
	var parts []string
	var cur []rune
	kind := 0 // 1 letters, 2 digits, 3 right-to-left letters
	flush := func() {
		if len(cur) > 0 {
			parts = append(parts, string(cur))
			cur = nil
		}
	}
	for _, r := range w {
		k := 0
		switch {
		case unicode.IsMark(r) && kind != 0:
			k = kind // a mark stays with its letter
		case rtlLetter(r):
			k = 3
		case unicode.IsLetter(r) || unicode.IsMark(r):
			k = 1
		case unicode.IsDigit(r):
			k = 2
		}
		if k != kind {
			flush()
			kind = k
		}
		if k != 0 {
			cur = append(cur, r)
		}
	}
	flush()
	return parts
}

func rtlLetter(r rune) bool {
	return unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko)
}

// ReadingOrder is a word of pdftotext's -bbox output in reading order:
// the boxes list a right-to-left word's letters as they are drawn, left
// to right, and each run of right-to-left letters is turned round; the
// punctuation and digits around it stay where they are ("دمحم," reads
// "محمد,").
func ReadingOrder(word string) string {
	if !RTL(word) {
		return word
	}
	r := []rune(word)
	rtl := func(c rune) bool {
		return unicode.In(c, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko)
	}
	for i := 0; i < len(r); {
		if !rtl(r[i]) {
			i++
			continue
		}
		j := i
		for j < len(r) && rtl(r[j]) {
			j++
		}
		slices.Reverse(r[i:j])
		i = j
	}
	return string(r)
}

// TrimWord strips the punctuation and symbols around a word, which
// pdftotext moves about a right-to-left phrase.
func TrimWord(w string) string {
	return strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) })
}
