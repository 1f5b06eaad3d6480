package model_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

func loadErrors(t *testing.T, archive string) []string {
	t.Helper()
	_, err := model.Load(packtest.Write(t, archive))
	if err == nil {
		t.Fatal("pack loaded; want errors")
	}
	var errs model.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("error is %T, want model.Errors: %v", err, err)
	}
	var out []string
	for _, d := range errs {
		out = append(out, d.String())
	}
	return out
}

func TestMinimalPackLoads(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	if got := p.Role("ism").ReportsTo; got == nil || got.ID != "ceo" {
		t.Errorf("ism reports to %v, want ceo", got)
	}
	if got := p.Person("ann").Holds; len(got) != 1 || got[0].Role.ID != "ism" {
		t.Errorf("ann holds %v", got)
	}
	// Roles follow the reporting lines: the root, then its reports by name.
	var ids []string
	for _, r := range p.Roles {
		ids = append(ids, r.ID)
	}
	if got, want := strings.Join(ids, " "), "ceo ism sysadmin auditor"; got != want {
		t.Errorf("role order %q, want %q", got, want)
	}
	if got := p.Document.NextReview.String(); got != "2027-06-01" {
		t.Errorf("next review %s", got)
	}
	if a := p.Activity("risk-assessment"); a.Letter(p.Role("sysadmin")) != "I" || a.Letter(p.Role("ceo")) != "A" {
		t.Errorf("RACI letters wrong: %q %q", a.Letter(p.Role("sysadmin")), a.Letter(p.Role("ceo")))
	}
}

// Each case changes the minimal pack in one way and expects exactly these
// problems, with file, line and column.
func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name, change string
		want         []string
	}{
		{"syntax error", `-- people.toml --
[[person]]
id = "ann
`, []string{`people.toml:2:10: TOML syntax: strings cannot contain newlines`}},
		{"unknown key with suggestion", `-- roles/ceo.toml --
id = "ceo"
name = "Chief Executive"
category = "Top management"
purpose = "Leads."
responsibilites = ["Set policy"]
responsibilities = ["Set policy"]

[[assignment]]
person = "ceo-person"
appointed_on = 2025-01-01
`, []string{`roles/ceo.toml:5:1: unknown key "responsibilites" in the file (did you mean "responsibilities"?)`}},
		{"unknown key in array table", `-- roles/ceo.toml --
id = "ceo"
name = "Chief Executive"
category = "Top management"
purpose = "Leads."
responsibilities = ["Set policy"]

[[assignment]]
person = "ceo-person"
appointed_on = 2025-01-01

[[assignment]]
person = "dora"
apointed_on = 2025-01-01
`, []string{
			`roles/ceo.toml:13:1: unknown key "apointed_on" in [[assignment]] (did you mean "appointed_on"?)`,
		}},
		{"wrong type", `-- competences.toml --
[[level]]
level = "two"
name = "Two"

[[competence]]
id = "iso27001"
name = "ISO"
kind = "training"
`, []string{
			`competences.toml:2:1: "level" must be an integer, not a string`,
		}},
		{"invalid date", `-- acknowledgements.toml --
[[acknowledgement]]
person = "ann"
version = "1.0"
date = "2026-02-30"
`, []string{`acknowledgements.toml:4:1: "date": invalid date "2026-02-30": want YYYY-MM-DD, a real calendar date`}},
		{"value outside the allowed set", `-- competences.toml --
[[level]]
level = 2
name = "Two"

[[competence]]
id = "iso27001"
name = "ISO"
kind = "Training"
`, []string{
			`competences.toml:8:1: "kind" is "Training"; allowed values: education, experience, training, certification, skill (did you mean "training"?)`,
		}},
		{"id not a slug", `-- roles/auditor.toml --
id = "Internal Auditor"
name = "Internal Auditor"
category = "Assurance"
purpose = "Audits."
responsibilities = ["Audit"]
`, []string{
			`roles/auditor.toml:1:1: id "Internal Auditor" is not a lower-case slug: use a–z, 0–9 and single hyphens, such as "internal-auditor"`,
		}},
		{"unresolved reference with suggestion", `-- raci.toml --
[[activity]]
id = "patching"
name = "Patch"
process = "Ops"
responsible = ["sysadmin", "sysadmn"]
accountable = "isms"
`, []string{
			`raci.toml:5:28: unknown role "sysadmn" (did you mean "sysadmin"?)`,
			`raci.toml:6:1: unknown role "isms" (did you mean "ism"?)`,
		}},
		{"role id differs from its file name", `-- roles/auditor.toml --
id = "ism"
name = "Internal Auditor"
category = "Assurance"
purpose = "Audits."
responsibilities = ["Audit"]
`, []string{
			`roles/auditor.toml:1:1: role id "ism" does not match its file name: rename the file to roles/ism.toml or set id = "auditor"`,
		}},
		{"duplicate id", `-- competences.toml --
[[level]]
level = 2
name = "Two"

[[competence]]
id = "iso27001"
name = "ISO"
kind = "training"

[[competence]]
id = "iso27001"
name = "ISO again"
kind = "training"
`, []string{`competences.toml:10:1: duplicate competence id "iso27001" (first defined at competences.toml:5:1)`}},
		{"missing required key", `-- roles/auditor.toml --
id = "auditor"
name = "Internal Auditor"
purpose = "Audits."
responsibilities = ["Audit"]
`, []string{`roles/auditor.toml:1:1: missing required key "category" in the file`}},
		{"reporting loop", `-- roles/ceo.toml --
id = "ceo"
name = "Chief Executive"
category = "Top management"
purpose = "Leads."
reports_to = "auditor"
responsibilities = ["Set policy"]
`, []string{`roles/auditor.toml:5:1: reporting lines form a loop: auditor → ceo → auditor`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := loadErrors(t, packtest.With(packtest.Minimal, tc.change))
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// One pack with five different mistakes in three files reports all five, in
// file and line order.
func TestLoadReportsEveryProblem(t *testing.T) {
	got := loadErrors(t, packtest.With(packtest.Minimal, `-- people.toml --
[[person]]
id = "ceo-person"
name = "Carla"
job_title = "CEO"
nickname = "CC"

[[person]]
id = "ann"
name = "Ann"
job_title = "ISM"
left_on = "2026-13-01"

[[person]]
id = "bob"
name = "Bob"
job_title = "Admin"

[[person]]
id = "dora"
name = "Dora"
job_title = "Ops"

[[person]]
id = "eve"
name = "Eve"
job_title = "Auditor"
-- roles/sysadmin.toml --
id = "sysadmin"
name = "System Administrator"
category = "Operations"
purpose = "Runs systems."
reports_to = "cto"
responsibilities = ["Patch servers"]
-- review-team.toml --
name = "MRT"
chair = "carla"
reports_to = "Board"
cadence = "Quarterly"
agenda = ["Actions"]
duties = ["Approve"]

[[member]]
person = "ann"
area = "finance"
`))
	want := []string{
		`people.toml:5:1: unknown key "nickname" in [[person]] (allowed keys: area, company, department, email, external, hr_id, id, job_title, leaves_on, left_on, line_manager, name, sort_name, started_on, status)`,
		`people.toml:11:1: "left_on": invalid date "2026-13-01": want YYYY-MM-DD, a real calendar date`,
		`review-team.toml:2:1: unknown person "carla"`,
		`review-team.toml:10:1: unknown area "finance"`,
		`roles/sysadmin.toml:5:1: unknown role "cto" (did you mean "ceo"?)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// One malformed id written in several files is one error, at its
// definition, with a transliterated suggestion; the references to it are
// not also reported as unknown.
func TestBadIDReportedOnce(t *testing.T) {
	pack := packtest.Edit(packtest.Minimal, "people.toml", "id = \"bob\"", "id = \"bøb-jürgen\"")
	for _, f := range []string{"roles/sysadmin.toml", "review-team.toml", "acknowledgements.toml", "competences.toml"} {
		pack = packtest.Edit(pack, f, "\"bob\"", "\"bøb-jürgen\"")
	}
	pack = packtest.Edit(pack, "roles/ism.toml", "deputy = \"bob\"", "deputy = \"bob-juergen\"")
	got := loadErrors(t, pack)
	want := `people.toml:15:1: id "bøb-jürgen" is not a lower-case slug: use a–z, 0–9 and single hyphens, such as "bob-juergen" (written 5 times in the pack; correct every one)`
	if len(got) != 1 || got[0] != want {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// A role file that does not parse hides neither the other files' problems
// nor their unknown role references; references to the broken role itself
// are not reported as unknown.
func TestBrokenRoleFileHidesNoOtherReference(t *testing.T) {
	pack := packtest.With(packtest.Minimal, "-- roles/auditor.toml --\nid = \"auditor\nname = \"x\"\n")
	pack = packtest.Edit(pack, "roles/sysadmin.toml", "reports_to = \"ism\"", "reports_to = \"isn\"")
	got := strings.Join(loadErrors(t, pack), "\n")
	for _, want := range []string{"roles/auditor.toml:1:", `roles/sysadmin.toml:5:1: unknown role "isn" (did you mean "ism"?)`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, `unknown role "auditor"`) {
		t.Errorf("a reference to the unparsed role is reported:\n%s", got)
	}
}

// Structured authority limits are read and checked where they are written.
func TestAuthorityLimitErrors(t *testing.T) {
	pack := packtest.Edit(packtest.Minimal, "roles/ism.toml", "limit = \"for up to 48 hours\"\n",
		"limit = \"for up to 48 hours\"\n\n[[authority]]\ntext = \"Spend\"\namount = 100\n\n[[authority]]\ntext = \"Buy\"\namount = 5\ncurrency = \"eur\"\nduration = \"P1M\"\n")
	got := strings.Join(loadErrors(t, pack), "\n")
	want := strings.Join([]string{
		`roles/ism.toml:15:1: an "amount" needs its "currency", an ISO 4217 code such as "EUR"`,
		`roles/ism.toml:20:1: "currency" is "eur"; write its ISO 4217 code, three capital letters (did you mean "EUR"?)`,
		`roles/ism.toml:21:1: "duration" "P1M" is not a number of days or an ISO 8601 duration in days or weeks, such as "P30D" or "P2W"`,
	}, "\n")
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// Each training-plan row names who arranges it and when it is due, and a
// planned course puts it in progress.
func TestTrainingPlanOwnerAndDue(t *testing.T) {
	gap := packtest.Edit(packtest.Minimal, "competences.toml", "level = 2\nevidence = \"Cert 123\"", "level = 1\nevidence = \"Cert 123\"")
	plan := packtest.Load(t, gap).TrainingPlan()
	if len(plan) != 1 {
		t.Fatalf("%d rows, want 1", len(plan))
	}
	it := plan[0]
	// Ann's line manager arranges it; appointed 2025-02-01, due 90 days on.
	if it.Owner == nil || it.Owner.ID != "ceo-person" || it.OwnerBasis != model.OwnerLineManager || it.Due.String() != "2025-05-02" || it.Status() != "open" {
		t.Errorf("row %+v, owner %v", it, it.Owner)
	}
	later := packtest.Edit(gap, "roles/ism.toml", "level = 2\n", "level = 2\nadded_on = 2026-01-10\n")
	later = packtest.Edit(later, "pack.toml", "[organisation]", "training_due_days = 30\n\n[organisation]")
	later = packtest.Edit(later, "people.toml", "area = \"it\"\nline_manager = \"ceo-person\"", "area = \"it\"")
	later = packtest.Edit(later, "competences.toml", "date = 2025-01-10\n", "date = 2025-01-10\n\n[[record]]\nperson = \"ann\"\ncompetence = \"iso27001\"\nlevel = 2\nevidence = \"Booking B-1\"\ndate = 2027-01-15\nstatus = \"planned\"\n")
	p := packtest.Load(t, later)
	it = p.TrainingPlan()[0]
	// No line manager: the holder of the role the ISM reports to; due 30
	// days after the requirement was added; the booked course is planned
	// and counts towards no level.
	if it.Owner == nil || it.Owner.ID != "ceo-person" || it.OwnerBasis != model.OwnerRoleHolder || it.Due.String() != "2026-02-09" ||
		it.Planned == nil || it.Status() != "planned" || it.Held != 1 {
		t.Errorf("row %+v", it)
	}
	if n := len(p.PlannedOf(p.Person("ann"))); n != 1 {
		t.Errorf("%d planned records", n)
	}
}
