package packtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNeedToolFindsAProgram: the path of the first installed alternative.
func TestNeedToolFindsAProgram(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "judge")
	if err := os.WriteFile(prog, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	if got := NeedTool(t, "no-such-judge", "judge"); got != prog {
		t.Errorf("NeedTool = %q, want %q", got, prog)
	}
}

// TestNeedToolMissing runs itself in a child process, where a judge is
// missing, and asserts the child skips without CI and fails with CI=true.
func TestNeedToolMissing(t *testing.T) {
	if os.Getenv("PACKTEST_CHILD") == "1" {
		NeedTool(t, "no-such-judge-program")
		t.Log("NeedTool returned")
		return
	}
	for _, tc := range []struct {
		ci       string
		wantFail bool
	}{{"", false}, {"false", false}, {"true", true}} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestNeedToolMissing$", "-test.v")
		cmd.Env = append(os.Environ(), "PACKTEST_CHILD=1", "CI="+tc.ci)
		out, err := cmd.CombinedOutput()
		failed := err != nil
		if failed != tc.wantFail {
			t.Errorf("CI=%q: failed=%v, want %v\n%s", tc.ci, failed, tc.wantFail, out)
		}
		if !tc.wantFail && !contains(out, "--- SKIP") {
			t.Errorf("CI=%q: not skipped\n%s", tc.ci, out)
		}
		if contains(out, "NeedTool returned") {
			t.Errorf("CI=%q: the test went on after a missing judge\n%s", tc.ci, out)
		}
	}
}

func contains(b []byte, s string) bool { return strings.Contains(string(b), s) }
