package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/rolepack/rolepack/generator/build"
	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pdf"
	"github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/xlsx"
)

// loaded is a pack ready to render.
type loaded struct {
	dir    string // the content directory
	pack   *model.Pack
	stamp  stamp.Stamp
	report *check.Report
}

// load reads and validates the pack in dir, printing its problems to stderr.
func load(dir string, stderr io.Writer) (*loaded, error) {
	p, err := model.Load(dir)
	if err != nil {
		var errs model.Errors
		if errors.As(err, &errs) {
			for _, d := range errs {
				fmt.Fprintf(stderr, "%s\n", displayPos(dir, d))
			}
			return nil, failed("%d %s in %s", len(errs), plural(len(errs), "problem", "problems"), dir)
		}
		if errors.Is(err, model.ErrNoContent) {
			return nil, misuse("%s (use --content DIR, or \"rolepack init DIR\" to start a pack)", err.Error())
		}
		return nil, failed("%v", err)
	}
	// Problems that do not stop a build, such as an image not shown.
	for _, d := range p.Warnings {
		d.Message = "warning: " + d.Message
		fmt.Fprintf(stderr, "%s\n", displayPos(dir, d))
	}
	st, err := stamp.Compute(stamp.Options{
		Dir: dir, Files: p.Files, Version: p.Document.Version,
		Tool: "rolepack " + toolVersion(), Getenv: os.Getenv, Now: time.Now,
	})
	if err != nil {
		return nil, misuse("%s", err.Error())
	}
	return &loaded{dir: dir, pack: p, stamp: st, report: check.Run(p, st.Date())}, nil
}

// displayPos prefixes a diagnostic's file with the content directory, so
// the path can be opened from where the command ran.
func displayPos(dir string, d model.Diagnostic) string {
	d.Pos.File = joinDisplay(dir, d.Pos.File)
	return d.String()
}

func joinDisplay(dir, file string) string {
	dir = strings.TrimSuffix(dir, "/")
	if dir == "." || dir == "" {
		return file
	}
	return dir + "/" + file
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// outputNames are the outputs --only accepts, in build order.
var outputNames = []string{"json", "pdf", "xlsx", "site"}

func runBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", "build [--content DIR] [--out DIR] [--only LIST] [-q] [--timings]",
		`Load and check the pack, then write its outputs. Everything is written to a
staging directory beside --out and swapped in only when every output
succeeded: a failed build leaves the previous output untouched. Files whose
bytes did not change keep their modification time.

Outputs (the outputs table of README.md describes each file):
  json   rolepack.json and stamp.json, always built    docs/json.md
  pdf    the controlled PDF and the sign-off sheets     docs/pdf.md
  xlsx   the RACI and competence workbook               docs/xlsx.md
  site   the static intranet site                       docs/site.md
Set SOURCE_DATE_EPOCH to fix the build date.`, stdout)
	content := fs.String("content", "content", "the pack's source `DIR`")
	out := fs.String("out", "output", "the output `DIR` (replaced on success)")
	only := fs.String("only", "", "build only these outputs, a comma-separated `LIST` of "+strings.Join(outputNames, ", ")+
		" (json is built anyway; the other outputs already in --out are kept)")
	quiet := fs.Bool("q", false, "print nothing on success")
	timings := fs.Bool("timings", false, "print the time of each stage to stderr (for benchmarks)")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	selected, err := selectOutputs(*only)
	if err != nil {
		return err
	}
	if err := build.CheckDirs(*out, *content); err != nil {
		return misuse("%s", err.Error()) // one line: it names the directories
	}
	start := time.Now()
	l, err := load(*content, stderr)
	if err != nil {
		var ce *cmdError
		if errors.As(err, &ce) && ce.code == exitPack {
			ce.msg += "; nothing was written" // check writes nothing anyway, so only build says so
		}
		return err
	}
	loadTime := time.Since(start)
	r := l.report
	if r.Blocking(l.pack.Document.Status) {
		printFindings(stderr, *content, r)
		return failed("the document is approved but has %d audit %s: fix them, or set status = \"draft\" in pack.toml to build with the findings shown; nothing was written",
			r.Errors, plural(r.Errors, "error", "errors"))
	}
	if !r.Clean() && !*quiet {
		fmt.Fprintf(stderr, "rolepack build: %d %s, %d %s; they are shown in the audit-readiness section of each output (details: rolepack check)\n",
			r.Errors, plural(r.Errors, "error", "errors"), r.Warnings, plural(r.Warnings, "warning", "warnings"))
	}
	res, err := build.Run(build.Options{
		Out: *out, Content: *content, Outputs: l.outputs(selected), Partial: *only != "",
	})
	if err != nil {
		return failed("%v; the previous output in %s is unchanged", err, *out)
	}
	if *timings {
		fmt.Fprintf(stderr, "stage load+resolve %.3fs\n", loadTime.Seconds())
		for _, t := range res.Timings {
			fmt.Fprintf(stderr, "stage %s %.3fs\n", t.Name, t.Duration.Seconds())
		}
		fmt.Fprintf(stderr, "stage write %.3fs\nstage total %.3fs\nfiles %d\nbytes %d\nunchanged %d\n",
			res.Swap.Seconds(), time.Since(start).Seconds(), res.Files, res.Bytes, res.Unchanged)
	}
	if !*quiet {
		fmt.Fprintf(stdout, "built %s: %d files, %s, %d unchanged; stamp %s\n",
			*out, res.Files, humanBytes(res.Bytes), res.Unchanged, l.stamp)
	}
	return nil
}

func selectOutputs(only string) (map[string]bool, error) {
	sel := map[string]bool{}
	if only == "" {
		for _, n := range outputNames {
			sel[n] = true
		}
		return sel, nil
	}
	sel["json"] = true
	for _, n := range strings.Split(only, ",") {
		n = strings.TrimSpace(n)
		if !slices.Contains(outputNames, n) {
			return nil, misuse("--only: unknown output %q (choose from %s)", n, strings.Join(outputNames, ", "))
		}
		sel[n] = true
	}
	return sel, nil
}

// outputs wires the renderers selected for this build.
func (l *loaded) outputs(selected map[string]bool) []build.Output {
	var outs []build.Output
	if selected["json"] {
		outs = append(outs, build.Output{Name: "json", Render: func(w *build.Writer) error {
			if err := w.WriteFile("rolepack.json", l.pack.ExportJSON()); err != nil {
				return err
			}
			return w.WriteFile(build.Marker, l.stamp.JSON())
		}})
	}
	if selected["pdf"] {
		outs = append(outs, build.Output{Name: "pdf", Render: func(w *build.Writer) error {
			data, err := pdf.Document(l.pack, l.stamp, l.report)
			if err != nil {
				return err
			}
			if err := w.WriteFile(pdf.DocumentFile, data); err != nil {
				return err
			}
			if data, err = pdf.SignOff(l.pack, l.stamp); err != nil {
				return err
			}
			return w.WriteFile(pdf.SignOffFile, data)
		}})
	}
	if selected["xlsx"] {
		outs = append(outs, build.Output{Name: "xlsx", Render: func(w *build.Writer) error {
			data, err := xlsx.Workbook(l.pack, l.stamp, l.report)
			if err != nil {
				return err
			}
			return w.WriteFile(xlsx.File, data)
		}})
	}
	if selected["site"] {
		outs = append(outs, build.Output{Name: "site", Render: func(w *build.Writer) error {
			return site.Build(l.pack, l.stamp, l.report, site.Options{Overrides: l.pack.Templates()}, w)
		}})
	}
	return outs
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
