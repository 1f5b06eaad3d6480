// Package sample chooses, by rule, the people whose files the fast tier of
// the tests reads back when a pack has too many to read them all. The
// rules pick the people most likely to break an output — the most seats,
// the longest name, each script — so the sample is varied, and the same on
// every run because it depends only on the pack.
package sample

import (
	"unicode"
	"unicode/utf8"

	"github.com/rolepack/rolepack/generator/view"
)

// Pick is one person of the sample and the rules that chose them.
type Pick struct {
	Person *view.Person
	Why    []string
}

// scripts are the writing systems a name may be in, each checked for on
// its own, so that a pack with names in several scripts has one person of
// each in the sample. Latin names with letters beyond ASCII are a rule of
// their own (diacritics).
var scripts = []struct {
	name  string
	table *unicode.RangeTable
}{
	{"Greek", unicode.Greek}, {"Cyrillic", unicode.Cyrillic}, {"Armenian", unicode.Armenian},
	{"Georgian", unicode.Georgian}, {"Hebrew", unicode.Hebrew}, {"Arabic", unicode.Arabic},
	{"Devanagari", unicode.Devanagari}, {"Bengali", unicode.Bengali}, {"Tamil", unicode.Tamil},
	{"Thai", unicode.Thai}, {"Hangul", unicode.Hangul}, {"Hiragana", unicode.Hiragana},
	{"Katakana", unicode.Katakana}, {"Han", unicode.Han}, {"Ethiopic", unicode.Ethiopic},
}

// People returns the sample of v's seated people (those who get a brief
// and letters), in the order of v.Seated:
//
//   - the first and the last;
//   - the most seats held and deputised for (holder, deputy and review
//     team seats together);
//   - the most holders' seats, and the most deputyships;
//   - a deputy who holds no seat of their own;
//   - a review-team member who holds no role;
//   - the chair of the review team;
//   - the longest name, in characters;
//   - an external party;
//   - a leaver (an announced last day);
//   - the most competence gaps;
//   - a Latin name with diacritics, and one name in each other script.
//
// Each rule takes the first person in v.Seated that meets it best; a rule
// no one meets adds no one.
func People(v *view.View) []Pick {
	seated := v.Seated
	why := map[*view.Person][]string{}
	add := func(pv *view.Person, rule string) {
		if pv != nil {
			why[pv] = append(why[pv], rule)
		}
	}
	best := func(score func(*view.Person) int) *view.Person {
		var top *view.Person
		topScore := 0
		for _, pv := range seated {
			if s := score(pv); s > topScore {
				top, topScore = pv, s
			}
		}
		return top
	}
	first := func(ok func(*view.Person) bool) *view.Person {
		for _, pv := range seated {
			if ok(pv) {
				return pv
			}
		}
		return nil
	}
	if len(seated) > 0 {
		add(seated[0], "first")
		add(seated[len(seated)-1], "last")
	}
	add(best(func(p *view.Person) int { return seats(p) }), "most seats")
	add(best(func(p *view.Person) int { return len(p.Holds) }), "most roles held")
	add(best(func(p *view.Person) int { return len(p.Deputises) }), "most deputyships")
	add(first(func(p *view.Person) bool { return len(p.Holds) == 0 && len(p.Deputises) > 0 }), "deputy only")
	add(first(func(p *view.Person) bool {
		return len(p.Holds) == 0 && len(p.Deputises) == 0 && (p.Review != nil || len(p.ReviewDeputyFor) > 0)
	}), "review team only")
	add(first(func(p *view.Person) bool { return p.Chair }), "chair")
	add(best(func(p *view.Person) int { return utf8.RuneCountInString(p.Name) }), "longest name")
	add(first(func(p *view.Person) bool { return p.External }), "external")
	add(first(func(p *view.Person) bool { return !p.LeavesOn.IsZero() }), "leaver")
	add(best(func(p *view.Person) int { return len(p.Gaps) }), "most gaps")
	add(first(func(p *view.Person) bool { return latinDiacritics(p.Name) }), "Latin with diacritics")
	for _, s := range scripts {
		add(first(func(p *view.Person) bool { return inScript(p.Name, s.table) }), s.name)
	}
	var out []Pick
	for _, pv := range seated {
		if w := why[pv]; w != nil {
			out = append(out, Pick{pv, w})
		}
	}
	return out
}

func seats(p *view.Person) int {
	n := len(p.Holds) + len(p.Deputises) + len(p.ReviewDeputyFor)
	if p.Review != nil {
		n++
	}
	return n
}

func inScript(s string, t *unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.Is(t, r) {
			return true
		}
	}
	return false
}

func latinDiacritics(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII && unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}
