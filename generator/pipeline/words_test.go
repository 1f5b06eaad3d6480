package pipeline_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	xhtml "golang.org/x/net/html"

	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/internal/packtest"
)

// TestNoEnglishWordInAnotherLanguage builds the example pack as a pack
// written in German and as one written in Japanese, and the second pack
// with its French and Chinese translations, and reads every output back —
// each PDF's text, the Word file's and the workbook's XML, every page of
// the site — looking for English's fixed words: each fragment of each
// English message whose German (Japanese …) text differs. A fragment that
// also occurs in the pack's own text as that output prints it is not
// looked for: the example's text is English, and "Responsibilities" in
// its title cannot be told from a heading; the second pack's translations
// leave little English (names, codes) to hide one. Nor may a message key
// or a "{placeholder}" show.
func TestNoEnglishWordInAnotherLanguage(t *testing.T) {
	pdftotext := packtest.NeedTool(t, "pdftotext")
	for _, tc := range []struct{ lang, fonts string }{
		{"de", ""},
		{"ja", "[[font]]\nfamily = \"Noto Sans CJK JP\"\n\n"},
	} {
		t.Run("example/"+tc.lang, func(t *testing.T) {
			t.Parallel()
			dir := packtest.ExampleIn(t, fmt.Sprintf("language = %q\n\n%s", tc.lang, tc.fonts))
			out := filepath.Join(t.TempDir(), "out")
			if _, err := pipeline.Build(context.Background(), options(dir, out)); err != nil {
				t.Fatal(err)
			}
			noEnglish(t, pdftotext, out, tc.lang, sourceText(t, dir, func(string, []string) bool { return true }))
		})
	}
	t.Run("second", func(t *testing.T) {
		t.Parallel()
		dir := filepath.Join(packtest.ModuleRoot(t), "testdata", "packs", "second")
		out := filepath.Join(t.TempDir(), "out")
		if _, err := pipeline.Build(context.Background(), options(dir, out)); err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"fr", "zh-Hans"} {
			// What the translation prints of the pack: its translations,
			// and the values no one translates (model.UntranslatedFields:
			// people, the organisation's name, codes, references).
			text := sourceText(t, dir, func(rel string, key []string) bool {
				if strings.HasPrefix(rel, "translations/") {
					return strings.HasPrefix(rel, "translations/"+lang+"/") && strings.Join(key, ".") == "unit.text"
				}
				return untranslated(rel, key)
			})
			noEnglish(t, pdftotext, filepath.Join(out, lang), lang, text)
		}
	})
}

// untranslated reports whether the value at key of source file rel is one
// of model.UntranslatedFields, which a translation prints as the source
// writes it. Their keys read "roles/*.toml [[assignment]] evidence",
// "people.toml [[person]] *".
func untranslated(rel string, key []string) bool {
	for field := range model.UntranslatedFields {
		parts := strings.Fields(field)
		if ok, _ := path.Match(parts[0], rel); !ok {
			continue
		}
		want := []string{}
		for _, p := range parts[1:] {
			want = append(want, strings.Trim(p, "[]"))
		}
		if len(want) == 0 || want[len(want)-1] == "*" && len(key) >= len(want)-1 && slices.Equal(key[:len(want)-1], want[:len(want)-1]) || slices.Equal(key, want) {
			return true
		}
	}
	return false
}

// noEnglish looks for English's fixed words in the outputs in out, built
// in lang, except those that sources, the pack's text, holds.
func noEnglish(t *testing.T, pdftotext, out, lang, sources string) {
	t.Helper()
	en, words := messages.Builtin("en"), messages.Builtin(lang)
	// Words the language writes itself: "English" names English in every
	// language's list of languages, each named in itself.
	own := map[string]bool{}
	for _, key := range words.Keys() {
		for _, f := range words.Fragments(key) {
			own[f] = true
		}
	}
	var look, mute []string // English fragments to look for, and those the pack's text holds too
	for _, key := range en.Keys() {
		if slices.Equal(words.Fragments(key), en.Fragments(key)) {
			continue // the same words in both languages ("Version", "RACI")
		}
		for _, f := range en.Fragments(key) {
			switch {
			case !distinctive(f) || own[f]:
			case strings.Contains(sources, f):
				mute = append(mute, f)
			default:
				look = append(look, f)
			}
		}
	}
	t.Logf("%s: looking for %d English fragments; %d more are words of the pack's own text: %q", lang, len(look), len(mute), mute)
	keyRE := regexp.MustCompile(`\b(` + strings.Join(quoteAll(en.Keys()), "|") + `)\b`)
	texts := outputTexts(t, pdftotext, out)
	if len(texts) < 10 {
		t.Fatalf("read %d outputs; want every file", len(texts))
	}
	for _, name := range slices.Sorted(maps.Keys(texts)) {
		// A fix names the TOML table to add ("[[activity]]"), and the
		// record's keys ("version = "): code, not words.
		text := tomlKeyRE.ReplaceAllString(tableRE.ReplaceAllString(texts[name], ""), "")
		var found []string
		for _, f := range look {
			if containsWord(text, f) {
				found = append(found, f)
			}
		}
		if len(found) > 0 {
			t.Errorf("%s (%s) holds English fixed words: %q", name, lang, found)
		}
		if m := keyRE.FindString(text); m != "" {
			t.Errorf("%s (%s) prints the message key %q: a message the catalogue lacks", name, lang, m)
		}
		if m := placeholderRE.FindString(text); m != "" {
			t.Errorf("%s (%s) prints %q: a placeholder no value filled", name, lang, m)
		}
	}
}

var (
	placeholderRE = regexp.MustCompile(`\{[a-z][a-z0-9_]*\}`)
	tableRE       = regexp.MustCompile(`\[\[?[a-z_.]+\]\]?`)
	tomlKeyRE     = regexp.MustCompile(`\b[a-z_]+ = `)
)

// distinctive is a fragment worth looking for: two words or more, or one
// word of four letters or more ("No" and "of" are too common to tell).
func distinctive(f string) bool {
	return strings.ContainsRune(f, ' ') || len([]rune(strings.Trim(f, ".,:;()"))) >= 4
}

// containsWord reports whether text holds f with no letter either side.
func containsWord(text, f string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], f)
		if j < 0 {
			return false
		}
		j += i
		before, after := j > 0 && isLetter(lastRune(text[:j])), j+len(f) < len(text) && isLetter(firstRune(text[j+len(f):]))
		if !before && !after {
			return true
		}
		i = j + 1
	}
}

func isLetter(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f && !strings.ContainsRune("–—·…“”‘’«»", r)
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func lastRune(s string) rune {
	r := []rune(s[max(0, len(s)-4):])
	return r[len(r)-1]
}

func quoteAll(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = regexp.QuoteMeta(k)
	}
	return out
}

// sourceText is every string value of the pack's sources that read
// accepts (not their
// keys or comments, which no output prints), one after the other, with
// Markdown's emphasis undone and runs of white space made one space, as
// the outputs print them.
func sourceText(t *testing.T, dir string, read func(rel string, key []string) bool) string {
	t.Helper()
	var b strings.Builder
	var walk func(rel string, key []string, v any)
	walk = func(rel string, key []string, v any) {
		switch v := v.(type) {
		case string:
			if read(rel, key) {
				b.WriteString(v + "\n")
			}
		case []any:
			for _, x := range v {
				walk(rel, key, x)
			}
		case []map[string]any:
			for _, x := range v {
				walk(rel, key, x)
			}
		case map[string]any:
			for k, x := range v {
				walk(rel, append(slices.Clip(key), k), x)
			}
		}
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".toml" {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		var tree map[string]any
		if _, err := toml.DecodeFile(p, &tree); err != nil {
			return err
		}
		walk(filepath.ToSlash(rel), nil, tree)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return squashSpace(strings.NewReplacer("**", "", "*", "", "_", "").Replace(b.String()))
}

var spaceRE = regexp.MustCompile(`\s+`)

func squashSpace(s string) string { return spaceRE.ReplaceAllString(s, " ") }

// outputTexts reads the text of every file of a build that a person reads:
// PDFs through pdftotext, the Word file's and the workbook's XML parts
// with their tags taken out, each page of the site with its attributes
// that are read aloud or shown (alt, title, aria-label, placeholder), and
// the words the pages hand their script. The scripts themselves are code
// (a result's kind is an identifier such as "Activity", shown through the
// page's words): generator/site's tests read their string literals. Keys
// are the files' paths in the output.
func outputTexts(t *testing.T, pdftotext, out string) map[string]string {
	t.Helper()
	texts := map[string]string{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		switch filepath.Ext(p) {
		case ".pdf":
			got, err := exec.Command(pdftotext, "-enc", "UTF-8", p, "-").Output()
			if err != nil {
				return fmt.Errorf("pdftotext %s: %v", rel, err)
			}
			texts[rel] = squashSpace(string(got))
		case ".docx", ".xlsx":
			texts[rel] = zipText(t, p)
		case ".html":
			texts[rel] = pageText(t, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return texts
}

var (
	tagRE         = regexp.MustCompile(`<[^>]*>`)
	definedNameRE = regexp.MustCompile(`<definedName [^>]*>[^<]*</definedName>`)
)

// zipText is the text of an Office file's XML parts: each element's text,
// paragraphs and cells apart, and the attribute values people read
// (a sheet's name, a document property).
func zipText(t *testing.T, p string) string {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var b strings.Builder
	attrRE := regexp.MustCompile(`<sheet name="([^"]*)"|\b(tooltip|prompt|promptTitle|error|errorTitle)="([^"]*)"`)
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") || strings.Contains(f.Name, "theme") || strings.Contains(f.Name, "styles") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		if strings.HasSuffix(f.Name, "workbook.xml") || strings.Contains(f.Name, "worksheets/") {
			for _, m := range attrRE.FindAllStringSubmatch(s, -1) {
				b.WriteString(html.UnescapeString(m[1]+m[3]) + " | ")
			}
		}
		// A defined name's text is a formula, its name an identifier: no one reads either as words.
		s = definedNameRE.ReplaceAllString(s, "")
		s = strings.NewReplacer("</w:p>", " | ", "</si>", " | ", "</c>", " | ", "</t>", " ").Replace(s)
		b.WriteString(html.UnescapeString(tagRE.ReplaceAllString(s, "")))
		b.WriteString(" | ")
	}
	return squashSpace(b.String())
}

// pageText is a page's text and its read attributes.
func pageText(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	z := xhtml.NewTokenizer(bytes.NewReader(data))
	inJSON := false
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return squashSpace(b.String())
		case xhtml.EndTagToken:
			inJSON = false
		case xhtml.TextToken:
			if inJSON {
				// The words the page's script shows: the values, not the
				// keys it looks them up by.
				var words any
				if err := json.Unmarshal(z.Text(), &words); err != nil {
					t.Fatalf("%s: a JSON block that does not parse: %v", p, err)
				}
				b.WriteString(strings.Join(jsonStrings(words), " | "))
				continue
			}
			b.Write(z.Text())
			b.WriteByte(' ')
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, more := z.TagName()
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				if string(name) == "script" && string(k) == "type" && string(v) == "application/json" {
					inJSON = true
				}
				switch string(k) {
				case "alt", "title", "aria-label", "placeholder", "data-label":
					b.WriteString(" | " + string(v) + " | ")
				}
			}
		}
	}
}

// jsonStrings are the strings among a JSON value's values, keys left out.
func jsonStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, jsonStrings(x)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, k := range slices.Sorted(maps.Keys(v)) {
			out = append(out, jsonStrings(v[k])...)
		}
		return out
	}
	return nil
}
