package ackservice_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/ackservice"
	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// noAcks is the minimal pack with no acknowledgement on record: its five
// seated people must all acknowledge.
var noAcks = packtest.With(packtest.Minimal, "-- acknowledgements.toml --\nDELETE\n")

// withPeople is noAcks with n more people (p0001 …), none seated: their
// text is the document's line alone, enough for a link.
func withPeople(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "\n[[person]]\nid = \"p%04d\"\nname = \"Person %d\"\njob_title = \"Staff\"\narea = \"ops\"\nemail = \"p%04d@example.com\"\n", i, i, i)
	}
	return packtest.Edit(noAcks, "people.toml", "company = \"Audit Partners\"\n", "company = \"Audit Partners\"\n"+b.String())
}

const secretText = "0123456789abcdef0123456789abcdef-the-test-secret"

var secret = []byte(secretText)

type fixture struct {
	pack   *model.Pack
	path   string // the service's ledger
	srv    *httptest.Server
	log    *syncBuffer
	bodies *syncBuffer // every response body, for the secret test
	now    time.Time
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newFixture(t *testing.T, archive string, cfg ackservice.Config) *fixture {
	t.Helper()
	f := &fixture{pack: packtest.Load(t, archive), path: filepath.Join(t.TempDir(), "service.jsonl"), log: &syncBuffer{}, bodies: &syncBuffer{},
		now: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)}
	w, recs, _, err := ackservice.OpenLedger(f.path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	cfg.Secret, cfg.Ledger, cfg.Records, cfg.Log = secret, w, recs, f.log
	cfg.Now = func() time.Time { return f.now }
	svc := ackservice.New(cfg)
	svc.SetPack(f.pack, nil)
	f.srv = httptest.NewServer(svc)
	t.Cleanup(f.srv.Close)
	return f
}

// token is a valid token of person's current text.
func (f *fixture) token(t *testing.T, id string, edit func(*ackservice.Token)) string {
	t.Helper()
	p := f.pack.Person(id)
	digest, ok := f.pack.AckDigestIn(p, "en")
	if !ok {
		t.Fatalf("no digest for %s", id)
	}
	tok := ackservice.Token{Person: id, Document: f.pack.Document.ID, Version: f.pack.Document.Version, Language: "en", Text: digest,
		Expires: f.now.Add(time.Hour).Unix(), ID: ackservice.NewID()}
	if edit != nil {
		edit(&tok)
	}
	return ackservice.Sign(secret, tok)
}

var checkRE = regexp.MustCompile(`name="check" value="([0-9a-f]+)"`)

func (f *fixture) do(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := f.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	f.bodies.Write(body)
	return resp.StatusCode, string(body)
}

func (f *fixture) get(t *testing.T, path string) (int, string) {
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+path, nil)
	return f.do(t, req)
}

func (f *fixture) post(t *testing.T, path string, form url.Values, header map[string]string) (int, string) {
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", f.srv.URL)
	for k, v := range header {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	return f.do(t, req)
}

// acknowledge opens the link and presses the button.
func (f *fixture) acknowledge(t *testing.T, tok string) (int, string) {
	t.Helper()
	code, page := f.get(t, "/a/"+tok)
	m := checkRE.FindStringSubmatch(page)
	if code != http.StatusOK || m == nil {
		return code, page
	}
	return f.post(t, "/a/"+tok, url.Values{"check": {m[1]}}, nil)
}

func (f *fixture) records(t *testing.T) []ledger.Record {
	t.Helper()
	file, err := os.Open(f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	c, err := ledger.Read(file)
	if err != nil || len(c.Problems) > 0 {
		t.Fatalf("the ledger does not verify: %v %v", err, c.Problems)
	}
	return c.Records
}

// A link shows the person's duties and the button; the POST writes one
// record and a receipt with its number and hash; the same link again
// answers "already acknowledged" with that receipt and writes nothing.
func TestAcknowledgeAndReplay(t *testing.T) {
	f := newFixture(t, noAcks, ackservice.Config{})
	tok := f.token(t, "ann", nil)
	code, page := f.get(t, "/a/"+tok)
	if code != http.StatusOK || !strings.Contains(page, "Ann Admin") || !strings.Contains(page, "I have read and understood") ||
		!strings.Contains(page, "Responsibility:") || !strings.Contains(page, "Report ISMS performance") {
		t.Fatalf("the page (%d):\n%s", code, page)
	}
	form := url.Values{"check": {checkRE.FindStringSubmatch(page)[1]}}
	code, receipt := f.post(t, "/a/"+tok, form, nil)
	recs := f.records(t)
	if code != http.StatusOK || len(recs) != 1 || !strings.Contains(receipt, recs[0].Hash) || !strings.Contains(receipt, "your acknowledgement is recorded") {
		t.Fatalf("the receipt (%d, %d records):\n%s", code, len(recs), receipt)
	}
	r := recs[0]
	if r.Person != "ann" || r.Channel != ledger.Link || r.Version != "1.0" || r.Text != f.pack.AckDigest(f.pack.Person("ann")) || r.Evidence != "token "+tokenID(t, tok) {
		t.Errorf("the record: %+v", r)
	}
	// The same form posted again (a second click, a replay).
	code, page = f.post(t, "/a/"+tok, form, nil)
	if code != http.StatusConflict || !strings.Contains(page, "Already acknowledged") || !strings.Contains(page, r.Hash) {
		t.Errorf("the replayed POST (%d):\n%s", code, page)
	}
	// The same link, or a new one of the same text, opened again.
	for _, tk := range []string{tok, f.token(t, "ann", nil)} {
		code, page = f.acknowledge(t, tk)
		if code != http.StatusOK || !strings.Contains(page, "Already acknowledged") || !strings.Contains(page, r.Hash) || strings.Contains(page, "<form") {
			t.Errorf("the replay's GET (%d):\n%s", code, page)
		}
	}
	if n := len(f.records(t)); n != 1 {
		t.Errorf("%d records after the replays, want 1", n)
	}
}

func tokenID(t *testing.T, tok string) string {
	t.Helper()
	parsed, err := ackservice.Parse(secret, tok, time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return parsed.ID
}
