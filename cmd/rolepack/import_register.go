package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/register"
	"github.com/rolepack/rolepack/generator/textsafe"
	"github.com/rolepack/rolepack/internal/safefile"
)

// mapFlag collects --map values; the flag may be given more than once.
type mapFlag []string

func (m *mapFlag) String() string     { return strings.Join(*m, ",") }
func (m *mapFlag) Set(v string) error { *m = append(*m, v); return nil }

func runImportRegister(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import-register", "import-register --out DIR [--preset NAME] [--map COLUMN=FIELD,...] [--sheet NAME] FILE",
		`Start a pack from the role register or RACI matrix you already keep in a
spreadsheet, FILE (.csv or .xlsx), and write it into --out, a new or empty
directory: pack.toml, people.toml, roles/*.toml, raci.toml (from a RACI
matrix) and review-team.toml, each record with a comment naming the row it
came from, and "FILL IN" where the spreadsheet did not say.

Two shapes are read (docs/format.md, "Starting from a spreadsheet you
already have"):
  a role register   one row per role: role, description, holder, holder
                    e-mail, job title, deputy, responsibilities and
                    authorities one per line in the cell, reports to, …
  a RACI matrix     one row per activity (activity, process, clause) and
                    one column per role, cells R, A, C, I or S (also "R/A",
                    lower case)
Columns are found by their headers, in any case, spacing or accents, in
English, German, French, Spanish or Dutch; --map names the rest, e.g.
--map "Rollenname=role,Bemerkung=ignore". A CSV file may be separated by
commas, semicolons or tabs.

Every cell that cannot be read is reported as FILE:SHEET!CELL (a workbook)
or FILE:LINE:COLUMN (a CSV file), and nothing is written. The pack written
loads and checks without errors; the warnings of "rolepack check" and the
list printed at the end say what to fill in. Its dates are the day of the
import as "rolepack check" counts it (SOURCE_DATE_EPOCH, else the last
git commit's date, else today); the same file and date write the same
bytes.

Exit codes: 0 written; 1 the spreadsheet has problems (nothing written);
2 misuse.`, stdout)
	out := fs.String("out", "", "the new pack's `DIR` (must not exist, or be empty)")
	preset := fs.String("preset", "", "the layout `NAME`: "+strings.Join(register.PresetNames(), " or ")+" (default: recognised by the header)")
	sheet := fs.String("sheet", "", "the workbook sheet `NAME` to read (default: the first with a role or activity column)")
	var maps mapFlag
	fs.Var(&maps, "map", "map columns to fields, `COLUMN=FIELD,...`; fields: "+
		strings.Join(register.Fields[register.ShapeRegister], ", ")+" (register); "+
		strings.Join(register.Fields[register.ShapeRACI], ", ")+", role (RACI); ignore")
	rest, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return misuse("import-register needs the spreadsheet: FILE.csv or FILE.xlsx")
	}
	if *out == "" {
		return misuse("--out is required: the directory of the new pack")
	}
	if err := emptyOrNew(*out); err != nil {
		return err
	}
	columns, err := register.ParseMap(strings.Join(maps, ","))
	if err != nil {
		return misuse("%v", err)
	}
	if *preset != "" && !validPreset(*preset) {
		return misuse("--preset must be one of %s, not %q", strings.Join(register.PresetNames(), ", "), *preset)
	}
	file := rest[0]
	data, err := safefile.ReadFile(file, register.MaxFileBytes)
	if err != nil {
		return failed("%v", err)
	}
	date, err := packDate(*out)
	if err != nil {
		return err
	}
	res, err := register.Read(data, register.Options{Name: file, Sheet: *sheet, Preset: *preset, Map: columns, Date: date})
	if err != nil {
		return registerProblems(stderr, file, err)
	}
	w, err := register.Write(*out, res)
	if errors.Is(err, register.ErrNotEmpty) {
		return misuse("%s is not empty: choose a new or empty directory", *out)
	}
	if err != nil {
		return registerProblems(stderr, file, err)
	}
	printImported(stdout, file, *out, res, w)
	return nil
}

func validPreset(name string) bool {
	for _, p := range register.PresetNames() {
		if strings.EqualFold(p, name) {
			return true
		}
	}
	return false
}

// registerProblems prints the spreadsheet's problems, one a line, and the count.
func registerProblems(stderr io.Writer, file string, err error) error {
	var probs *register.Problems
	if !errors.As(err, &probs) {
		return failed("%v", err)
	}
	for _, p := range probs.List {
		fmt.Fprintln(stderr, textsafe.Line(p.String()))
	}
	n := len(probs.List) + probs.More
	if probs.More > 0 {
		fmt.Fprintf(stderr, "… and %d more\n", probs.More)
	}
	return failed("%d %s in %s; nothing was written", n, plural(n, "problem", "problems"), file)
}

// printImported says what was written and what to fill in next.
func printImported(w io.Writer, file, out string, res *register.Result, written *register.Written) {
	what := "role register"
	if res.Shape == register.ShapeRACI {
		what = "RACI matrix"
	}
	src := textsafe.Line(file)
	if res.Sheet != "" {
		src += " (sheet " + textsafe.Line(res.Sheet) + ")"
	}
	fmt.Fprintf(w, "read the %s %s: %d roles, %d people, %d activities\n", what, src, res.Roles, res.People, res.Activities)
	var paths []string
	for _, f := range res.Files {
		paths = append(paths, f.Path)
	}
	fmt.Fprintf(w, "wrote %s: %s\n", textsafe.Line(out), textsafe.Line(summariseFiles(paths)))
	for _, ig := range res.Ignored {
		fmt.Fprintf(w, "left out column %s\n", textsafe.Line(ig))
	}
	r := written.Report
	fmt.Fprintf(w, "check: %d %s, %d %s%s\n", r.Errors, plural(r.Errors, "error", "errors"),
		r.Warnings, plural(r.Warnings, "warning", "warnings"), ruleCounts(r))
	if r.Errors > 0 {
		// Only register.FontRule lets a pack with errors be written.
		fmt.Fprintf(w, "the errors are %s: names in a script the built-in font cannot print; add a [[font]] for it to pack.toml (docs/format.md, \"[[font]] — typefaces for other scripts\")\n", register.FontRule)
	}
	fmt.Fprintln(w, "fill in next (search the files for FILL IN):")
	for _, t := range res.Todo {
		fmt.Fprintf(w, "  - %s\n", textsafe.Line(t))
	}
	fmt.Fprintf(w, "then: rolepack check --content %s, and rolepack build --content %s --out <output dir>\n", textsafe.Line(out), textsafe.Line(out))
}

// ruleCounts lists the warnings by rule: " (RP-ASG-02 ×12, …)".
func ruleCounts(r *check.Report) string {
	counts := map[string]int{}
	for _, f := range r.Findings {
		counts[f.Rule]++
	}
	if len(counts) == 0 {
		return ""
	}
	var rules []string
	for k := range counts {
		rules = append(rules, k)
	}
	sort.Strings(rules)
	for i, k := range rules {
		rules[i] = fmt.Sprintf("%s ×%d", k, counts[k])
	}
	return " (" + strings.Join(rules, ", ") + ")"
}

// summariseFiles lists the files written, roles/ as a count.
func summariseFiles(paths []string) string {
	var top []string
	roles := 0
	for _, p := range paths {
		if filepath.ToSlash(filepath.Dir(p)) == "roles" {
			roles++
			continue
		}
		top = append(top, p)
	}
	if roles > 0 {
		top = append(top, fmt.Sprintf("roles/ (%d %s)", roles, plural(roles, "file", "files")))
	}
	return strings.Join(top, ", ")
}
