package diff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rolepack/rolepack/generator/model"
)

// StaleValue is a source value whose change made translations of it stale
// (issue #28): they translate the old text.
type StaleValue struct {
	Source string `json:"source"` // the source file, such as "roles/ism.toml"
	Unit   string `json:"unit"`   // the value's unit id, such as "responsibilities.2"
	Old    string `json:"old"`
	New    string `json:"new"`
	// Translations are the translations it made stale, by language in
	// the order of pack.toml's languages.
	Translations []StaleTranslation `json:"translations"`
}

// StaleTranslation is one translation made stale, and where it is.
type StaleTranslation struct {
	Lang string `json:"lang"`
	At   string `json:"at"` // the translation file and the entry's line: "translations/de/roles/ism.toml:27"
}

// staleTranslations finds the translations of the new pack that
// translated the old pack's text of their value and no longer translate
// its new text. Translations stale before the change are not the
// change's doing, and are not listed.
func (c *Changes) staleTranslations(old, new *model.Pack) {
	byUnit := map[[2]string]int{}
	for _, lang := range new.Languages {
		if lang == new.Language {
			continue
		}
		for _, b := range new.TranslationState(lang).Stale {
			was := old.Unit(b.Unit.Source, b.Unit.ID)
			if was == nil || was.Hash() != b.T.SourceHash {
				continue
			}
			key := [2]string{b.Unit.Source, b.Unit.ID}
			i, ok := byUnit[key]
			if !ok {
				i = len(c.StaleTranslations)
				byUnit[key] = i
				c.StaleTranslations = append(c.StaleTranslations, StaleValue{Source: b.Unit.Source, Unit: b.Unit.ID, Old: was.Text, New: b.Unit.Text})
			}
			at := model.Pos{File: b.T.Pos.File, Line: b.T.Pos.Line}
			c.StaleTranslations[i].Translations = append(c.StaleTranslations[i].Translations, StaleTranslation{Lang: lang, At: at.String()})
		}
	}
	slices.SortStableFunc(c.StaleTranslations, func(a, b StaleValue) int {
		return strings.Compare(a.Source, b.Source)
	})
}

// line is a stale value as one line: "roles/ism.toml
// responsibilities.2: translations made stale: de
// translations/de/roles/ism.toml:27, ja translations/ja/roles/ism.toml:27".
func (s StaleValue) line() string {
	var ts []string
	for _, t := range s.Translations {
		ts = append(ts, t.Lang+" "+t.At)
	}
	return fmt.Sprintf("%s %s: translations made stale: %s", s.Source, s.Unit, strings.Join(ts, ", "))
}
