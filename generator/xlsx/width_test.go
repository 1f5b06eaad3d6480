package xlsx

import (
	"strings"
	"testing"
)

// Text is measured in Calibri's widths and wrapped as a spreadsheet wraps
// a cell: at spaces, between wide characters, a word longer than a line
// broken at its edge.
func TestWrappedLines(t *testing.T) {
	// A column 11 wide holds 54 points: four wide characters of 11 pt.
	for _, tc := range []struct {
		text  string
		width float64
		want  int
	}{
		{strings.Repeat("力", 30), 11, 8},
		{"one two three four five six", 11, 3}, // one two / three four / five six
		// The example's activity LibreOffice wrapped in the Activity
		// column (46) while its row was left one line tall.
		{"Remove access and recover assets when someone leaves", 46, 2},
		{"Remove access and recover assets when someone leaves", 60, 1},
		{"first\nsecond", 46, 2},
		{strings.Repeat("m", 40), 11, 7}, // 40 × 8.8 pt broken at the edge
		{"", 11, 1},
	} {
		if got := wrappedLines(tc.text, tc.width, false, 11); got != tc.want {
			t.Errorf("wrappedLines(%q, %v) = %d, want %d", tc.text, tc.width, got, tc.want)
		}
	}
	// Bold is wider: a line that just fits in regular may not in bold.
	if textPoints("Information Security Manager", true, 11) <= textPoints("Information Security Manager", false, 11) {
		t.Error("bold text is no wider than regular")
	}
	// A letter with a diacritic is as wide as its base letter; a mark
	// alone takes no room; a wide character a whole em.
	if textPoints("Ärger", false, 11) != textPoints("Arger", false, 11) || textPoints("\u0301", false, 11) != 0 || textPoints("役", false, 11) != 11 {
		t.Error("diacritics, marks or wide characters measured wrong")
	}
	// Mixed: a Latin word keeps together, wide characters break around it.
	if got := breakable("RACIの記号"); strings.Join(got, "|") != "RACI|の|記|号" {
		t.Errorf("breakable = %q", got)
	}
}
