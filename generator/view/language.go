package view

import "strings"

// LanguageName is the name of the language tag in the view's language
// ("German", "Deutsch", "ドイツ語"), or the tag itself when the catalogue
// has no name for it (a language a pack adds).
func (v *View) LanguageName(tag string) string {
	key := "language_name." + strings.ToLower(strings.ReplaceAll(tag, "-", "_"))
	if name := v.words().Text(key); name != key {
		return name
	}
	return tag
}

// TranslationNotice is what every output of a translation says (the view's
// language is not the pack's): which version of which document, in which
// language, it translates, and that the authoritative text prevails; ""
// for the authoritative text.
func (v *View) TranslationNotice() string {
	p := v.Pack
	if v.Lang == "" || p.Language == "" || v.Lang == p.Language {
		return ""
	}
	d := p.Document
	return v.words().Text("translation.notice",
		"language", v.LanguageName(v.Lang),
		"version", d.Version,
		"document", d.ID+" "+d.Title,
		"source_language", v.LanguageName(p.Language))
}
