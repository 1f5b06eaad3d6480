package xlsx

import (
	"strings"
	"testing"
)

// lines wraps s greedily at spaces into lines of at most width characters
// (a longer word alone on its line), as a spreadsheet wraps a cell.
func lines(s string, width int) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		if n := len(out); n > 0 && len([]rune(out[n-1]))+1+len([]rune(w)) <= width {
			out[n-1] += " " + w
			continue
		}
		out = append(out, w)
	}
	return out
}

func longest(ls []string) int {
	n := 0
	for _, l := range ls {
		n = max(n, len([]rune(l)))
	}
	return n
}

// A rotated header row is tall enough for every label on two lines, and
// no taller than it must be.
func TestRotatedHeightFitsEveryLabel(t *testing.T) {
	labels := []string{
		"Business Continuity and Crisis Manager", "Risk Owner", "Group Executive Board (Top Management)",
		"Supplier and Third-Party Security Manager", "Ωμέγα Διευθυντής Ασφάλειας Πληροφοριών", "CISO",
		"Head of Security Operations and Incident Response Lead", "Antidisestablishmentarianism officer",
		strings.Repeat("word ", 20),
	}
	for _, l := range labels {
		w := wrappedWidth(l, 2)
		if got := lines(l, w); len(got) > 2 {
			t.Errorf("%q at width %d: %d lines %q", l, w, len(got), got)
		}
		for narrower := 1; narrower < w; narrower++ {
			if ls := lines(l, narrower); len(ls) <= 2 && longest(ls) < w {
				t.Errorf("%q: width %d is not the narrowest on two lines (%q)", l, w, ls)
			}
		}
		h := rotatedHeight([]string{"CISO", l})
		if need := float64(w)*6.5 + 12; h < min(need, 409) {
			t.Errorf("%q: row %v pt for a line of %d characters (%v pt)", l, h, w, need)
		}
	}
	if h := rotatedHeight([]string{"A", "B"}); h != 48 {
		t.Errorf("short labels: %v pt, want the 48 pt minimum", h)
	}
	if h := rotatedHeight([]string{strings.Repeat("x", 300)}); h != 409 {
		t.Errorf("a 300-character word: %v pt, want Excel's 409 pt limit", h)
	}
	// The label that was cut in print: its first line alone is 30 characters.
	if w := wrappedWidth("Business Continuity and Crisis Manager", 2); w != 19 {
		t.Errorf("wrapped width %d, want 19 (Business Continuity / and Crisis Manager)", w)
	}
}
