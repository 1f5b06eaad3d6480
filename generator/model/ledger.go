package model

import (
	"bytes"
	"errors"
	"io/fs"
	"os"

	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/internal/safefile"
)

// LedgerAck is an acknowledgement of the ledger (acknowledgements.jsonl,
// generator/ledger): a record, the person it names (nil when the pack has
// no such person) and its line.
type LedgerAck struct {
	ledger.Record
	Person *Person `json:"-"`
	Pos    Pos     `json:"-"`
}

// Date is the day of the record's time (UTC).
func (a *LedgerAck) Date() Date {
	d, _ := ParseDate(a.Time[:10]) // a record's time was validated
	return d
}

// LedgerProblem is a line of the ledger that does not verify: a broken
// link of the chain, a changed record, a torn last line. The checks
// report each (RP-ACK-01); the record is not counted.
type LedgerProblem struct {
	Pos Pos
	Msg string
}

// loadLedger reads the ledger beside acknowledgements.toml, if the pack
// has one. Its problems are the checks' to report, not the loader's: a
// pack whose ledger is damaged still builds, without the damaged records.
func (l *loader) loadLedger() {
	if l.dir == "" {
		return
	}
	root, err := os.OpenRoot(l.dir)
	if err != nil {
		return
	}
	defer root.Close()
	data, err := safefile.ReadFileIn(root, ledger.File, ledger.MaxSize)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return
	case err != nil:
		l.errs.Add(Pos{File: ledger.File}, readError(err))
		return
	}
	c, err := ledger.Read(bytes.NewReader(data))
	if err != nil {
		l.errs.Add(Pos{File: ledger.File}, err.Error())
		return
	}
	for _, pr := range c.Problems {
		l.p.LedgerProblems = append(l.p.LedgerProblems, LedgerProblem{Pos: Pos{File: ledger.File, Line: pr.Line}, Msg: pr.Msg})
	}
	for i, r := range c.Records {
		if c.Bad(c.Lines[i]) {
			continue // a broken link: not counted
		}
		l.p.Ledger = append(l.p.Ledger, &LedgerAck{Record: r, Person: l.p.Person(r.Person), Pos: Pos{File: ledger.File, Line: c.Lines[i]}})
	}
}

// AckSince is when the people who must acknowledge the current version
// were asked to: its effective date, else its approval date (zero when
// the document has neither).
func (d DocumentControl) AckSince() Date {
	if !d.EffectiveDate.IsZero() {
		return d.EffectiveDate
	}
	return d.ApprovalDate
}

// AckDue is when the people who must acknowledge the current version
// should have: ack_due_days after AckSince. Zero (no due date) when the
// pack sets no ack_due_days, or the document has neither date.
func (d DocumentControl) AckDue() Date {
	since := d.AckSince()
	if since.IsZero() || d.AckDueDays == 0 {
		return Date{}
	}
	return since.AddDays(d.AckDueDays)
}
