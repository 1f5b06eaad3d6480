package main

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/internal/packtest"
)

// TestSamePages guards the benchmark against drift: for every page
// rolepack's site writes, the Hugo site has the content file that Hugo
// publishes at the same path, with a layout that exists, and no other.
// (It needs no Hugo: it compares what each generator is given to build.)
func TestSamePages(t *testing.T) {
	for _, pk := range packtest.Packs(t) {
		if pk.Name == "synth-m" {
			continue // the same pages as synth-s, in seconds instead of milliseconds
		}
		t.Run(pk.Name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if _, err := pipeline.Build(context.Background(), pipeline.Options{Content: pk.Dir, Out: out, Only: []string{"site"}, Tool: "test", Force: true}); err != nil {
				t.Fatal(err)
			}
			hugo := t.TempDir()
			generate(pk.Dir, hugo)

			// The Hugo site is of the pack's own language: the
			// translations' sites, in site/<lang>/, are left out.
			var stamp struct{ Languages []string }
			if data, err := os.ReadFile(filepath.Join(out, "stamp.json")); err != nil || json.Unmarshal(data, &stamp) != nil {
				t.Fatalf("stamp.json: %v", err)
			}
			var want []string
			site := filepath.Join(out, "site")
			err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
				if err == nil && d.IsDir() && p != site && slices.Contains(stamp.Languages, d.Name()) && filepath.Dir(p) == site {
					return filepath.SkipDir
				}
				if err == nil && strings.HasSuffix(p, ".html") {
					rel, _ := filepath.Rel(site, p)
					want = append(want, filepath.ToSlash(rel))
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			content := filepath.Join(hugo, "content")
			err = filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(content, p)
				rel = filepath.ToSlash(rel)
				if rel == "_index.md" {
					got = append(got, "index.html")
				} else {
					got = append(got, strings.TrimSuffix(rel, ".md")+".html")
				}
				if layout := frontMatter(t, p)["layout"]; layout != nil {
					if _, err := os.Stat(filepath.Join(hugo, "layouts", "_default", layout.(string)+".html")); err != nil {
						t.Errorf("%s: layout %v: %v", rel, layout, err)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("Hugo builds %d pages, rolepack %d; first difference: %s", len(got), len(want), firstDifference(got, want))
			}
		})
	}
}

func frontMatter(t *testing.T, path string) map[string]any {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.NewDecoder(strings.NewReader(string(data))).Decode(&m); err != nil {
		t.Fatalf("%s: front matter: %v", path, err)
	}
	return m
}

func firstDifference(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return "Hugo " + got[i] + ", rolepack " + want[i]
		}
	}
	if len(got) > len(want) {
		return "Hugo also " + got[len(want)]
	}
	if len(want) > len(got) {
		return "rolepack also " + want[len(got)]
	}
	return "none"
}
