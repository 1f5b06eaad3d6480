package xliff

import (
	"testing"

	"github.com/BurntSushi/toml"
)

// tomlString writes what the TOML parser reads back, and stringEnd finds
// the end of every form of string, so import edits only the value.
func TestTranslationValues(t *testing.T) {
	for _, s := range []string{"plain", `quote " and \ backslash`, "two\nlines\n\nand a paragraph", "tab\tand \x01 control", "ends in a quote \"", "Über 48 時間"} {
		src := "text = " + tomlString(s) + " # comment\nnext = 1\n"
		var v struct{ Text string }
		if _, err := toml.Decode(src, &v); err != nil || v.Text != s {
			t.Errorf("%q: written %q, read %q (%v)", s, src, v.Text, err)
		}
		end, ok := stringEnd([]byte(src), len("text = "))
		if !ok || src[end:] != " # comment\nnext = 1\n" {
			t.Errorf("%q: the value ends at %d of %q", s, end, src)
		}
	}
	for _, v := range []string{`'literal \ text'`, `'''multi
line'''`, `"""a ""quoted"" "word"""""`, `'''x''''`} {
		src := "text = " + v + "\n"
		end, ok := stringEnd([]byte(src), len("text = "))
		if !ok || src[end:] != "\n" {
			t.Errorf("%s: the value ends at %d", v, end)
		}
	}
	if _, ok := stringEnd([]byte(`text = "unterminated`), len("text = ")); ok {
		t.Error("an unterminated string has an end")
	}
}
