package main

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// The acknowledgements of a version, end to end, with the real binary: the
// example pack without any acknowledgement on record has 32 people who
// must acknowledge 2.1. Thirty do so through their personal links on the
// collection service, whose records are merged into the pack's ledger;
// one signs a paper sheet; one completes the course of a learning
// platform, whose report is imported. Then nobody is pending and the
// check is clean. Editing one responsibility makes exactly the records of
// the people whose text held it stale, and the check asks only them
// again. A record edited by hand fails acks verify at its line.
func TestAcknowledgementsEndToEnd(t *testing.T) {
	gitBin := packtest.NeedTool(t, "git")
	dir := t.TempDir()
	bin := buildRolepack(t, dir, "v0.0.0-test")
	repo := filepath.Join(dir, "pack")
	if err := os.CopyFS(repo, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(repo, "acknowledgements.toml")); err != nil {
		t.Fatal(err)
	}
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command(gitBin, append([]string{"-C", repo, "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "version 2.1, nobody has acknowledged yet")
	run := func(wantCode int, args ...string) string {
		t.Helper()
		out, code := runBin(t, bin, args...)
		if code != wantCode {
			t.Fatalf("rolepack %s: exit %d, want %d\n%s", strings.Join(args, " "), code, wantCode, out)
		}
		return out
	}

	out := run(0, "acks", "pending", "--content", repo)
	if !strings.Contains(out, "32 people must still acknowledge version 2.1") {
		t.Fatalf("pending before:\n%s", out)
	}

	// Links for all 32; the service takes 30 acknowledgements.
	secretFile := filepath.Join(dir, "secret")
	run(0, "acks", "links", "--content", repo, "--new-secret", secretFile)
	linksCSV := filepath.Join(dir, "links.csv")
	run(0, "acks", "links", "--content", repo, "--secret-file", secretFile, "--base-url", "https://acks.example/", "--out", linksCSV)
	data, _ := os.ReadFile(linksCSV)
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(rows) != 33 {
		t.Fatalf("links: %d rows, %v", len(rows), err)
	}
	serviceLedger := filepath.Join(dir, "service.jsonl")
	svc := startAcksServe(t, bin, "--content", repo, "--secret-file", secretFile, "--ledger", serviceLedger)
	for _, row := range rows[1:31] {
		code, hash, body, err := acknowledgeLink(http.DefaultClient, svc.base, strings.TrimPrefix(row[2], "https://acks.example"))
		if err != nil || code != http.StatusOK || hash == "" {
			t.Fatalf("%s: %d %v\n%s", row[0], code, err, body)
		}
	}
	svc.cmd.Process.Signal(syscall.SIGTERM)
	svc.cmd.Wait()
	export := filepath.Join(dir, "export.jsonl")
	if err := os.WriteFile(export, []byte(run(0, "acks", "export", "--ledger", serviceLedger)), 0o644); err != nil {
		t.Fatal(err)
	}
	run(0, "acks", "merge", "--content", repo, export)

	// The 31st signs on paper, the 32nd completes a course.
	p, err := model.Load(repo)
	if err != nil {
		t.Fatal(err)
	}
	idOf := func(name string) string {
		for _, person := range p.People {
			if person.Name == name {
				return person.ID
			}
		}
		t.Fatalf("no person %q", name)
		return ""
	}
	paper, course := idOf(rows[31][0]), idOf(rows[32][0])
	scans := filepath.Join(repo, "acknowledgements", "scans")
	os.MkdirAll(scans, 0o755)
	os.WriteFile(filepath.Join(scans, paper+".pdf"), []byte("%PDF-1.4 a scanned, signed sheet\n"), 0o644)
	run(0, "acks", "record", "--content", repo, "--person", paper, "--scan", filepath.Join(repo, "acknowledgements", "scans", paper+".pdf"))
	report := filepath.Join(dir, "lms.csv")
	os.WriteFile(report, []byte("User ID,Course ID,Completion Status,Completion Date\n"+course+",ISMS-ROLES-2.1,Completed,2026-12-01\n"), 0o644)
	run(0, "acks", "import", "--content", repo, "--preset", "lms", report)

	out = run(0, "acks", "pending", "--content", repo)
	if !strings.Contains(out, "everyone who must has acknowledged version 2.1") {
		t.Fatalf("pending after:\n%s", out)
	}
	if out := run(0, "check", "--content", repo); strings.Contains(out, "RP-COMM-01") {
		t.Fatalf("check after:\n%s", out)
	}
	run(0, "acks", "verify", "--content", repo)
	git("add", ".")
	git("commit", "-qm", "acknowledgements of 2.1")

	// One responsibility of the internal auditor changes: exactly the
	// people whose text held it are asked again.
	const old = "Record nonconformities and observations together with the evidence behind them"
	var asked []string
	for _, person := range p.People {
		if p.Seated(person) && strings.Contains(p.AckText(person), "responsibility: "+old+"\n") {
			asked = append(asked, person.Name)
		}
	}
	if len(asked) == 0 || len(asked) == 32 {
		t.Fatalf("%d people's text holds the responsibility", len(asked))
	}
	role := filepath.Join(repo, "roles", "internal-auditor.toml")
	src, _ := os.ReadFile(role)
	os.WriteFile(role, bytes.Replace(src, []byte(old), []byte(old+", within five working days"), 1), 0o644)
	out = run(0, "check", "--content", repo)
	var got []string
	for _, m := range regexp.MustCompile(`RP-COMM-01: (.+?) acknowledged version 2\.1 on`).FindAllStringSubmatch(out, -1) {
		got = append(got, m[1])
	}
	slices.Sort(got)
	slices.Sort(asked)
	if !slices.Equal(got, asked) {
		t.Errorf("asked again: %v, want %v\n%s", got, asked, out)
	}
	if n := strings.Count(out, "RP-COMM-01"); n != len(asked) {
		t.Errorf("%d RP-COMM-01 findings, want %d", n, len(asked))
	}
	os.WriteFile(role, src, 0o644)

	// A record edited by hand: acks verify fails at its line.
	path := filepath.Join(repo, ledger.File)
	led, _ := os.ReadFile(path)
	lines := strings.SplitAfter(string(led), "\n")
	lines[4] = strings.Replace(lines[4], `"time":"2026`, `"time":"2025`, 1)
	os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644)
	if out := run(1, "acks", "verify", "--content", repo); !strings.Contains(out, ledger.File+":5:") {
		t.Errorf("verify of a hand-edited record:\n%s", out)
	}
}
