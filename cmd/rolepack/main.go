// Command rolepack builds an organisation's ISO/IEC 27001 information-security
// roles pack — a controlled PDF with sign-off copies, an Excel RACI and
// competence workbook, and a static intranet site — from TOML sources.
//
// Usage:
//
//	rolepack build   [--content DIR] [--out DIR] [--only LIST] [-q] [--timings]
//	rolepack check   [--content DIR] [--format text|json] [--strict]
//	rolepack serve   [--addr ADDRESS] [--content DIR] [--out DIR]
//	rolepack init    [--starter small|example] DIR
//	rolepack import-register --out DIR [--preset NAME] [--map COLUMN=FIELD,...] [--sheet NAME] FILE
//	rolepack synth   --out DIR [--size S|M|L] [counts, --seed, --findings, --as-of]
//	rolepack version
//	rolepack help    [COMMAND]
//
// Help (--help, or "help COMMAND") goes to stdout and exits 0; misuse goes to stderr as one
// message and a pointer to --help, and exits 2, with nothing on stdout.
//
// Exit codes: 0 success, 1 the pack has errors, 2 misuse.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/rolepack/rolepack/generator/textsafe"
	"github.com/rolepack/rolepack/internal/typo"
)

// Exit codes.
const (
	exitOK     = 0
	exitPack   = 1 // the pack has errors, or the build failed
	exitMisuse = 2 // bad flags or arguments
)

// version is set at link time (-ldflags "-X main.version=…"); otherwise it
// comes from the module version recorded by "go install".
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return strings.TrimPrefix(bi.Main.Version, "v")
	}
	return "0.1.0-dev"
}

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// tuneGC has the collector run less often than Go's default, unless the
// user chose with GOGC. A build allocates much short-lived data (parsed
// sources, then every page) over a live heap that the pack's size bounds;
// at the default of 100 a large build spends about a sixth of its CPU
// collecting. At 400 the heap may grow to five times the live data, so a
// soft limit (unless GOMEMLIMIT is set) has the collector work harder
// again near 480 MiB: the L synthetic pack's full build, all outputs
// rendering at once (about 330 MB live), peaked at 1.6 GB without it,
// and at 760 MB with a limit of 768 MiB, for more CPU time in page
// faults than the extra collections at 480 MiB take (docs/performance.md).
func tuneGC() {
	if os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(400)
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(480 << 20)
	}
}

const usage = `rolepack builds an ISO/IEC 27001 information-security roles pack from TOML
sources: a controlled Roles & Responsibilities PDF with sign-off copies, an
Excel RACI and competence workbook, and a static intranet site, all carrying
one version stamp.

Usage:
  rolepack <command> [flags]

Commands:
  build     load, check and build the outputs (default content/ → output/)
  check     load and check the pack; write nothing
  diff      what changed between two versions (git revisions or directories)
  leavers   who leaves within the notice window, and every seat they leave empty
  import-workbook  apply a built workbook's edited RACI and register to the sources
  translations     status of the translations; export to XLIFF 2.0, import
  verify    say whether a built PDF, workbook, Word file or page is current
  acks      the acknowledgement ledger: pending, links, serve, record, import, verify
  serve     build, serve the site on loopback and rebuild on change
  init      write a starter pack (small, or the full example) into a new directory
  import-register  start a pack from a role register or RACI spreadsheet
  synth     write a synthetic pack of a chosen size (for benchmarks)
  version   print the version

Run "rolepack help <command>" or "rolepack <command> --help" for a
command's flags.
Exit codes: 0 success, 1 the pack has errors, 2 misuse.
`

// cmdError is a failure with its exit code; its message is already written
// when msg is empty.
type cmdError struct {
	code int
	msg  string
}

func (e *cmdError) Error() string { return e.msg }

func misuse(format string, args ...any) error {
	return &cmdError{code: exitMisuse, msg: fmt.Sprintf(format, safeArgs(args)...)}
}

func failed(format string, args ...any) error {
	return &cmdError{code: exitPack, msg: fmt.Sprintf(format, safeArgs(args)...)}
}

// safeArgs escapes what a message quotes, so a path or value given to a
// command cannot drive the terminal or forge a line: a string is made one
// line; an error keeps the line breaks of errors joined by rolepack.
func safeArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case string:
			out[i] = textsafe.Line(v)
		case error:
			out[i] = textsafe.Text(v.Error())
		default:
			out[i] = a
		}
	}
	return out
}

type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"build", "load, check and build the outputs", runBuild},
		{"check", "load and check the pack", runCheck},
		{"diff", "what changed between two versions of the pack, and for whom", runDiff},
		{"leavers", "who leaves, or has left, and every seat they leave empty", runLeavers},
		{"import-workbook", "apply the edits of a built workbook's RACI and role register to the sources", runImportWorkbook},
		{"translations", "the translations of the pack's text: status, export to XLIFF 2.0 for a translator, import", runTranslations},
		{"verify", "which version of the sources a built file came from, and whether it is current", runVerify},
		{"acks", "the acknowledgement ledger: who must still acknowledge, links, the collection service, paper, imports, verify", runAcks},
		{"serve", "build, serve the site on loopback and rebuild on change", runServe},
		{"init", "write a starter pack into a new directory", runInit},
		{"import-register", "start a pack from a role register or RACI matrix in CSV or XLSX", runImportRegister},
		{"synth", "write a synthetic pack of a chosen size, for benchmarks", runSynth},
		{"version", "print the version", runVersion},
	}
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintf(stderr, "rolepack: no command given (%s)\n%s", strings.Join(commandNames(), ", "), helpHint)
		return exitMisuse
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		if len(args) == 1 || isHelp(args[1]) {
			fmt.Fprint(stdout, usage)
			return exitOK
		}
		// "help build" is "build --help"; "help translations export" is
		// "translations export --help".
		args = append(slices.Clone(args[1:]), "--help")
	case "-version", "--version":
		args = []string{"version"}
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return runCommand(c, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "rolepack: %s\n%s", textsafe.Text(unknownCommand(args[0])), helpHint)
	return exitMisuse
}

func isHelp(arg string) bool {
	switch arg {
	case "-h", "-help", "--help", "help":
		return true
	}
	return false
}

// unknownCommand says a command is unknown, with the one it most likely
// meant, else the list to choose from.
func unknownCommand(name string) string {
	if s := typo.Nearest(name, commandNames()); s != "" {
		return fmt.Sprintf("unknown command %q (did you mean %q?)", name, s)
	}
	return fmt.Sprintf("unknown command %q (choose from %s)", name, strings.Join(commandNames(), ", "))
}

// runCommand runs c and turns its error into a message and an exit code.
func runCommand(c command, args []string, stdout, stderr io.Writer) int {
	err := c.run(args, stdout, stderr)
	var ce *cmdError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ce):
		if ce.msg != "" {
			fmt.Fprintf(stderr, "rolepack %s: %s\n", c.name, textsafe.Text(ce.msg))
		}
		if ce.code == exitMisuse {
			fmt.Fprintf(stderr, "Run \"rolepack %s --help\" for usage.\n", c.name)
		}
		return ce.code
	default:
		fmt.Fprintf(stderr, "rolepack %s: %s\n", c.name, textsafe.Text(err.Error()))
		return exitPack
	}
}

// helpHint ends every misuse message of the command as a whole.
const helpHint = "Run \"rolepack --help\" for usage.\n"

func commandNames() []string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return names
}

// newFlags returns a flag set whose --help prints the command's usage to
// stdout and whose parse errors are reported as misuse. The flag package
// itself calls Usage on both --help and a bad flag; parse silences that
// call and prints the usage once, for --help only.
func newFlags(name, synopsis, about string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(stdout, "Usage: rolepack %s\n\n%s\n", synopsis, about)
		has := false
		fs.VisitAll(func(*flag.Flag) { has = true })
		if has {
			fmt.Fprintln(stdout, "\nFlags:")
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			fs.SetOutput(io.Discard)
		}
	}
	return fs
}

// parse parses flags and rejects stray arguments beyond want. --help
// prints the usage once to stdout and returns flag.ErrHelp; a bad flag is
// misuse, reported by the caller on stderr without the usage.
func parse(fs *flag.FlagSet, args []string, want int) ([]string, error) {
	help := fs.Usage
	fs.Usage = func() {}
	defer func() { fs.Usage = help }()
	parseFlags := func(args []string) error {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			help()
			return err
		}
		if err != nil {
			return misuse("%s", flagError(fs, err))
		}
		return nil
	}
	if err := parseFlags(args); err != nil {
		return nil, err
	}
	rest := fs.Args()
	// Allow flags after positional arguments ("init DIR --help").
	for len(rest) > want && strings.HasPrefix(rest[len(rest)-1], "-") && want > 0 {
		if err := parseFlags(rest[want:]); err != nil {
			return nil, err
		}
		rest = append(rest[:want:want], fs.Args()...)
	}
	if len(rest) > want {
		return nil, misuse("unexpected argument %q", rest[want])
	}
	return rest, nil
}

// flagError is the flag package's message for err, with the flag of fs
// that an undefined one most likely meant ("flag provided but not
// defined: -ouput (did you mean -out?)").
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	name, ok := strings.CutPrefix(msg, "flag provided but not defined: -")
	if !ok {
		return msg
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if s := typo.Nearest(name, names); s != "" {
		msg += fmt.Sprintf(" (did you mean -%s?)", s)
	}
	return msg
}

func runVersion(args []string, stdout, _ io.Writer) error {
	fs := newFlags("version", "version", "Print the version of rolepack.", stdout)
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "rolepack %s\n", toolVersion())
	return nil
}
