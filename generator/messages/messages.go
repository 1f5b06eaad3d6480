// Package messages holds the fixed words of rolepack's outputs in each
// language: headings, labels, page stamps, plural phrases, dates and
// numbers. A staff member must read their roles in a language they
// understand, so no output writes an English word of its own: it asks a
// Catalogue.
//
// rolepack ships a catalogue per language (catalogues/<lang>/<area>.toml,
// built into the binary). English is the reference: it holds every key, and
// every other catalogue is checked against it, key by key and placeholder
// by placeholder. A pack may override messages of a shipped language or
// add a language with templates/messages/<lang>.toml; the file is checked
// at load, like every source, and each fault names its line.
// docs/messages.md describes the format.
package messages

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:embed catalogues/*/*.toml
var builtinFS embed.FS

// Reference is the language every other catalogue is checked against.
const Reference = "en"

// Catalogue is the messages of one language, resolved: the built-in
// catalogue with the pack's overrides applied, or the pack's own
// catalogue of a language rolepack does not ship. It holds every key
// English has, so a lookup of a built-in key cannot fail at run time.
// A Catalogue is immutable and safe for concurrent use.
type Catalogue struct {
	lang     string
	rule     pluralRule
	msgs     map[string]message
	group    string // digit group separator
	minGroup int    // CLDR minimumGroupingDigits
}

// builtin is a shipped catalogue, parsed and checked once.
type builtin struct {
	file *file // its area files merged, for a pack's overrides to be checked against
	msgs map[string]message
}

// builtins parses and checks the shipped catalogues on first use. A
// language is a directory, catalogues/<lang>/, of area files (base.toml,
// document.toml, workbook.toml …) so that a translator works through one
// output at a time; each area file must hold exactly the keys of English's
// file of the same name. A fault in one is rolepack's bug, reported by Load
// (and by the tests first).
var builtins = sync.OnceValues(func() (map[string]*builtin, error) {
	langs, err := fs.ReadDir(builtinFS, "catalogues")
	if err != nil {
		return nil, err
	}
	areas := map[string]map[string]*file{} // lang → area → file
	var errs Errors
	for _, l := range langs {
		entries, err := fs.ReadDir(builtinFS, "catalogues/"+l.Name())
		if err != nil {
			return nil, err
		}
		areas[l.Name()] = map[string]*file{}
		for _, e := range entries {
			area, ok := strings.CutSuffix(e.Name(), ".toml")
			if !ok {
				continue
			}
			name := "catalogues/" + l.Name() + "/" + e.Name()
			data, err := builtinFS.ReadFile(name)
			if err != nil {
				return nil, err
			}
			f, ferrs := parseFile("generator/messages/"+name, data)
			errs = append(errs, ferrs...)
			areas[l.Name()][area] = f
		}
	}
	ref := areas[Reference]
	if ref == nil {
		return nil, errors.New("messages: no built-in English catalogue")
	}
	out := map[string]*builtin{}
	for lang, files := range areas {
		rule, ok := ruleFor(lang)
		if !ok {
			errs = append(errs, &Error{File: "generator/messages/catalogues/" + lang, Msg: "no plural rule for " + lang})
			continue
		}
		b := &builtin{file: &file{name: "generator/messages/catalogues/" + lang, entries: map[string]*entry{}, at: map[string]pos{}}, msgs: map[string]message{}}
		for _, area := range slices.Sorted(maps.Keys(files)) {
			f := files[area]
			r := ref[area]
			if r == nil {
				errs = append(errs, &Error{File: f.name, Msg: "English has no " + area + ".toml: every language has the same area files"})
				continue
			}
			if lang == Reference {
				r = nil
			}
			msgs, cerrs := checkAgainst(f, r, lang, rule, true)
			errs = append(errs, cerrs...)
			for k, m := range msgs {
				if _, dup := b.msgs[k]; dup {
					errs = append(errs, &Error{File: f.name, Line: f.where(k).line, Col: f.where(k).col, Msg: "message " + quote(k) + " is also in another area file"})
				}
				b.msgs[k] = m
			}
			maps.Copy(b.file.entries, f.entries)
			maps.Copy(b.file.at, f.at)
		}
		for area := range ref {
			if files[area] == nil {
				errs = append(errs, &Error{File: "generator/messages/catalogues/" + lang, Msg: "lacks " + area + ".toml, which English has"})
			}
		}
		out[lang] = b
	}
	if len(errs) > 0 {
		sortErrors(errs)
		return nil, errs
	}
	return out, nil
})

// Languages is the languages rolepack ships catalogues for, sorted.
func Languages() []string {
	b, err := builtins()
	if err != nil {
		return nil
	}
	return slices.Sorted(maps.Keys(b))
}

// languageTag is the form of tag Load accepts: a language, an optional
// script and an optional region ("de", "zh-Hans", "pt-BR", "zh-Hant-TW").
var languageTag = regexp.MustCompile(`^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$`)

// OverridePath is where, in a pack's templates directory, the catalogue of
// lang is: the file that overrides messages of a shipped language or adds
// a language.
func OverridePath(lang string) string { return OverrideDir + "/" + lang + ".toml" }

// OverrideDir is the directory of a pack's templates that holds its
// catalogue overrides.
const OverrideDir = "messages"

// Load returns the catalogue of lang: the shipped one with the messages
// of the pack's templates/messages/<lang>.toml in place of its own, or
// that file alone for a language rolepack does not ship, which must then
// define every message English has. overrides is the pack's templates
// directory (nil: none). Every fault of the pack's file is returned at
// once, as Errors sorted by position, so that its author fixes them in
// one pass.
func Load(lang string, overrides fs.FS) (*Catalogue, error) {
	if !languageTag.MatchString(lang) {
		return nil, fmt.Errorf("%q is not a language tag such as \"de\", \"pt-BR\" or \"zh-Hans\"", lang)
	}
	all, err := builtins()
	if err != nil {
		return nil, err
	}
	ref := all[Reference]
	base := all[lang]
	c := &Catalogue{lang: lang, msgs: map[string]message{}}
	if base != nil {
		maps.Copy(c.msgs, base.msgs)
	}
	name := path.Join("templates", OverridePath(lang))
	data, found, err := readOverride(overrides, lang)
	if err != nil {
		return nil, &Error{File: name, Msg: err.Error()}
	}
	if !found && base == nil {
		return nil, fmt.Errorf("no messages for language %q: rolepack ships %s; a pack adds a language with %s", lang, strings.Join(Languages(), ", "), name)
	}
	rule, ok := ruleFor(lang)
	if !ok {
		known := slices.Sorted(maps.Keys(rules))
		return nil, &Error{File: name, Msg: fmt.Sprintf("rolepack knows no plural rules for %q, so it cannot count in it: it knows %s", lang, strings.Join(known, ", "))}
	}
	c.rule = rule
	if found {
		f, errs := parseFile(name, data)
		if len(errs) > 0 {
			return nil, errs
		}
		msgs, errs := checkAgainst(f, ref.file, lang, rule, base == nil)
		if len(errs) > 0 {
			return nil, errs
		}
		maps.Copy(c.msgs, msgs)
	}
	c.group = c.raw("number.group")
	c.minGroup, _ = strconv.Atoi(c.raw("number.min_grouping"))
	return c, nil
}

// Builtin is rolepack's own catalogue of lang, without a pack's
// overrides, or English's when rolepack ships none for lang: the words of
// a view built without WithWords (tests, tools). It panics only if the
// shipped catalogues are broken, which the package's tests rule out.
func Builtin(lang string) *Catalogue {
	if c, ok := builtinCache.Load(lang); ok {
		return c.(*Catalogue)
	}
	c, err := Load(lang, nil)
	if err != nil {
		c, err = Load(Reference, nil)
	}
	if err != nil {
		panic("messages: the built-in catalogues do not load: " + err.Error())
	}
	builtinCache.Store(lang, c) // immutable: one per language will do
	return c
}

var builtinCache sync.Map // language tag → *Catalogue

// readOverride reads the pack's catalogue of lang, if it has one: a
// regular file of at most MaxFileSize bytes.
func readOverride(overrides fs.FS, lang string) (data []byte, found bool, err error) {
	if overrides == nil {
		return nil, false, nil
	}
	f, err := overrides.Open(OverridePath(lang))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, false, err
	}
	if !info.Mode().IsRegular() {
		return nil, false, errors.New("is not a regular file")
	}
	data, err = io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, false, err
	}
	return data, true, nil
}

// Lang is the catalogue's language tag, as given to Load.
func (c *Catalogue) Lang() string { return c.lang }

// Keys is every message key of the catalogue, sorted: English's, the same
// in every catalogue.
func (c *Catalogue) Keys() []string { return slices.Sorted(maps.Keys(c.msgs)) }

// Text is the message of key with its placeholders filled from args,
// given as alternating names and values: Text("common.page_of", "n", 3,
// "total", 12). A value is printed once, as it is, never read for
// placeholders itself: an int as Number prints it, a time.Time as Date
// does, a string as written (a year or an id: pass a string to print
// digits ungrouped), anything else as fmt prints it. A placeholder with no
// value stays "{name}" on the page, where a reader and the tests see it.
//
// key is one of English's keys, a constant of the calling code; a key the
// catalogue lacks comes back as itself, never as an empty string.
func (c *Catalogue) Text(key string, args ...any) string {
	m, ok := c.msgs[key]
	if !ok {
		return key
	}
	if m.forms != nil {
		return c.expand(m.forms["other"], args)
	}
	return c.expand(m.text, args)
}

// Plural is the form of plural message key that the language uses for
// count ("1 gap", "2 gaps"; "1 lacune", "0 lacune" in French), with {count}
// set to count as Number prints it (whatever args say of "count"), and
// other placeholders from args as Text takes them. A form the catalogue leaves out is "other"'s.
func (c *Catalogue) Plural(key string, count int, args ...any) string {
	m, ok := c.msgs[key]
	if !ok {
		return key
	}
	// count goes last, so that it wins over a "count" in args.
	args = append(args[:len(args)&^1:len(args)&^1], "count", count)
	if m.forms == nil {
		return c.expand(m.text, args)
	}
	form, ok := m.forms[c.rule.of(count)]
	if !ok {
		form = m.forms["other"]
	}
	return c.expand(form, args)
}

// expand fills a message's placeholders in one pass: the values are not
// read again, so a name with braces in it prints as written.
func (c *Catalogue) expand(ps []piece, args []any) string {
	var b strings.Builder
	for _, p := range ps {
		if p.name == "" {
			b.WriteString(p.lit)
			continue
		}
		v, ok := lookup(args, p.name)
		if !ok {
			b.WriteString("{" + p.name + "}")
			continue
		}
		b.WriteString(c.format(v))
	}
	return b.String()
}

// lookup is the value of name in alternating name/value args; a later
// pair wins over an earlier one.
func lookup(args []any, name string) (any, bool) {
	var v any
	found := false
	for i := 0; i+1 < len(args); i += 2 {
		if n, ok := args[i].(string); ok && n == name {
			v, found = args[i+1], true
		}
	}
	return v, found
}

func (c *Catalogue) format(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return c.Number(v)
	case int64:
		return c.Number(int(v))
	case int32:
		return c.Number(int(v))
	case time.Time:
		return c.Date(v)
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}

// raw is a text message's literal text (format data such as the digit
// group separator).
func (c *Catalogue) raw(key string) string {
	var b strings.Builder
	for _, p := range c.msgs[key].text {
		b.WriteString(p.lit)
	}
	return b.String()
}

// Fragments are the words of message key as its forms write them, cut at
// each placeholder and trimmed: "Page {n} of {total}" has "Page" and
// "of". A test that an output in another language holds none of
// English's fixed words looks for these.
func (c *Catalogue) Fragments(key string) []string {
	m := c.msgs[key]
	forms := [][]piece{m.text}
	if m.forms != nil {
		forms = nil
		for _, cat := range categories {
			if f, ok := m.forms[cat]; ok {
				forms = append(forms, f)
			}
		}
	}
	var out []string
	for _, f := range forms {
		var b strings.Builder
		flush := func() {
			if s := strings.TrimSpace(b.String()); s != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
			b.Reset()
		}
		for _, p := range f {
			if p.name != "" {
				flush()
				continue
			}
			b.WriteString(p.lit)
		}
		flush()
	}
	return out
}

// Number prints n with the language's digit grouping: "1,234,567" in
// English, "1.234.567" in German, "1 234 567" in French (a narrow no-break
// space, so that a number never breaks across lines). Spanish groups only
// numbers of five digits or more ("1234", "12.345"), as CLDR's
// minimumGroupingDigits of 2 says; the catalogue's number.group and
// number.min_grouping hold both.
func (c *Catalogue) Number(n int) string {
	digits := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	if c.group == "" || len(digits) < 3+max(c.minGroup, 1) {
		return sign + digits
	}
	var b strings.Builder
	b.WriteString(sign)
	first := len(digits) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(digits[:first])
	for i := first; i < len(digits); i += 3 {
		b.WriteString(c.group)
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// monthKeys are the keys of the months' names, January first.
var monthKeys = [12]string{"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december"}

// Date prints t's calendar date in the language's long form: "7 December
// 2026", "7. Dezember 2026", "7 de diciembre de 2026", "2026年12月7日".
// The form is the catalogue's date.long, with {day}, {month} (the name
// from date.months) and {year}; the time of day and zone are not printed.
func (c *Catalogue) Date(t time.Time) string {
	return c.Text("date.long",
		"day", strconv.Itoa(t.Day()),
		"month", c.Text("date.months."+monthKeys[t.Month()-1]),
		"year", strconv.Itoa(t.Year()))
}

// WriteCanonical writes to w every message of the catalogue, keys sorted,
// each text or plural form as its pieces: what the outputs print, with
// nothing of how the files that gave it were written (comments, order,
// quoting). It is the catalogue's part of the content hash.
func (c *Catalogue) WriteCanonical(w io.Writer) {
	fmt.Fprintf(w, "messages\x00%s\x00", c.lang)
	writePieces := func(ps []piece) {
		for _, p := range ps {
			if p.name != "" {
				fmt.Fprintf(w, "{%s}\x00", p.name)
			} else {
				fmt.Fprintf(w, "%q\x00", p.lit)
			}
		}
	}
	for _, key := range c.Keys() {
		m := c.msgs[key]
		fmt.Fprintf(w, "\x01%s\x00", key)
		if m.forms == nil {
			writePieces(m.text)
			continue
		}
		for _, form := range slices.Sorted(maps.Keys(m.forms)) {
			fmt.Fprintf(w, "\x02%s\x00", form)
			writePieces(m.forms[form])
		}
	}
}
