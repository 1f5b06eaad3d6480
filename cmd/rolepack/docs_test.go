package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestHelpMatchesREADME: every command the program has is in the README's
// table of commands, and every flag its --help lists is in the README's
// table of flags, on that command's row. The README is what a new user
// reads first; a flag missing there does not exist for them.
func TestHelpMatchesREADME(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	problems := helpVersusREADME(t, string(readme))
	for _, p := range problems {
		t.Error(p)
	}
}

// TestHelpCheckFindsGaps is the self-test: a README without a command's
// row or a flag's row fails the check.
func TestHelpCheckFindsGaps(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	cut := string(readme)
	cut = strings.Replace(cut, "| `rolepack leavers", "| `rolepack leaverz", 1)
	cut = strings.Replace(cut, "| build | `--timings` |", "| build | `--timing` |", 1)
	got := helpVersusREADME(t, cut)
	want := []string{
		`flag --timings of "build" is not in the README's table of flags`,
		`command "leavers" is not in the README's table of commands`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// flagLine is a flag in the flag package's usage: "  -name ARG" or
// "  -q\tusage".
var flagLine = regexp.MustCompile(`(?m)^  -([a-z][a-z0-9-]*)`)

// helpVersusREADME lists what --help knows and the README does not.
func helpVersusREADME(t *testing.T, readme string) []string {
	t.Helper()
	var problems []string
	for _, c := range commands() {
		if !strings.Contains(readme, "| `rolepack "+c.name+"`") && !strings.Contains(readme, "| `rolepack "+c.name+" ") {
			problems = append(problems, `command "`+c.name+`" is not in the README's table of commands`)
		}
		var stdout, stderr bytes.Buffer
		if code := run([]string{c.name, "--help"}, &stdout, &stderr); code != exitOK {
			t.Fatalf("rolepack %s --help: exit %d: %s", c.name, code, stderr.String())
		}
		rows := flagRows(readme, c.name)
		for _, m := range flagLine.FindAllStringSubmatch(stdout.String(), -1) {
			name := m[1]
			if !strings.Contains(rows, "`--"+name) && !strings.Contains(rows, "`-"+name+"`") {
				problems = append(problems, "flag --"+name+` of "`+c.name+`" is not in the README's table of flags`)
			}
		}
	}
	return problems
}

// flagRows returns the rows of the README's flag table for one command:
// "| build | `--content DIR` | …".
func flagRows(readme, command string) string {
	var b strings.Builder
	for _, line := range strings.Split(readme, "\n") {
		if strings.HasPrefix(line, "| "+command+" | ") {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.String()
}
