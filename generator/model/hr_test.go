package model_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// Each preset reads its fixture: employees from the export, people.toml
// adding the external auditor and overriding Ann's sort name, the current
// leaver as a leaver, the future leaver as active with leaves_on.
func TestHRPresets(t *testing.T) {
	for _, name := range []string{"bamboohr", "personio"} {
		t.Run(name, func(t *testing.T) {
			p := packtest.Load(t, packtest.HR(t, name))
			var ids []string
			for _, x := range p.People {
				ids = append(ids, x.ID)
			}
			slices.Sort(ids)
			if want := []string{"ann", "bob", "ceo-person", "dora", "eve", "fred"}; !slices.Equal(ids, want) {
				t.Fatalf("people %q, want %q", ids, want)
			}
			ann, bob, fred, eve := p.Person("ann"), p.Person("bob"), p.Person("fred"), p.Person("eve")
			if ann.SortName != "Admin" || ann.Name != "Ann Admin" || ann.JobTitle != "Security Manager" || ann.AreaID != "it" || ann.Email != "ann@example.com" {
				t.Errorf("ann merged wrongly: %+v", *ann)
			}
			if ann.LineManager != p.Person("ceo-person") {
				t.Errorf("ann's line manager not resolved: %v", ann.LineManager)
			}
			if !bob.IsActive() || bob.LeavesOn.String() != "2026-12-10" {
				t.Errorf("bob should be active, leaving 2026-12-10: %q %q", bob.Status, bob.LeavesOn)
			}
			if fred.IsActive() || fred.LeftOn.String() != "2026-03-31" {
				t.Errorf("fred should have left on 2026-03-31: %q %q", fred.Status, fred.LeftOn)
			}
			if !eve.External || eve.Company != "Audit Partners" {
				t.Errorf("eve from people.toml lost: %+v", *eve)
			}
			if !slices.ContainsFunc(p.Files, func(f model.SourceFile) bool { return f.Path == "hr/people.csv" }) {
				t.Error("the export is not among Pack.Files, so it is not in the content hash")
			}
		})
	}
}

// Bad rows are reported at the cell, file:line:col, all at once.
func TestHRBadRows(t *testing.T) {
	for name, want := range map[string][]string{
		"bamboohr-bad": {
			`hr/people.csv:4:76: invalid date "2026-02-31": want the date_format 2006-01-02, a real calendar date`,
			`hr/people.csv:5:45: unknown area "Finance": name one of the [[area]] entries of pack.toml by id or name`,
			`hr/people.csv:6:1: duplicate employee id "ann" (first at line 3)`,
		},
		"personio-bad": {
			`hr/people.csv:4:76: invalid date "31.02.2026": want the date_format 02.01.2006, a real calendar date`,
			`hr/people.csv:5:45: unknown area "Finance": name one of the [[area]] entries of pack.toml by id or name`,
			`hr/people.csv:6:1: duplicate employee id "ann" (first at line 3)`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := model.Load(packtest.Write(t, packtest.HR(t, name)))
			var errs model.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("want model.Errors, got %v", err)
			}
			var got []string
			for _, d := range errs {
				got = append(got, d.String())
			}
			for _, w := range want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %q in:\n%s", w, strings.Join(got, "\n"))
				}
			}
		})
	}
}

// The export obeys the loader's file rules: inside the content directory,
// a regular file.
func TestHRSourceFileRules(t *testing.T) {
	pack := packtest.HR(t, "bamboohr")
	t.Run("outside", func(t *testing.T) {
		dir := packtest.Write(t, packtest.Edit(pack, "pack.toml", `source = "hr/people.csv"`, `source = "../people.csv"`))
		_, err := model.Load(dir)
		if err == nil || !strings.Contains(err.Error(), "must be a path inside the content directory") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("link outside", func(t *testing.T) {
		dir := packtest.Write(t, pack)
		outside := filepath.Join(t.TempDir(), "x.csv")
		os.WriteFile(outside, []byte("Employee #,First Name\n"), 0o644)
		os.Remove(filepath.Join(dir, "hr", "people.csv"))
		if err := os.Symlink(outside, filepath.Join(dir, "hr", "people.csv")); err != nil {
			t.Skip(err)
		}
		_, err := model.Load(dir)
		if err == nil || !strings.Contains(err.Error(), "hr/people.csv: ") {
			t.Fatalf("a link out of the content directory was read: %v", err)
		}
	})
	t.Run("directory", func(t *testing.T) {
		dir := packtest.Write(t, pack)
		os.Remove(filepath.Join(dir, "hr", "people.csv"))
		os.Mkdir(filepath.Join(dir, "hr", "people.csv"), 0o755)
		_, err := model.Load(dir)
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("too large", func(t *testing.T) {
		dir := packtest.Write(t, pack)
		// A sparse file: its size is over the limit without writing 32 MiB.
		if err := os.Truncate(filepath.Join(dir, "hr", "people.csv"), model.MaxFileBytes+1); err != nil {
			t.Fatal(err)
		}
		_, err := model.Load(dir)
		if err == nil || !strings.Contains(err.Error(), "hr/people.csv: file is larger than the 32 MiB limit") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("named pipe", func(t *testing.T) {
		dir := packtest.Write(t, pack)
		csv := filepath.Join(dir, "hr", "people.csv")
		os.Remove(csv)
		if err := syscall.Mkfifo(csv, 0o644); err != nil {
			t.Skip(err)
		}
		_, err := model.Load(dir) // must not block on the pipe
		if err == nil || !strings.Contains(err.Error(), "not a regular file (a named pipe)") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("generic columns", func(t *testing.T) {
		generic := packtest.Edit(pack, "pack.toml", `preset = "bamboohr"`,
			"date_format = \"2006-01-02\"\n\n[people.columns]\nid = \"Employee #\"\nfirst_name = \"First Name\"\nlast_name = \"Last Name\"\njob_title = \"Job Title\"\nleaves_on = \"Termination Date\"\nstatus = \"Status\"")
		p := packtest.Load(t, generic)
		if b := p.Person("bob"); b == nil || b.LeavesOn.String() != "2026-12-10" || b.Email != "" {
			t.Fatalf("generic mapping: %+v (email is not mapped, so must be empty)", b)
		}
	})
}
