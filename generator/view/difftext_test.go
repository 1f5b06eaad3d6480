package view_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/diff"
	"github.com/rolepack/rolepack/generator/history"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// changedHistory is the history of the minimal pack after a pull request
// that changes a little of everything a person's list words: lines of a
// role reworded and added (an authority with a limit among them), a
// requirement raised, a deputy changed, a holder appointed, RACI letters
// moved and a role renamed. Every affected person last signed version
// 0.9, and one of them signed a text that cannot be compared.
func changedHistory(t *testing.T) (*model.Pack, *history.History) {
	t.Helper()
	a := packtest.Minimal
	old := packtest.Load(t, a)
	a = packtest.Edit(a, "roles/ism.toml", `"Report ISMS performance"`, `"Report ISMS performance to top management", "Run the risk assessment"`)
	a = packtest.Edit(a, "roles/ism.toml", `limit = "for up to 48 hours"`, `limit = "for up to 72 hours"`)
	a = packtest.Edit(a, "roles/ism.toml", `level = 2`, `level = 3`)
	a = packtest.Edit(a, "roles/sysadmin.toml", `deputy = "ann"`, `deputy = "dora"`)
	a = packtest.Edit(a, "roles/auditor.toml", `name = "Internal Auditor"`, `name = "Internal Audit Lead"`)
	a = packtest.Edit(a, "raci.toml", `responsible = "sysadmin"
accountable = "ism"`, `responsible = "ism"
accountable = "ism"`)
	a = packtest.Edit(a, "competences.toml", `level = 2
name = "Practitioner"`, `level = 2
name = "Practitioner"

[[level]]
level = 3
name = "Expert"`)
	// Nobody has signed this version yet.
	cur := packtest.Load(t, packtest.With(a, "-- acknowledgements.toml --\nDELETE\n"))
	c := diff.Compare(old, cur)
	c.From, c.To = "0.9", "1.0"
	h := &history.History{Changes: map[string]*diff.Changes{"1.0": c}, Acks: map[string]history.Carry{}}
	for _, x := range c.Affected {
		h.Acks[x.Person] = history.Carry{Version: "0.9", Changed: x.What, ChangedText: x.WhatText}
	}
	if len(h.Acks) < 3 {
		t.Fatalf("only %d people affected: %+v", len(h.Acks), c.Affected)
	}
	nc := []diff.Text{{Key: "diff.carry.not_comparable", Args: []any{"language", "de", "version", "0.9"}}}
	h.Acks["ceo-person"] = history.Carry{Version: "0.9", ChangedText: nc, Changed: diff.Strings(nc)}
	return cur, h
}

// diffFragments are the pieces of English text of diff.toml (and the RACI
// letters' names and the limit it uses) that lang words otherwise: whole
// messages without placeholders, and the runs of at least 8 characters
// between the placeholders of the others.
func diffFragments(lang string) []string {
	en, tr := messages.Builtin("en"), messages.Builtin(lang)
	ph := regexp.MustCompile(`\{[a-z0-9_]+\}`)
	var out []string
	for _, k := range en.Keys() {
		if !strings.HasPrefix(k, "diff.") && !strings.HasPrefix(k, "document.raci.letter.") && k != "letter.authority_limit" {
			continue
		}
		for _, n := range []int{1, 2} {
			e, x := en.Plural(k, n), tr.Plural(k, n)
			if e == x {
				continue
			}
			for _, r := range ph.Split(e, -1) {
				r = strings.TrimSpace(strings.Trim(r, `"“”();:,. `))
				if len(r) >= 8 && !strings.Contains(x, r) && !slices.Contains(out, r) {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// What changed is worded in the view's language: in English exactly what
// diff and history say (and `rolepack diff` prints); in German and
// Japanese without the English wording and without a placeholder or key
// left.
func TestDiffTextsInTheReadersLanguage(t *testing.T) {
	p, h := changedHistory(t)
	en := view.New(p, stamp.Stamp{}, nil, view.WithHistory(h), view.WithWords(messages.Builtin("en")))
	if got, want := en.RevisionChanges(h.Changes["1.0"]), h.Changes["1.0"].Headline(); got != want {
		t.Errorf("English headline %q, want %q", got, want)
	}
	for id, c := range h.Acks {
		if got := en.ChangedSince(&c); !slices.Equal(got, c.Changed) {
			t.Errorf("%s: English changes %q, want %q", id, got, c.Changed)
		}
	}
	leftover := regexp.MustCompile(`\{[a-z][a-z0-9_]*\}|diff\.|document\.raci`)
	for _, lang := range []string{"de", "ja"} {
		v := view.New(p, stamp.Stamp{}, nil, view.WithHistory(h), view.WithWords(messages.Builtin(lang)))
		texts := []string{v.RevisionChanges(h.Changes["1.0"])}
		for _, c := range h.Acks {
			texts = append(texts, v.ChangedSince(&c)...)
		}
		frags := diffFragments(lang)
		if len(frags) < 20 {
			t.Fatalf("%s: only %d English fragments: %q", lang, len(frags), frags)
		}
		for _, s := range texts {
			if leftover.MatchString(s) {
				t.Errorf("%s: %q has a placeholder or key left", lang, s)
			}
			for _, f := range frags {
				if strings.Contains(s, f) {
					t.Errorf("%s: %q has the English %q", lang, s, f)
				}
			}
		}
		// The person's own view carries the list the outputs print.
		for _, pv := range v.People {
			if pv.Earlier != nil && len(v.ChangedSince(pv.Earlier)) != len(pv.Earlier.Changed) {
				t.Errorf("%s: %s's list has %d items, want %d", lang, pv.ID, len(v.ChangedSince(pv.Earlier)), len(pv.Earlier.Changed))
			}
		}
	}
}

// An acknowledgement's changes without texts (made by hand) print their
// English strings; nil prints nothing.
func TestDiffTextsWithoutKeys(t *testing.T) {
	v := &view.View{Words: messages.Builtin("de")}
	c := &history.Carry{Changed: []string{"something"}}
	if got := v.ChangedSince(c); !slices.Equal(got, []string{"something"}) {
		t.Errorf("keyless changes: %q", got)
	}
	if v.ChangedSince(nil) != nil || v.RevisionChanges(nil) != "" {
		t.Error("nil is not empty")
	}
	var none *view.View
	if got := none.RevisionChanges(&diff.Changes{}); got != (&diff.Changes{}).Headline() {
		t.Errorf("a nil view's headline %q", got)
	}
}
