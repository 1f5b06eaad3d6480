package ledger

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// faulty is a file whose writes fail after n bytes, having written them.
type faulty struct {
	*os.File
	n int
}

func (f *faulty) Write(b []byte) (int, error) {
	if len(b) <= f.n {
		f.n -= len(b)
		return f.File.Write(b)
	}
	k, _ := f.File.Write(b[:f.n])
	f.n = 0
	return k, errors.New("no space left on device")
}

func rec(person string) Record {
	return Record{Person: person, Document: "D-1", Version: "1", Language: "en", Text: "sha256:" + strings.Repeat("a", 64),
		Time: "2026-10-02T09:00:00Z", Channel: Paper, Evidence: "scan"}
}

// A write that fails part-way leaves no part of a line: the file is cut
// back, the next append chains after the last whole record, and the
// ledger verifies; so for a batch.
func TestAFailedWriteLeavesNoFragment(t *testing.T) {
	path := filepath.Join(t.TempDir(), File)
	w, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.Append(rec("a")); err != nil {
		t.Fatal(err)
	}
	real := w.f.(*os.File)
	w.f = &faulty{File: real, n: 40}
	if _, err := w.Append(rec("b")); err == nil {
		t.Fatal("the failing write succeeded")
	}
	w.f = &faulty{File: real, n: 500}
	if _, err := w.AppendAll([]Record{rec("c"), rec("d"), rec("e")}); err == nil {
		t.Fatal("the failing batch succeeded")
	}
	w.f = real
	if _, err := w.AppendAll([]Record{rec("f"), rec("g")}); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(path)
	defer f.Close()
	c, err := Read(f)
	if err != nil || len(c.Problems) > 0 {
		t.Fatalf("%v %v", err, c.Problems)
	}
	var people []string
	for _, r := range c.Records {
		people = append(people, r.Person)
	}
	if strings.Join(people, " ") != "a f g" {
		t.Errorf("records %v, want a f g", people)
	}
	if _, n := w.Last(); n != 3 {
		t.Errorf("the writer counts %d records", n)
	}
}
