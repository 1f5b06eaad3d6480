package check_test

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/internal/packtest"
)

// A ledger record counts when its digest is that of the person's text
// now, whatever version it names; not when it is dated after today; and
// editing one duty of the person's role makes exactly their record stale.
func TestLedgerAcknowledgements(t *testing.T) {
	p := packtest.Load(t, withoutAck)
	ann := p.Person("ann")
	digest := p.AckDigest(ann)
	if digest == otherText || !strings.HasPrefix(digest, "sha256:") {
		t.Fatalf("digest %q", digest)
	}
	comm := func(archive string) []string {
		t.Helper()
		var out []string
		for _, f := range check.Run(packtest.Load(t, archive), today).Findings {
			out = append(out, f.Pos.String()+" "+f.Rule+" "+f.Message)
		}
		return out
	}
	for _, tc := range []struct {
		name    string
		version string
		time    string
		want    string // the one finding, or "" for none
	}{
		{"this version", "1.0", "2026-10-01T10:00:00Z", ""},
		{"an earlier version of the same text", "0.9", "2026-05-01T10:00:00Z", ""},
		{"dated after today", "1.0", "2027-01-01T10:00:00Z", "RP-COMM-01 Ann Admin has not acknowledged version 1.0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ack("ann", tc.version, "en", digest)
			r.Time = tc.time
			got := strings.Join(comm(packtest.With(withoutAck, ledgerFile(r))), "\n")
			if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
				t.Errorf("findings:\n%s\nwant %q", got, tc.want)
			}
		})
	}

	// ann holds the ISM role and bob deputises for her: a change of its
	// duties makes their records stale, and only theirs (eve's, the
	// auditor's, still counts).
	noAcks := packtest.Edit(packtest.Edit(withoutAck, "acknowledgements.toml", "[[acknowledgement]]\nperson = \"bob\"\nversion = \"1.0\"\ndate = 2026-06-20\n", ""),
		"acknowledgements.toml", "[[acknowledgement]]\nperson = \"eve\"\nversion = \"1.0\"\ndate = 2026-06-20\n", "")
	all := packtest.With(noAcks, ledgerFile(ack("ann", "1.0", "en", digest), ack("bob", "1.0", "en", p.AckDigest(p.Person("bob"))), ack("eve", "1.0", "en", p.AckDigest(p.Person("eve")))))
	if got := comm(all); len(got) != 0 {
		t.Fatalf("all acknowledged in the ledger: %v", got)
	}
	edited := packtest.Edit(all, "roles/ism.toml", `"Report ISMS performance"`, `"Report ISMS performance every month"`)
	got := comm(edited)
	if len(got) != 2 || !strings.Contains(got[0], "RP-COMM-01 Ann Admin acknowledged version 1.0 on 2026-10-01 (acknowledgements.jsonl line 1), but the text of their duties has changed since") ||
		!strings.Contains(got[1], "RP-COMM-01 Bob Builder acknowledged version 1.0 on 2026-10-01 (acknowledgements.jsonl line 2)") {
		t.Errorf("after editing the ISM's duty: %v", got)
	}
}

// Report.Unacknowledged is exactly the people RP-COMM-01 names, in the
// pack's order: what acks links asks.
func TestUnacknowledged(t *testing.T) {
	ids := func(archive string) (got []string, findings int) {
		r := check.Run(packtest.Load(t, archive), today)
		for _, p := range r.Unacknowledged {
			got = append(got, p.ID)
		}
		for _, f := range r.Findings {
			if f.Rule == "RP-COMM-01" {
				findings++
			}
		}
		return got, findings
	}
	if got, n := ids(packtest.Minimal); len(got) != 0 || n != 0 {
		t.Errorf("Minimal: %v, %d findings", got, n)
	}
	p := packtest.Load(t, withoutAck)
	ledgerBob := ledgerFile(ack("bob", "1.0", "en", p.AckDigest(p.Person("bob"))))
	noBob := packtest.Edit(withoutAck, "acknowledgements.toml", "[[acknowledgement]]\nperson = \"bob\"\nversion = \"1.0\"\ndate = 2026-06-20\n", "")
	for _, tc := range []struct {
		name, archive string
		want          string
	}{
		{"ann unsigned", withoutAck, "ann"},
		{"bob in the ledger instead of the sheet", packtest.With(noBob, ledgerBob), "ann"},
		{"ann's record stale", packtest.With(withoutAck, ledgerFile(ack("ann", "1.0", "en", otherText))), "ann"},
		{"bob unsigned too", noBob, "ann bob"},
	} {
		got, n := ids(tc.archive)
		if strings.Join(got, " ") != tc.want || n != len(got) {
			t.Errorf("%s: %v (%d RP-COMM-01), want %s", tc.name, got, n, tc.want)
		}
	}
}
