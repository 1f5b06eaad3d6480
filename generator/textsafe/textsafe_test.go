package textsafe

import (
	"testing"
	"unicode/utf8"
)

func TestLine(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Zoë Παπαδοπούλου 山田", "Zoë Παπαδοπούλου 山田"},
		{"\x1b[2J", `\x1b[2J`},
		{"\x1b]0;pwned\x07", `\x1b]0;pwned\x07`},
		{"a\u009b31mb", `a\u009b31mb`},
		{"x\nroles/a.toml:1:1: error", `x\nroles/a.toml:1:1: error`},
		{"x\r\ty", `x\r\ty`},
		{"evil\u202etxt.exe", `evil\u202etxt.exe`},
		{"\u2066a\u2069\u200f", `\u2066a\u2069\u200f`},
		{"a\u2028b", `a\u2028b`},
		{"del\x7f", `del\x7f`},
		{"bad\xffutf8", `bad\xffutf8`},
	}
	for _, c := range cases {
		if got := Line(c.in); got != c.want {
			t.Errorf("Line(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTextKeepsOnlyNewlines(t *testing.T) {
	got := Text("one\ntwo\x1b[2J\rthree")
	if want := "one\ntwo\\x1b[2J\\rthree"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

// FuzzLine checks the property every caller relies on: the result has no
// byte below 0x20, no DEL, no C1 control and no bidi control, and is valid
// UTF-8.
func FuzzLine(f *testing.F) {
	for _, s := range []string{"\x1b[2J", "a\u009bb", "\u202e", "é\n", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Line(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Line(%q) = %q is not valid UTF-8", s, out)
		}
		for _, r := range out {
			if r < 0x20 || r == 0x7f || unsafeRune(r) {
				t.Fatalf("Line(%q) = %q keeps %U", s, out, r)
			}
		}
	})
}

// A cell a spreadsheet would take for a formula is made text.
func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{"Ann": "Ann", "=1+1": "'=1+1", "+49 30": "'+49 30", "-x": "'-x", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx", "": "", "a=b": "a=b"} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}
