package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/textsafe"
)

func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", "check [--content DIR] [--format text|json] [--strict]",
		`Load the pack and run the audit-readiness checks (docs/checks.md). Writes
nothing. "Today" for the checks is the build date of the version stamp
(SOURCE_DATE_EPOCH, else the last commit date, else the clock).

Exit codes: 0 no errors (and, with --strict, no warnings); 1 the pack has
errors, or warnings under --strict; 2 misuse.`, stdout)
	content := fs.String("content", "content", "the pack's source `DIR`")
	format := fs.String("format", "text", "output `FORMAT`: text, or json for tools")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return misuse("--format must be text or json, not %q", *format)
	}
	l, err := load(*content, stderr)
	if err != nil {
		return err
	}
	r := l.Report
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(jsonReport(*content, r)); err != nil {
			return err
		}
	} else {
		printFindings(stdout, *content, r)
		if r.Clean() {
			p := l.Pack
			fmt.Fprintf(stdout, "%s: no findings (%d roles, %d people, %d activities, %d competences; checked as of %s)\n",
				textsafe.Line(*content), len(p.Roles), len(p.People), len(p.Activities), len(p.Competences), r.Date)
		}
	}
	// Load warnings (an image not shown, a link made plain text) count as
	// warnings for --strict too.
	if r.Errors > 0 || (*strict && (r.Warnings > 0 || len(l.Pack.Warnings) > 0)) {
		return &cmdError{code: exitPack}
	}
	return nil
}

// printFindings writes the findings grouped by severity, each as
// "path:line: RULE: message" with its fix beneath, then a summary line.
func printFindings(w io.Writer, content string, r *check.Report) {
	if r.Clean() {
		return
	}
	for _, sev := range []check.Severity{check.Error, check.Warning} {
		first := true
		for _, f := range r.Findings {
			if f.Severity != sev {
				continue
			}
			if first {
				title := map[check.Severity]string{check.Error: "Errors", check.Warning: "Warnings"}[sev]
				fmt.Fprintf(w, "%s:\n", title)
				first = false
			}
			pos := f.Pos
			pos.Col = 0
			pos.File = joinDisplay(content, pos.File)
			// Messages quote names from the sources: escape them, so that
			// every finding is exactly two lines whatever a name holds.
			fmt.Fprintf(w, "%s: %s: %s\n    fix: %s\n", textsafe.Line(pos.String()),
				textsafe.Line(f.Rule), textsafe.Line(f.Message), textsafe.Line(f.Fix))
		}
	}
	fmt.Fprintf(w, "%d %s, %d %s (as of %s)\n", r.Errors, plural(r.Errors, "error", "errors"),
		r.Warnings, plural(r.Warnings, "warning", "warnings"), r.Date)
}

// jsonReport is the documented JSON shape of "rolepack check --format
// json" (docs/checks.md).
func jsonReport(content string, r *check.Report) any {
	type finding struct {
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
		File     string `json:"file"`
		Line     int    `json:"line"`
		Message  string `json:"message"`
		Fix      string `json:"fix"`
		Item     string `json:"item"`
	}
	type item struct {
		ID       string   `json:"id"`
		Title    string   `json:"title"`
		Clause   string   `json:"clause"`
		Status   string   `json:"status"`
		Findings []string `json:"findings"` // rule ids
		Evidence []string `json:"evidence"`
	}
	out := struct {
		Content   string    `json:"content"`
		Date      string    `json:"date"`
		Errors    int       `json:"errors"`
		Warnings  int       `json:"warnings"`
		Findings  []finding `json:"findings"`
		Checklist []item    `json:"checklist"`
	}{Content: content, Date: r.Date.String(), Errors: r.Errors, Warnings: r.Warnings, Findings: []finding{}}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, finding{f.Rule, string(f.Severity), f.Pos.File, f.Pos.Line, f.Message, f.Fix, f.Item})
	}
	for _, it := range r.Checklist {
		ids := []string{}
		for _, f := range it.Findings {
			ids = append(ids, f.Rule)
		}
		out.Checklist = append(out.Checklist, item{it.ID, it.Title, it.Clause, string(it.Status), ids, it.Evidence})
	}
	return out
}
