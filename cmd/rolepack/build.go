package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/generator/textsafe"
)

// pipelineOptions are the options every command passes to the pipeline.
func pipelineOptions(content, out string) pipeline.Options {
	return pipeline.Options{
		Content: content, Out: out,
		Tool: "rolepack " + toolVersion(), ToolID: toolID(),
		Getenv: os.Getenv, Now: time.Now,
	}
}

// toolID is a hash of the running executable, so that an output built by
// another build of rolepack is never taken as current.
var toolID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
})

// load reads, stamps and checks the pack in dir, printing its problems
// and warnings to stderr.
func load(dir string, stderr io.Writer) (*pipeline.Loaded, error) {
	l, err := pipeline.Load(context.Background(), pipelineOptions(dir, ""))
	if err != nil {
		return nil, loadError(dir, err, stderr)
	}
	printWarnings(stderr, dir, l.Pack)
	return l, nil
}

// loadError prints a pack's problems and turns err into the command's
// error with its exit code.
func loadError(dir string, err error, stderr io.Writer) error {
	var errs model.Errors
	var usage *pipeline.UsageError
	switch {
	case errors.As(err, &errs):
		for _, d := range errs {
			fmt.Fprintf(stderr, "%s\n", displayPos(dir, d))
		}
		return failed("%d %s in %s", len(errs), plural(len(errs), "problem", "problems"), dir)
	case errors.Is(err, model.ErrNoContent):
		return misuse("%s (use --content DIR, or \"rolepack init DIR\" to start a pack)", err.Error())
	case errors.As(err, &usage):
		return misuse("%s", err.Error())
	}
	return failed("%v", err)
}

// printWarnings prints problems that do not stop a build, such as an image
// that is not shown.
func printWarnings(stderr io.Writer, dir string, p *model.Pack) {
	for _, d := range p.Warnings {
		d.Message = "warning: " + d.Message
		fmt.Fprintf(stderr, "%s\n", displayPos(dir, d))
	}
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

func runBuild(args []string, stdout, stderr io.Writer) error {
	names := pipeline.OutputNames()
	fs := newFlags("build", "build [--content DIR] [--out DIR] [--only LIST] [--force] [-q] [--timings]",
		`Load and check the pack, then write its outputs. Everything is written to a
staging directory beside --out and swapped in only when every output
succeeded: a failed build leaves the previous output untouched. Files whose
bytes did not change keep their modification time. When the output was
already built from the same sources, stamp and program and is intact, the
build says so and writes nothing.

Outputs (the outputs table of README.md describes each file):
  json   rolepack.json, stamp.json and manifest.json, always   docs/json.md
  pdf    the controlled PDF and the sign-off sheets             docs/pdf.md
  people each person's brief and appointment letters (people/)  docs/pdf.md
  xlsx   the RACI and competence workbook                       docs/xlsx.md
  docx   the controlled document as a Word file, for review     docs/docx.md
  site   the staff intranet site (output/site)                  docs/site.md
  isms   its ISMS edition, restricted (output/isms)             docs/readers.md
Set SOURCE_DATE_EPOCH to fix the build date.`, stdout)
	content := fs.String("content", "content", "the pack's source `DIR`")
	out := fs.String("out", "output", "the output `DIR` (replaced on success)")
	only := fs.String("only", "", "build only these outputs, a comma-separated `LIST` of "+strings.Join(names, ", ")+
		" (json is built anyway; the other outputs already in --out are kept)")
	force := fs.Bool("force", false, "rebuild even when the output is current")
	quiet := fs.Bool("q", false, "print nothing on success")
	timings := fs.Bool("timings", false, "print the time of each stage to stderr (for benchmarks)")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	o := pipelineOptions(*content, *out)
	o.Force = *force
	if *only != "" {
		o.Only = strings.Split(*only, ",")
	}
	start := time.Now()
	res, err := pipeline.Build(context.Background(), o)
	if res.Loaded != nil {
		printWarnings(stderr, *content, res.Pack)
	}
	var blocked *pipeline.BlockedError
	switch {
	case errors.As(err, &blocked):
		printFindings(stderr, *content, blocked.Report)
		return failed("%s: fix them, or set status = \"draft\" in pack.toml to build with the findings shown; nothing was written", err.Error())
	case err != nil && res.Loaded == nil:
		err = loadError(*content, err, stderr)
		var ce *cmdError
		if errors.As(err, &ce) && ce.code == exitPack {
			ce.msg += "; nothing was written" // check writes nothing anyway, so only build says so
		}
		return err
	case err != nil:
		return failed("%v; the previous output in %s is unchanged", err, textsafe.Line(*out))
	}
	if res.Current {
		if !*quiet {
			fmt.Fprintf(stdout, "%s is up to date: built from these sources with this rolepack; nothing written (--force rebuilds)\n", textsafe.Line(*out))
		}
		if *timings {
			fmt.Fprintf(stderr, "stage total %.3fs\nfiles 0\nbytes 0\nunchanged 0\n", time.Since(start).Seconds())
		}
		return nil
	}
	r := res.Report
	if !r.Clean() && !*quiet {
		fmt.Fprintf(stderr, "rolepack build: %d %s, %d %s; they are shown in the audit-readiness section of each output (details: rolepack check)\n",
			r.Errors, plural(r.Errors, "error", "errors"), r.Warnings, plural(r.Warnings, "warning", "warnings"))
	}
	if *timings {
		fmt.Fprintf(stderr, "stage load+resolve %.3fs\n", res.Took.Seconds())
		for _, t := range res.Timings {
			fmt.Fprintf(stderr, "stage %s %.3fs\n", t.Name, t.Duration.Seconds())
		}
		fmt.Fprintf(stderr, "stage write %.3fs\nstage total %.3fs\nfiles %d\nbytes %d\nunchanged %d\n",
			res.Swap.Seconds(), time.Since(start).Seconds(), res.Files, res.Bytes, res.Unchanged)
	}
	if !*quiet {
		fmt.Fprintf(stdout, "built %s: %d files, %s, %d unchanged; stamp %s\n",
			textsafe.Line(*out), res.Files, humanBytes(res.Bytes), res.Unchanged, res.Stamp)
	}
	return nil
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
