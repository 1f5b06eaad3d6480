package site

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"text/template/parse"
	"time"

	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/tmplwalk"
)

// The site's fixed words come from the view's catalogue (v.Words, in the
// language of the build, v.Lang): the templates ask for them by key with
// the template functions below, always with the key written out as a
// quoted string ({{t "site.nav.roles"}}), so that a test can read every
// key a template uses and check it exists (TestTemplateKeys), and the
// check of a pack's templates can name a key that does not
// (CheckTemplates).
//
//	t "key" [name value …]       the message, its placeholders filled (a string: escaped where it lands)
//	plural "key" n [name value …] the plural form for n, {count} = n
//	thtml "key" [name value …]   the message as HTML: its text escaped, a template.HTML value (a link) kept
//	link href text               an <a> element (a relative href), for thtml
//	date d                       a date in the language's long form (a model.Date or time.Time)
//	number n                     a number with the language's digit grouping
//	listHTML items…              template.HTML items joined by the language's list separator
//	roleLinks page roles         links to the roles' pages, joined as listHTML does
//	holderCount role             "1 holder", "3 holders", "everyone", "vacant"
//	statusWord status            the document status ("draft", "approved", …) in words
//	letterName letter            what a RACI letter stands for ("Responsible")
//	downloads                    the downloads (Download), their labels in the language
//	rtl lang                     whether lang is written right to left
//	markdown field root          a Markdown field of the pack as HTML, its link notes in the language
//	inline text root             a line of inline Markdown (a responsibility, an authority, a duty) as HTML, the same way
//	trainingAction item          a training plan row's suggested action (view.View.TrainingAction)
//	trainingOwner item           who arranges it and why them, "" when no one is known
//	limitText authority          an authority's limit, "" when it has none
//	limitHTML authority root     the same as HTML: its free text is inline Markdown
//	timeHTML d                   a <time> element of a date in ISO form (2026-12-07), for thtml
//	revisionChanges changes      the headline of what a version changed (view/difftext.go)
//	changedSince earlier         what changed in a person's duties since they last signed

// textKeyFuncs are the template functions whose first argument is a
// message key.
var textKeyFuncs = map[string]bool{"t": true, "plural": true, "thtml": true}

// wordFuncs are the template functions that say something in the build's
// language, bound to its catalogue.
func wordFuncs(c *messages.Catalogue) template.FuncMap {
	return template.FuncMap{
		"t":           c.Text,
		"plural":      c.Plural,
		"thtml":       func(key string, args ...any) template.HTML { return textHTML(c, key, args...) },
		"link":        link,
		"date":        func(d any) string { return dateText(c, d) },
		"number":      c.Number,
		"listHTML":    func(items ...template.HTML) template.HTML { return listHTML(c, items) },
		"roleLinks":   func(d *pageData, roles []*model.Role) template.HTML { return roleLinks(c, d, roles) },
		"holderCount": func(r *view.Role) string { return holderCount(c, r) },
		"statusWord":  func(s string) string { return statusWord(c, s) },
		"letterName":  func(l string) string { return letterName(c, l) },
		"rtl":         rtl,
		"markdown":    func(m model.Markdown, root string) template.HTML { return markdownHTML(c, m, root) },
		"inline":      func(md, root string) template.HTML { return inlineHTML(c, md, root) },
		"searchWords": func(*pageData) map[string]any { return searchWords(c) },
		"scaleText":   func(d *pageData) string { return scaleText(c, d) },
		"chainText":   chainText,
		"continuesHTML": func(boxes []chartBox) template.HTML {
			items := make([]template.HTML, len(boxes))
			for i, b := range boxes {
				items[i] = template.HTML(`<a href="#` + escape(b.Continued) + `" tabindex="-1">` + escape(b.Role.Name) + `</a>`)
			}
			return listHTML(c, items)
		},
		"timeHTML": func(d model.Date) template.HTML { return template.HTML("<time>" + escape(d.String()) + "</time>") },
	}
}

// auditFuncs are the template functions that word what the checks found
// in the build's language (view/audittext.go): a checklist item's title,
// status and evidence, a finding's severity, message and fix, the single
// points of failure. v is nil when the templates are only checked.
func auditFuncs(v *view.View) template.FuncMap {
	return template.FuncMap{
		// translationNotice is what a translated site says on every page:
		// which version and language it translates, and that the
		// authoritative text prevails (the documents' words); "" on the
		// authoritative site.
		"translationNotice": func() string {
			if v == nil {
				return ""
			}
			return v.TranslationNotice()
		},
		"itemTitle":      v.ItemTitle,
		"statusText":     v.StatusText,
		"severityText":   v.SeverityText,
		"evidence":       v.Evidence,
		"findingMessage": v.FindingMessage,
		"findingFix":     v.FindingFix,
		"singlePoints":   v.SinglePointLines,
		"findingCounts":  v.FindingCountsText,
		"findingTotal":   v.FindingTotal,
	}
}

// diffFuncs are the template functions that word what changed between
// versions in the build's language (view/difftext.go). v is nil when the
// templates are only checked.
func diffFuncs(v *view.View) template.FuncMap {
	return template.FuncMap{
		"revisionChanges": v.RevisionChanges,
		"changedSince":    v.ChangedSince,
	}
}

// textHTML is the message of key as HTML: the message's own text and every
// string value escaped, a template.HTML value (a link made with link, a
// list made with listHTML) inserted as it is. A sentence with a link in it
// is one message, so that each language puts the link where its word
// order wants it.
func textHTML(c *messages.Catalogue, key string, args ...any) template.HTML {
	// The message is filled with markers in place of the HTML values,
	// escaped, and the markers replaced by the values.
	var html_ []template.HTML
	plain := make([]any, len(args))
	copy(plain, args)
	for i := 1; i < len(plain); i += 2 {
		if h, ok := plain[i].(template.HTML); ok {
			plain[i] = fmt.Sprintf("\ue000%d\ue001", len(html_))
			html_ = append(html_, h)
		} else if s, ok := plain[i].(string); ok {
			plain[i] = strings.NewReplacer("\ue000", "", "\ue001", "").Replace(s)
		}
	}
	s := escape(c.Text(key, plain...))
	for i, h := range html_ {
		s = strings.Replace(s, fmt.Sprintf("\ue000%d\ue001", i), string(h), 1)
	}
	return template.HTML(s)
}

// link is an <a> element to a relative address (the site's own pages and
// downloads; an address with a scheme is refused, so a template cannot
// make a javascript: link with it).
func link(href, text string) (template.HTML, error) {
	if i := strings.IndexAny(href, ":/?#"); i >= 0 && href[i] == ':' {
		return "", fmt.Errorf("link %q: only a relative address may be linked", href)
	}
	return template.HTML(`<a href="` + escape(href) + `">` + escape(text) + `</a>`), nil
}

// escape escapes s for HTML text or a quoted attribute as html/template
// does, so that a sentence reads the same byte for byte whether a value
// was printed by the template or by a message.
func escape(s string) string {
	return strings.ReplaceAll(template.HTMLEscapeString(s), "+", "&#43;")
}

// listHTML joins items with the language's list separator (", " in
// English, "、" in Japanese).
func listHTML(c *messages.Catalogue, items []template.HTML) template.HTML {
	sep := escape(c.Text("site.list_separator"))
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(string(it))
	}
	return template.HTML(b.String())
}

// roleLinks links each role's page from page d, as a list.
func roleLinks(c *messages.Catalogue, d *pageData, roles []*model.Role) template.HTML {
	items := make([]template.HTML, len(roles))
	for i, r := range roles {
		items[i], _ = link(d.Root+"roles/"+r.ID+".html", r.Name) // ids are plain: never a scheme
	}
	return listHTML(c, items)
}

// dateText is a date in the language's long form; "" for no date.
func dateText(c *messages.Catalogue, d any) string {
	switch d := d.(type) {
	case model.Date:
		if d.IsZero() {
			return ""
		}
		return c.Date(d.Time())
	case time.Time:
		if d.IsZero() {
			return ""
		}
		return c.Date(d)
	}
	return fmt.Sprint(d)
}

// holderCount says in words how many people hold r, as view's
// Role.HolderCount does in English.
func holderCount(c *messages.Catalogue, r *view.Role) string {
	switch {
	case r.HeldByEveryone:
		return c.Text("site.holders.everyone")
	case len(r.Seats) == 0:
		return c.Text("site.holders.vacant")
	}
	return c.Plural("common.holders", len(r.Seats))
}

// statusWord is a document status in words; a status rolepack does not
// know is printed as written.
func statusWord(c *messages.Catalogue, s string) string {
	switch s {
	case model.StatusDraft:
		return c.Text("site.status.draft")
	case model.StatusApproved:
		return c.Text("site.status.approved")
	case model.StatusSuperseded:
		return c.Text("site.status.superseded")
	}
	return s
}

// letterName is what a RACI letter stands for.
func letterName(c *messages.Catalogue, l string) string {
	switch l {
	case model.Responsible:
		return c.Text("site.letter.responsible")
	case model.Accountable:
		return c.Text("site.letter.accountable")
	case model.Supporting:
		return c.Text("site.letter.supporting")
	case model.Consulted:
		return c.Text("site.letter.consulted")
	case model.Informed:
		return c.Text("site.letter.informed")
	}
	return model.LetterNames[l]
}

// rtlLanguages are the languages written right to left (their primary
// language subtag).
var rtlLanguages = map[string]bool{"ar": true, "arc": true, "ckb": true, "dv": true, "fa": true, "he": true, "iw": true,
	"ks": true, "ps": true, "sd": true, "syr": true, "ug": true, "ur": true, "yi": true}

// rtl reports whether lang is written right to left: its script subtag if
// it has one (Arab, Hebr … or Latn, Cyrl …), else its language.
func rtl(lang string) bool {
	parts := strings.Split(lang, "-")
	for _, p := range parts[1:] {
		if len(p) == 4 {
			switch p {
			case "Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Samr", "Mand":
				return true
			}
			return false
		}
	}
	return rtlLanguages[parts[0]]
}

// Words are the sentences the site says as the documents do, in the
// build's language (the template's .Words: {{.Words.Vacant}}).
type Words struct {
	Vacant           string // a role nobody holds
	HeldByEveryone   string // a role everyone holds
	NoneRecorded     string // a role without authorities
	NoFindings       string // a clean audit report
	NoGaps           string // a competence matrix without gaps
	SinglePointsNote string // what the single points of failure are
	RACIRule         string // what every activity of the RACI has
}

func newWords(c *messages.Catalogue) Words {
	return Words{
		Vacant:           c.Text("site.shared.vacant"),
		HeldByEveryone:   c.Text("site.shared.held_by_everyone"),
		NoneRecorded:     c.Text("site.shared.none_recorded"),
		NoFindings:       c.Text("site.shared.no_findings"),
		NoGaps:           c.Text("site.shared.no_gaps"),
		SinglePointsNote: c.Text("site.shared.single_points_note"),
		RACIRule:         c.Text("site.shared.raci_rule"),
	}
}

// Language is a language version of a page, for the language switcher
// and the head's alternate links.
type Language struct {
	Lang    string // the BCP 47 tag
	Name    string // the language's name in itself ("Deutsch")
	Href    string // the same page in that language, relative to this page
	Current bool   // this page's own language
}

// LanguageHref is the address of page (a path from the site root, such as
// "roles/ciso.html") in the site of language to, from the same page in the
// site of language from, when the pack's authoritative language is
// main. The authoritative language's site is output/site/, a
// translation's output/site/<lang>/ (LanguageDir), inside it, so that
// output/site/ is the whole intranet in every language; the other
// languages' sites are written by other runs of the renderer.
func LanguageHref(main, from, to, page string) string {
	up := strings.Repeat("../", strings.Count(page, "/")) // to this language's site root
	if from != main {
		up += "../" // from output/site/<lang>/ to output/site/
	}
	if to == main {
		return up + page
	}
	return up + to + "/" + page
}

// LanguageDir is where, in the build output, the edition's site of lang
// is when the pack's authoritative language is main: e.Dir(), or
// e.Dir()/<lang>.
func (e Edition) LanguageDir(main, lang string) string {
	if lang == main {
		return e.Dir()
	}
	return e.Dir() + "/" + lang
}

// languageNames are the keys of the names of the languages rolepack
// ships, each in itself (site.language_self).
var languageNames = map[string]string{
	"en": "site.language_self.en", "de": "site.language_self.de", "fr": "site.language_self.fr",
	"es": "site.language_self.es", "it": "site.language_self.it", "nl": "site.language_self.nl",
	"pt": "site.language_self.pt", "ja": "site.language_self.ja", "zh-Hans": "site.language_self.zh_hans",
}

// languageName is the name of lang in lang itself, or its tag for a
// language rolepack does not name.
func languageName(c *messages.Catalogue, lang string) string {
	if key, ok := languageNames[lang]; ok {
		return c.Text(key)
	}
	return lang
}

// Languages are the language versions of this page, the pack's languages
// in their order; none when the pack is built in one language.
func (d *pageData) Languages() []Language {
	if d.View == nil || len(d.Pack.Languages) < 2 {
		return nil
	}
	out := make([]Language, 0, len(d.Pack.Languages))
	for _, l := range d.Pack.Languages {
		out = append(out, Language{Lang: l, Name: languageName(d.shared.words, l),
			Href: LanguageHref(d.Pack.Language, d.Lang, l, d.Page), Current: l == d.Lang})
	}
	return out
}

// maxSearchResults is the most results search.js shows (its maxResults).
const maxSearchResults = 30

// searchWords are the words search.js shows, in the build's language: a
// JSON block of every page (the template function searchWords), so that
// the script holds no words of any language. results[n] is the message
// for n results, in its plural form, for every n the search can show.
func searchWords(c *messages.Catalogue) map[string]any {
	results := make([]string, maxSearchResults+1)
	for n := range results {
		results[n] = c.Plural("site.search.count", n)
	}
	return map[string]any{
		"none":    c.Text("site.search.none"),
		"loading": c.Text("site.search.loading"),
		"queued":  c.Text("site.search.queued"),
		"failed":  c.Text("site.search.failed"),
		"results": results,
		"kinds": map[string]string{
			"Role":           c.Text("site.search.kind.role"),
			"Person":         c.Text("site.search.kind.person"),
			"Activity":       c.Text("site.search.kind.activity"),
			"Responsibility": c.Text("site.search.kind.responsibility"),
		},
	}
}

// scaleText is the pack's competence scale: "1 Awareness, 2 Working …".
func scaleText(c *messages.Catalogue, d *pageData) string {
	parts := make([]string, len(d.Pack.Scale))
	for i, l := range d.Pack.Scale {
		parts[i] = strconv.Itoa(l.Level) + " " + l.Name
	}
	return strings.Join(parts, c.Text("site.list_separator"))
}

// chainText is a chain of roles from the top down: "CEO › CISO".
func chainText(roles []*model.Role) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = r.Name
	}
	return strings.Join(names, " › ")
}

// checkKeys reports every message a template asks for that English does
// not have, and every key that is not written as a quoted string (a key
// made at run time cannot be checked before the build), at the line and
// column of the template to edit.
func checkKeys(tmpl *template.Template, en *messages.Catalogue) model.Errors {
	known := map[string]bool{}
	for _, k := range en.Keys() {
		known[k] = true
	}
	var errs model.Errors
	for _, t := range tmpl.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		tree := t.Tree
		tmplwalk.Walk(tree.Root, func(n parse.Node) {
			c, ok := n.(*parse.CommandNode)
			if !ok || len(c.Args) == 0 {
				return
			}
			id, ok := c.Args[0].(*parse.IdentifierNode)
			if !ok || !textKeyFuncs[id.Ident] {
				return
			}
			var msg string
			switch {
			case len(c.Args) < 2:
				msg = id.Ident + " needs a message key"
			default:
				s, ok := c.Args[1].(*parse.StringNode)
				switch {
				case !ok:
					msg = id.Ident + ": write the message key as a quoted string, such as " + id.Ident + ` "site.nav.roles"`
				case !known[s.Text]:
					msg = "unknown message key " + strconv.Quote(s.Text) + ": the keys are in generator/messages/catalogues/en/ (docs/messages.md)"
				default:
					return
				}
			}
			loc, _ := tree.ErrorContext(c)
			if d, ok := templateDiagnostic(fmt.Errorf("template: %s: %s", loc, msg)); ok {
				errs = append(errs, d)
				return
			}
			errs = append(errs, model.Diagnostic{Pos: model.Pos{File: "templates/site/" + tree.ParseName}, Message: msg})
		})
	}
	return errs
}

// externalLink is what the Markdown renderer (generator/model) writes for
// a screen reader after a link that leaves the site, in English.
const externalLink = `<span class="vh"> (external link)</span>`

// markdownHTML is a Markdown field of the pack as HTML for a page root
// away from the site root (the template function markdown), with the
// words the renderer adds for a screen reader in the build's language.
func markdownHTML(c *messages.Catalogue, m model.Markdown, root string) template.HTML {
	h := string(m.HTMLAt(root))
	if !strings.Contains(h, externalLink) {
		return template.HTML(h)
	}
	return template.HTML(strings.ReplaceAll(h, externalLink, `<span class="vh"> `+escape(c.Text("site.external_link"))+`</span>`))
}

// inlineHTML is a line of inline Markdown as HTML for a page root away
// from the site root (the template function inline), as markdownHTML
// words its links.
func inlineHTML(c *messages.Catalogue, md, root string) template.HTML {
	h := string(model.InlineHTML(md, root))
	if !strings.Contains(h, externalLink) {
		return template.HTML(h) //nolint:gosec // model.InlineHTML: escaped, links filtered
	}
	return template.HTML(strings.ReplaceAll(h, externalLink, `<span class="vh"> `+escape(c.Text("site.external_link"))+`</span>`)) //nolint:gosec // as above
}

// modelFuncs are the template functions that word the model's facts in
// the build's language (view/modeltext.go): a training plan row's
// suggested action and who arranges it, an authority's
// limit. v is nil when the templates are only checked.
func modelFuncs(v *view.View) template.FuncMap {
	return template.FuncMap{
		"trainingAction": v.TrainingAction,
		"trainingOwner":  v.TrainingOwner,
		"limitText":      v.LimitText,
		"limitHTML": func(a *model.Authority, root string) template.HTML {
			return inlineHTML(v.Words, v.LimitMarkdown(a), root)
		},
	}
}
