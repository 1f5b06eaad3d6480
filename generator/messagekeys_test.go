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

// TestEveryMessageKeyExists scans rolepack's sources and default templates
// for the message keys they ask for and fails on one English lacks: the
// catalogue would hand the key back, and a reader would see
// "document.responsibilites" on paper.
func TestEveryMessageKeyExists(t *testing.T) {
	en := messages.Builtin(messages.Reference)
	known := en.Keys()
	used := 0
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
}
