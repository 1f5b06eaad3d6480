package site_test

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/internal/packtest"
)

// A person page says when the acknowledgement ledger holds the person's
// acknowledgement of their text as it is, and asks again when the ledger's
// record is of a text that has changed since.
func TestPersonPageShowsTheLedger(t *testing.T) {
	withoutAck := packtest.Edit(packtest.Minimal, "acknowledgements.toml", "[[acknowledgement]]\nperson = \"ann\"\nversion = \"1.0\"\ndate = 2026-06-20\n", "")
	p := packtest.Load(t, withoutAck)
	rec := func(text string) string {
		r := ledger.Record{Person: "ann", Document: p.Document.ID, Version: "1.0", Language: "en", Text: text,
			Time: "2026-10-01T10:00:00Z", Channel: ledger.Paper, Evidence: "scan sha256:" + strings.Repeat("1", 64)}.Sealed(nil)
		return "-- " + ledger.File + " --\n" + string(r.Line()) + "\n"
	}
	files := build(t, packtest.Load(t, packtest.With(withoutAck, rec(p.AckDigest(p.Person("ann"))))), site.Options{})
	assertContains(t, files, "site/people/ann.html", "Acknowledged version 1.0 on <time>2026-10-01</time> (a signed sheet; record 1 of the acknowledgement ledger).")
	stale := build(t, packtest.Load(t, packtest.With(withoutAck, rec("sha256:"+strings.Repeat("0", 64)))), site.Options{})
	assertContains(t, stale, "site/people/ann.html", "<strong>To acknowledge again:</strong> they acknowledged version 1.0 on <time>2026-10-01</time> (record 1 of the acknowledgement ledger), but the text of their duties has changed since.")
}
