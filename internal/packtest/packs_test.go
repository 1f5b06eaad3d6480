package packtest_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// TestPackSet loads every pack of the set and checks it as of its date: no
// load error and no check error in any of them; warnings are logged.
func TestPackSet(t *testing.T) {
	packs := packtest.Packs(t)
	names := map[string]bool{}
	for _, pk := range packs {
		names[pk.Name] = true
		t.Run(pk.Name, func(t *testing.T) {
			start := time.Now()
			p, err := model.Load(pk.Dir)
			if err != nil {
				t.Fatalf("loading %s:\n%v", pk.Dir, err)
			}
			t.Logf("loaded in %v: %d roles, %d people, %d activities", time.Since(start).Round(time.Millisecond), len(p.Roles), len(p.People), len(p.Activities))
			if draft := p.Document.Status == model.StatusDraft; draft != pk.Draft {
				t.Errorf("document status %q, but Pack.Draft is %v", p.Document.Status, pk.Draft)
			}
			r := check.Run(p, pk.AsOf)
			for _, f := range r.Findings {
				if f.Severity == check.Error {
					t.Errorf("%s %s: %s", f.Pos, f.Rule, f.Message)
				} else {
					t.Logf("warning: %s %s: %s", f.Pos, f.Rule, f.Message)
				}
			}
		})
	}
	want := []string{"example", "second", "minimal", "synth-s1", "synth-s2", "stress"}
	if !testing.Short() {
		want = append(want, "synth-m")
	}
	for _, n := range want {
		if !names[n] {
			t.Errorf("the pack set has no %q pack", n)
		}
	}
	if len(packs) != len(want) {
		t.Errorf("the pack set has %d packs, want %d", len(packs), len(want))
	}
}

// TestSecondPackShape guards what the second pack is for: many holders,
// several scripts, externals, leavers, a deep and a wide reporting tree, and
// exactly the warnings its README lists.
func TestSecondPackShape(t *testing.T) {
	p, err := model.Load(filepath.Join(packtest.ModuleRoot(t), "testdata", "packs", "second"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(p.Roles); n < 18 || n > 25 {
		t.Errorf("%d roles, want 18–25", n)
	}
	manyHolders := 0
	for _, r := range p.Roles {
		if len(r.Assignments) >= 8 {
			manyHolders++
		}
	}
	if manyHolders < 5 {
		t.Errorf("%d roles with 8 or more holders, want at least 5", manyHolders)
	}
	externals, leavers := 0, 0
	scripts := map[string]bool{}
	for _, person := range p.People {
		if person.External {
			externals++
		}
		if !person.IsActive() {
			leavers++
		}
		for _, c := range person.Name {
			switch {
			case c >= 0x0370 && c <= 0x03FF:
				scripts["Greek"] = true
			case c >= 0x0400 && c <= 0x04FF:
				scripts["Cyrillic"] = true
			case c >= 0x4E00 && c <= 0x9FFF:
				scripts["Han"] = true
			case c >= 0x1EA0 && c <= 0x1EFF:
				scripts["Vietnamese"] = true
			case unicode.Is(unicode.Hangul, c):
				scripts["Hangul"] = true
			case unicode.Is(unicode.Hebrew, c):
				scripts["Hebrew"] = true
			case unicode.Is(unicode.Arabic, c):
				scripts["Arabic"] = true
			case unicode.Is(unicode.Devanagari, c):
				scripts["Devanagari"] = true
			case unicode.Is(unicode.Thai, c):
				scripts["Thai"] = true
			case unicode.Is(unicode.Georgian, c):
				scripts["Georgian"] = true
			}
		}
	}
	if externals < 5 || leavers < 3 || len(scripts) < 10 {
		t.Errorf("%d externals, %d leavers, scripts %v; want at least 5, 3 and ten scripts", externals, leavers, scripts)
	}
	depth := func(r *model.Role) int {
		d := 1
		for ; r.ReportsTo != nil; r = r.ReportsTo {
			d++
		}
		return d
	}
	deepest, widest := 0, map[*model.Role]int{}
	for _, r := range p.Roles {
		deepest = max(deepest, depth(r))
		if r.ReportsTo != nil {
			widest[r.ReportsTo]++
		}
	}
	wide := 0
	for _, n := range widest {
		wide = max(wide, n)
	}
	if deepest < 5 || wide < 10 {
		t.Errorf("reporting tree %d levels deep and %d wide, want at least 5 and 10", deepest, wide)
	}
	r := check.Run(p, packtest.PacksAsOf)
	var got []string
	for _, f := range r.Findings {
		got = append(got, f.Rule)
	}
	if want := "RP-ASG-02 RP-COMM-01 RP-COMM-01 RP-COMM-01 RP-COMP-01 RP-COMP-01 RP-COMP-02 RP-COMP-02 RP-COMP-03 RP-DEP-01"; sorted(got) != want {
		t.Errorf("findings %s, want %s (update the README if they changed on purpose)", sorted(got), want)
	}
	// It exercises the single-points report and delegation of authority.
	if sp := r.SinglePoints; len(sp.People) == 0 || len(sp.Roles) == 0 {
		t.Errorf("single points %+v, want an overloaded person and a role with no deputy", sp)
	}
	chains, amounts := 0, 0
	for _, role := range p.Roles {
		for _, a := range role.Authorities {
			if a.DelegatedFrom != nil && a.Delegator() != nil && a.Delegator().DelegatedFrom != nil {
				chains++
			}
			if a.HasAmount {
				amounts++
			}
		}
	}
	if chains == 0 || amounts < 3 {
		t.Errorf("%d delegation chains of two steps and %d amounts, want at least 1 and 3", chains, amounts)
	}
	planned := 0
	for _, it := range p.TrainingPlan() {
		if it.Owner == nil || it.Due.IsZero() {
			t.Errorf("training-plan row of %s has no owner or due date", it.Person.Name)
		}
		if it.Planned != nil {
			planned++
		}
	}
	if planned != 2 {
		t.Errorf("%d training-plan rows in progress, want 2 (a booked course, an LMS assignment)", planned)
	}
}

func sorted(rules []string) string {
	s := slices.Clone(rules)
	slices.Sort(s)
	return strings.Join(s, " ")
}

// TestStressPackEdges guards that the stress pack really is at the edges:
// if a change shortened its texts, the renderers' tests would silently
// test less.
func TestStressPackEdges(t *testing.T) {
	p := packtest.Load(t, packtest.Stress())
	longest := func(ss ...string) int {
		n := 0
		for _, s := range ss {
			n = max(n, utf8.RuneCountInString(s))
		}
		return n
	}
	var crowd, many int
	for _, r := range p.Roles {
		crowd = max(crowd, len(r.Assignments))
		many = max(many, len(r.Responsibilities))
		if longest(r.Name) != packtest.StressTextRunes {
			t.Errorf("role name of %d runes, want %d", longest(r.Name), packtest.StressTextRunes)
		}
		if len(r.ID) != model.MaxIDLength {
			t.Errorf("role id %q is %d bytes, want %d", r.ID, len(r.ID), model.MaxIDLength)
		}
	}
	if crowd != packtest.StressHolders || many != packtest.StressResponsibilites {
		t.Errorf("most holders %d, most responsibilities %d; want %d and %d", crowd, many, packtest.StressHolders, packtest.StressResponsibilites)
	}
	for _, person := range p.People {
		if n := longest(person.Name, person.JobTitle); n != packtest.StressTextRunes {
			t.Errorf("person %s: longest of name and title %d runes, want %d", person.ID, n, packtest.StressTextRunes)
		}
	}
	if !strings.Contains(p.Organisation.Name, packtest.StressToken) || utf8.RuneCountInString(packtest.StressToken) != packtest.StressTokenRunes {
		t.Errorf("the organisation name lacks the %d-rune token", packtest.StressTokenRunes)
	}
	if n := utf8.RuneCountInString(p.Organisation.Scope.Source); n < model.MaxTextRunes*9/10 {
		t.Errorf("scope of %d runes, want near the limit of %d", n, model.MaxTextRunes)
	}
}

// BenchmarkLoadPackSet measures model.Load on each pack of the set.
func BenchmarkLoadPackSet(b *testing.B) {
	for _, pk := range packtest.Packs(b) {
		b.Run(pk.Name, func(b *testing.B) {
			for b.Loop() {
				if _, err := model.Load(pk.Dir); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
