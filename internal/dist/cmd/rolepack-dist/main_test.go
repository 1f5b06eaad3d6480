package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMisuse: a missing version or time, an unknown target or flag is
// misuse (exit 2) with one message on stderr, before anything is built;
// -h prints the usage and exits 0; an output directory holding other
// files fails (exit 1) and keeps them.
func TestMisuse(t *testing.T) {
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no version", []string{"-epoch", "1796623765"}, 2, "-version is required"},
		{"no epoch", []string{"-version", "1.0.0"}, 2, "-epoch is required"},
		{"unknown target", []string{"-version", "1.0.0", "-epoch", "1", "plan9/386"}, 2, `unknown target "plan9/386"`},
		{"target twice", []string{"-version", "1.0.0", "-epoch", "1", "linux/amd64", "linux/amd64"}, 2, "target linux/amd64 given twice"},
		{"unknown flag", []string{"-versoin", "1.0.0"}, 2, "flag provided but not defined"},
		{"help", []string{"-h"}, 0, "usage: rolepack-dist"},
		{"bad version", []string{"-version", "1 0", "-epoch", "1796623765", "-C", "../../../.."}, 1, `version "1 0"`},
		{"other files", []string{"-version", "1.0.0", "-epoch", "1796623765", "-C", "../../../..", "-toolchain", "local", "-out", other}, 1, `holds "keep.txt"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tc.args, &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr %q, want it to say %q", stderr.String(), tc.want)
			}
		})
	}
	if data, err := os.ReadFile(filepath.Join(other, "keep.txt")); err != nil || string(data) != "mine" {
		t.Errorf("keep.txt: %q, %v", data, err)
	}
}
