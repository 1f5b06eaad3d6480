package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/rolepack/rolepack/generator/ackservice"
	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/generator/textsafe"
)

func init() {
	registerAcks("export", "write the records of a ledger after a given record, for acks merge", runAcksExport)
	registerAcks("merge", "append the records of an export to the pack's ledger", runAcksMerge)
}

func runAcksExport(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("acks export", "acks export --ledger FILE [--since HASH]",
		`Write the records of a ledger (the one rolepack acks serve keeps) after
the record whose hash is --since, all of them without it, one a line, as
the ledger holds them: what rolepack acks merge appends to the pack's
ledger. --since is the hash of the pack's last record that came from this
ledger (the "hash" of its last line). A ledger that does not verify is
refused.

Exit codes: 0 written, 1 the ledger does not verify or has no record with
that hash, 2 misuse.`, stdout)
	path := flags.String("ledger", "", "the ledger `FILE` to export from")
	since := flags.String("since", "", "export the records after the one with this `HASH` (sha256:…)")
	if _, err := parse(flags, args, 0); err != nil {
		return err
	}
	if *path == "" {
		return misuse("acks export needs --ledger FILE")
	}
	f, err := os.Open(*path)
	if err != nil {
		return failed("%v", err)
	}
	defer f.Close()
	recs, err := ackservice.Export(io.LimitReader(f, ledger.MaxSize+1), *path, *since)
	if err != nil {
		return failed("%v", err)
	}
	var b bytes.Buffer
	for _, r := range recs {
		b.Write(r.Line())
		b.WriteByte('\n')
	}
	_, err = stdout.Write(b.Bytes())
	return err
}

func runAcksMerge(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("acks merge", "acks merge [--content DIR] FILE",
		`Append the records of FILE, an export (rolepack acks export), to the
pack's ledger, acknowledgements.jsonl: as they are when their chain
continues the pack's last record, else sealed again after it (the same
fields, with a new n, prev and hash). All or nothing: a record that does
not verify, or that the pack's ledger has already (the same person,
version, text, time, channel and evidence), refuses the merge, each at its
line, and nothing is written. Commit the ledger after.

Exit codes: 0 merged (or nothing to merge), 1 a record is refused or the
pack's ledger does not verify, 2 misuse.`, stdout)
	content := flags.String("content", "content", "the pack's source `DIR`")
	rest, err := parse(flags, args, 1)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return misuse("acks merge needs the export FILE to merge")
	}
	file := rest[0]
	f, err := os.Open(file)
	if err != nil {
		return failed("%v", err)
	}
	recs, problems, err := ackservice.ReadExport(f)
	f.Close()
	if err != nil {
		return failed("%s: %v", file, err)
	}
	if len(problems) > 0 {
		return failed("%v", &ledger.BrokenError{Path: file, Problems: problems})
	}
	if st, err := os.Stat(*content); err != nil || !st.IsDir() {
		return misuse("--content %s is not a directory", *content)
	}
	path := filepath.Join(*content, ledger.File)
	res, dups, err := ackservice.Merge(path, recs)
	var broken *ledger.BrokenError
	switch {
	case errors.As(err, &broken):
		return failed("%v", err)
	case err != nil:
		return failed("%s: %v", path, err)
	}
	if len(dups) > 0 {
		for _, d := range dups {
			fmt.Fprintf(stderr, "%s:%d: %v\n", textsafe.Line(file), d.Line, d)
		}
		return failed("%s: nothing merged: %d %s already in %s", file, len(dups), plural(len(dups), "record is", "records are"), path)
	}
	next := ""
	if len(recs) > 0 {
		next = fmt.Sprintf("\nthe next export: rolepack acks export --since %s", recs[len(recs)-1].Hash)
	}
	switch {
	case res.Appended == 0:
		fmt.Fprintf(stdout, "%s: no records, nothing merged\n", textsafe.Line(file))
	case res.Verbatim:
		fmt.Fprintf(stdout, "%s: appended %d %s as they are (their chain continues the pack's); last hash %s%s\n", textsafe.Line(path), res.Appended, plural(res.Appended, "record", "records"), res.Last.Hash, next)
	default:
		fmt.Fprintf(stdout, "%s: appended %d %s, sealed again after the pack's last record; last hash %s%s\n", textsafe.Line(path), res.Appended, plural(res.Appended, "record", "records"), res.Last.Hash, next)
	}
	return nil
}
