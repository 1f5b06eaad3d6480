package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/generator/textsafe"
	"github.com/rolepack/rolepack/internal/typo"
)

// This file is "rolepack acks", the acknowledgement ledger's commands
// (docs/acknowledgements.md). Each subcommand lives in its own file and
// registers itself here (acksCommand), so that the work on one never
// touches another's; the ledger's format is generator/ledger's, what a
// record means is the model's and the checks'.

// acksCommand is a subcommand of "rolepack acks".
type acksCommand struct {
	name, about string
	run         func(args []string, stdout, stderr io.Writer) error
}

// acksCommands are the subcommands, in the order help lists them; each
// file adds its own in an init function (registerAcks).
var acksCommands []acksCommand

func registerAcks(name, about string, run func(args []string, stdout, stderr io.Writer) error) {
	acksCommands = append(acksCommands, acksCommand{name, about, run})
	slices.SortStableFunc(acksCommands, func(a, b acksCommand) int { return acksOrder(a.name) - acksOrder(b.name) })
}

// acksOrder is a subcommand's place in help: the life of an
// acknowledgement, from asking to checking.
func acksOrder(name string) int {
	order := []string{"pending", "links", "serve", "export", "merge", "record", "import", "verify", "repair"}
	if i := slices.Index(order, name); i >= 0 {
		return i
	}
	return len(order)
}

func acksNames() []string {
	var names []string
	for _, c := range acksCommands {
		names = append(names, c.name)
	}
	return names
}

func runAcks(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return misuse("acks needs a subcommand: %s", strings.Join(acksNames(), ", "))
	}
	if isHelp(args[0]) || args[0] == "help" {
		fmt.Fprintf(stdout, "Usage: rolepack acks %s [flags]\n\nThe acknowledgement ledger, acknowledgements.jsonl (docs/acknowledgements.md):\n\n", strings.Join(acksNames(), "|"))
		for _, c := range acksCommands {
			fmt.Fprintf(stdout, "  %-8s %s\n", c.name, c.about)
		}
		fmt.Fprint(stdout, "\nRun \"rolepack acks <subcommand> --help\" for its flags.\nExit codes: 0 success, 1 the pack or the ledger has problems, 2 misuse.\n")
		return flag.ErrHelp
	}
	for _, c := range acksCommands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	if s := typo.Nearest(args[0], acksNames()); s != "" {
		return misuse("unknown subcommand %q of acks (did you mean %q?)", args[0], s)
	}
	return misuse("unknown subcommand %q of acks (choose from %s)", args[0], strings.Join(acksNames(), ", "))
}

func init() {
	registerAcks("repair", "remove a last line of the ledger cut short by a crash", runAcksRepair)
}

func runAcksRepair(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("acks repair", "acks repair [--content DIR | --ledger FILE]",
		`Remove the last line of the acknowledgement ledger (acknowledgements.jsonl)
when a crash cut it short: a line with no newline that is not a whole
record, which no one was told was recorded. Nothing else is ever changed:
a ledger with any other problem is refused, with each problem at its line
(restore it from git). --ledger repairs another ledger, such as the one
rolepack acks serve keeps.

Exit codes: 0 repaired or nothing to repair, 1 the ledger has other
problems, 2 misuse.`, stdout)
	content := flags.String("content", "content", "the pack's source `DIR`")
	other := flags.String("ledger", "", "repair this ledger `FILE` instead of the pack's")
	if _, err := parse(flags, args, 0); err != nil {
		return err
	}
	path := filepath.Join(*content, ledger.File)
	if *other != "" {
		path = *other
	}
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stdout, "%s: no ledger, nothing to repair\n", textsafe.Line(path))
		return nil
	}
	w, repaired, err := openLedger(path)
	if err != nil {
		return err
	}
	_, n := w.Last()
	if err := w.Close(); err != nil {
		return failed("%s: %v", path, err)
	}
	if repaired > 0 {
		fmt.Fprintf(stdout, "%s: removed line %d, cut short; %d records verify\n", textsafe.Line(path), repaired, n)
	} else {
		fmt.Fprintf(stdout, "%s: nothing to repair; %d records verify\n", textsafe.Line(path), n)
	}
	return nil
}

// openLedger opens the ledger at path for appending (ledger.Open), with
// its refusal as the command's: a ledger that does not verify is listed
// problem by problem, at their lines (exit 1).
func openLedger(path string) (*ledger.Writer, int, error) {
	w, repaired, err := ledger.Open(path)
	var broken *ledger.BrokenError
	switch {
	case errors.As(err, &broken):
		return nil, 0, failed("%v", err)
	case err != nil:
		return nil, 0, failed("%s: %v", path, err)
	}
	return w, repaired, nil
}
