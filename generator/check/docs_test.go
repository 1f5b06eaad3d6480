package check_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
)

var update = flag.Bool("update", false, "rewrite the rule table in docs/checks.md from the registry")

const (
	checksDoc  = "../../docs/checks.md"
	tableBegin = "<!-- rules:begin: generated from generator/check/registry.go by `go test ./generator/check -run TestDocs -update`; do not edit -->\n"
	tableEnd   = "<!-- rules:end -->\n"
	updateHint = "go test ./generator/check -run TestDocs -update"
)

// rulesTable renders the registry as the Markdown table of docs/checks.md.
func rulesTable() string {
	var b strings.Builder
	// Blank lines around the table keep the markers out of it in every
	// Markdown renderer.
	b.WriteString("\n| id | severity | finding | fix |\n|---|---|---|---|\n")
	for _, r := range check.Rules() {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", r.ID, r.Severity, r.Finds, r.Remedy)
	}
	b.WriteString("\n")
	return b.String()
}

// The rule table in docs/checks.md is the registry's: a rule added,
// changed or removed in registry.go changes the documentation with it.
func TestDocsTableMatchesRegistry(t *testing.T) {
	doc, err := os.ReadFile(checksDoc)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok1 := bytes.Cut(doc, []byte(tableBegin))
	table, after, ok2 := bytes.Cut(rest, []byte(tableEnd))
	if !ok1 || !ok2 {
		t.Fatalf("%s has no rule table between the lines\n%s and\n%s", checksDoc, tableBegin, tableEnd)
	}
	want := rulesTable()
	if string(table) == want {
		return
	}
	if *update {
		out := bytes.Join([][]byte{before, []byte(tableBegin), []byte(want), []byte(tableEnd), after}, nil)
		if err := os.WriteFile(checksDoc, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the rule table in docs/checks.md differs from the registry (generator/check/registry.go); run\n\t%s\nand review the diff.\nwant:\n%s", updateHint, want)
}
