package view

import (
	"unicode"

	"golang.org/x/text/width"
)

// A grid's column headers (the RACI's roles, the competence matrix's
// competences) are names turned a quarter turn. A name is shown so when it
// wraps, at its spaces, into at most HeadMaxLines lines of HeadLineEms
// each; when any name of a grid does not, the grid numbers its columns and
// keys the numbers to the names above it (RACI.Numbered,
// Competence.Numbered). One decision for every output that cannot measure
// its own text: the site (whose browser wraps the names) and any other
// output that follows it. The PDF measures its names with its own fonts and
// decides for its page.
const (
	// HeadLineEms is the longest line of a turned header, in ems of the
	// header's text, as HeadEms estimates it. An output gives its turned
	// headers room for a longer line (the site: HeadLineEms plus a seventh),
	// so that an estimate a little short still wraps into the same lines.
	HeadLineEms = 14.0
	// HeadMaxLines is the most lines a turned header wraps into.
	HeadMaxLines = 2
)

// HeadsFit reports whether every name wraps into HeadMaxLines lines of
// HeadLineEms: false means the grid's columns are numbered.
func HeadsFit(names []string) bool {
	for _, n := range names {
		if !headFits(n) {
			return false
		}
	}
	return true
}

// headFits wraps name greedily at its break opportunities (spaces, and
// around each wide character, such as a Chinese or Japanese one) and
// reports whether it takes at most HeadMaxLines lines, no word longer than
// a line.
func headFits(name string) bool {
	lines, line := 1, 0.0
	word, space := 0.0, 0.0
	place := func() bool {
		if word == 0 {
			return true
		}
		if word > HeadLineEms {
			return false
		}
		switch {
		case line == 0:
			line = word
		case line+space+word <= HeadLineEms:
			line += space + word
		default:
			lines++
			line = word
		}
		word, space = 0, 0
		return lines <= HeadMaxLines
	}
	for _, r := range name {
		switch {
		case unicode.IsSpace(r):
			if !place() {
				return false
			}
			if line > 0 {
				space = runeEms(' ')
			}
		case isWide(r):
			if !place() {
				return false
			}
			word = runeEms(r)
			if !place() {
				return false
			}
		default:
			word += runeEms(r)
		}
	}
	return place()
}

// HeadEms estimates the width of s on one line, in ems of a sans-serif
// face: generous for Latin capitals and wide letters, one em for a wide
// character, nothing for a combining mark.
func HeadEms(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += runeEms(r)
	}
	return w
}

func isWide(r rune) bool {
	k := width.LookupRune(r).Kind()
	return k == width.EastAsianWide || k == width.EastAsianFullwidth
}

// runeEms is a character's estimated advance in ems, on the wide side of
// common sans-serif faces (DejaVu Sans, Noto Sans, Segoe UI, San
// Francisco).
func runeEms(r rune) float64 {
	switch {
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r):
		return 0
	case isWide(r):
		return 1
	case r == ' ':
		return 0.28
	case r == 'M' || r == 'W' || r == 'm' || r == 'w' || r == '@' || r == '%':
		return 0.9
	case r == 'i' || r == 'j' || r == 'l' || r == 'I' || r == '.' || r == ',' || r == ':' || r == ';' || r == '\'' || r == '!' || r == '|':
		return 0.28
	case r == 'f' || r == 't' || r == 'r' || r == '(' || r == ')' || r == '[' || r == ']' || r == '-' || r == '/':
		return 0.4
	case unicode.IsUpper(r):
		return 0.7
	case r < 0x80:
		return 0.58
	default:
		// Other scripts' letters (Greek, Cyrillic, Arabic, Devanagari,
		// Thai …) and Latin letters with diacritics.
		return 0.7
	}
}
