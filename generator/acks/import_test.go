package acks_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/acks"
	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/internal/packtest"
)

// withEmails gives the minimal pack's people e-mail addresses.
var withEmails = func() string {
	a := noAcks
	for _, n := range []string{"Ann Admin", "Bob Builder", "Dora Deputy"} {
		id := strings.ToLower(strings.Fields(n)[0])
		a = packtest.Edit(a, "people.toml", fmt.Sprintf("name = %q", n), fmt.Sprintf("name = %q\nemail = \"%s@example.com\"", n, id))
	}
	return a
}()

const docusignHeader = "Envelope ID,Subject,Recipient Name,Recipient Email,Recipient Status,Recipient Signed Date\n"

func TestImport(t *testing.T) {
	p := packtest.Load(t, withEmails)
	docusign, err := acks.PresetMap("docusign")
	if err != nil {
		t.Fatal(err)
	}
	lms, err := acks.PresetMap("lms")
	if err != nil {
		t.Fatal(err)
	}
	mapped, err := acks.ReadMap([]byte(`tool = "Acme Learn"
version = "1.0"
completed = ["done"]
date_formats = ["02.01.2006"]
[columns]
person = "Mitarbeiter"
completed = "Abgeschlossen am"
status = "Status"
reference = "Kurs"
`), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		m      acks.Map
		csv    string
		want   string // the records' "person version time evidence", ";"-separated
		errors string // the row errors, ";"-separated
		skip   int
	}{
		{"docusign", docusign, docusignHeader +
			"e-1,Roles,Ann,ann@example.com,Completed,7/1/2026 9:14:03 AM\n" +
			"e-2,Roles,Bob,bob@example.com,Sent,\n" +
			"e-3,Roles,Dora,DORA@example.com,Completed,2026-07-02T10:00:00+02:00\n",
			"ann 1.0 2026-07-01T09:14:03Z DocuSign e-1 row 2;dora 1.0 2026-07-02T08:00:00Z DocuSign e-3 row 4", "", 1},
		{"docusign, refused by row and column", docusign, docusignHeader +
			"e-1,Roles,Ann,ann@exampel.com,Completed,7/1/2026 9:14:03 AM\n" +
			"e-2,Roles,Bob,bob@example.com,Completed,yesterday\n" +
			"e-3,Roles,Dora,dora@example.com,Completed,1/1/2030 10:00 AM\n" +
			"e-4,Roles,Dora,dora@example.com,Completed,1/1/2026 10:00 AM\n" +
			",Roles,Dora,dora@example.com,Completed,7/1/2026 10:00 AM\n",
			"", `2:15: no person has the id or e-mail address "ann@exampel.com" (did you mean "ann@example.com"?);3:41: "yesterday" is not a date;4:43: 2030-01-01T10:00:00Z is in the future;5:43: 2026-01-01 is before version 1.0 was issued (2026-06-01);6:1: no reference`, 0},
		{"lms, with a version column", lms, "User ID,Course ID,Completion Status,Completion Date,Version\n" +
			"ann,ROLES,Passed,2026-07-01,1.0\nbob,ROLES,In Progress,,1.0\neve,ROLES,Completed,2026-07-01,0.9\n",
			"ann 1.0 2026-07-01T00:00:00Z LMS ROLES row 2", `4:32: version "0.9" is not in the revision history (1.0)`, 1},
		{"a column map, semicolons", mapped, "Mitarbeiter;Kurs;Status;Abgeschlossen am\nann;K-1;done;01.07.2026\nbob;K-1;open;\n",
			"ann 1.0 2026-07-01T00:00:00Z Acme Learn K-1 row 2", "", 1},
		{"the same row twice", docusign, docusignHeader + "e-1,Roles,Ann,ann@example.com,Completed,7/1/2026 9:14 AM\ne-1,Roles,Ann,ann@example.com,Completed,7/1/2026 9:14 AM\n",
			"ann 1.0 2026-07-01T09:14:00Z DocuSign e-1 row 2;ann 1.0 2026-07-01T09:14:00Z DocuSign e-1 row 3", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := acks.Import(ctx, &acks.Texts{Pack: p}, tc.m, []byte(tc.csv), nil, now)
			if err != nil {
				t.Fatal(err)
			}
			var got, errs []string
			for _, r := range res.Records {
				if r.Channel != ledger.Import || r.Text != p.AckDigest(p.Person(r.Person)) {
					t.Errorf("record %+v", r)
				}
				got = append(got, r.Person+" "+r.Version+" "+r.Time+" "+r.Evidence)
			}
			for _, e := range res.Errors {
				errs = append(errs, e.Error())
			}
			if g := strings.Join(got, ";"); g != tc.want {
				t.Errorf("records\n%s\nwant\n%s", g, tc.want)
			}
			if len(errs) != len(strings.Split(tc.errors, ";")) && tc.errors != "" || tc.errors == "" && len(errs) > 0 {
				t.Fatalf("errors\n%s\nwant\n%s", strings.Join(errs, "\n"), tc.errors)
			}
			for i, want := range strings.Split(tc.errors, ";") {
				if want != "" && !strings.HasPrefix(errs[i], want) {
					t.Errorf("error %q, want %q", errs[i], want)
				}
			}
			if res.Skipped != tc.skip {
				t.Errorf("skipped %d, want %d", res.Skipped, tc.skip)
			}
		})
	}
}

// Importing the same report again adds nothing: its rows are in the
// ledger (same person, text and evidence).
func TestImportTwice(t *testing.T) {
	p := packtest.Load(t, withEmails)
	m, _ := acks.PresetMap("docusign")
	report := []byte(docusignHeader + "e-1,Roles,Ann,ann@example.com,Completed,7/1/2026 9:14:03 AM\n")
	res, err := acks.Import(ctx, &acks.Texts{Pack: p}, m, report, nil, now)
	if err != nil || len(res.Records) != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	c, err := ledger.Read(bytes.NewReader(chain(res.Records...)))
	if err != nil {
		t.Fatal(err)
	}
	res, err = acks.Import(ctx, &acks.Texts{Pack: p}, m, report, c, now)
	if err != nil || len(res.Records) != 0 || res.Present != 1 {
		t.Fatalf("again: %+v %v", res, err)
	}
}

func TestImportRefusesTheFile(t *testing.T) {
	p := packtest.Load(t, withEmails)
	m, _ := acks.PresetMap("docusign")
	for _, tc := range []struct{ name, csv, want string }{
		{"no person column", "Envelope ID,Recipient Signed Date\n", "1: no column for person"},
		{"a bare quote", docusignHeader + "e-1,\"Ro\"les,Ann,ann@example.com,Completed,7/1/2026\n", "2:"},
		{"too many rows", docusignHeader + strings.Repeat(",,,,,\n", acks.MaxImportRows+1), "the limit is"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := acks.Import(ctx, &acks.Texts{Pack: p}, m, []byte(tc.csv), nil, now)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestReadMap(t *testing.T) {
	for _, tc := range []struct{ name, toml, preset, want string }{
		{"over a preset", "preset = \"docusign\"\n[columns]\nperson = \"Signer\"\n", "", ""},
		{"no tool", "[columns]\nperson = \"P\"\n", "", "names no tool"},
		{"an unknown field", "tool = \"X\"\n[columns]\npersn = \"P\"\n", "", `did you mean "person"`},
		{"an unknown key", "tool = \"X\"\ncolumn = 1\n", "", `unknown key "column"`},
		{"an unknown preset", "preset = \"docusing\"\n", "", `did you mean "docusign"`},
		{"two presets", "preset = \"lms\"\n", "docusign", "names preset"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := acks.ReadMap([]byte(tc.toml), tc.preset)
			if tc.want == "" {
				if err != nil || m.Tool != "DocuSign" || m.Columns["person"][0] != "Signer" || len(m.Columns["reference"]) == 0 {
					t.Errorf("%+v %v", m, err)
				}
				if acks.Presets["docusign"].Columns["person"][0] == "Signer" {
					t.Error("the preset itself was changed")
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}
