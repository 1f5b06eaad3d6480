package diff

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// everyKind is the minimal pack after changes of every kind a person's
// list or the headline words: a role added and one removed, a role
// renamed, lines of each list added, removed and reworded (an authority
// with a limit among them), requirements added, removed and changed, RACI
// letters gained and lost (both in one activity too), holders appointed
// and stood down, deputies changed, and changes to document control, the
// review team and people.
func everyKind() string {
	a := packtest.Minimal
	a = packtest.Edit(a, "pack.toml", `classification = "Internal"`, `classification = "Confidential"`)
	a = packtest.Edit(a, "roles/ism.toml", `responsibilities = ["Keep the ISMS conformant", "Report ISMS performance"]`,
		`responsibilities = ["Keep the ISMS conformant", "Report ISMS performance to top management", "Run the risk assessment"]

[communication]
internal = ["Brief staff on security"]
external = ["Notify the regulator"]`)
	a = packtest.Edit(a, "roles/ism.toml", `limit = "for up to 48 hours"`, `limit = "for up to 72 hours"`)
	a = packtest.Edit(a, "roles/ism.toml", `level = 2`, `level = 1

[[requirement]]
competence = "audit"
level = 2`)
	a = packtest.Edit(a, "roles/sysadmin.toml", `responsibilities = ["Patch servers"]`, `responsibilities = ["Keep backups"]`)
	a = packtest.Edit(a, "roles/sysadmin.toml", `text = "Restart services"`, `text = "Restart services"

[[authority]]
text = "Buy spare parts"
limit = "within the budget"`)
	a = packtest.Edit(a, "roles/sysadmin.toml", `deputy = "ann"`, `deputy = "dora"`)
	a = packtest.Edit(a, "roles/auditor.toml", `name = "Internal Auditor"`, `name = "Internal Audit Lead"`)
	a = packtest.Edit(a, "raci.toml", `responsible = "sysadmin"
accountable = "ism"`, `responsible = "ism"
accountable = "ism"`)
	a = packtest.Edit(a, "raci.toml", `responsible = "auditor"
accountable = "ceo"
consulted = ["ism"]`, `responsible = "auditor"
accountable = "ceo"
informed = ["ism"]`)
	a = packtest.Edit(a, "people.toml", `job_title = "Auditor"`, `job_title = "Lead Auditor"`)
	a = packtest.Edit(a, "review-team.toml", `cadence = "Quarterly"`, `cadence = "Monthly"`)
	a = packtest.Edit(a, "competences.toml", `[[record]]`, `[[competence]]
id = "audit"
name = "Auditing"
kind = "training"

[[record]]`)
	return packtest.With(a, `-- roles/dpo.toml --
id = "dpo"
name = "Data Protection Officer"
category = "Assurance"
purpose = "Advises on data protection."
reports_to = "ceo"
responsibilities = ["Advise on data protection"]

[[authority]]
text = "Stop a processing"

[[assignment]]
person = "dora"
appointed_on = 2026-09-01
evidence = "HR-9"
deputy = "ann"
`)
}

// everyKindOld is the minimal pack with a role everyKind removes, held
// by Bob, so that he is no longer its holder.
func everyKindOld() string {
	return packtest.With(packtest.Minimal, `-- roles/old.toml --
id = "old"
name = "Records Keeper"
category = "Operations"
purpose = "Keeps records."
reports_to = "ceo"
responsibilities = ["Keep the records"]

[[authority]]
text = "Archive records"

[[assignment]]
person = "bob"
appointed_on = 2025-05-01
evidence = "HR-5"
deputy = "dora"
`)
}

// texts are every text the outputs take from a comparison of the
// everyKind packs, and the texts of kinds no pair of packs shows at once.
func texts(t *testing.T) []Text {
	t.Helper()
	c := Compare(packtest.Load(t, everyKindOld()), packtest.Load(t, everyKind()))
	ts := []Text{c.HeadlineText(), (&Changes{}).HeadlineText(), (&Changes{Activities: []ItemChange{{ID: "x", Kind: Changed}}}).HeadlineText()}
	for _, a := range c.Affected {
		ts = append(ts, a.WhatText...)
	}
	// Counts of every kind, and more than one of each.
	many := &Changes{Roles: []RoleChange{{Kind: Added}, {Kind: Added}, {Kind: Removed}, {Kind: Removed}, {Kind: Changed}, {Kind: Changed}},
		RACI: make([]LetterChange, 2), Document: make([]Field, 2), ReviewTeam: make([]ItemChange, 2), People: make([]ItemChange, 2),
		StaleTranslations: make([]StaleValue, 2), Affected: make([]Affected, 2)}
	one := &Changes{Roles: []RoleChange{{Kind: Added}, {Kind: Removed}, {Kind: Changed}},
		RACI: make([]LetterChange, 1), Document: make([]Field, 1), ReviewTeam: make([]ItemChange, 1), People: make([]ItemChange, 1),
		StaleTranslations: make([]StaleValue, 1), Affected: make([]Affected, 1)}
	ts = append(ts, many.HeadlineText(), one.HeadlineText())
	// Every list's lines, and every requirement's change.
	for list := range lineKeys {
		for _, kind := range []string{Added, Removed, Reworded} {
			ts = append(ts, lineText(LineChange{List: list, Kind: kind, Old: "old line", New: "new line"}))
		}
	}
	p := &model.Pack{}
	ts = append(ts, requirementText(p, Field{Name: "c", New: "2"}), requirementText(p, Field{Name: "c", Old: "2"}), requirementText(p, Field{Name: "c", Old: "1", New: "2"}))
	// history's own text (history.go).
	ts = append(ts, Text{Key: "diff.carry.not_comparable", Args: []any{"language", "de", "version", "1.0"}})
	return ts
}

// The English of every text is what diff printed before it had keys.
func TestEnglishWording(t *testing.T) {
	c := Compare(packtest.Load(t, everyKindOld()), packtest.Load(t, everyKind()))
	what := map[string]string{}
	for _, a := range c.Affected {
		what[a.Person] = strings.Join(a.What, "; ")
	}
	for person, want := range map[string][]string{
		"ann": {
			"Information Security Manager: responsibility reworded: Report ISMS performance → Report ISMS performance to top management",
			"Information Security Manager: authority reworded: Stop a risky change (limit: for up to 48 hours) → Stop a risky change (limit: for up to 72 hours)",
			"Information Security Manager: internal communication added: Brief staff on security",
			"Information Security Manager: external communication added: Notify the regulator",
			"Information Security Manager: now requires Auditing at level 2",
			"Information Security Manager: requires ISO/IEC 27001 implementation at level 1 (was 2)",
			"Information Security Manager: gains Responsible for “Respond to security incidents”",
			"Information Security Manager: gains Informed for “Run the internal audit”; no longer Consulted for “Run the internal audit”",
			"no longer deputy for System Administrator",
			"now deputy for Data Protection Officer",
		},
		"bob": {
			"no longer Records Keeper",
			"Information Security Manager (as deputy): responsibility added: Run the risk assessment",
			"System Administrator: responsibility removed: Patch servers",
			"System Administrator: authority added: Buy spare parts (limit: within the budget)",
			"System Administrator: no longer Responsible for “Respond to security incidents”",
		},
		"dora": {"appointed Data Protection Officer", "now deputy for System Administrator"},
		"eve":  {`"Internal Auditor" renamed "Internal Audit Lead"`},
	} {
		for _, w := range want {
			if !strings.Contains(what[person], w) {
				t.Errorf("%s: %q lacks %q", person, what[person], w)
			}
		}
	}
	if got, want := c.Headline(), "1 role added, 1 role removed, 3 roles changed, 3 RACI letters changed, 1 document-control field changed, 1 review-team change, 1 person added, removed or changed; 4 people affected."; got != want {
		t.Errorf("headline\n%q, want\n%q", got, want)
	}
}

// neutral is t with every value of the pack (a string) replaced by a
// token, so that what is left is rolepack's own wording.
func neutral(t Text) Text {
	args := make([]any, len(t.Args))
	copy(args, t.Args)
	for i := 1; i < len(args); i += 2 {
		switch v := args[i].(type) {
		case string:
			args[i] = "ж"
		case Text:
			args[i] = neutral(v)
		case List:
			items := make([]Text, len(v.Items))
			for j, it := range v.Items {
				items[j] = neutral(it)
			}
			args[i] = List{Sep: v.Sep, Items: items}
		case limit:
			// The limit's own words are rolepack's; its free text and
			// the delegator's name are the pack's.
			a := *v.a
			if a.Limit != "" {
				a.Limit = "ж"
			}
			if a.DelegatedFrom != nil {
				a.DelegatedFrom = &model.Role{Name: "ж"}
			}
			args[i] = limit{&a}
		}
	}
	t.Args = args
	return t
}

// englishWords are the words of English's messages of keys (with their
// plural forms) that lang's messages of those keys do not use.
func englishWords(keys []string, lang string) map[string]bool {
	en, tr := messages.Builtin("en"), messages.Builtin(lang)
	word := regexp.MustCompile(`[A-Za-z]{2,}`)
	var own strings.Builder
	for _, k := range keys {
		for _, n := range []int{1, 2, 1_000_000} {
			own.WriteString(strings.ToLower(tr.Plural(k, n)) + " ")
		}
	}
	out := map[string]bool{}
	for _, k := range keys {
		for _, n := range []int{1, 2} {
			for _, w := range word.FindAllString(en.Plural(k, n), -1) {
				w = strings.ToLower(w)
				if !slices.Contains(word.FindAllString(own.String(), -1), w) {
					out[w] = true
				}
			}
		}
	}
	return out
}

// In German and Japanese each kind of change is worded without an English
// word and without a placeholder left unfilled.
func TestEveryKindTranslated(t *testing.T) {
	ts := texts(t)
	var keys []string
	for _, tx := range ts {
		keys = append(keys, tx.Keys()...)
	}
	word := regexp.MustCompile(`[A-Za-z]{2,}`)
	for _, lang := range []string{"de", "ja", "fr", "zh-Hans"} {
		c := messages.Builtin(lang)
		english := englishWords(keys, lang)
		if len(english) < 20 {
			t.Fatalf("%s: only %d English words to look for: %v", lang, len(english), english)
		}
		for _, tx := range ts {
			s := neutral(tx).In(c)
			if strings.ContainsAny(s, "{}") {
				t.Errorf("%s: %s leaves a placeholder: %q", lang, tx.Key, s)
			}
			for _, w := range word.FindAllString(s, -1) {
				if english[strings.ToLower(w)] {
					t.Errorf("%s: %s has the English word %q: %q", lang, tx.Key, w, s)
				}
				if (lang == "ja" || lang == "zh-Hans") && w != "RACI" {
					t.Errorf("%s: %s has the Latin word %q: %q", lang, tx.Key, w, s)
				}
			}
		}
	}
}

// A reworded line of a Japanese or Chinese translation (no spaces between
// words) is one reworded line, not a removal and an addition; lines that
// share little stay apart.
func TestRewordedWithoutSpaces(t *testing.T) {
	for _, tc := range []struct {
		old, new string
		kinds    []string
	}{
		{"ISMSのパフォーマンスを報告する", "ISMSのパフォーマンスについて報告する", []string{Reworded}},
		{"向最高管理者报告信息安全管理体系的绩效", "每月向最高管理者报告信息安全管理体系的绩效", []string{Reworded}},
		{"サーバーにパッチを適用する", "供給者を評価する", []string{Removed, Added}},
		{"Report ISMS performance", "Report ISMS performance monthly", []string{Reworded}},
	} {
		var kinds []string
		for _, l := range listChanges("responsibility", []string{tc.old}, []string{tc.new}) {
			kinds = append(kinds, l.Kind)
		}
		if !slices.Equal(kinds, tc.kinds) {
			t.Errorf("%q → %q: %v, want %v", tc.old, tc.new, kinds, tc.kinds)
		}
	}
}
