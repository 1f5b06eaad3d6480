package pipeline_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/internal/packtest"
)

func fixedDate(string) string { return "1795478400" } // SOURCE_DATE_EPOCH 2026-11-24 for every key

func options(content, out string) pipeline.Options {
	return pipeline.Options{Content: content, Out: out, Tool: "rolepack test", Getenv: fixedDate, Now: time.Now}
}

func TestRegistry(t *testing.T) {
	names := pipeline.OutputNames()
	if names[0] != "json" {
		t.Errorf("the first output is %q; json (the stamp that marks the output) must come first", names[0])
	}
	seen := map[string]bool{}
	files := map[string]string{}
	for _, r := range pipeline.Outputs {
		if seen[r.Name()] {
			t.Errorf("output %q registered twice", r.Name())
		}
		seen[r.Name()] = true
		for _, f := range r.Files() {
			if other, ok := files[f]; ok {
				t.Errorf("%s is written by both %s and %s", f, other, r.Name())
			}
			files[f] = r.Name()
		}
	}
	// The site brings the outputs whose files it links and holds a copy of.
	sel, err := pipeline.Select([]string{"site"})
	var got []string
	for _, r := range sel {
		got = append(got, r.Name())
	}
	if err != nil || strings.Join(got, " ") != "json pdf docx site" {
		t.Errorf("Select(site) = %v, %v; want json pdf docx site", got, err)
	}
	// The ISMS edition links the workbook too.
	sel, err = pipeline.Select([]string{"isms"})
	got = got[:0]
	for _, r := range sel {
		got = append(got, r.Name())
	}
	if err != nil || strings.Join(got, " ") != "json pdf xlsx docx isms" {
		t.Errorf("Select(isms) = %v, %v; want json pdf xlsx docx isms", got, err)
	}
	if sel, err := pipeline.Select([]string{"xlsx"}); err != nil || len(sel) != 2 || sel[1].Name() != "xlsx" {
		t.Errorf("Select(xlsx) = %v, %v; want json and xlsx", sel, err)
	}
	var usage *pipeline.UsageError
	if _, err := pipeline.Select([]string{"pdf", "docs"}); !errors.As(err, &usage) {
		t.Errorf("Select(docs) = %v; want a UsageError", err)
	}
}

func TestBuildWritesEveryRegisteredFile(t *testing.T) {
	dir := packtest.Write(t, packtest.Minimal)
	out := filepath.Join(t.TempDir(), "out")
	res, err := pipeline.Build(context.Background(), options(dir, out))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Outputs, pipeline.OutputNames()) || res.Current {
		t.Errorf("outputs %v, current %v", res.Outputs, res.Current)
	}
	var declared []string
	for _, r := range pipeline.Outputs {
		for _, f := range r.Files() {
			if _, err := os.Stat(filepath.Join(out, f)); err != nil {
				t.Errorf("%s: %v", r.Name(), err)
			}
			declared = append(declared, f)
		}
	}
	// And nothing but what the outputs declare (and the build's manifest):
	// a partial build keeps the others' files by these names.
	err = filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name, _ := filepath.Rel(out, path)
		name = filepath.ToSlash(name)
		if name != "manifest.json" && !slices.ContainsFunc(declared, func(f string) bool {
			return name == f || strings.HasSuffix(f, "/") && strings.HasPrefix(name, f)
		}) {
			t.Errorf("%s is written but no output declares it in Files", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	again, err := pipeline.Build(context.Background(), options(dir, out))
	if err != nil || !again.Current || again.Loaded != nil {
		t.Errorf("second build: current %v, loaded %v, err %v; want current without loading", again.Current, again.Loaded != nil, err)
	}
}

func TestBuildStopsAnApprovedDocumentWithErrors(t *testing.T) {
	pack := packtest.Edit(packtest.Minimal, "people.toml", `id = "eve"`, `id = "eve"
status = "leaver"
left_on = 2026-01-31`)
	dir := packtest.Write(t, pack) // the minimal pack is approved
	out := filepath.Join(t.TempDir(), "out")
	_, err := pipeline.Build(context.Background(), options(dir, out))
	var blocked *pipeline.BlockedError
	if !errors.As(err, &blocked) || blocked.Report.Errors == 0 {
		t.Fatalf("err = %v; want a BlockedError with errors", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a blocked build wrote %s", out)
	}
}

func TestLoadReportsPackErrors(t *testing.T) {
	dir := packtest.Write(t, packtest.Edit(packtest.Minimal, "people.toml", `name = "Eve`, `nmae = "Eve`))
	_, err := pipeline.Load(context.Background(), options(dir, ""))
	var errs model.Errors
	if !errors.As(err, &errs) || !pipeline.IsPackError(err) {
		t.Fatalf("err = %v; want model.Errors", err)
	}
	if _, err := pipeline.Load(context.Background(), options(filepath.Join(dir, "missing"), "")); !errors.Is(err, model.ErrNoContent) {
		t.Errorf("missing content: %v", err)
	}
}
