package xlsx

import (
	"strings"
	"testing"
)

// A Chinese or Japanese character takes about two Latin widths, and a line
// of them breaks between any two: rows of wrapped CJK text and rotated CJK
// headers are sized for that.
func TestWidthsOfWideText(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"Role", 4}, {"Ärger", 5}, {"役割", 4}, {"RACIの記号", 10}, {"（全員）", 8}, {"管理评审小组", 12},
	} {
		if got := textWidth(tc.s); got != tc.want {
			t.Errorf("textWidth(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
	// A column 11 wide holds 12 Latin characters, and 4 wide ones (each
	// two and a half Latin ones): 30 of them take 8 lines, broken between
	// characters without spaces.
	if got := wrappedLines(strings.Repeat("力", 30), 11); got != 8 {
		t.Errorf("30 wide characters in width 11: %d lines, want 8", got)
	}
	// Latin text wraps at spaces as before.
	if got := wrappedLines("one two three four five six", 11); got != 3 {
		t.Errorf("Latin text: %d lines, want 3", got)
	}
	// Mixed: a Latin word keeps together, wide characters break around it.
	if got := breakable("RACIの記号"); strings.Join(got, "|") != "RACI|の|記|号" {
		t.Errorf("breakable = %q", got)
	}
	// A rotated header of eight wide characters on two lines needs the
	// height of four of them, each two widths.
	if got, want := wrappedWidth("情報セキュリティ", 2), 8; got != want {
		t.Errorf("wrappedWidth of 8 wide characters on 2 lines = %d, want %d", got, want)
	}
	if rotatedHeight([]string{"情報セキュリティ管理者"}) <= rotatedHeight([]string{"Information"}) {
		t.Error("a rotated header of 11 wide characters is no taller than one of 11 Latin letters")
	}
}
