package messages

import (
	"slices"
	"strings"
)

// The CLDR plural categories, in CLDR's order. A plural message is a table
// whose keys are some of these.
var categories = []string{"zero", "one", "two", "few", "many", "other"}

func isCategory(s string) bool { return slices.Contains(categories, s) }

// pluralRule is one language's CLDR cardinal rule restricted to whole
// numbers (rolepack counts people, gaps and holders, never fractions):
// the category of a count, and the categories the language uses at all.
//
// A language's "other" covers fractions in CLDR even where no whole number
// falls in it (Russian, Polish), so every rule lists "other" and every
// plural message must have it.
type pluralRule struct {
	uses []string
	of   func(n int) string
}

// millions is CLDR's "many" of the Romance languages for whole numbers:
// "e = 0 and i != 0 and i % 1000000 = 0 and v = 0" (1000000, 2000000, …:
// "1 000 000 de lacunes"). The rule's other half, "e != 0..5", concerns
// numbers written with a compact exponent, which rolepack never prints.
func millions(n int) bool { return n != 0 && n%1_000_000 == 0 }

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

var (
	// ja, zh, ko, th, vi, id: no plural forms.
	ruleOther = pluralRule{[]string{"other"}, func(int) string { return "other" }}
	// en, de, nl, sv, …: "one: i = 1 and v = 0" (or "n = 1"): whole
	// numbers are "one" exactly at 1.
	ruleOne = pluralRule{[]string{"one", "other"}, func(n int) string {
		if n == 1 {
			return "one"
		}
		return "other"
	}}
	// es and it: "one" at 1 ("n = 1"; it: "i = 1 and v = 0"), "many" at
	// whole millions.
	ruleOneMany = pluralRule{[]string{"one", "many", "other"}, func(n int) string {
		switch {
		case n == 1:
			return "one"
		case millions(n):
			return "many"
		}
		return "other"
	}}
	// fr: "one: i = 0,1"; pt: "one: i = 0..1" — for whole numbers both
	// are 0 and 1; "many" at whole millions.
	ruleZeroOneMany = pluralRule{[]string{"one", "many", "other"}, func(n int) string {
		switch {
		case n == 0 || n == 1:
			return "one"
		case millions(n):
			return "many"
		}
		return "other"
	}}
	// ru, uk: "one: v = 0 and i % 10 = 1 and i % 100 != 11", "few: v = 0
	// and i % 10 = 2..4 and i % 100 != 12..14", "many" the rest of the
	// whole numbers; "other" only for fractions.
	ruleEastSlavic = pluralRule{[]string{"one", "few", "many", "other"}, func(n int) string {
		i10, i100 := abs(n)%10, abs(n)%100
		switch {
		case i10 == 1 && i100 != 11:
			return "one"
		case i10 >= 2 && i10 <= 4 && (i100 < 12 || i100 > 14):
			return "few"
		}
		return "many"
	}}
	// pl: "one: i = 1 and v = 0", "few: v = 0 and i % 10 = 2..4 and
	// i % 100 != 12..14", "many" the rest of the whole numbers.
	rulePolish = pluralRule{[]string{"one", "few", "many", "other"}, func(n int) string {
		i10, i100 := abs(n)%10, abs(n)%100
		switch {
		case n == 1:
			return "one"
		case i10 >= 2 && i10 <= 4 && (i100 < 12 || i100 > 14):
			return "few"
		}
		return "many"
	}}
	// cs, sk: "one: i = 1 and v = 0", "few: i = 2..4 and v = 0"; "many"
	// is for fractions only, so a whole number is otherwise "other".
	ruleCzech = pluralRule{[]string{"one", "few", "many", "other"}, func(n int) string {
		switch {
		case n == 1:
			return "one"
		case n >= 2 && n <= 4:
			return "few"
		}
		return "other"
	}}
)

// rules holds the plural rule of each language rolepack can print: the
// nine it ships catalogues for, and a few more that a pack may add with
// its own catalogue. A language not here cannot be added by a pack alone:
// its rule is code, a few lines above and a line here.
var rules = map[string]pluralRule{
	"en": ruleOne, "de": ruleOne, "nl": ruleOne,
	"es": ruleOneMany, "it": ruleOneMany,
	"fr": ruleZeroOneMany, "pt": ruleZeroOneMany,
	"ja": ruleOther, "zh": ruleOther,

	"sv": ruleOne, "da": ruleOne, "nb": ruleOne, "nn": ruleOne, "no": ruleOne,
	"fi": ruleOne, "et": ruleOne, "el": ruleOne, "bg": ruleOne, "hu": ruleOne, "tr": ruleOne,
	"ko": ruleOther, "th": ruleOther, "vi": ruleOther, "id": ruleOther,
	"ru": ruleEastSlavic, "uk": ruleEastSlavic,
	"pl": rulePolish,
	"cs": ruleCzech, "sk": ruleCzech,
}

// ruleFor is the plural rule of a language tag: that of its base language
// ("zh-Hans" → "zh", "pt-BR" → "pt").
//
// CLDR's "pt" is the Portuguese of Brazil, which the built-in catalogue
// follows; Portugal's "pt-PT" counts 0 as "other", like Spanish.
func ruleFor(tag string) (pluralRule, bool) {
	if tag == "pt-PT" {
		return ruleOneMany, true
	}
	base, _, _ := strings.Cut(tag, "-")
	r, ok := rules[base]
	return r, ok
}
