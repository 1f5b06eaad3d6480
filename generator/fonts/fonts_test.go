package fonts_test

import (
	"os"
	"testing"

	"github.com/rolepack/rolepack/generator/fonts"
)

func TestBuiltin(t *testing.T) {
	s := fonts.Builtin()
	for _, style := range []fonts.Style{fonts.Regular, fonts.Bold, fonts.Italic, fonts.Mono} {
		c := s.Chain(style)
		if len(c) == 0 || c[0].Font == nil || c[0].Origin != "built-in" || len(c[0].SHA256) != 64 {
			t.Fatalf("%v: chain %+v", style, c)
		}
	}
	for _, r := range "Zoë Ωμέγα Жанна Nguyễn 0123 →\u200d\t" {
		if !s.Printable(r) {
			t.Errorf("%q (%U) not printable with the built-in faces", r, r)
		}
	}
	for _, r := range "日本語한국어עבריתعربيहिन्दीไทยქართული" {
		if s.Printable(r) {
			t.Errorf("%q (%U) printable with the built-in faces alone", r, r)
		}
	}
}

func TestExtraFace(t *testing.T) {
	const cjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
	data, err := os.ReadFile(cjk)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v: install fonts-noto-cjk", err)
		}
		t.Skip(err)
	}
	f, err := fonts.Parse(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	if f.Family == "" || f.Name == "" {
		t.Fatalf("no name: %+v", f)
	}
	s := fonts.WithExtra([]*fonts.Face{f})
	for _, r := range "日本語한국어中文" {
		if !s.Printable(r) {
			t.Errorf("%q not printable with %s", r, f.Family)
		}
	}
	if got := s.Chain(fonts.Bold); len(got) != 4 || got[3] != f {
		t.Errorf("bold chain falls back to the regular CJK face: %v", got)
	}
	if len(fonts.Builtin().Extra) != 0 {
		t.Error("WithExtra changed the built-in set")
	}
}
