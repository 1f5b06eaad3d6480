//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rolepack/rolepack/internal/packtest"
)

// runWithin runs the command in-process and fails the test if it has not
// returned after two minutes (a guard against a hang, not a speed test).
func runWithin(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errs bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(args, &out, &errs) }()
	select {
	case code = <-done:
	case <-time.After(2 * time.Minute):
		t.Fatalf("rolepack %s is still running after two minutes", strings.Join(args, " "))
	}
	return code, out.String(), errs.String()
}

// Files named on the command line that are not regular files, or are of
// gigabytes, are refused at once, each with its path and the limit, and
// the command exits 1 (a file that cannot be verified, like one that
// does not exist).
func TestNamedFilesRefusedAtOnce(t *testing.T) {
	content := packtest.Write(t, packtest.Minimal)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "copy.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	fifoBook := filepath.Join(dir, "roles.xlsx")
	if err := syscall.Mkfifo(fifoBook, 0o644); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.pdf")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 3<<30); err != nil {
		t.Skip("no sparse files here:", err)
	}

	code, stdout, stderr := runWithin(t, "verify", "--content", content, fifo, huge, dir+"/")
	want := fifo + ": not a regular file (a named pipe); rolepack reads only regular files\n" +
		huge + ": file is 3 GiB, larger than the 512 MiB limit\n" +
		dir + "/: not a file rolepack builds (.pdf, .xlsx, .docx or .html)\n"
	if code != exitPack || stdout != want || stderr != "" {
		t.Errorf("verify: exit %d\nstdout %q\nwant   %q\nstderr %q", code, stdout, want, stderr)
	}

	code, stdout, stderr = runWithin(t, "import-workbook", "--content", content, fifoBook)
	want = "rolepack import-workbook: " + fifoBook + ": not a regular file (a named pipe); rolepack reads only regular files\n"
	if code != exitPack || stdout != "" || stderr != want {
		t.Errorf("import-workbook: exit %d\nstdout %q\nstderr %q\nwant   %q", code, stdout, stderr, want)
	}
}
