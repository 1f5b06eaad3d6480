package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/rolepack/rolepack/generator/acks"
	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/textsafe"
)

func init() {
	registerAcks("record", "enter a signed paper sheet, with its scan's hash", runAcksRecord)
}

func runAcksRecord(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("acks record", "acks record --content DIR --person ID --scan FILE [--date YYYY-MM-DD] [--version V] [--lang L]",
		`Enter a signed paper acknowledgement sheet in the ledger
(acknowledgements.jsonl): one record, channel "paper", whose evidence is
the SHA-256 of the sheet's scan, which must be kept inside the content
directory (such as acknowledgements/scans/ann-2.1.pdf), and whose digest
is of the person's text of the version (the current one, or --version's
from its [[revision]] git_ref) in --lang (the pack's language by
default). The time is the --date at 00:00:00 UTC, or now.

Refused, with nothing written: a person who is unknown, has left or holds
no seat; a date in the future or before the version's revision date; an
acknowledgement the ledger already holds (same person and text).

Exit codes: 0 recorded; 1 refused, or the pack or the ledger has
problems; 2 misuse.`, stdout)
	content := flags.String("content", "content", "the pack's source `DIR`")
	personID := flags.String("person", "", "the `ID` (or e-mail address) of the person who signed")
	scan := flags.String("scan", "", "the scanned signed sheet, a `FILE` inside the content directory")
	date := flags.String("date", "", "the `YYYY-MM-DD` the sheet was signed (default: now)")
	version := flags.String("version", "", "the `V`ersion signed (default: the current version)")
	lang := flags.String("lang", "", "the `L`anguage of the text signed (default: the pack's)")
	if _, err := parse(flags, args, 0); err != nil {
		return err
	}
	if *personID == "" || *scan == "" {
		return misuse("acks record needs --person and --scan")
	}
	now := time.Now()
	at := now
	if *date != "" {
		d, err := model.ParseDate(*date)
		if err != nil {
			return misuse("--date %q is not a date (YYYY-MM-DD)", *date)
		}
		at = d.Time()
	}
	p, err := model.Load(*content)
	if err != nil {
		return loadError(*content, err, stderr)
	}
	person, err := acks.FindPerson(p, *personID)
	if err != nil {
		return failed("--person: %v", err)
	}
	evidence, err := acks.ScanEvidence(*content, *scan)
	if err != nil {
		return failed("--scan: %v", err)
	}
	t := &acks.Texts{Content: *content, Pack: p}
	rec, ferr := acks.Entry(context.Background(), t, acks.Ask{Person: person, Version: *version, Lang: *lang, Time: at}, now)
	if ferr != nil {
		flag := map[string]string{"person": "--person", "version": "--version", "language": "--lang", "date": "--date"}[ferr.Field]
		return failed("%s: %s", flag, ferr.Msg)
	}
	rec.Channel, rec.Evidence = ledger.Paper, evidence
	path := filepath.Join(*content, ledger.File)
	w, _, err := openLedger(path)
	if err != nil {
		return err
	}
	defer w.Close()
	// The ledger as it is under the writer's lock: no other writer can
	// append the same acknowledgement between this look and the append.
	data, err := readLedger(*content)
	if err != nil {
		return failed("%s: %v", path, err)
	}
	c, err := ledger.Read(bytes.NewReader(data))
	if err != nil {
		return failed("%s: %v", path, err)
	}
	if line := acks.Duplicate(c, rec, ""); line > 0 {
		return failed("%s:%d: already records %s's acknowledgement of this text (version %s, %s): nothing written",
			path, line, person.ID, c.Records[lineIndex(c, line)].Version, c.Records[lineIndex(c, line)].Time)
	}
	rec, err = w.Append(rec)
	if err != nil {
		return failed("%s: %v", path, err)
	}
	if err := w.Close(); err != nil {
		return failed("%s: %v", path, err)
	}
	fmt.Fprintf(stdout, "%s:%d: recorded %s's paper acknowledgement of version %s (%s, %s)\n", textsafe.Line(path), rec.N,
		textsafe.Line(person.Name), textsafe.Line(rec.Version), rec.Time[:10], textsafe.Line(rec.Evidence))
	return nil
}

// lineIndex is the index in c.Records of the record at line.
func lineIndex(c *ledger.Contents, line int) int {
	for i, l := range c.Lines {
		if l == line {
			return i
		}
	}
	return 0
}
