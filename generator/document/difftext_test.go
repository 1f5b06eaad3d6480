package document_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/diff"
	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/history"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// The revision history's "What changed" column and each brief's "Changed
// since you last signed" list are in the reader's language: the minimal
// pack in German and in Japanese (language in pack.toml), after a pull
// request that rewords, adds and moves duties, with every affected person
// having signed the version before.
func TestChangesInTheReadersLanguage(t *testing.T) {
	ph := regexp.MustCompile(`\{[a-z0-9_]+\}`)
	for _, lang := range []string{"en", "de", "ja"} {
		a := packtest.Edit(packtest.Minimal, "pack.toml", "[organisation]", "language = \""+lang+"\"\n\n[organisation]")
		old := packtest.Load(t, a)
		a = packtest.Edit(a, "roles/ism.toml", `"Report ISMS performance"`, `"Report ISMS performance to top management", "Run the risk assessment"`)
		a = packtest.Edit(a, "roles/ism.toml", `limit = "for up to 48 hours"`, `limit = "for up to 72 hours"`)
		a = packtest.Edit(a, "roles/sysadmin.toml", `deputy = "ann"`, `deputy = "dora"`)
		a = packtest.Edit(a, "roles/auditor.toml", `name = "Internal Auditor"`, `name = "Internal Audit Lead"`)
		a = packtest.Edit(a, "raci.toml", `responsible = "sysadmin"
accountable = "ism"`, `responsible = "ism"
accountable = "ism"`)
		// Nobody has signed this version yet.
		p := packtest.Load(t, packtest.With(a, "-- acknowledgements.toml --\nDELETE\n"))
		c := diff.Compare(old, p)
		h := &history.History{Changes: map[string]*diff.Changes{"1.0": c}, Acks: map[string]history.Carry{}}
		for _, x := range c.Affected {
			h.Acks[x.Person] = history.Carry{Version: "0.9", Changed: x.What, ChangedText: x.WhatText}
		}
		v := view.New(p, stamp.Stamp{}, nil, view.WithHistory(h))
		texts := map[string]string{"document": document.New(v).Text()}
		for _, pv := range v.People {
			if pv.Earlier != nil {
				texts["brief of "+pv.ID] = document.Brief(v, pv).Text()
			}
		}
		if len(texts) < 4 {
			t.Fatalf("%s: only %d briefs list changes", lang, len(texts)-1)
		}
		// The English catalogue's wording of diff.toml and the RACI
		// letters, where lang words it otherwise.
		en, tr := messages.Builtin("en"), messages.Builtin(lang)
		var frags []string
		for _, k := range en.Keys() {
			if !strings.HasPrefix(k, "diff.") && !strings.HasPrefix(k, "document.raci.letter.") {
				continue
			}
			for _, n := range []int{1, 2} {
				if e, x := en.Plural(k, n), tr.Plural(k, n); e != x {
					for _, r := range ph.Split(e, -1) {
						if r = strings.TrimSpace(strings.Trim(r, `"“”();:,. `)); len(r) >= 8 && !strings.Contains(x, r) && !slices.Contains(frags, r) {
							frags = append(frags, r)
						}
					}
				}
			}
		}
		// What each shows, in v's words.
		want := []string{v.RevisionChanges(c)}
		for _, pv := range v.People {
			if pv.Earlier != nil {
				want = append(want, v.ChangedSince(pv.Earlier)...)
			}
		}
		all := strings.Join(slices.Collect(mapValues(texts)), "\n")
		for _, w := range want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: no output shows %q", lang, w)
			}
		}
		for name, s := range texts {
			if lang == "en" {
				continue
			}
			for _, f := range frags {
				if strings.Contains(s, f) {
					t.Errorf("%s, %s: the English %q", lang, name, f)
				}
			}
			if strings.Contains(s, "diff.") {
				t.Errorf("%s, %s: a diff key left", lang, name)
			}
		}
		if lang == "en" {
			// The English is diff's and history's own.
			if !strings.Contains(all, c.Headline()) {
				t.Errorf("the English document lacks the headline %q", c.Headline())
			}
			for _, x := range c.Affected {
				for _, w := range x.What {
					if !strings.Contains(all, w) {
						t.Errorf("the English briefs lack %q", w)
					}
				}
			}
		}
	}
}

func mapValues(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}
