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

func TestNearest(t *testing.T) {
	commands := []string{"build", "check", "diff", "leavers", "import-workbook", "translations", "verify", "serve", "init", "synth", "version"}
	buildFlags := []string{"content", "force", "only", "out", "q", "timings"}
	for _, c := range []struct {
		s          string
		candidates []string
		want       string
	}{
		{"biuld", commands, "build"}, // a transposition
		{"bild", commands, "build"},
		{"BUILD", commands, "build"}, // case
		{"chekc", commands, "check"},
		{"verfy", commands, "verify"},
		{"import", commands, "import-workbook"}, // the start of one command
		{"trans", commands, "translations"},
		{"ver", commands, ""}, // the start of two: verify, version
		{"frobnicate", commands, ""},
		{"build", commands, ""}, // itself
		{"ouput", buildFlags, "out"},
		{"output", buildFlags, "out"},
		{"contnet", buildFlags, "content"},
		{"timing", buildFlags, "timings"},
		{"x", buildFlags, ""}, // one letter is not a typo of another
		{"qq", buildFlags, "q"},
		{"xy", buildFlags, ""},
		{"", buildFlags, ""},
		{"ab", []string{"abc", "abd"}, "abc"}, // too short for a prefix; the earlier of a tie
	} {
		if got := typo.Nearest(c.s, c.candidates); got != c.want {
			t.Errorf("Nearest(%q) = %q, want %q", c.s, got, c.want)
		}
	}
}
