package model

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
