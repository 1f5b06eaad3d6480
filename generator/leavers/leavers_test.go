package leavers_test

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/leavers"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

var today = model.NewDate(2026, 11, 24)

// On each preset's fixture: Bob leaves on 2026-12-10 and Ann, made to leave
// on 2026-12-20, holds the owner role, the accountable seats and a review
// seat, with Bob as her deputy, who leaves too. Fred has left and is named
// nowhere, so he is not listed.
func TestReportOnHRExports(t *testing.T) {
	for name, annLeaves := range map[string][2]string{
		"bamboohr": {"ceo-person,Active,,", "ceo-person,Active,2026-12-20,"},
		"personio": {"ceo-person;active;;", "ceo-person;active;20.12.2026;"},
	} {
		t.Run(name, func(t *testing.T) {
			pack := packtest.Edit(packtest.HR(t, name), "hr/people.csv", annLeaves[0], annLeaves[1])
			p := packtest.Load(t, pack)
			r := leavers.Compute(p, today, 30)
			var b strings.Builder
			if err := r.Text(&b); err != nil {
				t.Fatal(err)
			}
			got := b.String()
			want := `Leavers named in the pack, as of 2026-11-24, looking 30 days ahead:

Bob Builder (bob): leaves on 2026-12-10, in 16 days
  roles/ism.toml:17:1: deputy for Ann Admin as “Information Security Manager” (the seat keeps its holder but loses its deputy)
  roles/sysadmin.toml:12:1: holder of “System Administrator” (no deputy would step in)
  review-team.toml:14:1: deputy for Ann Admin on the Management Review Team (the seat keeps its holder but loses its deputy)

Ann Admin (ann): leaves on 2026-12-20, in 26 days
  roles/ism.toml:17:1: holder of “Information Security Manager” (no deputy would step in)
  pack.toml:19:1: the document owner, as holder of “Information Security Manager” (no deputy would step in)
`
			if !strings.HasPrefix(got, want) {
				t.Fatalf("report starts:\n%s\nwant:\n%s", got, want)
			}
			for _, act := range []string{"Patch servers", "Respond to security incidents"} {
				if !strings.Contains(got, "the last holder of “Information Security Manager”, accountable for “"+act+"” (no deputy would step in)") {
					t.Errorf("accountable seat for %q missing:\n%s", act, got)
				}
			}
			if strings.Contains(got, "Fred") {
				t.Errorf("Fred has left and is named nowhere, yet listed:\n%s", got)
			}
			// Outside the window Ann is not listed; Bob still is.
			r = leavers.Compute(p, today, 20)
			if len(r.Leavers) != 1 || r.Leavers[0].Person.ID != "bob" {
				t.Errorf("within 20 days: %d leavers", len(r.Leavers))
			}
		})
	}
}

// A deputy who stays steps in; a past leaver is listed with the date left.
func TestStandInAndPastLeaver(t *testing.T) {
	pack := packtest.Edit(packtest.Minimal, "people.toml", "company = \"Audit Partners\"", "company = \"Audit Partners\"\nleaves_on = 2026-12-01")
	pack = packtest.Edit(pack, "people.toml", "id = \"dora\"\nname = \"Dora Deputy\"", "id = \"dora\"\nstatus = \"leaver\"\nleft_on = 2026-10-01\nname = \"Dora Deputy\"")
	p, err := model.Load(packtest.Write(t, pack))
	if err != nil {
		t.Fatal(err)
	}
	r := leavers.Compute(p, today, 30)
	var b strings.Builder
	r.Text(&b)
	if !strings.Contains(b.String(), "Dora Deputy (dora): left on 2026-10-01") || !strings.Contains(b.String(), "Eve Auditor (eve): leaves on 2026-12-01, in 7 days") {
		t.Fatalf("report:\n%s", b.String())
	}
	if !strings.Contains(b.String(), "holder of “Internal Auditor” (no deputy would step in)") {
		t.Errorf("Dora has left, so she cannot step in for Eve:\n%s", b.String())
	}
	if !strings.Contains(b.String(), "deputy for Carla Chief as “Chief Executive”") {
		t.Errorf("Dora's deputy seat for the CEO role missing:\n%s", b.String())
	}
}
