package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/generator/render"
	"github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/packtest"
)

// flakyWorkbook is the workbook output, panicking as the PDF layout did on
// a list nested 30 levels deep whenever fail is set.
type flakyWorkbook struct {
	xlsx.Renderer
	fail *atomic.Bool
}

func (r flakyWorkbook) Render(ctx context.Context, v *view.View, w render.Writer) error {
	if r.fail.Load() {
		var s []int
		_ = s[:len(s)-1]
	}
	return r.Renderer.Render(ctx, v, w)
}

// useFlakyWorkbook registers a flakyWorkbook in place of the workbook
// output until the test ends, and returns its switch. Call it before
// anything builds in the background (serve's watcher), so that the
// registry is not changed under it.
func useFlakyWorkbook(t *testing.T) *atomic.Bool {
	t.Helper()
	fail := new(atomic.Bool)
	saved := pipeline.Outputs
	pipeline.Outputs = slices.Clone(saved)
	i := slices.IndexFunc(pipeline.Outputs, func(r render.Renderer) bool { return r.Name() == "xlsx" })
	pipeline.Outputs[i] = flakyWorkbook{fail: fail}
	t.Cleanup(func() { pipeline.Outputs = saved })
	return fail
}

// A renderer's panic is one readable line and exit 1, not a stack trace
// and exit 2; the staging directory is gone and the previous output is
// as it was.
func TestBuildReportsARendererPanic(t *testing.T) {
	fail := useFlakyWorkbook(t)
	dir := packtest.Write(t, packtest.Minimal)
	root := t.TempDir()
	out := filepath.Join(root, "out")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--content", dir, "--out", out, "-q"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("first build: exit %d\n%s", code, &stderr)
	}
	before, err := os.ReadFile(filepath.Join(out, "raci-and-competence.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	fail.Store(true)
	stdout.Reset()
	stderr.Reset()
	code := run([]string{"build", "--content", dir, "--out", out, "--force"}, &stdout, &stderr)
	want := "rolepack build: building raci-and-competence.xlsx: internal error in the xlsx output: runtime error: slice bounds out of range [:-1]; please report it; the previous output in " + out + " is unchanged\n"
	if code != exitPack || stderr.String() != want || stdout.Len() != 0 {
		t.Fatalf("exit %d\nstdout %q\nstderr %q\nwant   %q", code, &stdout, &stderr, want)
	}
	after, err := os.ReadFile(filepath.Join(out, "raci-and-competence.xlsx"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("the previous workbook changed (%v)", err)
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".rolepack-") {
			t.Errorf("staging directory left behind: %s", e.Name())
		}
	}
}

// serve survives a rebuild whose renderer panics: the browser gets the
// error page, and the next good build is served again. Served here is the
// ISMS edition, whose downloads bring the (flaky) workbook.
func TestServeSurvivesARendererPanic(t *testing.T) {
	fail := useFlakyWorkbook(t)
	base, content := startServeEdition(t, site.ISMS, nil)
	if code, body := get(t, base); code != 200 || !strings.Contains(body, "Halvora Health Systems") {
		t.Fatalf("home: %d %.200s", code, body)
	}
	fail.Store(true)
	people := filepath.Join(content, "people.toml")
	orig, err := os.ReadFile(people)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(people, bytes.Replace(orig, []byte("Zoë Ñúñez"), []byte("Zoë Ñúñez-Panic"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the error page", func() bool {
		code, body := get(t, base)
		return code == 500 && strings.Contains(body, "building raci-and-competence.xlsx: internal error in the xlsx output: runtime error: slice bounds out of range [:-1]; please report it")
	})
	if _, err := os.Stat(filepath.Join(filepath.Dir(content), "out", site.ISMSDir, "index.html")); err != nil {
		t.Errorf("the last good site is gone: %v", err)
	}
	fail.Store(false)
	if err := os.WriteFile(people, bytes.Replace(orig, []byte("Zoë Ñúñez"), []byte("Zoë Ñúñez-Fixed"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the rebuilt site", func() bool {
		code, body := get(t, base+"people/zoe-nunez.html")
		return code == 200 && strings.Contains(body, "Zoë Ñúñez-Fixed")
	})
}
