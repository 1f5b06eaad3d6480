package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/rolepack/rolepack/generator/acks"
	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/generator/textsafe"
)

func init() {
	registerAcks("pending", "list who must still acknowledge the current version, since when, by when", runAcksPending)
}

func runAcksPending(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("acks pending", "acks pending [--content DIR] [--format text|csv] [--links FILE]",
		`List everyone who must still acknowledge the current version: the seated
people whose acknowledgement RP-COMM-01 does not find (none on record,
one of a text changed since, or one of an earlier version whose duties
changed), each with the date they were asked (the version's
effective_date, else its approval_date) and, when pack.toml sets
[document] ack_due_days, the date it is due; later ones are marked
overdue. "Today" is the checks' (SOURCE_DATE_EPOCH, else the last commit
date, else the clock). --links adds each person's link from the CSV
rolepack acks links wrote (columns name, email, link, expires).

Exit codes: 0 listed (even when someone is pending), 1 the pack does not
load, 2 misuse.`, stdout)
	content := flags.String("content", "content", "the pack's source `DIR`")
	format := flags.String("format", "text", "output `FORMAT`: text, or csv for a mail merge or a spreadsheet")
	links := flags.String("links", "", "the links `FILE` of rolepack acks links (CSV), to show each person's link")
	if _, err := parse(flags, args, 0); err != nil {
		return err
	}
	if *format != "text" && *format != "csv" {
		return misuse("--format must be text or csv, not %q", *format)
	}
	l, err := pipeline.Load(context.Background(), pipelineOptions(*content, ""))
	if err != nil {
		return loadError(*content, err, stderr)
	}
	printWarnings(stderr, *content, l.Pack) // a git_ref history cannot read changes who is asked
	today := l.Stamp.Date()
	pending := acks.PendingOf(l.Pack, today, l.CheckOptions())
	if *links != "" {
		f, err := os.Open(*links)
		if err != nil {
			return failed("%v", err)
		}
		byEmail, byName, err := acks.ReadLinks(f)
		f.Close()
		if err != nil {
			return failed("%s: %v", *links, err)
		}
		acks.WithLinks(pending, byEmail, byName)
	}
	if *format == "csv" {
		return acks.WritePendingCSV(stdout, pending)
	}
	version := l.Pack.Document.Version
	if len(pending) == 0 {
		fmt.Fprintf(stdout, "%s: everyone who must has acknowledged version %s (as of %s)\n", textsafe.Line(*content), textsafe.Line(version), today)
		return nil
	}
	overdue := 0
	for _, x := range pending {
		line := fmt.Sprintf("%s (%s): %s", textsafe.Line(x.Person.Name), textsafe.Line(x.Person.ID), acks.Reason(x.State))
		if !x.Since.IsZero() {
			line += fmt.Sprintf("; asked since %s", x.Since)
		}
		if !x.Due.IsZero() {
			line += fmt.Sprintf(", due %s", x.Due)
		}
		if x.Overdue {
			line += " — OVERDUE"
			overdue++
		}
		if x.Link != "" {
			line += fmt.Sprintf("\n    %s (expires %s)", textsafe.Line(x.Link), textsafe.Line(x.Expires))
		}
		fmt.Fprintln(stdout, line)
	}
	fmt.Fprintf(stdout, "%d %s must still acknowledge version %s (%d overdue, as of %s)\n",
		len(pending), plural(len(pending), "person", "people"), textsafe.Line(version), overdue, today)
	return nil
}
