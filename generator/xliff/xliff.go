// Package xliff is the translators' round trip of a pack's own text
// (docs/languages.md): an XLIFF 2.0 file of one language's translatable
// values, which translation tools read, and the translated file written
// back into translations/<lang>/<source file>, changing only the entries
// whose translation changed.
package xliff

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/atomicfile"
)

// XLIFF 2.0, the parts rolepack writes and reads
// (https://docs.oasis-open.org/xliff/xliff-core/v2.0/xliff-core-v2.0.html).
const xliffNS = "urn:oasis:names:tc:xliff:document:2.0"

// Doc is an XLIFF 2.0 document as rolepack writes and reads it.
type Doc struct {
	XMLName xml.Name    `xml:"urn:oasis:names:tc:xliff:document:2.0 xliff"`
	Version string      `xml:"version,attr"`
	SrcLang string      `xml:"srcLang,attr"`
	TrgLang string      `xml:"trgLang,attr"`
	Files   []xliffFile `xml:"file"`
}

type xliffFile struct {
	ID       string      `xml:"id,attr"`
	Original string      `xml:"original,attr"`
	Units    []xliffUnit `xml:"unit"`
}

type xliffUnit struct {
	ID      string       `xml:"id,attr"`
	Name    string       `xml:"name,attr,omitempty"`
	Notes   []xliffNote  `xml:"notes>note"`
	Segment xliffSegment `xml:"segment"`
}

type xliffNote struct {
	Category string `xml:"category,attr,omitempty"`
	Text     string `xml:",chardata"`
}

type xliffSegment struct {
	State  string     `xml:"state,attr,omitempty"`
	Source xliffText  `xml:"source"`
	Target *xliffText `xml:"target"`
}

// xliffText is a source or target: its text, and as read its content, to
// tell inline codes (<ph/>, <pc>…), which rolepack's plain text has none
// of and would lose, from text.
type xliffText struct {
	Text  string `xml:",chardata"`
	Inner string `xml:",innerxml"`
}

// inline reports whether the text holds inline codes.
func (t xliffText) inline() bool { return strings.Contains(t.Inner, "<") }

// Note categories rolepack writes; source-hash is the one import reads.
const (
	noteHash     = "source-hash"
	noteLocation = "location"
	noteField    = "field"
	notePrevious = "previous-source"
	noteFile     = "translation-file"
)

// Read parses an XLIFF 2.0 file, refusing another version or format.
func Read(data []byte) (*Doc, error) {
	var doc Doc
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("is not an XLIFF 2.0 file (%s): %v", xliffNS, err)
	}
	if !strings.HasPrefix(doc.Version, "2.") {
		return nil, fmt.Errorf("is XLIFF %q; rolepack reads XLIFF 2.0", doc.Version)
	}
	return &doc, nil
}

// MaxBytes bounds the file import reads: every value of the largest
// pack, with its notes, fits many times over.
const MaxBytes = 64 << 20

// Export writes the units of lang that only selects (all, stale,
// missing, todo) as an XLIFF 2.0 file, and how many there are.
func Export(p *model.Pack, lang, only string) ([]byte, int) {
	st := p.TranslationState(lang)
	type entry struct {
		t     *model.Translation
		state string
	}
	of := map[*model.Unit]entry{}
	for _, b := range st.Current {
		of[b.Unit] = entry{b.T, "final"}
	}
	for _, b := range st.Stale {
		of[b.Unit] = entry{b.T, "stale"}
	}
	doc := Doc{Version: "2.0", SrcLang: p.Language, TrgLang: lang}
	n := 0
	for _, u := range p.Units() {
		e, ok := of[u]
		state := e.state
		if !ok {
			state = "missing"
		}
		switch {
		case only == "stale" && state != "stale", only == "missing" && state != "missing", only == "todo" && state == "final":
			continue
		}
		if len(doc.Files) == 0 || doc.Files[len(doc.Files)-1].Original != u.Source {
			doc.Files = append(doc.Files, xliffFile{ID: fmt.Sprintf("f%d", len(doc.Files)+1), Original: u.Source})
		}
		xu := xliffUnit{ID: u.ID, Notes: []xliffNote{
			{Category: noteHash, Text: u.Hash()},
			{Category: noteLocation, Text: u.Pos.String()},
			{Category: noteField, Text: u.Field.Key},
			{Category: noteFile, Text: model.TranslationFile(lang, u.Source)},
		}, Segment: xliffSegment{State: "initial", Source: xliffText{Text: u.Text}}}
		if e.t != nil {
			xu.Segment.Target = &xliffText{Text: e.t.Text}
			if state == "final" {
				xu.Segment.State = "final"
			} else if e.t.SourceText != "" {
				xu.Notes = append(xu.Notes, xliffNote{Category: notePrevious, Text: e.t.SourceText})
			}
		}
		f := &doc.Files[len(doc.Files)-1]
		f.Units = append(f.Units, xu)
		n++
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		panic(err) // only strings: encoding cannot fail
	}
	b.WriteString("\n")
	return b.Bytes(), n
}

// Plan is the new content of each translation file an import changes,
// by its path in the pack, and how many entries it edits and adds.
type Plan struct {
	Files         map[string][]byte
	Edited, Added int
}

// Write writes the plan's files into the content directory, each
// atomically; a translation file that is new is made, with its directory.
func (p Plan) Write(content string) error {
	paths := slices.Sorted(maps.Keys(p.Files))
	for _, f := range paths {
		if err := atomicfile.Write(filepath.Join(content, filepath.FromSlash(f)), p.Files[f]); err != nil {
			return fmt.Errorf("writing %s: %w", f, err)
		}
	}
	return nil
}

// edit replaces the bytes [from, to) of a file.
type edit struct {
	from, to int
	text     string
}

// PlanImport works out what importing doc changes in the translation
// files of p: only the entries whose text, source hash or source text
// changed are edited, in place, the rest of each file kept byte for byte;
// new entries are appended. refused names, by unit, each unit that cannot
// be imported (unknown, stale by the time it came back, inline codes, an
// empty or invalid target); when any is, the plan is empty.
func PlanImport(p *model.Pack, doc *Doc) (plan Plan, refused []string) {
	lang := doc.TrgLang
	plan = Plan{Files: map[string][]byte{}}
	byKey := map[[2]string]*model.Translation{}
	for _, t := range p.Translations() {
		if t.Lang == lang {
			byKey[[2]string{t.Source, t.ID}] = t
		}
	}
	edits := map[string][]edit{}
	appends := map[string][]string{}
	for _, f := range doc.Files {
		for _, xu := range f.Units {
			seg := xu.Segment
			if seg.Target == nil || !slices.Contains([]string{"translated", "reviewed", "final"}, seg.State) {
				continue
			}
			target := strings.TrimSpace(seg.Target.Text)
			source := strings.TrimSpace(seg.Source.Text)
			u := p.Unit(f.Original, xu.ID)
			name := f.Original + " " + xu.ID
			switch {
			case u == nil:
				refused = append(refused, fmt.Sprintf("%s: the pack has no value %s in %s", name, xu.ID, f.Original))
				continue
			case seg.Source.inline() || seg.Target.inline():
				refused = append(refused, fmt.Sprintf("%s: the source or target holds inline codes (<ph/>, <pc>…), which rolepack's text cannot keep: write the target as plain text", name))
				continue
			case model.SourceHash(source) != u.Hash():
				refused = append(refused, fmt.Sprintf("%s: stale by the time it came back: translated from %q, the source now says %q; export it again", name, short(source), short(u.Text)))
				continue
			case target == "":
				refused = append(refused, fmt.Sprintf("%s: the target is empty", name))
				continue
			}
			if msg := model.CheckTranslationText(u, target); msg != "" {
				refused = append(refused, fmt.Sprintf("%s: the target %s", name, msg))
				continue
			}
			file := model.TranslationFile(lang, u.Source)
			t := byKey[[2]string{u.Source, u.ID}]
			if t == nil {
				appends[file] = append(appends[file], entryText(u, target))
				plan.Added++
				continue
			}
			if t.Text == target && t.SourceHash == u.Hash() && t.SourceText == u.Text {
				continue
			}
			src := fileData(p, file)
			var es []edit
			var ok bool
			if es, ok = valueEdit(src, t.KeyPos["text"], target, t.Text != target); !ok {
				refused = append(refused, fmt.Sprintf("%s: cannot find the value of text at %s", name, t.KeyPos["text"]))
				continue
			}
			if e, ok := valueEdit(src, t.KeyPos["source"], u.Hash(), t.SourceHash != u.Hash()); ok {
				es = append(es, e...)
			}
			if at, has := t.KeyPos["source_text"]; has {
				if e, ok := valueEdit(src, at, u.Text, t.SourceText != u.Text); ok {
					es = append(es, e...)
				}
			} else if off, ok := lineStart(src, t.KeyPos["text"].Line); ok {
				es = append(es, edit{off, off, "source_text = " + tomlString(u.Text) + "\n"})
			}
			edits[file] = append(edits[file], es...)
			plan.Edited++
		}
	}
	if len(refused) > 0 {
		return Plan{}, refused
	}
	for file, es := range edits {
		plan.Files[file] = applyEdits(fileData(p, file), es)
	}
	for file, entries := range appends {
		data, ok := plan.Files[file]
		if !ok {
			data = fileData(p, file)
		}
		if data == nil {
			data = []byte(fmt.Sprintf("# %s: the %s translation of %s (docs/languages.md).\n", file, lang, strings.TrimPrefix(file, model.TranslationsDir+"/"+lang+"/")))
		}
		if len(data) > 0 && !bytes.HasSuffix(data, []byte("\n")) {
			data = append(data, '\n')
		}
		for _, e := range entries {
			data = append(data, '\n')
			data = append(data, e...)
		}
		plan.Files[file] = data
	}
	return plan, nil
}

// fileData is a file of the pack as it was read, or nil.
func fileData(p *model.Pack, path string) []byte {
	for _, f := range p.Files {
		if f.Path == path {
			return f.Data
		}
	}
	return nil
}

// entryText is a new [[unit]] entry.
func entryText(u *model.Unit, target string) string {
	return fmt.Sprintf("[[unit]]\nid = %s\nsource = %s\nsource_text = %s\ntext = %s\n", tomlString(u.ID), tomlString(u.Hash()), tomlString(u.Text), tomlString(target))
}

// tomlString writes s as a TOML basic string, or a multi-line basic
// string when it has line breaks (a Markdown paragraph), escaping what
// must be.
func tomlString(s string) string {
	multi := strings.Contains(s, "\n")
	var b strings.Builder
	if multi {
		b.WriteString("\"\"\"\n")
	} else {
		b.WriteByte('"')
	}
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' && multi:
			b.WriteByte('\n')
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	if multi {
		b.WriteString("\"\"\"")
	} else {
		b.WriteByte('"')
	}
	return b.String()
}

func lineStart(src []byte, line int) (int, bool) {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return 0, false
		}
		off += i + 1
	}
	return off, line >= 1
}

// valueEdit replaces the string value of the key written at pos with
// value, when change; ok is false when the value is not a string where
// the key says.
func valueEdit(src []byte, pos model.Pos, value string, change bool) ([]edit, bool) {
	off, ok := lineStart(src, pos.Line)
	if !ok {
		return nil, false
	}
	// The column counts characters; keys are ASCII, but what precedes
	// them on the line need not be.
	for c := 1; c < pos.Col && off < len(src); c++ {
		_, n := utf8.DecodeRune(src[off:])
		off += n
	}
	eq := bytes.IndexByte(src[off:], '=')
	if eq < 0 {
		return nil, false
	}
	start := off + eq + 1
	for start < len(src) && (src[start] == ' ' || src[start] == '\t') {
		start++
	}
	end, ok := stringEnd(src, start)
	if !ok {
		return nil, false
	}
	if !change {
		return nil, true
	}
	return []edit{{start, end, tomlString(value)}}, true
}

// stringEnd finds the end of the TOML string starting at i: basic,
// literal, or either multi-line.
func stringEnd(src []byte, i int) (int, bool) {
	rest := src[i:]
	switch {
	case bytes.HasPrefix(rest, []byte(`"""`)), bytes.HasPrefix(rest, []byte(`'''`)):
		q := rest[0]
		for j := 3; j+2 < len(rest); j++ {
			if q == '"' && rest[j] == '\\' {
				j++
				continue
			}
			if rest[j] == q && rest[j+1] == q && rest[j+2] == q {
				end := j + 3
				for k := 0; k < 2 && end < len(rest) && rest[end] == q; k++ {
					end++
				}
				return i + end, true
			}
		}
	case bytes.HasPrefix(rest, []byte(`"`)):
		for j := 1; j < len(rest) && rest[j] != '\n'; j++ {
			if rest[j] == '\\' {
				j++
				continue
			}
			if rest[j] == '"' {
				return i + j + 1, true
			}
		}
	case bytes.HasPrefix(rest, []byte(`'`)):
		if j := bytes.IndexAny(rest[1:], "'\n"); j >= 0 && rest[1+j] == '\'' {
			return i + j + 2, true
		}
	}
	return 0, false
}

func applyEdits(src []byte, es []edit) []byte {
	slices.SortStableFunc(es, func(a, b edit) int { return b.from - a.from })
	out := slices.Clone(src)
	for _, e := range es {
		out = slices.Concat(out[:e.from], []byte(e.text), out[e.to:])
	}
	return out
}

// short cuts s to 60 characters for a message.
func short(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:60]) + "…"
	}
	return s
}
