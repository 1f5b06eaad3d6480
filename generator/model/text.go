package model

import "unicode"

// This file holds the character rules of source values: which characters
// each kind of value may hold (docs/format.md, "Text"; docs/security.md,
// "Invisible and direction characters").

// textKind says which characters a string value may hold beyond printable
// text.
type textKind int

const (
	// shortText is a one-line value: a title, an e-mail address, an entry
	// of a list. No line breaks and no bidirectional controls, which can
	// make the line display as another.
	shortText textKind = iota
	// nameText is a short value that names something and is compared with
	// other names: a person's or role's name, a category, a version. Besides
	// the rules of short text it may hold no invisible character, so that
	// no two names differ only by what cannot be seen.
	nameText
	// longText is a paragraph (purpose, scope, education, experience, a
	// revision summary): it may hold line breaks and the direction marks
	// that right-to-left prose needs, but no embedding, override or isolate.
	longText
)

// textProblem returns the first character s may not hold as a value of the
// given kind, what it is, and its position in s counted in characters from
// one. what is "" when s is acceptable.
func textProblem(s string, kind textKind) (what string, r rune, position int) {
	for _, r := range s {
		position++
		switch {
		case r == '\t', r == '\n' && kind == longText:
		case r < 0x20 || r >= 0x7f && r <= 0x9f:
			return "a control character", r, position
		case (r == 0x2028 || r == 0x2029) && kind != longText:
			return "a line break", r, position
		case isBidiFormatting(r), kind != longText && isBidiMark(r):
			return "a bidirectional control character", r, position
		case kind == nameText && IsDefaultIgnorable(r) && !joinsOrSelects(r):
			return "an invisible character", r, position
		}
	}
	return "", 0, 0
}

// isBidiFormatting reports the embeddings, overrides and isolates: invisible
// characters that change the direction of all the text after them, up to
// their terminator or the end of the paragraph.
func isBidiFormatting(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// isBidiMark reports the left-to-right, right-to-left and Arabic letter
// marks: invisible characters that set the direction of the punctuation and
// digits beside them.
func isBidiMark(r rune) bool { return r == 0x200e || r == 0x200f || r == 0x061c }

// IsDefaultIgnorable reports whether r has the Unicode property
// Default_Ignorable_Code_Point: a renderer that does not support it draws
// nothing, so two texts that differ only by such characters look the same.
// The checks compare names without them.
func IsDefaultIgnorable(r rune) bool { return unicode.Is(defaultIgnorable, r) }

// defaultIgnorable is Default_Ignorable_Code_Point as DerivedCoreProperties.txt
// of Unicode 15 lists it. Neither the standard library nor golang.org/x/text
// exports it; TestDefaultIgnorableTable derives it again from the standard
// library's tables.
var defaultIgnorable = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x00ad, Hi: 0x00ad, Stride: 1}, // soft hyphen
		{Lo: 0x034f, Hi: 0x034f, Stride: 1}, // combining grapheme joiner
		{Lo: 0x061c, Hi: 0x061c, Stride: 1}, // Arabic letter mark
		{Lo: 0x115f, Hi: 0x1160, Stride: 1}, // Hangul choseong and jungseong fillers
		{Lo: 0x17b4, Hi: 0x17b5, Stride: 1}, // Khmer inherent vowels
		{Lo: 0x180b, Hi: 0x180f, Stride: 1}, // Mongolian free variation selectors, vowel separator
		{Lo: 0x200b, Hi: 0x200f, Stride: 1}, // zero width space, non-joiner, joiner; LRM, RLM
		{Lo: 0x202a, Hi: 0x202e, Stride: 1}, // embeddings and overrides
		{Lo: 0x2060, Hi: 0x206f, Stride: 1}, // word joiner, invisible operators, isolates, deprecated formats
		{Lo: 0x3164, Hi: 0x3164, Stride: 1}, // Hangul filler
		{Lo: 0xfe00, Hi: 0xfe0f, Stride: 1}, // variation selectors 1–16
		{Lo: 0xfeff, Hi: 0xfeff, Stride: 1}, // zero width no-break space (byte-order mark)
		{Lo: 0xffa0, Hi: 0xffa0, Stride: 1}, // halfwidth Hangul filler
		{Lo: 0xfff0, Hi: 0xfff8, Stride: 1}, // reserved
	},
	R32: []unicode.Range32{
		{Lo: 0x1bca0, Hi: 0x1bca3, Stride: 1}, // shorthand format controls
		{Lo: 0x1d173, Hi: 0x1d17a, Stride: 1}, // musical symbol beams and phrases
		{Lo: 0xe0000, Hi: 0xe0fff, Stride: 1}, // tags, variation selectors 17–256, reserved
	},
	LatinOffset: 1,
}

// joinsOrSelects reports the invisible characters a name may still need,
// each acting on the letter before or around it: the zero-width non-joiner
// and joiner (Persian, Hindi and the other scripts that need them, and emoji
// sequences), the variation selectors (a glyph variant, such as the
// ideographic variation sequences of Japanese names) and the Mongolian free
// variation selectors and vowel separator.
func joinsOrSelects(r rune) bool {
	return r == 0x200c || r == 0x200d || r >= 0x180b && r <= 0x180f ||
		r >= 0xfe00 && r <= 0xfe0f || r >= 0xe0100 && r <= 0xe01ef
}
