package check

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/model"
)

var (
	ruleIDPattern  = regexp.MustCompile(`^RP-[A-Z]+-[0-9]{2}$`)
	ruleRefPattern = regexp.MustCompile(`^RP-[A-Z]+-[0-9]{2}(/[a-z]+)?$`)
)

// The registry is well formed: ids unique and in the documented form, a
// known severity and checklist item, every text present, and a case name
// exactly when a rule has more than one message.
func TestRegistryIsWellFormed(t *testing.T) {
	items := map[string]bool{}
	for _, it := range checklist {
		items[it.ID] = true
	}
	ids, refs := map[string]bool{}, 0
	for _, r := range Rules() {
		if !ruleIDPattern.MatchString(r.ID) || ids[r.ID] {
			t.Errorf("rule id %q is malformed or declared twice", r.ID)
		}
		ids[r.ID] = true
		if r.Severity != Error && r.Severity != Warning {
			t.Errorf("%s: severity %q", r.ID, r.Severity)
		}
		if !items[r.Item] {
			t.Errorf("%s: checklist item %q is not in the checklist", r.ID, r.Item)
		}
		if r.Finds == "" || r.Remedy == "" || len(r.Messages) == 0 {
			t.Errorf("%s: no documentation line or no message", r.ID)
		}
		if strings.ContainsAny(r.Finds+r.Remedy, "|\n") {
			t.Errorf("%s: a | or a line break would break the table in docs/checks.md", r.ID)
		}
		for _, m := range r.Messages {
			refs++
			if (m.Key == "") == (m.Format == "" || m.Fix == "") || (m.Case == "") != (len(r.Messages) == 1) {
				t.Errorf("%s: message %+v has no text, or a case name where it needs none (or the reverse)", r.ID, m)
			}
		}
	}
	if len(byRef) != refs {
		t.Errorf("%d rule cases but %d distinct refs: a case name is repeated", refs, len(byRef))
	}
}

// Every rule ref the checks write resolves in the registry (so finding
// never panics), and every registered case is raised somewhere (so the
// registry holds no dead wording). The refs are the string literals of the
// package's source outside registry.go.
func TestEveryRefIsRegistered(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range files {
		if name == "registry.go" || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err == nil && ruleRefPattern.MatchString(s) {
				used[s] = true
				if _, ok := byRef[s]; !ok {
					t.Errorf("%s: rule %q is not in the registry", fset.Position(lit.Pos()), s)
				}
			}
			return true
		})
	}
	for ref := range byRef {
		if !used[ref] {
			t.Errorf("registered rule case %s is raised nowhere", ref)
		}
	}
}

// An unknown ref is a programming error, and says which ref.
func TestUnknownRefPanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "RP-NONE-01") {
			t.Errorf("recovered %v, want a panic naming RP-NONE-01", r)
		}
	}()
	finding("RP-NONE-01", model.Pos{})
}

// Every catalogue key the package names exists in English, and every
// message of the findings catalogue is named: the literals "finding.…" of
// the package's source (outside the tests), and each registry case's
// message and fix.
func TestEveryKeyIsInEnglish(t *testing.T) {
	en := map[string]bool{}
	for _, k := range English().Keys() {
		en[k] = true
	}
	used := map[string]bool{}
	use := func(where, k string) {
		used[k] = true
		if !en[k] {
			t.Errorf("%s: message %q is not in catalogues/en/findings.toml", where, k)
		}
	}
	for _, r := range rules {
		for _, m := range r.Messages {
			if m.Key != "" {
				use(r.Ref(m), m.Key+".message")
				use(r.Ref(m), m.Key+".fix")
			}
		}
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || !strings.HasPrefix(s, "finding.") || strings.Contains(s, " ") {
				return true
			}
			if name == "registry.go" {
				return true // the cases' tables, checked above
			}
			use(fset.Position(lit.Pos()).String(), s)
			return true
		})
	}
	for k := range en {
		if strings.HasPrefix(k, "finding.") && !used[k] {
			t.Errorf("message %q of catalogues/en/findings.toml is used nowhere in generator/check", k)
		}
	}
}
