package model_test

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// FuzzLoad replaces one source file of the minimal pack with fuzzed bytes.
// Load must never panic, and every problem it reports must name a file of
// the pack and a line that exists in it.
func FuzzLoad(f *testing.F) {
	names := []string{"pack.toml", "people.toml", "roles/ism.toml", "raci.toml", "competences.toml", "review-team.toml", "acknowledgements.toml"}
	for _, file := range txtar.Parse([]byte(packtest.Minimal)).Files {
		for i, n := range names {
			if n == file.Name {
				f.Add(uint8(i), string(file.Data))
			}
		}
	}
	// Seed with the files of the broken-pack corpus too (one txtar per case).
	cases, _ := filepath.Glob("../../testdata/broken/*.txtar")
	for _, c := range cases {
		a, err := txtar.ParseFile(c)
		if err != nil {
			continue
		}
		for _, file := range a.Files {
			if strings.HasSuffix(file.Name, ".toml") {
				f.Add(uint8(len(file.Name)%len(names)), string(file.Data))
			}
		}
	}
	// Deep and wide sources: nested arrays and inline tables, long dotted
	// keys and headers, long one-line arrays, many keys, long lines.
	for _, shape := range sortedShapes() {
		for _, n := range model.ShapeSizes {
			f.Add(uint8(n%len(names)), model.HostileShapes[shape](n))
		}
	}
	base := packtest.Minimal
	f.Fuzz(func(t *testing.T, which uint8, data string) {
		name := names[int(which)%len(names)]
		dir := packtest.Write(t, base)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := model.Load(dir)
		if err == nil {
			return
		}
		var errs model.Errors
		if !errors.As(err, &errs) {
			t.Fatalf("error of type %T: %v", err, err)
		}
		lines := strings.Count(data, "\n") + 1
		for _, d := range errs {
			if d.Pos.File == "" || d.Message == "" {
				t.Fatalf("problem without file or message: %+v", d)
			}
			if d.Pos.File == name && d.Pos.Line > lines {
				t.Fatalf("%s: line %d beyond the file's %d lines", d, d.Pos.Line, lines)
			}
		}
	})
}

func sortedShapes() []string {
	var names []string
	for name := range model.HostileShapes {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// FuzzLoadShape builds a deep or wide source from fuzzed parameters: which
// shape, how large, and a fragment of text spliced into it, so the fuzzer
// explores the edges of the limits (an unclosed bracket, a comment or a
// string in the middle of a nest). Load must finish without a panic.
func FuzzLoadShape(f *testing.F) {
	shapes := sortedShapes()
	for i := range shapes {
		for _, n := range model.ShapeSizes {
			f.Add(uint8(i), uint16(n), uint16(n/2), "")
		}
		f.Add(uint8(i), uint16(model.MaxNesting+1), uint16(3), "# ]] }\n")
		f.Add(uint8(i), uint16(500), uint16(7), "\"[{\"")
	}
	f.Fuzz(func(t *testing.T, shape uint8, n, at uint16, splice string) {
		src := model.HostileShapes[shapes[int(shape)%len(shapes)]](int(n))
		i := min(int(at), len(src))
		src = src[:i] + splice + src[i:]
		dir := packtest.Write(t, packtest.Minimal)
		if err := os.WriteFile(filepath.Join(dir, "raci.toml"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := model.Load(dir); err != nil {
			var errs model.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error of type %T: %v", err, err)
			}
		}
	})
}
