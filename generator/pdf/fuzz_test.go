package pdf_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pdf"
)

// The most work FuzzLayoutWork allows per byte of text: looser than the
// tests of hostile_test.go, since any text may come (a line, a paragraph
// or a list item of one character each costs more per byte than a word),
// and still far below what work in the square of the length gives for
// texts of a few thousand bytes.
const (
	fuzzWidthsPerByte = 64
	fuzzAllocsPerByte = 128
	fuzzWorkBeside    = 50_000
)

// FuzzLayoutWork sets fuzzed text every way a document sets a value
// (pdf.LayOut: as Markdown, a paragraph, a label, a table cell, a chart
// box, a line with no room and a shortened header) and fails when the
// layout panics or fails, or when its work (rune widths looked up, heap
// allocations) is more than a linear function of the text's length allows.
// Work is counted, not timed. The seeds are the cases of issue #25.
func FuzzLayoutWork(f *testing.F) {
	for _, s := range []string{
		"Runs the ISMS.",
		strings.Repeat("x", 1_000),
		strings.Repeat("N", 2_000),
		strings.Repeat("x", 10_000),
		strings.Repeat("[", 9_000) + "word" + strings.Repeat("]", 9_000),
		nestedList(30, "Item"),
		nestedList(30, strings.Repeat("z", 300)),
		strings.Repeat("> ", 40) + strings.Repeat("q", 500),
		strings.Repeat("a**b**`c`[d](https://example.com/)", 300),
		strings.Repeat("Ω", 3_000) + " Zoë Ñúñez Ελένη Дмитрий",
		strings.Repeat("a\n", 2_000),
		strings.Repeat("- a\n", 1_000),
		// Every script and direction, mixed: bidi levels, ideographs
		// broken by UAX #14, grapheme clusters kept whole.
		strings.Repeat("Deputy for דוד כהן (ID 42), محمد عبد الله 2024; ", 200),
		strings.Repeat("東京都千代田区丸の内「通関士」。", 300),
		strings.Repeat("अनिल शर्मा สมชายใจดี გიორგი ", 300),
		strings.Repeat("\u202eabc\u202c \u2067שלום\u2069 e\u0301", 300),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4*model.MaxTextRunes || !utf8.ValidString(s) {
			t.Skip("the loader accepts no such value")
		}
		w, _, err := pdf.LayOut(s)
		if err != nil {
			t.Fatalf("%d bytes: %v", len(s), err)
		}
		if limit := uint64(fuzzWidthsPerByte*len(s) + fuzzWorkBeside); w.Widths > limit {
			t.Errorf("%d bytes: %d widths looked up, more than %d", len(s), w.Widths, limit)
		}
		if limit := uint64(fuzzAllocsPerByte*len(s) + fuzzWorkBeside); w.Allocs > limit {
			t.Errorf("%d bytes: %d allocations, more than %d", len(s), w.Allocs, limit)
		}
	})
}
