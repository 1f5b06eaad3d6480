package acks

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/typo"
)

// ImportFields are the fields of a completion report an import reads.
var ImportFields = []string{"person", "completed", "status", "reference", "version", "language"}

// Map says how to read a completion report: which column holds each
// field, what the fields hold when no column does, and which statuses are
// a completion. A preset is a Map; a column map file (TOML) is one too,
// laid over the preset it names or over none.
type Map struct {
	// Tool names the tool in each record's evidence ("DocuSign").
	Tool string `toml:"tool"`
	// Columns maps a field to the header of its column; a preset lists
	// the headers it tries, the first present wins.
	Columns map[string][]string `toml:"-"`
	// Version and Language are the values for every row when no column
	// holds them ("" for the current version, the pack's language).
	Version  string `toml:"version"`
	Language string `toml:"language"`
	// Completed are the statuses that mean the person completed it (case
	// does not matter); every other status is skipped. With no status
	// column every row is a completion.
	Completed []string `toml:"completed"`
	// DateFormats are the Go layouts the completed column is read with,
	// tried in order; times without a zone are UTC.
	DateFormats []string `toml:"date_formats"`
}

// mapFile is a column map file as written.
type mapFile struct {
	Preset      string            `toml:"preset"`
	Tool        string            `toml:"tool"`
	Version     string            `toml:"version"`
	Language    string            `toml:"language"`
	Completed   []string          `toml:"completed"`
	DateFormats []string          `toml:"date_formats"`
	Columns     map[string]string `toml:"columns"`
}

// commonDates are the layouts tried for a completion time when the map
// gives none: ISO 8601 first, then the US forms of DocuSign's reports.
var commonDates = []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02",
	"1/2/2006 3:04:05 PM", "1/2/2006 3:04 PM", "1/2/2006 15:04", "1/2/2006"}

// Presets are completion reports whose columns rolepack knows
// (docs/acknowledgements.md lists them).
var Presets = map[string]Map{
	// DocuSign's envelope report with recipient details, exported as CSV
	// from Reports; not verified against a real export.
	"docusign": {
		Tool: "DocuSign",
		Columns: map[string][]string{
			"person":    {"Recipient Email", "Recipient E-mail", "Email"},
			"completed": {"Recipient Signed Date", "Signed Date", "Completed Date", "Envelope Completed Date"},
			"status":    {"Recipient Status", "Status"},
			"reference": {"Envelope ID", "EnvelopeId"},
		},
		Completed:   []string{"Completed", "Signed"},
		DateFormats: commonDates,
	},
	// A learning platform's course completion report in its most common
	// shape (one row per learner and course); not verified against a
	// particular product's export.
	"lms": {
		Tool: "LMS",
		Columns: map[string][]string{
			"person":    {"User ID", "Username", "Email", "Email Address"},
			"completed": {"Completion Date", "Date Completed", "Completed On"},
			"status":    {"Completion Status", "Status"},
			"reference": {"Course ID", "Course Code", "Course"},
			"version":   {"Version"},
			"language":  {"Language"},
		},
		Completed:   []string{"Completed", "Complete", "Passed"},
		DateFormats: commonDates,
	},
}

// PresetNames lists the presets, sorted.
func PresetNames() []string {
	var out []string
	for k := range Presets {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// MaxMapBytes bounds a column map file.
const MaxMapBytes = 64 << 10

// ReadMap reads a column map file (TOML) over the preset it or preset
// names (preset wins when both are given and differ: the error says so).
func ReadMap(data []byte, preset string) (Map, error) {
	if len(data) > MaxMapBytes {
		return Map{}, fmt.Errorf("the column map is larger than %d KiB", MaxMapBytes>>10)
	}
	var f mapFile
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		return Map{}, err
	}
	if un := md.Undecoded(); len(un) > 0 {
		return Map{}, fmt.Errorf("unknown key %q (a column map has preset, tool, version, language, completed, date_formats and [columns])", un[0].String())
	}
	if preset != "" && f.Preset != "" && preset != f.Preset {
		return Map{}, fmt.Errorf("the column map names preset %q and --preset %q", f.Preset, preset)
	}
	if f.Preset != "" {
		preset = f.Preset
	}
	m := Map{Columns: map[string][]string{}, DateFormats: commonDates}
	if preset != "" {
		p, err := PresetMap(preset)
		if err != nil {
			return Map{}, err
		}
		m = p
		m.Columns = maps(p.Columns)
	}
	for field, header := range f.Columns {
		if !slices.Contains(ImportFields, field) {
			return Map{}, fmt.Errorf("[columns] %s is not a field (%s)%s", field, strings.Join(ImportFields, ", "), didYouMean(field, ImportFields))
		}
		m.Columns[field] = []string{header}
	}
	if f.Tool != "" {
		m.Tool = f.Tool
	}
	if f.Version != "" {
		m.Version = f.Version
	}
	if f.Language != "" {
		m.Language = f.Language
	}
	if f.Completed != nil {
		m.Completed = f.Completed
	}
	if f.DateFormats != nil {
		m.DateFormats = f.DateFormats
	}
	if m.Tool == "" {
		return Map{}, errors.New("the column map names no tool: set tool = \"…\" (it names the tool in each record's evidence)")
	}
	if !ledgerPrintable(m.Tool) || len(m.Tool) > 100 {
		return Map{}, fmt.Errorf("tool %q is not a short name", m.Tool)
	}
	return m, nil
}

// PresetMap is the preset called name.
func PresetMap(name string) (Map, error) {
	p, ok := Presets[name]
	if !ok {
		return Map{}, fmt.Errorf("no preset %q (choose from %s)%s", name, strings.Join(PresetNames(), ", "), didYouMean(name, PresetNames()))
	}
	p.Columns = maps(p.Columns)
	return p, nil
}

func maps(m map[string][]string) map[string][]string {
	out := make(map[string][]string, len(m))
	for k, v := range m {
		out[k] = slices.Clone(v)
	}
	return out
}

func didYouMean(s string, among []string) string {
	if n := typo.Nearest(s, among); n != "" {
		return fmt.Sprintf(" (did you mean %q?)", n)
	}
	return ""
}

// RowError is a problem with a cell (or a row, Col 0) of a report.
type RowError struct {
	Line, Col int
	Msg       string
}

// ImportResult is what Import found.
type ImportResult struct {
	Records  []ledger.Record // to append, in the file's order
	Rows     []int           // the line of each record's row
	Present  int             // rows already in the ledger (same person, digest and evidence)
	Skipped  int             // rows whose status is not a completion
	Errors   []RowError      // rows refused
	RowsRead int
}

// Import limits, those of the HR export; a suggestion for an unknown
// person is made for the first MaxSuggestions rows refused.
const (
	MaxImportBytes = model.MaxFileBytes
	MaxImportRows  = model.MaxListLength * 100
	MaxSuggestions = 100
)

// Import reads a completion report and returns the records it makes,
// every row checked against the pack (Entry): the person (by id or
// e-mail), the version, the date. now bounds the dates; c is the ledger
// as it is (nil for none), for the rows already recorded.
func Import(ctx context.Context, t *Texts, m Map, data []byte, c *ledger.Contents, now time.Time) (*ImportResult, error) {
	if len(data) > MaxImportBytes {
		return nil, fmt.Errorf("the report is larger than %d MiB", MaxImportBytes>>20)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	header, err := r.Read()
	if err != nil {
		return nil, csvError(err)
	}
	if sep := model.CSVSeparator(header); sep != 0 {
		r = csv.NewReader(bytes.NewReader(data))
		r.Comma, r.FieldsPerRecord = sep, -1
		header, _ = r.Read()
	}
	index := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if _, dup := index[h]; !dup {
			index[h] = i
		}
	}
	col := map[string]int{}
	for _, f := range ImportFields {
		for _, h := range m.Columns[f] {
			if i, ok := index[h]; ok {
				col[f] = i
				break
			}
		}
	}
	for _, f := range []string{"person", "completed", "reference"} {
		if _, ok := col[f]; !ok {
			var names []string
			for h := range index {
				names = append(names, h)
			}
			sort.Strings(names)
			want := strings.Join(m.Columns[f], "\", \"")
			return nil, &RowError{1, 0, fmt.Sprintf("no column for %s (looked for \"%s\"; the header has %q): map it in the column map's [columns] %s = \"…\"", f, want, names, f)}
		}
	}
	res := &ImportResult{}
	recorded := NewRecorded(c)
	people := NewFinder(t.Pack)
	seen := map[string]int{} // person, digest, evidence → line, within the file
	for row := 1; ; row++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		if res.RowsRead >= MaxImportRows {
			line, _ := r.FieldPos(0)
			return nil, &RowError{line, 0, fmt.Sprintf("the report has more than %d rows; the limit is %d", MaxImportRows, MaxImportRows)}
		}
		res.RowsRead++
		if blankRow(rec) {
			continue
		}
		line, _ := r.FieldPos(0)
		cell := func(f string) (string, int) {
			i, ok := col[f]
			if !ok || i >= len(rec) {
				return "", 0
			}
			_, c := r.FieldPos(i)
			return strings.TrimSpace(rec[i]), c
		}
		bad := func(c int, format string, args ...any) {
			res.Errors = append(res.Errors, RowError{line, c, fmt.Sprintf(format, args...)})
		}
		if status, c := cell("status"); c > 0 && len(m.Completed) > 0 && !slices.ContainsFunc(m.Completed, func(s string) bool { return strings.EqualFold(s, status) }) {
			res.Skipped++
			continue
		}
		who, whoCol := cell("person")
		// The nearest id is looked for the first rows refused only: each
		// search reads every id.
		person, err := people.Find(who, len(res.Errors) < MaxSuggestions)
		if err != nil {
			bad(whoCol, "%v", err)
			continue
		}
		when, whenCol := cell("completed")
		at, ok := parseTime(when, m.DateFormats)
		if !ok {
			bad(whenCol, "%q is not a date and time (%s)", when, strings.Join(m.DateFormats[:min(3, len(m.DateFormats))], ", "))
			continue
		}
		ref, refCol := cell("reference")
		if ref == "" {
			bad(refCol, "no %s: every row needs the envelope or course id", "reference")
			continue
		}
		version, versionCol := cell("version")
		if versionCol == 0 || version == "" {
			version, versionCol = m.Version, 0
		}
		lang, langCol := cell("language")
		if langCol == 0 || lang == "" {
			lang, langCol = m.Language, 0
		}
		entry, ferr := Entry(ctx, t, Ask{Person: person, Version: version, Lang: lang, Time: at}, now)
		if ferr != nil {
			c := map[string]int{"person": whoCol, "version": versionCol, "language": langCol, "date": whenCol}[ferr.Field]
			bad(c, "%s", ferr.Msg)
			continue
		}
		entry.Channel = ledger.Import
		entry.Evidence = fmt.Sprintf("%s %s row %d", m.Tool, ref, row+1) // the row as a spreadsheet numbers it, the header row 1
		if err := entry.Validate(); err != nil {
			bad(refCol, "%v", err)
			continue
		}
		if recorded.Line(entry) > 0 {
			res.Present++
			continue
		}
		key := entry.Person + "\x00" + entry.Text + "\x00" + entry.Evidence
		if first, dup := seen[key]; dup {
			bad(0, "the same acknowledgement as line %d", first)
			continue
		}
		seen[key] = line
		res.Records = append(res.Records, entry)
		res.Rows = append(res.Rows, line)
	}
	return res, nil
}

func parseTime(s string, layouts []string) (time.Time, bool) {
	for _, l := range layouts {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func blankRow(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &RowError{pe.Line, pe.Column, pe.Err.Error()}
	}
	return err
}

func (e *RowError) Error() string {
	if e.Col > 0 {
		return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%d: %s", e.Line, e.Msg)
}
