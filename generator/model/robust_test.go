package model_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// A pack saved on Windows (CRLF, byte-order mark) loads like the original
// and has the same normalised bytes, hence the same stamp.
func TestCRLFAndBOMLoad(t *testing.T) {
	dir := packtest.Write(t, packtest.Minimal)
	unix, err := model.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range unix.Files {
		p := filepath.Join(dir, f.Path)
		data := "\xef\xbb\xbf" + strings.ReplaceAll(string(f.Data), "\n", "\r\n")
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	win, err := model.Load(dir)
	if err != nil {
		t.Fatalf("CRLF pack: %v", err)
	}
	for i := range unix.Files {
		if string(unix.Files[i].Data) != string(win.Files[i].Data) {
			t.Errorf("%s normalises differently", unix.Files[i].Path)
		}
	}
	if win.Organisation.Scope.Source != unix.Organisation.Scope.Source {
		t.Errorf("scope %q vs %q", win.Organisation.Scope.Source, unix.Organisation.Scope.Source)
	}
}

func TestHostileInput(t *testing.T) {
	longName := strings.Repeat("x", 5_000_000)
	many := "responsibilities = [" + strings.Repeat(`"r",`, 10_000) + "]\n"
	for _, tc := range []struct {
		name, change, want string
	}{
		{"empty file", "-- raci.toml --\n", "raci.toml:1:1: file is empty"},
		{"NUL byte", "-- raci.toml --\n[[activity]]\nid = \"a\x00\"\n", "raci.toml:2:7: TOML syntax: TOML files cannot contain control characters: '0x00'"},
		{"invalid UTF-8", "-- raci.toml --\n[[activity]]\nname = \"\xff\xfe\"\n", "raci.toml:2:8: TOML syntax: invalid UTF-8 byte: 0xff"},
		{"5 MB line", "-- roles/auditor.toml --\nid = \"auditor\"\nname = \"" + longName + "\"\ncategory = \"A\"\npurpose = \"p\"\nresponsibilities = [\"r\"]\n",
			`roles/auditor.toml:2:1: line is longer than 256 KiB, the limit for one line; break it up`},
		{"100,000-character name", "-- roles/auditor.toml --\nid = \"auditor\"\nname = \"" + longName[:100_000] + "\"\ncategory = \"A\"\npurpose = \"p\"\nresponsibilities = [\"r\"]\n",
			`roles/auditor.toml:2:1: "name" is 100000 characters long; the limit is 2000`},
		{"ten thousand responsibilities", "-- roles/auditor.toml --\nid = \"auditor\"\nname = \"A\"\ncategory = \"A\"\npurpose = \"p\"\n" + many,
			`roles/auditor.toml:5:4021: array has more than 1000 entries (it starts at line 5, column 20); the limit is 1000: split it`},
		{"date-time for a date", "-- acknowledgements.toml --\n[[acknowledgement]]\nperson = \"ann\"\nversion = \"1.0\"\ndate = 2026-06-20T10:00:00Z\n",
			`acknowledgements.toml:4:1: "date" must be a date without a time, such as 2026-03-31`},
		{"number for a date", "-- acknowledgements.toml --\n[[acknowledgement]]\nperson = \"ann\"\nversion = \"1.0\"\ndate = 20260620\n",
			`acknowledgements.toml:4:1: "date" must be a date such as 2026-03-31, not an integer`},
		{"path in an id", "-- roles/auditor.toml --\nid = \"../etc\"\nname = \"A\"\ncategory = \"A\"\npurpose = \"p\"\nresponsibilities = [\"r\"]\n",
			`roles/auditor.toml:1:1: id "../etc" is not a lower-case slug: use a–z, 0–9 and single hyphens, such as "etc"`},
		{"unexpected file", "-- roles.toml --\nx = 1\n", `roles.toml: unexpected source file`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := model.Load(packtest.Write(t, packtest.With(packtest.Minimal, tc.change)))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v\nwant it to contain %q", truncate(err), tc.want)
			}
		})
	}
}

func truncate(err error) string {
	if err == nil {
		return "no error"
	}
	s := err.Error()
	if len(s) > 500 {
		s = s[:500] + "…"
	}
	return s
}

func TestSymlinkOutsideContentRefused(t *testing.T) {
	dir := packtest.Write(t, packtest.Minimal)
	outside := filepath.Join(t.TempDir(), "secret.toml")
	if err := os.WriteFile(outside, []byte("x = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "roles", "leak.toml")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	_, err := model.Load(dir)
	if err == nil || !strings.Contains(err.Error(), "roles/leak.toml: symbolic link points outside the content directory") {
		t.Errorf("got %v", err)
	}
}
