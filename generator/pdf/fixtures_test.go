package pdf_test

import (
	"context"
	"sync"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/pdf"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// fixture is a pack of the set with its view, made once per test binary
// and shared by the tests: read-only.
type fixture struct {
	packtest.Loaded
	View *view.View
}

var (
	fixturesOnce sync.Once
	fixtureList  []fixture
)

// fixtures returns the packs of the set (packtest.Packs) with their views.
func fixtures(t testing.TB) []fixture {
	t.Helper()
	loaded := packtest.LoadAll(t)
	fixturesOnce.Do(func() {
		for _, l := range loaded {
			fixtureList = append(fixtureList, fixture{l, view.New(l.Model, st, check.Run(l.Model, l.AsOf))})
		}
	})
	return fixtureList
}

// fixtureNamed returns one pack of the set.
func fixtureNamed(t testing.TB, name string) fixture {
	t.Helper()
	for _, f := range fixtures(t) {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no pack %q in the set", name)
	return fixture{}
}

var (
	peopleMu    sync.Mutex
	peopleFiles = map[string]func() (map[string][]byte, error){}
)

// renderedPeople returns every file the people output writes for the
// fixture's pack, rendered once per test binary: read-only.
func renderedPeople(t *testing.T, f fixture) map[string][]byte {
	t.Helper()
	peopleMu.Lock()
	render, ok := peopleFiles[f.Name]
	if !ok {
		render = sync.OnceValues(func() (map[string][]byte, error) {
			var w memWriter
			err := (pdf.PeopleRenderer{}).Render(context.Background(), f.View, &w)
			return w.files, err
		})
		peopleFiles[f.Name] = render
	}
	peopleMu.Unlock()
	files, err := render()
	if err != nil {
		t.Fatal(err)
	}
	return files
}
