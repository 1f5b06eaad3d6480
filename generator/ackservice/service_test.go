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

// Every refusal answers with its status and writes nothing: forged,
// altered, expired and other-version tokens, a cross-site POST, a POST
// without its form check, an oversized and a malformed request, a wrong
// method.
func TestRefusals(t *testing.T) {
	f := newFixture(t, noAcks, ackservice.Config{})
	good := f.token(t, "bob", nil)
	_, page := f.get(t, "/a/"+good)
	check := checkRE.FindStringSubmatch(page)[1]
	form := url.Values{"check": {check}}
	payload, sig, _ := strings.Cut(good, ".")
	altered := []byte(payload)
	altered[10] ^= 1 // one bit of the payload
	other := ackservice.Sign([]byte("another secret, another secret, another one"), ackservice.Token{Person: "bob", Document: "ISMS-05", Version: "1.0", Language: "en", Text: f.pack.AckDigest(f.pack.Person("bob")), Expires: f.now.Add(time.Hour).Unix(), ID: "x"})
	bigForm := url.Values{"check": {check}, "pad": {strings.Repeat("x", ackservice.MaxBody)}}
	type req struct {
		method, path, body, contentType string
		header                          map[string]string
	}
	post := func(path string, v url.Values, h map[string]string) req {
		return req{http.MethodPost, path, v.Encode(), "application/x-www-form-urlencoded", h}
	}
	for _, tc := range []struct {
		name string
		req  req
		code int
		want string
	}{
		{"forged", req{method: "GET", path: "/a/" + other}, 403, "This link is not valid"},
		{"forged POST", post("/a/"+other, form, nil), 403, "This link is not valid"},
		{"altered", req{method: "GET", path: "/a/" + string(altered) + "." + sig}, 403, "This link is not valid"},
		{"signature cut", req{method: "GET", path: "/a/" + payload + "." + sig[:10]}, 403, "This link is not valid"},
		{"expired", req{method: "GET", path: "/a/" + f.token(t, "bob", func(k *ackservice.Token) { k.Expires = f.now.Unix() })}, 410, "expired"},
		{"other version", req{method: "GET", path: "/a/" + f.token(t, "bob", func(k *ackservice.Token) { k.Version = "0.9" })}, 410, "has changed"},
		{"other text", req{method: "GET", path: "/a/" + f.token(t, "bob", func(k *ackservice.Token) { k.Text = f.pack.AckDigest(f.pack.Person("ann")) })}, 410, "has changed"},
		{"other version POST", post("/a/"+f.token(t, "bob", func(k *ackservice.Token) { k.Version = "0.9" }), form, nil), 410, "has changed"},
		{"unknown person", req{method: "GET", path: "/a/" + f.token(t, "bob", func(k *ackservice.Token) { k.Person = "nobody" })}, 410, "has changed"},
		{"cross-site Origin", post("/a/"+good, form, map[string]string{"Origin": "https://evil.example"}), 403, "not allowed"},
		{"cross-site Referer", post("/a/"+good, form, map[string]string{"Origin": "", "Referer": "https://evil.example/page"}), 403, "not allowed"},
		{"cross-site fetch", post("/a/"+good, form, map[string]string{"Sec-Fetch-Site": "cross-site"}), 403, "not allowed"},
		{"no form check", post("/a/"+good, url.Values{}, nil), 403, "not allowed"},
		{"another link's form check", post("/a/"+f.token(t, "bob", nil), form, nil), 403, "not allowed"},
		{"oversized body", post("/a/"+good, bigForm, nil), 413, "too large"},
		{"oversized URL", req{method: "GET", path: "/a/" + strings.Repeat("a", ackservice.MaxURL)}, 414, "too large"},
		{"malformed token", req{method: "GET", path: "/a/%00%01not-a-token"}, 400, "This link is not valid"},
		{"malformed payload", req{method: "GET", path: "/a/" + "bm90IGpzb24" + "." + sig}, 403, "This link is not valid"},
		{"not a form", req{http.MethodPost, "/a/" + good, `{"check":"` + check + `"}`, "application/json", map[string]string{"Origin": ""}}, 415, "could not be understood"},
		{"malformed form", req{http.MethodPost, "/a/" + good, "check=%zz", "application/x-www-form-urlencoded", nil}, 400, "could not be understood"},
		{"PUT", req{method: http.MethodPut, path: "/a/" + good}, 405, "does not accept"},
		{"DELETE", req{method: http.MethodDelete, path: "/a/" + good}, 405, "does not accept"},
		{"no page", req{method: "GET", path: "/"}, 404, "There is no page here"},
		{"no SSO unless configured", req{method: "GET", path: "/sso", header: map[string]string{"X-Forwarded-User": "bob"}}, 404, "There is no page here"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := http.NewRequest(tc.req.method, f.srv.URL+tc.req.path, strings.NewReader(tc.req.body))
			if err != nil {
				t.Fatal(err)
			}
			if tc.req.contentType != "" {
				r.Header.Set("Content-Type", tc.req.contentType)
				r.Header.Set("Origin", f.srv.URL)
			}
			for k, v := range tc.req.header {
				if v == "" {
					r.Header.Del(k)
				} else {
					r.Header.Set(k, v)
				}
			}
			code, body := f.do(t, r)
			if code != tc.code || !strings.Contains(body, tc.want) {
				t.Errorf("%d, want %d with %q:\n%s", code, tc.code, tc.want, body)
			}
			if n := len(f.records(t)); n != 0 {
				t.Fatalf("%d records written", n)
			}
		})
	}
	// The good form still works: nothing above spent it.
	if code, _ := f.post(t, "/a/"+good, form, nil); code != http.StatusOK || len(f.records(t)) != 1 {
		t.Errorf("the good POST: %d", code)
	}
	secretNowhere(t, f.log.String(), f.bodies.String())
}

// secretNowhere fails when any of outs holds the secret, in any form the
// code could have written it.
func secretNowhere(t *testing.T, outs ...string) {
	t.Helper()
	for _, out := range outs {
		for _, form := range []string{secretText, fmt.Sprintf("%x", secret), url.QueryEscape(secretText), secretText[:16]} {
			if strings.Contains(out, form) {
				t.Errorf("the secret (as %q) is in an output", form)
			}
		}
	}
}

// 1,000 acknowledgements from 100 concurrent clients: 1,000 records, the
// chain verifies, each person once, each record a whole line.
func TestConcurrentAcknowledgements(t *testing.T) {
	const people, clients = 1000, 100
	f := newFixture(t, withPeople(people), ackservice.Config{})
	tokens := make(chan string, people)
	for i := 1; i <= people; i++ {
		tokens <- f.token(t, fmt.Sprintf("p%04d", i), nil)
	}
	close(tokens)
	start := time.Now()
	var wg sync.WaitGroup
	var mu sync.Mutex
	hashes := map[string]bool{}
	for range clients {
		wg.Go(func() {
			for tok := range tokens {
				code, page := f.acknowledge(t, tok)
				h := regexp.MustCompile(`sha256:[0-9a-f]{64}`).FindString(page)
				if code != http.StatusOK || h == "" {
					t.Errorf("%d:\n%s", code, page)
					return
				}
				mu.Lock()
				hashes[h] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	took := time.Since(start)
	recs := f.records(t)
	seen := map[string]bool{}
	for _, r := range recs {
		if seen[r.Person] {
			t.Errorf("%s twice", r.Person)
		}
		seen[r.Person] = true
		delete(hashes, r.Hash)
	}
	if len(recs) != people || len(hashes) != 0 {
		t.Errorf("%d records, %d receipts not in the ledger", len(recs), len(hashes))
	}
	t.Logf("%d acknowledgements from %d clients in %v", people, clients, took)
}

// Single sign-on: the header is believed from the configured proxy only;
// from anyone else it is ignored (403) and nothing is written.
func TestSSO(t *testing.T) {
	for _, tc := range []struct {
		name, proxy, who string
		code             int
		records          int
	}{
		{"from the proxy, by e-mail", "127.0.0.1", "P0007@example.com", 200, 1},
		{"from the proxy, by id", "127.0.0.1", "p0007", 200, 1},
		{"from the proxy, unknown", "127.0.0.1", "mallory@example.com", 403, 0},
		{"not from the proxy", "10.0.0.5", "p0007", 403, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, withPeople(10), ackservice.Config{SSOHeader: "X-Forwarded-User", SSOProxy: tc.proxy})
			h := map[string]string{"X-Forwarded-User": tc.who}
			req, _ := http.NewRequest(http.MethodGet, f.srv.URL+"/sso", nil)
			req.Header.Set("X-Forwarded-User", tc.who)
			code, page := f.do(t, req)
			if tc.code == 200 {
				if code != 200 || !strings.Contains(page, "Person 7") {
					t.Fatalf("%d:\n%s", code, page)
				}
				text := regexp.MustCompile(`name="text" value="([^"]+)"`).FindStringSubmatch(page)[1]
				form := url.Values{"check": {checkRE.FindStringSubmatch(page)[1]}, "text": {text}}
				// Another person's header with this form is refused.
				if code, _ := f.post(t, "/sso", form, map[string]string{"X-Forwarded-User": "p0008"}); code != http.StatusForbidden {
					t.Errorf("another identity with the form: %d", code)
				}
				code, page = f.post(t, "/sso", form, h)
			}
			if code != tc.code {
				t.Errorf("%d, want %d:\n%s", code, tc.code, page)
			}
			recs := f.records(t)
			if len(recs) != tc.records || (tc.records == 1 && (recs[0].Channel != ledger.SSO || recs[0].Person != "p0007")) {
				t.Errorf("records: %+v", recs)
			}
		})
	}
}
