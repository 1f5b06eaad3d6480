package acks

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/textsafe"
)

// Pending is a person who must still acknowledge the current version.
type Pending struct {
	Person *model.Person
	// State says why: check.AckMissing, AckStale (the ledger holds an
	// acknowledgement of a text changed since) or AckChanged (an earlier
	// version's, their duties changed since).
	State check.AckState
	// Since is when they were asked: the version's effective date, else
	// its approval date; zero when the document has neither.
	Since model.Date
	// Due is Since plus [document] ack_due_days (zero when the pack sets
	// none, or with Since), and Overdue is set when today is after it.
	Due     model.Date
	Overdue bool
	// Link is their personal link from the links file, with its expiry
	// ("" when none is given).
	Link, Expires string
}

// PendingOf lists, in the pack's order of people, every seated person
// whose acknowledgement of the current version RP-COMM-01 does not find
// (check.Acknowledgements with the checks' options), as of today.
func PendingOf(p *model.Pack, today model.Date, opts check.Options) []Pending {
	since, due := p.Document.AckSince(), p.Document.AckDue()
	var out []Pending
	for _, st := range check.Acknowledgements(p, today, opts) {
		if st.State.Counts() {
			continue
		}
		out = append(out, Pending{Person: st.Person, State: st.State, Since: since, Due: due, Overdue: !due.IsZero() && today.After(due)})
	}
	return out
}

// Link is a row of the file rolepack acks links writes for a mail merge.
type Link struct{ Name, Email, Link, Expires string }

// Limits on a links file.
const (
	MaxLinksBytes = 16 << 20
	MaxLinksRows  = 100_000
)

// LinksColumns are the links file's columns, as its header names them.
var LinksColumns = []string{"name", "email", "link", "expires"}

// ReadLinks reads a links file: CSV with a header row naming at least the
// columns name, email, link and expires (in any order; others are
// ignored). It returns the rows by e-mail address (lower case) and by
// name, and the first problem as "row N: …" or "column …".
func ReadLinks(r io.Reader) (byEmail, byName map[string]Link, err error) {
	cr := csv.NewReader(io.LimitReader(r, MaxLinksBytes+1))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("row 1: %v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, c := range LinksColumns {
		if _, ok := col[c]; !ok {
			return nil, nil, fmt.Errorf("row 1: no column %q (a links file has the columns %s)", c, strings.Join(LinksColumns, ", "))
		}
	}
	byEmail, byName = map[string]Link{}, map[string]Link{}
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("row %d: %v", row, err)
		}
		if row > MaxLinksRows+1 {
			return nil, nil, fmt.Errorf("row %d: more than %d rows", row, MaxLinksRows)
		}
		cell := func(c string) string {
			if i := col[c]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		l := Link{cell("name"), cell("email"), cell("link"), cell("expires")}
		for _, v := range []string{l.Name, l.Email, l.Link, l.Expires} {
			if strings.IndexFunc(v, unicode.IsControl) >= 0 || !utf8.ValidString(v) {
				return nil, nil, fmt.Errorf("row %d: a cell holds a control character or is not UTF-8", row)
			}
		}
		if l.Email != "" {
			byEmail[strings.ToLower(l.Email)] = l
		}
		if l.Name != "" {
			byName[l.Name] = l
		}
	}
	return byEmail, byName, nil
}

// WithLinks fills in each pending person's link: the row with their
// e-mail address, else the row with their name.
func WithLinks(ps []Pending, byEmail, byName map[string]Link) {
	for i := range ps {
		l, ok := byEmail[strings.ToLower(ps[i].Person.Email)]
		if !ok || ps[i].Person.Email == "" {
			l, ok = byName[ps[i].Person.Name]
		}
		if ok {
			ps[i].Link, ps[i].Expires = l.Link, l.Expires
		}
	}
}

// PendingColumns are the columns of WritePendingCSV.
var PendingColumns = []string{"person", "name", "email", "reason", "since", "due", "overdue", "link", "expires"}

// Reason names a pending state in the CSV and the text list.
func Reason(s check.AckState) string {
	switch s {
	case check.AckStale:
		return "text changed since acknowledged"
	case check.AckChanged:
		return "duties changed since an earlier version"
	}
	return "not acknowledged"
}

// WritePendingCSV writes ps as CSV (PendingColumns), every cell that a
// spreadsheet program would take for a formula prefixed with "'".
func WritePendingCSV(w io.Writer, ps []Pending) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(PendingColumns); err != nil {
		return err
	}
	for _, x := range ps {
		overdue := "no"
		if x.Overdue {
			overdue = "yes"
		}
		row := []string{x.Person.ID, x.Person.Name, x.Person.Email, Reason(x.State), dateString(x.Since), dateString(x.Due), overdue, x.Link, x.Expires}
		for i := range row {
			row[i] = textsafe.CSVCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func dateString(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}
