package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/generator/textsafe"
	"github.com/rolepack/rolepack/generator/verify"
)

func runVerify(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("verify", "verify [--content DIR] FILE...",
		`Say, for each file rolepack built (a PDF, the workbook, the Word document
or a site page), which version of the sources it came from — read from the
stamp embedded in it — and whether that is the current version of the
sources in --content, a superseded one, or unknown. Offline: nothing is
fetched. Only regular files are read: a named pipe, a device or a
directory, and a file over 512 MiB (64 MiB for a workbook or Word file),
is refused at once, unread.

Exit codes: 0 every file is current and approved; 1 a file is superseded,
unknown, not approved, has no stamp or cannot be read; 2 misuse.`, stdout)
	content := fs.String("content", "content", "the pack's source `DIR`")
	files, err := parse(fs, args, 1<<20)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return misuse("verify needs a FILE to check")
	}
	l, err := pipeline.Load(context.Background(), pipelineOptions(*content, ""))
	if err != nil {
		return loadError(*content, err, stderr)
	}
	cur := verify.Pack{ContentHash: l.Stamp.ContentHash, Version: l.Pack.Document.Version, Status: l.Pack.Document.Status}
	for _, r := range l.Pack.Revisions {
		cur.Versions = append(cur.Versions, r.Version)
	}
	ok := true
	for _, f := range files {
		e, err := verify.Read(f)
		if err != nil {
			ok = false
			if errors.Is(err, verify.ErrNoStamp) {
				fmt.Fprintf(stdout, "%s: unknown: %s\n", textsafe.Line(f), err)
				continue
			}
			fmt.Fprintf(stdout, "%s\n", textsafe.Line(err.Error())) // it names the file
			continue
		}
		j := verify.Judge(e, cur)
		if j.Verdict != verify.Current || l.Pack.Document.Status != model.StatusApproved {
			ok = false
		}
		fmt.Fprintf(stdout, "%s: %s\n", textsafe.Line(f), textsafe.Line(j.Message))
	}
	if !ok {
		return &cmdError{code: exitPack}
	}
	return nil
}
