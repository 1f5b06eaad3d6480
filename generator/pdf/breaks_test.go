package pdf

import (
	"slices"
	"testing"
)

func TestCJKParts(t *testing.T) {
	for _, c := range []struct {
		word string
		want []string
	}{
		{"ISMS-DOC-05", []string{"ISMS-DOC-05"}},
		{"2026-10-01", []string{"2026-10-01"}},
		{"東京都", []string{"東", "京", "都"}},
		// Closing punctuation stays with the ideograph before it.
		{"取締役会。", []string{"取", "締", "役", "会。"}},
		{"「通関士」", []string{"「通", "関", "士」"}},
		{"通関士registration", []string{"通", "関", "士", "registration"}},
		{"한국어", []string{"한국어"}},
	} {
		if got := cjkParts(c.word); !slices.Equal(got, c.want) {
			t.Errorf("cjkParts(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}

func TestGraphemeFloor(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want int
	}{
		{"abc", 1, 1},
		{"e\u0301x", 1, 3},  // inside the first cluster: to its end
		{"xe\u0301y", 2, 1}, // before the accent: back to the e's start
		{"शर्मा", 6, 3},     // श|र्मा: the cut inside र्मा goes back
		{"สมชาย", 3, 3},     // between two Thai consonants
		{"ใจดี", 9, 6},      // ด|ี: the vowel stays on its consonant
	} {
		if got := graphemeFloor(c.s, c.n); got != c.want {
			t.Errorf("graphemeFloor(%q, %d) = %d, want %d", c.s, c.n, got, c.want)
		}
	}
}

// A line never breaks at a no-break space: French puts one before ":" and
// inside « », and a ":" alone at the start of a line is a typesetting
// fault.
func TestNoBreakSpaceHolds(t *testing.T) {
	got := words("Il couvre\u00a0: les «\u00a0sites\u00a0» et 1\u202f000\u2007t de fret")
	want := []string{"Il", "couvre\u00a0:", "les", "«\u00a0sites\u00a0»", "et", "1\u202f000\u2007t", "de", "fret"}
	if !slices.Equal(got, want) {
		t.Errorf("words = %q\nwant %q", got, want)
	}
}
