package sample_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
	"github.com/rolepack/rolepack/internal/sample"
)

func load(t *testing.T, pk packtest.Pack) *view.View {
	t.Helper()
	p, err := model.Load(pk.Dir)
	if err != nil {
		t.Fatal(err)
	}
	return view.New(p, stamp.Stamp{Version: p.Document.Version}, check.Run(p, pk.AsOf))
}

// The sample is small, varied and the same every time; on the second pack
// it holds a name in each of its scripts, and every rule whose kind of
// person exists picks someone.
func TestSample(t *testing.T) {
	for _, pk := range packtest.Packs(t) {
		t.Run(pk.Name, func(t *testing.T) {
			v := load(t, pk)
			picks := sample.People(v)
			again := sample.People(load(t, pk))
			ids := func(ps []sample.Pick) []string {
				var out []string
				for _, p := range ps {
					out = append(out, p.Person.ID+":"+strings.Join(p.Why, ","))
				}
				return out
			}
			if !slices.Equal(ids(picks), ids(again)) {
				t.Errorf("two loads give two samples:\n%v\n%v", ids(picks), ids(again))
			}
			if len(v.Seated) > 0 && len(picks) == 0 {
				t.Fatal("empty sample")
			}
			if len(picks) > 30 {
				t.Errorf("%d people in the sample", len(picks))
			}
			rules := map[string]bool{}
			for _, p := range picks {
				for _, w := range p.Why {
					rules[w] = true
				}
			}
			has := func(ok func(*view.Person) bool) bool { return slices.ContainsFunc(v.Seated, ok) }
			for rule, exists := range map[string]bool{
				"chair":       has(func(p *view.Person) bool { return p.Chair }),
				"external":    has(func(p *view.Person) bool { return p.External }),
				"leaver":      has(func(p *view.Person) bool { return !p.LeavesOn.IsZero() }),
				"deputy only": has(func(p *view.Person) bool { return len(p.Holds) == 0 && len(p.Deputises) > 0 }),
				"most gaps":   has(func(p *view.Person) bool { return len(p.Gaps) > 0 }),
			} {
				if exists != rules[rule] {
					t.Errorf("rule %q: someone fits it: %v; in the sample: %v", rule, exists, rules[rule])
				}
			}
			if pk.Name == "second" {
				for _, s := range []string{"Latin with diacritics", "Greek", "Cyrillic", "Han", "Hangul", "Hebrew", "Arabic", "Devanagari", "Thai", "Georgian"} {
					if !rules[s] {
						t.Errorf("no %s name in the second pack's sample: %v", s, ids(picks))
					}
				}
			}
			t.Logf("%d of %d seated: %v", len(picks), len(v.Seated), ids(picks))
		})
	}
}
