package subset_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/pdf/subset"
)

// FuzzSubset feeds mutated fonts to Parse and Subset: they must return, in
// bounded time, an error or a program, and never panic. Run it with
// -fuzzminimizetime 0: minimizing each new 2 KB input otherwise takes the
// fuzzer most of its time (a few executions a second instead of ~40 000).
func FuzzSubset(f *testing.F) {
	// Small fonts, so the fuzzer's mutations reach every table; the repo's
	// own 500 KB fonts only when those are missing.
	dir := filepath.Join(modCache(), "golang.org/x/image@v0.47.0/font/testdata")
	seeds := 0
	for _, s := range []string{filepath.Join(dir, "glyfTest.ttf"), filepath.Join(dir, "CFFTest.otf")} {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b, uint16(3))
			seeds++
		}
	}
	if seeds == 0 {
		f.Add(readFile(f, repoFonts+"NotoSansMono-Regular.ttf"), uint16(3))
	}
	f.Fuzz(func(t *testing.T, data []byte, g uint16) {
		start := time.Now()
		font, err := subset.Parse(data, 0)
		if err != nil {
			return
		}
		n := font.NumGlyphs()
		gids := []uint16{g, uint16(n - 1)}
		for i := 0; i < n && i < 64; i++ {
			gids = append(gids, uint16(i))
		}
		p, err := font.Subset(gids)
		if err == nil && (len(p.Old) == 0 || p.Old[0] != 0) {
			t.Fatalf("Old = %v", p.Old)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("took %v", d)
		}
	})
}

func BenchmarkSubsetTrueType(b *testing.B) {
	data := readFile(b, repoFonts+"NotoSans-Regular.ttf")
	f, err := subset.Parse(data, 0)
	if err != nil {
		b.Fatal(err)
	}
	face := parseFace(b, data, 0)
	var gids []uint16
	for r := rune(0x20); len(gids) < 200; r++ {
		if g, ok := face.NominalGlyph(r); ok {
			gids = append(gids, uint16(g))
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.Subset(gids); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSubsetCFF(b *testing.B) {
	data := machineFont(b, "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
	f, err := subset.Parse(data, 0)
	if err != nil {
		b.Fatal(err)
	}
	face := parseFace(b, data, 0)
	var gids []uint16
	for r := rune(0x4E00); len(gids) < 60; r += 97 {
		if g, ok := face.NominalGlyph(r); ok {
			gids = append(gids, uint16(g))
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.Subset(gids); err != nil {
			b.Fatal(err)
		}
	}
}
