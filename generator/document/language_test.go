package document_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/letters"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// LanguagePack copies the example pack (content/) to a temporary
// directory with language set to lang in pack.toml, and loads it.
func languagePack(t *testing.T, lang string) *model.Pack {
	t.Helper()
	dir := packtest.ExampleIn(t, "language = \""+lang+"\"")
	p, err := model.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if p.Language != lang {
		t.Fatalf("the pack's language is %q, want %q", p.Language, lang)
	}
	return p
}

// myAreas are the prefixes of the keys whose text the document model, the
// briefs and the letters print.
var myAreas = []string{"document.", "brief.", "letter.", "signature.", "common.yes_no.", "translation.",
	// The model's facts in words (view/modeltext.go): the training plan, limits.
	"training.", "authority.", "duration.", "competence_kind."}

// englishFragments are the pieces of English text of the areas above that
// the language's catalogue words otherwise: whole messages without
// placeholders, and the literal runs of at least 12 characters between the
// placeholders of the others.
func englishFragments(t *testing.T, lang string) (whole, runs []string) {
	en, tr := messages.Builtin("en"), messages.Builtin(lang)
	ph := regexp.MustCompile(`\{[a-z0-9_]+\}`)
	seen := map[string]bool{}
	for _, key := range en.Keys() {
		mine := false
		for _, a := range myAreas {
			mine = mine || strings.HasPrefix(key, a)
		}
		if !mine {
			continue
		}
		// A plural message's forms: every count we check with.
		for _, n := range []int{-1, 1, 2} {
			var e, x string
			if n < 0 {
				e, x = en.Text(key), tr.Text(key)
			} else {
				e, x = en.Plural(key, n), tr.Plural(key, n)
			}
			if e == x || seen[e] {
				continue
			}
			seen[e] = true
			if !ph.MatchString(e) {
				whole = append(whole, e)
				continue
			}
			for _, r := range ph.Split(e, -1) {
				if r = strings.TrimSpace(r); len(r) >= 12 && !strings.Contains(x, r) {
					runs = append(runs, r)
				}
			}
		}
	}
	return whole, runs
}

// fixedTexts are the texts of a document model that are not the pack's:
// headings (without their numbers), labels, column titles, signature
// headings and labels.
func fixedTexts(blocks []document.Block) []string {
	var out []string
	num := regexp.MustCompile(`^[0-9.]+ `)
	for _, bl := range blocks {
		switch x := bl.(type) {
		case *document.Heading:
			out = append(out, num.ReplaceAllString(x.Text, ""))
		case *document.Fields:
			for _, f := range x.Fields {
				out = append(out, f.Label)
			}
		case *document.Table:
			for _, c := range x.Columns {
				out = append(out, c.Title)
			}
		case *document.Grid:
			out = append(out, x.ActivityTitle, x.ClauseTitle)
		case *document.Legend:
			out = append(out, x.Title)
			out = append(out, x.Names...)
		case *document.Signatures:
			for _, s := range x.Signers {
				for _, l := range s.Lines {
					out = append(out, l.Label)
				}
			}
		}
	}
	return out
}

// TestNoEnglishInTranslation: the example pack written in German and in
// Japanese (language in pack.toml) gets a controlled document, briefs and
// letters with none of the English catalogue's words where the language's
// differ: no English heading, label or column title, and no run of an
// English sentence.
func TestNoEnglishInTranslation(t *testing.T) {
	for _, lang := range []string{"de", "ja"} {
		t.Run(lang, func(t *testing.T) {
			p := languagePack(t, lang)
			v := view.New(p, st, check.Run(p, p.Document.LastReview))
			if v.Lang != lang {
				t.Fatalf("view language %q", v.Lang)
			}
			whole, runs := englishFragments(t, lang)
			if len(whole) < 100 || len(runs) < 20 {
				t.Fatalf("only %d English messages and %d runs to look for", len(whole), len(runs))
			}
			isWhole := map[string]bool{}
			for _, w := range whole {
				isWhole[w] = true
			}
			doc := document.New(v)
			fixed := append(fixedTexts(doc.Body), doc.Contents, doc.Cover.Subtitle, doc.Cover.ControlTitle)
			for _, f := range doc.Cover.Control {
				fixed = append(fixed, f.Label)
			}
			texts := map[string]string{"document": doc.Text()}
			tmpl, err := letters.LoadFor(p.Templates(), v.Lang, p.Language)
			if err != nil {
				t.Fatal(err)
			}
			for _, pv := range v.Seated {
				s := document.Brief(v, pv)
				fixed = append(fixed, s.Title)
				fixed = append(fixed, fixedTexts(s.Body)...)
				fixed = append(fixed, fixedTexts([]document.Block{&document.Signatures{Signers: []document.Signer{s.Signer}}})...)
				texts["brief of "+pv.ID] = s.Text()
				for _, l := range letters.For(v, pv) {
					tp := tmpl.Appointment
					if l.Kind == letters.Deputy {
						tp = tmpl.Deputy
					}
					body, err := tp.Execute(l.Fields)
					if err != nil {
						t.Fatal(err)
					}
					m := document.NewLetter(v, l, body)
					fixed = append(fixed, fixedTexts(m.Body)...)
					fixed = append(fixed, fixedTexts([]document.Block{&document.Signatures{Signers: m.Signers[:]}})...)
					texts[l.File] = m.Text()
				}
			}
			if len(texts) < 10 {
				t.Fatalf("only %d texts", len(texts))
			}
			// The pack's own words (its roles' names, its team's, its
			// document's title) are the pack's, in whatever language it is
			// written: the example's are English.
			reported := map[string]bool{p.Document.Title: true}
			for _, r := range p.Roles {
				reported[r.Name] = true
			}
			if p.ReviewTeam != nil {
				reported[p.ReviewTeam.Name] = true
			}
			// A competence's name may hold an English word of a message
			// ("ISO 22301 business continuity certification").
			for _, c := range p.Competences {
				for _, r := range runs {
					if strings.Contains(c.Name, r) {
						reported[r] = true
					}
				}
			}
			for _, f := range fixed {
				if isWhole[f] && !reported[f] {
					reported[f] = true
					t.Errorf("English %q printed in a %s document", f, lang)
				}
			}
			for name, txt := range texts {
				for _, r := range runs {
					if strings.Contains(txt, r) && !reported[r] {
						reported[r] = true
						t.Errorf("%s: English %q", name, r)
					}
				}
				// Whole sentences (the shared words, the notes) too.
				for _, w := range whole {
					if len(w) >= 20 && strings.Contains(txt, w) && !reported[w] {
						reported[w] = true
						t.Errorf("%s: English %q", name, w)
					}
				}
				if strings.Contains(txt, "[notice]") {
					t.Errorf("%s: a translation notice on the authoritative text", name)
				}
			}
		})
	}
}

// TestTranslationNotice: a document built in a language other than the
// pack's says, in that language, what it translates and that the
// authoritative text prevails; the brief and every letter say it too.
func TestTranslationNotice(t *testing.T) {
	p := languagePack(t, "en")
	for _, lang := range []string{"de", "ja"} {
		v := view.New(p, st, check.Run(p, p.Document.LastReview), view.WithWords(messages.Builtin(lang)))
		doc := document.New(v)
		n := doc.Cover.Notice
		want := map[string][]string{"de": {"Deutsch", "Englisch", p.Document.Version, p.Document.ID}, "ja": {"日本語", "英語", p.Document.Version, p.Document.ID}}[lang]
		for _, w := range want {
			if !strings.Contains(n, w) {
				t.Errorf("%s: the notice %q lacks %q", lang, n, w)
			}
		}
		if !strings.Contains(doc.Text(), "[notice] "+n) {
			t.Errorf("%s: the document's text lacks the notice", lang)
		}
		pv := v.Seated[0]
		if s := document.Brief(v, pv); s.Notice != n {
			t.Errorf("%s: the brief's notice %q, want %q", lang, s.Notice, n)
		}
		for _, l := range letters.For(v, pv) {
			if m := document.NewLetter(v, l, "x"); m.Notice != n {
				t.Errorf("%s: the letter's notice %q", lang, m.Notice)
			}
		}
	}
	// The authoritative text carries none.
	v := view.New(p, st, check.Run(p, p.Document.LastReview))
	if n := document.New(v).Cover.Notice; n != "" {
		t.Errorf("the English document of an English pack has a notice: %q", n)
	}
}
