// Package generator_test holds the import rule of rolepack's packages:
// data flows one way, sources → model → check → view → document →
// writers, and a writer never imports another (docs/architecture.md).
package generator_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/rolepack/rolepack/"

// writers are the outputs: each formats the view and links to the others'
// files by the names the view gives, so none imports another.
var writers = []string{"generator/jsonout", "generator/pdf", "generator/xlsx", "generator/docx", "generator/site"}

// allowed is every import of rolepack's own packages that a package's
// non-test files may make. A package missing here, or an import missing
// from its list, fails the test: an edge is added here on purpose, with
// the flow of data in mind, or not at all.
var allowed = map[string][]string{
	// Leaves: no rolepack package below them.
	"generator/textsafe":  {},
	"internal/safefile":   {},
	"internal/atomicfile": {},
	"internal/tmplwalk":   {},
	"internal/docscheck":  {},
	"internal/typo":       {},
	// make dist: the release archives, apart from everything rolepack does.
	"internal/dist":                   {},
	"internal/dist/cmd/rolepack-dist": {"internal/dist"},
	"templates":                       {},
	"generator/fonts":                 {},
	// The acknowledgement ledger's format: what a record means is the
	// model's.
	"generator/ledger":   {},
	"generator/messages": {"internal/typo"},
	"internal/crash":     {"generator/textsafe"},

	// The sources, and what is computed from them alone.
	"generator/model":   {"generator/messages", "generator/fonts", "generator/ledger", "generator/textsafe", "internal/safefile", "internal/typo", "templates"},
	"generator/stamp":   {"generator/fonts", "generator/messages", "generator/model", "templates"},
	"generator/gitsrc":  {"generator/model"},
	"generator/diff":    {"generator/messages", "generator/model", "generator/textsafe"},
	"generator/leavers": {"generator/model", "generator/textsafe"},
	"generator/synth":   {"generator/model"},
	"generator/history": {"generator/model", "generator/diff", "generator/gitsrc"},
	"generator/check":   {"generator/messages", "generator/fonts", "generator/model", "generator/leavers"},

	// The facts every output shows, then what the documents say: the
	// letters' text from their templates, and the document model.
	"generator/view":     {"generator/messages", "generator/model", "generator/stamp", "generator/check", "generator/diff", "generator/history"},
	"generator/letters":  {"generator/messages", "generator/model", "generator/view", "internal/typo", "internal/tmplwalk", "templates"},
	"generator/document": {"generator/messages", "generator/model", "generator/view", "generator/diff", "generator/letters"},
	"generator/render":   {"generator/view"},

	// The PDF writer's own layers: font subsets, and the PDF objects
	// with the text engine over the faces.
	"generator/pdf/subset": {},
	"generator/pdf/pdfdoc": {"generator/fonts", "generator/pdf/subset"},

	// The writers.
	"generator/jsonout": {"generator/render", "generator/view"},
	"generator/pdf":     {"generator/messages", "generator/fonts", "generator/pdf/pdfdoc", "generator/model", "generator/stamp", "generator/view", "generator/document", "generator/render", "generator/letters", "internal/crash"},
	"generator/xlsx":    {"generator/messages", "generator/model", "generator/stamp", "generator/check", "generator/view", "generator/render"},
	"generator/docx":    {"generator/messages", "generator/model", "generator/view", "generator/document", "generator/render"},
	"generator/site":    {"generator/messages", "generator/model", "generator/view", "generator/document", "generator/render", "internal/crash", "internal/tmplwalk", "templates"},

	// Above the writers: what reads the outputs back, and the build.
	// importxlsx reads the workbook a meeting edited, by its sheet names.
	"generator/importxlsx": {"generator/messages", "generator/model", "generator/stamp", "generator/diff", "generator/view", "generator/xlsx", "internal/safefile", "internal/atomicfile"},
	"generator/xliff":      {"generator/model", "internal/atomicfile"},
	"generator/verify":     {"generator/stamp", "internal/safefile"},
	// register starts a new pack from a spreadsheet, and checks it.
	"generator/register": {"generator/model", "generator/check"},
	"generator/build":    {"generator/stamp", "internal/crash"},
	// The acknowledgement service: links, the service, export and merge.
	"generator/ackservice": {"generator/ledger", "generator/messages", "generator/model", "generator/textsafe"},
	"generator/pipeline": {"generator/messages", "generator/fonts", "generator/model", "generator/stamp", "generator/check", "generator/history", "generator/view", "generator/render",
		"generator/build", "generator/jsonout", "generator/pdf", "generator/xlsx", "generator/docx", "generator/site", "internal/crash", "internal/safefile"},

	// What the acknowledgement commands do with the ledger: whom
	// RP-COMM-01 asks, the text of a version at its git_ref.
	"generator/acks": {"generator/check", "generator/history", "generator/ledger", "generator/model", "generator/textsafe", "internal/typo"},

	// Test helpers.
	"internal/packtest": {"generator/model", "generator/synth"},
	"internal/sample":   {"generator/view"},
}

// TestImportRule reads the imports of every package under generator/,
// internal/ and templates/ (test files aside) and fails on each import the
// table above does not allow, naming the edge and the rule it breaks.
func TestImportRule(t *testing.T) {
	imports := map[string]map[string]bool{}
	for _, top := range []string{".", "../internal", "../templates"} {
		err := filepath.WalkDir(top, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			pkg := packageOf(filepath.Dir(path))
			if imports[pkg] == nil {
				imports[pkg] = map[string]bool{}
			}
			for _, spec := range f.Imports {
				p, err := strconv.Unquote(spec.Path.Value)
				if err != nil {
					return err
				}
				if rest, ok := strings.CutPrefix(p, module); ok {
					imports[pkg][rest] = true
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(imports) < len(allowed)/2 {
		t.Fatalf("found only %d packages: is the test running in generator/?", len(imports))
	}
	for _, pkg := range slices.Sorted(maps.Keys(imports)) {
		ok, known := allowed[pkg]
		if !known {
			t.Errorf("%s is not in the import table of generator/imports_test.go: add it with the imports it may make", pkg)
			continue
		}
		for _, dep := range slices.Sorted(maps.Keys(imports[pkg])) {
			if !slices.Contains(ok, dep) {
				t.Errorf("forbidden import: %s imports %s (%s)", pkg, dep, why(pkg, dep))
			}
		}
	}
	for pkg := range allowed {
		if _, ok := imports[pkg]; !ok {
			t.Errorf("%s is in the import table but has no Go files: remove it", pkg)
		}
	}
}

// TestImportTable checks the table itself against the rule, so that an
// edge added to it cannot break the rule unnoticed.
func TestImportTable(t *testing.T) {
	for pkg, deps := range allowed {
		for _, dep := range deps {
			if r := broken(pkg, dep); r != "" {
				t.Errorf("the table allows %s to import %s, which breaks the rule: %s", pkg, dep, r)
			}
		}
	}
}

// broken says which rule the edge from → to breaks, or "".
func broken(from, to string) string {
	lower := []string{"generator/model", "generator/messages", "generator/fonts", "generator/ledger", "generator/textsafe", "internal/safefile", "internal/typo", "templates"}
	switch {
	case slices.Contains(writers, from) && slices.Contains(writers, to):
		return "a writer never imports another writer: the file names they share are the view's, the facts are the view's"
	case from == "generator/view" && (slices.Contains(writers, to) || to == "generator/document" || to == "generator/letters"):
		return "the view computes facts and imports no writer nor the document"
	case from == "generator/document" && (slices.Contains(writers, to) || to == "generator/render"):
		return "the document says what the documents say and imports no writer"
	case from == "generator/letters" && to == "generator/document":
		return "the document model builds the letters from the letters' text, not the other way round"
	case slices.Contains(lower, from) && !slices.Contains(lower, to):
		return "the model and what it stands on import nothing above them"
	case from == "generator/letters" && slices.Contains(writers, to):
		return "the letters are typeset by the pdf output and import no writer"
	}
	return ""
}

// why explains a forbidden edge: the rule it breaks, else that it is not
// in the table.
func why(from, to string) string {
	if r := broken(from, to); r != "" {
		return r
	}
	return "not in the table of generator/imports_test.go; if data should flow that way, add it there"
}

// packageOf is the module-relative path of the package in dir, a path
// relative to generator/.
func packageOf(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	root, err := filepath.Abs("..")
	if err != nil {
		return dir
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return dir
	}
	return filepath.ToSlash(rel)
}
