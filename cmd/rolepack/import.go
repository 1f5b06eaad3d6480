package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/rolepack/rolepack/generator/importxlsx"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/textsafe"
)

func runImportWorkbook(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import-workbook", "import-workbook [--content DIR] [--dry-run] [--force] FILE.xlsx",
		`Read the RACI sheet and the Deputy column of the role register of a
workbook rolepack built, as people edited it in Excel or LibreOffice, and
apply the changes to the TOML sources in place: only the changed values are
rewritten, so comments and layout survive; a letter or deputy new to an
entry is added to it. The semantic changes are printed first, as
"rolepack diff" states them.

A workbook built from other sources than --content holds now is refused
unless --force: its content hash differs, as its rolepack.content_hash
property records it or, when the program that saved it dropped custom
properties (openpyxl does), as its document-control sheet prints it; a
workbook with neither is refused unless --force too. So is a
workbook that looks damaged: the XML of the RACI sheet, the role register
or the shared strings does not parse to its end, or their cells are out
of order; the error names the sheet and cell. Every cell that cannot be
accepted is listed as SHEET!CELL; then nothing is written. Each edited
file is written atomically (a temporary file, then a rename).

Exit codes: 0 applied (or nothing to apply, or --dry-run), 1 the pack does
not load, the workbook is stale or damaged or a cell is refused, 2 misuse.`, stdout)
	content := fs.String("content", "content", "the pack's source `DIR`")
	dryRun := fs.Bool("dry-run", false, "print the changes and write nothing")
	force := fs.Bool("force", false, "apply a workbook built from other sources")
	rest, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return misuse("import-workbook needs the workbook: FILE.xlsx")
	}
	if _, err := os.Stat(*content); err != nil {
		return misuse("%s: %s (use --content DIR)", model.ErrNoContent.Error(), *content)
	}
	plan, err := importxlsx.Read(rest[0], *content, *force)
	var refused importxlsx.Refused
	switch {
	case errors.As(err, &refused):
		for _, r := range refused {
			fmt.Fprintln(stderr, textsafe.Line(r))
		}
		return failed("%d %s refused; nothing written", len(refused), plural(len(refused), "cell", "cells"))
	case err != nil:
		var errs model.Errors
		if errors.As(err, &errs) {
			return loadError(*content, err, stderr)
		}
		return failed("%v", err)
	}
	if len(plan.Files) == 0 {
		fmt.Fprintln(stdout, "The workbook holds no changes to the sources.")
		return nil
	}
	plan.Changes.From, plan.Changes.To = "sources", textsafe.Line(rest[0])
	if err := plan.Changes.Text(stdout); err != nil {
		return err
	}
	// The files as paths a person can open: the content directory joined
	// with each source's path, one a line.
	var paths []string
	for p := range plan.Files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	list := func() {
		for _, p := range paths {
			fmt.Fprintf(stdout, "  %s\n", textsafe.Line(filepath.Join(*content, filepath.FromSlash(p))))
		}
	}
	if *dryRun {
		fmt.Fprintf(stdout, "\n--dry-run: would change %d %s; nothing written:\n", len(paths), plural(len(paths), "file", "files"))
		list()
		return nil
	}
	if err := plan.Write(*content); err != nil {
		return failed("writing the sources: %v", err)
	}
	fmt.Fprintf(stdout, "\nWrote %d %s:\n", len(paths), plural(len(paths), "file", "files"))
	list()
	return nil
}
