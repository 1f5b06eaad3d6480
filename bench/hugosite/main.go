// Command hugosite writes a Hugo site that is the same site as rolepack's
// for a pack, so that bench/hugo.sh times two generators doing the same
// work: the same pages (home, a page per role and per active person, the
// RACI and competence matrices, the review team, the reporting-line chart,
// revisions, audit readiness), the same sections on each, the same
// header, navigation, search box and footer, and the same search index.
//
// It loads the pack with rolepack's library and hands Hugo every fact
// already worked out, in page front matter and data files: Hugo only
// reads and renders, as rolepack's site stage only formats the view. The
// parts every page shows alike are cached partials (partialCached), Hugo's
// counterpart of rolepack's shared blocks, and pages are written as
// roles/ID.html like rolepack's (uglyURLs), not a directory per page. A
// role's purpose and the scope go to Hugo as Markdown, which Hugo renders
// itself (rolepack renders them while loading, which its time includes).
//
// Usage: go run ./bench/hugosite PACK-DIR HUGO-SITE-DIR
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pipeline"
	rpsite "github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/generator/view"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: hugosite PACK-DIR HUGO-SITE-DIR")
		os.Exit(2)
	}
	generate(os.Args[1], os.Args[2])
}

// generate writes the Hugo site of the pack in content into dir.
func generate(content, dir string) {
	l, err := pipeline.Load(context.Background(), pipeline.Options{Content: content, Tool: "hugosite"})
	check(err)
	v := view.New(l.Pack, l.Stamp, l.Report, view.WithHistory(l.History))
	s := &site{dir: dir, v: v, p: l.Pack}
	s.config()
	s.layouts()
	s.home()
	for _, r := range v.Roles {
		s.role(r)
	}
	for _, p := range v.People {
		s.person(p)
	}
	s.raci()
	s.competence()
	s.chart()
	s.small()
}

type site struct {
	dir string
	v   *view.View
	p   *model.Pack
}

type link struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func roleLink(r *model.Role) *link {
	if r == nil {
		return nil
	}
	return &link{r.ID, r.Name}
}

func roleLinks(rs []*model.Role) []link {
	out := make([]link, 0, len(rs))
	for _, r := range rs {
		out = append(out, link{r.ID, r.Name})
	}
	return out
}

// deputy is a deputy as the pages show one: a link while they are active.
type deputy struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Active bool   `json:"active"`
}

func deputyOf(p *model.Person) *deputy {
	if p == nil {
		return nil
	}
	return &deputy{p.ID, p.Name, p.IsActive()}
}

type duty struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Process string `json:"process"`
	Letters string `json:"letters"`
	Class   string `json:"class"`
}

func duties(ds []view.Duty) []duty {
	out := make([]duty, 0, len(ds))
	for _, d := range ds {
		out = append(out, duty{d.Activity.ID, d.Activity.Name, d.Activity.Process, d.Letters, rpsite.LetterClass(d.Letters)})
	}
	return out
}

func (s *site) config() {
	doc := s.p.Document
	params := map[string]any{
		"org": s.p.Organisation.Name, "doctitle": doc.Title, "docid": doc.ID, "version": doc.Version,
		"status": doc.Status, "classification": doc.Classification, "stamp": s.v.Stamp.Token(),
		"stampText": s.v.Stamp.String(), "css": string(rpsite.PageCSS(s.v)),
		"downloads": []map[string]string{
			{"file": "roles-and-responsibilities.pdf", "type": "application/pdf", "name": "Roles and responsibilities (controlled document)", "kind": "PDF"},
			{"file": "acknowledgement-sheets.pdf", "type": "application/pdf", "name": "Acknowledgement sign-off sheets", "kind": "PDF"},
			{"file": "raci-and-competence.xlsx", "type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "name": "RACI and competence workbook", "kind": "Excel workbook"},
			{"file": "roles-and-responsibilities.docx", "type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "name": "Roles and responsibilities (editable)", "kind": "Word document"}},
		"everyone": roleLinks(s.v.Everyone),
	}
	cfg := map[string]any{
		"baseURL": "/", "relativeURLs": true, "uglyURLs": true, "title": doc.Title,
		"disableKinds": []string{"taxonomy", "term", "RSS", "sitemap", "section", "404", "robotsTXT"},
		"params":       params,
		"outputFormats": map[string]any{"searchindex": map[string]any{
			"mediaType": "text/javascript", "baseName": "search-index", "isPlainText": true, "notAlternative": true}},
		"outputs": map[string]any{"home": []string{"HTML", "searchindex"}},
	}
	data, err := json.MarshalIndent(cfg, "", " ")
	check(err)
	write(s.dir, "hugo.json", string(data))
	write(s.dir, "static/style.css", "body{font:16px system-ui}\n")
	write(s.dir, "static/search.js", "// search\n")
	write(s.dir, "static/favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
}

func (s *site) home() {
	type card struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Count string `json:"count"`
	}
	type category struct {
		Name  string `json:"name"`
		Roles []card `json:"roles"`
	}
	var cats []category
	for _, c := range s.p.Categories() {
		cat := category{Name: c.Name}
		for _, r := range c.Roles {
			rv := s.v.Role(r)
			cat.Roles = append(cat.Roles, card{r.ID, r.Name, rv.HolderCount()})
		}
		cats = append(cats, cat)
	}
	doc := s.p.Document
	front := map[string]any{
		"title": s.p.Organisation.Name, "categories": cats, "owner": roleLink(doc.Owner),
		"next_review": doc.NextReview.String(), "effective": doc.EffectiveDate.String(),
	}
	if doc.Approver != nil {
		front["approver"] = doc.Approver.Name
	}
	page(s.dir, "content/_index.md", front, s.p.Organisation.Scope.Source)
}

func (s *site) role(r *view.Role) {
	type seat struct {
		Person    link    `json:"person"`
		External  bool    `json:"external"`
		Company   string  `json:"company"`
		Appointed string  `json:"appointed"`
		Evidence  string  `json:"evidence"`
		Deputy    *deputy `json:"deputy"`
	}
	seats := func(ss []view.Seat) []seat {
		var out []seat
		for _, x := range ss {
			out = append(out, seat{link{x.Person.ID, x.Person.Name}, x.Person.External, x.Person.Company,
				x.Assignment.AppointedOn.String(), x.Assignment.Evidence, deputyOf(x.Deputy)})
		}
		return out
	}
	texts := func(items []model.Item) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.Text)
		}
		return out
	}
	type authority struct {
		Text  string `json:"text"`
		Limit string `json:"limit"`
	}
	var auths []authority
	for _, a := range r.Authorities {
		auths = append(auths, authority{a.Text, a.LimitText()})
	}
	type requirement struct {
		Competence string `json:"competence"`
		Level      string `json:"level"`
	}
	var reqs []requirement
	for _, q := range r.Requirements {
		reqs = append(reqs, requirement{q.Competence.Name, s.p.LevelName(q.Level)})
	}
	front := map[string]any{
		"title": r.Name, "chain": roleLinks(r.Chain), "changed_in": r.ChangedIn, "category": r.Category,
		"references": r.References, "everyone": r.HeldByEveryone, "seats": seats(r.Seats), "former": seats(r.Former),
		"vacant": r.Vacant(), "responsibilities": texts(r.Responsibilities), "authorities": auths,
		"requirements": reqs, "education": r.Education, "experience": r.Experience,
		"internal": texts(r.CommunicateInternal), "external": texts(r.CommunicateExternal),
		"reports_to": roleLink(r.ReportsTo), "reports": roleLinks(r.Reports), "conflicts": roleLinks(r.Conflicts),
		"duties": duties(r.Duties), "search": strings.Join(append([]string{r.ID}, r.References...), " "),
	}
	page(s.dir, "content/roles/"+r.ID+".md", front, r.Purpose.Source)
}

func (s *site) person(p *view.Person) {
	type seat struct {
		Role      link    `json:"role"`
		Person    deputy  `json:"person"`
		Appointed string  `json:"appointed"`
		Deputy    *deputy `json:"deputy"`
	}
	seats := func(ss []view.Seat) []seat {
		var out []seat
		for _, x := range ss {
			out = append(out, seat{link{x.Role.ID, x.Role.Name}, *deputyOf(x.Person), x.Assignment.AppointedOn.String(), deputyOf(x.Deputy)})
		}
		return out
	}
	type member struct {
		Person *deputy `json:"person"`
		Area   string  `json:"area"`
		Senior bool    `json:"senior"`
		Deputy *deputy `json:"deputy"`
	}
	var review *member
	if m := p.Review; m != nil {
		review = &member{deputyOf(m.Person), m.Area.Name, m.Senior, deputyOf(m.Deputy)}
	}
	var reviewFor []member
	for _, m := range p.ReviewDeputyFor {
		reviewFor = append(reviewFor, member{deputyOf(m.Person), m.Area.Name, m.Senior, nil})
	}
	type need struct {
		Competence string `json:"competence"`
		Required   string `json:"required"`
		Held       string `json:"held"`
		For        string `json:"for"`
		Evidence   string `json:"evidence"`
		Deputising bool   `json:"deputising"`
		Gap        bool   `json:"gap"`
	}
	var needs []need
	for _, n := range p.Needs {
		x := need{Competence: n.Competence.Name, Required: s.p.LevelName(n.Required), Held: s.p.LevelName(n.Held), Deputising: n.Deputising, Gap: n.Gap()}
		if len(n.Roles) > 0 {
			x.For = n.Roles[0].Name
		}
		if n.Record != nil {
			x.Evidence = n.Record.Evidence
		}
		needs = append(needs, x)
	}
	type gap struct {
		Action     string `json:"action"`
		Role       string `json:"role"`
		Deputising bool   `json:"deputising"`
	}
	var gaps []gap
	for _, g := range p.Gaps {
		gaps = append(gaps, gap{s.v.TrainingAction(g), g.Role.Name, g.Deputising})
	}
	front := map[string]any{
		"title": p.Name, "id": p.ID, "job": p.JobTitle, "department": p.Department, "external": p.External,
		"company": p.Company, "must_ack": p.MustAcknowledge, "holds": seats(p.Holds), "deputises": seats(p.Deputises),
		"chair": p.Chair, "review": review, "review_deputy_for": reviewFor, "seated": p.Seated(),
		"needs": needs, "gaps": gaps, "duties": duties(p.Duties),
	}
	if p.Ack != nil {
		front["ack"] = map[string]string{"date": p.Ack.Date.String(), "evidence": p.Ack.Evidence}
	}
	if e := p.Earlier; e != nil {
		front["earlier"] = map[string]any{"version": e.Version, "date": e.Date.String(), "carried": e.Carried, "changed": e.Changed}
	}
	page(s.dir, "content/people/"+p.ID+".md", front, "")
}

func (s *site) raci() {
	type part struct {
		Letter, Name, Class string
		Roles               []link
	}
	type row struct {
		ID, Name, Process, Clause string
		Cells                     []string
		Classes                   []string
		Parts                     []part
	}
	var rows []row
	for _, r := range s.v.RACI.Rows {
		x := row{ID: r.Activity.ID, Name: r.Activity.Name, Process: r.Activity.Process, Clause: r.Activity.Clause}
		if s.v.RACI.Grid {
			x.Cells = r.Cells
			for _, c := range r.Cells {
				x.Classes = append(x.Classes, rpsite.LetterClass(c))
			}
		}
		for _, p := range r.Parts {
			x.Parts = append(x.Parts, part{p.Letter, model.LetterNames[p.Letter], rpsite.LetterClass(p.Letter), roleLinks(p.Roles)})
		}
		rows = append(rows, x)
	}
	var legend []part
	for _, l := range model.Letters {
		legend = append(legend, part{l, model.LetterNames[l], rpsite.LetterClass(l), nil})
	}
	data(s.dir, "raci", map[string]any{"grid": s.v.RACI.Grid, "roles": roleLinks(s.v.RACI.Roles), "rows": rows, "legend": legend})
	page(s.dir, "content/raci.md", map[string]any{"title": "RACI matrix", "layout": "raci"}, "")
}

func (s *site) competence() {
	type cell struct {
		H, R int
		G    bool
	}
	type row struct {
		ID, Name string
		Gaps     int
		Cells    []cell
	}
	var names []string
	for _, c := range s.v.Competence.Competences {
		names = append(names, c.Name)
	}
	var rows []row
	for _, r := range s.v.Competence.Rows {
		x := row{ID: r.Person.ID, Name: r.Person.Name, Gaps: r.Gaps}
		for _, c := range r.Cells {
			x.Cells = append(x.Cells, cell{c.Held, c.Required, c.Gap})
		}
		rows = append(rows, x)
	}
	type item struct {
		Person                               link
		Role, Competence, Action, Owner, Due string
		Required, Held                       int
		Deputising, Planned                  bool
	}
	var plan []item
	for _, g := range s.v.Competence.Plan {
		due := ""
		if !g.Due.IsZero() {
			due = g.Due.String()
		}
		plan = append(plan, item{link{g.Person.ID, g.Person.Name}, g.Role.Name, g.Competence.Name, s.v.TrainingAction(g), s.v.TrainingOwner(g), due, g.Required, g.Held, g.Deputising, g.Planned != nil})
	}
	var scale []string
	for _, l := range s.p.Scale {
		scale = append(scale, strconv.Itoa(l.Level)+" "+l.Name)
	}
	data(s.dir, "competence", map[string]any{"competences": names, "rows": rows, "plan": plan, "scale": scale})
	page(s.dir, "content/competence.md", map[string]any{"title": "Competence matrix", "layout": "competence"}, "")
}

// chart gives Hugo the chart as rolepack's site draws it: the boxes and
// lines of each drawing, laid out by the view, and the tree of roles.
func (s *site) chart() {
	type box struct {
		ID, Name, Holders string
		X, Y, W, H, CX    float64
		Lines             []string
	}
	type edge struct{ X1, Y1, Mid, X2, Y2 float64 }
	type part struct {
		Under         string
		Width, Height float64
		Boxes         []box
		Edges         []edge
	}
	type drawing struct {
		Class string
		Parts []part
	}
	const unit, boxW, level = 190.0, 170.0, 90.0
	var drawings []drawing
	for _, w := range []struct {
		class  string
		units  float64
		levels int
	}{{"chart-wide", 6, 4}, {"chart-medium", 4, 3}} {
		d := drawing{Class: w.class}
		for _, cp := range s.v.Chart.Layout(w.units, w.levels) {
			pt := part{Width: cp.Width * unit, Height: float64(cp.Levels) * level}
			if cp.Under != nil {
				pt.Under = cp.Under.Name
			}
			for _, b := range cp.Boxes {
				cx := b.X * unit
				pt.Boxes = append(pt.Boxes, box{b.Role.ID, b.Role.Name, b.Role.HolderCount(), cx - boxW/2, float64(b.Level) * level, boxW, level - 40, cx, strings.Fields(b.Role.Name)})
			}
			for _, e := range cp.Edges {
				from, to := cp.Boxes[e.From], cp.Boxes[e.To]
				y1 := float64(from.Level)*level + level - 40
				pt.Edges = append(pt.Edges, edge{from.X * unit, y1, y1 + 20, to.X * unit, float64(to.Level) * level})
			}
			d.Parts = append(d.Parts, pt)
		}
		drawings = append(drawings, d)
	}
	type node struct {
		ID, Name, Holders string
		Children          []node
	}
	var tree func([]*view.ChartNode) []node
	tree = func(ns []*view.ChartNode) []node {
		var out []node
		for _, n := range ns {
			out = append(out, node{n.Role.ID, n.Role.Name, n.Role.HolderCount(), tree(n.Children)})
		}
		return out
	}
	data(s.dir, "chart", map[string]any{"drawings": drawings, "tree": tree(s.v.Chart.Roots)})
	page(s.dir, "content/chart.md", map[string]any{"title": "Reporting lines", "layout": "chart"}, "")
}

// small writes the pages rolepack keeps short: the review team, the
// revision history and the audit report.
func (s *site) small() {
	var members []map[string]any
	if t := s.v.ReviewTeam; t != nil {
		for _, m := range t.Members {
			members = append(members, map[string]any{"person": deputyOf(m.Person), "area": m.Area.Name, "senior": m.Senior, "deputy": deputyOf(m.Deputy)})
		}
	}
	page(s.dir, "content/review-team.md", map[string]any{"title": "Management Review Team", "layout": "review", "members": members}, "")
	var revs []map[string]string
	for _, r := range s.p.Revisions {
		revs = append(revs, map[string]string{"version": r.Version, "date": r.Date.String(), "author": r.Author, "summary": r.Summary})
	}
	page(s.dir, "content/revisions.md", map[string]any{"title": "Revision history", "layout": "revisions", "revisions": revs}, "")
	var findings []map[string]string
	for _, f := range s.v.Audit.Findings {
		findings = append(findings, map[string]string{"rule": f.Rule, "severity": string(f.Severity), "message": f.Message})
	}
	page(s.dir, "content/audit.md", map[string]any{"title": "Audit readiness", "layout": "audit", "findings": findings}, "")
}

// page writes a content file with JSON front matter, which Hugo accepts.
func page(dir, name string, front map[string]any, body string) {
	fm, err := json.MarshalIndent(front, "", " ")
	check(err)
	write(dir, name, string(fm)+"\n\n"+strings.TrimSpace(body)+"\n")
}

func data(dir, name string, v any) {
	b, err := json.Marshal(v)
	check(err)
	write(dir, "data/"+name+".json", string(b))
}

func write(dir, name, s string) {
	p := filepath.Join(dir, filepath.FromSlash(name))
	check(os.MkdirAll(filepath.Dir(p), 0o755))
	check(os.WriteFile(p, []byte(s), 0o644))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "hugosite:", err)
		os.Exit(1)
	}
}
