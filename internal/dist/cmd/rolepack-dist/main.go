// Command rolepack-dist makes rolepack's release files; "make dist" runs
// it (docs/release.md). It lives under internal/ because it is a step of
// this repository's release, not a command for users: "go install
// …/cmd/..." installs rolepack alone.
//
//	rolepack-dist -version V -epoch SECONDS [-out DIR] [-go CMD] [-toolchain T] [GOOS/GOARCH...]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"time"

	"github.com/rolepack/rolepack/internal/dist"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// timeout bounds a whole run: five builds take a few minutes.
const timeout = 30 * time.Minute

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rolepack-dist", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "dist", "the directory of the release files: new, empty, or holding an earlier run's")
	version := fs.String("version", "", "the version the binaries print and the archives are named by (required)")
	epoch := fs.Int64("epoch", -1, "the time of every archive entry, in seconds since 1970 (required; make dist gives the commit's)")
	goCmd := fs.String("go", "go", "the go command")
	toolchain := fs.String("toolchain", "", `GOTOOLCHAIN for the builds (default: go.mod's; "local" for the installed Go)`)
	module := fs.String("C", ".", "the directory of rolepack's go.mod")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: rolepack-dist -version V -epoch SECONDS [flags] [GOOS/GOARCH...]\n\nBuilds the rolepack release archives and SHA256SUMS (docs/release.md).\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	misuse := func(msg string) int {
		fmt.Fprintf(stderr, "rolepack-dist: %s\nRun \"rolepack-dist -h\" for usage.\n", msg)
		return 2
	}
	if *version == "" {
		return misuse("-version is required (make dist gives git describe's)")
	}
	if *epoch < 0 {
		return misuse("-epoch is required (make dist gives the commit time)")
	}
	var targets []dist.Target
	for _, a := range fs.Args() {
		t, err := dist.ParseTarget(a)
		if err != nil {
			return misuse(err.Error())
		}
		if slices.Contains(targets, t) {
			return misuse("target " + a + " given twice")
		}
		targets = append(targets, t)
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	_, err := dist.Run(ctx, dist.Options{
		Module:    *module,
		Out:       *out,
		Version:   *version,
		Epoch:     time.Unix(*epoch, 0).UTC(),
		Targets:   targets,
		Go:        *goCmd,
		Toolchain: *toolchain,
		Log:       stdout,
	})
	if err != nil {
		fmt.Fprintf(stderr, "rolepack-dist: %v\n", err)
		return 1
	}
	return 0
}
