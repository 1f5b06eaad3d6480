package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// hostileName holds, as TOML escapes, what an attacker would put in a name
// to drive a terminal: a clear-screen sequence, an OSC window-title
// sequence, a one-character C1 CSI, a line break that forges a finding line,
// and a right-to-left override.
const hostileName = `Ann\u001b[2J\u001b]0;pwned\u0007\u009b31m\nroles/x.toml:1: RP-SOD-01: forged\u202eAdmin`

// assertTerminalSafe fails when out holds a byte a terminal acts on: a C0
// control other than the line feed, DEL, a C1 control or a bidi control.
func assertTerminalSafe(t *testing.T, what string, out []byte) {
	t.Helper()
	for _, r := range string(out) {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) ||
			r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) ||
			(r >= 0x2066 && r <= 0x2069) || r == 0x2028 || r == 0x2029 {
			t.Fatalf("%s holds the control %U:\n%q", what, r, out)
		}
	}
}

// TestCheckTextEscapesNames: names written with TOML escapes for terminal
// controls are refused by the loader (docs/security.md), and the refusal
// itself prints safely, one line per problem.
func TestCheckTextEscapesNames(t *testing.T) {
	hostile := packtest.Edit(packtest.Minimal, "people.toml", `name = "Ann Admin"`, `name = "`+hostileName+`"`)
	hostile = packtest.Edit(hostile, "competences.toml", `name = "ISO/IEC 27001 implementation"`, `name = "ISO\u001b[31m\u202e27001"`)
	var so, se bytes.Buffer
	if code := run([]string{"check", "--content", packtest.Write(t, hostile)}, &so, &se); code != exitPack {
		t.Fatalf("check: exit %d, want %d\n%s", code, exitPack, se.String())
	}
	out := append(so.Bytes(), se.Bytes()...)
	assertTerminalSafe(t, "check output", out)
	// Two refused names and the summary line.
	if n := bytes.Count(out, []byte("\n")); n != 3 {
		t.Errorf("%d lines, want 3:\n%s", n, out)
	}
	if !bytes.Contains(out, []byte("control character")) {
		t.Errorf("the names were not refused:\n%s", out)
	}
}

// TestFindingsEscapeValues: should a value with controls reach a finding
// (a future rule quoting a long text, a file name), printFindings escapes
// it: the same number of lines as for plain values, nothing a terminal
// acts on, no forged finding line.
func TestFindingsEscapeValues(t *testing.T) {
	decoded := "Ann\x1b[2J\x1b]0;pwned\x07\u009b31m\nroles/x.toml:1: RP-SOD-01: forged\u202eAdmin"
	report := func(name string) *check.Report {
		return &check.Report{Warnings: 1, Findings: []check.Finding{{
			Rule: "RP-COMP-01", Severity: check.Warning, Pos: model.Pos{File: "roles/ism.toml", Line: 3},
			Message: name + " holds ISO at level 1; the role requires level 2.", Fix: "train " + name,
		}}}
	}
	var plain, got bytes.Buffer
	printFindings(&plain, "content", report("Ann Admin"))
	printFindings(&got, "content", report(decoded))
	assertTerminalSafe(t, "findings", got.Bytes())
	if !bytes.Contains(got.Bytes(), []byte(`\x1b[2J`)) || !bytes.Contains(got.Bytes(), []byte(`\u202e`)) {
		t.Fatalf("the hostile name is not shown escaped:\n%s", got.String())
	}
	if p, g := bytes.Count(plain.Bytes(), []byte("\n")), bytes.Count(got.Bytes(), []byte("\n")); p != g {
		t.Errorf("%d lines for a hostile name, %d for a plain one:\n%s", g, p, got.String())
	}
	if bytes.Contains(got.Bytes(), []byte("\nroles/x.toml:1:")) {
		t.Errorf("a name forged a finding line:\n%s", got.String())
	}
}

// TestLoadErrorsEscapeFileNamesAndKeys: a content file whose name holds
// control characters, and an unknown key written with TOML escapes, reach
// the load errors; they must print escaped, one line each.
func TestLoadErrorsEscapeFileNamesAndKeys(t *testing.T) {
	archive := packtest.Edit(packtest.Minimal, "people.toml", `name = "Bob Builder"`,
		`name = "Bob Builder"`+"\n"+`"\u001b]0;pwned\u0007\n\u009b2J\u202e" = 1`)
	dir := packtest.Write(t, archive)
	hostileFile := "\x1b[2J\x1b]0;pwned\x07\nforged.toml:1:1: error \u202e.toml"
	if err := os.WriteFile(filepath.Join(dir, hostileFile), []byte("x = 1\n"), 0o644); err != nil {
		t.Skipf("this file system refuses control characters in names: %v", err)
	}
	var so, se bytes.Buffer
	if code := run([]string{"check", "--content", dir}, &so, &se); code != exitPack {
		t.Fatalf("check: exit %d, want %d\n%s", code, exitPack, se.String())
	}
	out := append(so.Bytes(), se.Bytes()...)
	assertTerminalSafe(t, "load errors", out)
	// Two problems and the summary line: three lines, no forged fourth.
	if n := bytes.Count(out, []byte("\n")); n != 3 {
		t.Errorf("got %d lines, want 3 (two problems and the summary):\n%s", n, out)
	}
	if !strings.Contains(string(out), `\x1b[2J\x1b]0;pwned\x07\nforged.toml`) {
		t.Errorf("the file name is not shown escaped:\n%s", out)
	}
}

// TestCommandErrorsEscape: a command's own error line quotes what it was
// given (here a content directory that does not exist) escaped, on one line.
func TestCommandErrorsEscape(t *testing.T) {
	for _, cmd := range []string{"check", "build"} {
		var so, se bytes.Buffer
		dir := filepath.Join(t.TempDir(), "no\x1b]0;pwned\x07\nrolepack: forged\u202e")
		args := []string{cmd, "--content", dir}
		if cmd == "build" {
			args = append(args, "--out", filepath.Join(t.TempDir(), "out"))
		}
		if code := run(args, &so, &se); code != exitMisuse {
			t.Fatalf("%s: exit %d, want %d\n%s", cmd, code, exitMisuse, se.String())
		}
		out := append(so.Bytes(), se.Bytes()...)
		assertTerminalSafe(t, cmd+" error", out)
		if n := bytes.Count(out, []byte("\n")); n != 2 {
			t.Errorf("%s: %d lines, want 2 (the error and the usage hint):\n%s", cmd, n, out)
		}
	}
}
