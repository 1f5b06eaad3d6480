package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"rolepack": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end command tests in testdata/script: each
// script is a session at a terminal, with its files inline.
func TestScripts(t *testing.T) {
	example, err := filepath.Abs("../../content")
	if err != nil {
		t.Fatal(err)
	}
	findings, err := filepath.Abs("../../testdata/findings-pack")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("EXAMPLE", example)
			env.Setenv("FINDINGS", findings)
			env.Setenv("SOURCE_DATE_EPOCH", "1795478400") // 2026-11-24
			env.Setenv("PYTHON", python())
			return nil
		},
		Condition: judgeCondition,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mtime-same": cmdMtimeSame,
			"no-staging": cmdNoStaging,
			"listen":     cmdListen,
		},
	})
}

// cmdMtimeSame asserts that two files have the same modification time
// (or, negated, different ones): "mtime-same a b".
func cmdMtimeSame(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: mtime-same file1 file2")
	}
	a, err := os.Stat(ts.MkAbs(args[0]))
	ts.Check(err)
	b, err := os.Stat(ts.MkAbs(args[1]))
	ts.Check(err)
	same := a.ModTime().Equal(b.ModTime())
	if same == neg {
		ts.Fatalf("mtimes of %s and %s: %v and %v", args[0], args[1], a.ModTime(), b.ModTime())
	}
}

// cmdListen holds a loopback port until the script ends and sets $PORT
// to it, so that a command can be shown a port in use: "listen".
func cmdListen(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 0 || neg {
		ts.Fatalf("usage: listen")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	ts.Defer(func() { ln.Close() })
	ts.Setenv("PORT", strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))
}

// cmdNoStaging asserts that no staging or retired build directory is left
// in dir: "no-staging .".
func cmdNoStaging(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: no-staging dir")
	}
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	ts.Check(err)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".rolepack-") {
			ts.Fatalf("stray %s", e.Name())
		}
	}
}

// python is the Python the scripts run as $PYTHON: ROLEPACK_PYTHON, else
// the Debian one, where python3-openpyxl installs.
func python() string {
	if bin := os.Getenv("ROLEPACK_PYTHON"); bin != "" {
		return bin
	}
	return "/usr/bin/python3"
}

// judgeCondition answers "[judge:NAME]": whether the program NAME that a
// script judges with is installed; "[judge:python3-MODULE]" whether
// $PYTHON can import MODULE. With CI=true a missing judge is an error, so
// the script fails rather than skips.
func judgeCondition(cond string) (bool, error) {
	name, ok := strings.CutPrefix(cond, "judge:")
	if !ok {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	check := func() error { _, err := exec.LookPath(name); return err }
	if module, ok := strings.CutPrefix(name, "python3-"); ok {
		check = func() error { return exec.Command(python(), "-c", "import "+module).Run() }
	}
	if err := check(); err != nil {
		if os.Getenv("CI") == "true" {
			return false, fmt.Errorf("%s is not installed, and CI=true needs it (.ci/run installs it)", name)
		}
		return false, nil
	}
	return true, nil
}
