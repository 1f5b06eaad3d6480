package ledger_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rolepack/rolepack/generator/ledger"
)

func record(person string, i int) ledger.Record {
	return ledger.Record{
		Person: person, Document: "ISMS-DOC-05.3", Version: "2.1", Language: "en",
		Text: "sha256:" + strings.Repeat(fmt.Sprintf("%x", i%16), 64),
		Time: fmt.Sprintf("2026-10-02T09:%02d:%02dZ", i/60%60, i%60), Channel: ledger.Link,
		Evidence: fmt.Sprintf("token t%d", i),
	}
}

// chain is n sealed records and the ledger's bytes.
func chain(n int) ([]ledger.Record, []byte) {
	var recs []ledger.Record
	var b bytes.Buffer
	var prev *ledger.Record
	for i := range n {
		r := record(fmt.Sprintf("p%03d", i), i).Sealed(prev)
		recs = append(recs, r)
		prev = &recs[len(recs)-1]
		b.Write(r.Line())
		b.WriteByte('\n')
	}
	return recs, b.Bytes()
}

func read(t *testing.T, data []byte) ([]ledger.Record, []ledger.Problem, bool) {
	t.Helper()
	c, err := ledger.Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return c.Records, c.Problems, c.Torn
}

func TestRoundTrip(t *testing.T) {
	want, data := chain(5)
	got, problems, torn := read(t, data)
	if len(problems) > 0 || torn || len(got) != 5 {
		t.Fatalf("%d records, problems %v, torn %v", len(got), problems, torn)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("record %d: %+v, want %+v", i+1, got[i], want[i])
		}
	}
	// The form is fixed: keys in order, no spaces, and a line per record.
	first := strings.SplitN(string(data), "\n", 2)[0]
	if !strings.HasPrefix(first, `{"n":1,"person":"p000","document":"ISMS-DOC-05.3","version":"2.1","language":"en","text":"sha256:`) ||
		!strings.Contains(first, `"prev":"","hash":"sha256:`) {
		t.Errorf("first line %s", first)
	}
	if recs, problems, _ := read(t, nil); len(recs) != 0 || len(problems) != 0 {
		t.Errorf("an empty ledger: %v %v", recs, problems)
	}
}

// Every kind of tampering is found at its line: a line whose hash no
// longer holds is one problem (the next line's link to it is not judged);
// a record moved, or forged with a remade hash, breaks each link it
// touches.
func TestTamperingIsFoundAtItsLine(t *testing.T) {
	_, data := chain(6)
	lines := strings.SplitAfter(string(data), "\n")
	lines = lines[:len(lines)-1]
	join := func(ls []string) []byte { return []byte(strings.Join(ls, "")) }
	edit := func(i int, from, to string) []byte {
		ls := append([]string(nil), lines...)
		ls[i] = strings.Replace(ls[i], from, to, 1)
		return join(ls)
	}
	for _, tc := range []struct {
		name  string
		data  []byte
		line  int
		msg   string
		after []int // the lines of the further broken links
	}{
		{"a changed person", edit(2, `"person":"p002"`, `"person":"p099"`), 3, "the hash does not match", nil},
		{"a changed time", edit(3, `T09:00:03Z`, `T08:00:03Z`), 4, "the hash does not match", nil},
		{"a space added", edit(1, `","`, `", "`), 2, "canonical form", nil},
		{"an unknown key", edit(1, `{"n":2,`, `{"x":1,"n":2,`), 2, "unknown field", nil},
		{"a removed record", join(append(append([]string(nil), lines[:2]...), lines[3:]...)), 3, "prev is not the hash of the record before", nil},
		{"records swapped", join([]string{lines[0], lines[2], lines[1], lines[3], lines[4], lines[5]}), 2, "prev is not the hash", []int{3, 4}},
		{"the first removed", join(lines[1:]), 1, "the records before it are missing", nil},
		{"an empty line", join(append(append(append([]string(nil), lines[:2]...), "\n"), lines[2:]...)), 3, "an empty line", nil},
		{"a line too long", join(append(append([]string(nil), lines[:1]...), strings.Repeat("x", ledger.MaxLine+10)+"\n")), 2, "longer than", nil},
		{"not JSON", edit(4, `{`, `[`), 5, "not a record", nil},
		{"a renumbered record, hash remade", resealed(lines, 4), 5, "n is 9, want 5", []int{6}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, problems, _ := read(t, tc.data)
			if len(problems) != 1+len(tc.after) || problems[0].Line != tc.line || !strings.Contains(problems[0].Msg, tc.msg) {
				t.Fatalf("problems %v, want line %d: %q, then lines %v", problems, tc.line, tc.msg, tc.after)
			}
			for i, l := range tc.after {
				if problems[i+1].Line != l {
					t.Errorf("problem %d at line %d, want %d", i+2, problems[i+1].Line, l)
				}
			}
		})
	}
}

// resealed renumbers line i as 9 and remakes its hash, as a forger who
// knows the format would: the chain still finds it.
func resealed(lines []string, i int) []byte {
	c, _ := ledger.Read(strings.NewReader(strings.Join(lines, "")))
	r := c.Records[i]
	r.N = 9
	r = forge(r)
	ls := append([]string(nil), lines...)
	ls[i] = string(r.Line()) + "\n"
	return []byte(strings.Join(ls, ""))
}

// forge gives r the hash its fields give, whatever they are: the hash is
// of the line without its "hash" key.
func forge(r ledger.Record) ledger.Record {
	r.Hash = ""
	line := string(r.Line())
	sum := sha256.Sum256([]byte(line[:strings.LastIndex(line, `,"hash":`)] + "}"))
	r.Hash = "sha256:" + hex.EncodeToString(sum[:])
	return r
}

func TestTornLastLine(t *testing.T) {
	_, data := chain(3)
	cut := data[:len(data)-20]
	recs, problems, torn := read(t, cut)
	if !torn || len(recs) != 2 || len(problems) != 1 || problems[0].Line != 3 {
		t.Fatalf("cut short: %d records, %v, torn %v", len(recs), problems, torn)
	}
	// A whole last record without its newline is kept, and said.
	recs, problems, torn = read(t, data[:len(data)-1])
	if torn || len(recs) != 3 || len(problems) != 1 || !strings.Contains(problems[0].Msg, "no newline") {
		t.Errorf("no newline: %d records, %v, torn %v", len(recs), problems, torn)
	}

	// Open removes the torn line, says so, and appends after the last
	// whole record.
	path := filepath.Join(t.TempDir(), ledger.File)
	if err := os.WriteFile(path, cut, 0o644); err != nil {
		t.Fatal(err)
	}
	w, repaired, err := ledger.Open(path)
	if err != nil || repaired != 3 {
		t.Fatalf("Open: repaired %d, %v", repaired, err)
	}
	if _, err := w.Append(record("p100", 100)); err != nil {
		t.Fatal(err)
	}
	w.Close()
	got, _ := os.ReadFile(path)
	recs, problems, _ = read(t, got)
	if len(problems) > 0 || len(recs) != 3 || recs[2].Person != "p100" || recs[2].N != 3 {
		t.Errorf("after repair and append: %d records %v", len(recs), problems)
	}
}

// Open refuses a ledger that does not verify: nothing is added to it.
func TestOpenRefusesABrokenLedger(t *testing.T) {
	_, data := chain(3)
	path := filepath.Join(t.TempDir(), ledger.File)
	broken := bytes.Replace(data, []byte(`"person":"p001"`), []byte(`"person":"p077"`), 1)
	if err := os.WriteFile(path, broken, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := ledger.Open(path)
	if !errors.Is(err, ledger.ErrBroken) || !strings.Contains(err.Error(), ledger.File+":2: the hash does not match") {
		t.Fatalf("Open: %v", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, broken) {
		t.Error("the broken ledger was changed")
	}
}

func TestAppendValidates(t *testing.T) {
	w, _, err := ledger.Open(filepath.Join(t.TempDir(), ledger.File))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for name, edit := range map[string]func(*ledger.Record){
		"person":   func(r *ledger.Record) { r.Person = "../x" },
		"channel":  func(r *ledger.Record) { r.Channel = "fax" },
		"time":     func(r *ledger.Record) { r.Time = "2026-10-02 09:00" },
		"text":     func(r *ledger.Record) { r.Text = "md5:abc" },
		"evidence": func(r *ledger.Record) { r.Evidence = "two\nlines" },
		"language": func(r *ledger.Record) { r.Language = "english!" },
	} {
		r := record("p1", 1)
		edit(&r)
		if _, err := w.Append(r); err == nil {
			t.Errorf("%s: appended", name)
		}
	}
	if _, n := w.Last(); n != 0 {
		t.Errorf("%d records written", n)
	}
}

// Appends from many goroutines: every one a whole line, the chain whole.
func TestConcurrentAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), ledger.File)
	w, _, err := ledger.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 50 {
		wg.Go(func() {
			for i := range 20 {
				if _, err := w.Append(record(fmt.Sprintf("g%d", g), i)); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	w.Close()
	data, _ := os.ReadFile(path)
	recs, problems, _ := read(t, data)
	if len(recs) != 1000 || len(problems) > 0 {
		t.Errorf("%d records, %v", len(recs), problems)
	}
}

func FuzzRead(f *testing.F) {
	_, data := chain(3)
	f.Add(data)
	f.Add(data[:len(data)-7])
	f.Add([]byte("{}\n\n{\"n\":1}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ledger.Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		if c.Torn && len(c.Problems) != 1 || len(c.Lines) != len(c.Records) {
			t.Errorf("torn %v with %d problems; %d lines for %d records", c.Torn, len(c.Problems), len(c.Lines), len(c.Records))
		}
		// What reads without problems writes back byte for byte.
		if len(c.Problems) == 0 {
			var b bytes.Buffer
			for _, r := range c.Records {
				b.Write(r.Line())
				b.WriteByte('\n')
			}
			if !bytes.Equal(b.Bytes(), data) {
				t.Errorf("read back differs")
			}
		}
	})
}
