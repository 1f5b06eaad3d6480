package acks

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/rolepack/rolepack/generator/ledger"
)

// VerifyReport is what Verify found in a ledger.
type VerifyReport struct {
	Records  int       // records read, and lines that should be records
	Verified int       // records whose chain and digest verify
	Broken   []Problem // lines that do not verify, in line order
	// Unchecked are the versions whose text could not be had (no git_ref,
	// or one that does not read), with the lines of their records whose
	// chain verifies but whose digest was not checked.
	Unchecked []Unchecked
}

// Problem is a line of the ledger that does not verify.
type Problem struct {
	Line int
	Msg  string
}

// Unchecked is a version whose records' digests could not be checked.
type Unchecked struct {
	Version, Reason string
	Lines           []int
}

// Verify checks a ledger's chain (ledger.Read) and every record's digest
// against the text its version gave the person in the record's language:
// the current version's text from the pack, an earlier version's from the
// pack at its git_ref (t). It never fails on the ledger's content: what
// is wrong is in the report; err is for a ledger that cannot be read at
// all (too large) or a cancelled ctx.
func Verify(ctx context.Context, t *Texts, data []byte) (*VerifyReport, error) {
	c, err := ledger.Read(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	rep := &VerifyReport{Records: len(c.Records)}
	lines := map[int]bool{}
	for _, l := range c.Lines {
		lines[l] = true
	}
	for _, pr := range c.Problems {
		rep.Broken = append(rep.Broken, Problem{pr.Line, pr.Msg})
		if !lines[pr.Line] {
			lines[pr.Line] = true
			rep.Records++ // a line that is no record any more counts as one
		}
	}
	unchecked := map[string]int{} // version → index in rep.Unchecked
	p := t.Pack
	for i, r := range c.Records {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		line := c.Lines[i]
		if c.Bad(line) {
			continue
		}
		if r.Document != p.Document.ID {
			rep.Broken = append(rep.Broken, Problem{line, fmt.Sprintf("the record is of document %q, not of this pack's %q", r.Document, p.Document.ID)})
			continue
		}
		digest, known, err := t.Digest(ctx, r.Version, r.Person, r.Language)
		var none *ErrNoText
		switch {
		case errors.As(err, &none):
			k, seen := unchecked[r.Version]
			if !seen {
				k = len(rep.Unchecked)
				unchecked[r.Version] = k
				rep.Unchecked = append(rep.Unchecked, Unchecked{Version: r.Version, Reason: none.Reason})
			}
			rep.Unchecked[k].Lines = append(rep.Unchecked[k].Lines, line)
		case err != nil:
			return nil, err
		case !known:
			rep.Broken = append(rep.Broken, Problem{line, fmt.Sprintf("version %s has no text for person %q in language %q", r.Version, r.Person, r.Language)})
		case digest != r.Text:
			rep.Broken = append(rep.Broken, Problem{line, fmt.Sprintf("the text of version %s for this person (%s, in %s) does not have this digest", r.Version, r.Person, r.Language)})
		default:
			rep.Verified++
		}
	}
	sortProblems(rep.Broken)
	return rep, nil
}

func sortProblems(ps []Problem) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Line < ps[j-1].Line; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}
