package check_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// The single-points report names the person holding two critical roles,
// the role left with one holder and no deputy, and the review-team seat
// that rests on one person; the minimal pack has only the last.
func TestSinglePoints(t *testing.T) {
	base := check.Run(packtest.Load(t, packtest.Minimal), today).SinglePoints
	if len(base.People) != 0 || len(base.Roles) != 0 || len(base.Seats) != 1 || base.Seats[0].Rule != "RP-MRT-04" || base.Seats[0].Person.ID != "ceo-person" {
		t.Errorf("minimal pack: %+v", base)
	}
	pack := packtest.Edit(packtest.Minimal, "roles/sysadmin.toml", "conflicts_with = [\"auditor\"]", "conflicts_with = [\"auditor\"]\ncritical = true")
	pack = packtest.Edit(pack, "roles/sysadmin.toml", "deputy = \"ann\"\n", "\n[[assignment]]\nperson = \"ann\"\nappointed_on = 2025-03-01\nevidence = \"HR-7\"\ndeputy = \"bob\"\n")
	pack = packtest.Edit(pack, "roles/auditor.toml", "deputy = \"dora\"\n", "")
	pack = packtest.Edit(pack, "review-team.toml", "deputy = \"bob\"\n", "")
	r := check.Run(packtest.Load(t, pack), today)
	sp := r.SinglePoints
	var people, roles, seats []string
	for _, o := range sp.People {
		people = append(people, fmt.Sprintf("%s: %d roles (%s)", o.Person.ID, len(o.Roles), strings.Join(o.Why, ", ")))
	}
	for _, l := range sp.Roles {
		roles = append(roles, l.Role.ID+" "+l.Holder.ID+" "+l.Pos.String())
	}
	for _, s := range sp.Seats {
		seats = append(seats, s.Name+" "+s.Person.ID+" "+s.Rule)
	}
	want := []string{
		"ann: 2 roles (clause 5.3 (a) and (b); Accountable for 4 activities, marked critical)",
		"auditor eve roles/auditor.toml:11:1",
		"IT ann RP-MRT-02; Senior leadership ceo-person RP-MRT-04",
	}
	got := []string{strings.Join(people, "; "), strings.Join(roles, "; "), strings.Join(seats, "; ")}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("got %q, want %q", got[i], want[i])
		}
	}
	loaded := packtest.Load(t, pack)
	if ok, why := check.CriticalRole(loaded, loaded.Role("sysadmin")); !ok || why != "marked critical" {
		t.Errorf("sysadmin critical %v %q", ok, why)
	}
	if ok, _ := check.CriticalRole(loaded, loaded.Role("auditor")); ok {
		t.Error("the auditor, accountable for nothing, is critical")
	}
}

// A delegation within the delegator's amount and duration, in the same
// currency, raises nothing, and its limit prints formatted.
func TestDelegationWithinLimits(t *testing.T) {
	p := packtest.Load(t, delegated("text = \"Approve spending\"\namount = 2500.5\ncurrency = \"EUR\"\nduration = \"P2W\"\ndelegated_from = \"ceo\"\n"))
	if r := check.Run(p, today); !r.Clean() {
		t.Errorf("findings: %+v", r.Findings)
	}
	a := p.Role("ism").Authorities[1]
	if got, want := a.LimitText(), "up to EUR\u00a02,500.50; for up to 2 weeks; delegated by the Chief Executive"; got != want {
		t.Errorf("limit %q, want %q", got, want)
	}
}

// The example pack checks clean as of its own date, but built at an
// earlier date its approval, meetings, appointments and acknowledgements
// lie in the future and are reported as such, and the acknowledgements do
// not count.
func TestExamplePackAtAnEarlierDate(t *testing.T) {
	p, err := model.Load("../../content")
	if err != nil {
		t.Fatal(err)
	}
	if r := check.Run(p, model.NewDate(2026, 11, 24)); !r.Clean() {
		t.Fatalf("example pack not clean at its date: %+v", r.Findings)
	}
	early := model.NewDate(2026, 1, 1)
	r := check.Run(p, early)
	cases := map[string]int{}
	comm := 0
	for _, f := range r.Findings {
		if f.Rule == "RP-DATE-01" {
			if !strings.Contains(f.Message, "after the build date 2026-01-01") {
				t.Errorf("message does not say so plainly: %s", f.Message)
			}
			for _, k := range []string{"approval_date", "appointment", "meeting", "acknowledgement", "competence record", "last_review"} {
				if strings.Contains(f.Message, k) {
					cases[k]++
				}
			}
		}
		if f.Rule == "RP-COMM-01" {
			comm++
		}
	}
	for _, k := range []string{"approval_date", "meeting", "acknowledgement"} {
		if cases[k] == 0 {
			t.Errorf("no RP-DATE-01 finding for a future %s; got %v", k, cases)
		}
	}
	if comm == 0 {
		t.Error("acknowledgements dated after the build date still count for RP-COMM-01")
	}
}
