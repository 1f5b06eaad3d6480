// Package ledger is the acknowledgement ledger: an append-only text file
// in the pack (acknowledgements.jsonl), one acknowledgement a line, each
// line a JSON object in one canonical form that holds the hash of the
// line before it. A line changed, removed, reordered or inserted by hand
// breaks the chain at that line; the last line torn by a crash is told
// from a complete one. The file diffs well in git: a new acknowledgement
// is a new last line.
//
// A line, with its keys always in this order and nothing between tokens:
//
//	{"n":1,"person":"ann","document":"ISMS-DOC-05.3","version":"2.1","language":"en",
//	 "text":"sha256:…","time":"2026-10-02T09:14:03Z","channel":"link","evidence":"token 3f2a…",
//	 "prev":"","hash":"sha256:…"}
//
// "hash" is the SHA-256 of the line's other fields in this form ("{…,"prev":"…"}"),
// "prev" the hash of the line before ("" on the first), "n" counts from 1.
// The package knows the format only: what a record means (whose text, of
// which version) is the model's and the checks'.
package ledger

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// File is the ledger's name in the pack's content directory.
const File = "acknowledgements.jsonl"

// Limits on what a ledger may hold, so that reading one is bounded in
// time and memory whatever the file.
const (
	MaxLine    = 4096     // bytes in a line, its newline excluded
	MaxRecords = 100_000  // lines in a ledger
	MaxSize    = 32 << 20 // bytes in a ledger: the loader's limit for one source file
	maxField   = 1000     // bytes in the evidence field
)

// Channels by which an acknowledgement comes.
const (
	Paper  = "paper"  // a signed sheet, its scan's hash in the evidence
	Link   = "link"   // a signed personal link (rolepack acks serve)
	SSO    = "sso"    // the identity a trusted single-sign-on proxy gave
	Import = "import" // a completion report of another tool
)

// Channels lists the channels, in the order the docs give them.
var Channels = []string{Paper, Link, SSO, Import}

// Record is one acknowledgement.
type Record struct {
	N        int    `json:"n"`
	Person   string `json:"person"`   // the person's id in the pack
	Document string `json:"document"` // the document's id
	Version  string `json:"version"`  // the version acknowledged
	Language string `json:"language"` // the language of the text they read
	Text     string `json:"text"`     // the digest of that text (model.Pack.AckDigest)
	Time     string `json:"time"`     // when, UTC, to the second: 2026-10-02T09:14:03Z
	Channel  string `json:"channel"`  // Paper, Link, SSO or Import
	Evidence string `json:"evidence"` // what proves it: a scan's hash, a token id, an envelope …
	Prev     string `json:"prev"`     // the hash of the record before, "" for the first
	Hash     string `json:"hash"`     // the hash of this record's other fields
}

// body is a record without its hash: what the hash is of.
type body struct {
	N        int    `json:"n"`
	Person   string `json:"person"`
	Document string `json:"document"`
	Version  string `json:"version"`
	Language string `json:"language"`
	Text     string `json:"text"`
	Time     string `json:"time"`
	Channel  string `json:"channel"`
	Evidence string `json:"evidence"`
	Prev     string `json:"prev"`
}

// Problem is what is wrong with a line of a ledger.
type Problem struct {
	Line int // 1-based; the line after the last for a problem of the end
	Msg  string
}

func (p Problem) Error() string { return fmt.Sprintf("line %d: %s", p.Line, p.Msg) }

// canonical encodes v as JSON with no HTML escaping and no newline.
func canonical(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // strings and ints only: cannot fail
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func (r Record) body() []byte {
	return canonical(body{r.N, r.Person, r.Document, r.Version, r.Language, r.Text, r.Time, r.Channel, r.Evidence, r.Prev})
}

// hashOf is the hash a record's fields give.
func (r Record) hashOf() string {
	sum := sha256.Sum256(r.body())
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Line is the record as the ledger writes it, without the newline.
func (r Record) Line() []byte {
	b := r.body()
	return append(append(b[:len(b)-1:len(b)-1], `,"hash":`...), append(canonical(r.Hash), '}')...)
}

// Sealed returns r as the record after prev (nil for the first): its
// number, the previous hash and its own hash filled in.
func (r Record) Sealed(prev *Record) Record {
	r.N, r.Prev = 1, ""
	if prev != nil {
		r.N, r.Prev = prev.N+1, prev.Hash
	}
	r.Hash = r.hashOf()
	return r
}

var (
	digestRE   = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
	idRE       = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$`)
	languageRE = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$`)
)

// TimeFormat is how a record's time is written.
const TimeFormat = "2006-01-02T15:04:05Z"

// Stamp is t as a record's time: UTC, to the second.
func Stamp(t time.Time) string { return t.UTC().Format(TimeFormat) }

// Validate reports what is wrong with a record's fields, apart from its
// place in the chain: the first problem, or nil.
func (r Record) Validate() error {
	switch {
	case !idRE.MatchString(r.Person):
		return fmt.Errorf("person %q is not a person id", r.Person)
	case r.Document == "" || !printable(r.Document) || len(r.Document) > 200:
		return fmt.Errorf("document %q is not a document id", r.Document)
	case r.Version == "" || !printable(r.Version) || len(r.Version) > 100:
		return fmt.Errorf("version %q is not a version", r.Version)
	case !languageRE.MatchString(r.Language):
		return fmt.Errorf("language %q is not a language tag", r.Language)
	case !digestRE.MatchString(r.Text):
		return fmt.Errorf("text %q is not a digest (sha256: and 64 hex digits)", r.Text)
	case !slices.Contains(Channels, r.Channel):
		return fmt.Errorf("channel %q is not one of %s", r.Channel, strings.Join(Channels, ", "))
	case !printable(r.Evidence) || len(r.Evidence) > maxField:
		return fmt.Errorf("evidence is not one line of at most %d bytes of text", maxField)
	}
	if t, err := time.Parse(TimeFormat, r.Time); err != nil || Stamp(t) != r.Time {
		return fmt.Errorf("time %q is not a UTC time to the second (2026-10-02T09:14:03Z)", r.Time)
	}
	return nil
}

// printable reports whether s is valid UTF-8 without control characters.
func printable(s string) bool {
	return utf8.ValidString(s) && strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' }) < 0
}

// ErrTorn is the problem of a last line cut short by a crash: it has no
// newline and is not a whole record. Repair removes it.
var ErrTorn = errors.New("the last line is cut short (a write that did not finish): it is no acknowledgement; rolepack acks repair removes it")

// Contents is what Read found in a ledger.
type Contents struct {
	Records []Record
	Lines   []int // the line of each record
	// Problems are every problem of every line. A record at a line with a
	// problem (its link to the line before broken) is in Records, and
	// must not be counted.
	Problems []Problem
	// Torn is set when the only problem is a last line cut short (no
	// newline, not a whole record), which Open removes.
	Torn bool

	bad map[int]bool // the lines of Problems, made by Bad
}

// Bad reports whether line has a problem.
func (c *Contents) Bad(line int) bool {
	if c.bad == nil {
		c.bad = make(map[int]bool, len(c.Problems))
		for _, p := range c.Problems {
			c.bad[p.Line] = true
		}
	}
	return c.bad[line]
}

// Read reads a ledger. A line's link to the line before is checked only
// when that line is a record itself, so one line changed by hand is one
// problem, not one for every line after it.
func Read(r io.Reader) (*Contents, error) {
	c := &Contents{}
	br := bufio.NewReaderSize(r, MaxLine+2)
	var size int64
	prevOK := true // the line before was a record (or there is none)
	for n := 1; ; n++ {
		raw, rerr := br.ReadSlice('\n')
		long := false
		for rerr == bufio.ErrBufferFull { // longer than any record: skip it
			long = true
			if size += int64(len(raw)); size > MaxSize {
				return c, fmt.Errorf("the ledger is larger than %d bytes", MaxSize)
			}
			raw, rerr = br.ReadSlice('\n')
		}
		if rerr != nil && rerr != io.EOF {
			return c, rerr
		}
		if size += int64(len(raw)); size > MaxSize {
			return c, fmt.Errorf("the ledger is larger than %d bytes", MaxSize)
		}
		complete := rerr == nil
		if len(raw) == 0 && !complete && !long {
			return c, nil // the end
		}
		if n > MaxRecords {
			return c, fmt.Errorf("the ledger has more than %d lines", MaxRecords)
		}
		if long {
			c.Problems = append(c.Problems, Problem{n, fmt.Sprintf("longer than %d bytes: not a record", MaxLine)})
			prevOK = false
			if !complete {
				return c, nil
			}
			continue
		}
		rec, perr := parseLine(bytes.TrimSuffix(raw, []byte("\n")))
		if !complete && perr != nil {
			c.Torn = len(c.Problems) == 0
			c.Problems = append(c.Problems, Problem{n, ErrTorn.Error()})
			return c, nil
		}
		if perr != nil {
			c.Problems = append(c.Problems, Problem{n, perr.Error()})
			prevOK = false
			continue
		}
		if !complete {
			c.Problems = append(c.Problems, Problem{n, "the last record has no newline: rolepack acks repair ends it"})
		}
		if prevOK {
			want, wantPrev := 1, ""
			if len(c.Records) > 0 {
				last := c.Records[len(c.Records)-1]
				want, wantPrev = last.N+1, last.Hash
			}
			switch {
			case rec.Prev != wantPrev && len(c.Records) == 0:
				c.Problems = append(c.Problems, Problem{n, "the first record's prev is not empty: the records before it are missing"})
			case rec.Prev != wantPrev:
				c.Problems = append(c.Problems, Problem{n, fmt.Sprintf("prev is not the hash of the record before (line %d): a record was removed, inserted, reordered or replaced", n-1)})
			case rec.N != want:
				c.Problems = append(c.Problems, Problem{n, fmt.Sprintf("n is %d, want %d", rec.N, want)})
			}
		}
		c.Records = append(c.Records, rec)
		c.Lines = append(c.Lines, n)
		prevOK = true
		if !complete {
			return c, nil
		}
	}
}

// parseLine reads one line: a record in canonical form whose hash holds.
func parseLine(line []byte) (Record, error) {
	var rec Record
	if len(bytes.TrimSpace(line)) == 0 {
		return rec, errors.New("an empty line: not a record")
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		return rec, fmt.Errorf("not a record: %s", jsonProblem(err))
	}
	if dec.More() {
		return rec, errors.New("not a record: text after the record")
	}
	if err := rec.Validate(); err != nil {
		return rec, err
	}
	if !digestRE.MatchString(rec.Hash) || (rec.Prev != "" && !digestRE.MatchString(rec.Prev)) {
		return rec, errors.New("prev or hash is not a digest (sha256: and 64 hex digits)")
	}
	if !bytes.Equal(rec.Line(), line) {
		return rec, errors.New("not in the ledger's canonical form (keys in order, no spaces, no escapes a writer would not make): edited by hand?")
	}
	if rec.hashOf() != rec.Hash {
		return rec, errors.New("the hash does not match the record: it was changed after it was written")
	}
	return rec, nil
}

// jsonProblem is a JSON decoding error without Go's type names.
func jsonProblem(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("%s has the wrong type", te.Field)
	}
	s := err.Error()
	if strings.HasPrefix(s, "json: unknown field ") {
		return "unknown field " + strings.TrimPrefix(s, "json: unknown field ")
	}
	return strings.TrimPrefix(s, "json: ")
}
