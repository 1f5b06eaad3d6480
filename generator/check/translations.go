package check

import "github.com/rolepack/rolepack/generator/model"

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
			was := text("finding.rp_lang_01.unrecorded")
			if b.T.SourceText != "" {
				was = text("finding.rp_lang_01.was", "text", quoted(shorten(b.T.SourceText, 60)))
			}
			c.add("RP-LANG-01", b.T.Pos, "language", lang, "unit", b.Unit.ID, "source", b.Unit.Source, "was", was, "now", quoted(shorten(b.Unit.Text, 60)))
		}
		for _, u := range st.Missing {
			c.add("RP-LANG-02", u.Pos, "language", lang, "unit", u.ID, "source", u.Source, "file", model.TranslationFile(lang, u.Source))
		}
		for _, t := range st.Orphans {
			c.add("RP-LANG-03", t.Pos, "language", lang, "unit", quoted(t.ID), "source", t.Source)
		}
	}
}
