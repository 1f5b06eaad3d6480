package pdf

import (
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/rolepack/rolepack/generator/pdf/pdfdoc"
)

// Text is measured here in glyph units (thousandths of the font size), as
// the text engine shapes it (pdfdoc.Engine: kerning, ligatures, joining
// and the pack's fonts for other scripts): a word is measured whole, as
// it is drawn. Breaking a word too long for its line adds up the widths
// of its runes, each looked up once, instead of measuring longer and
// longer prefixes, so laying out a word costs time linear in its length
// (docs/security.md, "Layout time and nesting").

// minLineWidth is the narrowest line the layout breaks text for: a caller
// that works out a smaller (or negative) width gets lines this wide.
const minLineWidth = 1.0

// atLeast is width, or minLineWidth when width is smaller or not a
// number.
func atLeast(width float64) float64 {
	if !(width >= minLineWidth) {
		return minLineWidth
	}
	return width
}

// measured, when a test sets it (export_test.go), counts the rune widths
// the layout looks up: its unit of work.
var measured *atomic.Int64

// meter measures text in the current font of f.
type meter struct {
	f *pdfdoc.Doc
	n int64 // widths looked up
}

// count adds the meter's work to measured; callers defer it.
func (m *meter) count() {
	if measured != nil {
		measured.Add(m.n)
	}
}

// first returns the width of the first rune of s and its length in bytes.
func (m *meter) first(s string) (units float64, size int) {
	r, size := utf8.DecodeRuneInString(s)
	m.n++
	return m.f.Engine().RuneWidth(r, m.f.Style()), size
}

// units is the width of s, shaped as it is drawn.
func (m *meter) units(s string) float64 {
	m.n += int64(len(s))
	return m.f.Engine().Width(s, m.f.Style())
}

// mm converts glyph units to millimetres as GetStringWidth does.
func (m *meter) mm(units float64) float64 {
	_, size := m.f.GetFontSize()
	return float64(units) * size / 1000
}

// prefix finds the longest part of s, ending before its last rune, that
// fits between x and width with tail glyph units after it (a hyphen, an
// ellipsis): its length in bytes and its width. It is 0, 0 when not even
// one rune fits. Only the runes it keeps, and the one after, are measured.
func (m *meter) prefix(s string, x, width float64, tail float64) (n int, units float64) {
	for n < len(s) {
		u, size := m.first(s[n:])
		if n+size == len(s) || x+m.mm(units+u+tail) > width {
			break
		}
		n += size
		units += u
	}
	return m.cluster(s, n, units)
}

// cluster moves a cut of s after n bytes (units wide) back to a grapheme
// cluster boundary (breaks.go), with the width of what is kept.
func (m *meter) cluster(s string, n int, units float64) (int, float64) {
	c := graphemeFloor(s, n)
	if c == n {
		return n, units
	}
	units = 0
	for i := 0; i < c; {
		u, size := m.first(s[i:])
		units += u
		i += size
	}
	return c, units
}

// A word wider than its line is broken inside. A hyphen is added only
// between two letters of an ordinary word: an id, a date, a URL, an e-mail
// address or a number (a token: a word holding a digit or one of - / . :
// @ _) is broken without adding a character, so that what is printed is
// still the token, and preferably just after a punctuation mark of it.

// isToken reports whether word is a token, broken without a hyphen.
func isToken(word string) bool {
	return strings.IndexFunc(word, func(r rune) bool {
		return unicode.IsDigit(r) || strings.ContainsRune("-/.:@_", r)
	}) >= 0
}

// breaksAfter reports whether a token may break just after r.
func breaksAfter(r rune) bool { return strings.ContainsRune("-/.:@_,;=&?#", r) }

// hyphenLetter reports whether a hyphen may stand beside r: a letter of a
// script written with hyphens (not Han, kana or Hangul).
func hyphenLetter(r rune) bool {
	return unicode.IsLetter(r) && !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// split finds where to break a word s that is wider than what is left of
// its line (from x to width): the longest part that fits, ending before
// the last rune of s, its length in bytes and width, and whether a hyphen
// goes after it. An ordinary word keeps room for a hyphen of hyphenW
// units, added only between two letters; a token (isToken) keeps no room
// and gets none, and breaks after its last punctuation mark in the part
// when that keeps at least half the part. It is 0, 0 when not even one
// rune fits. Only the runes it keeps, and the one after, are measured.
func (m *meter) split(s string, x, width float64, token bool, hyphenW float64) (n int, units float64, hyphen bool) {
	tail := hyphenW
	if token {
		tail = 0
	}
	markN, markUnits := 0, 0.0
	for n < len(s) {
		u, size := m.first(s[n:])
		if n+size == len(s) || x+m.mm(units+u+tail) > width {
			break
		}
		r, _ := utf8.DecodeRuneInString(s[n:])
		n += size
		units += u
		if token && breaksAfter(r) {
			markN, markUnits = n, units
		}
	}
	if n == 0 {
		return 0, 0, false
	}
	if c, cu := m.cluster(s, n, units); c != n {
		n, units = c, cu
		if markN > n {
			markN, markUnits = 0, 0
		}
	}
	if token {
		if markN > 0 && 2*markUnits >= units {
			return markN, markUnits, false
		}
		return n, units, false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:n])
	after, _ := utf8.DecodeRuneInString(s[n:])
	return n, units, hyphenLetter(before) && hyphenLetter(after)
}

// several reports whether s holds more than one rune.
func several(s string) bool {
	_, size := utf8.DecodeRuneInString(s)
	return size < len(s)
}

// textWidth is f.GetStringWidth(s), counted as layout work.
func textWidth(f *pdfdoc.Doc, s string) float64 {
	m := meter{f: f}
	defer m.count()
	return m.mm(m.units(s))
}
