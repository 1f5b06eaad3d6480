package messages

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// load is Load with the pack's templates holding the given files.
func load(t testing.TB, lang string, files map[string]string) (*Catalogue, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return Load(lang, fsys)
}

func mustLoad(t testing.TB, lang string) *Catalogue {
	t.Helper()
	c, err := Load(lang, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLanguages(t *testing.T) {
	want := []string{"de", "en", "es", "fr", "it", "ja", "nl", "pt", "zh-Hans"}
	if got := Languages(); !slices.Equal(got, want) {
		t.Fatalf("Languages() = %v, want %v", got, want)
	}
}

// TestBuiltinComplete walks every shipped catalogue against English: the
// same keys, each a text or plural where English's is, the same
// placeholders, every plural category the language uses written out, and
// no empty message. It is what makes a missing key impossible at run time.
func TestBuiltinComplete(t *testing.T) {
	all, err := builtins()
	if err != nil {
		t.Fatal(err)
	}
	en := all[Reference].file
	if n := len(en.entries); n < 20 {
		t.Fatalf("English has %d messages; the starter set is larger", n)
	}
	for _, lang := range Languages() {
		f := all[lang].file
		rule, _ := ruleFor(lang)
		if got, want := slices.Sorted(maps.Keys(f.entries)), slices.Sorted(maps.Keys(en.entries)); !slices.Equal(got, want) {
			t.Errorf("%s: keys %v, English's %v", lang, got, want)
			continue
		}
		c := mustLoad(t, lang)
		if !slices.Equal(c.Keys(), slices.Sorted(maps.Keys(en.entries))) {
			t.Errorf("%s: the loaded catalogue's keys differ from English's", lang)
		}
		for key, e := range f.entries {
			r := en.entries[key]
			if e.plural != r.plural {
				t.Errorf("%s: %s: plural %v, English %v", lang, key, e.plural, r.plural)
				continue
			}
			if !e.plural {
				if strings.TrimSpace(e.text) == "" && key != "number.group" {
					t.Errorf("%s: %s is empty", lang, key)
				}
				if got, want := names(t, e.text), names(t, r.text); !slices.Equal(got, want) {
					t.Errorf("%s: %s has placeholders %v, English %v", lang, key, got, want)
				}
				continue
			}
			for _, cat := range rule.uses {
				if _, ok := e.forms[cat]; !ok {
					t.Errorf("%s: %s lacks the %q form the language uses", lang, key, cat)
				}
			}
			for cat, text := range e.forms {
				got, want := names(t, text), names(t, r.forms["other"])
				if !slices.Equal(got, want) {
					t.Errorf("%s: %s.%s has placeholders %v, English %v", lang, key, cat, got, want)
				}
			}
		}
	}
}

func names(t *testing.T, text string) []string {
	t.Helper()
	ps, err := parseTemplate(text)
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	return slices.Sorted(maps.Keys(placeholders(ps)))
}

func TestPluralOfBuiltins(t *testing.T) {
	counts := []int{0, 1, 2, 5, 11, 21, 100, 1_000_000}
	tests := []struct {
		lang string
		want []string
	}{
		{"en", []string{"0 gaps", "1 gap", "2 gaps", "5 gaps", "11 gaps", "21 gaps", "100 gaps", "1,000,000 gaps"}},
		{"de", []string{"0 Lücken", "1 Lücke", "2 Lücken", "5 Lücken", "11 Lücken", "21 Lücken", "100 Lücken", "1.000.000 Lücken"}},
		{"nl", []string{"0 hiaten", "1 hiaat", "2 hiaten", "5 hiaten", "11 hiaten", "21 hiaten", "100 hiaten", "1.000.000 hiaten"}},
		{"fr", []string{"0 écart", "1 écart", "2 écarts", "5 écarts", "11 écarts", "21 écarts", "100 écarts", "1\u202f000\u202f000 d'écarts"}},
		{"pt", []string{"0 lacuna", "1 lacuna", "2 lacunas", "5 lacunas", "11 lacunas", "21 lacunas", "100 lacunas", "1.000.000 de lacunas"}},
		{"es", []string{"0 brechas", "1 brecha", "2 brechas", "5 brechas", "11 brechas", "21 brechas", "100 brechas", "1.000.000 de brechas"}},
		{"it", []string{"0 lacune", "1 lacuna", "2 lacune", "5 lacune", "11 lacune", "21 lacune", "100 lacune", "1.000.000 di lacune"}},
		{"ja", []string{"不足 0 件", "不足 1 件", "不足 2 件", "不足 5 件", "不足 11 件", "不足 21 件", "不足 100 件", "不足 1,000,000 件"}},
		{"zh-Hans", []string{"0 项差距", "1 项差距", "2 项差距", "5 项差距", "11 项差距", "21 项差距", "100 项差距", "1,000,000 项差距"}},
	}
	for _, tt := range tests {
		c := mustLoad(t, tt.lang)
		for i, n := range counts {
			if got := c.Plural("common.gaps", n); got != tt.want[i] {
				t.Errorf("%s: Plural(common.gaps, %d) = %q, want %q", tt.lang, n, got, tt.want[i])
			}
		}
	}
	en := mustLoad(t, "en")
	if got := en.Plural("common.holders", 1); got != "1 holder" {
		t.Errorf("en holders 1: %q", got)
	}
	if got := en.Plural("common.holders", -1); got != "-1 holders" {
		t.Errorf("en holders -1: %q", got)
	}
}

// TestPluralRules checks the categories of each rule, the nine shipped
// languages' and those a pack may add.
func TestPluralRules(t *testing.T) {
	counts := []int{0, 1, 2, 5, 11, 21, 22, 100, 112, 2_000_000, 1_000_001}
	tests := []struct {
		lang string
		want string // a letter per count: z o t f m x(other)
	}{
		{"en", "xoxxxxxxxxx"},
		{"de", "xoxxxxxxxxx"},
		{"nl", "xoxxxxxxxxx"},
		{"es", "xoxxxxxxxmx"},
		{"it", "xoxxxxxxxmx"},
		{"fr", "ooxxxxxxxmx"},
		{"pt", "ooxxxxxxxmx"},
		{"pt-PT", "xoxxxxxxxmx"},
		{"ja", "xxxxxxxxxxx"},
		{"zh-Hans", "xxxxxxxxxxx"},
		{"sv", "xoxxxxxxxxx"},
		{"ru", "mofmmofmmmo"},
		{"uk", "mofmmofmmmo"},
		{"pl", "mofmmmfmmmm"},
		{"cs", "xofxxxxxxxx"},
	}
	letter := map[string]byte{"zero": 'z', "one": 'o', "two": 't', "few": 'f', "many": 'm', "other": 'x'}
	for _, tt := range tests {
		rule, ok := ruleFor(tt.lang)
		if !ok {
			t.Errorf("%s: no rule", tt.lang)
			continue
		}
		got := make([]byte, len(counts))
		for i, n := range counts {
			cat := rule.of(n)
			got[i] = letter[cat]
			if !slices.Contains(rule.uses, cat) {
				t.Errorf("%s: %d is %q, which the rule does not list", tt.lang, n, cat)
			}
		}
		if string(got) != tt.want {
			t.Errorf("%s: categories of %v = %s, want %s", tt.lang, counts, got, tt.want)
		}
		if !slices.Contains(rule.uses, "other") {
			t.Errorf("%s: the rule lacks other", tt.lang)
		}
	}
}

func TestDate(t *testing.T) {
	day := time.Date(2026, 12, 7, 23, 30, 0, 0, time.UTC)
	want := map[string]string{
		"en":      "7 December 2026",
		"de":      "7. Dezember 2026",
		"fr":      "7 décembre 2026",
		"es":      "7 de diciembre de 2026",
		"it":      "7 dicembre 2026",
		"nl":      "7 december 2026",
		"pt":      "7 de dezembro de 2026",
		"ja":      "2026年12月7日",
		"zh-Hans": "2026年12月7日",
	}
	for lang, w := range want {
		if got := mustLoad(t, lang).Date(day); got != w {
			t.Errorf("%s: Date = %q, want %q", lang, got, w)
		}
	}
	en, de := mustLoad(t, "en"), mustLoad(t, "de")
	for m := time.January; m <= time.December; m++ {
		d := time.Date(2027, m, 1, 0, 0, 0, 0, time.UTC)
		if got, w := en.Date(d), "1 "+m.String()+" 2027"; got != w {
			t.Errorf("en: %q, want %q", got, w)
		}
	}
	if got := de.Date(time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)); got != "31. März 2026" {
		t.Errorf("de: %q", got)
	}
	// A year is printed in digits, never grouped.
	if got := en.Date(time.Date(12026, 1, 2, 0, 0, 0, 0, time.UTC)); got != "2 January 12026" {
		t.Errorf("en: %q", got)
	}
}

func TestNumber(t *testing.T) {
	nums := []int{0, 7, 999, 1234, 12345, 1234567, -1234567}
	want := map[string][]string{
		"en":      {"0", "7", "999", "1,234", "12,345", "1,234,567", "-1,234,567"},
		"de":      {"0", "7", "999", "1.234", "12.345", "1.234.567", "-1.234.567"},
		"fr":      {"0", "7", "999", "1\u202f234", "12\u202f345", "1\u202f234\u202f567", "-1\u202f234\u202f567"},
		"es":      {"0", "7", "999", "1234", "12.345", "1.234.567", "-1.234.567"},
		"it":      {"0", "7", "999", "1.234", "12.345", "1.234.567", "-1.234.567"},
		"nl":      {"0", "7", "999", "1.234", "12.345", "1.234.567", "-1.234.567"},
		"pt":      {"0", "7", "999", "1.234", "12.345", "1.234.567", "-1.234.567"},
		"ja":      {"0", "7", "999", "1,234", "12,345", "1,234,567", "-1,234,567"},
		"zh-Hans": {"0", "7", "999", "1,234", "12,345", "1,234,567", "-1,234,567"},
	}
	for lang, w := range want {
		c := mustLoad(t, lang)
		for i, n := range nums {
			if got := c.Number(n); got != w[i] {
				t.Errorf("%s: Number(%d) = %q, want %q", lang, n, got, w[i])
			}
		}
	}
	en := mustLoad(t, "en")
	if got := en.Number(-9223372036854775808); got != "-9,223,372,036,854,775,808" {
		t.Errorf("min int: %q", got)
	}
}

func TestText(t *testing.T) {
	en := mustLoad(t, "en")
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"plain", en.Text("document.responsibilities"), "Responsibilities"},
		{"ints grouped", en.Text("common.page_of", "n", 3, "total", 1200), "Page 3 of 1,200"},
		{"strings as written", en.Text("common.version", "version", "2026.1"), "Version 2026.1"},
		{"braces in a value are not expanded", en.Text("common.version", "version", "{total} {{n}}"), "Version {total} {{n}}"},
		{"a missing value stays visible", en.Text("common.page_of", "n", 3), "Page 3 of {total}"},
		{"a later pair wins", en.Text("common.version", "version", "1", "version", "2"), "Version 2"},
		{"an odd last name is ignored", en.Text("common.version", "version", "1", "extra"), "Version 1"},
		{"a date value", en.Text("common.version", "version", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)), "Version 2 January 2026"},
		{"int64", en.Text("common.version", "version", int64(10000)), "Version 10,000"},
		{"other values by fmt", en.Text("common.version", "version", 1.5), "Version 1.5"},
		{"an unknown key comes back as itself", en.Text("document.nope"), "document.nope"},
		{"a plural's other form as a text", en.Text("common.gaps", "count", 1), "1 gaps"},
		{"plural with a text key", en.Plural("document.title", 2), "Information Security Roles, Responsibilities and Authorities"},
		{"plural of an unknown key", en.Plural("common.nope", 2), "common.nope"},
		{"plural's count is the count", en.Plural("common.gaps", 3, "count", 9), "3 gaps"},
		{"plural with an odd last name", en.Plural("common.gaps", 1, "x"), "1 gap"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	if en.Lang() != "en" {
		t.Errorf("Lang() = %q", en.Lang())
	}
}

func TestTemplateBraces(t *testing.T) {
	c, err := load(t, "de", map[string]string{"messages/de.toml": "[common]\nversion = \"{{Version}} {version}}}\"\n"})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Text("common.version", "version", "3"); got != "{Version} 3}" {
		t.Errorf("%q", got)
	}
}

func TestOverrideReplaces(t *testing.T) {
	c, err := load(t, "de", map[string]string{"messages/de.toml": "[document]\nholders = \"Inhaberinnen und Inhaber\"\n\n[common.gaps]\nother = \"{count} offene Punkte\"\n"})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Text("document.holders"); got != "Inhaberinnen und Inhaber" {
		t.Errorf("holders: %q", got)
	}
	if got := c.Text("document.authorities"); got != "Befugnisse" {
		t.Errorf("authorities (not overridden): %q", got)
	}
	// An override replaces a plural message whole: its "one" is now "other"'s.
	if got := c.Plural("common.gaps", 1); got != "1 offene Punkte" {
		t.Errorf("gaps: %q", got)
	}
	// The built-in catalogue is untouched.
	if got := mustLoad(t, "de").Text("document.holders"); got != "Rolleninhaber" {
		t.Errorf("built-in de changed: %q", got)
	}
	// Other languages' files are not read.
	c, err = load(t, "en", map[string]string{"messages/de.toml": "not toml"})
	if err != nil || c.Text("document.holders") != "Holders" {
		t.Errorf("en with a broken de file: %v", err)
	}
}

func TestAddLanguage(t *testing.T) {
	sv, err := os.ReadFile("testdata/sv.toml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := load(t, "sv", map[string]string{"messages/sv.toml": completed(t, sv)})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ got, want string }{
		{c.Lang(), "sv"},
		{c.Text("document.authorities"), "Befogenheter"},
		{c.Plural("common.gaps", 1), "1 brist"},
		{c.Plural("common.gaps", 3), "3 brister"},
		{c.Plural("common.holders", 1234), "1234 innehavare"},
		{c.Plural("common.holders", 12345), "12\u00a0345 innehavare"},
		{c.Date(time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)), "7 december 2026"},
		{c.Text("common.page_of", "n", 1, "total", 2), "Sida 1 av 2"},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Errorf("%q, want %q", ck.got, ck.want)
		}
	}
	if !slices.Equal(c.Keys(), mustLoad(t, "en").Keys()) {
		t.Error("sv's keys differ from English's")
	}
}

// completed is a catalogue of a language rolepack does not ship: the
// fixture's messages (a few areas, translated), and English's for the
// areas it leaves out, as a pack's translator has them while working —
// so that the fixture need not grow with every message rolepack adds.
// Every message is written as a dotted key at the top of the file.
func completed(t *testing.T, fixture []byte) string {
	t.Helper()
	f, errs := parseFile("testdata/sv.toml", fixture)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	all, err := builtins()
	if err != nil {
		t.Fatal(err)
	}
	entries := maps.Clone(all[Reference].file.entries)
	maps.Copy(entries, f.entries)
	quote := func(s string) string {
		var b strings.Builder
		b.WriteByte('"')
		for _, r := range s {
			switch {
			case r == '"' || r == '\\':
				b.WriteString("\\" + string(r))
			case r < 0x20 || r == 0x7f:
				fmt.Fprintf(&b, "\\u%04X", r)
			default:
				b.WriteRune(r)
			}
		}
		return b.String() + `"`
	}
	var b strings.Builder
	for _, key := range slices.Sorted(maps.Keys(entries)) {
		e := entries[key]
		if !e.plural {
			fmt.Fprintf(&b, "%s = %s\n", key, quote(e.text))
			continue
		}
		for _, form := range slices.Sorted(maps.Keys(e.forms)) {
			fmt.Fprintf(&b, "%s.%s = %s\n", key, form, quote(e.forms[form]))
		}
	}
	return b.String()
}

// TestLoadErrors checks each fault a pack's catalogue can have, with the
// position it is reported at.
func TestLoadErrors(t *testing.T) {
	const de = "messages/de.toml"
	tests := []struct {
		name  string
		lang  string
		files map[string]string
		want  []string
	}{
		{"unknown key", "de", map[string]string{de: "[document]\ntitle = \"Rollen\"\n\n\nresponsibilites = \"X\"\n"},
			[]string{`templates/messages/de.toml:5:1: unknown message key "document.responsibilites" (did you mean "document.responsibilities"?)`}},
		{"unknown key, no hint", "de", map[string]string{de: "zzz = \"X\"\n"},
			[]string{`templates/messages/de.toml:1:1: unknown message key "zzz"`}},
		{"placeholders", "de", map[string]string{de: "[common]\n  page_of = \"Seite {count}\"\n"},
			[]string{
				`templates/messages/de.toml:2:3: "common.page_of" uses {count}, which the English message does not have`,
				`templates/messages/de.toml:2:3: "common.page_of" lacks {n}, which the English message has`,
				`templates/messages/de.toml:2:3: "common.page_of" lacks {total}, which the English message has`,
			}},
		{"plural without other", "de", map[string]string{de: "[common.gaps]\none = \"{count} Lücke\"\n"},
			[]string{`templates/messages/de.toml:1:1: plural message "common.gaps" has no "other" form: every plural message needs one`}},
		{"category the language does not use", "de", map[string]string{de: "common.gaps = { one = \"{count} Lücke\", few = \"x\", other = \"{count} Lücken\" }\n"},
			[]string{`templates/messages/de.toml:1:40: "common.gaps" has a "few" form, which de does not use (its forms: one, other)`}},
		{"a form that is no category", "de", map[string]string{de: "[common.gaps]\nother = \"{count}\"\nsingular = \"x\"\n"},
			[]string{`templates/messages/de.toml:3:1: plural message "common.gaps" has a form "singular": the forms are the CLDR categories zero, one, two, few, many, other`}},
		{"plural form placeholders", "de", map[string]string{de: "[common.gaps]\none = \"eine Lücke\"\nother = \"Lücken {n}\"\n"},
			[]string{
				`templates/messages/de.toml:3:1: "common.gaps.other" uses {n}, which the English message does not have`,
				`templates/messages/de.toml:3:1: "common.gaps.other" lacks {count}, which the English message has`,
			}},
		{"text for a plural", "de", map[string]string{de: "[common]\ngaps = \"Lücken\"\n"},
			[]string{`templates/messages/de.toml:2:1: "common.gaps" is a plural message: write it as a table of forms, such as common.gaps.one and common.gaps.other`}},
		{"plural for a text", "de", map[string]string{de: "[document.title]\nother = \"Titel\"\n"},
			[]string{`templates/messages/de.toml:1:1: "document.title" is a text, not a plural message: write it as one text`}},
		{"broken braces", "de", map[string]string{de: "[document]\ntitle = \"Rollen {\"\ndraft = \"}\"\nscope = \"{Scope}\"\n"},
			[]string{
				`templates/messages/de.toml:2:1: "document.title" has a "{" that is not closed (write "{{" for a brace)`,
				`templates/messages/de.toml:3:1: "document.draft" has a lone "}" (write "}}" for a brace)`,
				`templates/messages/de.toml:4:1: "document.scope" has "{Scope}", which is not a placeholder: a name of lowercase letters, digits and "_" (write "{{" for a brace)`,
			}},
		{"not a text", "de", map[string]string{de: "[document]\ntitle = 3\ndraft = [\"a\"]\n"},
			[]string{
				`templates/messages/de.toml:2:1: "document.title" is a number: a message is a text, or a table of plural forms`,
				`templates/messages/de.toml:3:1: "document.draft" is a list: a message is a text, or a table of plural forms`,
			}},
		{"key shape", "de", map[string]string{de: "[document]\nTitle = \"x\"\none = \"y\"\n"},
			[]string{
				`templates/messages/de.toml:2:1: "document.Title" is not a message key: each part of a key is lowercase letters, digits and "_", starting with a letter`,
				`templates/messages/de.toml:3:1: "document.one" is a plural form outside a plural message: a plural message is a table of forms with an "other" form`,
			}},
		{"min grouping", "de", map[string]string{de: "[number]\nmin_grouping = \"4\"\n"},
			[]string{`templates/messages/de.toml:2:1: "number.min_grouping" is "4": it is "1", "2" or "3" (CLDR's minimumGroupingDigits)`}},
		{"syntax", "de", map[string]string{de: "[document]\ntitle = \"Rollen\n"},
			[]string{`templates/messages/de.toml:2:16: strings cannot contain newlines`}},
		{"invalid UTF-8", "de", map[string]string{de: "[document]\ntitle = \"R\xf6llen\"\n"},
			[]string{`templates/messages/de.toml:2:11: the file is not valid UTF-8: save it as UTF-8`}},
		{"too large", "de", map[string]string{de: "# " + strings.Repeat("x", MaxFileSize) + "\n"},
			[]string{`templates/messages/de.toml: the file is larger than 1024 KiB: a catalogue is a few tens of kilobytes`}},
		{"too deep", "de", map[string]string{de: "a = [[[[[[[[[[1]]]]]]]]]]\n"},
			[]string{`templates/messages/de.toml: keys or values nest more than 8 deep: a catalogue needs a group, a key and plural forms`}},
		{"a new language lacks keys", "sv", map[string]string{"messages/sv.toml": "[document]\ntitle = \"Roller\"\n\n[signature]\nname = \"Namn\"\n"},
			nil}, // checked below: one error per missing key
		{"a new language without plural rules", "xx", map[string]string{"messages/xx.toml": "[document]\ntitle = \"X\"\n"},
			[]string{`templates/messages/xx.toml: rolepack knows no plural rules for "xx", so it cannot count in it: it knows bg, cs, da, de, el, en, es, et, fi, fr, hu, id, it, ja, ko, nb, nl, nn, no, pl, pt, ru, sk, sv, th, tr, uk, vi, zh`}},
		{"a language without messages", "sv", nil,
			[]string{`no messages for language "sv": rolepack ships de, en, es, fr, it, ja, nl, pt, zh-Hans; a pack adds a language with templates/messages/sv.toml`}},
		{"not a tag", "EN_us", nil,
			[]string{`"EN_us" is not a language tag such as "de", "pt-BR" or "zh-Hans"`}},
		{"not a file", "de", map[string]string{"messages/de.toml/x": ""},
			[]string{`templates/messages/de.toml: is not a regular file`}},
		{"all faults, by position", "de", map[string]string{de: "[signature]\nnamee = \"N\"\n\n[document]\ntitel = \"T\"\ndraft = \"{x}\"\n"},
			[]string{
				`templates/messages/de.toml:2:1: unknown message key "signature.namee" (did you mean "signature.name"?)`,
				`templates/messages/de.toml:5:1: unknown message key "document.titel" (did you mean "document.title"?)`,
				`templates/messages/de.toml:6:1: "document.draft" uses {x}, which the English message does not have`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := load(t, tt.lang, tt.files)
			if err == nil {
				t.Fatalf("loaded %v, want an error", c.Lang())
			}
			got := strings.Split(err.Error(), "\n")
			if tt.want == nil {
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestNewLanguageLacksKeys(t *testing.T) {
	_, err := load(t, "sv", map[string]string{"messages/sv.toml": "[document]\ntitle = \"Roller\"\n\n[signature]\nname = \"Namn\"\n"})
	errs, ok := err.(Errors)
	if !ok {
		t.Fatalf("%T %v, want Errors", err, err)
	}
	en := mustLoad(t, "en")
	if len(errs) != len(en.Keys())-2 {
		t.Errorf("%d errors, want one per missing key (%d):\n%v", len(errs), len(en.Keys())-2, err)
	}
	for _, want := range []string{
		`templates/messages/sv.toml:1:1: lacks message "document.authorities": a language rolepack does not ship must define every message English has`,
		`templates/messages/sv.toml:4:1: lacks message "signature.approved_by": a language rolepack does not ship must define every message English has`,
		`templates/messages/sv.toml:1:1: lacks message "common.page_of": a language rolepack does not ship must define every message English has`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %s in\n%v", want, err)
		}
	}
	for i := 1; i < len(errs); i++ {
		if errs[i].Line < errs[i-1].Line {
			t.Errorf("not sorted by position: %v before %v", errs[i-1], errs[i])
		}
	}
}

// TestLargeFileInTime loads a file at the size cap full of unknown keys:
// the work is linear, the hints capped.
func TestLargeFileInTime(t *testing.T) {
	var b strings.Builder
	b.WriteString("[document]\n")
	for i := 0; b.Len() < MaxFileSize-100; i++ {
		b.WriteString("responsibilites_")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(string(rune('a' + i%26)))
		b.WriteString(" = \"{count}\"\n")
	}
	start := time.Now()
	_, err := load(t, "de", map[string]string{"messages/de.toml": b.String()})
	if err == nil {
		t.Fatal("no error")
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestFragments(t *testing.T) {
	en, err := Load("en", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := en.Fragments("common.page_of"); !slices.Equal(got, []string{"Page", "of"}) {
		t.Errorf("page_of fragments %q", got)
	}
	if got := en.Fragments("common.gaps"); !slices.Equal(got, []string{"gap", "gaps"}) {
		t.Errorf("gaps fragments %q", got)
	}
	if got := en.Fragments("no.such.key"); len(got) != 0 {
		t.Errorf("unknown key fragments %q", got)
	}
}
