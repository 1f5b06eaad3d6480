package packtest

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"testing"
)

// EditZip rewrites the entry part of the zip archive file (a workbook or
// Word file) through edit, keeping every other entry, its name and order:
// the damage a crash, a faulty tool or a bad merge leaves in a file that
// still opens as a zip. The test fails if there is no such entry or edit
// changes nothing.
func EditZip(t testing.TB, file, part string, edit func([]byte) []byte) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == part {
			found = true
			edited := edit(bytes.Clone(body))
			if bytes.Equal(edited, body) {
				t.Fatalf("%s: the edit of %s changes nothing", file, part)
			}
			body = edited
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if !found {
		t.Fatalf("%s has no entry %s", file, part)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
