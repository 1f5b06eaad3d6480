package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/ackservice"
	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/internal/packtest"
)

// ackPack is the minimal pack with no acknowledgement on record, and n
// more people (p0001 …) who hold no seat: their text is the document's
// line alone, enough to acknowledge through a link the test signs.
func ackPack(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "\n[[person]]\nid = \"p%04d\"\nname = \"Person %d\"\njob_title = \"Staff\"\narea = \"ops\"\n", i, i)
	}
	p := packtest.With(packtest.Minimal, "-- acknowledgements.toml --\nDELETE\n")
	return packtest.Edit(p, "people.toml", "company = \"Audit Partners\"\n", "company = \"Audit Partners\"\n"+b.String())
}

// ackService is a running "rolepack acks serve", the real binary.
type ackService struct {
	cmd    *exec.Cmd
	base   string // http://127.0.0.1:PORT
	stderr *bytes.Buffer
}

// startAcksServe runs bin acks serve on a free loopback port and waits
// for it to say where it listens.
func startAcksServe(t *testing.T, bin string, args ...string) *ackService {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"acks", "serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = withoutEnv(os.Environ(), "SOURCE_DATE_EPOCH")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &ackService{cmd: cmd, stderr: &bytes.Buffer{}}
	cmd.Stderr = &lockedWriter{w: s.stderr, mu: &sync.Mutex{}}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(out).ReadString('\n')
		line <- l
		io.Copy(io.Discard, out)
	}()
	select {
	case l := <-line:
		m := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`).FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("acks serve said %q; stderr:\n%s", l, s.stderr)
		}
		s.base = "http://" + m[1]
	case <-time.After(20 * time.Second):
		t.Fatalf("acks serve did not start; stderr:\n%s", s.stderr)
	}
	return s
}

func withoutEnv(env []string, name string) []string {
	var out []string
	for _, e := range env {
		if !strings.HasPrefix(e, name+"=") {
			out = append(out, e)
		}
	}
	return out
}

var (
	formCheckRE = regexp.MustCompile(`name="check" value="([0-9a-f]+)"`)
	hashRE      = regexp.MustCompile(`sha256:[0-9a-f]{64}`)
)

// acknowledgeLink opens path on the service and presses the button; it
// returns the status and the receipt's record hash.
func acknowledgeLink(client *http.Client, base, path string) (int, string, string, error) {
	resp, err := client.Get(base + path)
	if err != nil {
		return 0, "", "", err
	}
	page, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return 0, "", "", err
	}
	m := formCheckRE.FindSubmatch(page)
	if resp.StatusCode != http.StatusOK || m == nil {
		return resp.StatusCode, "", string(page), nil
	}
	req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(url.Values{"check": {string(m[1])}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	resp, err = client.Do(req)
	if err != nil {
		return 0, "", "", err
	}
	defer resp.Body.Close()
	receipt, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, "", "", err
	}
	return resp.StatusCode, string(hashRE.Find(receipt)), string(page) + string(receipt), nil
}

func runBin(t *testing.T, bin string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = withoutEnv(os.Environ(), "SOURCE_DATE_EPOCH")
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

// SIGKILL of the service under the load of 100 clients: every
// acknowledgement that got its receipt is in the ledger, and the ledger
// verifies after rolepack acks repair, which removes a torn last line
// (here one written by hand after the kill, as a crash mid-write leaves
// it) and never keeps it. The secret is in no output.
func TestAcksServeKilled(t *testing.T) {
	const people, clients, killAfter = 1000, 100, 300
	dir := t.TempDir()
	bin := buildRolepack(t, dir, "v0.0.0-test")
	content := packtest.Write(t, ackPack(people))
	secretFile := filepath.Join(dir, "secret")
	if out, code := runBin(t, bin, "acks", "links", "--content", content, "--new-secret", secretFile); code != 0 {
		t.Fatalf("--new-secret: %d %s", code, out)
	}
	secret, err := ackservice.ReadSecret(secretFile, content)
	if err != nil {
		t.Fatal(err)
	}
	p := packtest.Load(t, ackPack(people))
	paths := make(chan string, people)
	for i := 1; i <= people; i++ {
		person := p.Person(fmt.Sprintf("p%04d", i))
		digest, _ := p.AckDigestIn(person, "en")
		paths <- "/a/" + ackservice.Sign(secret, ackservice.Token{Person: person.ID, Document: p.Document.ID, Version: p.Document.Version,
			Language: "en", Text: digest, Expires: time.Now().Add(time.Hour).Unix(), ID: ackservice.NewID()})
	}
	close(paths)
	ledgerPath := filepath.Join(dir, "service.jsonl")
	svc := startAcksServe(t, bin, "--content", content, "--secret-file", secretFile, "--ledger", ledgerPath)

	var (
		mu       sync.Mutex
		receipts []string
		bodies   strings.Builder
		answered atomic.Int32
		killOnce sync.Once
		wg       sync.WaitGroup
	)
	start := time.Now()
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	for range clients {
		wg.Go(func() {
			for path := range paths {
				code, hash, body, err := acknowledgeLink(client, svc.base, path)
				if err != nil {
					return // the service is gone
				}
				mu.Lock()
				bodies.WriteString(body)
				if code == http.StatusOK && hash != "" {
					receipts = append(receipts, hash)
				}
				mu.Unlock()
				if answered.Add(1) >= killAfter {
					killOnce.Do(func() { svc.cmd.Process.Signal(syscall.SIGKILL) })
				}
			}
		})
	}
	wg.Wait()
	svc.cmd.Wait()
	t.Logf("%d receipts before the SIGKILL, in %v", len(receipts), time.Since(start))
	if len(receipts) < killAfter/2 {
		t.Fatalf("only %d receipts", len(receipts))
	}

	// A write cut short by the crash.
	f, err := os.OpenFile(ledgerPath, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"n":99999,"person":"p0001","document":"ISMS-`)
	f.Close()
	out, code := runBin(t, bin, "acks", "repair", "--ledger", ledgerPath)
	if code != 0 || !strings.Contains(out, "removed line") {
		t.Fatalf("acks repair: exit %d\n%s", code, out)
	}
	data, err := os.ReadFile(ledgerPath)
	if err != nil {
		t.Fatal(err)
	}
	c, err := ledger.Read(bytes.NewReader(data))
	if err != nil || len(c.Problems) > 0 {
		t.Fatalf("the ledger does not verify after repair: %v %v", err, c.Problems)
	}
	have := map[string]bool{}
	persons := map[string]bool{}
	for _, r := range c.Records {
		have[r.Hash] = true
		if persons[r.Person] {
			t.Errorf("%s twice", r.Person)
		}
		persons[r.Person] = true
	}
	for _, h := range receipts {
		if !have[h] {
			t.Errorf("receipt %s is not in the ledger", h)
		}
	}
	t.Logf("%d records in the ledger, %d receipts", len(c.Records), len(receipts))
	noSecret(t, string(secret), svc.stderr.String(), bodies.String(), out, string(data))
}

// noSecret fails when the secret is in any of outs.
func noSecret(t *testing.T, secret string, outs ...string) {
	t.Helper()
	for i, out := range outs {
		if strings.Contains(out, secret) || strings.Contains(out, secret[:16]) {
			t.Errorf("output %d holds the secret", i)
		}
	}
}

// From "5 people must acknowledge" to none, through the service, in a
// throw-away git repository: links for everyone RP-COMM-01 asks, each
// acknowledged on the running service, the service's ledger exported and
// merged into the pack's, committed, and rolepack check counts them. A
// second merge of the same export is refused and writes nothing.
func TestAcksServiceIntoRepository(t *testing.T) {
	gitBin := packtest.NeedTool(t, "git")
	dir := t.TempDir()
	bin := buildRolepack(t, dir, "v0.0.0-test")
	repo := packtest.Write(t, ackPack(0))
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command(gitBin, append([]string{"-C", repo, "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "the pack")
	before, _ := runBin(t, bin, "check", "--content", repo)
	if n := strings.Count(before, "RP-COMM-01"); n != 5 {
		t.Fatalf("%d RP-COMM-01 before, want 5:\n%s", n, before)
	}

	secretFile := filepath.Join(dir, "secret")
	newSecret, _ := runBin(t, bin, "acks", "links", "--content", repo, "--new-secret", secretFile)
	csvPath := filepath.Join(dir, "links.csv")
	if out, code := runBin(t, bin, "acks", "links", "--content", repo, "--secret-file", secretFile, "--base-url", "https://acks.example/", "--out", csvPath); code != 0 {
		t.Fatalf("acks links: %d\n%s", code, out)
	}
	csvData, _ := os.ReadFile(csvPath)
	rows, err := csv.NewReader(bytes.NewReader(csvData)).ReadAll()
	if err != nil || len(rows) != 6 {
		t.Fatalf("%d rows, %v:\n%s", len(rows), err, csvData)
	}
	ledgerPath := filepath.Join(dir, "service.jsonl")
	svc := startAcksServe(t, bin, "--content", repo, "--secret-file", secretFile, "--ledger", ledgerPath)
	// Before anything: headers over the bound, and a host name that is
	// not the service's, are refused by the real server.
	first := strings.TrimPrefix(rows[1][2], "https://acks.example")
	for _, tc := range []struct {
		name string
		edit func(*http.Request)
		code int
	}{
		{"oversized header", func(r *http.Request) { r.Header.Set("X-Pad", strings.Repeat("x", 16<<10)) }, http.StatusRequestHeaderFieldsTooLarge},
		{"another host", func(r *http.Request) { r.Host = "evil.example" }, http.StatusMisdirectedRequest},
	} {
		req, _ := http.NewRequest(http.MethodGet, svc.base+first, nil)
		tc.edit(req)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.code {
			t.Errorf("%s: %d, want %d", tc.name, resp.StatusCode, tc.code)
		}
	}
	var bodies strings.Builder
	for _, row := range rows[1:] {
		code, hash, body, err := acknowledgeLink(http.DefaultClient, svc.base, strings.TrimPrefix(row[2], "https://acks.example"))
		bodies.WriteString(body)
		if err != nil || code != http.StatusOK || hash == "" {
			t.Fatalf("%s: %d %v\n%s", row[0], code, err, body)
		}
	}
	svc.cmd.Process.Signal(syscall.SIGTERM)
	svc.cmd.Wait()

	export, code := runBin(t, bin, "acks", "export", "--ledger", ledgerPath)
	if code != 0 || strings.Count(export, "\n") != 5 {
		t.Fatalf("acks export: %d\n%s", code, export)
	}
	exportPath := filepath.Join(dir, "export.jsonl")
	os.WriteFile(exportPath, []byte(export), 0o644)
	out, code := runBin(t, bin, "acks", "merge", "--content", repo, exportPath)
	if code != 0 || !strings.Contains(out, "appended 5 records as they are") {
		t.Fatalf("acks merge: %d\n%s", code, out)
	}
	git("add", ledger.File)
	git("commit", "-qm", "acknowledgements from the service")
	after, code := runBin(t, bin, "check", "--content", repo)
	if code != 0 || strings.Contains(after, "RP-COMM-01") || !strings.Contains(after, "no findings") {
		t.Errorf("check after the merge: %d\n%s", code, after)
	}
	merged, _ := os.ReadFile(filepath.Join(repo, ledger.File))
	again, code := runBin(t, bin, "acks", "merge", "--content", repo, exportPath)
	if code != 1 || !strings.Contains(again, "already in the pack's ledger") {
		t.Errorf("a second merge: %d\n%s", code, again)
	}
	if now, _ := os.ReadFile(filepath.Join(repo, ledger.File)); !bytes.Equal(now, merged) {
		t.Error("a refused merge wrote")
	}
	secret, _ := os.ReadFile(secretFile)
	noSecret(t, strings.TrimSpace(string(secret)), newSecret, string(csvData), svc.stderr.String(), bodies.String(), export, out, after, string(merged))
}

// The service loads the pack again on SIGHUP: a link to a text that has
// changed since is refused ("a new link is needed"), and nothing is
// written.
func TestAcksServeReloads(t *testing.T) {
	dir := t.TempDir()
	bin := buildRolepack(t, dir, "v0.0.0-test")
	content := packtest.Write(t, ackPack(0))
	secretFile := filepath.Join(dir, "secret")
	runBin(t, bin, "acks", "links", "--content", content, "--new-secret", secretFile)
	secret, _ := ackservice.ReadSecret(secretFile, content)
	p := packtest.Load(t, ackPack(0))
	bob := p.Person("bob")
	digest, _ := p.AckDigestIn(bob, "en")
	path := "/a/" + ackservice.Sign(secret, ackservice.Token{Person: "bob", Document: p.Document.ID, Version: p.Document.Version, Language: "en", Text: digest,
		Expires: time.Now().Add(time.Hour).Unix(), ID: ackservice.NewID()})
	ledgerPath := filepath.Join(dir, "service.jsonl")
	svc := startAcksServe(t, bin, "--content", content, "--secret-file", secretFile, "--ledger", ledgerPath)
	get := func() (int, string) {
		resp, err := http.Get(svc.base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if code, page := get(); code != http.StatusOK {
		t.Fatalf("before the edit: %d\n%s", code, page)
	}
	role := filepath.Join(content, "roles", "sysadmin.toml")
	data, _ := os.ReadFile(role)
	edited := strings.Replace(string(data), `"Patch servers"`, `"Patch servers within a week"`, 1)
	if edited == string(data) {
		t.Fatal("the edit did not apply")
	}
	os.WriteFile(role, []byte(edited), 0o644)
	svc.cmd.Process.Signal(syscall.SIGHUP)
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, page := get()
		if code == http.StatusGone && strings.Contains(page, "has changed") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the edit and SIGHUP: %d\n%s\nstderr:\n%s", code, page, svc.stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if data, _ := os.ReadFile(ledgerPath); len(data) != 0 {
		t.Errorf("the ledger: %q", data)
	}
}
