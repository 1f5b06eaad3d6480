package document_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

var update = flag.Bool("update", false, "rewrite the golden text of each test pack's document (review the diff!)")

var st = stamp.Stamp{Version: "2.1", ContentHash: strings.Repeat("ab", 32), BuildDate: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), Tool: "rolepack test"}

// TestGolden: what the controlled document of each test pack says, as
// text, is its golden file in testdata/. A change to a sentence, a table
// or the order of the parts shows in the diff of those files; run with
// -update to rewrite them, then read the diff.
func TestGolden(t *testing.T) {
	for _, pk := range packtest.LoadAll(t) {
		t.Run(pk.Name, func(t *testing.T) {
			v := view.New(pk.Model, st, check.Run(pk.Model, pk.AsOf))
			got := document.New(v).Text()
			file := filepath.Join("testdata", pk.Name+".txt")
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update, then review)", err)
			}
			if got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := range max(len(gl), len(wl)) {
					g, w := "", ""
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("%s differs from line %d:\ngot:  %q\nwant: %q\n(run go test -run TestGolden -update if the change is meant, then review the diff)", file, i+1, g, w)
					}
				}
			}
		})
	}
}
