package xlsx

import (
	"strings"
	"testing"
)

// A rotated name is broken onto two lines as evenly as its spaces allow,
// and the row is as tall as the longer line; a name that does not fit
// on two lines of the longest a header may be numbers the columns.
func TestRotatedHeader(t *testing.T) {
	name := "Business Continuity and Crisis Manager"
	first, second := textPoints("Business Continuity", true, 11), textPoints("and Crisis Manager", true, 11)
	if got := twoLineLength(name, true, 11); got != max(first, second) {
		t.Errorf("twoLineLength(%q) = %v, want %v (Business Continuity / and Crisis Manager)", name, got, max(first, second))
	}
	for _, l := range []string{
		name, "Risk Owner", "Group Executive Board (Top Management)", "Ωμέγα Διευθυντής Ασφάλειας Πληροφοριών",
		"Antidisestablishmentarianism officer", "情報セキュリティ管理者", "CISO",
	} {
		h, numbered := rotatedHeader([]string{"CISO", l})
		if numbered {
			t.Errorf("%q: numbered", l)
			continue
		}
		// Every greedy wrap of the name at the row's length takes at
		// most two lines: the longer line fits.
		if need := twoLineLength(l, true, 11) + rotatedPad; h < need {
			t.Errorf("%q: row %v pt, its longer line needs %v", l, h, need)
		}
	}
	if h, numbered := rotatedHeader([]string{"A", "B"}); numbered || h != minRotated {
		t.Errorf("short names: %v pt (numbered %v), want the %v pt minimum", h, numbered, minRotated)
	}
	for _, l := range []string{strings.Repeat("x", 60), strings.Repeat("word ", 20)} {
		if h, numbered := rotatedHeader([]string{"CISO", l}); !numbered || h != numberedHeight {
			t.Errorf("%q: %v pt, numbered %v; want numbered columns", l, h, numbered)
		}
	}
}
