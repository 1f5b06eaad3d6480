package messages

import (
	"maps"
	"slices"
	"strings"

	"github.com/rolepack/rolepack/internal/typo"
)

// checkAgainst checks a parsed file's messages against English's (ref; nil
// when f is English) and the language's plural rule, and returns the
// messages that passed. If complete, f must define every message of ref:
// it is a language rolepack does not ship.
func checkAgainst(f *file, ref *file, lang string, rule pluralRule, complete bool) (map[string]message, Errors) {
	var errs Errors
	out := map[string]message{}
	var known []string
	if ref != nil {
		known = slices.Sorted(maps.Keys(ref.entries))
	}
	hints := 0
	for _, key := range slices.Sorted(maps.Keys(f.entries)) {
		e := f.entries[key]
		var r *entry
		if ref != nil {
			r = ref.entries[key]
			if r == nil {
				hint := ""
				if hints < maxHints && len(key) <= maxHintKey {
					hints++
					if s := suggest(key, known); s != "" {
						hint = " (did you mean " + quote(s) + "?)"
					}
				}
				f.errorf(&errs, e.at, "unknown message key %s%s", quote(key), hint)
				continue
			}
			if r.plural != e.plural {
				if r.plural {
					f.errorf(&errs, e.at, "%s is a plural message: write it as a table of forms, such as %s.one and %s.other", quote(key), key, key)
				} else {
					f.errorf(&errs, e.at, "%s is a text, not a plural message: write it as one text", quote(key))
				}
				continue
			}
		}
		if m, ok := checkEntry(f, &errs, e, r, lang, rule); ok {
			out[key] = m
		}
	}
	if complete && ref != nil {
		for _, key := range slices.Sorted(maps.Keys(ref.entries)) {
			if f.entries[key] == nil {
				f.errorf(&errs, f.where(key), "lacks message %s: a language rolepack does not ship must define every message English has", quote(key))
			}
		}
	}
	sortErrors(errs)
	return out, errs
}

// checkEntry checks one message's text or forms: its braces, its
// placeholders against English's (r, nil for English), its forms against
// the language's plural categories, and the values rolepack reads as
// numbers.
func checkEntry(f *file, errs *Errors, e, r *entry, lang string, rule pluralRule) (message, bool) {
	n := len(*errs)
	if !e.plural {
		ps, err := parseTemplate(e.text)
		if err != nil {
			f.errorf(errs, e.at, "%s %v", quote(e.key), err)
			return message{}, false
		}
		if r != nil {
			want, _ := parseTemplate(r.text)
			names := placeholders(want)
			comparePlaceholders(f, errs, e.key, e.at, placeholders(ps), names, names, nil)
		}
		if e.key == "number.min_grouping" && e.text != "1" && e.text != "2" && e.text != "3" {
			f.errorf(errs, e.at, `"number.min_grouping" is %q: it is "1", "2" or "3" (CLDR's minimumGroupingDigits)`, e.text)
		}
		return message{text: ps}, len(*errs) == n
	}
	// What English's forms use, and what its "other" form uses: every
	// form may use the former and must use the latter, except that a form
	// other than "other" may leave out {count} ("one gap" for 1 only).
	var allowed, required map[string]bool
	if r != nil {
		allowed, required = map[string]bool{}, map[string]bool{}
		for form, text := range r.forms {
			ps, _ := parseTemplate(text)
			for name := range placeholders(ps) {
				allowed[name] = true
				if form == "other" {
					required[name] = true
				}
			}
		}
	}
	m := message{forms: map[string][]piece{}}
	for _, form := range slices.Sorted(maps.Keys(e.forms)) {
		at := e.formAt[form]
		if !slices.Contains(rule.uses, form) {
			f.errorf(errs, at, "%s has a %q form, which %s does not use (its forms: %s)", quote(e.key), form, lang, strings.Join(rule.uses, ", "))
			continue
		}
		ps, err := parseTemplate(e.forms[form])
		if err != nil {
			f.errorf(errs, at, "form %q of %s %v", form, quote(e.key), err)
			continue
		}
		if r != nil {
			var optional map[string]bool
			if form != "other" {
				optional = map[string]bool{"count": true}
			}
			comparePlaceholders(f, errs, e.key+"."+form, at, placeholders(ps), allowed, required, optional)
		}
		m.forms[form] = ps
	}
	return m, len(*errs) == n
}

// comparePlaceholders reports each placeholder a message uses that
// English's does not have (not in allowed), and each that English's has
// and it lacks (in want, unless optional), in name order.
func comparePlaceholders(f *file, errs *Errors, key string, at pos, got, allowed, want, optional map[string]bool) {
	for _, name := range slices.Sorted(maps.Keys(got)) {
		if !allowed[name] {
			f.errorf(errs, at, "%s uses {%s}, which the English message does not have", quote(key), name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if !got[name] && !optional[name] {
			f.errorf(errs, at, "%s lacks {%s}, which the English message has", quote(key), name)
		}
	}
}

func quote(s string) string { return `"` + s + `"` }

// A file of many unknown keys gets hints for the first maxHints of them,
// and none for keys longer than maxHintKey: the edit distance costs the
// product of two keys' lengths, and a hint helps with a typo, not a flood.
const (
	maxHints   = 100
	maxHintKey = 100
)

// suggest is the key among known closest to key by edit distance, if it
// is close enough to be a typo of it; else "".
func suggest(key string, known []string) string {
	best, bestD := "", len(key)/3+1
	for _, k := range known {
		if d := typo.Distance(key, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}
