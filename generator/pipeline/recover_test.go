package pipeline_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/rolepack/rolepack/generator/pdf"
	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/generator/render"
	"github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/packtest"
)

// panicking is an output that panics as the PDF layout did on a list
// nested 30 levels deep, in the goroutine the pipeline runs it in.
type panicking struct{ xlsx.Renderer }

func (panicking) Render(context.Context, *view.View, render.Writer) error {
	var s []int
	_ = s[:len(s)-1]
	return nil
}

// panicOnWrite wraps a real output and hands it a writer that panics on
// the first file whose name matches: the panic happens wherever the
// output writes that file, in one of its own worker goroutines for the
// site and the people folders.
type panicOnWrite struct {
	render.Renderer
	match *regexp.Regexp
}

func (p panicOnWrite) Render(ctx context.Context, v *view.View, w render.Writer) error {
	return p.Renderer.Render(ctx, v, &panicWriter{Writer: w, match: p.match})
}

type panicWriter struct {
	render.Writer
	match *regexp.Regexp
	once  sync.Once
}

func (w *panicWriter) WriteFile(name string, data []byte) error {
	if w.match.MatchString(name) {
		w.once.Do(func() { panic("boom in " + name) })
	}
	return w.Writer.WriteFile(name, data)
}

// buildThenFail builds the minimal pack, then builds it again with r in
// place of its output, and checks that the second build failed with a
// message matching want, removed its staging directory and left the first
// build's output as it was.
func buildThenFail(t *testing.T, r render.Renderer, want string) {
	t.Helper()
	dir := packtest.Write(t, packtest.Minimal)
	out := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.Build(context.Background(), options(dir, out)); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	pipeline.ReplaceOutput(t, r)
	o := options(dir, out)
	o.Force = true
	_, err := pipeline.Build(context.Background(), o)
	if err == nil || !regexp.MustCompile(want).MatchString(err.Error()) {
		t.Fatalf("got  %v\nwant %s", err, want)
	}
	if after := snapshot(t, out); after != before {
		t.Error("the failed build changed the previous output")
	}
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".rolepack-") {
			t.Errorf("staging directory left behind: %s", e.Name())
		}
	}
}

// snapshot lists every file of dir with its size and modification time.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %d %s\n", p, info.Size(), info.ModTime())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestPanicInARendererFailsTheBuild(t *testing.T) {
	buildThenFail(t, panicking{},
		`^building raci-and-competence\.xlsx: internal error in the xlsx output: runtime error: slice bounds out of range \[:-1\]; please report it$`)
}

// The PDF renderer names which of its two files it was making.
func TestPanicNamesTheFile(t *testing.T) {
	buildThenFail(t, panicOnWrite{pdf.Renderer{}, regexp.MustCompile(`^acknowledgement-sheets\.pdf$`)},
		`^building acknowledgement-sheets\.pdf: internal error in the pdf output: boom in acknowledgement-sheets\.pdf; please report it$`)
}

// A panic in one of the site's page workers, or the people folders'
// workers, is recovered in that goroutine: the process lives, and the
// build fails naming the page or the person's file.
func TestPanicInARendererGoroutineFailsTheBuild(t *testing.T) {
	t.Run("site", func(t *testing.T) {
		buildThenFail(t, panicOnWrite{site.Renderer{}, regexp.MustCompile(`^site/roles/`)},
			`^building site/roles/[a-z0-9-]+\.html: internal error in the site output: boom in site/roles/[a-z0-9-]+\.html; please report it$`)
	})
	t.Run("people", func(t *testing.T) {
		buildThenFail(t, panicOnWrite{pdf.PeopleRenderer{}, regexp.MustCompile(`^people/.*/brief\.pdf$`)},
			`^building people/[a-z0-9-]+/brief\.pdf: internal error in the people output: boom in people/[a-z0-9-]+/brief\.pdf; please report it$`)
	})
}

// checkTemplates is a renderer's code run while the pack loads, before
// any build: a panic there is an error of Load.
type panickingCheck struct{ site.Renderer }

func (panickingCheck) CheckTemplates(fs.FS) error { panic("template check") }

func TestPanicInATemplateCheckIsAnError(t *testing.T) {
	pipeline.ReplaceOutput(t, panickingCheck{})
	dir := packtest.Write(t, packtest.Minimal)
	_, err := pipeline.Load(context.Background(), options(dir, ""))
	if want := "internal error in the site output: template check; please report it"; err == nil || err.Error() != want {
		t.Fatalf("got  %v\nwant %s", err, want)
	}
}
