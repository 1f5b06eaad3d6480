package check_test

import (
	"fmt"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/internal/packtest"
)

// Each case changes the minimal (clean) pack so that exactly one rule fires,
// once, at the expected place.
func TestEachRule(t *testing.T) {
	for _, tc := range []struct {
		rule, pack, want string
	}{
		{"RP-ISMS-01", packtest.Edit(packtest.Minimal, "roles/ism.toml", "clause_5_3 = [\"a\", \"b\"]", "clause_5_3 = [\"b\"]"), "roles RP-ISMS-01 error"},
		{"RP-ISMS-02", packtest.Edit(packtest.Minimal, "roles/ism.toml", "clause_5_3 = [\"a\", \"b\"]", "clause_5_3 = [\"a\"]"), "roles RP-ISMS-02 error"},
		{"RP-ROLE-01", packtest.Edit(packtest.Minimal, "roles/auditor.toml", "[[assignment]]\nperson = \"eve\"\nappointed_on = 2025-04-01\nevidence = \"Contract C-9\"\ndeputy = \"dora\"\n", ""), "roles/auditor.toml:1:1 RP-ROLE-01 error"},
		{"RP-ASG-01", packtest.Edit(packtest.Edit(packtest.Minimal, "people.toml", "company = \"Audit Partners\"", "company = \"Audit Partners\"\n\n[[person]]\nid = \"fred\"\nname = \"Fred Former\"\njob_title = \"Clerk\"\nstatus = \"leaver\"\nleft_on = 2026-03-31"), "roles/sysadmin.toml", "deputy = \"ann\"", "deputy = \"fred\""), "roles/sysadmin.toml:12:1 RP-ASG-01 error"},
		{"RP-ASG-02", packtest.Edit(packtest.Minimal, "roles/sysadmin.toml", "evidence = \"HR-3\"\n", ""), "roles/sysadmin.toml:12:1 RP-ASG-02 warning"},
		{"RP-SOD-01", packtest.Edit(packtest.Minimal, "roles/auditor.toml", "person = \"eve\"", "person = \"bob\""), "roles/sysadmin.toml:12:1 RP-SOD-01 error"},
		{"RP-RACI-02", packtest.Edit(packtest.Minimal, "raci.toml", "accountable = \"ism\"\n\n[[activity]]\nid = \"internal-audit\"", "accountable = [\"ism\", \"ceo\"]\n\n[[activity]]\nid = \"internal-audit\""), "raci.toml:10:1 RP-RACI-02 error"},
		{"RP-RACI-03", packtest.Edit(packtest.Minimal, "raci.toml", "responsible = [\"sysadmin\"]\n", "supporting = [\"sysadmin\"]\n"), "raci.toml:10:1 RP-RACI-03 error"},
		{"RP-RESP-01", packtest.Edit(packtest.Minimal, "roles/sysadmin.toml", "responsibilities = [\"Patch servers\"]", "responsibilities = [\"Patch servers\", \"Report ISMS  performance.\"]"), "roles/sysadmin.toml:7:38 RP-RESP-01 warning"},
		{"RP-RESP-02", packtest.Edit(packtest.Minimal, "roles/sysadmin.toml", "[[authority]]\ntext = \"Restart services\"\n", ""), "roles/sysadmin.toml:7:1 RP-RESP-02 warning"},
		{"RP-COMP-01", packtest.Edit(packtest.Minimal, "competences.toml", "level = 2\nevidence = \"Cert 123\"", "level = 1\nevidence = \"Cert 123\""), "roles/ism.toml:17:1 RP-COMP-01 warning"},
		{"RP-REV-01", packtest.Edit(packtest.Minimal, "pack.toml", "last_review = 2026-06-01", "last_review = 2025-10-01"), "pack.toml:24:1 RP-REV-01 error"},
		{"RP-REV-02", packtest.Edit(packtest.Minimal, "roles/sysadmin.toml", "conflicts_with = [\"auditor\"]", "conflicts_with = [\"auditor\"]\nlast_review = 2025-06-01\nreview_interval_months = 6"), "roles/sysadmin.toml:7:1 RP-REV-02 error"},
		{"RP-ORG-01", packtest.Edit(packtest.Minimal, "roles/auditor.toml", "reports_to = \"ceo\"\n", ""), "roles/auditor.toml:1:1 RP-ORG-01 warning"},
		{"RP-MRT-01", packtest.With(packtest.Minimal, "-- review-team.toml --\nDELETE\n"), "review-team.toml RP-MRT-01 error"},
		{"RP-MRT-02", packtest.Edit(packtest.Minimal, "review-team.toml", "area = \"it\"", "area = \"ops\""), "review-team.toml:1:1 RP-MRT-02 error"},
		{"RP-MRT-03", packtest.Edit(packtest.Minimal, "review-team.toml", "deputy = \"bob\"\n", ""), "review-team.toml:14:1 RP-MRT-03 warning"},
		{"RP-MRT-04", packtest.Edit(packtest.Minimal, "review-team.toml", "senior_leadership = true\n", ""), "review-team.toml:1:1 RP-MRT-04 error"},
		{"RP-MRT-05", packtest.Edit(packtest.Minimal, "review-team.toml", "date = 2026-10-20", "date = 2026-08-01"), "review-team.toml:31:1 RP-MRT-05 error"},
		{"RP-COMM-01", packtest.Edit(packtest.Minimal, "acknowledgements.toml", "person = \"bob\"", "person = \"dora\""), "roles/sysadmin.toml:12:1 RP-COMM-01 warning"},
		{"RP-DOC-01", packtest.Edit(packtest.Minimal, "pack.toml", "approver = \"ceo-person\"\n", ""), "pack.toml:17:1 RP-DOC-01 error"},
		{"RP-DOC-02", packtest.Edit(packtest.Minimal, "pack.toml", "effective_date = 2026-06-15", "effective_date = 2026-05-15"), "pack.toml:22:1 RP-DOC-02 error"},
		{"RP-DOC-03", packtest.Edit(packtest.Minimal, "pack.toml", "version = \"1.0\"\ndate", "version = \"0.9\"\ndate"), "pack.toml:16:1 RP-DOC-03 error"},
		{"RP-INT-01", packtest.Edit(packtest.Minimal, "raci.toml", "process = \"Access control\"", "process = \"Identity\""), "raci.toml RP-INT-01 warning"},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			r := check.Run(packtest.Load(t, tc.pack), today)
			var got []string
			for _, f := range r.Findings {
				got = append(got, fmt.Sprintf("%s %s %s", f.Pos, f.Rule, f.Severity))
				if f.Message == "" || f.Fix == "" || f.Item == "" {
					t.Errorf("finding without message, fix or item: %+v", f)
				}
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("findings %q, want exactly [%s]", got, tc.want)
			}
		})
	}
}
