package pdf_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pdf"
	"github.com/rolepack/rolepack/generator/view"
)

// languageExample loads a copy of the example pack with language = lang
// in pack.toml and, for Chinese and Japanese, the CJK face the machine
// has (fonts-noto-cjk), as the second test pack names it.
func languageExample(t *testing.T, lang string) *model.Pack {
	t.Helper()
	src, dir := "../../content", t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == "pack.toml" {
			s := strings.Replace(string(data), "\n[organisation]", "\nlanguage = \""+lang+"\"\n\n[organisation]", 1)
			if lang == "ja" || strings.HasPrefix(lang, "zh") {
				s += "\n[[font]]\nfamily = \"Noto Sans CJK JP\"\n"
			}
			data = []byte(s)
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	p, err := model.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// englishSentences are the English catalogue's texts of the document,
// brief and letter areas and the page furniture that the language words
// otherwise: whole messages of 12 characters or more, and the runs of as
// many between the placeholders of the others.
func englishSentences(lang string) []string {
	en, tr := messages.Builtin("en"), messages.Builtin(lang)
	ph := regexp.MustCompile(`\{[a-z0-9_]+\}`)
	var out []string
	for _, key := range en.Keys() {
		if !strings.HasPrefix(key, "document.") && !strings.HasPrefix(key, "brief.") && !strings.HasPrefix(key, "letter.") &&
			!strings.HasPrefix(key, "common.") && !strings.HasPrefix(key, "translation.") {
			continue
		}
		for _, n := range []int{-1, 1, 2} {
			var e, x string
			if n < 0 {
				e, x = en.Text(key), tr.Text(key)
			} else {
				e, x = en.Plural(key, n), tr.Plural(key, n)
			}
			if e == x {
				continue
			}
			for _, r := range ph.Split(e, -1) {
				if r = strings.TrimSpace(r); len(r) >= 12 && !strings.Contains(x, r) && !slices.Contains(out, r) {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// TestLanguageOutputs: the example pack in German and in Japanese. Its
// controlled document, acknowledgement sheets and a sample of its briefs
// and letters pass the layout and glyph checks (the Japanese with the CJK
// face), record their language (/Lang), and print no English sentence,
// label or page furniture of rolepack's own (the pack's text, in English,
// is the pack's).
func TestLanguageOutputs(t *testing.T) {
	for _, lang := range []string{"de", "ja"} {
		t.Run(lang, func(t *testing.T) {
			p := languageExample(t, lang)
			v := view.New(p, st, check.Run(p, p.Document.LastReview))
			files := map[string][]byte{}
			doc, err := pdf.Document(v)
			if err != nil {
				t.Fatal(err)
			}
			files["document"] = doc
			sheets, err := pdf.SignOff(v)
			if err != nil {
				t.Fatal(err)
			}
			files["sheets"] = sheets
			var w memWriter
			if err := (pdf.PeopleRenderer{}).Render(context.Background(), v, &w); err != nil {
				t.Fatal(err)
			}
			names := slices.Sorted(func(yield func(string) bool) {
				for n := range w.files {
					if !yield(n) {
						return
					}
				}
			})
			for i, n := range names {
				if i%7 == 0 { // a sample: every person's files take long to read back
					files[n] = w.files[n]
				}
			}
			english := englishSentences(lang)
			if len(english) < 50 {
				t.Fatalf("only %d English sentences to look for", len(english))
			}
			for name, data := range files {
				if !bytes.Contains(data, []byte("/Lang ("+lang+")")) {
					t.Errorf("%s: no /Lang (%s) in the catalog", name, lang)
				}
				path := write(t, data)
				checkLayout(t, name, path)
				txt := flat(text(t, path))
				// The pack's own words are the pack's: the example's are
				// English.
				pack := []string{p.Document.Title}
				for _, r := range p.Roles {
					pack = append(pack, r.Name)
				}
				if p.ReviewTeam != nil {
					pack = append(pack, p.ReviewTeam.Name)
				}
				for _, proc := range v.RACI.Processes {
					pack = append(pack, proc.Name)
				}
				slices.SortFunc(pack, func(a, b string) int { return len(b) - len(a) })
				for _, s := range pack {
					txt = strings.ReplaceAll(txt, s, "")
				}
				for _, e := range english {
					if strings.Contains(txt, e) {
						t.Errorf("%s: English %q", name, e)
					}
				}
				for _, e := range []string{"Page 1 of", "Sheet page", "Uncontrolled when printed", "Stamp:", "Dear ", "Accepted by"} {
					if strings.Contains(txt, e) {
						t.Errorf("%s: English %q", name, e)
					}
				}
			}
		})
	}
}
