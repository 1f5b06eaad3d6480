//go:build unix

package model_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// A named pipe in the content directory, or a link to one, is refused from
// its type; opening it would block until someone writes to it.
func TestNamedPipeRefused(t *testing.T) {
	dir := packtest.Write(t, packtest.Minimal)
	fifo := filepath.Join(dir, "roles", "x.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	if err := os.Symlink("x.toml", filepath.Join(dir, "roles", "y.toml")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "templates-pipe"), 0o644); err != nil {
		t.Fatal(err) // not a name rolepack reads: ignored like any note
	}
	done := make(chan error, 1)
	go func() { _, err := model.Load(dir); done <- err }()
	var err error
	select {
	case err = <-done:
	case <-time.After(2 * time.Minute): // a guard against a hang, not a speed test
		t.Fatal("Load is still running after two minutes: it opened the pipe")
	}
	if err == nil {
		t.Fatal("pack with a named pipe loaded")
	}
	want := "roles/x.toml: not a regular file (a named pipe); rolepack reads only regular files\n" +
		"roles/y.toml: not a regular file (a named pipe); rolepack reads only regular files"
	if err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	if strings.Contains(err.Error(), "templates-pipe") {
		t.Error("a file rolepack does not read was reported")
	}
}

// An image a Markdown field shows is refused from its type when it is a
// named pipe: the loader opened it to read it, and waited for a writer for
// ever.
func TestNamedPipeImageRefused(t *testing.T) {
	dir := packtest.Write(t, packtest.Edit(packtest.Minimal, "roles/ism.toml", `purpose = "Runs the ISMS."`, `purpose = "Runs the ISMS. ![Chart](images/chart.png)"`))
	if err := os.Mkdir(filepath.Join(dir, "images"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "images", "chart.png"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	type result struct {
		p   *model.Pack
		err error
	}
	done := make(chan result, 1)
	go func() { p, err := model.Load(dir); done <- result{p, err} }()
	var r result
	select {
	case r = <-done:
	case <-time.After(2 * time.Minute): // a guard against a hang, not a speed test
		t.Fatal("Load is still running after two minutes: it opened the pipe")
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	found := false
	for _, w := range r.p.Warnings {
		found = found || strings.Contains(w.String(), "images/chart.png") && strings.Contains(w.String(), "not a regular file")
	}
	if !found || len(r.p.Images) != 0 {
		t.Errorf("the pipe was not refused as an image: %v", r.p.Warnings)
	}
}
