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
		`people.toml:5:1: unknown key "nickname" in [[person]] (allowed keys: area, company, department, email, external, id, job_title, leaves_on, left_on, line_manager, name, sort_name, status)`,
		`people.toml:11:1: "left_on": invalid date "2026-13-01": want YYYY-MM-DD, a real calendar date`,
		`review-team.toml:2:1: unknown person "carla"`,
		`review-team.toml:10:1: unknown area "finance"`,
		`roles/sysadmin.toml:5:1: unknown role "cto" (did you mean "ceo"?)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
