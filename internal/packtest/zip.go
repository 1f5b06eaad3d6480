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
	found := false
	rewriteZip(t, file, func(name string, body []byte) ([]byte, bool) {
		if name != part {
			return body, true
		}
		found = true
		edited := edit(bytes.Clone(body))
		if bytes.Equal(edited, body) {
			t.Fatalf("%s: the edit of %s changes nothing", file, part)
		}
		return edited, true
	})
	if !found {
		t.Fatalf("%s has no entry %s", file, part)
	}
}

// DropZip removes the entry part from the zip archive file, as a program
// that does not keep it saves the file (custom document properties), and
// reports whether there was one; the file is left alone when there was
// not.
func DropZip(t testing.TB, file, part string) bool {
	t.Helper()
	found := false
	rewriteZip(t, file, func(name string, body []byte) ([]byte, bool) {
		if name == part {
			found = true
			return nil, false
		}
		return body, true
	})
	return found
}

// rewriteZip writes file again with each entry passed through f, in its
// order: f returns the entry's new body, and whether to keep it.
func rewriteZip(t testing.TB, file string, f func(name string, body []byte) ([]byte, bool)) {
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
	for _, e := range zr.File {
		rc, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		body, keep := f(e.Name, body)
		if !keep {
			continue
		}
		w, err := zw.Create(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
