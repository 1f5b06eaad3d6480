package view_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
)

// auditTexts are every audit text an output prints of v's report, through
// the functions of audittext.go.
func auditTexts(v *view.View) []string {
	var out []string
	rep := v.Report
	for _, f := range rep.Findings {
		out = append(out, v.SeverityText(f.Severity), v.FindingMessage(f), v.FindingFix(f), v.ItemTitleOf(f.Item))
	}
	for _, it := range rep.Checklist {
		out = append(out, v.ItemTitle(it), v.StatusText(it.Status))
		out = append(out, v.ChecklistNotesIn(it)...)
	}
	out = append(out, v.StatusText(check.NotChecked))
	for _, l := range v.SinglePointLines(rep.SinglePoints) {
		out = append(out, l.What)
	}
	for _, o := range rep.SinglePoints.People {
		out = append(out, v.CriticalWhy(o)...)
	}
	for _, s := range rep.SinglePoints.Seats {
		out = append(out, v.SeatName(s))
	}
	return out
}

// tomlKey is a fragment of the TOML record a fix says to add, such as
// `competence =` or `date = YYYY-MM-DD` (a date written as ISO 8601 in
// Japanese and Chinese too), which no language translates.
var tomlKey = regexp.MustCompile(`^[a-z_]+ =( YYYY-MM-DD)?$`)

// englishFragments are the fixed parts of the English findings messages
// that the language translates (whose text in lang differs), at least
// min characters long: an output in lang must print none of them.

func englishFragments(lang string, min int) []string {
	en, tr := messages.Builtin("en"), messages.Builtin(lang)
	placeholder := regexp.MustCompile(`\{[a-z0-9_]+\}`)
	var out []string
	for _, k := range en.Keys() {
		if !strings.HasPrefix(k, "finding.") || en.Text(k) == tr.Text(k) {
			continue
		}
		for _, n := range []int{1, 2} { // both plural forms of English
			for _, part := range placeholder.Split(en.Plural(k, n), -1) {
				part = strings.TrimSpace(strings.Trim(part, `"“”();:,. `))
				// A fix's record to add is TOML, the same in every language.
				if tomlKey.MatchString(part) {
					continue
				}
				if len([]rune(part)) >= min && !slices.Contains(out, part) {
					out = append(out, part)
				}
			}
		}
	}
	return out
}

// The audit texts of the example pack and of synthetic packs with
// findings: in English exactly what `rolepack check` prints; in German and
// Japanese none of the English wording, and no placeholder left unfilled.
func TestAuditTextsInTheReadersLanguage(t *testing.T) {
	leftover := regexp.MustCompile(`\{[a-z][a-z0-9_]*\}|finding\.`)
	for name, p := range packs(t) {
		rep := check.Run(p, model.NewDate(2026, 6, 30))
		en := view.New(p, stamp.Stamp{}, rep, view.WithWords(messages.Builtin("en")))
		for _, f := range rep.Findings {
			if en.FindingMessage(f) != f.Message || en.FindingFix(f) != f.Fix || en.SeverityText(f.Severity) != string(f.Severity) {
				t.Errorf("%s: in English %q / %q, want the check's %q / %q", name, en.FindingMessage(f), en.FindingFix(f), f.Message, f.Fix)
			}
		}
		for _, it := range rep.Checklist {
			if en.ItemTitle(it) != it.Title || en.StatusText(it.Status) != string(it.Status) || !slices.Equal(en.Evidence(it), it.Evidence) {
				t.Errorf("%s: item %s in English differs from the check's", name, it.ID)
			}
		}
		for i, l := range en.SinglePointLines(rep.SinglePoints) {
			if want := rep.SinglePoints.Lines()[i].What; l.What != want {
				t.Errorf("%s: single point %q, want %q", name, l.What, want)
			}
		}
		for _, lang := range []string{"de", "ja"} {
			v := view.New(p, stamp.Stamp{}, rep, view.WithWords(messages.Builtin(lang)))
			texts := auditTexts(v)
			fragments := englishFragments(lang, 12)
			for _, s := range texts {
				if leftover.MatchString(s) {
					t.Errorf("%s, %s: %q has a placeholder or key left", name, lang, s)
				}
				for _, frag := range fragments {
					if strings.Contains(s, frag) {
						t.Errorf("%s, %s: %q has the English %q", name, lang, s, frag)
					}
				}
			}
		}
	}
}

// A finding or item made without catalogue keys (a test's, or a rule not
// yet in the catalogue) prints its English strings in every language.
func TestAuditTextsWithoutKeys(t *testing.T) {
	v := &view.View{Words: messages.Builtin("de")}
	f := check.Finding{Rule: "RP-X-01", Severity: check.Error, Message: "Bob left", Fix: "Replace Bob"}
	if v.FindingMessage(f) != "Bob left" || v.FindingFix(f) != "Replace Bob" {
		t.Errorf("keyless finding: %q / %q", v.FindingMessage(f), v.FindingFix(f))
	}
	it := check.Item{ID: "nothing", Title: "Something", Evidence: []string{"a note"}}
	if v.ItemTitle(it) != "Something" || !slices.Equal(v.Evidence(it), []string{"a note"}) {
		t.Errorf("keyless item: %q %q", v.ItemTitle(it), v.Evidence(it))
	}
	if got := v.StatusText(check.Partly); got != messages.Builtin("de").Text("finding.status.partly") {
		t.Errorf("StatusText(partly) = %q", got)
	}
	if got := v.SeverityText("fatal"); got != "fatal" {
		t.Errorf("SeverityText(fatal) = %q", got)
	}
}

// The example pack with language = "de" or "ja" in its pack.toml: its
// view, built without WithWords, prints the audit texts in that language.
func TestAuditTextsInThePacksLanguage(t *testing.T) {
	leftover := regexp.MustCompile(`\{[a-z][a-z0-9_]*\}|finding\.`)
	for _, lang := range []string{"de", "ja"} {
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "pack.toml")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		data = []byte(strings.Replace(string(data), "[organisation]", "language = \""+lang+"\"\n\n[organisation]", 1))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		p, err := model.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		rep := check.Run(p, model.NewDate(2026, 6, 30))
		v := view.New(p, stamp.Stamp{}, rep)
		if v.Lang != lang {
			t.Fatalf("view of a pack in %s is in %q", lang, v.Lang)
		}
		texts := auditTexts(v)
		if len(rep.Findings) == 0 || len(texts) < 20 {
			t.Fatalf("%s: too little to look at: %d findings, %d texts", lang, len(rep.Findings), len(texts))
		}
		fragments := englishFragments(lang, 8)
		for _, s := range texts {
			if leftover.MatchString(s) {
				t.Errorf("%s: %q has a placeholder or key left", lang, s)
			}
			for _, frag := range fragments {
				if strings.Contains(s, frag) {
					t.Errorf("%s: %q has the English %q", lang, s, frag)
				}
			}
		}
		if got, want := v.StatusText(check.NotMet), messages.Builtin(lang).Text("finding.status.not_met"); got != want || got == "not met" {
			t.Errorf("%s: StatusText(not met) = %q", lang, got)
		}
	}
}
