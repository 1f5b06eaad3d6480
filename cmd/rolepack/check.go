package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/pipeline"
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
	// A pack whose only problems are unknown references is checked
	// without them (the report says it is partial); build refuses it.
	o := pipelineOptions(*content, "")
	o.Partial = true
	l, err := pipeline.Load(context.Background(), o)
	if err != nil {
		return loadError(*content, err, stderr)
	}
	printWarnings(stderr, *content, l.Pack)
	r := l.Report
	if *format == "json" {
		out, err := r.JSON(*content)
		if err != nil {
			return err
		}
		if _, err := stdout.Write(out); err != nil {
			return err
		}
	} else {
		printUnresolved(stdout, *content, r)
		printFindings(stdout, *content, r)
		if r.Clean() {
			p := l.Pack
			fmt.Fprintf(stdout, "%s: no findings (%d roles, %d people, %d activities, %d competences; checked as of %s)\n",
				textsafe.Line(*content), len(p.Roles), len(p.People), len(p.Activities), len(p.Competences), r.Date)
		}
		printSinglePoints(stdout, *content, r.SinglePoints)
	}
	// Load warnings (an image not shown, a link made plain text) count as
	// warnings for --strict too.
	if r.Errors > 0 || r.Partial() || (*strict && (r.Warnings > 0 || len(l.Pack.Warnings) > 0)) {
		return &cmdError{code: exitPack}
	}
	return nil
}

// printFindings writes the findings grouped by severity, each as
// "path:line: RULE: message" with its fix beneath and then each related
// place (the assignment that needs a record, the requirement that asks
// for it …) as "see: path:line", then a summary line.
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
			// every finding is exactly two lines, and one more per related
			// place, whatever a name holds.
			fmt.Fprintf(w, "%s: %s: %s\n    fix: %s\n", textsafe.Line(pos.String()),
				textsafe.Line(f.Rule), textsafe.Line(f.Message), textsafe.Line(f.Fix))
			for _, rel := range f.Related {
				rel.Col = 0
				rel.File = joinDisplay(content, rel.File)
				fmt.Fprintf(w, "    see: %s\n", textsafe.Line(rel.String()))
			}
		}
	}
	partial := ""
	if r.Partial() {
		n := len(r.Unresolved)
		partial = fmt.Sprintf("; partial: %d unknown %s left out", n, plural(n, "reference", "references"))
	}
	fmt.Fprintf(w, "%d %s, %d %s (as of %s)%s\n", r.Errors, plural(r.Errors, "error", "errors"),
		r.Warnings, plural(r.Warnings, "warning", "warnings"), r.Date, partial)
}

// printUnresolved writes the unknown references a partial report was
// checked without, each as "path:line:col: unknown …", before the
// findings, which are then of the rest of the pack only.
func printUnresolved(w io.Writer, content string, r *check.Report) {
	if !r.Partial() {
		return
	}
	fmt.Fprintf(w, "Unknown references (left out: the checks below ran on the rest of the pack, so the result is partial):\n")
	for _, d := range r.Unresolved {
		fmt.Fprintf(w, "%s\n", displayPos(content, d))
	}
}

// printSinglePoints writes the single-points-of-failure report after the
// findings: not findings, but where one person's loss would break the
// roles, for the ISMS manager to plan cover.
func printSinglePoints(w io.Writer, content string, sp check.SinglePoints) {
	if sp.Empty() {
		return
	}
	fmt.Fprintf(w, "Single points of failure (not findings; plan cover for them):\n")
	for _, o := range sp.People {
		var roles []string
		for i, r := range o.Roles {
			roles = append(roles, fmt.Sprintf("%s (%s)", r.Name, o.Why[i]))
		}
		fmt.Fprintf(w, "  %s holds %d critical roles: %s\n", textsafe.Line(o.Person.Name), len(o.Roles), textsafe.Line(strings.Join(roles, ", ")))
	}
	for _, l := range sp.Roles {
		pos := l.Pos
		pos.Col = 0
		pos.File = joinDisplay(content, pos.File)
		fmt.Fprintf(w, "  %s: %s is the only holder of %q, with no active deputy\n", textsafe.Line(pos.String()), textsafe.Line(l.Holder.Name), textsafe.Line(l.Role.Name))
	}
	for _, s := range sp.Seats {
		what := "the review team's only cover for " + s.Name
		if s.Area == nil {
			what = "the review team's only member from senior leadership"
		}
		fmt.Fprintf(w, "  %s is %s (losing them breaks %s)\n", textsafe.Line(s.Person.Name), textsafe.Line(what), s.Rule)
	}
}
