package acks_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/acks"
	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

var (
	ctx = context.Background()
	now = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
)

// noAcks is the minimal pack with no acknowledgement on record.
var noAcks = func() string {
	a := packtest.Minimal
	start := strings.Index(a, "-- acknowledgements.toml --\n")
	end := strings.Index(a[start+1:], "\n-- ")
	if end < 0 {
		return a[:start]
	}
	return a[:start] + a[start+1+end+1:]
}()

// chain seals records into a ledger's text.
func chain(recs ...ledger.Record) []byte {
	var b bytes.Buffer
	var prev *ledger.Record
	for _, r := range recs {
		r = r.Sealed(prev)
		prev = &r
		b.Write(r.Line())
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func rec(p *model.Pack, id, version, digest string) ledger.Record {
	if digest == "" {
		digest = p.AckDigest(p.Person(id))
	}
	return ledger.Record{Person: id, Document: p.Document.ID, Version: version, Language: "en", Text: digest,
		Time: "2026-07-01T09:00:00Z", Channel: ledger.Paper, Evidence: "sheet " + id}
}

const otherText = "sha256:0000000000000000000000000000000000000000000000000000000000000000"

func TestVerify(t *testing.T) {
	p := packtest.Load(t, noAcks)
	good := chain(rec(p, "ann", "1.0", ""), rec(p, "bob", "1.0", ""), rec(p, "eve", "1.0", ""))
	lines := strings.SplitAfter(string(good), "\n")
	for _, tc := range []struct {
		name      string
		ledger    string
		verified  int
		broken    []string // "LINE: message part"
		unchecked string   // "VERSION: lines"
	}{
		{"every record verifies", string(good), 3, nil, ""},
		{"a record edited by hand", lines[0] + strings.Replace(lines[1], `"2026-07-01T09:00:00Z"`, `"2026-07-02T09:00:00Z"`, 1) + lines[2], 2,
			[]string{"2: hash"}, ""},
		{"a digest that is not the text's", string(chain(rec(p, "ann", "1.0", ""), rec(p, "bob", "1.0", otherText))), 1,
			[]string{"2: the text of version 1.0 for this person (bob, in en) does not have this digest"}, ""},
		{"another document", string(chain(func() ledger.Record { r := rec(p, "ann", "1.0", ""); r.Document = "X-1"; return r }())), 0,
			[]string{`1: the record is of document "X-1"`}, ""},
		{"a person the version does not have", string(chain(rec(p, "ann", "1.0", ""), func() ledger.Record { r := rec(p, "ann", "1.0", ""); r.Person = "zed"; return r }())), 1,
			[]string{`2: version 1.0 has no text for person "zed"`}, ""},
		{"a version with no revision", string(chain(rec(p, "ann", "0.9", ""), rec(p, "bob", "0.9", ""))), 0, nil, "0.9: [1 2]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := acks.Verify(ctx, &acks.Texts{Pack: p}, []byte(tc.ledger))
			if err != nil {
				t.Fatal(err)
			}
			if rep.Verified != tc.verified {
				t.Errorf("verified %d, want %d", rep.Verified, tc.verified)
			}
			var got []string
			for _, b := range rep.Broken {
				got = append(got, fmt.Sprintf("%d: %s", b.Line, b.Msg))
			}
			if len(got) != len(tc.broken) {
				t.Fatalf("broken %q, want %q", got, tc.broken)
			}
			for i := range got {
				line, part, _ := strings.Cut(tc.broken[i], ": ")
				if !strings.HasPrefix(got[i], line+": ") || !strings.Contains(got[i], part) {
					t.Errorf("broken %q, want %q", got[i], tc.broken[i])
				}
			}
			var un string
			for _, u := range rep.Unchecked {
				un += fmt.Sprintf("%s: %v", u.Version, u.Lines)
			}
			if un != tc.unchecked {
				t.Errorf("unchecked %q, want %q", un, tc.unchecked)
			}
		})
	}
}

// next1 is version 1.1 of the minimal pack, whose revision history names
// the tag of 1.0, and which changes the ISM's duties (Ann's and Bob's
// texts), nothing else.
func next1(archive string) string {
	a := packtest.Edit(archive, "pack.toml", "version = \"1.0\"\nstatus", "version = \"1.1\"\nstatus")
	a = packtest.Edit(a, "pack.toml", `summary = "First issue."`, `summary = "First issue."
git_ref = "v1.0"

[[revision]]
version = "1.1"
date = 2026-10-01
author = "Ann Admin"
summary = "The ISM reports monthly."`)
	return packtest.Edit(a, "roles/ism.toml", `"Report ISMS performance"`, `"Report ISMS performance monthly"`)
}

// gitPack commits archive as version 1.0 (tag v1.0) in a throw-away
// repository, then moves the work tree to next; it returns the content
// directory.
func gitPack(t *testing.T, archive, next string) string {
	t.Helper()
	git := packtest.NeedTool(t, "git")
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	run := func(args ...string) {
		cmd := exec.Command(git, append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.invalid"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	put := func(a string) {
		if err := os.RemoveAll(content); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(content, os.DirFS(packtest.Write(t, a))); err != nil {
			t.Fatal(err)
		}
	}
	put(archive)
	run("init", "-q")
	run("add", ".")
	run("commit", "-q", "-m", "v1.0")
	run("tag", "v1.0")
	put(next)
	return content
}

// A record made for an earlier version's text verifies against that
// version's git_ref; the same digest named as the current version's does
// not, and nor does the current text named as the earlier version's.
func TestVerifyEarlierVersion(t *testing.T) {
	old := packtest.Load(t, noAcks)
	content := gitPack(t, noAcks, next1(noAcks))
	p, err := model.Load(content)
	if err != nil {
		t.Fatal(err)
	}
	annOld, annNow := old.AckDigest(old.Person("ann")), p.AckDigest(p.Person("ann"))
	if annOld == annNow {
		t.Fatal("1.1 did not change Ann's text")
	}
	ledgerText := chain(
		rec(p, "ann", "1.0", annOld), // 1: verifies against v1.0
		rec(p, "ann", "1.1", annOld), // 2: 1.0's text named 1.1
		rec(p, "ann", "1.0", annNow), // 3: 1.1's text named 1.0
		rec(p, "bob", "1.1", ""),     // 4: verifies now
		rec(p, "eve", "1.0", ""),     // 5: eve's text is the same in both
	)
	texts := &acks.Texts{Content: content, Pack: p}
	rep, err := acks.Verify(ctx, texts, ledgerText)
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, b := range rep.Broken {
		lines = append(lines, b.Line)
	}
	if rep.Verified != 3 || !slices.Equal(lines, []int{2, 3}) || len(rep.Unchecked) != 0 {
		t.Errorf("verified %d, broken %+v, unchecked %+v", rep.Verified, rep.Broken, rep.Unchecked)
	}
	// Entering an acknowledgement of 1.0 gives 1.0's text.
	r, ferr := acks.Entry(ctx, texts, acks.Ask{Person: p.Person("ann"), Version: "1.0", Time: now}, now)
	if ferr != nil || r.Text != annOld {
		t.Errorf("entry of 1.0: %+v %v", r, ferr)
	}
	// A git_ref that does not read: the version's records are not checked.
	bad := packtest.Edit(next1(noAcks), "pack.toml", `git_ref = "v1.0"`, `git_ref = "no-such-tag"`)
	data, err := os.ReadFile(filepath.Join(packtest.Write(t, bad), "pack.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(content, "pack.toml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err = model.Load(content); err != nil {
		t.Fatal(err)
	}
	rep, err = acks.Verify(ctx, &acks.Texts{Content: content, Pack: p}, ledgerText)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Unchecked) != 1 || rep.Unchecked[0].Version != "1.0" || !slices.Equal(rep.Unchecked[0].Lines, []int{1, 3, 5}) ||
		!strings.Contains(rep.Unchecked[0].Reason, "no-such-tag") {
		t.Errorf("unchecked %+v", rep.Unchecked)
	}
}

// due30 gives the people 30 days to acknowledge.
var due30 = packtest.Edit(noAcks, "pack.toml", "review_interval_months = 12", "review_interval_months = 12\nack_due_days = 30")

// PendingOf lists exactly the people RP-COMM-01 asks, with the due date
// from ack_due_days.
func TestPending(t *testing.T) {
	for _, tc := range []struct {
		name    string
		archive string
		today   string
		want    string // "id:overdue" …
	}{
		{"everyone acknowledged", packtest.Minimal, "2026-11-24", ""},
		{"nobody", noAcks, "2026-07-10", "ceo-person:false ann:false bob:false dora:false eve:false"},
		{"no due date without ack_due_days", noAcks, "2026-11-24", "ceo-person:false ann:false bob:false dora:false eve:false"},
		{"overdue after ack_due_days", due30, "2026-07-16", "ceo-person:true ann:true bob:true dora:true eve:true"},
		{"not yet overdue", due30, "2026-07-15", "ceo-person:false ann:false bob:false dora:false eve:false"},
		{"a ledger record counts", packtest.With(noAcks, "-- "+ledger.File+" --\n"+string(chain(rec(packtest.Load(t, noAcks), "ann", "1.0", "")))), "2026-07-10",
			"ceo-person:false bob:false dora:false eve:false"},
		{"a stale ledger record does not", packtest.Edit(packtest.With(noAcks, "-- "+ledger.File+" --\n"+string(chain(rec(packtest.Load(t, noAcks), "ann", "1.0", "")))),
			"roles/ism.toml", `"Report ISMS performance"`, `"Report ISMS performance monthly"`), "2026-07-10",
			"ceo-person:false ann:false bob:false dora:false eve:false"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := packtest.Load(t, tc.archive)
			d, err := model.ParseDate(tc.today)
			if err != nil {
				t.Fatal(err)
			}
			var got, asked []string
			for _, x := range acks.PendingOf(p, d, check.Options{}) {
				got = append(got, fmt.Sprintf("%s:%v", x.Person.ID, x.Overdue))
				if x.Since.String() != "2026-06-15" {
					t.Errorf("%s asked since %s, want the effective date", x.Person.ID, x.Since)
				}
				asked = append(asked, x.Person.Name)
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("pending %q, want %q", g, tc.want)
			}
			// The check asks the same people.
			var comm []string
			for _, f := range check.Run(p, d).Findings {
				if f.Rule == "RP-COMM-01" {
					for _, n := range asked {
						if strings.Contains(f.Message, n) {
							comm = append(comm, n)
						}
					}
				}
			}
			if len(comm) != len(asked) {
				t.Errorf("RP-COMM-01 names %v, pending %v", comm, asked)
			}
		})
	}
}

func TestEntry(t *testing.T) {
	left := packtest.Edit(noAcks, "people.toml", "name = \"Dora Deputy\"", "name = \"Dora Deputy\"\nstatus = \"leaver\"\nleft_on = 2026-07-01")
	p := packtest.Load(t, noAcks)
	at := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	for _, tc := range []struct {
		name    string
		archive string
		person  string
		ask     acks.Ask
		field   string
	}{
		{"the current version", noAcks, "ann", acks.Ask{Time: at("2026-07-01")}, ""},
		{"in the future", noAcks, "ann", acks.Ask{Time: at("2026-11-25")}, "date"},
		{"before the version", noAcks, "ann", acks.Ask{Time: at("2026-05-31")}, "date"},
		{"no such version", noAcks, "ann", acks.Ask{Version: "0.9", Time: at("2026-07-01")}, "version"},
		{"no such language", noAcks, "ann", acks.Ask{Lang: "de", Time: at("2026-07-01")}, "language"},
		{"left", left, "dora", acks.Ask{Time: at("2026-07-01")}, "person"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := packtest.Load(t, tc.archive)
			tc.ask.Person = q.Person(tc.person)
			r, ferr := acks.Entry(ctx, &acks.Texts{Pack: q}, tc.ask, now)
			switch {
			case tc.field == "" && ferr != nil:
				t.Fatal(ferr)
			case tc.field == "" && (r.Text != p.AckDigest(p.Person(tc.person)) || r.Version != "1.0" || r.Time != "2026-07-01T00:00:00Z"):
				t.Errorf("record %+v", r)
			case tc.field != "" && (ferr == nil || ferr.Field != tc.field):
				t.Errorf("error %v, want one of %s", ferr, tc.field)
			}
		})
	}
}

func TestFindPerson(t *testing.T) {
	p := packtest.Load(t, packtest.Edit(noAcks, "people.toml", "name = \"Ann Admin\"", "name = \"Ann Admin\"\nemail = \"Ann@Example.com\""))
	for key, want := range map[string]string{"ann": "ann", "ann@example.com": "ann", " ANN@EXAMPLE.COM ": "ann", "anne": `did you mean "ann"`, "ann@exampel.com": `did you mean "Ann@Example.com"`} {
		x, err := acks.FindPerson(p, key)
		if got := fmt.Sprint(err); x == nil && !strings.Contains(got, want) || x != nil && x.ID != want {
			t.Errorf("FindPerson(%q) = %v, %v; want %s", key, x, err, want)
		}
	}
}

// A person is found by their hr_id too, as [people] and [[completions]]
// match them.
func TestFindPersonByHRID(t *testing.T) {
	people := packtest.Edit(packtest.Minimal, "people.toml", "id = \"ann\"\n", "id = \"ann\"\nhr_id = \"E-1002\"\n")
	pack := packtest.Edit(people, "pack.toml", "summary = \"First issue.\"\n", "summary = \"First issue.\"\n\n[people]\nsource = \"hr.csv\"\n\n[people.columns]\nid = \"id\"\nname = \"name\"\njob_title = \"job_title\"\narea = \"area\"\n")
	pack = packtest.With(pack, "-- hr.csv --\nid,name,job_title,area\nE-1002,Ann Admin,Security Manager,it\n")
	p := packtest.Load(t, pack)
	if x, err := acks.FindPerson(p, "e-1002"); err != nil || x.ID != "ann" {
		t.Errorf("FindPerson(e-1002) = %v, %v", x, err)
	}
}

func TestReadLinks(t *testing.T) {
	byEmail, byName, err := acks.ReadLinks(strings.NewReader("link,name,expires,email,extra\nhttps://x/a,Ann Admin,2026-12-01,ANN@example.com,1\nhttps://x/b,Bob Builder,2026-12-01,,\n"))
	if err != nil {
		t.Fatal(err)
	}
	if byEmail["ann@example.com"].Link != "https://x/a" || byName["Bob Builder"].Link != "https://x/b" {
		t.Errorf("links %v %v", byEmail, byName)
	}
	if _, _, err := acks.ReadLinks(strings.NewReader("name,email,link\n")); err == nil || !strings.Contains(err.Error(), `no column "expires"`) {
		t.Errorf("missing column: %v", err)
	}
	if _, _, err := acks.ReadLinks(strings.NewReader("name,email,link,expires\nAnn,a@x,https://x/\x1b[31m,2026-12-01\n")); err == nil || !strings.Contains(err.Error(), "row 2: a cell holds a control character") {
		t.Errorf("a control character: %v", err)
	}
}
