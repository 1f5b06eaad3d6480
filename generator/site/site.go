// Package site renders the static intranet site: a page per role and per
// person, the RACI, competence, review-team, chart, revision and audit
// pages, and an offline search. Every page links relatively, so the site
// works under any path of a web server and straight from the file system.
package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
)

// Dir is the site's directory inside the build output.
const Dir = "site"

// Writer receives the site's files.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Options configure Build.
type Options struct {
	// Overrides is the pack's own templates/ directory, or nil. A file
	// there with the same path as a default (such as "site/style.css" or
	// "site/role.html") replaces it.
	Overrides fs.FS
}

// Page templates, and the static assets copied as they are.
var (
	pageTemplates = []string{"layout.html", "index.html", "role.html", "person.html", "raci.html",
		"competence.html", "review-team.html", "chart.html", "revisions.html", "audit.html"}
	assets = []string{"style.css", "search.js"}
)

// Build renders the whole site into w, under Dir.
func Build(p *model.Pack, st stamp.Stamp, rep *check.Report, opt Options, w Writer) error {
	if rep == nil {
		rep = &check.Report{}
	}
	tmpl, err := parseTemplates(opt.Overrides)
	if err != nil {
		return err
	}
	s := &siteData{P: p, Stamp: st, Report: rep}
	s.prepare()

	// A job's data is computed by the worker that renders it, so building
	// the views of 20,000 people runs in parallel too.
	type job struct {
		name, tmpl string
		data       func() any
	}
	var jobs []job
	add := func(name, tmpl, title string, depth int, item func() any) {
		jobs = append(jobs, job{name, tmpl, func() any {
			d := &pageData{siteData: s, Title: title, Root: strings.Repeat("../", depth), Page: name}
			if item != nil {
				d.Item = item()
			}
			return d
		}})
	}
	add("index.html", "index.html", p.Organisation.Name, 0, nil)
	add("raci.html", "raci.html", "RACI matrix", 0, nil)
	add("competence.html", "competence.html", "Competence matrix", 0, nil)
	add("review-team.html", "review-team.html", "Management Review Team", 0, nil)
	add("chart.html", "chart.html", "Reporting lines", 0, func() any { return s.chart() })
	add("revisions.html", "revisions.html", "Revision history", 0, nil)
	add("audit.html", "audit.html", "Audit readiness", 0, nil)
	for _, r := range p.Roles {
		add("roles/"+r.ID+".html", "role.html", r.Name, 1, func() any { return s.roleView(r) })
	}
	for _, person := range p.People {
		if person.IsActive() {
			add("people/"+person.ID+".html", "person.html", person.Name, 1, func() any { return s.personView(person) })
		}
	}

	// Pages render and are written in parallel; each page's bytes depend
	// only on its data, so the result does not depend on timing.
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var b bytes.Buffer
			for i := range next {
				b.Reset()
				if err := tmpl.ExecuteTemplate(&b, jobs[i].tmpl, jobs[i].data()); err != nil {
					errs[i] = fmt.Errorf("rendering %s: %w", jobs[i].name, templateError(err))
					continue
				}
				errs[i] = w.WriteFile(Dir+"/"+jobs[i].name, bytes.Clone(b.Bytes()))
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
		if err := w.WriteFile(Dir+"/"+a, data); err != nil {
			return err
		}
	}
	// The pictures the Markdown fields show, from the content directory:
	// the site never points at anything outside itself.
	for _, img := range p.Images {
		if err := w.WriteFile(Dir+"/"+img.Name, img.Data); err != nil {
			return err
		}
	}
	return w.WriteFile(Dir+"/search-index.js", s.searchIndex())
}

// readTemplate returns the override of site/name if the pack has one, else
// the default.
func readTemplate(overrides fs.FS, name string) ([]byte, error) {
	if overrides != nil {
		if data, err := fs.ReadFile(overrides, "site/"+name); err == nil {
			return data, nil
		}
	}
	return fs.ReadFile(rolepack.Templates(), "site/"+name)
}

var tmplErrRE = regexp.MustCompile(`template: (?:[^:]+: )?([a-z-]+\.html):(\d+):`)

// templateError rewrites html/template's "template: role.html:12: …" into
// the path a user edits: "templates/site/role.html:12: …".
func templateError(err error) error {
	msg := err.Error()
	if m := tmplErrRE.FindStringSubmatchIndex(msg); m != nil {
		file, line := msg[m[2]:m[3]], msg[m[4]:m[5]]
		msg = "templates/site/" + file + ":" + line + ":" + msg[m[1]:]
	}
	return fmt.Errorf("%s", msg)
}

func parseTemplates(overrides fs.FS) (*template.Template, error) {
	root := template.New("").Funcs(funcs)
	for _, name := range pageTemplates {
		data, err := readTemplate(overrides, name)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		if _, err := root.New(name).Parse(string(data)); err != nil {
			return nil, templateError(err)
		}
	}
	return root, nil
}

var funcs = template.FuncMap{
	"letterClass": func(l string) string {
		if l == "" {
			return ""
		}
		return "l-" + strings.ToLower(l[:1])
	},
	"letterName": func(l string) string { return model.LetterNames[l] },
	"join":       strings.Join,
	"add":        func(a, b int) int { return a + b },
	"letters":    func() []string { return model.Letters },
	// dict passes the page along with a list of roles to a sub-template.
	"dict": func(d *pageData, list []*model.Role) treeData { return treeData{d, list} },
}

type treeData struct {
	D    *pageData
	List []*model.Role
}

// siteData is what every page sees.
type siteData struct {
	P      *model.Pack
	Stamp  stamp.Stamp
	Report *check.Report
	Plan   []model.TrainingItem
	Grid   []raciRow
	Matrix []matrixRow
	// RACIList is set when there are too many roles for a grid: the RACI
	// page then lists the roles of each letter per activity.
	RACIList bool

	roleDuties map[*model.Role][]duty // each role's RACI duties, in activity order
	actIndex   map[*model.Activity]int
}

// maxGridRoles is the most roles the RACI page shows as grid columns.
const maxGridRoles = 40

type pageData struct {
	*siteData
	Title string
	Root  string // "" or "../": the way back to the site root
	Page  string
	Item  any
}

// Href links from this page to a path relative to the site root.
func (d *pageData) Href(path string) string { return d.Root + path }

type raciRow struct {
	Activity *model.Activity
	Letters  []string // one per role, in p.Roles order
}

type matrixRow struct {
	Person *model.Person
	Cells  []matrixCell // one per competence
	Gaps   int
}

type matrixCell struct {
	Held, Required int
	Needed, Gap    bool
}

func (s *siteData) prepare() {
	p := s.P
	s.Plan = p.TrainingPlan()
	s.RACIList = len(p.Roles) > maxGridRoles
	// Index the duties once: pages then look them up instead of scanning
	// every activity for every role and person.
	s.roleDuties = map[*model.Role][]duty{}
	s.actIndex = map[*model.Activity]int{}
	for i, a := range p.Activities {
		s.actIndex[a] = i
		seen := map[*model.Role]bool{}
		for _, l := range model.Letters {
			for _, r := range a.Roles[l] {
				if !seen[r] {
					seen[r] = true
					s.roleDuties[r] = append(s.roleDuties[r], duty{a, a.Letter(r)})
				}
			}
		}
	}
	for _, a := range p.Activities {
		if s.RACIList {
			s.Grid = append(s.Grid, raciRow{Activity: a})
			continue
		}
		row := raciRow{Activity: a, Letters: make([]string, len(p.Roles))}
		for i, r := range p.Roles {
			row.Letters[i] = a.Letter(r)
		}
		s.Grid = append(s.Grid, row)
	}
	compIndex := map[*model.Competence]int{}
	for i, c := range p.Competences {
		compIndex[c] = i
	}
	for _, person := range p.People {
		if !person.IsActive() || len(person.Holds) == 0 {
			continue
		}
		row := matrixRow{Person: person, Cells: make([]matrixCell, len(p.Competences))}
		for _, rec := range p.RecordsOf(person) {
			c := &row.Cells[compIndex[rec.Competence]]
			c.Held = max(c.Held, rec.Level)
		}
		for _, n := range p.Needs(person) {
			c := &row.Cells[compIndex[n.Competence]]
			c.Needed, c.Required, c.Gap = true, n.Required, n.Gap()
			if n.Gap() {
				row.Gaps++
			}
		}
		s.Matrix = append(s.Matrix, row)
	}
}

type roleView struct {
	Role   *model.Role
	Duties []duty
	Chain  []*model.Role // from the top down to the role's manager
}

type duty struct {
	Activity *model.Activity
	Letter   string
}

func (s *siteData) duties(r *model.Role) []duty { return s.roleDuties[r] }

func (s *siteData) roleView(r *model.Role) roleView {
	v := roleView{Role: r, Duties: s.duties(r)}
	for m := r.ReportsTo; m != nil; m = m.ReportsTo {
		v.Chain = append([]*model.Role{m}, v.Chain...)
	}
	return v
}

type personView struct {
	Person *model.Person
	Needs  []model.Need
	Duties []duty
	Acked  bool
	Ack    model.Acknowledgement
}

func (s *siteData) personView(person *model.Person) personView {
	v := personView{Person: person, Needs: s.P.Needs(person)}
	// One row per activity, with every letter the person's roles give them.
	held := map[*model.Activity]string{}
	for _, h := range person.Holds {
		for _, d := range s.roleDuties[h.Role] {
			if _, ok := held[d.Activity]; !ok {
				v.Duties = append(v.Duties, duty{Activity: d.Activity})
			}
			held[d.Activity] += d.Letter
		}
	}
	sort.Slice(v.Duties, func(i, j int) bool { return s.actIndex[v.Duties[i].Activity] < s.actIndex[v.Duties[j].Activity] })
	for i := range v.Duties {
		for _, l := range model.Letters {
			if strings.Contains(held[v.Duties[i].Activity], l) {
				v.Duties[i].Letter += l
			}
		}
	}
	v.Ack, v.Acked = s.P.Acknowledged(person, s.P.Document.Version)
	return v
}

// searchIndex is a script, not JSON to fetch, so search works from file://.
func (s *siteData) searchIndex() []byte {
	type entry struct {
		Kind string `json:"k"`
		Text string `json:"t"`
		Sub  string `json:"s,omitempty"`
		URL  string `json:"u"`
	}
	var idx []entry
	for _, r := range s.P.Roles {
		u := "roles/" + r.ID + ".html"
		idx = append(idx, entry{"Role", r.Name, r.Category, u})
		for _, it := range r.Responsibilities {
			idx = append(idx, entry{"Responsibility", it.Text, r.Name, u})
		}
	}
	for _, p := range s.P.People {
		if p.IsActive() {
			idx = append(idx, entry{"Person", p.Name, p.JobTitle, "people/" + p.ID + ".html"})
		}
	}
	for _, a := range s.P.Activities {
		idx = append(idx, entry{"Activity", a.Name, a.Process, "raci.html#" + a.ID})
	}
	data, _ := json.Marshal(idx) // escapes <, > and &: safe inside a script
	var b bytes.Buffer
	b.WriteString("// Search index, generated by rolepack.\nwindow.ROLEPACK_INDEX = ")
	b.Write(data)
	b.WriteString(";\n")
	return b.Bytes()
}

// chartNode is a box of the reporting-line chart.
type chartNode struct {
	Role       *model.Role
	X, Y, W, H int
	Label      string
}

type chartEdge struct{ X1, Y1, X2, Y2 int }

type chartView struct {
	Nodes         []chartNode
	Edges         []chartEdge
	Width, Height int
	List          bool // too many roles for a drawing: show a nested list
}

const maxChartRoles = 60

// chart lays the reporting lines out as a tree: each role centred above
// the roles reporting to it, leaves side by side.
func (s *siteData) chart() chartView {
	p := s.P
	if len(p.Roles) > maxChartRoles {
		return chartView{List: true}
	}
	const w, h, gapX, gapY = 170, 46, 16, 40
	var v chartView
	col := 0
	var place func(r *model.Role, depth int) (center int)
	place = func(r *model.Role, depth int) int {
		var x int
		if len(r.Reports) == 0 {
			x = col * (w + gapX)
			col++
		} else {
			var first, last int
			for i, c := range r.Reports {
				cx := place(c, depth+1)
				if i == 0 {
					first = cx
				}
				last = cx
			}
			x = (first+last)/2 - w/2
		}
		y := depth * (h + gapY)
		v.Nodes = append(v.Nodes, chartNode{Role: r, X: x, Y: y, W: w, H: h, Label: truncate(r.Name, 24)})
		for _, c := range r.Reports {
			for _, n := range v.Nodes {
				if n.Role == c {
					v.Edges = append(v.Edges, chartEdge{x + w/2, y + h, n.X + w/2, n.Y})
				}
			}
		}
		v.Height = max(v.Height, y+h)
		return x + w/2
	}
	for _, r := range p.Roots() {
		place(r, 0)
	}
	v.Width = max(col*(w+gapX)-gapX, w)
	sort.SliceStable(v.Nodes, func(i, j int) bool { return v.Nodes[i].Y < v.Nodes[j].Y })
	return v
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
