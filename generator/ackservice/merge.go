package ackservice

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/rolepack/rolepack/generator/ledger"
)

// Export returns the records of the ledger read from r after the record
// whose hash is since (all of them when since is empty), as the lines the
// ledger holds them in. A ledger that does not verify, or a since that is
// none of its records' hashes, is refused.
func Export(r io.Reader, name, since string) ([]ledger.Record, error) {
	c, err := ledger.Read(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(c.Problems) > 0 {
		return nil, &ledger.BrokenError{Path: name, Problems: c.Problems}
	}
	if since == "" {
		return c.Records, nil
	}
	for i, rec := range c.Records {
		if rec.Hash == since {
			return c.Records[i+1:], nil
		}
	}
	return nil, fmt.Errorf("%s: no record has the hash %q: give the hash of the last record exported from it before (acks merge prints it)", name, since)
}

// ReadExport reads the records of an export: whole records, one a line,
// each in the ledger's canonical form with its hash holding, each
// chained to the one before it (the first may follow any record). The
// problems are at their lines; a file with problems gives no records.
func ReadExport(r io.Reader) ([]ledger.Record, []ledger.Problem, error) {
	var (
		recs     []ledger.Record
		problems []ledger.Problem
	)
	sc := bufio.NewScanner(io.LimitReader(r, ledger.MaxSize+1))
	sc.Buffer(make([]byte, 0, ledger.MaxLine+2), ledger.MaxLine+1)
	var size int64
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if size += int64(len(line)) + 1; size > ledger.MaxSize || n > ledger.MaxRecords {
			return nil, nil, fmt.Errorf("larger than a ledger may be (%d bytes, %d records)", ledger.MaxSize, ledger.MaxRecords)
		}
		rec, err := verifyLine(line)
		if err != nil {
			problems = append(problems, ledger.Problem{Line: n, Msg: err.Error()})
			continue
		}
		if len(recs) > 0 && len(problems) == 0 {
			if last := recs[len(recs)-1]; rec.Prev != last.Hash || rec.N != last.N+1 {
				problems = append(problems, ledger.Problem{Line: n, Msg: "not chained to the record before it: a record was removed, inserted or reordered"})
			}
		}
		recs = append(recs, rec)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, append(problems, ledger.Problem{Line: n + 1, Msg: fmt.Sprintf("longer than %d bytes: not a record", ledger.MaxLine)}), nil
		}
		return nil, nil, err
	}
	if len(problems) > 0 {
		return nil, problems, nil
	}
	return recs, nil, nil
}

// verifyLine reads one record of an export: its own hash must hold, in
// the ledger's canonical form.
func verifyLine(line []byte) (ledger.Record, error) {
	var rec ledger.Record
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil || dec.More() {
		return rec, errors.New("not a record of a ledger")
	}
	if err := rec.Validate(); err != nil {
		return rec, err
	}
	if rec.N < 1 {
		return rec, errors.New("n is not a record number")
	}
	resealed := rec.Sealed(&ledger.Record{N: rec.N - 1, Hash: rec.Prev})
	if rec.N == 1 {
		resealed = rec.Sealed(nil)
	}
	if resealed.Hash != rec.Hash || resealed.Prev != rec.Prev {
		return rec, errors.New("the hash does not match the record: it was changed after it was written")
	}
	if !bytes.Equal(rec.Line(), line) {
		return rec, errors.New("not in the ledger's canonical form: edited by hand?")
	}
	return rec, nil
}

// key is what makes two records the same acknowledgement, wherever in a
// chain: the same person, version, text, time, channel and evidence.
func key(r ledger.Record) ledger.Record {
	return ledger.Record{Person: r.Person, Version: r.Version, Text: r.Text, Time: r.Time, Channel: r.Channel, Evidence: r.Evidence}
}

// MergeResult says what Merge did.
type MergeResult struct {
	Appended int  // records appended
	Verbatim bool // their chain continued the pack's: appended as they were
	Last     ledger.Record
}

// DuplicateError is a record of an export already in the pack's ledger.
type DuplicateError struct {
	Line, PackLine int
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("already in the pack's ledger (line %d): merged before?", e.PackLine)
}

// Merge appends recs (ReadExport) to the ledger at path, all or none:
// as they are when their chain continues the ledger's last record, else
// sealed again after it (the same fields, a new n, prev and hash). A
// record already in the ledger refuses the merge (DuplicateError for each).
func Merge(path string, recs []ledger.Record) (MergeResult, []*DuplicateError, error) {
	var res MergeResult
	w, _, err := ledger.Open(path)
	if err != nil {
		return res, nil, err
	}
	defer w.Close()
	f, err := os.Open(path)
	if err != nil {
		return res, nil, err
	}
	c, err := ledger.Read(f)
	f.Close()
	if err != nil {
		return res, nil, err
	}
	var dups []*DuplicateError
	had := make(map[ledger.Record]int, len(c.Records)) // the pack's records by their fields (key), to their lines
	for j, have := range c.Records {
		if _, dup := had[key(have)]; !dup {
			had[key(have)] = c.Lines[j]
		}
	}
	for i, r := range recs {
		if line, ok := had[key(r)]; ok {
			dups = append(dups, &DuplicateError{Line: i + 1, PackLine: line})
		}
	}
	if len(dups) > 0 {
		return res, dups, nil
	}
	if len(recs) == 0 {
		return res, nil, nil
	}
	last, _ := w.Last()
	first := recs[0]
	res.Verbatim = (last == nil && first.N == 1 && first.Prev == "") || (last != nil && first.Prev == last.Hash && first.N == last.N+1)
	written, err := w.AppendAll(recs) // with one sync, all or none
	if err != nil {
		return res, nil, err
	}
	res.Appended, res.Last = len(written), written[len(written)-1]
	return res, nil, nil
}
