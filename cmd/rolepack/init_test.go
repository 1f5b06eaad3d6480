package main

import (
	"bytes"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
)

// TestSmallStarterStaysSmall holds the small starter to what it promises:
// few, short files, each opening with a comment that says what it is for,
// and a pack that checks without errors on any day it is made, its only
// warnings the acknowledgements no one can have signed yet (RP-COMM-01).
func TestSmallStarterStaysSmall(t *testing.T) {
	const maxFiles, maxFileLines, maxLines = 16, 120, 800
	src, ok := rolepack.Starter("small")
	if !ok {
		t.Fatal("no small starter")
	}
	files, lines := 0, 0
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		files++
		n := bytes.Count(b, []byte("\n"))
		lines += n
		if n > maxFileLines {
			t.Errorf("%s has %d lines; a starter file should stay under %d", p, n, maxFileLines)
		}
		if !bytes.HasPrefix(b, []byte("# ")) {
			t.Errorf("%s does not open with a comment saying what it holds", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files > maxFiles || lines > maxLines {
		t.Errorf("the small starter has %d files and %d lines; keep it under %d files and %d lines", files, lines, maxFiles, maxLines)
	}
	roles, _ := fs.Glob(src, "roles/*.toml")
	if len(roles) < 8 || len(roles) > 12 {
		t.Errorf("the small starter has %d roles; it should have about ten", len(roles))
	}

	for _, day := range []string{"2026-11-24", "2031-02-28"} {
		date, err := model.ParseDate(day)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := writePackWith(src, dir, func(b []byte) []byte { return datedStarter(b, date) }); err != nil {
			t.Fatal(err)
		}
		p, err := model.Load(dir)
		if err != nil {
			t.Fatalf("as of %s: %v", day, err)
		}
		if len(p.Warnings) > 0 {
			t.Errorf("as of %s: load warnings %v", day, p.Warnings)
		}
		r := check.Run(p, date)
		for _, f := range r.Findings {
			if f.Rule != "RP-COMM-01" {
				t.Errorf("as of %s: %s %s: %s", day, f.Pos, f.Rule, f.Message)
			}
		}
		if r.Errors > 0 {
			t.Errorf("as of %s: %d errors", day, r.Errors)
		}
		// A day later the pack is still current: nothing was dated after it.
		r = check.Run(p, model.DateOf(date.Time().Add(24*time.Hour)))
		if r.Errors > 0 {
			t.Errorf("the day after %s: %d errors", day, r.Errors)
		}
	}
}

// TestStarterDateOnlyWhereDatesAre makes sure the starter date stands
// only where a TOML date goes, so that replacing it changes nothing else.
func TestStarterDateOnlyWhereDatesAre(t *testing.T) {
	src, _ := rolepack.Starter("small")
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := fs.ReadFile(src, p)
		dated := regexp.MustCompile(`(^|[ {,])(appointed_on|last_review|date) = ` + regexp.QuoteMeta(rolepack.StarterDate) + `( |,|$)`)
		for i, line := range strings.Split(string(b), "\n") {
			if strings.Count(line, rolepack.StarterDate) != len(dated.FindAllString(line, -1)) {
				t.Errorf("%s:%d: the starter date stands where no date key is: %q", p, i+1, line)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
