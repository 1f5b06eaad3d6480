package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/synth"
)

func runSynth(args []string, stdout, _ io.Writer) error {
	fs := newFlags("synth", "synth --out DIR [--size S|M|L] [--roles N --people N --activities N --competences N] [--seed N] [--findings N] [--as-of DATE]",
		`Write a synthetic pack, for benchmarks and for trying rolepack at scale. It
is deterministic for a seed, and checks clean on its --as-of date unless
--findings plants some. Sizes: S is the example pack; M is 200 roles, 5,000
people, 500 activities, 100 competences; L is 1,000 roles, 20,000 people,
2,000 activities, 200 competences. The count flags override the size.`, stdout)
	out := fs.String("out", "", "the new pack `DIR` (must not exist or be empty)")
	size := fs.String("size", "M", "preset `SIZE`: S, M or L")
	roles := fs.Int("roles", 0, "the number of roles, `N` (overrides the size)")
	people := fs.Int("people", 0, "the number of people, `N` (overrides the size)")
	activities := fs.Int("activities", 0, "the number of RACI activities, `N` (overrides the size)")
	competences := fs.Int("competences", 0, "the number of competences, `N` (overrides the size)")
	seed := fs.Int64("seed", 1, "the random seed, `N`: the same seed writes the same pack")
	findings := fs.Int("findings", 0, "plant `N` audit findings (M and L only)")
	asOf := fs.String("as-of", "", "the `DATE` (YYYY-MM-DD) the pack is current at; default: SOURCE_DATE_EPOCH's date, else today")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	if *out == "" {
		return misuse("--out is required")
	}
	if err := emptyOrNew(*out); err != nil {
		return err
	}
	var sz synth.Size
	switch strings.ToUpper(*size) {
	case "S":
		if *roles+*people+*activities+*competences > 0 || *findings > 0 {
			return misuse("size S is the example pack: it takes no counts or findings")
		}
		if err := writePack(rolepack.ExamplePack(), *out); err != nil {
			return failed("%v", err)
		}
		fmt.Fprintf(stdout, "wrote the example pack (size S) to %s\n", *out)
		return nil
	case "M":
		sz = synth.M
	case "L":
		sz = synth.L
	default:
		return misuse("--size must be S, M or L, not %q", *size)
	}
	for _, o := range []struct {
		v   int
		dst *int
	}{{*roles, &sz.Roles}, {*people, &sz.People}, {*activities, &sz.Activities}, {*competences, &sz.Competences}} {
		if o.v > 0 {
			*o.dst = o.v
		}
	}
	date, err := asOfDate(*asOf)
	if err != nil {
		return err
	}
	files, err := synth.Generate(synth.Options{Size: sz, Seed: *seed, AsOf: date, Findings: *findings})
	if err != nil {
		return misuse("%v", err)
	}
	var total int
	for _, f := range files {
		p := filepath.Join(*out, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return failed("%v", err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return failed("%v", err)
		}
		total += len(f.Data)
	}
	fmt.Fprintf(stdout, "wrote a synthetic pack to %s: %d roles, %d people, %d activities, %d competences; %d files, %s\n",
		*out, sz.Roles, sz.People, sz.Activities, sz.Competences, len(files), humanBytes(int64(total)))
	return nil
}

func emptyOrNew(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return failed("cannot use %s: %v", dir, err)
	}
	if len(entries) > 0 {
		return misuse("%s is not empty: choose a new or empty directory", dir)
	}
	return nil
}

func asOfDate(s string) (model.Date, error) {
	if s != "" {
		d, err := model.ParseDate(s)
		if err != nil {
			return d, misuse("--as-of: %v", err)
		}
		return d, nil
	}
	if t, ok, err := stamp.SourceDateEpoch(os.Getenv); err != nil {
		return model.Date{}, misuse("%s", err.Error())
	} else if ok {
		return model.DateOf(t), nil
	}
	return model.DateOf(time.Now()), nil
}
