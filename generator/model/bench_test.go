package model_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/synth"
)

// BenchmarkLoadM loads (reads, parses, decodes, resolves) a size-M pack.
func BenchmarkLoadM(b *testing.B) {
	files, err := synth.Generate(synth.Options{Size: synth.M, Seed: 1, AsOf: model.NewDate(2026, 11, 24)})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, f.Data, 0o644)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := model.Load(dir); err != nil {
			b.Fatal(err)
		}
	}
}
