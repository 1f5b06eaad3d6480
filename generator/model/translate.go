package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file holds the translations of the pack's own text (issue #28):
// which values are translated (TextFields), the values of a pack that are
// (Units), the translation files (translations/<lang>/<source path>) and
// how each translation is bound to the source text it translates
// (TranslationState). docs/languages.md explains the model; docs/format.md
// the files.

// TranslationsDir is the directory of the translation files:
// translations/<lang>/<source path>, such as translations/de/roles/ism.toml.
const TranslationsDir = "translations"

// TextField is one kind of source value that is translated.
type TextField struct {
	// Key names the value as docs/format.md does: the file, the table and
	// the key, such as "roles/*.toml [[authority]] text".
	Key string
	// Path is where the value is in its file: keys joined by ".", an
	// array entry by its position ("authority[#].text": unit ids
	// "authority.1.text", …) or by a key of its table ("area[id].name":
	// "area.finance.name"). A list of strings ends in "[#]".
	Path string
	kind textKind
	max  int
}

// TextFields are the translated values: every value the outputs print
// that the pack's author wrote as prose, or as the name of a thing. A
// string value of the format is either here or in UntranslatedFields
// (TestEveryTextFieldIsDecided).
var TextFields = []TextField{
	{"pack.toml [organisation] scope", "organisation.scope", longText, MaxTextRunes},
	{"pack.toml [[area]] name", "area[id].name", nameText, MaxLineRunes},
	{"pack.toml [document] title", "document.title", shortText, MaxLineRunes},
	{"pack.toml [document] distribution", "document.distribution[#]", shortText, MaxLineRunes},
	{"pack.toml [[revision]] summary", "revision[version].summary", longText, MaxTextRunes},

	{"roles/*.toml name", "name", nameText, MaxLineRunes},
	{"roles/*.toml category", "category", nameText, MaxLineRunes},
	{"roles/*.toml purpose", "purpose", longText, MaxTextRunes},
	{"roles/*.toml responsibilities", "responsibilities[#]", shortText, MaxLineRunes},
	{"roles/*.toml [[authority]] text", "authority[#].text", nameText, MaxLineRunes},
	{"roles/*.toml [[authority]] limit", "authority[#].limit", shortText, MaxLineRunes},
	{"roles/*.toml education", "education", longText, MaxTextRunes},
	{"roles/*.toml experience", "experience", longText, MaxTextRunes},
	{"roles/*.toml [communication] internal", "communication.internal[#]", shortText, MaxLineRunes},
	{"roles/*.toml [communication] external", "communication.external[#]", shortText, MaxLineRunes},

	{"raci.toml [[activity]] name", "activity[id].name", nameText, MaxLineRunes},
	{"raci.toml [[activity]] process", "activity[id].process", nameText, MaxLineRunes},

	{"competences.toml [[level]] name", "level[level].name", nameText, MaxLineRunes},
	{"competences.toml [[level]] description", "level[level].description", shortText, MaxLineRunes},
	{"competences.toml [[competence]] name", "competence[id].name", nameText, MaxLineRunes},
	{"competences.toml [[competence]] description", "competence[id].description", shortText, MaxLineRunes},

	{"review-team.toml name", "name", nameText, MaxLineRunes},
	{"review-team.toml reports_to", "reports_to", shortText, MaxLineRunes},
	{"review-team.toml cadence", "cadence", shortText, MaxLineRunes},
	{"review-team.toml agenda", "agenda[#]", shortText, MaxLineRunes},
	{"review-team.toml duties", "duties[#]", shortText, MaxLineRunes},
}

// UntranslatedFields are the string values of the format that are not
// translated, by the Key form of TextField ("*" for every key of a table),
// with why.
var UntranslatedFields = map[string]string{
	"pack.toml [organisation] name":               "the organisation's legal name",
	"pack.toml [document] id":                     "an identifier",
	"pack.toml [document] version":                "a version number",
	"pack.toml [document] classification":         "a classification code of the organisation's scheme",
	"pack.toml [[revision]] version":              "a version number",
	"pack.toml [[revision]] author":               "a person's name",
	"pack.toml [[revision]] git_ref":              "a git reference, not printed",
	"pack.toml [[font]] *":                        "font files and families",
	"pack.toml [people] *":                        "the HR export's settings",
	"pack.toml [people.columns] *":                "the HR export's column headers",
	"hr/people.csv *":                             "people's names and HR records",
	"pack.toml [[completions]] *":                 "the completions export's settings; the label names it in evidence, as a record's evidence is not translated",
	"pack.toml [completions.columns] *":           "the completions export's column headers",
	"pack.toml [completions.courses] *":           "competence ids",
	"lms/completions.csv *":                       "training records",
	"people.toml [[person]] *":                    "people's names, job titles and departments: HR's records",
	"roles/*.toml references":                     "references to clauses and documents",
	"roles/*.toml [[assignment]] evidence":        "an evidence reference",
	"raci.toml [[activity]] clause":               "a clause number",
	"competences.toml [[record]] evidence":        "an evidence reference",
	"review-team.toml [[meeting]] minutes":        "an evidence reference (the minutes' id)",
	"review-team.toml [[member]] agreement":       "a record reference (the agreement's id and clause)",
	"acknowledgements.toml [[acknowledgement]] *": "a version and an evidence reference",
}

// FieldOf returns the field a unit id of source file names, or nil.
func FieldOf(source, id string) *TextField {
	kind := sourceKind(source)
	for i := range TextFields {
		f := &TextFields[i]
		if fieldFile(f.Key) == kind && fieldPattern(f).MatchString(id) {
			return f
		}
	}
	return nil
}

// fieldFile is the file part of a field's key: "pack.toml", "roles/*.toml".
func fieldFile(key string) string { k, _, _ := strings.Cut(key, " "); return k }

// sourceKind is the file part of the TextField keys that source is one of
// ("roles/*.toml" for every role), or "" when it is not a source.
func sourceKind(source string) string {
	if path.Dir(source) == RolesDir && strings.HasSuffix(source, ".toml") {
		return RolesDir + "/*.toml"
	}
	if slices.Contains(topFiles, source) {
		return source
	}
	return ""
}

var fieldPatterns = map[string]*regexp.Regexp{}

func init() {
	for i := range TextFields {
		f := &TextFields[i]
		var re strings.Builder
		re.WriteString("^")
		for j, s := range parseFieldPath(f.Path) {
			if j > 0 {
				re.WriteString(`\.`)
			}
			re.WriteString(regexp.QuoteMeta(s.key))
			switch s.index {
			case "":
			case "#":
				re.WriteString(`\.([1-9][0-9]*)`) // the only groups: positions
			case "id":
				re.WriteString(`\.[a-z0-9]+(?:-[a-z0-9]+)*`)
			default:
				re.WriteString(`\..+`) // a version or a level: anything
			}
		}
		re.WriteString("$")
		fieldPatterns[f.Key] = regexp.MustCompile(re.String())
	}
}

func fieldPattern(f *TextField) *regexp.Regexp { return fieldPatterns[f.Key] }

type fieldSegment struct{ key, index string }

func parseFieldPath(p string) []fieldSegment {
	var out []fieldSegment
	for _, part := range strings.Split(p, ".") {
		s := fieldSegment{key: part}
		if i := strings.IndexByte(part, '['); i >= 0 {
			s.key, s.index = part[:i], strings.TrimSuffix(part[i+1:], "]")
		}
		out = append(out, s)
	}
	return out
}

// Unit is one translatable value of the pack's sources.
type Unit struct {
	Source string // the source file, such as "roles/ism.toml"
	// ID names the value in its file: "name", "responsibilities.3",
	// "authority.2.limit", "activity.patching.name" (docs/format.md,
	// "Translations").
	ID    string
	Text  string // the source text, as the outputs print it
	Pos   Pos    // where it is written
	Field *TextField
}

// Hash is the hash a translation of u records.
func (u *Unit) Hash() string { return SourceHash(u.Text) }

// List is the list a list entry's unit id belongs to
// ("authority.2.text" → "authority.#.text"), or "" for a value that is not
// an entry of a list: a moved entry is found again among its list.
func (u *Unit) List() string { return listOf(u.Field, u.ID) }

// listOf is the list of a unit id of field f: the id with its positions
// ("[#]" in the field's path) written "#"; "" when it has none.
func listOf(f *TextField, id string) string {
	if f == nil {
		return ""
	}
	m := fieldPattern(f).FindStringSubmatchIndex(id)
	if len(m) <= 2 {
		return ""
	}
	var b strings.Builder
	last := 0
	for g := 2; g+1 < len(m); g += 2 {
		b.WriteString(id[last:m[g]])
		b.WriteByte('#')
		last = m[g+1]
	}
	b.WriteString(id[last:])
	return b.String()
}

// SourceHash is the hash a translation records of the source text it
// translates: "sha256:" and the first 16 hexadecimal digits of the SHA-256
// of the text in Unicode normalisation form C.
func SourceHash(text string) string {
	sum := sha256.Sum256([]byte(norm.NFC.String(text)))
	return "sha256:" + hex.EncodeToString(sum[:8])
}

var hashRE = regexp.MustCompile(`^sha256:[0-9a-f]{16}$`)

// Units are the translatable values of the pack, in the order of its files
// and of each file.
func (p *Pack) Units() []*Unit { return p.units }

// Unit returns the unit id of source, or nil.
func (p *Pack) Unit(source, id string) *Unit {
	if p.unitIndex == nil {
		// A pack made by hand: no index.
		for _, u := range p.units {
			if u.Source == source && u.ID == id {
				return u
			}
		}
		return nil
	}
	return p.unitIndex[[2]string{source, id}]
}

// indexUnits makes the index Unit reads.
func (p *Pack) indexUnits() {
	p.unitIndex = make(map[[2]string]*Unit, len(p.units))
	for _, u := range p.units {
		p.unitIndex[[2]string{u.Source, u.ID}] = u
	}
}

// unitsIn are the translatable values of a parsed source, in the order
// they are written.
func unitsIn(s *parsed) []*Unit {
	var us []*Unit
	unitsOf(s, func(u *Unit, _ func(string)) { us = append(us, u) })
	slices.SortStableFunc(us, func(a, b *Unit) int {
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line - b.Pos.Line
		}
		return a.Pos.Col - b.Pos.Col
	})
	return us
}

// unitsOf walks the parsed tree of a source for its translatable values.
// visit is called with each; set, when not nil, replaces its text.
func unitsOf(s *parsed, visit func(u *Unit, set func(string))) {
	kind := sourceKind(s.path)
	if kind == "" {
		return
	}
	for i := range TextFields {
		f := &TextFields[i]
		if fieldFile(f.Key) != kind {
			continue
		}
		walkField(s.root, parseFieldPath(f.Path), "", "", func(id, keyPath, text string, set func(string)) {
			visit(&Unit{Source: s.path, ID: id, Text: text, Pos: s.ix.lookup(keyPath), Field: f}, set)
		})
	}
}

func walkField(m map[string]any, segs []fieldSegment, id, keyPath string, visit func(id, keyPath, text string, set func(string))) {
	s := segs[0]
	id, keyPath = joinID(id, s.key), join(keyPath, s.key)
	v, ok := m[s.key]
	if !ok {
		return
	}
	last := len(segs) == 1
	if s.index == "" {
		if last {
			if str, ok := v.(string); ok && strings.TrimSpace(str) != "" {
				visit(id, keyPath, strings.TrimSpace(str), func(t string) { m[s.key] = t })
			}
			return
		}
		if sub, ok := v.(map[string]any); ok {
			walkField(sub, segs[1:], id, keyPath, visit)
		}
		return
	}
	var entries []any
	switch t := v.(type) {
	case []any:
		entries = t
	case []map[string]any:
		for _, e := range t {
			entries = append(entries, e)
		}
	}
	for i, e := range entries {
		ek := fmt.Sprintf("%s[%d]", keyPath, i)
		if last {
			str, ok := e.(string)
			if !ok || strings.TrimSpace(str) == "" || s.index != "#" {
				continue
			}
			arr := v.([]any)
			visit(id+"."+strconv.Itoa(i+1), ek, strings.TrimSpace(str), func(t string) { arr[i] = t })
			continue
		}
		sub, ok := e.(map[string]any)
		if !ok {
			continue
		}
		eid := id + "." + strconv.Itoa(i+1)
		if s.index != "#" {
			key := sub[s.index]
			switch k := key.(type) {
			case string:
				eid = id + "." + k
			case int64:
				eid = id + "." + strconv.FormatInt(k, 10)
			default:
				continue
			}
		}
		walkField(sub, segs[1:], eid, ek, visit)
	}
}

func joinID(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// Translation is one translated value: an entry of a translation file.
type Translation struct {
	Lang   string // the language, such as "de"
	File   string // the translation file, such as "translations/de/roles/ism.toml"
	Source string // the source file it translates, such as "roles/ism.toml"
	ID     string // the unit id of the value it translates
	// SourceHash is the hash of the source text it was made from
	// (SourceHash).
	SourceHash string
	// SourceText is that text, when the file records it (source_text:
	// rolepack translations import writes it), to show what changed.
	SourceText string
	Text       string
	Pos        Pos // the entry ([[unit]])
	// KeyPos holds where its keys are written: id, source, source_text
	// and text, when they are.
	KeyPos map[string]Pos
}

// Translations are the entries of the pack's translation files, by file
// and line (a Translated pack's are those of the pack it was translated
// from).
func (p *Pack) Translations() []*Translation {
	if p.translatedFrom != nil {
		return p.translatedFrom.translations
	}
	return p.translations
}

// TranslationFile is the translation file of source in lang.
func TranslationFile(lang, source string) string {
	return TranslationsDir + "/" + lang + "/" + source
}

// Bound is a translation bound to the value it translates.
type Bound struct {
	Unit *Unit
	T    *Translation
}

// TranslationState is how the translations of one language stand against
// the current source text.
type TranslationState struct {
	Lang string
	// Current are the translations of the current source text. A list
	// entry that moved is bound by its source hash to its new place.
	Current []Bound
	// Stale are the translations whose source text changed since.
	Stale []Bound
	// Missing are the values without a translation.
	Missing []*Unit
	// Orphans are the translations of values that no longer exist.
	Orphans []*Translation
}

// TranslationState binds the translations of lang to the units: by unit
// id when the source hash is the current text's; else, for an entry of a
// list, by hash to the entry of the same list that holds the text it was
// made from (the entry moved); else by id as stale. A unit left is
// missing, a translation left an orphan.
//
// A Translated pack answers as the pack it was translated from.
func (p *Pack) TranslationState(lang string) TranslationState {
	if p.translatedFrom != nil {
		return p.translatedFrom.TranslationState(lang)
	}
	st := TranslationState{Lang: lang}
	if lang == p.Language {
		return st
	}
	byKey := map[[2]string]*Translation{}
	bySource := map[string][]*Translation{}
	for _, t := range p.translations {
		if t.Lang != lang {
			continue
		}
		byKey[[2]string{t.Source, t.ID}] = t
		bySource[t.Source] = append(bySource[t.Source], t)
	}
	used := map[*Translation]bool{}
	bound := make([]*Translation, len(p.units))
	for i, u := range p.units {
		if t := byKey[[2]string{u.Source, u.ID}]; t != nil && t.SourceHash == u.Hash() {
			bound[i], used[t] = t, true
		}
	}
	for i, u := range p.units {
		if bound[i] != nil || u.List() == "" {
			continue
		}
		h := u.Hash()
		for _, t := range bySource[u.Source] {
			if !used[t] && t.SourceHash == h && listOf(FieldOf(t.Source, t.ID), t.ID) == u.List() {
				bound[i], used[t] = t, true
				break
			}
		}
	}
	for i, u := range p.units {
		if bound[i] != nil {
			st.Current = append(st.Current, Bound{u, bound[i]})
			continue
		}
		if t := byKey[[2]string{u.Source, u.ID}]; t != nil && !used[t] {
			used[t] = true
			st.Stale = append(st.Stale, Bound{u, t})
			continue
		}
		st.Missing = append(st.Missing, u)
	}
	for _, t := range p.translations {
		if t.Lang == lang && !used[t] {
			st.Orphans = append(st.Orphans, t)
		}
	}
	return st
}

// Translated returns the pack with every value that has a current
// translation in lang replaced by it; a value whose translation is missing
// or stale keeps its source text (TranslationState says which). p is not
// changed: the sources are decoded again from p.Files, the translations
// put in before the references are resolved, so that every pointer of the
// result points into the result. For the pack's own language it returns p.
func (p *Pack) Translated(lang string) (*Pack, error) {
	if lang == p.Language {
		return p, nil
	}
	if !slices.Contains(p.Languages, lang) {
		return nil, fmt.Errorf("%q is not one of the pack's languages (%s)", lang, strings.Join(p.Languages, ", "))
	}
	subst := map[[2]string]string{}
	for _, b := range p.TranslationState(lang).Current {
		subst[[2]string{b.Unit.Source, b.Unit.ID}] = b.T.Text
	}
	// The copy needs no translation files: its text is translated already.
	files := slices.DeleteFunc(slices.Clone(p.Files), func(f SourceFile) bool {
		return strings.HasPrefix(f.Path, TranslationsDir+"/")
	})
	q, err := loadFiles(p.dir, files, nil, func(s *parsed) {
		unitsOf(s, func(u *Unit, set func(string)) {
			if t, ok := subst[[2]string{u.Source, u.ID}]; ok {
				set(t)
			}
		})
	}, nil)
	if err != nil {
		return nil, fmt.Errorf("the %s translation: %w", lang, err)
	}
	q.TextLanguage = lang
	q.Files = p.Files // the same sources: the same stamp
	q.translatedFrom = p
	return q, nil
}

// decodeTranslation reads one translation file,
// translations/<lang>/<source path>: an array of [[unit]] tables, each
// with the unit id, the source hash and the text.
func (l *loader) decodeTranslation(o *obj, file string) {
	rest := strings.TrimPrefix(file, TranslationsDir+"/")
	lang, source, _ := strings.Cut(rest, "/")
	if !slices.Contains(l.p.Languages, lang) || lang == l.p.Language {
		var tr []string
		for _, x := range l.p.Languages[1:] {
			tr = append(tr, TranslationsDir+"/"+x+"/")
		}
		msg := fmt.Sprintf("%q is not a translation of the pack: translations are read from %s", lang, strings.Join(tr, ", "))
		if len(tr) == 0 {
			msg = fmt.Sprintf("%q is not a translation of the pack: pack.toml's languages names none", lang)
		}
		if sug := suggest(lang, l.p.Languages[1:]); sug != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", sug)
		}
		l.errs.Add(Pos{File: file}, msg)
		return
	}
	kind := sourceKind(source)
	if kind == "" || !slices.ContainsFunc(TextFields, func(f TextField) bool { return fieldFile(f.Key) == kind }) {
		var names []string
		for _, f := range TextFields {
			if n := fieldFile(f.Key); !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		l.errs.Add(Pos{File: file}, fmt.Sprintf("%s has no translatable values: translation files are for %s", source, strings.Join(names, ", ")))
		return
	}
	seen := map[string]int{}
	for _, u := range o.Tables("unit", true, "[[unit]]") {
		t := &Translation{Lang: lang, File: file, Source: source, Pos: u.tablePos(), KeyPos: map[string]Pos{}}
		for _, k := range []string{"id", "source", "source_text", "text"} {
			if u.has(k) {
				t.KeyPos[k] = u.pos(k)
			}
		}
		t.ID = u.String("id", true)
		t.SourceHash = u.String("source", true)
		f := FieldOf(source, t.ID)
		switch {
		case t.ID == "":
		case f == nil:
			var forms []string
			for _, g := range TextFields {
				if fieldFile(g.Key) == kind {
					forms = append(forms, g.Path)
				}
			}
			msg := fmt.Sprintf("%q is not a unit id of %s (its values are %s)", t.ID, source, strings.Join(forms, ", "))
			if sug := l.unitSuggestion(source, t.ID); sug != "" {
				msg = fmt.Sprintf("%q is not a unit id of %s (did you mean %q?)", t.ID, source, sug)
			}
			u.errorf("id", "%s", msg)
		case seen[t.ID] > 0:
			u.errorf("id", "unit %q is translated twice in this file (first at line %d)", t.ID, seen[t.ID])
		default:
			seen[t.ID] = t.Pos.Line
		}
		if t.SourceHash != "" && !hashRE.MatchString(t.SourceHash) {
			u.errorf("source", "\"source\" is %q; it is the hash of the text translated, \"sha256:\" and 16 hexadecimal digits (rolepack translations import writes it)", truncate(t.SourceHash, 40))
			t.SourceHash = ""
		}
		if u.has("source_text") {
			kind, max := longText, MaxTextRunes
			if f != nil {
				kind, max = f.kind, f.max
			}
			t.SourceText = u.str("source_text", false, max, kind)
			if t.SourceText != "" && t.SourceHash != "" && SourceHash(t.SourceText) != t.SourceHash {
				u.errorf("source_text", "\"source_text\" is not the text whose hash \"source\" records (its hash is %s): correct one of them, or remove source_text", SourceHash(t.SourceText))
			}
		}
		if f != nil {
			t.Text = u.str("text", true, f.max, f.kind)
		} else {
			t.Text = u.Text("text", true)
		}
		u.finish()
		if f != nil && t.ID != "" && t.Text != "" && t.SourceHash != "" {
			l.p.translations = append(l.p.translations, t)
		}
	}
}

// unitSuggestion is the unit id of source nearest to id, from the values
// of the parsed source.
func (l *loader) unitSuggestion(source, id string) string {
	s := l.byPath[source]
	if s == nil {
		return ""
	}
	var ids []string
	unitsOf(s, func(u *Unit, _ func(string)) { ids = append(ids, u.ID) })
	return suggest(id, ids)
}

// CheckTranslationText says what is wrong with text as a translation of u
// by the character rules and length of u's value, or "".
func CheckTranslationText(u *Unit, text string) string {
	if !utf8.ValidString(text) {
		return "is not valid UTF-8 text"
	}
	if n := utf8.RuneCountInString(text); n > u.Field.max {
		return fmt.Sprintf("is %d characters long; the limit is %d", n, u.Field.max)
	}
	if what, r, position := textProblem(text, u.Field.kind); what != "" {
		return fmt.Sprintf("contains %s (U+%04X) at position %d", what, r, position)
	}
	return ""
}
