// Package site renders the static intranet site: a page per role and per
// person, the RACI, competence, review-team, chart, revision and audit
// pages, and an offline search. Every page links relatively, so the site
// works under any path of a web server and straight from the file system.
package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/crash"
	"github.com/rolepack/rolepack/internal/tmplwalk"
	"github.com/rolepack/rolepack/templates"
)

// Dir is the staff site's directory inside the build output: the
// intranet to publish.
const Dir = "site"

// Edition is who a site is for, which decides what it shows (see
// view.ForStaff and docs/readers.md).
type Edition int

const (
	// Staff is the intranet every member of staff reads, in Dir: roles,
	// duties, holders, deputies, the chart, the RACI, what each role
	// requires and the clause 5.3 checklist in counts; no person's
	// competence records, gaps or training, and no findings.
	Staff Edition = iota
	// ISMS is the edition for the ISMS manager and auditors, in ISMSDir,
	// for restricted hosting: the staff edition with the competence
	// matrix, every person's levels and gaps, the training plan and the
	// full audit report, and the workbook among its downloads.
	ISMS
)

// ISMSDir is the ISMS edition's directory inside the build output.
const ISMSDir = "isms"

// Name is the edition's output name, as --only takes it.
func (e Edition) Name() string {
	if e == ISMS {
		return "isms"
	}
	return "site"
}

// Dir is the edition's directory inside the build output.
func (e Edition) Dir() string {
	if e == ISMS {
		return ISMSDir
	}
	return Dir
}

// Downloads are the files the edition links to and holds a copy of: the
// controlled document, its sign-off copy and the Word file; the ISMS
// edition adds the workbook, whose competence sheets hold everyone's
// levels and gaps.
func (e Edition) Downloads() []Download {
	if e == ISMS {
		return Downloads
	}
	return slices.DeleteFunc(slices.Clone(Downloads), func(d Download) bool { return d.Name == view.WorkbookFile })
}

// Writer receives the site's files; it does not keep data after WriteFile
// returns (see render.Writer).
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Options configure Build.
type Options struct {
	// Overrides is the pack's own templates/ directory, or nil. A file
	// there with the same path as a default (such as "site/style.css" or
	// "site/role.html") replaces it.
	Overrides fs.FS
	// Edition is who the site is for; the zero value is the staff site.
	Edition Edition
}

// Page templates, and the static assets copied as they are.
var (
	pageTemplates = []string{"layout.html", "index.html", "role.html", "person.html", "raci.html",
		"competence.html", "review-team.html", "chart.html", "revisions.html", "audit.html"}
	assets = []string{"style.css", "search.js", "favicon.svg"}
)

// Build renders the whole site of v into w, under Dir. It formats what the
// view holds and decides nothing: every page of the site states each fact
// from the same field of the view as the other outputs.
func Build(v *view.View, opt Options, w Writer) error {
	if opt.Edition == Staff {
		v = v.ForStaff()
	}
	dir := opt.Edition.Dir()
	sh := newShared(v, opt.Edition)
	tmpl, err := parseTemplates(opt.Overrides, sh)
	if err != nil {
		return err
	}
	type job struct {
		name, tmpl string
		data       *pageData
	}
	var jobs []job
	add := func(name, tmpl, title string, depth int, item any) {
		jobs = append(jobs, job{name, tmpl, &pageData{View: v, Title: title, Root: strings.Repeat("../", depth), Page: name, Item: item, shared: sh}})
	}
	add("index.html", "index.html", v.Pack.Organisation.Name, 0, nil)
	c := sh.words
	add("raci.html", "raci.html", c.Text("site.title.raci"), 0, nil)
	add("competence.html", "competence.html", c.Text("site.title.competence"), 0, nil)
	add("review-team.html", "review-team.html", c.Text("site.title.review_team"), 0, nil)
	add("chart.html", "chart.html", c.Text("site.title.chart"), 0, newChartPage(v.Chart, c))
	add("revisions.html", "revisions.html", c.Text("document.revision_history"), 0, nil)
	add("audit.html", "audit.html", c.Text("site.title.audit"), 0, nil)
	for _, r := range v.Roles {
		add("roles/"+r.ID+".html", "role.html", r.Name, 1, r)
	}
	for _, person := range v.People {
		add("people/"+person.ID+".html", "person.html", person.Name, 1, person)
	}

	if err := sh.renderBlocks(tmpl, v, []string{"", "../"}); err != nil {
		return err
	}

	// Pages render and are written in parallel; each page's bytes depend
	// only on its data, so the result does not depend on timing. A panic
	// is recovered in the worker, page by page (the caller cannot recover
	// another goroutine's panic): it fails that page, and the worker goes
	// on taking pages, so the feed below never blocks.
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var b bytes.Buffer
			for i := range next {
				errs[i] = crash.Guard(opt.Edition.Name(), dir+"/"+jobs[i].name, func() error {
					b.Reset()
					if err := tmpl.ExecuteTemplate(&b, jobs[i].tmpl, jobs[i].data); err != nil {
						return fmt.Errorf("rendering %s: %w", jobs[i].name, templateError(err))
					}
					return w.WriteFile(dir+"/"+jobs[i].name, b.Bytes()) // not kept: b is reused
				})
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	for _, a := range assets {
		data, err := readTemplate(opt.Overrides, a)
		if err != nil {
			return err
		}
		if err := w.WriteFile(dir+"/"+a, data); err != nil {
			return err
		}
	}
	// The pictures the Markdown fields show, from the content directory:
	// the site never points at anything outside itself.
	for _, img := range v.Pack.Images {
		if err := w.WriteFile(dir+"/"+img.Name, img.Data); err != nil {
			return err
		}
	}
	return w.WriteFile(dir+"/search-index.js", searchIndex(v))
}

// readTemplate returns the override of site/name if the pack has one, else
// the default.
func readTemplate(overrides fs.FS, name string) ([]byte, error) {
	if overrides != nil {
		if data, err := fs.ReadFile(overrides, "site/"+name); err == nil {
			return data, nil
		}
	}
	return fs.ReadFile(templates.Files(), "site/"+name)
}

// tmplErrRE finds the template file and line in html/template's errors:
// "template: role.html:12: …" (parsing), "template: role.html:12:5:
// executing …" and "html/template:role.html:12:5: …" (escaping).
var tmplErrRE = regexp.MustCompile(`template: ?(?:[^:]+: )?([a-z-]+\.html):(\d+):(?:(\d+):)? ?`)

// templateError rewrites html/template's "template: role.html:12: …" into
// the path a user edits: "templates/site/role.html:12: …".
func templateError(err error) error {
	if d, ok := templateDiagnostic(err); ok {
		return fmt.Errorf("%s", d)
	}
	return err
}

// templateDiagnostic is a template error at the file a user edits.
func templateDiagnostic(err error) (model.Diagnostic, bool) {
	msg := err.Error()
	m := tmplErrRE.FindStringSubmatchIndex(msg)
	if m == nil {
		return model.Diagnostic{}, false
	}
	pos := model.Pos{File: "templates/site/" + msg[m[2]:m[3]]}
	pos.Line, _ = strconv.Atoi(msg[m[4]:m[5]])
	if m[6] >= 0 {
		pos.Col, _ = strconv.Atoi(msg[m[6]:m[7]])
	}
	return model.Diagnostic{Pos: pos, Message: msg[m[1]:]}, true
}

// CheckTemplates reports what is wrong with the site's templates (the
// pack's overrides in place of the defaults) before anything is built, as
// model.Errors: a template that does not parse, and one html/template
// cannot make safe (an {{if}} whose branches end in different contexts, an
// attribute left open). Errors that depend on the pack's data surface when
// the page renders.
func CheckTemplates(overrides fs.FS) error {
	en := messages.Builtin(messages.Reference)
	tmpl, err := parseTemplates(overrides, &shared{words: en})
	if err == nil {
		if errs := checkKeys(tmpl, en); len(errs) > 0 {
			return errs
		}
	}
	if err == nil {
		// Escaping happens on a template's first run, before it reads its
		// data: a run without data stops at the first field and reports
		// any escaping error first.
		for _, t := range tmpl.Templates() {
			err = t.Execute(io.Discard, nil)
			var escape *template.Error
			if errors.As(err, &escape) {
				break
			}
			err = nil
		}
	}
	if err == nil {
		return nil
	}
	if d, ok := templateDiagnostic(err); ok {
		return model.Errors{d}
	}
	return err // a model.Errors from parsing, or a file that cannot be read
}

func parseTemplates(overrides fs.FS, sh *shared) (*template.Template, error) {
	root := template.New("").Funcs(funcs).Funcs(wordFuncs(sh.words)).Funcs(auditFuncs(sh.view)).Funcs(diffFuncs(sh.view)).Funcs(modelFuncs(sh.view)).Funcs(template.FuncMap{"shared": sh.block, "downloads": sh.downloadItems})
	for _, name := range pageTemplates {
		data, err := readTemplate(overrides, name)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		if _, err := root.New(name).Parse(string(data)); err != nil {
			if d, ok := templateDiagnostic(err); ok {
				return nil, model.Errors{d}
			}
			return nil, err
		}
	}
	return root, nil
}

var funcs = template.FuncMap{
	"letterClass": LetterClass,
	"letters":     func() []string { return model.Letters },
	"letterCSS":   letterCSS,
	"join":        strings.Join,
	// column is the number of the i-th column of a grid whose columns are
	// numbered (counted from 1).
	"column":    func(i int) int { return i + 1 },
	"chartList": chartList,
	"chartTree": chartTree,
	// The parts every page shows alike (see shared). pageCSS is the
	// letter colours and the print set-up.
	"pageCSS":      func(d *pageData) template.CSS { return d.shared.css },
	"stampHTML":    func(d *pageData) template.HTML { return d.shared.stamp },
	"downloadList": func(d *pageData) template.HTML { return d.shared.downloads[d.Root] },
}

// LetterClass is the CSS class of a cell's letters (the template function
// letterClass): the class of a letter with the colour view.CellColour
// gives the cell, so a cell of several letters is coloured as in every
// other output.
func LetterClass(letters string) string {
	c, ok := view.CellColour(letters)
	if !ok {
		return ""
	}
	for _, l := range model.Letters {
		if view.Palette[l] == c {
			return "l-" + strings.ToLower(l)
		}
	}
	return ""
}

// letterCSS is the stylesheet of the RACI letters, one rule per letter
// from view.Palette, so the site shows the colours every output shows.
// PageCSS is the style every page carries in its head (the template
// function pageCSS): the letter colours and the print set-up, with the
// pack's paper size and the stamp in the page margin.
func PageCSS(v *view.View) template.CSS { return letterCSS() + printCSS(v) }

func letterCSS() template.CSS {
	var b strings.Builder
	for _, l := range model.Letters {
		c := view.Palette[l]
		fmt.Fprintf(&b, ".l-%s{background:%s;color:%s}", strings.ToLower(l), c.Fill, c.Text)
	}
	return template.CSS(b.String())
}

// Download is a file of the same build that the site links to, from the
// home page and every footer. The build writes a copy of each into the
// site's own FilesDir, so that the site's directory is the whole intranet:
// published on its own, no link leads out of it. The links are relative
// ("files/name" from the site root) and work on a file share as well as
// under any path of a web server.
type Download struct {
	Name string // the file's name in the output directory
	// Label and Format say what the reader gets, in words: empty in
	// Downloads, filled in the build's language by the template function
	// downloads.
	Label  string
	Format string
	Type   string // its media type
}

// words are the download's label and format in the language of c.
func (d Download) words(c *messages.Catalogue) (label, format string) {
	switch d.Name {
	case view.DocumentFile:
		return c.Text("site.download.document"), c.Text("site.download.pdf")
	case view.SignOffFile:
		return c.Text("site.download.sign_off"), c.Text("site.download.pdf")
	case view.WorkbookFile:
		return c.Text("site.download.workbook"), c.Text("site.download.xlsx")
	case view.WordFile:
		return c.Text("site.download.word"), c.Text("site.download.docx")
	}
	return d.Label, d.Format
}

// File is the download's path relative to the site root.
func (d Download) File() string { return FilesDir + "/" + d.Name }

// FilesDir is the directory of the site that holds its downloads.
const FilesDir = "files"

// Downloads are the files the site links to, by the names the view gives
// them (and that the outputs writing them list in their Files). The build
// copies each into FilesDir of the site, written by the same run as the
// pages (pipeline.Build); a build of the site alone builds them too. No
// per-person file is among them: a brief holds its person's competence
// gaps and a letter is correspondence, so neither belongs on an intranet
// every member of staff reads.
var Downloads = []Download{
	{Name: view.DocumentFile, Type: "application/pdf"},
	{Name: view.SignOffFile, Type: "application/pdf"},
	{Name: view.WorkbookFile, Type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	{Name: view.WordFile, Type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
}

// shared holds what every page of a build shows alike, made once rather
// than once per page: the style block (the letter colours and the print
// set-up), the version stamp, the list of downloads for each depth, and
// the templates' shared blocks for each depth.
type shared struct {
	view      *view.View // nil when templates are only checked
	edition   Edition
	words     *messages.Catalogue // the build's language (v.Words)
	sentences Words               // the sentences the documents say too
	css       template.CSS
	stamp     template.HTML
	downloads map[string]template.HTML // by pageData.Root
	// blocks are the shared blocks, by name and pageData.Root (see block).
	// Written before the pages render, only read while they do.
	blocks map[blockKey]template.HTML
}

type blockKey struct{ name, root string }

// block is the template function "shared": {{shared "top" .}} inserts the
// template named "top" rendered once per build for each folder depth,
// instead of once per page. A site of thousands of pages spends most of its
// time on the parts around the content that are the same on every page of
// a depth (the head, the navigation, the footer); the layout marks those
// as shared blocks. A block sees the pack, the view and the way to the site
// root (.Root, .Href), but no page: .Title, .Page and .Item are empty.
func (sh *shared) block(name string, d *pageData) (template.HTML, error) {
	b, ok := sh.blocks[blockKey{name, d.Root}]
	if !ok {
		return "", fmt.Errorf("shared %q: no such block (the name must be a quoted string, and a shared block cannot use another)", name)
	}
	return b, nil
}

// renderBlocks renders every shared block the templates use, for each of
// roots, before any page: the pages then only read sh.blocks. Rendering
// them here, one at a time, also has html/template escape the templates
// they use before the pages render in parallel.
func (sh *shared) renderBlocks(tmpl *template.Template, v *view.View, roots []string) error {
	names := map[string]bool{}
	for _, t := range tmpl.Templates() {
		if t.Tree != nil {
			sharedNames(t.Tree.Root, names)
		}
	}
	blocks := map[blockKey]template.HTML{}
	var b bytes.Buffer
	for _, name := range slices.Sorted(maps.Keys(names)) {
		for _, root := range roots {
			b.Reset()
			if err := tmpl.ExecuteTemplate(&b, name, &pageData{View: v, Root: root, shared: sh}); err != nil {
				return fmt.Errorf("rendering the shared block %q: %w", name, templateError(err))
			}
			blocks[blockKey{name, root}] = template.HTML(b.String())
		}
	}
	sh.blocks = blocks
	return nil
}

// sharedNames adds to names the block name of every {{shared "name" …}}
// under n.
func sharedNames(n parse.Node, names map[string]bool) {
	tmplwalk.Walk(n, func(n parse.Node) {
		c, ok := n.(*parse.CommandNode)
		if !ok || len(c.Args) < 2 {
			return
		}
		if id, ok := c.Args[0].(*parse.IdentifierNode); ok && id.Ident == "shared" {
			if s, ok := c.Args[1].(*parse.StringNode); ok {
				names[s.Text] = true
			}
		}
	})
}

func newShared(v *view.View, e Edition) *shared {
	sh := &shared{view: v, edition: e, words: v.Words, sentences: newWords(v.Words), css: PageCSS(v), downloads: map[string]template.HTML{}}
	// Each part of the stamp (a date among them) stays on one line.
	var b strings.Builder
	for i, part := range strings.Split(v.Stamp.String(), " · ") {
		if i > 0 {
			b.WriteString(" · ")
		}
		b.WriteString(`<span class="nowrap">` + html.EscapeString(part) + `</span>`)
	}
	sh.stamp = template.HTML(b.String())
	for _, root := range []string{"", "../"} {
		b.Reset()
		b.WriteString(`<ul class="downloads">`)
		for _, d := range e.Downloads() {
			label, format := d.words(v.Words)
			fmt.Fprintf(&b, `<li><a href="%s" type="%s">%s</a> <span class="limit">(%s)</span></li>`,
				html.EscapeString(root+d.File()), html.EscapeString(d.Type), html.EscapeString(label), html.EscapeString(format))
		}
		b.WriteString(`</ul>`)
		sh.downloads[root] = template.HTML(b.String())
	}
	return sh
}

// printCSS is the print set-up of every page: the pack's paper size, and
// the document id, version stamp and "Uncontrolled when printed" in the
// bottom margin of every printed page, with the page number.
func printCSS(v *view.View) template.CSS {
	size := "A4"
	if v.Pack.Document.Paper == "letter" {
		size = "letter"
	}
	doc := v.Pack.Document
	left := cssString(doc.ID + " v" + doc.Version + " · " + v.Stamp.String())
	return template.CSS(`@page{size:` + size + `;margin:16mm 15mm 20mm;` +
		`@bottom-left{content:` + left + `;font:8pt system-ui,sans-serif;color:#000}` +
		`@bottom-right{content:` + cssCounters(v.Words.Text("site.print.margin", "n", "\x00n\x00", "total", "\x00total\x00")) + `;font:bold 8pt system-ui,sans-serif;color:#000}}`)
}

// cssCounters is a message with the markers \x00n\x00 and \x00total\x00
// in it as CSS content: its text as strings, the markers as the page
// counters.
func cssCounters(s string) string {
	var parts []string
	for i, piece := range strings.Split(s, "\x00") {
		switch {
		case i%2 == 1 && piece == "n":
			parts = append(parts, "counter(page)")
		case i%2 == 1 && piece == "total":
			parts = append(parts, "counter(pages)")
		case piece != "":
			parts = append(parts, cssString(piece))
		}
	}
	return strings.Join(parts, " ")
}

// cssString quotes s as a CSS string, escaping everything but letters,
// digits, spaces and plain punctuation, so no text of the pack can end the
// string or the <style> element.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune(" .,:;-_+()·", r):
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "\\%x ", r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// pageData is what a page template receives: the view (so .Pack, .Stamp,
// .Report, .Roles, .RACI … are at hand), the page's title and item, and
// the way back to the site root.
type pageData struct {
	*view.View
	Title string
	Root  string // "" or "../": the way back to the site root
	Page  string
	Item  any // *view.Role on a role page, *view.Person on a person page, *chartPage on the chart

	shared *shared
}

// Words are the sentences the site says as the documents do, in the
// build's language, so that no output words a fact its own way.
func (d *pageData) Words() Words { return d.shared.sentences }

// P is the pack; templates written before the view used .P.
func (d *pageData) P() *model.Pack { return d.Pack }

// Href links from this page to a path relative to the site root.
func (d *pageData) Href(path string) string { return d.Root + path }

// searchIndex is a script, not JSON to fetch, so search works from file://.
// Each entry has a kind, a title, a subtitle, its page, and the ids and
// clause references it should be found by (search.js folds and ranks).
func searchIndex(v *view.View) []byte {
	type entry struct {
		Kind  string `json:"k"`
		Text  string `json:"t"`
		Sub   string `json:"s,omitempty"`
		URL   string `json:"u"`
		Extra string `json:"x,omitempty"`
	}
	idx := make([]entry, 0, len(v.Roles)*8+len(v.People)+len(v.RACI.Rows))
	for _, r := range v.Roles {
		u := "roles/" + r.ID + ".html"
		idx = append(idx, entry{"Role", r.Name, r.Category, u, strings.Join(append([]string{r.ID}, r.References...), " ")})
	}
	for _, p := range v.People {
		idx = append(idx, entry{"Person", p.Name, p.JobTitle, "people/" + p.ID + ".html", p.ID})
	}
	for _, row := range v.RACI.Rows {
		a := row.Activity
		idx = append(idx, entry{"Activity", a.Name, a.Process, "raci.html#" + a.ID, strings.TrimSpace(a.ID + " " + a.Clause)})
	}
	for _, r := range v.Roles {
		for _, it := range r.Responsibilities {
			idx = append(idx, entry{"Responsibility", model.InlinePlain(it.Text), r.Name, "roles/" + r.ID + ".html", ""})
		}
	}
	data, _ := json.Marshal(idx) // escapes <, > and &: safe inside a script
	var b bytes.Buffer
	b.WriteString("// Search index, generated by rolepack.\nwindow.ROLEPACK_INDEX = ")
	b.Write(data)
	b.WriteString(";\n")
	return b.Bytes()
}

// downloadItems is the template function downloads: the edition's
// downloads with their label and format in the build's language.
func (sh *shared) downloadItems() []Download {
	ds := sh.edition.Downloads()
	out := make([]Download, len(ds))
	for i, d := range ds {
		out[i] = d
		out[i].Label, out[i].Format = d.words(sh.words)
	}
	return out
}
