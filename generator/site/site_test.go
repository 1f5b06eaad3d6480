package site_test

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

type mapWriter struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *mapWriter) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("%s written twice", name)
	}
	m.files[name] = append([]byte(nil), data...)
	return nil
}

var st = stamp.Stamp{Version: "2.1", ContentHash: strings.Repeat("ab", 32), BuildDate: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), Tool: "rolepack test"}

func build(t *testing.T, p *model.Pack, opt site.Options) map[string][]byte {
	t.Helper()
	w := &mapWriter{files: map[string][]byte{}}
	if err := site.Build(view.New(p, st, check.Run(p, st.Date())), opt, w); err != nil {
		t.Fatal(err)
	}
	return w.files
}

func example(t *testing.T) *model.Pack {
	p, err := model.Load("../../content")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func assertContains(t *testing.T, files map[string][]byte, name string, wants ...string) {
	t.Helper()
	s, ok := files[name]
	if !ok {
		t.Fatalf("%s not written", name)
	}
	for _, w := range wants {
		if !strings.Contains(string(s), w) {
			t.Errorf("%s does not contain %q", name, w)
		}
	}
}

func TestExampleSite(t *testing.T) {
	p := example(t)
	files := build(t, p, site.Options{})
	stampHTML := `<span class="nowrap">` + strings.Join(strings.Split(template(st.String()), " · "), `</span> · <span class="nowrap">`) + `</span>`
	assertContains(t, files, "site/index.html", "Halvora Health Systems B.V.", "ISMS-DOC-05.3", `<dd class="stamp">`+stampHTML+`</dd>`, `href="roles/internal-auditor.html"`, `id="q"`)
	for _, r := range p.Roles {
		name := "site/roles/" + r.ID + ".html"
		assertContains(t, files, name, `href="../style.css"`, "Uncontrolled when printed")
		for _, it := range r.Responsibilities {
			assertContains(t, files, name, string(model.InlineHTML(it.Text, "../")))
		}
		for _, h := range r.Holders() {
			assertContains(t, files, name, template(h.Name), `href="../people/`+h.ID+`.html"`)
		}
	}
	for _, person := range p.People {
		_, ok := files["site/people/"+person.ID+".html"]
		if ok != person.IsActive() {
			t.Errorf("%s (%s): page written = %v", person.Name, person.Status, ok)
		}
	}
	assertContains(t, files, "site/people/zoe-nunez.html", "Zoë Ñúñez")
	assertContains(t, files, "site/raci.html", `<span class="letter l-a">A</span>`, "Accountable")
	assertContains(t, files, "site/chart.html", "<svg", `href="roles/top-management.html"`)
	assertContains(t, files, "site/audit.html", "No findings")
	assertContains(t, files, "site/search-index.js", "window.ROLEPACK_INDEX = ", `"Internal Auditor"`, `A.5.35`)
	for name, data := range files {
		if strings.HasSuffix(name, ".html") && strings.Contains(string(data), "search-index.js") {
			t.Errorf("%s loads the search index (search.js loads it when search is first used)", name)
		}
	}
	assertContains(t, files, "site/index.html", `href="files/roles-and-responsibilities.pdf"`, `href="files/acknowledgement-sheets.pdf"`, `href="files/roles-and-responsibilities.docx"`, `rel="icon"`)
	assertContains(t, files, "site/roles/internal-auditor.html", `href="../files/roles-and-responsibilities.pdf"`, "@page{size:A4;")
	// The workbook holds everyone's competence records: the staff site
	// does not link it; the ISMS edition, in its own directory, does.
	if strings.Contains(string(files["site/index.html"]), "raci-and-competence.xlsx") {
		t.Error("the staff site links the workbook")
	}
	isms := build(t, p, site.Options{Edition: site.ISMS})
	for name := range isms {
		if !strings.HasPrefix(name, site.ISMSDir+"/") {
			t.Errorf("the ISMS edition writes %s, outside %s/", name, site.ISMSDir)
		}
	}
	assertContains(t, isms, "isms/index.html", `href="files/raci-and-competence.xlsx"`, `class="edition"`)
	if strings.Contains(string(files["site/index.html"]), `class="edition"`) {
		t.Error("the staff site carries the ISMS edition's banner")
	}
}

// template escapes like html/template does in text, for comparisons.
func template(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

var linkRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// Every internal link resolves to a file the site writes, or to a download
// the build copies into its files/ (generator/pipeline
// TestPublishedSiteIsSelfContained); no link leaves the site, so none leads
// to a person's brief or letters.
func TestLinksResolve(t *testing.T) {
	files := build(t, example(t), site.Options{})
	for name, data := range files {
		text := strings.ReplaceAll(string(data), `xmlns="http://www.w3.org/2000/svg"`, "")
		if strings.Contains(text, "http://") || strings.Contains(text, "https://") {
			t.Errorf("%s has an absolute web address", name)
		}
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range linkRE.FindAllStringSubmatch(string(data), -1) {
			target := strings.SplitN(m[1], "#", 2)[0]
			if target == "" {
				continue
			}
			if strings.HasPrefix(target, "/") || strings.Contains(target, ":") {
				t.Errorf("%s: non-relative link %q", name, m[1])
				continue
			}
			resolved := path.Join(path.Dir(name), target)
			if !strings.HasPrefix(resolved, site.Dir+"/") {
				t.Errorf("%s: link %q leaves the site", name, m[1])
				continue
			}
			if isDownload(strings.TrimPrefix(resolved, site.Dir+"/"+site.FilesDir+"/")) {
				continue
			}
			if _, ok := files[resolved]; !ok {
				t.Errorf("%s: broken link %q", name, m[1])
			}
		}
	}
}

func isDownload(name string) bool {
	for _, d := range site.Downloads {
		if name == d.Name {
			return true
		}
	}
	return false
}

func TestXSSIsHarmless(t *testing.T) {
	p := packtest.Load(t, packtest.With(packtest.Minimal, `-- roles/auditor.toml --
id = "auditor"
name = "<script>alert(1)</script>"
category = "Assurance\"><img src=x onerror=alert(2)>"
purpose = "Read [this](javascript:alert(3)) and <b onclick=alert(4)>this</b>."
reports_to = "ceo"
responsibilities = ["</script><script>alert(5)</script>"]

[[authority]]
text = "Audit"

[[assignment]]
person = "eve"
appointed_on = 2025-04-01
evidence = "Contract C-9"
deputy = "dora"
`))
	files := build(t, p, site.Options{})
	for name, data := range files {
		s := strings.ToLower(string(data))
		for _, live := range []string{"<script>alert", "<img src=x", "javascript:alert", "onclick=alert", "</script><script>"} {
			if strings.Contains(s, live) {
				t.Errorf("%s contains live %q", name, live)
			}
		}
	}
	assertContains(t, files, "site/roles/auditor.html", "&lt;script&gt;alert(1)&lt;/script&gt;")
}

func TestDeterministic(t *testing.T) {
	p := example(t)
	a, b := build(t, p, site.Options{}), build(t, p, site.Options{})
	if len(a) != len(b) {
		t.Fatal("different file counts")
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between builds", name)
		}
	}
}

func TestOverrides(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	files := build(t, p, site.Options{Overrides: fstest.MapFS{
		"site/style.css":      {Data: []byte("body { color: purple }")},
		"site/revisions.html": {Data: []byte(`{{template "head" .}}<p>Custom history of {{.P.Organisation.Name}}</p>{{template "foot" .}}`)},
	}})
	assertContains(t, files, "site/style.css", "purple")
	assertContains(t, files, "site/revisions.html", "Custom history of Example Ltd")

	w := &mapWriter{files: map[string][]byte{}}
	for _, tc := range []struct{ src, want string }{
		{"<p>\n{{.Nope\n</p>", "templates/site/role.html:3:"},
		{"{{template \"head\" .}}\n\n{{.P.Missing}}", "templates/site/role.html:3:"},
	} {
		err := site.Build(view.New(p, st, nil), site.Options{Overrides: fstest.MapFS{"site/role.html": {Data: []byte(tc.src)}}}, w)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("template error %v, want it to name %s", err, tc.want)
		}
	}
}

func BenchmarkSiteM(b *testing.B) {
	dir := os.Getenv("ROLEPACK_BENCH_PACK")
	if dir == "" {
		b.Skip("set ROLEPACK_BENCH_PACK to a pack directory (see bench/bench.sh)")
	}
	p, err := model.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	v := view.New(p, st, check.Run(p, st.Date()))
	for b.Loop() {
		w := &mapWriter{files: map[string][]byte{}}
		if err := site.Build(v, site.Options{}, w); err != nil {
			b.Fatal(err)
		}
	}
}

// A stray or missing brace in the stylesheet makes browsers drop the rule
// after it, silently.
func TestStylesheetBraces(t *testing.T) {
	css := string(build(t, packtest.Load(t, packtest.Minimal), site.Options{})["site/style.css"])
	css = regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(css, "")
	depth := 0
	for i, line := range strings.Split(css, "\n") {
		depth += strings.Count(line, "{") - strings.Count(line, "}")
		if depth < 0 {
			t.Fatalf("style.css: line %d closes a block that is not open", i+1)
		}
	}
	if depth != 0 {
		t.Errorf("style.css: %d blocks left open", depth)
	}
}

// A shared block is rendered once per folder depth, so it links back to
// the site root correctly from every page, and its name must be known
// before the pages render.
func TestSharedBlocks(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	layout := `{{define "head"}}<title>{{.Title}}</title>{{shared "nav" .}}<main>{{end}}` +
		`{{define "nav"}}<a href="{{.Root}}index.html">home</a> [{{.Title}}]{{end}}` +
		`{{define "foot"}}</main>{{end}}{{define "downloads"}}{{end}}{{define "stamp"}}{{end}}`
	files := build(t, p, site.Options{Overrides: fstest.MapFS{"site/layout.html": {Data: []byte(layout)}}})
	pages := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		want := `<a href="index.html">home</a> []`
		if strings.Count(name, "/") == 2 { // site/roles/x.html, site/people/x.html
			want = `<a href="../index.html">home</a> []`
		}
		if !strings.Contains(string(data), want) {
			t.Errorf("%s: no %s (the shared block for its depth, which sees no page title)", name, want)
		}
	}
	if pages < 5 {
		t.Fatalf("only %d pages", pages)
	}

	w := &mapWriter{files: map[string][]byte{}}
	dynamic := `{{define "head"}}{{shared (printf "n%s" "av") .}}{{end}}{{define "nav"}}x{{end}}{{define "foot"}}{{end}}{{define "downloads"}}{{end}}{{define "stamp"}}{{end}}`
	err := site.Build(view.New(p, st, nil), site.Options{Overrides: fstest.MapFS{"site/layout.html": {Data: []byte(dynamic)}}}, w)
	if err == nil || !strings.Contains(err.Error(), `shared "nav": no such block`) {
		t.Errorf("a shared block named by an expression: error %v, want it refused by name", err)
	}
}

// The site says what the documents say in the words they share
// (document.Shared): a vacant role, a role held by everyone, a role
// without authorities, a matrix without gaps.
func TestSharedWords(t *testing.T) {
	p := packtest.Load(t, packtest.With(packtest.Minimal, `-- roles/vacant.toml --
id = "vacant"
name = "Vacant Role"
category = "Operations"
purpose = "Nobody holds it yet."
reports_to = "ceo"
responsibilities = ["Wait for a holder"]
-- roles/all.toml --
id = "all"
name = "All Staff"
category = "Everyone"
purpose = "Everyone."
held_by_everyone = true
responsibilities = ["Report incidents"]
`))
	files := build(t, p, site.Options{})
	w := document.Shared
	assertContains(t, files, "site/roles/vacant.html", w.Vacant, w.NoneRecorded)
	assertContains(t, files, "site/roles/all.html", w.HeldByEveryone)
	isms := build(t, p, site.Options{Edition: site.ISMS})
	assertContains(t, isms, "isms/competence.html", w.NoGaps)
}
