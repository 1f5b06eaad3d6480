package check_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// refLine is a line of the test packs that refers to an id of another
// source: a person, role, competence or area.
var refLine = regexp.MustCompile(`^(person|deputy|chair|area|owner|approver|line_manager|reports_to|delegated_from|competence|accountable|responsible|supporting|consulted|informed|conflicts_with) = \[?"([a-z0-9-]+)"`)

// TestPartialCheck: every reference of the minimal pack (and of one with
// a delegated authority) made unknown, one at a time, is reported as the
// only problem of model.LoadPartial, which returns the pack without it;
// the checks run on the rest without a panic, and the report is partial.
// model.Load still refuses the pack.
func TestPartialCheck(t *testing.T) {
	cases := 0
	for _, base := range []string{packtest.Minimal, withSpend} {
		a := txtar.Parse([]byte(base))
		for fi, f := range a.Files {
			lines := strings.Split(string(f.Data), "\n")
			for li, line := range lines {
				m := refLine.FindStringSubmatch(line)
				if m == nil || (f.Name == "review-team.toml" && m[1] == "reports_to") {
					continue // the review team reports to a body, not a role
				}
				name := fmt.Sprintf("%s:%d:%s", f.Name, li+1, m[1])
				t.Run(name, func(t *testing.T) {
					edited := *a
					edited.Files = append([]txtar.File(nil), a.Files...)
					changed := append([]string(nil), lines...)
					changed[li] = strings.Replace(line, `"`+m[2]+`"`, `"nobody-at-all"`, 1)
					edited.Files[fi].Data = []byte(strings.Join(changed, "\n"))
					dir := packtest.Write(t, string(txtar.Format(&edited)))
					if _, err := model.Load(dir); err == nil {
						t.Fatal("model.Load accepted an unknown reference")
					}
					p, unresolved, err := model.LoadPartial(dir)
					if err != nil || p == nil {
						t.Fatalf("no partial pack: %v", err)
					}
					if len(unresolved) != 1 || !strings.Contains(unresolved[0].Message, `unknown`) || unresolved[0].Pos.File != f.Name || unresolved[0].Pos.Line != li+1 {
						t.Fatalf("unresolved %v, want the one unknown reference at %s:%d", unresolved, f.Name, li+1)
					}
					r := check.Run(p, today)
					r.Unresolved = unresolved
					if !r.Partial() || r.Clean() {
						t.Errorf("report not partial")
					}
					for _, f := range r.Findings {
						if f.Message == "" || f.Fix == "" {
							t.Errorf("finding without message or fix: %+v", f)
						}
					}
				})
				cases++
			}
		}
	}
	if cases < 20 {
		t.Errorf("only %d references tried", cases)
	}
}

// TestPartialOnlyForUnknownReferences: a pack with any other problem gets
// no partial pack, even with an unknown reference too.
func TestPartialOnlyForUnknownReferences(t *testing.T) {
	for name, archive := range map[string]string{
		"missing key":       packtest.Edit(packtest.Minimal, "roles/sysadmin.toml", "appointed_on = 2025-03-01\n", ""),
		"missing key + ref": packtest.Edit(packtest.Edit(packtest.Minimal, "roles/sysadmin.toml", "appointed_on = 2025-03-01\n", ""), "roles/ism.toml", `person = "ann"`, `person = "anne"`),
		"syntax + ref":      packtest.Edit(packtest.Edit(packtest.Minimal, "raci.toml", `accountable = "ism"`, `accountable = "ism`), "roles/ism.toml", `person = "ann"`, `person = "anne"`),
		"duplicate + ref":   packtest.Edit(packtest.Edit(packtest.Minimal, "people.toml", `id = "bob"`, `id = "ann"`), "roles/ism.toml", `deputy = "bob"`, `deputy = "bobby"`),
	} {
		t.Run(name, func(t *testing.T) {
			p, unresolved, err := model.LoadPartial(packtest.Write(t, archive))
			if p != nil || unresolved != nil || err == nil {
				t.Fatalf("pack %v, unresolved %v, err %v: want no pack and the errors", p != nil, unresolved, err)
			}
			if e, ok := err.(model.Errors); !ok || len(e) == 0 {
				t.Fatalf("error %v is not model.Errors", err)
			}
		})
	}
}
