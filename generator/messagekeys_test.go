package generator_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/messages"
)

// keyCall finds a message asked for by a literal key: Text("x.y"),
// Plural("x.y", …) in Go, {{t "x.y"}} and {{plural "x.y" …}} in a
// template. Keys are literals by rule (docs/messages.md), so this scan
// sees every one.
var keyCall = regexp.MustCompile(`(?:\.Text|\.Plural|\bT|\bplural|\bt)\(?\s*"([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+)"`)

// keyLiteral is any string literal that has the form of a message key:
// keys handed on before they are asked for (a registry's Key, a
// messages.Text's, a table of statuses).
var keyLiteral = regexp.MustCompile(`"((?:ack|base|common|document|signature|brief|letter|finding|diff|workbook|site|translation|training|authority|duration|number|date|competence_kind|language_name)\.[a-z0-9_.]+)"`)

// dynamic are the prefixes of keys asked for by a name made at run time:
// a language's name by its tag, a month by its number, the number format.
var dynamic = []string{"language_name.", "date.", "number.", "site.language_self.", "ack.fact."}

// fixtures are messages no output prints that the messages package keeps
// as its worked examples (docs/messages.md) and test fixtures: a plural
// message and a message with a placeholder, in every language.
var fixtures = []string{"common.gaps", "common.version"}

// TestEveryMessageKeyExists scans rolepack's sources and default templates
// for the message keys they ask for and fails on one English lacks: the
// catalogue would hand the key back, and a reader would see
// "document.responsibilites" on paper.
func TestEveryMessageKeyExists(t *testing.T) {
	en := messages.Builtin(messages.Reference)
	known := en.Keys()
	used := 0
	seen := map[string]bool{}
	for _, root := range []string{".", "../templates"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			ext := filepath.Ext(p)
			if ext != ".go" && ext != ".html" && ext != ".js" || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, m := range keyLiteral.FindAllStringSubmatch(string(data), -1) {
				seen[m[1]] = true
			}
			for i, line := range strings.Split(string(data), "\n") {
				for _, m := range keyCall.FindAllStringSubmatch(line, -1) {
					key := m[1]
					if strings.HasPrefix(key, "generator.") || strings.HasPrefix(key, "github.") {
						continue
					}
					used++
					if !slices.Contains(known, key) {
						t.Errorf("%s:%d: message %q is not in the English catalogue (generator/messages/catalogues/en/)", p, i+1, key)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d uses of %d keys", used, len(known))
	// And the other way: a message no code asks for is dead text a
	// translator would translate for nothing. A registry names a finding's
	// case by its table ("finding.rp_sod_01") and the code asks for its
	// ".message" and ".fix"; a plural's forms are one key.
	for _, key := range known {
		if seen[key] || slices.Contains(fixtures, key) || slices.ContainsFunc(dynamic, func(p string) bool { return strings.HasPrefix(key, p) }) {
			continue
		}
		if i := strings.LastIndexByte(key, '.'); i > 0 && seen[key[:i]] {
			continue
		}
		t.Errorf("message %q of the English catalogue is asked for nowhere: remove it from every language, or use it", key)
	}
}
