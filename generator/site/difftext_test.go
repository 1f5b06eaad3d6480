package site_test

import (
	htmltemplate "html/template"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/diff"
	"github.com/rolepack/rolepack/generator/history"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// The revisions page's "What changed" column and each person page's list
// of what changed since they last signed are in the site's language: the
// minimal pack in German and Japanese (language in pack.toml) after a pull
// request that rewords, adds and moves duties, every affected person
// having signed the version before. In English they are diff's own.
func TestChangesInTheSitesLanguage(t *testing.T) {
	ph := regexp.MustCompile(`\{[a-z0-9_]+\}`)
	for _, lang := range []string{"en", "de", "ja"} {
		a := packtest.Edit(packtest.Minimal, "pack.toml", "[organisation]", "language = \""+lang+"\"\n\n[organisation]")
		old := packtest.Load(t, a)
		a = packtest.Edit(a, "roles/ism.toml", `"Report ISMS performance"`, `"Report ISMS performance to top management", "Run the risk assessment"`)
		a = packtest.Edit(a, "roles/sysadmin.toml", `deputy = "ann"`, `deputy = "dora"`)
		a = packtest.Edit(a, "roles/auditor.toml", `name = "Internal Auditor"`, `name = "Internal Audit Lead"`)
		a = packtest.Edit(a, "raci.toml", "responsible = \"sysadmin\"\naccountable = \"ism\"", "responsible = \"ism\"\naccountable = \"ism\"")
		p := packtest.Load(t, packtest.With(a, "-- acknowledgements.toml --\nDELETE\n"))
		c := diff.Compare(old, p)
		h := &history.History{Changes: map[string]*diff.Changes{"1.0": c}, Acks: map[string]history.Carry{}}
		for _, x := range c.Affected {
			h.Acks[x.Person] = history.Carry{Version: "0.9", Changed: x.What, ChangedText: x.WhatText}
		}
		v := view.New(p, st, nil, view.WithHistory(h))
		w := &mapWriter{files: map[string][]byte{}}
		if err := site.Build(v, site.Options{}, w); err != nil {
			t.Fatal(err)
		}
		esc := func(s string) string { return strings.ReplaceAll(htmltemplate.HTMLEscapeString(s), "+", "&#43;") }
		rev := string(w.files["site/revisions.html"])
		if want := v.RevisionChanges(c); !strings.Contains(rev, esc(want)) {
			t.Errorf("%s: revisions.html lacks %q", lang, want)
		}
		if lang == "en" && !strings.Contains(rev, esc(c.Headline())) {
			t.Errorf("revisions.html lacks diff's headline %q", c.Headline())
		}
		pages := []string{rev}
		n := 0
		for _, pv := range v.People {
			if pv.Earlier == nil {
				continue
			}
			var page string
			for name, data := range w.files {
				if strings.HasSuffix(name, "/"+pv.ID+".html") && strings.HasPrefix(name, "site/people/") {
					page = string(data)
				}
			}
			for _, item := range v.ChangedSince(pv.Earlier) {
				n++
				if !strings.Contains(page, "<li>"+esc(item)+"</li>") {
					t.Errorf("%s: %s's page lacks %q", lang, pv.ID, item)
				}
			}
			if lang == "en" && !slices.Equal(v.ChangedSince(pv.Earlier), pv.Earlier.Changed) {
				t.Errorf("%s's changes in English %q, want diff's %q", pv.ID, v.ChangedSince(pv.Earlier), pv.Earlier.Changed)
			}
			pages = append(pages, page)
		}
		if n < 4 {
			t.Fatalf("%s: only %d changes listed", lang, n)
		}
		if lang == "en" {
			continue
		}
		en, tr := messages.Builtin("en"), messages.Builtin(lang)
		for _, k := range en.Keys() {
			if !strings.HasPrefix(k, "diff.") {
				continue
			}
			for _, cnt := range []int{1, 2} {
				e, x := en.Plural(k, cnt), tr.Plural(k, cnt)
				if e == x {
					continue
				}
				for _, r := range ph.Split(e, -1) {
					r = strings.TrimSpace(strings.Trim(r, `"“”();:,. `))
					if len(r) < 8 || strings.Contains(x, r) {
						continue
					}
					for _, page := range pages {
						if strings.Contains(page, esc(r)) {
							t.Errorf("%s: a page has the English %q", lang, r)
						}
					}
				}
			}
		}
	}
}
