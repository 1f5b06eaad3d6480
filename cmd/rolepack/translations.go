package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/textsafe"
	"github.com/rolepack/rolepack/internal/safefile"
)

// This file is the translators' round trip (docs/languages.md): status,
// export to XLIFF 2.0, and import back into translations/<lang>/….

const translationsAbout = `Work with the translations of the pack's own text (docs/languages.md):

  status   per language, how many values are translated, stale (translated
           from an older source text) and missing, and which
  export   write an XLIFF 2.0 file of one language for a translator's tool
           (Trados, memoQ, Phrase, Weblate, OmegaT with Okapi)
  import   write a translated XLIFF file back into translations/<lang>/…

Run "rolepack translations <subcommand> --help" for its flags.
Exit codes: 0 success, 1 the pack does not load or a unit is refused, 2 misuse.`

func runTranslations(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return misuse("translations needs a subcommand: status, export or import")
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprintf(stdout, "Usage: rolepack translations status|export|import [flags]\n\n%s\n", translationsAbout)
		return flag.ErrHelp
	case "status":
		return runTranslationsStatus(args[1:], stdout, stderr)
	case "export":
		return runTranslationsExport(args[1:], stdout, stderr)
	case "import":
		return runTranslationsImport(args[1:], stdout, stderr)
	}
	return misuse("unknown subcommand %q of translations (choose from status, export, import)", args[0])
}

func runTranslationsStatus(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("translations status", "translations status [--content DIR] [--lang LANG] [--list]",
		`Print, for each translation of the pack (pack.toml's languages), how many
of its values are translated, stale (translated from an older source text)
and missing, and how many translations translate a value that no longer
exists. With --list, each stale, missing and orphaned one, at its file and
line. Writes nothing.

Exit codes: 0 (whatever the counts), 1 the pack does not load, 2 misuse.`, stdout)
	content := fs.String("content", "content", "the pack's source `DIR`")
	lang := fs.String("lang", "", "only the translation into `LANG`")
	list := fs.Bool("list", false, "list each stale, missing and orphaned value")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	p, err := loadDir(*content, *content, stderr)
	if err != nil {
		return err
	}
	langs, err := translationLangs(p, *lang)
	if err != nil {
		return err
	}
	if len(langs) == 0 {
		fmt.Fprintf(stdout, "The pack is written in %s and translated into no other language (pack.toml's languages).\n", p.Language)
		return nil
	}
	fmt.Fprintf(stdout, "%d translatable values in %s (the authoritative text).\n", len(p.Units()), p.Language)
	for _, l := range langs {
		st := p.TranslationState(l)
		fmt.Fprintf(stdout, "%-8s %d translated, %d stale, %d missing, %d orphaned\n", l, len(st.Current), len(st.Stale), len(st.Missing), len(st.Orphans))
		if !*list {
			continue
		}
		for _, b := range st.Stale {
			fmt.Fprintf(stdout, "  stale     %s  %s of %s\n", joinDisplay(*content, b.T.Pos.String()), textsafe.Line(b.Unit.ID), b.Unit.Source)
		}
		for _, u := range st.Missing {
			fmt.Fprintf(stdout, "  missing   %s  %s: %q\n", joinDisplay(*content, u.Pos.String()), textsafe.Line(u.ID), shortText(u.Text))
		}
		for _, t := range st.Orphans {
			fmt.Fprintf(stdout, "  orphaned  %s  %s\n", joinDisplay(*content, t.Pos.String()), textsafe.Line(t.ID))
		}
	}
	return nil
}

// translationLangs is the translation named by --lang, or every one.
func translationLangs(p *model.Pack, lang string) ([]string, error) {
	tr := p.Languages[1:]
	if lang == "" {
		return tr, nil
	}
	if !slices.Contains(tr, lang) {
		if lang == p.Language {
			return nil, misuse("%s is the language the sources are written in, not a translation", lang)
		}
		if len(tr) == 0 {
			return nil, misuse("the pack is translated into no language: add %q to languages in pack.toml", lang)
		}
		return nil, misuse("%s is not a translation of the pack (languages: %s)", lang, strings.Join(tr, ", "))
	}
	return []string{lang}, nil
}

func shortText(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:60]) + "…"
	}
	return s
}

// XLIFF 2.0, the parts rolepack writes and reads
// (https://docs.oasis-open.org/xliff/xliff-core/v2.0/xliff-core-v2.0.html).
const xliffNS = "urn:oasis:names:tc:xliff:document:2.0"

type xliffDoc struct {
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

func runTranslationsExport(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("translations export", "translations export --lang LANG [--content DIR] [--only all|stale|missing|todo] [-o FILE.xlf]",
		`Write the pack's translatable values as an XLIFF 2.0 file for a translator:
one <file> per source file, one <unit> per value (its id is the unit id of
the translation files), the source text, and the current translation as
the target when there is one. The segment's state is "final" for a current
translation, "initial" for a stale one (its target is the translation of
the older text, given as a note "previous-source" when the entry records
it) and for a missing one (no target). The hash of the source text is the
note "source-hash".

The translator's tool sets a unit's state to "translated" (or "reviewed",
"final") when it is done; "rolepack translations import" reads those.

Exit codes: 0 written, 1 the pack does not load, 2 misuse.`, stdout)
	content := fs.String("content", "content", "the pack's source `DIR`")
	lang := fs.String("lang", "", "the translation's `LANG`uage (required)")
	only := fs.String("only", "all", "which values: all, stale, missing, or todo (stale and missing)")
	out := fs.String("o", "", "write to `FILE` instead of stdout")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	if *lang == "" {
		return misuse("translations export needs --lang, the language to translate into")
	}
	if !slices.Contains([]string{"all", "stale", "missing", "todo"}, *only) {
		return misuse("--only is %q; choose all, stale, missing or todo", *only)
	}
	p, err := loadDir(*content, *content, stderr)
	if err != nil {
		return err
	}
	if _, err := translationLangs(p, *lang); err != nil {
		return err
	}
	data, n := exportXLIFF(p, *lang, *only)
	if *out == "" {
		_, err := stdout.Write(data)
		return err
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return failed("%v", err)
	}
	fmt.Fprintf(stderr, "Wrote %d %s to %s.\n", n, plural(n, "unit", "units"), textsafe.Line(*out))
	return nil
}

// exportXLIFF writes the units of lang that only selects, and how many.
func exportXLIFF(p *model.Pack, lang, only string) ([]byte, int) {
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
	doc := xliffDoc{Version: "2.0", SrcLang: p.Language, TrgLang: lang}
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

// maxXLIFFBytes bounds the file import reads: every value of the largest
// pack, with its notes, fits many times over.
const maxXLIFFBytes = 64 << 20

func runTranslationsImport(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("translations import", "translations import [--content DIR] [--dry-run] FILE.xlf",
		`Write the translations of an XLIFF 2.0 file (as "translations export"
wrote it, translated) into translations/<lang>/<source file>. A unit is
read when its segment's state is "translated", "reviewed" or "final" and it
has a target; "initial" units are left alone. Only the entries whose text
or source changed are edited, in place: the rest of each file, comments
included, stays byte for byte; a new entry is appended to its file (the
file is made when there is none). Each entry records the hash of the
source text the translator saw, and that text (source_text).

A unit whose source text is no longer the pack's (the source changed
while it was being translated) is refused, by its unit id, and so is a
unit the pack does not have; then nothing is written.

Exit codes: 0 written (or nothing to write, or --dry-run), 1 the pack does
not load, a unit is refused or the file is not XLIFF 2.0, 2 misuse.`, stdout)
	content := fs.String("content", "content", "the pack's source `DIR`")
	dryRun := fs.Bool("dry-run", false, "say what would change and write nothing")
	rest, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return misuse("translations import needs the translated file: FILE.xlf")
	}
	p, err := loadDir(*content, *content, stderr)
	if err != nil {
		return err
	}
	data, err := safefile.ReadFile(rest[0], maxXLIFFBytes)
	if err != nil {
		return failed("%v", err)
	}
	var doc xliffDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		return failed("%s is not an XLIFF 2.0 file (%s): %v", rest[0], xliffNS, err)
	}
	if !strings.HasPrefix(doc.Version, "2.") {
		return failed("%s is XLIFF %q; rolepack reads XLIFF 2.0", rest[0], doc.Version)
	}
	if doc.SrcLang != p.Language {
		return failed("%s translates from %q, but the pack is written in %q", rest[0], doc.SrcLang, p.Language)
	}
	if _, err := translationLangs(p, doc.TrgLang); err != nil {
		return err
	}
	plan, refused := planImport(p, doc)
	if len(refused) > 0 {
		for _, r := range refused {
			fmt.Fprintln(stderr, textsafe.Line(r))
		}
		return failed("%d %s refused; nothing written", len(refused), plural(len(refused), "unit", "units"))
	}
	if plan.edited+plan.added == 0 {
		fmt.Fprintln(stdout, "The file holds no changes to the translations.")
		return nil
	}
	var paths []string
	for f := range plan.files {
		paths = append(paths, f)
	}
	slices.Sort(paths)
	what := fmt.Sprintf("%d changed and %d new %s in %d %s", plan.edited, plan.added, plural(plan.added, "translation", "translations"), len(paths), plural(len(paths), "file", "files"))
	if *dryRun {
		fmt.Fprintf(stdout, "--dry-run: %s (%s); nothing written.\n", what, textsafe.Line(strings.Join(paths, ", ")))
		return nil
	}
	for _, f := range paths {
		if err := writeSource(filepath.Join(*content, filepath.FromSlash(f)), plan.files[f]); err != nil {
			return failed("writing %s: %v", f, err)
		}
	}
	fmt.Fprintf(stdout, "Wrote %s: %s\n", what, textsafe.Line(strings.Join(paths, ", ")))
	return nil
}

// importPlan is the new content of each translation file import changes.
type importPlan struct {
	files         map[string][]byte
	edited, added int
}

// edit replaces the bytes [from, to) of a file.
type edit struct {
	from, to int
	text     string
}

func planImport(p *model.Pack, doc xliffDoc) (importPlan, []string) {
	lang := doc.TrgLang
	plan := importPlan{files: map[string][]byte{}}
	var refused []string
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
				refused = append(refused, fmt.Sprintf("%s: stale by the time it came back: translated from %q, the source now says %q; export it again", name, shortText(source), shortText(u.Text)))
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
				plan.added++
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
			plan.edited++
		}
	}
	if len(refused) > 0 {
		return importPlan{}, refused
	}
	for file, es := range edits {
		plan.files[file] = applyEdits(fileData(p, file), es)
	}
	for file, entries := range appends {
		data, ok := plan.files[file]
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
		plan.files[file] = data
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

// writeSource writes a source file atomically: a temporary file beside it,
// then a rename; the directories are made when a translation file is new.
func writeSource(dst string, data []byte) error {
	mode := os.FileMode(0o644)
	if st, err := os.Stat(dst); err == nil {
		mode = st.Mode().Perm()
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".rolepack-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer os.Remove(name) // a no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(name, dst)
}
