package model

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/rolepack/rolepack/generator/fonts"
)

// Limits on source values. They keep a mistaken or hostile source from
// exhausting memory or producing an unreadable document.
const (
	MaxFileBytes = 32 << 20 // one source file
	// MaxFontBytes is one font file of the pack ([[font]]), larger than a
	// source: a CJK face is 16–20 MB.
	MaxFontBytes  = fonts.MaxFileBytes
	MaxTextRunes  = 20000 // one text value, such as a purpose
	MaxLineRunes  = 2000  // one short value, such as a name or a list item
	MaxListLength = 1000  // entries of one list value, such as responsibilities
	MaxIDLength   = 64
)

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// decoder reads the generic TOML tree of one file into model values,
// collecting every problem instead of stopping at the first.
type decoder struct {
	file string
	ix   *posIndex
	errs *Errors
	// badIDs collects ids already reported as malformed, so references to
	// them are not reported again as unknown.
	badIDs map[string]bool
	// badUses gathers the writings of each malformed id across the files,
	// so one id is reported once (see loader.reportBadIDs); nil reports
	// each at once.
	badUses map[string]*badID
	// pack keeps the values the documents print (Pack.PrintedTexts).
	pack *Pack
}

// badID is one malformed id and where it is written.
type badID struct {
	pos   Pos    // the definition (an "id" key) if there is one, else the first use
	msg   string // the problem
	def   bool   // pos is the definition
	uses  int    // writings of the id, definition included
	order int    // when it was first seen, for a stable report
}

// obj is one TOML table being read. Keys are claimed as they are read; the
// keys left over at finish are unknown and reported with a suggestion.
type obj struct {
	d       *decoder
	path    string // indexed key path of the table, "" for the root
	name    string // how the table is called in messages, e.g. "[[person]]"
	m       map[string]any
	known   []string
	missing []string // required keys not written, reported at finish
}

func (d *decoder) root(m map[string]any) *obj {
	return &obj{d: d, m: m, name: "the file"}
}

func (o *obj) keyPath(k string) string { return join(o.path, k) }

// pos returns the position of key k, or of the table when k is not written.
func (o *obj) pos(k string) Pos {
	if k == "" {
		return o.tablePos()
	}
	return o.d.ix.lookup(o.keyPath(k))
}

func (o *obj) tablePos() Pos {
	if o.path == "" {
		return Pos{File: o.d.file, Line: 1, Col: 1}
	}
	return o.d.ix.lookup(o.path)
}

func (o *obj) errorf(k string, format string, args ...any) {
	o.d.errs.Add(o.pos(k), fmt.Sprintf(format, args...))
}

func (o *obj) get(k string, required bool) (any, bool) {
	o.known = append(o.known, k)
	v, ok := o.m[k]
	if !ok && required {
		o.missing = append(o.missing, k)
	}
	return v, ok
}

// has reports whether key k is written, without claiming it.
func (o *obj) has(k string) bool { _, ok := o.m[k]; return ok }

// finish reports the required keys that are missing and the keys that no
// reader claimed. A missing key that an unknown key is a near miss of is
// reported once, as the misspelling.
func (o *obj) finish() {
	misspelt := map[string]bool{}
	for k := range o.m {
		if !slices.Contains(o.known, k) {
			misspelt[suggest(k, o.known)] = true
		}
	}
	for _, k := range o.missing {
		if !misspelt[k] {
			o.d.errs.Add(o.tablePos(), fmt.Sprintf("missing required key %q in %s", k, o.name))
		}
	}
	var unknown []string
	for k := range o.m {
		if !slices.Contains(o.known, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		msg := fmt.Sprintf("unknown key %q in %s", k, o.name)
		if s := suggest(k, o.known); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		} else {
			msg += fmt.Sprintf(" (allowed keys: %s)", strings.Join(sorted(o.known), ", "))
		}
		o.d.errs.Add(o.pos(k), msg)
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

func typeName(v any) string {
	switch t := v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		switch t.Location().String() {
		case "date-local":
			return "a date"
		case "time-local":
			return "a time"
		}
		return "a date-time"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

func (o *obj) wrongType(k string, v any, want string) {
	o.errorf(k, "%s must be %s, not %s", o.describe(k), want, typeName(v))
}

func (o *obj) describe(k string) string { return fmt.Sprintf("%q", k) }

// checkText validates a string value read from key k; label names it in
// messages, such as "name" or entry 2 of "duties".
func (o *obj) checkText(k, label, s string, max int, kind textKind) string {
	if !utf8.ValidString(s) {
		o.errorf(k, "%s is not valid UTF-8 text", label)
		return ""
	}
	if n := utf8.RuneCountInString(s); n > max {
		o.errorf(k, "%s is %d characters long; the limit is %d", label, n, max)
		return ""
	}
	if what, r, position := textProblem(s, kind); what != "" {
		o.errorf(k, "%s contains %s (U+%04X) at position %d; remove it", label, what, r, position)
		return ""
	}
	return s
}

// Text reads a string that may be long (a paragraph of Markdown).
func (o *obj) Text(k string, required bool) string { return o.str(k, required, MaxTextRunes, longText) }

// String reads a short string (a title, an e-mail address, a reference).
func (o *obj) String(k string, required bool) string {
	return o.str(k, required, MaxLineRunes, shortText)
}

// Name reads a short string that names something and is compared with
// other names (a person's or role's name, a category, a version): no
// invisible character may make two of them differ.
func (o *obj) Name(k string, required bool) string {
	return o.str(k, required, MaxLineRunes, nameText)
}

func (o *obj) str(k string, required bool, max int, kind textKind) string {
	v, ok := o.get(k, required)
	if !ok {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		o.wrongType(k, v, "a string")
		return ""
	}
	if s = o.checkText(k, o.describe(k), s, max, kind); s == "" && v.(string) != "" {
		return "" // reported by checkText
	}
	if required && strings.TrimSpace(s) == "" {
		o.errorf(k, "%s must not be empty", o.describe(k))
	}
	o.printed(k, o.describe(k), s)
	return strings.TrimSpace(s)
}

// ID reads a reference or identifier, which must be a lower-case slug.
func (o *obj) ID(k string, required bool) string {
	v, ok := o.get(k, required)
	if !ok {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		o.wrongType(k, v, "a string")
		return ""
	}
	if !o.validID(k, s) {
		return ""
	}
	return s
}

func (o *obj) validID(k, s string) bool {
	if slugRE.MatchString(s) && len(s) <= MaxIDLength {
		return true
	}
	if o.d.badIDs != nil {
		// References may use the malformed id or its corrected form.
		o.d.badIDs[s] = true
		o.d.badIDs[slugify(s)] = true
	}
	var msg string
	if len(s) > MaxIDLength {
		msg = fmt.Sprintf("id %q is longer than %d characters", truncate(s, 40), MaxIDLength)
	} else {
		msg = fmt.Sprintf("id %q is not a lower-case slug: use a–z, 0–9 and single hyphens", truncate(s, 80))
		if fix := slugify(s); fix != "" {
			msg += fmt.Sprintf(", such as %q", fix)
		}
	}
	if o.d.badUses == nil {
		o.errorf(k, "%s", msg)
		return false
	}
	def := k == "id"
	b := o.d.badUses[s]
	if b == nil {
		b = &badID{order: len(o.d.badUses)}
		o.d.badUses[s] = b
	}
	b.uses++
	if b.uses == 1 || def && !b.def {
		b.pos, b.msg, b.def = o.pos(k), msg, def
	}
	return false
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// transliterations spell letters that do not decompose into a Latin letter
// and marks, and the German umlauts, as they are written without them
// ("Jürgen" → "juergen", "Weiß" → "weiss", "Søren" → "soren").
var transliterations = map[rune]string{
	'ä': "ae", 'ö': "oe", 'ü': "ue", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o",
	'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i", 'ħ': "h",
}

// slugify proposes a slug for a mistyped id, transliterating accented
// Latin letters rather than dropping them; "" when it would be too long.
func slugify(s string) string {
	if id := Slug(s); len(id) <= MaxIDLength {
		return id
	}
	return ""
}

// Slug spells s as an id: lower case, accented Latin letters as their
// base letter and the letters of transliterations as written there,
// anything else a single hyphen between the rest ("Jürgen Weiß" →
// "juergen-weiss"). It does not cut it to MaxIDLength. The loader's
// suggestions and rolepack import-register make ids with it.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	emit := func(r rune) {
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteRune(r)
		dash = false
	}
	for _, r := range norm.NFC.String(strings.ToLower(s)) {
		switch t, ok := transliterations[r]; {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			emit(r)
		case ok:
			for _, c := range t {
				emit(c)
			}
		default:
			// An accented letter: keep its base letter when it has one.
			if base := []rune(norm.NFD.String(string(r))); len(base) > 1 && base[0] >= 'a' && base[0] <= 'z' {
				emit(base[0])
				continue
			}
			dash = true
		}
	}
	return b.String()
}

// Enum reads a string that must be one of allowed.
func (o *obj) Enum(k string, required bool, allowed ...string) string {
	s := o.String(k, required)
	if s == "" {
		return ""
	}
	if !slices.Contains(allowed, s) {
		msg := fmt.Sprintf("%s is %q; allowed values: %s", o.describe(k), s, strings.Join(allowed, ", "))
		sug := suggest(s, allowed)
		for _, a := range allowed {
			if strings.EqualFold(a, s) {
				sug = a
			}
		}
		if sug != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", sug)
		}
		o.errorf(k, "%s", msg)
		return ""
	}
	return s
}

// Bool reads an optional boolean, false when absent.
func (o *obj) Bool(k string) bool {
	v, ok := o.get(k, false)
	if !ok {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		o.wrongType(k, v, "true or false")
	}
	return b
}

// Int reads an integer in [lo, hi]; absent gives def.
func (o *obj) Int(k string, required bool, lo, hi, def int) int {
	v, ok := o.get(k, required)
	if !ok {
		return def
	}
	n, isInt := v.(int64)
	if !isInt {
		o.wrongType(k, v, "an integer")
		return def
	}
	if n < int64(lo) || n > int64(hi) {
		o.errorf(k, "%s is %d; it must be between %d and %d", o.describe(k), n, lo, hi)
		return def
	}
	return int(n)
}

// Date reads a calendar date, written as a TOML date (2026-03-31) or a
// string holding one ("2026-03-31").
func (o *obj) Date(k string, required bool) Date {
	v, ok := o.get(k, required)
	if !ok {
		return Date{}
	}
	switch t := v.(type) {
	case time.Time:
		// BurntSushi/toml marks a TOML local date by the zone "date-local".
		if t.Location().String() == "date-local" {
			return NewDate(t.Year(), t.Month(), t.Day())
		}
		o.errorf(k, "%s must be a date without a time, such as 2026-03-31", o.describe(k))
		return Date{}
	case string:
		d, err := ParseDate(strings.TrimSpace(t))
		if err != nil {
			o.errorf(k, "%s: %v", o.describe(k), err)
		}
		return d
	}
	o.wrongType(k, v, "a date such as 2026-03-31")
	return Date{}
}

// Items reads an array of strings, each kept with its position.
func (o *obj) Items(k string, required bool) []Item {
	v, ok := o.get(k, required)
	if !ok {
		return nil
	}
	arr, isArr := v.([]any)
	if !isArr {
		if _, tables := v.([]map[string]any); tables {
			o.errorf(k, "%s must be an array of strings, not an array of tables", o.describe(k))
			return nil
		}
		o.wrongType(k, v, "an array of strings")
		return nil
	}
	if len(arr) > MaxListLength {
		o.errorf(k, "%s has %d entries; the limit is %d", o.describe(k), len(arr), MaxListLength)
		return nil
	}
	items := make([]Item, 0, len(arr))
	for i, e := range arr {
		ek := fmt.Sprintf("%s[%d]", k, i)
		s, isStr := e.(string)
		if !isStr {
			o.errorf(ek, "entry %d of %q must be a string, not %s", i+1, k, typeName(e))
			continue
		}
		s = o.checkText(ek, fmt.Sprintf("entry %d of %q", i+1, k), s, MaxLineRunes, shortText)
		if s == "" && e.(string) != "" {
			continue // reported by checkText
		}
		s = strings.TrimSpace(s)
		if s == "" {
			o.errorf(ek, "entry %d of %q is empty", i+1, k)
			continue
		}
		items = append(items, Item{Text: s, Pos: o.pos(ek)})
		o.printed(ek, fmt.Sprintf("entry %d of %q", i+1, k), s)
	}
	return items
}

// Strings reads an array of strings.
func (o *obj) Strings(k string, required bool) []string {
	var out []string
	for _, it := range o.Items(k, required) {
		out = append(out, it.Text)
	}
	return out
}

// IDs reads an array of ids; each entry is kept with its position.
func (o *obj) IDs(k string, required bool) []Item {
	items := o.Items(k, required)
	out := items[:0]
	for i, it := range items {
		if o.validID(fmt.Sprintf("%s[%d]", k, i), it.Text) {
			out = append(out, it)
		}
	}
	return out
}

// Table reads a sub-table.
func (o *obj) Table(k string, required bool, name string) *obj {
	v, ok := o.get(k, required)
	if !ok {
		return nil
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		o.wrongType(k, v, "a table (["+k+"])")
		return nil
	}
	return &obj{d: o.d, path: o.keyPath(k), name: name, m: m}
}

// Tables reads an array of tables ([[k]] or an array of inline tables).
func (o *obj) Tables(k string, required bool, name string) []*obj {
	v, ok := o.get(k, required)
	if !ok {
		return nil
	}
	var out []*obj
	add := func(i int, m map[string]any) {
		out = append(out, &obj{d: o.d, path: fmt.Sprintf("%s[%d]", o.keyPath(k), i), name: name, m: m})
	}
	switch t := v.(type) {
	case []map[string]any:
		for i, m := range t {
			add(i, m)
		}
	case []any:
		for i, e := range t {
			m, isMap := e.(map[string]any)
			if !isMap {
				o.errorf(fmt.Sprintf("%s[%d]", k, i), "entry %d of %q must be a table, not %s", i+1, k, typeName(e))
				continue
			}
			add(i, m)
		}
	default:
		o.wrongType(k, v, "an array of tables ([["+k+"]])")
	}
	return out
}

// decodeLimits reads the structured limits of an [[authority]]: amount and
// currency (both or neither) and duration.
func decodeLimits(o *obj, a *Authority) {
	for _, k := range []string{"amount", "currency", "duration", "delegated_from"} {
		a.KeyPos[k] = o.pos(k)
	}
	if v, ok := o.get("amount", false); ok {
		switch n := v.(type) {
		case int64:
			a.Amount, a.HasAmount = float64(n), true
		case float64:
			a.Amount, a.HasAmount = n, true
		default:
			o.wrongType("amount", v, "a number, such as 25000")
		}
		if a.HasAmount && (a.Amount < 0 || a.Amount > 1e15 || math.IsNaN(a.Amount)) {
			o.errorf("amount", "\"amount\" must be between 0 and 10^15, in the currency's major unit")
			a.HasAmount = false
		}
	}
	a.Currency = o.String("currency", false)
	switch {
	case a.Currency != "" && !currencyRE.MatchString(a.Currency):
		msg := fmt.Sprintf("\"currency\" is %q; write its ISO 4217 code, three capital letters", a.Currency)
		if up := strings.ToUpper(a.Currency); currencyRE.MatchString(up) {
			msg += fmt.Sprintf(" (did you mean %q?)", up)
		}
		o.errorf("currency", "%s", msg)
		a.Currency = ""
	case a.HasAmount && a.Currency == "" && !o.has("currency"):
		o.errorf("amount", "an \"amount\" needs its \"currency\", an ISO 4217 code such as \"EUR\"")
	case !a.HasAmount && a.Currency != "" && !o.has("amount"):
		o.errorf("currency", "\"currency\" is only for an \"amount\": add amount = …, or remove currency")
	}
	if v, ok := o.get("duration", false); ok {
		switch d := v.(type) {
		case int64:
			if d < 1 || d > 36500 {
				o.errorf("duration", "\"duration\" is %d days; it must be between 1 and 36500", d)
			} else {
				a.DurationDays = int(d)
			}
		case string:
			if n, ok := parseDuration(d); ok {
				a.DurationDays = n
			} else {
				o.errorf("duration", "\"duration\" %q is not a number of days or an ISO 8601 duration in days or weeks, such as \"P30D\" or \"P2W\"", truncate(d, 40))
			}
		default:
			o.wrongType("duration", v, "a number of days or a string such as \"P30D\"")
		}
	}
}
