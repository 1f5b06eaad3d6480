package pdf_test

import (
	"bytes"
	"context"
	"runtime"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/letters"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pdf"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// TestPeopleRenderInParallel renders the people's files of the minimal and
// example packs on several workers and on one, and asserts the same files
// with the same bytes. make test runs it under the race detector (the
// workers share the view and the writer); there the example is rendered
// on four workers only, a second, serial render would add a minute and
// nothing for the detector to watch.
func TestPeopleRenderInParallel(t *testing.T) {
	for name, dir := range map[string]string{"minimal": packtest.Write(t, packtest.Minimal), "example": "../../content"} {
		t.Run(name, func(t *testing.T) {
			p, err := model.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			v := view.New(p, st, check.Run(p, packtest.PacksAsOf))
			tmpl, err := letters.Load(p.Templates())
			if err != nil {
				t.Fatal(err)
			}
			render := func(procs int) map[string][]byte {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				var w memWriter
				if err := pdf.People(context.Background(), v, tmpl, &w); err != nil {
					t.Fatal(err)
				}
				return w.files
			}
			parallel := render(4)
			if raceDetector && name == "example" {
				if len(parallel) == 0 {
					t.Fatal("no files")
				}
				return
			}
			serial := render(1)
			if len(parallel) == 0 || len(parallel) != len(serial) {
				t.Fatalf("%d files on four workers, %d on one", len(parallel), len(serial))
			}
			for name, data := range serial {
				if !bytes.Equal(parallel[name], data) {
					t.Errorf("%s differs between four workers and one", name)
				}
			}
		})
	}
}
