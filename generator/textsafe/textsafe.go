// Package textsafe makes values from a pack safe to print on a terminal or
// in a log. A source value can carry escape sequences (clear the screen, set
// the window title), line breaks that forge a second "file:line: error" line,
// or bidirectional controls that make a name read backwards. Every text
// output of rolepack passes such values through Line or Text first; JSON
// output is escaped by its encoder instead.
package textsafe

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Line returns s with every control character, line break, bidirectional
// control and invalid UTF-8 byte written as a visible escape (\n, \x1b,
// \u202e), so that s prints as exactly one line that cannot drive the
// terminal. Ordinary text, accents, Greek and CJK included, is unchanged.
func Line(s string) string { return escape(s, false) }

// Text is Line for a message of several lines: a line feed is kept, every
// other control is escaped. Use it only for text whose lines rolepack itself
// composed, with source values already passed through Line.
func Text(s string) string { return escape(s, true) }

func escape(s string, keepNewline bool) string {
	i := firstUnsafe(s, keepNewline)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case r == '\n' && keepNewline:
			b.WriteByte('\n')
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\x`)
			b.WriteString(hex2(byte(r)))
		case unsafeRune(r):
			b.WriteString(`\u`)
			h := strconv.FormatInt(int64(r), 16)
			b.WriteString(strings.Repeat("0", 4-len(h)))
			b.WriteString(h)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// firstUnsafe is the index of the first byte that needs escaping, or -1.
func firstUnsafe(s string, keepNewline bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && !(keepNewline && c == '\n')) || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unsafeRune(r) {
			return i
		}
		i += size
	}
	return -1
}

// unsafeRune reports the non-ASCII runes a terminal acts on: the C1
// controls (U+0080–U+009F, among them the one-character CSI U+009B), the
// Unicode line and paragraph separators, and the bidirectional controls.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x2028 || r == 0x2029: // line and paragraph separator
		return true
	case r == 0x061c || r == 0x200e || r == 0x200f: // ALM, LRM, RLM
		return true
	case r >= 0x202a && r <= 0x202e: // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	}
	return false
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}

// CSVCell is s safe for a spreadsheet program to open from a CSV file: a
// value starting with =, +, -, @, a tab or a carriage return, which a
// spreadsheet would take for a formula, gets a leading apostrophe.
func CSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
