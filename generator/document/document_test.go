package document_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/letters"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
	"github.com/rolepack/rolepack/internal/sample"
)

var update = flag.Bool("update", false, "rewrite the golden text of each test pack's document (review the diff!)")

var st = stamp.Stamp{Version: "2.1", ContentHash: strings.Repeat("ab", 32), BuildDate: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), Tool: "rolepack test"}

// TestGolden: what the controlled document of each test pack says, as
// text, is its golden file in testdata/. A change to a sentence, a table
// or the order of the parts shows in the diff of those files; run with
// -update to rewrite them, then read the diff.
func TestGolden(t *testing.T) {
	for _, pk := range packtest.LoadAll(t) {
		v := view.New(pk.Model, st, check.Run(pk.Model, pk.AsOf))
		t.Run(pk.Name, func(t *testing.T) {
			golden(t, filepath.Join("testdata", pk.Name+".txt"), document.New(v).Text())
		})
		// The sheets and letters of the pack's sample of people
		// (internal/sample), whose rules pick the most varied.
		t.Run(pk.Name+"/people", func(t *testing.T) {
			tmpl, err := letters.Load(pk.Model.Templates())
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, pick := range sample.People(v) {
				pv := pick.Person
				fmt.Fprintf(&b, "==== %s (%s)\n", pv.ID, strings.Join(pick.Why, ", "))
				b.WriteString(document.Brief(v, pv).Text())
				for _, l := range letters.For(v, pv) {
					tp := tmpl.Appointment
					if l.Kind == letters.Deputy {
						tp = tmpl.Deputy
					}
					body, err := tp.Execute(l.Fields)
					if err != nil {
						t.Fatal(err)
					}
					fmt.Fprintf(&b, "---- %s\n", l.File)
					b.WriteString(document.NewLetter(v, l, body).Text())
				}
			}
			golden(t, filepath.Join("testdata", pk.Name+"-people.txt"), b.String())
		})
	}
}

// golden compares got with the golden file, or rewrites it with -update.
func golden(t *testing.T, file, got string) {
	t.Helper()
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
	if got == string(want) {
		return
	}
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
