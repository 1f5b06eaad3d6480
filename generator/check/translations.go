package check

import (
	"fmt"

	"github.com/rolepack/rolepack/generator/model"
)

// rulesOfIssue28 are the rules of issue #28: translations of the pack's
// own text kept true to the authoritative text (docs/languages.md). Stale
// and missing translations are errors, so an approved document is not
// issued in a language whose text no longer says what the approved text
// says.
var rulesOfIssue28 = []Rule{
	{
		ID: "RP-LANG-01", Severity: Error, Item: ItemCommunication,
		Finds:  "a translation made from an older source text: the source value changed since it was translated (its hash is not the `source` the translation records); the output shows the source text in its place",
		Remedy: "have it translated again: `rolepack translations export --only stale`, then `import` (a translator who finds the translation still right confirms it unchanged)",
		Messages: []Message{
			{Format: "The %s translation of %s is translated from an older text: %s, now: %q.",
				Fix: "translate the current text again and import it (rolepack translations export --lang <lang> --only stale)"},
		},
	},
	{
		ID: "RP-LANG-02", Severity: Error, Item: ItemCommunication,
		Finds:  "a translatable value with no translation in a language of pack.toml's `languages`; the output shows the source text in its place",
		Remedy: "add its translation to `translations/<lang>/<source file>` (`rolepack translations export --only missing`, then `import`)",
		Messages: []Message{
			{Format: "%s of %s has no %s translation.",
				Fix: "add its translation (rolepack translations export --only missing gives the translator every missing value) to %s"},
		},
	},
	{
		ID: "RP-LANG-03", Severity: Warning, Item: ItemCommunication,
		Finds:  "a translation of a value that no longer exists: the value was removed, or a list entry removed, or the unit id does not name a value of its source file",
		Remedy: "remove the entry, or correct its `id`",
		Messages: []Message{
			{Format: "The %s translation %q translates no value of %s: it was removed%s.",
				Fix: "remove the entry, or correct its id"},
		},
	},
}

// translations reports, for every language the pack is translated into,
// the translations of an older source text, the values without a
// translation and the translations of nothing (RP-LANG-01, 02, 03).
func (c *checker) translations() {
	for _, lang := range c.p.Languages {
		if lang == c.p.Language {
			continue
		}
		st := c.p.TranslationState(lang)
		for _, b := range st.Stale {
			was := "(not recorded: the entry has no source_text)"
			if b.T.SourceText != "" {
				was = fmt.Sprintf("%q", shorten(b.T.SourceText, 60))
			}
			c.add("RP-LANG-01", b.T.Pos, lang, unitName(b.Unit), was, shorten(b.Unit.Text, 60))
		}
		for _, u := range st.Missing {
			c.findings = append(c.findings, findingFixing("RP-LANG-02", u.Pos, model.TranslationFile(lang, u.Source), u.ID, u.Source, lang))
		}
		for _, t := range st.Orphans {
			hint := ""
			if s := c.p.SuggestUnit(t.Source, t.ID); s != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", s)
			}
			c.add("RP-LANG-03", t.Pos, lang, t.ID, t.Source, hint)
		}
	}
}

func unitName(u *model.Unit) string { return u.ID + " of " + u.Source }
