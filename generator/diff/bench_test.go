package diff_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rolepack/rolepack/generator/diff"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/synth"
)

// BenchmarkCompareM compares two synthetic M packs of different seeds:
// every role, holder and letter differs, the worst case for the pairing
// of reworded lines.
func BenchmarkCompareM(b *testing.B) {
	load := func(seed int64) *model.Pack {
		files, err := synth.Generate(synth.Options{Size: synth.M, Seed: seed, AsOf: model.NewDate(2026, 11, 24)})
		if err != nil {
			b.Fatal(err)
		}
		dir := b.TempDir()
		for _, f := range files {
			p := filepath.Join(dir, filepath.FromSlash(f.Path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		p, err := model.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		return p
	}
	old, new := load(1), load(2)
	b.ResetTimer()
	for b.Loop() {
		diff.Compare(old, new)
	}
}
