package model_test

import (
	"encoding/json"
	"fmt"
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

// BenchmarkTranslatedM makes the German copy of a size-M pack translated
// into German throughout (Pack.Translated: the sources decoded again with
// the translations in place). Compare BenchmarkLoadM.
func BenchmarkTranslatedM(b *testing.B) {
	files, err := synth.Generate(synth.Options{Size: synth.M, Seed: 1, AsOf: model.NewDate(2026, 11, 24)})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for _, f := range files {
		data := f.Data
		if f.Path == model.PackFile {
			data = append([]byte("languages = [\"en\", \"de\"]\n"), data...)
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, data, 0o644)
	}
	p, err := model.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	out := map[string][]byte{}
	for _, u := range p.Units() {
		id, _ := json.Marshal(u.ID)
		text, _ := json.Marshal("DE " + u.Text)
		f := model.TranslationFile("de", u.Source)
		out[f] = fmt.Appendf(out[f], "[[unit]]\nid = %s\nsource = %q\ntext = %s\n\n", id, u.Hash(), text)
	}
	for f, data := range out {
		path := filepath.Join(dir, filepath.FromSlash(f))
		os.MkdirAll(filepath.Dir(path), 0o755)
		os.WriteFile(path, data, 0o644)
	}
	if p, err = model.Load(dir); err != nil {
		b.Fatal(err)
	}
	if st := p.TranslationState("de"); len(st.Missing)+len(st.Stale) > 0 {
		b.Fatalf("%d missing, %d stale", len(st.Missing), len(st.Stale))
	}
	for b.Loop() {
		if _, err := p.Translated("de"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(p.Units())), "units")
}
