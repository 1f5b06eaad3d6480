package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/rolepack/rolepack/generator/acks"
	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/textsafe"
	"github.com/rolepack/rolepack/internal/safefile"
)

func init() {
	registerAcks("verify", "check the ledger's chain and every record's digest against its version's text", runAcksVerify)
}

func runAcksVerify(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("acks verify", "acks verify [--content DIR] [--strict]",
		`Check the acknowledgement ledger (acknowledgements.jsonl): its chain (no
record changed, removed, inserted or reordered) and every record's
digest against the text its version gave that person in the record's
language: the current version's text from the sources as they are, an
earlier version's from the sources at its [[revision]] git_ref. Each
record that does not verify is reported at its line. The records of a
version whose text cannot be read (no git_ref, or one git cannot read)
are listed as not checked: a failure only with --strict.

Exit codes: 0 every record verifies; 1 a record does not (or, with
--strict, could not be checked), or the pack does not load; 2 misuse.`, stdout)
	content := flags.String("content", "content", "the pack's source `DIR`")
	strict := flags.Bool("strict", false, "fail when a version's records could not be checked")
	if _, err := parse(flags, args, 0); err != nil {
		return err
	}
	p, err := model.Load(*content)
	if err != nil {
		return loadError(*content, err, stderr)
	}
	path := filepath.Join(*content, ledger.File)
	data, err := readLedger(*content)
	if errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stdout, "%s: no ledger, nothing to verify\n", textsafe.Line(path))
		return nil
	}
	if err != nil {
		return failed("%s: %v", path, err)
	}
	rep, err := acks.Verify(context.Background(), &acks.Texts{Content: *content, Pack: p}, data)
	if err != nil {
		return failed("%s: %v", path, err)
	}
	for _, pr := range rep.Broken {
		fmt.Fprintf(stdout, "%s:%d: %s\n", textsafe.Line(path), pr.Line, textsafe.Line(pr.Msg))
	}
	unchecked := 0
	for _, u := range rep.Unchecked {
		unchecked += len(u.Lines)
		var lines []string
		for _, l := range u.Lines {
			lines = append(lines, fmt.Sprint(l))
		}
		fmt.Fprintf(stdout, "%s: %d %s of version %s could not be checked (lines %s): %s\n", textsafe.Line(path), len(u.Lines),
			plural(len(u.Lines), "record", "records"), textsafe.Line(u.Version), strings.Join(lines, ", "), textsafe.Line(u.Reason))
	}
	fmt.Fprintf(stdout, "%s: %d %s, %d verified, %d not verifying, %d not checked\n", textsafe.Line(path),
		rep.Records, plural(rep.Records, "record", "records"), rep.Verified, len(rep.Broken), unchecked)
	if len(rep.Broken) > 0 || *strict && unchecked > 0 {
		return &cmdError{code: exitPack}
	}
	return nil
}

// readLedger reads the ledger of the content directory, within the
// ledger's size limit and without following a link out of the directory.
func readLedger(content string) ([]byte, error) {
	root, err := os.OpenRoot(content)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return safefile.ReadFileIn(root, ledger.File, ledger.MaxSize)
}
