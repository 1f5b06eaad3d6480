package pdf

import (
	"sync/atomic"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
)

// Text is measured here in fpdf's glyph units (thousandths of the font
// size), the unit fpdf's GetStringWidth adds up before it scales: the width
// of a text computed from the widths of its parts is exactly what
// GetStringWidth gives for the whole. Breaking a word adds up the widths of
// its runes, each looked up once, instead of measuring longer and longer
// prefixes, so laying out a word costs time linear in its length
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
	f *fpdf.Fpdf
	n int64 // rune widths looked up
}

// count adds the meter's work to measured; callers defer it.
func (m *meter) count() {
	if measured != nil {
		measured.Add(m.n)
	}
}

// absent is a character no font of the document has: fpdf gives it the
// font's width for a missing glyph.
const absent = "\uffff"

// first returns the width of the first rune of s and its length in bytes.
func (m *meter) first(s string) (units, size int) {
	r, size := utf8.DecodeRuneInString(s)
	m.n++
	if r > 0xffff {
		// fpdf's width table stops at U+FFFF, and it indexes one past
		// the end for U+10000; every rune beyond has the missing width.
		return m.f.GetStringSymbolWidth(absent), size
	}
	return m.f.GetStringSymbolWidth(s[:size]), size
}

// units is the width of s.
func (m *meter) units(s string) int {
	w := 0
	for i := 0; i < len(s); {
		u, size := m.first(s[i:])
		w += u
		i += size
	}
	return w
}

// mm converts glyph units to millimetres as GetStringWidth does.
func (m *meter) mm(units int) float64 {
	_, size := m.f.GetFontSize()
	return float64(units) * size / 1000
}

// prefix finds the longest part of s, ending before its last rune, that
// fits between x and width with tail glyph units after it (a hyphen, an
// ellipsis): its length in bytes and its width. It is 0, 0 when not even
// one rune fits. Only the runes it keeps, and the one after, are measured.
func (m *meter) prefix(s string, x, width float64, tail int) (n, units int) {
	for n < len(s) {
		u, size := m.first(s[n:])
		if n+size == len(s) || x+m.mm(units+u+tail) > width {
			break
		}
		n += size
		units += u
	}
	return n, units
}

// several reports whether s holds more than one rune.
func several(s string) bool {
	_, size := utf8.DecodeRuneInString(s)
	return size < len(s)
}

// textWidth is f.GetStringWidth(s), counted as layout work.
func textWidth(f *fpdf.Fpdf, s string) float64 {
	m := meter{f: f}
	defer m.count()
	return m.mm(m.units(s))
}
