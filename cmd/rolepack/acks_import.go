package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rolepack/rolepack/generator/acks"
	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/textsafe"
	"github.com/rolepack/rolepack/internal/safefile"
)

func init() {
	registerAcks("import", "enter the completions of an e-signature service's or a learning platform's report", runAcksImport)
}

func runAcksImport(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("acks import", "acks import [--content DIR] [--preset NAME] [--map FILE] [--skip-bad] [--dry-run] FILE",
		`Enter the acknowledgements of a completion report (CSV) of an e-signature
service or a learning platform in the ledger (acknowledgements.jsonl):
one record per completed row, channel "import", evidence "<tool>
<envelope or course id> row N". --preset names a report whose columns
rolepack knows (`+strings.Join(acks.PresetNames(), ", ")+`); --map a column map (TOML)
for any other, or over a preset (docs/acknowledgements.md).

Every row is checked: the person (id, e-mail address or hr_id; seated
and in the organisation), the version (in the revision history, the current one
or one with a git_ref its text is read from), the date (not in the
future, not before the version's revision date). A refused row is
reported as FILE:LINE:COLUMN; nothing is written unless every row passes,
or --skip-bad is given. Rows whose status is not a completion are
skipped, and so are rows the ledger already holds (same person, text and
evidence): importing the same report twice adds nothing.

Exit codes: 0 imported (or, with --dry-run, would be); 1 a row is refused
(without --skip-bad), or the pack or the ledger has problems; 2 misuse.`, stdout)
	content := flags.String("content", "content", "the pack's source `DIR`")
	preset := flags.String("preset", "", "the report's format: `NAME` of a preset ("+strings.Join(acks.PresetNames(), ", ")+")")
	mapFile := flags.String("map", "", "a column map `FILE` (TOML): the columns, the tool's name, a fixed version or language")
	skipBad := flags.Bool("skip-bad", false, "import the rows that pass, and report the others")
	dryRun := flags.Bool("dry-run", false, "check and report, write nothing")
	rest, err := parse(flags, args, 1)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return misuse("acks import needs the report FILE")
	}
	file := rest[0]
	if *preset == "" && *mapFile == "" {
		return misuse("acks import needs --preset (%s) or --map FILE", strings.Join(acks.PresetNames(), ", "))
	}
	var m acks.Map
	if *mapFile != "" {
		data, err := safefile.ReadFile(*mapFile, acks.MaxMapBytes)
		if err != nil {
			return failed("%v", err)
		}
		if m, err = acks.ReadMap(data, *preset); err != nil {
			return failed("%s: %v", *mapFile, err)
		}
	} else if m, err = acks.PresetMap(*preset); err != nil {
		return misuse("--preset: %v", err)
	}
	data, err := safefile.ReadFile(file, acks.MaxImportBytes)
	if err != nil {
		return failed("%v", err)
	}
	p, err := model.Load(*content)
	if err != nil {
		return loadError(*content, err, stderr)
	}
	path := filepath.Join(*content, ledger.File)
	c, err := currentLedger(*content)
	if err != nil {
		return failed("%s: %v", path, err)
	}
	t := &acks.Texts{Content: *content, Pack: p}
	res, err := acks.Import(context.Background(), t, m, data, c, time.Now())
	var rowErr *acks.RowError
	switch {
	case errors.As(err, &rowErr):
		return failed("%s:%v", file, rowErr)
	case err != nil:
		return failed("%s: %v", file, err)
	}
	for _, e := range res.Errors {
		fmt.Fprintf(stderr, "%s:%s\n", textsafe.Line(file), textsafe.Line(e.Error()))
	}
	summary := fmt.Sprintf("%d %s read: %d to record, %d already in the ledger, %d not completed, %d refused",
		res.RowsRead, plural(res.RowsRead, "row", "rows"), len(res.Records), res.Present, res.Skipped, len(res.Errors))
	if len(res.Errors) > 0 && !*skipBad {
		fmt.Fprintf(stdout, "%s: %s; nothing written (fix the rows, or --skip-bad)\n", textsafe.Line(file), summary)
		return &cmdError{code: exitPack}
	}
	if *dryRun {
		fmt.Fprintf(stdout, "%s: %s; nothing written (--dry-run)\n", textsafe.Line(file), summary)
		return nil
	}
	w, _, err := openLedger(path)
	if err != nil {
		return err
	}
	defer w.Close()
	// Under the writer's lock: what another writer appended since the
	// first look is not appended twice.
	if c, err = currentLedger(*content); err != nil {
		return failed("%s: %v", path, err)
	}
	recorded := acks.NewRecorded(c)
	var fresh []ledger.Record
	for _, r := range res.Records {
		if recorded.Line(r) == 0 {
			fresh = append(fresh, r)
		}
	}
	// All the rows' records with one sync, or none.
	if _, err := w.AppendAll(fresh); err != nil {
		return failed("%s: %v", path, err)
	}
	appended := len(fresh)
	if err := w.Close(); err != nil {
		return failed("%s: %v", path, err)
	}
	fmt.Fprintf(stdout, "%s: %s; %d %s appended to %s\n", textsafe.Line(file), summary, appended, plural(appended, "record", "records"), textsafe.Line(path))
	return nil
}

// currentLedger reads the ledger of the content directory as it is, nil
// when there is none.
func currentLedger(content string) (*ledger.Contents, error) {
	data, err := readLedger(content)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return ledger.Read(bytes.NewReader(data))
}
