package site_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// examplePackIn loads a copy of the example pack whose pack.toml says
// language = lang (and languages = langs, when given).
func examplePackIn(t *testing.T, lang string, langs ...string) *model.Pack {
	t.Helper()
	return packIn(t, "../../content", lang, langs...)
}

// packIn loads a copy of the pack in src whose pack.toml says language =
// lang (and languages = langs, when given).
func packIn(t *testing.T, src, lang string, langs ...string) *model.Pack {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "pack.toml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head := "language = \"" + lang + "\"\n"
	if len(langs) > 0 {
		head += "languages = [\"" + strings.Join(langs, "\", \"") + "\"]\n"
	}
	data = bytes.Replace(data, []byte("\n[organisation]\n"), []byte("\n"+head+"\n[organisation]\n"), 1)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := model.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// englishStrings are the English messages of site.toml (and of base.toml's
// training, authority and duration tables) that lang says
// otherwise, each form of a plural message on its own, with the
// placeholders' values cut out: the literal pieces of each message.
// A message of one piece is looked for as a whole text or attribute;
// the pieces of a longer message in any text.
func englishStrings(t *testing.T, lang string) (whole, pieces []string) {
	t.Helper()
	en, tr := messages.Builtin("en"), messages.Builtin(lang)
	if tr.Lang() != lang {
		t.Fatalf("no catalogue for %s", lang)
	}
	const mark = "\uE000"
	args := []any{}
	for _, name := range []string{"company", "version", "limit", "role", "roles", "name", "person", "deputy", "area", "date", "evidence", "current", "action", "id", "status", "scale", "minutes", "list", "errors", "warnings", "n", "total",
		"competence", "level", "amount", "duration", "currency"} {
		args = append(args, name, mark)
	}
	seen := map[string]bool{}
	for _, key := range en.Keys() {
		// The site's words, and the model's facts as the view words them
		// (base.toml's training, authority and duration tables).
		mine := strings.HasPrefix(key, "training.") || strings.HasPrefix(key, "authority.") && key != "authority.separator" || strings.HasPrefix(key, "duration.")
		if !mine && (!strings.HasPrefix(key, "site.") || strings.HasPrefix(key, "site.language_self.")) {
			continue
		}
		for _, n := range []int{1, 2} {
			e, o := en.Plural(key, n, args...), tr.Plural(key, n, args...)
			if e == o || seen[e] {
				continue
			}
			seen[e] = true
			parts := strings.Split(e, mark)
			if len(parts) == 1 {
				whole = append(whole, strings.TrimSpace(e))
				continue
			}
			for _, p := range parts {
				// A piece of a few characters ("(", ", ") says nothing of
				// the language.
				if p = strings.TrimSpace(p); len(p) >= 6 {
					pieces = append(pieces, p)
				}
			}
		}
	}
	return whole, pieces
}

// pageTexts are the texts of an HTML page: each text node and each
// attribute value, unescaped, and the JSON of the words block.
func pageTexts(t *testing.T, name string, data []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			// A line of a name in a chart box is the pack's text, cut.
			if n.Parent != nil && n.Parent.Data == "tspan" {
				break
			}
			if s := strings.TrimSpace(n.Data); s != "" {
				out = append(out, s)
			}
		case html.ElementNode:
			for _, a := range n.Attr {
				if s := strings.TrimSpace(a.Val); s != "" {
					out = append(out, s)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// ownStrings are the strings the view holds, trimmed: the pack's own text
// (names, responsibilities, the example's English activity "Document
// control"), and the texts other parts of rolepack make (the checks'
// findings and checklist, the suggested training actions), which are not
// the site's words. The catalogue the view carries is left out.
func ownStrings(v *view.View) map[string]bool {
	out := map[string]bool{}
	type ref struct {
		at uintptr
		t  reflect.Type
	}
	seen := map[ref]bool{}
	words := reflect.TypeOf(v.Words)
	var walk func(x reflect.Value, depth int)
	walk = func(x reflect.Value, depth int) {
		if depth > 100000 {
			return
		}
		switch x.Kind() {
		case reflect.String:
			if s := strings.TrimSpace(x.String()); s != "" {
				out[s] = true
			}
		case reflect.Pointer:
			r := ref{x.Pointer(), x.Type()}
			if x.IsNil() || x.Type() == words || seen[r] {
				return
			}
			seen[r] = true
			walk(x.Elem(), depth+1)
		case reflect.Interface:
			if !x.IsNil() {
				walk(x.Elem(), depth+1)
			}
		case reflect.Struct:
			for i := range x.NumField() {
				walk(x.Field(i), depth+1)
			}
		case reflect.Slice, reflect.Array:
			if x.Type().Elem().Kind() == reflect.Uint8 {
				return
			}
			for i := range x.Len() {
				walk(x.Index(i), depth+1)
			}
		case reflect.Map:
			it := x.MapRange()
			for it.Next() {
				walk(it.Key(), depth+1)
				walk(it.Value(), depth+1)
			}
		}
	}
	walk(reflect.ValueOf(v), 0)
	return out
}

// withoutOwn is s with every string of own in it cut out, the longest
// first (a job title before the role name in it).
func withoutOwn(s string, own map[string]bool) string {
	strs := make([]string, 0, len(own))
	for o := range own {
		if len(o) >= 4 && strings.Contains(s, o) {
			strs = append(strs, o)
		}
	}
	slices.SortFunc(strs, func(a, b string) int { return len(b) - len(a) })
	for _, o := range strs {
		s = strings.ReplaceAll(s, o, "\x00")
	}
	return s
}

// Built in German or Japanese, or translated into French or Chinese (the
// second pack's translations), no page of the site says a word
// of the site's own in English: not in a text, an attribute (aria-label,
// placeholder, title), the print margin or the words search.js shows, and
// search.js itself holds no words.
func TestNoEnglishInTranslatedSite(t *testing.T) {
	for _, tc := range []struct{ pack, lang string }{{"example", "de"}, {"example", "ja"}, {"second", "fr"}, {"second", "zh-Hans"}} {
		lang := tc.lang
		t.Run(tc.pack+"-"+lang, func(t *testing.T) {
			var p *model.Pack
			if tc.pack == "example" {
				p = packIn(t, "../../content", lang)
			} else {
				own, err := model.Load("../../testdata/packs/" + tc.pack)
				if err != nil {
					t.Fatal(err)
				}
				if p, err = own.Translated(lang); err != nil {
					t.Fatal(err)
				}
			}
			v := view.New(p, st, check.Run(p, st.Date()))
			w := &mapWriter{files: map[string][]byte{}}
			if err := site.Build(v, site.Options{}, w); err != nil {
				t.Fatal(err)
			}
			files := w.files
			own := ownStrings(v)
			whole, pieces := englishStrings(t, lang)
			if len(whole) < 100 || len(pieces) < 30 {
				t.Fatalf("only %d whole messages and %d pieces to look for", len(whole), len(pieces))
			}
			isWhole := map[string]bool{}
			for _, w := range whole {
				isWhole[w] = true
			}
			pages := 0
			for name, data := range files {
				if !strings.HasSuffix(name, ".html") {
					continue
				}
				pages++
				if !bytes.Contains(data, []byte(`<html lang="`+lang+`">`)) {
					t.Errorf("%s: no <html lang=%q>", name, lang)
				}
				for _, s := range pageTexts(t, name, data) {
					if own[s] {
						continue
					}
					if isWhole[s] {
						t.Errorf("%s: English %q", name, s)
					}
					for _, piece := range pieces {
						// A piece in the pack's own text, or in a text of
						// the checks, within this text is not the site's.
						if strings.Contains(s, piece) && strings.Contains(withoutOwn(s, own), piece) {
							t.Errorf("%s: English %q in %q", name, piece, s)
						}
					}
				}
			}
			if pages < 20 {
				t.Fatalf("only %d pages", pages)
			}
			js := string(files["site/search.js"])
			for _, s := range append(whole, pieces...) {
				if strings.Contains(js, `"`+s+`"`) {
					t.Errorf("search.js holds %q", s)
				}
			}
			// The print margin, written as CSS strings.
			if bytes.Contains(files["site/index.html"], []byte("Uncontrolled when printed")) {
				t.Error("the print margin is in English")
			}
		})
	}
}

// English, the reference, is what the site said before it had languages:
// the same words in the same places.
func TestEnglishSiteWords(t *testing.T) {
	files := build(t, example(t), site.Options{})
	assertContains(t, files, "site/index.html", `<html lang="en">`, "<h2 id=\"doc\">Document control</h2>",
		`placeholder="Search…"`, `<a class="skip" href="#main">Skip to content</a>`,
		`content:"Uncontrolled when printed · page " counter(page) " of " counter(pages)`,
		`"none":"No matches"`, `"results":["0 results","1 result","2 results"`)
	for name, data := range files {
		if strings.HasSuffix(name, ".html") && bytes.Contains(data, []byte(`dir="rtl"`)) {
			t.Errorf("%s is right to left", name)
		}
		if strings.HasSuffix(name, ".html") && bytes.Contains(data, []byte(`hreflang`)) {
			t.Errorf("%s links other languages, but the pack has one", name)
		}
	}
}

// A right-to-left language gets dir="rtl" on every page.
func TestRightToLeft(t *testing.T) {
	for _, tc := range []struct {
		lang string
		rtl  bool
	}{{"he", true}, {"ar", true}, {"fa", true}, {"ur", true}, {"ar-EG", true}, {"az-Arab", true},
		{"en", false}, {"de", false}, {"ja", false}, {"zh-Hans", false}, {"ku-Latn", false}, {"uz-Cyrl", false}} {
		if got := site.RightToLeft(tc.lang); got != tc.rtl {
			t.Errorf("RightToLeft(%q) = %v", tc.lang, got)
		}
	}
	// rolepack knows no plural rules of a right-to-left language yet, so
	// no pack can add one: the view is told the language directly.
	p := packtest.Load(t, packtest.Minimal)
	v := view.New(p, st, nil)
	v.Lang = "he"
	w := &mapWriter{files: map[string][]byte{}}
	if err := site.Build(v, site.Options{}, w); err != nil {
		t.Fatal(err)
	}
	assertContains(t, w.files, "site/index.html", `<html lang="he" dir="rtl">`)
}

// The language versions of a page: the authoritative language's site is
// output/site/, a translation's output/<lang>/site/, and a page links the
// same page in each.
func TestLanguageHref(t *testing.T) {
	for _, tc := range []struct{ main, from, to, page, want string }{
		{"en", "en", "de", "index.html", "de/index.html"},
		{"en", "en", "de", "roles/ciso.html", "../de/roles/ciso.html"},
		{"en", "de", "en", "index.html", "../index.html"},
		{"en", "de", "en", "roles/ciso.html", "../../roles/ciso.html"},
		{"en", "de", "ja", "people/ann.html", "../../ja/people/ann.html"},
		{"en", "de", "ja", "raci.html", "../ja/raci.html"},
		{"de", "en", "de", "raci.html", "../raci.html"},
		{"de", "de", "zh-Hans", "raci.html", "zh-Hans/raci.html"},
	} {
		if got := site.LanguageHref(tc.main, tc.from, tc.to, tc.page); got != tc.want {
			t.Errorf("LanguageHref(%s, %s → %s, %s) = %q, want %q", tc.main, tc.from, tc.to, tc.page, got, tc.want)
		}
		// Resolved from where the page is, the link lands on the page in
		// the other language's site.
		// So in either edition of the site.
		for _, e := range []site.Edition{site.Staff, site.ISMS} {
			dir := func(lang string) string { return "out/" + e.LanguageDir(tc.main, lang) + "/" }
			from := filepath.ToSlash(filepath.Dir(dir(tc.from) + tc.page))
			if got := filepath.ToSlash(filepath.Join(from, site.LanguageHref(tc.main, tc.from, tc.to, tc.page))); got != dir(tc.to)+tc.page {
				t.Errorf("%s in %s links %s, want %s", tc.page, tc.from, got, dir(tc.to)+tc.page)
			}
		}
	}
}

// A pack built in several languages: each page names the others in their
// own language and links the same page in each, in the head and in a
// switcher; the translation's downloads stay beside its own site.
func TestLanguageLinks(t *testing.T) {
	p := examplePackIn(t, "en", "en", "de", "ja")
	en := build(t, p, site.Options{})
	assertContains(t, en, "site/index.html",
		`<link rel="alternate" hreflang="de" href="de/index.html">`,
		`<link rel="alternate" hreflang="ja" href="ja/index.html">`,
		`<span lang="en" aria-current="page">English</span>`,
		`<a href="de/index.html" hreflang="de" lang="de">Deutsch</a>`,
		`<a href="ja/index.html" hreflang="ja" lang="ja">日本語</a>`)
	role := p.Roles[0].ID
	assertContains(t, en, "site/roles/"+role+".html", `<link rel="alternate" hreflang="de" href="../de/roles/`+role+`.html">`)

	de, err := messages.Load("de", nil)
	if err != nil {
		t.Fatal(err)
	}
	w := &mapWriter{files: map[string][]byte{}}
	if err := site.Build(view.New(p, st, check.Run(p, st.Date()), view.WithWords(de)), site.Options{}, w); err != nil {
		t.Fatal(err)
	}
	assertContains(t, w.files, "site/index.html", `<html lang="de">`,
		`<link rel="alternate" hreflang="en" href="../index.html">`,
		`<link rel="alternate" hreflang="ja" href="../ja/index.html">`,
		`<span lang="de" aria-current="page">Deutsch</span>`,
		`<a href="files/roles-and-responsibilities.pdf"`)
	assertContains(t, w.files, "site/people/"+p.People[0].ID+".html",
		`<link rel="alternate" hreflang="en" href="../../people/`+p.People[0].ID+`.html">`,
		`href="../files/roles-and-responsibilities.pdf"`)
	for name, data := range w.files {
		if strings.HasSuffix(name, ".html") && bytes.Contains(data, []byte(`hreflang="de" href`)) {
			t.Errorf("%s links itself as an alternate", name)
		}
	}
}

// Every message a shipped template asks for is one English has, and a
// pack's template that asks for one it does not have is refused before
// the build, at its line.
func TestTemplateKeys(t *testing.T) {
	if err := site.CheckTemplates(nil); err != nil {
		t.Fatalf("the shipped templates: %v", err)
	}
	for _, tc := range []struct{ src, want string }{
		{"{{template \"head\" .}}\n<p>{{t \"site.nav.rolez\"}}</p>\n{{template \"foot\" .}}", `templates/site/role.html:2:`},
		{"{{template \"head\" .}}\n\n<p>{{plural .Title 2}}</p>\n{{template \"foot\" .}}", `templates/site/role.html:3:`},
	} {
		err := site.CheckTemplates(fstest.MapFS{"site/role.html": {Data: []byte(tc.src)}})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("CheckTemplates: %v, want an error at %s", err, tc.want)
		}
	}
	// An override may use every function of the shipped templates.
	ok := "{{template \"head\" .}}<p>{{t \"site.nav.roles\"}} {{plural \"common.holders\" 3}} {{date .Pack.Document.NextReview}} {{number 1234}}" +
		" {{thtml \"site.role.reports_to\" \"role\" (link \"index.html\" \"Top\")}} {{statusWord \"draft\"}} {{(index downloads 0).Label}}</p>{{template \"foot\" .}}"
	if err := site.CheckTemplates(fstest.MapFS{"site/role.html": {Data: []byte(ok)}}); err != nil {
		t.Errorf("an override with the language functions: %v", err)
	}
	p := examplePackIn(t, "de")
	files := build(t, p, site.Options{Overrides: fstest.MapFS{"site/role.html": {Data: []byte(ok)}}})
	role := string(files["site/roles/"+p.Roles[0].ID+".html"])
	for _, want := range []string{"<p>Rollen 3 Rolleninhaber ", `Berichtet an <a href="index.html">Top</a>.`, "Entwurf Rollen und Verantwortlichkeiten (gelenktes Dokument)</p>", " 1.234 "} {
		if !strings.Contains(role, want) {
			t.Errorf("an override in German does not say %q", want)
		}
	}
}

// Names in Japanese and Chinese break in the chart's boxes by their
// width: an ideograph is as wide as two Latin letters.
func TestChartWrapsWideNames(t *testing.T) {
	for _, tc := range []struct {
		name string
		want []string
	}{
		{"情報セキュリティマネジメントシステム責任者", []string{"情報セキュリティマネ", "ジメントシステム責任", "者"}},
		{"Chief Information Security Officer", []string{"Chief Information ", "Security Officer"}},
	} {
		if got := site.WrapName(tc.name, 21); !slices.Equal(got, tc.want) {
			t.Errorf("WrapName(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// The note a screen reader hears after a link that leaves the site is in
// the page's language too.
func TestExternalLinkNote(t *testing.T) {
	archive := packtest.Edit(packtest.Minimal, "pack.toml", "[organisation]", "language = \"de\"\n\n[organisation]")
	archive = packtest.Edit(archive, "roles/ism.toml", `purpose = "Runs the ISMS."`, `purpose = "Runs the [ISMS](https://example.com/isms)."`)
	files := build(t, packtest.Load(t, archive), site.Options{})
	assertContains(t, files, "site/roles/ism.html", `<span class="vh"> (externer Link)</span>`)
	if bytes.Contains(files["site/roles/ism.html"], []byte("(external link)")) {
		t.Error("the link's note is in English")
	}
}

// Every message the site's Go code asks for, written as a quoted key, is
// one English has; every language rolepack ships is named in itself.
func TestCodeKeys(t *testing.T) {
	en := messages.Builtin("en")
	known := map[string]bool{}
	for _, k := range en.Keys() {
		known[k] = true
	}
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	keyRE := regexp.MustCompile(`(?:Text|Plural)\("([a-z_.]+)"|"(site\.[a-z_.]+)"`)
	found := 0
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRE.FindAllStringSubmatch(string(src), -1) {
			key := m[1] + m[2]
			found++
			if !known[key] {
				t.Errorf("%s asks for %q, which English does not have", name, key)
			}
		}
	}
	if found < 30 {
		t.Errorf("only %d keys found in the code", found)
	}
	for _, lang := range messages.Languages() {
		key, ok := site.LanguageNames[lang]
		if !ok || !known[key] {
			t.Errorf("%s has no name in itself (site.language_self)", lang)
		}
	}
}
