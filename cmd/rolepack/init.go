package main

import (
	"bytes"
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
	"github.com/rolepack/rolepack/generator/textsafe"
)

func runInit(args []string, stdout, _ io.Writer) error {
	flags := newFlags("init", "init [--starter small|example] DIR",
		`Write a starter pack into DIR, a new or empty directory, as the starting
point of your own pack. Edit the TOML files, then run
"rolepack check --content DIR" and "rolepack build --content DIR".

Starters:
  small    (the default) ten roles, eight placeholder people and the core
           ISMS processes: a pack a small company can adopt in an
           afternoon. Every line is commented; its dates are the day the
           pack is made (SOURCE_DATE_EPOCH, else the last git commit's
           date, else today: the date "rolepack check" counts from).
  example  the full example of a 340-person company, to read for ideas.

To start from the role register or RACI spreadsheet you already have, see
"rolepack import-register".`, stdout)
	starter := flags.String("starter", "small", "the starter `NAME`: small or example")
	rest, err := parse(flags, args, 1)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return misuse("init needs the directory to create, e.g. \"rolepack init my-pack\"")
	}
	src, ok := rolepack.Starter(*starter)
	if !ok {
		return misuse("--starter must be one of %s, not %q", strings.Join(rolepack.Starters, ", "), *starter)
	}
	dir := rest[0]
	if entries, err := os.ReadDir(dir); err == nil {
		if len(entries) > 0 {
			return misuse("%s is not empty: init only writes into a new or empty directory", dir)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return failed("cannot use %s: %v", dir, err)
	}
	var edit func([]byte) []byte
	if *starter == "small" {
		date, err := packDate(dir)
		if err != nil {
			return err
		}
		edit = func(b []byte) []byte { return datedStarter(b, date) }
	}
	if err := writePackWith(src, dir, edit); err != nil {
		return failed("%v", err)
	}
	d := textsafe.Line(dir)
	if *starter == "example" {
		fmt.Fprintf(stdout, "wrote the example pack to %s\nnext: rolepack build --content %s --out <output dir>\n", d, d)
		return nil
	}
	fmt.Fprintf(stdout, `wrote the small starter pack to %s
next:
  1. %s/pack.toml: your organisation's name, scope and areas
  2. %s/people.toml: your people in place of the placeholder ones (ids ending in -example)
  3. %s/roles/*.toml: who holds each role ([[assignment]]), their duties and limits
  4. %s/raci.toml, competences.toml, review-team.toml: your processes, records and review team
  5. rolepack check --content %s     (no errors; its warnings say who has still to sign)
  6. rolepack build --content %s --out <output dir>
`, d, d, d, d, d, d, d)
	return nil
}

// packDate is "today" for a pack in dir as "rolepack check" will count it:
// SOURCE_DATE_EPOCH, else the last commit's date when dir is in a git work
// tree, else the clock. A starter or import dated so is current for the
// checks at once.
func packDate(dir string) (model.Date, error) {
	// The directory may not exist yet: ask git in the nearest one that does.
	for {
		if _, err := os.Stat(dir); err == nil || filepath.Dir(dir) == dir {
			break
		}
		dir = filepath.Dir(dir)
	}
	s, err := stamp.Compute(stamp.Options{Dir: dir, Getenv: os.Getenv, Now: time.Now})
	if err != nil {
		return model.Date{}, misuse("%v", err)
	}
	return model.DateOf(s.BuildDate), nil
}

// datedStarter writes the pack's start date wherever the small starter
// has rolepack.StarterDate.
func datedStarter(b []byte, date model.Date) []byte {
	return bytes.ReplaceAll(b, []byte(rolepack.StarterDate), []byte(date.String()))
}

func writePack(src fs.FS, dir string) error { return writePackWith(src, dir, nil) }

// writePackWith copies src into dir, passing each file's bytes through
// edit when it is not nil.
func writePackWith(src fs.FS, dir string, edit func([]byte) []byte) error {
	return fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		if edit != nil {
			data = edit(data)
		}
		return os.WriteFile(target, data, 0o644)
	})
}
