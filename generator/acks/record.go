package acks

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/generator/model"
)

// MaxScanBytes is the largest scan of a signed sheet rolepack enters: that
// of a source file. A scan is kept in the content directory, and reading
// an earlier version from git (generator/gitsrc) refuses a revision with a
// file over 64 MiB or over 512 MiB in all: keep scans small (a page at
// 150 dpi, compressed, is well under 1 MiB).
const MaxScanBytes = model.MaxFileBytes

// Ask is an acknowledgement to enter: who, of which version, in which
// language, when.
type Ask struct {
	Person  *model.Person
	Version string // "" for the current version
	Lang    string // "" for the pack's language
	Time    time.Time
}

// Entry checks an acknowledgement against the pack and returns its record
// without its evidence and channel: the person must be seated and in the
// organisation, the version one of the revision history's (current, or
// with a git_ref its text can be read from), the time not after now and
// not before the version's revision date. The errors name the field:
// "person", "version", "language", "date".
func Entry(ctx context.Context, t *Texts, a Ask, now time.Time) (ledger.Record, *FieldError) {
	p := t.Pack
	if err := MustAcknowledge(p, a.Person); err != nil {
		return ledger.Record{}, &FieldError{"person", err.Error()}
	}
	version := a.Version
	if version == "" {
		version = p.Document.Version
	}
	rev := Revision(p, version)
	if rev == nil {
		var known []string
		for _, r := range p.Revisions {
			known = append(known, r.Version)
		}
		return ledger.Record{}, &FieldError{"version", fmt.Sprintf("version %q is not in the revision history (%s)", version, strings.Join(known, ", "))}
	}
	lang := a.Lang
	if lang == "" {
		lang = p.Language
	}
	digest, known, err := t.Digest(ctx, version, a.Person.ID, lang)
	var none *ErrNoText
	switch {
	case errors.As(err, &none):
		return ledger.Record{}, &FieldError{"version", none.Error()}
	case err != nil:
		return ledger.Record{}, &FieldError{"version", err.Error()}
	case !known && t.packs[version] != nil && t.packs[version].Person(a.Person.ID) == nil:
		return ledger.Record{}, &FieldError{"version", fmt.Sprintf("%s (%s) is not in the pack at version %s", a.Person.Name, a.Person.ID, version)}
	case !known:
		return ledger.Record{}, &FieldError{"language", fmt.Sprintf("version %s has no text in %q for %s (the pack's languages: %s)", version, lang, a.Person.ID, strings.Join(p.Languages, ", "))}
	}
	at := a.Time.UTC().Truncate(time.Second)
	switch {
	case at.After(now):
		return ledger.Record{}, &FieldError{"date", fmt.Sprintf("%s is in the future", ledger.Stamp(at))}
	case !rev.Date.IsZero() && at.Before(rev.Date.Time()):
		return ledger.Record{}, &FieldError{"date", fmt.Sprintf("%s is before version %s was issued (%s)", at.Format("2006-01-02"), version, rev.Date)}
	}
	return ledger.Record{Person: a.Person.ID, Document: p.Document.ID, Version: version, Language: lang, Text: digest, Time: ledger.Stamp(at)}, nil
}

// FieldError is a problem with one field of an acknowledgement to enter.
type FieldError struct{ Field, Msg string }

func (e *FieldError) Error() string { return e.Msg }

// ScanEvidence hashes the scan of a signed sheet, which must be a regular
// file inside the content directory, and returns the evidence "scan
// sha256:… PATH" with PATH relative to the content directory in slashes.
func ScanEvidence(content, scan string) (string, error) {
	absContent, err := filepath.Abs(content)
	if err != nil {
		return "", err
	}
	absScan, err := filepath.Abs(scan)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absContent, absScan)
	if err != nil || rel == "." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || rel == ".." {
		return "", fmt.Errorf("the scan %s is not inside the content directory %s: keep it there (such as %s), so the pack holds what the record's hash is of", scan, content, filepath.Join(content, "acknowledgements", "scans", filepath.Base(scan)))
	}
	root, err := os.OpenRoot(absContent)
	if err != nil {
		return "", err
	}
	defer root.Close()
	f, err := root.Open(rel) // follows no link out of the content directory
	if err != nil {
		return "", err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", err
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("the scan %s is not a regular file", scan)
	}
	if fi.Size() > MaxScanBytes {
		return "", fmt.Errorf("the scan %s is larger than %d MiB", scan, MaxScanBytes>>20)
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(f, MaxScanBytes+1)); err != nil {
		return "", err
	}
	slash := filepath.ToSlash(rel)
	if !ledgerPrintable(slash) {
		return "", fmt.Errorf("the scan's path %q holds characters a record cannot: rename it", slash)
	}
	return "scan sha256:" + hex.EncodeToString(h.Sum(nil)) + " " + slash, nil
}

func ledgerPrintable(s string) bool {
	r := ledger.Record{Person: "x", Document: "x", Version: "x", Language: "en", Text: "sha256:" + strings.Repeat("0", 64), Time: "2026-01-01T00:00:00Z", Channel: ledger.Paper, Evidence: s}
	return r.Validate() == nil
}

// Recorded indexes a ledger's records by person, digest and evidence, so
// that an import of many rows looks each up at once.
type Recorded map[string]int

func recordedKey(r ledger.Record) string {
	return r.Person + "\x00" + r.Text + "\x00" + r.Evidence
}

// NewRecorded indexes c's records (none for a nil c).
func NewRecorded(c *ledger.Contents) Recorded {
	idx := Recorded{}
	if c == nil {
		return idx
	}
	for i, x := range c.Records {
		if _, dup := idx[recordedKey(x)]; !dup {
			idx[recordedKey(x)] = c.Lines[i]
		}
	}
	return idx
}

// Line is the line of the record for r's person, digest and evidence, 0
// when there is none.
func (idx Recorded) Line(r ledger.Record) int { return idx[recordedKey(r)] }

// Duplicate returns the line of the ledger's record for the same person
// and digest (and, when evidence is not "", the same evidence), 0 when
// there is none. recs and lines are ledger.Contents' Records and Lines.
func Duplicate(c *ledger.Contents, r ledger.Record, evidence string) int {
	for i, x := range c.Records {
		if x.Person == r.Person && x.Text == r.Text && (evidence == "" || x.Evidence == evidence) {
			return c.Lines[i]
		}
	}
	return 0
}
