package main

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// buildExample builds the example pack into a new directory and returns it.
func buildExample(t *testing.T, extra ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	var so, se bytes.Buffer
	args := append([]string{"build", "-q", "--content", "../../content", "--out", out}, extra...)
	if code := run(args, &so, &se); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, se.String())
	}
	return out
}

func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Two builds of the same sources with the same SOURCE_DATE_EPOCH give
// byte-identical outputs, every file of every output.
func TestBuildIsReproducible(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795478400")
	a, b := tree(t, buildExample(t)), tree(t, buildExample(t))
	var names []string
	for n := range a {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(a) != len(b) {
		t.Fatalf("%d files vs %d", len(a), len(b))
	}
	for _, n := range names {
		if !bytes.Equal(a[n], b[n]) {
			t.Errorf("%s differs between two builds", n)
		}
	}
	for _, want := range []string{"rolepack.json", "stamp.json", "raci-and-competence.xlsx"} {
		if _, ok := a[want]; !ok {
			t.Errorf("build did not write %s", want)
		}
	}
}
