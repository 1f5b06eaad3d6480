package ackservice_test

import (
	"bytes"
	"encoding/csv"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/ackservice"
	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/internal/packtest"
)

func TestTokenRoundTrip(t *testing.T) {
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	tok := ackservice.Token{Person: "ann", Document: "ISMS-05", Version: "1.0", Language: "en", Text: "sha256:" + strings.Repeat("a", 64), Expires: now.Add(time.Hour).Unix(), ID: ackservice.NewID()}
	s := ackservice.Sign(secret, tok)
	if strings.Contains(s, "Ann") || strings.ContainsAny(s, "/+=") {
		t.Errorf("token %q: a name, or not base64url", s)
	}
	got, err := ackservice.Parse(secret, s, now)
	if err != nil || got != tok {
		t.Fatalf("Parse: %+v, %v", got, err)
	}
	for _, tc := range []struct {
		name  string
		token string
		now   time.Time
		want  error
	}{
		{"another secret", ackservice.Sign([]byte(strings.Repeat("k", 32)), tok), now, ackservice.ErrForged},
		{"at its expiry", s, now.Add(time.Hour), ackservice.ErrExpired},
		{"empty", "", now, ackservice.ErrMalformed},
		{"no dot", strings.ReplaceAll(s, ".", ""), now, ackservice.ErrMalformed},
		{"too long", s + strings.Repeat("A", ackservice.MaxToken), now, ackservice.ErrMalformed},
		{"not base64", "!!!." + strings.SplitN(s, ".", 2)[1], now, ackservice.ErrMalformed},
	} {
		if _, err := ackservice.Parse(secret, tc.token, tc.now); err != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestSecretFile(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	os.Mkdir(content, 0o755)
	path := filepath.Join(dir, "secret")
	if err := ackservice.NewSecret(path, content); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	if err := ackservice.NewSecret(path, content); err == nil {
		t.Error("NewSecret overwrote a file")
	}
	s, err := ackservice.ReadSecret(path, content)
	if err != nil || len(s) < ackservice.MinSecret {
		t.Fatalf("ReadSecret: %d bytes, %v", len(s), err)
	}
	short := filepath.Join(dir, "short")
	os.WriteFile(short, []byte("too short\n"), 0o600)
	inPack := filepath.Join(content, "secret")
	os.WriteFile(inPack, []byte(strings.Repeat("s", 40)), 0o600)
	for name, p := range map[string]string{"short": short, "inside the pack": inPack, "missing": filepath.Join(dir, "none")} {
		_, err := ackservice.ReadSecret(p, content)
		if err == nil {
			t.Errorf("%s: accepted", name)
		} else if strings.Contains(err.Error(), "too short") || strings.Contains(err.Error(), strings.Repeat("s", 40)) {
			t.Errorf("%s: the error holds the secret: %v", name, err)
		}
	}
	if err := ackservice.NewSecret(filepath.Join(content, "new"), content); err == nil {
		t.Error("NewSecret wrote into the pack")
	}
}

// The CSV names everyone RP-COMM-01 asks, with links that verify, and
// defuses formulas.
func TestLinksCSV(t *testing.T) {
	p := packtest.Load(t, packtest.Edit(noAcks, "people.toml", `name = "Bob Builder"`, `name = "=HYPERLINK(\"http://evil\")"`))
	base, err := ackservice.CheckBaseURL("https://acks.example/")
	if err != nil {
		t.Fatal(err)
	}
	links := ackservice.Links(p, p.People[:2], secret, base, time.Now().Add(time.Hour))
	var b bytes.Buffer
	if err := ackservice.WriteCSV(&b, links); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	for _, row := range rows[1:] {
		if strings.HasPrefix(row[0], "=") {
			t.Errorf("a formula: %q", row[0])
		}
		u, err := url.Parse(row[2])
		tok := strings.TrimPrefix(u.Path, "/a/")
		if err != nil || u.Host != "acks.example" {
			t.Fatalf("link %q", row[2])
		}
		if _, err := ackservice.Parse(secret, tok, time.Now()); err != nil {
			t.Errorf("link %q: %v", row[2], err)
		}
		if strings.Contains(row[2], "Bob") || strings.Contains(row[2], "example.com") {
			t.Errorf("personal data in the link %q", row[2])
		}
	}
	secretNowhere(t, b.String())
	for _, bad := range []string{"ftp://x/", "/relative", "https://x/?q=1", "https://u:p@x/"} {
		if _, err := ackservice.CheckBaseURL(bad); err == nil {
			t.Errorf("base URL %q accepted", bad)
		}
	}
}

func sealed(recs ...ledger.Record) []ledger.Record {
	var prev *ledger.Record
	for i := range recs {
		recs[i] = recs[i].Sealed(prev)
		prev = &recs[i]
	}
	return recs
}

func rec(person, evidence string) ledger.Record {
	return ledger.Record{Person: person, Document: "ISMS-05", Version: "1.0", Language: "en", Text: "sha256:" + strings.Repeat("b", 64),
		Time: "2026-11-24T10:00:00Z", Channel: ledger.Link, Evidence: evidence}
}

func lines(recs []ledger.Record) string {
	var b strings.Builder
	for _, r := range recs {
		b.Write(r.Line())
		b.WriteByte('\n')
	}
	return b.String()
}

// Export gives the records after a hash; Merge appends them as they are
// when they continue the pack's chain, sealed again when not, and refuses
// duplicates and records that do not verify, writing nothing.
func TestExportMerge(t *testing.T) {
	service := sealed(rec("ann", "token 1"), rec("bob", "token 2"), rec("eve", "token 3"))
	got, err := ackservice.Export(strings.NewReader(lines(service)), "service.jsonl", service[0].Hash)
	if err != nil || len(got) != 2 || got[0] != service[1] {
		t.Fatalf("Export: %v, %v", got, err)
	}
	if _, err := ackservice.Export(strings.NewReader(lines(service)), "service.jsonl", "sha256:nope"); err == nil {
		t.Error("Export of an unknown hash")
	}
	recs, problems, err := ackservice.ReadExport(strings.NewReader(lines(got)))
	if err != nil || len(problems) > 0 || len(recs) != 2 {
		t.Fatalf("ReadExport: %v %v", problems, err)
	}

	dir := t.TempDir()
	// The pack's ledger has the service's first record: the export
	// continues it, and is appended verbatim.
	pack := filepath.Join(dir, "verbatim.jsonl")
	os.WriteFile(pack, []byte(lines(service[:1])), 0o644)
	res, dups, err := ackservice.Merge(pack, recs)
	if err != nil || len(dups) > 0 || !res.Verbatim || res.Appended != 2 {
		t.Fatalf("Merge: %+v %v %v", res, dups, err)
	}
	if data, _ := os.ReadFile(pack); string(data) != lines(service) {
		t.Errorf("not verbatim:\n%s", data)
	}
	// Again: every record is a duplicate, nothing written.
	before, _ := os.ReadFile(pack)
	if _, dups, err := ackservice.Merge(pack, recs); err != nil || len(dups) != 2 || dups[0].Line != 1 || dups[0].PackLine != 2 {
		t.Errorf("a second merge: %v %v", dups, err)
	}
	if after, _ := os.ReadFile(pack); !bytes.Equal(before, after) {
		t.Error("a refused merge wrote")
	}
	// A pack whose ledger went on meanwhile (a paper record): sealed again.
	other := filepath.Join(dir, "resealed.jsonl")
	os.WriteFile(other, []byte(lines(sealed(rec("ann", "token 1"), rec("dora", "scan sha256:"+strings.Repeat("c", 64))))), 0o644)
	res, dups, err = ackservice.Merge(other, recs)
	if err != nil || len(dups) > 0 || res.Verbatim || res.Appended != 2 || res.Last.N != 4 {
		t.Fatalf("Merge: %+v %v %v", res, dups, err)
	}
	f, _ := os.Open(other)
	c, _ := ledger.Read(f)
	f.Close()
	if len(c.Problems) > 0 || len(c.Records) != 4 || c.Records[2].Person != "bob" || c.Records[2].Evidence != "token 2" {
		t.Errorf("after the merge: %+v", c)
	}

	// Records that do not verify: a changed field, a line removed.
	changed := strings.Replace(lines(got), `"bob"`, `"bib"`, 1)
	if _, problems, _ := ackservice.ReadExport(strings.NewReader(changed)); len(problems) != 1 || problems[0].Line != 1 {
		t.Errorf("a changed record: %v", problems)
	}
	gap := lines([]ledger.Record{service[0], service[2]})
	if _, problems, _ := ackservice.ReadExport(strings.NewReader(gap)); len(problems) != 1 || problems[0].Line != 2 {
		t.Errorf("a removed record: %v", problems)
	}
}

// Every line of every seated person's text, in every pack of the test
// set, has a label of its own in every language: none is a key left
// unworded.
func TestFactsWorded(t *testing.T) {
	kinds := map[string]bool{}
	for _, l := range packtest.LoadAll(t) {
		p := l.Model
		for _, person := range p.People {
			if !p.Seated(person) {
				continue
			}
			for _, lang := range messages.Languages() {
				for _, f := range ackservice.Facts(messages.Builtin(lang), p.AckText(person)) {
					if strings.HasPrefix(f.Label, "ack.") || f.Label == "" {
						t.Fatalf("%s, %s: the label %q", l.Name, lang, f.Label)
					}
					kinds[lang+" "+f.Label] = true
				}
			}
		}
	}
	if len(kinds) < 9*10 {
		t.Errorf("only %d labels seen: %v", len(kinds), kinds)
	}
}

// Whatever a link's token holds, Parse never panics, and it accepts only
// what Sign made with the secret: an accepted token signs again to itself.
func FuzzParse(f *testing.F) {
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	tok := ackservice.Token{Person: "ann", Document: "ISMS-05", Version: "1.0", Language: "en", Text: "sha256:" + strings.Repeat("a", 64), Expires: now.Add(time.Hour).Unix(), ID: "abc"}
	s := ackservice.Sign(secret, tok)
	f.Add(s)
	f.Add(s[:len(s)-3])
	f.Add(strings.Replace(s, "e", "f", 1))
	f.Add("a.b")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ackservice.Parse(secret, s, now)
		if err == nil && ackservice.Sign(secret, got) != s {
			t.Errorf("accepted %q, which signs to %q", s, ackservice.Sign(secret, got))
		}
	})
}
