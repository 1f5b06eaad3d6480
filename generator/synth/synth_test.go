package synth_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/synth"
)

var asOf = model.NewDate(2026, 11, 24)

func write(t testing.TB, files []synth.File) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestGeneratedPackLoads(t *testing.T) {
	size := synth.Size{Roles: 30, People: 300, Activities: 60, Competences: 12}
	files, err := synth.Generate(synth.Options{Size: size, Seed: 7, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	p, err := model.Load(write(t, files))
	if err != nil {
		t.Fatalf("synthetic pack does not load:\n%v", err)
	}
	if len(p.Roles) != 30 || len(p.People) != 300 || len(p.Activities) != 60 || len(p.Competences) != 12 {
		t.Errorf("got %d roles, %d people, %d activities, %d competences", len(p.Roles), len(p.People), len(p.Activities), len(p.Competences))
	}
	if plan := p.TrainingPlan(); len(plan) != 0 {
		t.Errorf("clean pack has %d competence gaps", len(plan))
	}
}

func TestDeterministic(t *testing.T) {
	gen := func(seed int64) []synth.File {
		f, err := synth.Generate(synth.Options{Size: synth.Size{Roles: 10, People: 100, Activities: 10, Competences: 4}, Seed: seed, AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	a, b, c := gen(1), gen(1), gen(2)
	same := func(x, y []synth.File) bool {
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i].Path != y[i].Path || !bytes.Equal(x[i].Data, y[i].Data) {
				return false
			}
		}
		return true
	}
	if !same(a, b) {
		t.Error("same seed, different packs")
	}
	if same(a, c) {
		t.Error("different seeds, same pack")
	}
}

func TestPlantedGapsReachTheTrainingPlan(t *testing.T) {
	files, err := synth.Generate(synth.Options{Size: synth.Size{Roles: 20, People: 200, Activities: 20, Competences: 6}, Seed: 1, AsOf: asOf, Findings: 8})
	if err != nil {
		t.Fatal(err)
	}
	p, err := model.Load(write(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(p.TrainingPlan()); got != 2 {
		t.Errorf("8 planted findings include 2 gaps; the training plan has %d", got)
	}
}

func TestSizeValidation(t *testing.T) {
	if _, err := synth.Generate(synth.Options{Size: synth.Size{Roles: 10, People: 20, Activities: 1, Competences: 2}, AsOf: asOf}); err == nil {
		t.Error("too few people accepted")
	}
}

func BenchmarkGenerateM(b *testing.B) {
	for b.Loop() {
		if _, err := synth.Generate(synth.Options{Size: synth.M, Seed: 1, AsOf: asOf}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestChecksClean(t *testing.T) {
	for _, planted := range []int{0, 8} {
		files, err := synth.Generate(synth.Options{Size: synth.Size{Roles: 40, People: 400, Activities: 80, Competences: 10}, Seed: 3, AsOf: asOf, Findings: planted})
		if err != nil {
			t.Fatal(err)
		}
		p, err := model.Load(write(t, files))
		if err != nil {
			t.Fatal(err)
		}
		r := check.Run(p, asOf)
		if len(r.Findings) != planted {
			for _, f := range r.Findings {
				t.Logf("%s %s %s", f.Pos, f.Rule, f.Message)
			}
			t.Errorf("%d planted findings, %d found", planted, len(r.Findings))
		}
	}
}
