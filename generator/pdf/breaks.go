package pdf

import (
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/segmenter"
)

// Where text may break besides its spaces. Chinese and Japanese are
// written without spaces: a line may end between two ideographs or kana,
// where the Unicode line-breaking algorithm (UAX #14, go-text/segmenter)
// allows it, which keeps closing punctuation ("。", "」") off the start of
// a line and opening brackets off its end. Elsewhere the layout breaks
// only at spaces, so that an id or a date ("ISMS-DOC-05", "2026-10-01")
// moves to the next line whole rather than at its hyphen.
//
// A word too long for its line is cut between grapheme clusters, never
// inside one: a Devanagari conjunct, a Thai vowel on its consonant or a
// letter with its combining accent stay together.

// ideographic reports the characters between which UAX #14's breaks are
// taken: Han, kana, Bopomofo, and the CJK punctuation and fullwidth forms
// written with them.
func ideographic(r rune) bool {
	if r < 0x2e80 { // below the CJK radicals: none
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo) ||
		r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef
}

// cjkParts cuts a word (no spaces) where UAX #14 allows a break next to
// an ideographic character; a word without one comes back whole.
func cjkParts(word string) []string {
	if !hasIdeograph(word) {
		return []string{word}
	}
	var seg segmenter.Segmenter
	seg.Init([]rune(word))
	var parts []string
	start := 0 // byte offset of the part being built
	it := seg.LineIterator()
	for it.Next() {
		l := it.Line()
		end := l.OffsetInBytes + l.LengthInBytes
		if end >= len(word) {
			break
		}
		before, _ := utf8.DecodeLastRuneInString(word[:end])
		after, _ := utf8.DecodeRuneInString(word[end:])
		if ideographic(before) || ideographic(after) {
			parts = append(parts, word[start:end])
			start = end
		}
	}
	return append(parts, word[start:])
}

func hasIdeograph(s string) bool {
	for _, r := range s {
		if ideographic(r) {
			return true
		}
	}
	return false
}

// graphemeFloor moves a byte offset n into s back to the start of the
// grapheme cluster holding it; an offset inside the first cluster moves
// forward to its end, so that something is always kept.
func graphemeFloor(s string, n int) int {
	if n <= 0 || n >= len(s) {
		return n
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return n
	}
	var seg segmenter.Segmenter
	seg.Init([]rune(s))
	it := seg.GraphemeIterator()
	prev := 0
	for it.Next() {
		g := it.Grapheme()
		end := g.OffsetInBytes + g.LengthInBytes
		if end == n {
			return n
		}
		if end > n {
			if prev == 0 {
				return end
			}
			return prev
		}
		prev = end
	}
	return n
}
