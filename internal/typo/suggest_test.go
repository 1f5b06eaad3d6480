package typo_test

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/internal/typo"
)

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "abc", 0},
		{"responsibilites", "responsibilities", 1},
		{"authorites", "authorities", 1},
		{"teh", "the", 1}, // a transposition is one edit
		{"kitten", "sitting", 3},
		{"Zoë", "Zoe", 1}, // runes, not bytes
		{"", "abc", 3},
		{strings.Repeat("a", 65), "a", 1 << 20},
	} {
		if got := typo.Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
