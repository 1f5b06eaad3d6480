package model_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/rolepack/rolepack/generator/fonts"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// textRule is the character rule a string value of the format follows
// (docs/format.md, "Text").
type textRule int

const (
	// ruleName: a name, or a value compared as one. One line; no control,
	// direction or invisible character, but the joiners and selectors.
	ruleName textRule = iota + 1
	// ruleShort: any other one-line value. No control or direction
	// character; other invisible characters are text.
	ruleShort
	// ruleLong: a paragraph. Line breaks and direction marks allowed; no
	// other control, and no embedding, override or isolate.
	ruleLong
	// ruleMatch: a short value that must name something that exists (the
	// HR export's path, a column header), so no added character is
	// accepted, but its refusal is the short value's where it has one.
	ruleMatch
	// ruleID: a slug. Nothing but a–z, 0–9 and hyphens.
	ruleID
	// ruleFixed: one of fixed words or a fixed form (an enum, a currency
	// code, a date or duration written as a string).
	ruleFixed
)

// textRules decides the rule of every string value of the format, by file,
// table and key ("*" for every key of a table). A key that a decoder reads
// without an entry here fails TestEveryKeyFollowsItsTextRule: decide its rule,
// add it here and write it in testdata/every-key.txtar.
var textRules = map[string]textRule{
	"pack.toml [organisation] name":         ruleName,
	"pack.toml [organisation] scope":        ruleLong,
	"pack.toml [[area]] id":                 ruleID,
	"pack.toml [[area]] name":               ruleName,
	"pack.toml [document] id":               ruleShort,
	"pack.toml [document] title":            ruleShort,
	"pack.toml [document] version":          ruleName,
	"pack.toml [document] status":           ruleFixed,
	"pack.toml [document] classification":   ruleShort,
	"pack.toml [document] owner":            ruleID,
	"pack.toml [document] approver":         ruleID,
	"pack.toml [document] distribution":     ruleShort,
	"pack.toml [document] paper":            ruleFixed,
	"pack.toml [[revision]] version":        ruleName,
	"pack.toml [[revision]] author":         ruleName,
	"pack.toml [[revision]] summary":        ruleLong,
	"pack.toml [[revision]] git_ref":        ruleShort,
	"pack.toml [[font]] file":               ruleMatch,
	"pack.toml [[font]] bold":               ruleMatch,
	"pack.toml [[font]] family":             ruleMatch,
	"pack.toml [[font]] sha256":             ruleFixed,
	"pack.toml language":                    ruleFixed,
	"pack.toml languages":                   ruleFixed,
	"pack.toml [people] source":             ruleMatch,
	"pack.toml [people] preset":             ruleFixed,
	"pack.toml [people] date_format":        ruleFixed,
	"pack.toml [people] match":              ruleFixed,
	"pack.toml [people.columns] *":          ruleMatch,
	"pack.toml [[completions]] source":      ruleMatch,
	"pack.toml [[completions]] preset":      ruleFixed,
	"pack.toml [[completions]] date_format": ruleFixed,
	"pack.toml [[completions]] match":       ruleFixed,
	"pack.toml [[completions]] label":       ruleName,
	"pack.toml [[completions]] ignore":      ruleMatch,
	"pack.toml [completions.columns] *":     ruleMatch,
	"pack.toml [completions.courses] *":     ruleID,
	"lms/completions.csv person":            ruleMatch,
	"lms/completions.csv course":            ruleMatch,
	"lms/completions.csv status":            ruleFixed,
	"lms/completions.csv completed_on":      ruleFixed,
	"lms/completions.csv due_on":            ruleFixed,

	"hr/people.csv id":           ruleID,
	"hr/people.csv name":         ruleName,
	"hr/people.csv first_name":   ruleName,
	"hr/people.csv last_name":    ruleName,
	"hr/people.csv job_title":    ruleShort,
	"hr/people.csv department":   ruleShort,
	"hr/people.csv area":         ruleFixed, // an area's id or name
	"hr/people.csv email":        ruleShort,
	"hr/people.csv line_manager": ruleID,
	"hr/people.csv status":       ruleFixed,
	"hr/people.csv leaves_on":    ruleFixed,
	"hr/people.csv started_on":   ruleFixed,

	"people.toml [[person]] id":           ruleID,
	"people.toml [[person]] hr_id":        ruleMatch,
	"people.toml [[person]] name":         ruleName,
	"people.toml [[person]] sort_name":    ruleName,
	"people.toml [[person]] job_title":    ruleShort,
	"people.toml [[person]] area":         ruleID,
	"people.toml [[person]] department":   ruleShort,
	"people.toml [[person]] email":        ruleShort,
	"people.toml [[person]] line_manager": ruleID,
	"people.toml [[person]] company":      ruleName,
	"people.toml [[person]] status":       ruleFixed,

	"roles/*.toml id":                                    ruleID,
	"roles/*.toml name":                                  ruleName,
	"roles/*.toml category":                              ruleName,
	"roles/*.toml purpose":                               ruleLong,
	"roles/*.toml reports_to":                            ruleID,
	"roles/*.toml responsibilities":                      ruleShort,
	"roles/*.toml education":                             ruleLong,
	"roles/*.toml experience":                            ruleLong,
	"roles/*.toml references":                            ruleShort,
	"roles/*.toml conflicts_with":                        ruleID,
	"roles/*.toml clause_5_3":                            ruleFixed,
	"roles/*.toml [[authority]] text":                    ruleName,
	"roles/*.toml [[authority]] limit":                   ruleShort,
	"roles/*.toml [[authority]] currency":                ruleFixed,
	"roles/*.toml [[authority]] duration":                ruleFixed,
	"roles/*.toml [[authority]] delegated_from":          ruleID,
	"roles/*.toml [[requirement]] competence":            ruleID,
	"roles/*.toml [[requirement]] added_on":              ruleFixed,
	"roles/*.toml [communication] internal":              ruleShort,
	"roles/*.toml [communication] external":              ruleShort,
	"roles/*.toml [[assignment]] person":                 ruleID,
	"roles/*.toml [[assignment]] evidence":               ruleShort,
	"roles/*.toml [[assignment]] deputy":                 ruleID,
	"raci.toml [[activity]] id":                          ruleID,
	"raci.toml [[activity]] name":                        ruleName,
	"raci.toml [[activity]] process":                     ruleName,
	"raci.toml [[activity]] clause":                      ruleShort,
	"raci.toml [[activity]] responsible":                 ruleID,
	"raci.toml [[activity]] accountable":                 ruleID,
	"raci.toml [[activity]] supporting":                  ruleID,
	"raci.toml [[activity]] consulted":                   ruleID,
	"raci.toml [[activity]] informed":                    ruleID,
	"competences.toml [[level]] name":                    ruleName,
	"competences.toml [[level]] description":             ruleShort,
	"competences.toml [[competence]] id":                 ruleID,
	"competences.toml [[competence]] name":               ruleName,
	"competences.toml [[competence]] kind":               ruleFixed,
	"competences.toml [[competence]] description":        ruleShort,
	"competences.toml [[record]] person":                 ruleID,
	"competences.toml [[record]] competence":             ruleID,
	"competences.toml [[record]] evidence":               ruleShort,
	"competences.toml [[record]] status":                 ruleFixed,
	"review-team.toml name":                              ruleName,
	"review-team.toml chair":                             ruleID,
	"review-team.toml reports_to":                        ruleShort,
	"review-team.toml cadence":                           ruleShort,
	"review-team.toml agenda":                            ruleShort,
	"review-team.toml duties":                            ruleShort,
	"review-team.toml [[member]] person":                 ruleID,
	"review-team.toml [[member]] area":                   ruleID,
	"review-team.toml [[member]] deputy":                 ruleID,
	"review-team.toml [[member]] agreement":              ruleShort,
	"review-team.toml [[meeting]] minutes":               ruleShort,
	"acknowledgements.toml [[acknowledgement]] person":   ruleID,
	"acknowledgements.toml [[acknowledgement]] version":  ruleName,
	"acknowledgements.toml [[acknowledgement]] evidence": ruleShort,
	"acknowledgements.toml [[acknowledgement]] language": ruleFixed,
}

// notFromSources are the text fields of the model that no source value
// fills, with why.
var notFromSources = map[string]string{
	"Markdown.HTML":      "rendered from Markdown.Source",
	"Image.Path":         "an image file a Markdown text links to",
	"Image.Name":         "the site's name for an image, from its content",
	"Image.Format":       "an image's format, from its content",
	"SourceFile.Path":    "the name of a source file",
	"Diagnostic.Message": "a warning rolepack writes",
	"LedgerProblem.Msg":  "a problem of the ledger rolepack writes",
	// The acknowledgement ledger is no TOML source: its records are
	// refused whole by generator/ledger (Record.Validate: ids, tags,
	// digests, a UTC time, one line of printable text), and its tests
	// cover them.
	"Record.Person":   "a ledger record's field (generator/ledger)",
	"Record.Document": "a ledger record's field (generator/ledger)",
	"Record.Version":  "a ledger record's field (generator/ledger)",
	"Record.Language": "a ledger record's field (generator/ledger)",
	"Record.Text":     "a ledger record's field (generator/ledger)",
	"Record.Time":     "a ledger record's field (generator/ledger)",
	"Record.Channel":  "a ledger record's field (generator/ledger)",
	"Record.Prev":     "a ledger record's field (generator/ledger)",
	"Record.Hash":     "a ledger record's field (generator/ledger)",
}

// value is one string value written in the fixture: a TOML basic string
// or a cell of the HR export.
type value struct {
	file    string // the file in the archive
	section string // its table, such as "[[person]]"; "" for the top of a file
	key     string // its key, or the HR field of its column
	rule    string // the key of textRules it follows
	// at is the byte offset in the file where injected text goes: just
	// inside the opening quote, or the start of a cell.
	at        int
	line, col int    // where a problem with it is reported
	text      string // the value as decoded
}

func (v value) String() string { return fmt.Sprintf("%s:%d:%d (%s)", v.file, v.line, v.col, v.rule) }

// Every string value of the format, each list entry included, refuses a
// right-to-left override (written as an escape and raw) and a control
// character, reported at its file:line:col; and each follows the rule
// textRules decides for it. The pack testdata/every-key.txtar writes every
// key the decoders read (probed, so a key added to a decoder and not to
// the fixture fails here) and every column of the HR export.
func TestEveryKeyFollowsItsTextRule(t *testing.T) {
	a := everyKeyPack(t)
	if _, err := model.Load(writeEveryKey(t, a)); err != nil {
		t.Fatalf("the fixture does not load:\n%v", err)
	}
	values, sections := scanPack(t, a)
	if t.Failed() {
		return
	}
	probeKeys(t, a, sections)

	type injection struct {
		text, char string // what is written; the character reported
		accept     bool   // the pack must load, rather than be refused
	}
	for _, v := range values {
		rule := textRules[v.rule]
		esc := func(s string) string { return s } // TOML escapes for TOML, raw characters for the CSV
		if strings.HasSuffix(v.file, ".toml") {
			esc = tomlEscape
		}
		cases := []injection{{esc("\u202e"), "U+202E", false}, {esc("\u0007"), "U+0007", false}}
		if strings.HasSuffix(v.file, ".toml") {
			cases = append(cases, injection{"\u202e", "U+202E", false}) // raw
		}
		switch rule {
		case ruleName:
			cases = append(cases, injection{esc("\u200b"), "U+200B", false}, injection{esc("\u2060"), "U+2060", false},
				injection{esc("\u200f"), "U+200F", false}, injection{esc("\u200c"), "", true})
		case ruleShort:
			cases = append(cases, injection{esc("\u200f"), "U+200F", false}, injection{esc("\u200b"), "", true})
		case ruleMatch:
			cases = append(cases, injection{esc("\u200f"), "U+200F", false})
		case ruleLong:
			cases = append(cases, injection{esc("\u2066"), "U+2066", false}, injection{esc("\n\u200f"), "", true})
		case ruleID, ruleFixed:
			cases = append(cases, injection{esc("\u200b"), "", false})
		}
		for _, c := range cases {
			b := injectInto(a, v, c.text)
			_, err := model.Load(writeEveryKey(t, b))
			if c.accept {
				if err != nil {
					t.Errorf("%s with %q: refused, want it loaded:\n%v", v, c.text, err)
				}
				continue
			}
			var errs model.Errors
			if !errors.As(err, &errs) {
				t.Errorf("%s with %q: loaded, want an error there", v, c.text)
				continue
			}
			at := fmt.Sprintf("%s:%d:%d: ", v.file, v.line, v.col)
			// A text rule names the character at its position, the first;
			// an id, a fixed word and a column header are refused as such.
			want := ""
			if c.char != "" && (rule == ruleName || rule == ruleShort || rule == ruleLong || rule == ruleMatch) {
				want = fmt.Sprintf("(%s) at position 1; remove it", c.char)
			}
			found := false
			for _, d := range errs {
				found = found || strings.HasPrefix(d.String(), at) && strings.Contains(d.String(), want)
			}
			if !found {
				t.Errorf("%s with %q: want an error at %s%s, got\n%v", v, c.text, at, want, err)
			}
		}
	}
}

// Every text field of the model is filled, in the fixture, from a value
// whose rule textRules decides, or is listed in notFromSources: a field
// added to the model without a decision fails here.
func TestEveryTextFieldHasARule(t *testing.T) {
	a := everyKeyPack(t)
	p, err := model.Load(writeEveryKey(t, a))
	if err != nil {
		t.Fatalf("the fixture does not load:\n%v", err)
	}
	values, _ := scanPack(t, a)
	rulesOf := map[string][]string{} // value text → the rules of the values written so
	for _, v := range values {
		rulesOf[v.text] = append(rulesOf[v.text], v.rule)
	}
	fields := map[string]bool{}
	textFields(reflect.TypeFor[model.Pack](), fields, map[reflect.Type]bool{})
	seen := map[string][]string{}
	textValues(reflect.ValueOf(p), "Pack", seen, map[uintptr]bool{})
	for _, f := range sortedKeys(fields) {
		if _, ok := notFromSources[f]; ok {
			continue
		}
		traced := false
		for _, s := range seen[f] {
			traced = traced || len(rulesOf[s]) > 0
		}
		if !traced {
			t.Errorf("text field %s holds no value written in testdata/every-key.txtar (it holds %q): write its key there and decide its rule in textRules, or list it in notFromSources", f, seen[f])
		}
	}
	for f := range notFromSources {
		if !fields[f] {
			t.Errorf("notFromSources lists %s, which is not a text field of the model", f)
		}
	}
}

// tomlEscape writes s as the escapes of a TOML basic string.
func tomlEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > 0xffff {
			fmt.Fprintf(&b, `\U%08X`, r)
		} else {
			fmt.Fprintf(&b, `\u%04X`, r)
		}
	}
	return b.String()
}

func everyKeyPack(t *testing.T) *txtar.Archive {
	t.Helper()
	// The fixture's [[font]] family is found among the built-in faces.
	t.Setenv(fonts.DirsEnv, filepath.Join("..", "fonts", "files"))
	data, err := os.ReadFile("testdata/every-key.txtar")
	if err != nil {
		t.Fatal(err)
	}
	return txtar.Parse(data)
}

// writeEveryKey writes the fixture a, and the font files its [[font]]
// names, into a new directory.
func writeEveryKey(t *testing.T, a *txtar.Archive) string {
	t.Helper()
	dir := packtest.Write(t, string(txtar.Format(a)))
	for to, from := range map[string]string{"other.ttf": "NotoSans-Regular.ttf", "other-bold.ttf": "NotoSans-Bold.ttf"} {
		data, err := os.ReadFile(filepath.Join("..", "fonts", "files", from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, "fonts"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "fonts", to), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// textFields collects the exported string fields of t and of the types it
// reaches, as "Type.Field"; positions and dates hold no source text.
func textFields(t reflect.Type, out map[string]bool, done map[reflect.Type]bool) {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		textFields(t.Elem(), out, done)
		return
	case reflect.Struct:
	default:
		return
	}
	if done[t] || t == reflect.TypeFor[model.Pos]() || t == reflect.TypeFor[model.Date]() {
		return
	}
	done[t] = true
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if isText(f.Type) {
			out[t.Name()+"."+f.Name] = true
		}
		textFields(f.Type, out, done)
	}
}

// isText reports a string, or a list or map of strings.
func isText(t reflect.Type) bool {
	for t.Kind() == reflect.Slice || t.Kind() == reflect.Map || t.Kind() == reflect.Array {
		t = t.Elem()
	}
	return t.Kind() == reflect.String
}

// textValues collects the non-empty strings of every text field reachable
// from v, by "Type.Field".
func textValues(v reflect.Value, field string, out map[string][]string, done map[uintptr]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || done[v.Pointer()] {
			return
		}
		done[v.Pointer()] = true
		textValues(v.Elem(), field, out, done)
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			textValues(v.Index(i), field, out, done)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			textValues(it.Value(), field, out, done)
		}
	case reflect.String:
		if s := v.String(); s != "" {
			out[field] = append(out[field], s)
		}
	case reflect.Struct:
		t := v.Type()
		if t == reflect.TypeFor[model.Pos]() || t == reflect.TypeFor[model.Date]() {
			return
		}
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() {
				textValues(v.Field(i), t.Name()+"."+f.Name, out, done)
			}
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// scanPack finds the string values of the fixture, and the keys written in
// each table, by "file [table]" ("file" for the top of a file). A role's
// file counts as roles/*.toml.
func scanPack(t *testing.T, a *txtar.Archive) ([]value, map[string][]string) {
	t.Helper()
	var values []value
	sections := map[string][]string{}
	for _, f := range a.Files {
		if strings.HasSuffix(f.Name, ".toml") {
			values = append(values, scanTOML(t, f, sections)...)
		}
	}
	fieldOf := map[string]string{} // column header → field, from [people.columns] and [completions.columns]
	for _, v := range values {
		if v.file == model.PackFile && (v.section == "[people.columns]" || v.section == "[completions.columns]") {
			fieldOf[v.text] = v.key
		}
	}
	for _, f := range a.Files {
		if strings.HasSuffix(f.Name, ".csv") {
			values = append(values, scanCSV(t, f, fieldOf)...)
		}
	}
	for _, v := range values {
		if _, ok := textRules[v.rule]; !ok {
			t.Errorf("%s: no rule decided for %q: add it to textRules", v, v.rule)
		}
	}
	used := map[string]bool{}
	for _, v := range values {
		used[v.rule] = true
	}
	for k := range textRules {
		if !used[k] {
			t.Errorf("textRules decides %q, which testdata/every-key.txtar does not write", k)
		}
	}
	return values, sections
}

// pattern is the name a file's rules are kept under.
func pattern(file string) string {
	if strings.HasPrefix(file, model.RolesDir+"/") {
		return model.RolesDir + "/*.toml"
	}
	return file
}

var keyLine = regexp.MustCompile(`^(\s*)([a-z0-9_]+) = (.*)$`)

// scanTOML reads the fixture's simple TOML: headers, key = value lines,
// and arrays on one line or with an entry per line.
func scanTOML(t *testing.T, f txtar.File, sections map[string][]string) []value {
	var values []value
	section, key := "", ""
	inArray := false
	offset := 0
	addKey := func(sec, k string) {
		name := strings.TrimSpace(pattern(f.Name) + " " + sec)
		if !slices.Contains(sections[name], k) {
			sections[name] = append(sections[name], k)
		}
	}
	for n, line := range strings.SplitAfter(string(f.Data), "\n") {
		start := offset
		offset += len(line)
		line = strings.TrimSuffix(line, "\n")
		trimmed := strings.TrimSpace(line)
		rule := func() string {
			r := strings.Join(slices.DeleteFunc([]string{pattern(f.Name), section, key}, func(s string) bool { return s == "" }), " ")
			if _, ok := textRules[r]; !ok && section != "" {
				if _, ok := textRules[pattern(f.Name)+" "+section+" *"]; ok {
					return pattern(f.Name) + " " + section + " *"
				}
			}
			return r
		}
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case inArray:
			values = append(values, literals(t, f.Name, section, key, line, start, n+1, 0, rule())...)
			inArray = !strings.HasPrefix(trimmed, "]")
		case strings.HasPrefix(trimmed, "["):
			section = trimmed
			name := strings.Trim(trimmed, "[]")
			parent, child := "", name
			if i := strings.LastIndexByte(name, '.'); i >= 0 {
				parent, child = "["+name[:i]+"]", name[i+1:]
				if _, ok := sections[strings.TrimSpace(pattern(f.Name)+" ["+parent+"]")]; ok {
					parent = "[" + parent + "]" // a table of the last entry of an array of tables
				}
			}
			addKey(parent, child)
		default:
			m := keyLine.FindStringSubmatch(line)
			if m == nil {
				t.Fatalf("%s:%d: the test cannot read %q", f.Name, n+1, line)
			}
			key = m[2]
			addKey(section, key)
			keyCol := len(m[1]) + 1
			switch rest := m[3]; {
			case strings.HasPrefix(rest, `"`):
				values = append(values, literals(t, f.Name, section, key, line, start, n+1, keyCol, rule())...)
			case strings.HasPrefix(rest, "["):
				values = append(values, literals(t, f.Name, section, key, line, start, n+1, 0, rule())...)
				inArray = !strings.HasSuffix(rest, "]")
			}
		}
	}
	return values
}

// literals finds the basic strings of one line. Each is reported at col,
// or at its own opening quote when col is 0 (an array entry).
func literals(t *testing.T, file, section, key, line string, start, n, col int, rule string) []value {
	var out []value
	for i := 0; i < len(line); i++ {
		if line[i] == '#' {
			break
		}
		if line[i] != '"' {
			continue
		}
		j := i + 1
		for j < len(line) && line[j] != '"' {
			if line[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(line) {
			t.Fatalf("%s:%d: unterminated string", file, n)
		}
		text, err := strconv.Unquote(line[i : j+1])
		if err != nil {
			t.Fatalf("%s:%d: %v", file, n, err)
		}
		c := col
		if c == 0 {
			c = utf8.RuneCountInString(line[:i]) + 1
		}
		out = append(out, value{file: file, section: section, key: key, rule: rule, at: start + i + 1, line: n, col: c, text: text})
		i = j
	}
	return out
}

// scanCSV takes the cells of the HR export's third line, whose cells are
// all written, with the field each column is mapped to (fieldOf).
func scanCSV(t *testing.T, f txtar.File, fieldOf map[string]string) []value {
	lines := strings.SplitAfter(string(f.Data), "\n")
	header := strings.Split(strings.TrimSpace(lines[0]), ",")
	var out []value
	start := len(lines[0]) + len(lines[1])
	col := 1
	for i, cell := range strings.Split(strings.TrimSuffix(lines[2], "\n"), ",") {
		field, ok := fieldOf[header[i]]
		if !ok {
			t.Fatalf("%s: column %q is mapped to no field", f.Name, header[i])
		}
		out = append(out, value{file: f.Name, key: field, rule: f.Name + " " + field, at: start + col - 1, line: 3, col: col, text: cell})
		col += len(cell) + 1
	}
	return out
}

// injectInto returns a copy of a with text written into v.
func injectInto(a *txtar.Archive, v value, text string) *txtar.Archive {
	b := &txtar.Archive{Comment: a.Comment}
	for _, f := range a.Files {
		if f.Name == v.file {
			f.Data = slices.Concat(f.Data[:v.at:v.at], []byte(text), f.Data[v.at:])
		}
		b.Files = append(b.Files, f)
	}
	return b
}

var probeReport = regexp.MustCompile(`^([^:]+):(\d+):\d+: unknown key "zz_probe" in .* \(allowed keys: (.*)\)$`)

// freeKeys are the tables whose keys are the pack's own names (a course
// of a completions export), so that no key is unknown in them.
var freeKeys = map[string]bool{"[completions.courses]": true}

// probeKeys writes an unknown key into every table of the fixture and reads
// the keys each decoder allows from the errors: each must be written in
// that table of the fixture, so that its values are tried.
func probeKeys(t *testing.T, a *txtar.Archive, sections map[string][]string) {
	t.Helper()
	b := &txtar.Archive{}
	where := map[string]string{} // "file:line" of a probe → its table
	for _, f := range a.Files {
		if !strings.HasSuffix(f.Name, ".toml") {
			b.Files = append(b.Files, f)
			continue
		}
		var out []string
		add := func(section string) {
			out = append(out, "zz_probe = 1")
			where[fmt.Sprintf("%s:%d", f.Name, len(out))] = strings.TrimSpace(pattern(f.Name) + " " + section)
		}
		add("")
		for line := range strings.SplitSeq(strings.TrimSuffix(string(f.Data), "\n"), "\n") {
			out = append(out, line)
			if trimmed := strings.TrimSpace(line); strings.HasPrefix(trimmed, "[") && strings.HasSuffix(trimmed, "]") && !strings.Contains(trimmed, `"`) && !freeKeys[trimmed] {
				add(trimmed)
			}
		}
		b.Files = append(b.Files, txtar.File{Name: f.Name, Data: []byte(strings.Join(out, "\n") + "\n")})
	}
	_, err := model.Load(writeEveryKey(t, b))
	var errs model.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("the probes were not reported: %v", err)
	}
	reported := map[string]bool{}
	missing := map[string]bool{} // "table: key" allowed but not written
	for _, d := range errs {
		m := probeReport.FindStringSubmatch(d.String())
		if m == nil {
			t.Errorf("unexpected error with the probes: %s", d)
			continue
		}
		section, ok := where[m[1]+":"+m[2]]
		if !ok {
			t.Errorf("a probe reported where none was written: %s", d)
			continue
		}
		reported[m[1]+":"+m[2]] = true
		for k := range strings.SplitSeq(m[3], ", ") {
			if !slices.Contains(sections[section], k) {
				missing[fmt.Sprintf("%s allows key %q", section, k)] = true
			}
		}
	}
	for _, m := range sortedKeys(missing) {
		t.Errorf("%s, which testdata/every-key.txtar does not write: write it there and decide its rule in textRules", m)
	}
	for _, at := range sortedKeys(where) {
		if !reported[at] {
			t.Errorf("the probe at %s in %s was not reported as an unknown key", at, where[at])
		}
	}
}
