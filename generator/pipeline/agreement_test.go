package pipeline_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/packtest"
)

// TestOutputsAgree builds packs of several kinds and sizes and reads every
// output back — rolepack.json, the workbook's cells, the site's HTML and
// the PDF's and the Word file's text — asserting that they state the same facts: the RACI
// letters of every activity and role, the holders and deputies of every
// role, who is in the competence matrix, the training plan's rows and
// each person's roles. The facts are worked out here from rolepack.json
// (the sources, resolved), not from the view the renderers share, so a
// renderer that printed its own letters, or a view that folded them
// wrongly, both fail.
func TestOutputsAgree(t *testing.T) {
	pdftotext := packtest.NeedTool(t, "pdftotext")
	packs := append(packtest.Packs(t), packtest.Pack{Name: "all-staff", Dir: packtest.Write(t, allStaffPack), AsOf: packtest.PacksAsOf})
	for _, pk := range packs {
		if pk.Name == "stress" {
			continue // its names are built to break layouts, not to be told apart
		}
		t.Run(pk.Name, func(t *testing.T) {
			t.Parallel()
			// What this test reads back: the per-person files are read by
			// generator/pdf's TestPeopleFiles.
			out := buildPack(t, pk, "json", "xlsx", "site", "isms", "pdf", "docx")
			want := factsFromJSON(t, out)
			counted := countsFromCheck(t, pk, want)
			want.overdue, want.overdueCount = counted.named, counted.overdue
			if counted.gaps != len(want.plan) {
				t.Errorf("check: %d gaps in the checklist, the sources have %d (%v)", counted.gaps, len(want.plan), want.plan)
			}
			if pk.Name == "all-staff" && (counted.gaps != 8 || counted.overdue != 7 || !slices.Equal(counted.named, []string{"hal/awareness"})) {
				t.Errorf("all-staff: check counts %d gaps and %d overdue, reports %v one by one; want 8, 7 and [hal/awareness]", counted.gaps, counted.overdue, counted.named)
			}
			agree(t, "workbook", want, factsFromWorkbook(t, out, want))
			agree(t, "site", want, factsFromSite(t, out, want))
			agree(t, "word", want, factsFromWord(t, out, want))
			pdfAgrees(t, pdftotext, out, want)
			countsAgree(t, pdftotext, out, counted)
		})
	}
}

// allStaffPack is the minimal pack with a role held by everyone that asks
// for security awareness, and four employees with no seat: one trained,
// one who started recently (due, not overdue), one overdue since the
// effective date, and one whose booked training is past its date. The
// seated have no record of it: every kind of all-staff gap, in the plan
// and the matrix of every output, counted alike.
var allStaffPack = packtest.Edit(packtest.Edit(packtest.With(packtest.Minimal,
	"-- roles/staff.toml --\nid = \"staff\"\nname = \"All staff\"\ncategory = \"Staff\"\npurpose = \"Works safely.\"\nreports_to = \"ceo\"\nheld_by_everyone = true\n"+
		"responsibilities = [\"Report incidents\"]\n\n[[authority]]\ntext = \"Stop unsafe work\"\n\n[[requirement]]\ncompetence = \"awareness\"\nlevel = 1\n"),
	"competences.toml", "[[record]]\nperson = \"ann\"",
	"[[competence]]\nid = \"awareness\"\nname = \"Security awareness\"\nkind = \"training\"\n\n"+
		"[[record]]\nperson = \"ida\"\ncompetence = \"awareness\"\nlevel = 1\nevidence = \"LMS export row 2\"\ndate = 2026-07-01\n\n"+
		"[[record]]\nperson = \"hal\"\ncompetence = \"awareness\"\nlevel = 1\ndate = 2026-10-01\nstatus = \"planned\"\n\n"+
		"[[record]]\nperson = \"ann\""),
	"people.toml", "company = \"Audit Partners\"",
	"company = \"Audit Partners\"\n\n"+
		"[[person]]\nid = \"finn\"\nname = \"Finn Field\"\njob_title = \"Engineer\"\narea = \"it\"\nline_manager = \"bob\"\nstarted_on = 2026-10-01\n\n"+
		"[[person]]\nid = \"gina\"\nname = \"Gina Green\"\njob_title = \"Analyst\"\narea = \"ops\"\nline_manager = \"dora\"\n\n"+
		"[[person]]\nid = \"hal\"\nname = \"Hal Hill\"\njob_title = \"Clerk\"\narea = \"ops\"\nline_manager = \"dora\"\n\n"+
		"[[person]]\nid = \"ida\"\nname = \"Ida Ivy\"\njob_title = \"Engineer\"\narea = \"it\"\nline_manager = \"bob\"")

// buildPack builds the outputs named of a pack of the set, dated on the
// pack's AsOf, into a temporary directory, and returns it.
func buildPack(t *testing.T, pk packtest.Pack, only ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	asOf := pk.AsOf.Time()
	_, err := pipeline.Build(context.Background(), pipeline.Options{
		Content: pk.Dir, Out: out, Tool: "rolepack test", Only: only,
		Getenv: func(k string) string {
			if k == "SOURCE_DATE_EPOCH" {
				return fmt.Sprint(asOf.Unix())
			}
			return ""
		},
		Now: func() time.Time { return asOf },
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// facts are what every output must state alike. Maps are keyed by ids;
// a missing key and an empty value mean the same.
type facts struct {
	letters  map[[2]string]string // activity id, role id → folded letters
	holders  map[string][]string  // role id → active holder ids, sorted
	deputies map[[2]string]string // role id, holder id → deputy id
	matrix   []string             // person ids of the competence matrix, in order
	seated   []string             // person ids of those with a seat: one acknowledgement sheet each
	plan     []string             // "person id/competence id" per training-plan row
	overdue  []string             // the same, of the rows past their due date: at least these, in all overdueCount
	// overdueCount is how many training-plan rows are past their due
	// date, as rolepack check counts them (0: not compared).
	overdueCount int
	roles        map[string][]string // person id → ids of the roles they hold, sorted

	// names for reading outputs that show names, not ids
	roleName, personName map[string]string
	roleOrder            []string
	activityName         map[string]string
	competenceName       map[string]string
}

type export struct {
	People []struct {
		ID, Name, Status string
	} `json:"people"`
	Roles []struct {
		ID, Name    string
		Everyone    bool `json:"held_by_everyone"`
		Assignments []struct {
			Person, Deputy string
		} `json:"assignments"`
		Requirements []struct {
			Competence string
			Level      int
		} `json:"competence_requirements"`
	} `json:"roles"`
	Records []struct {
		Person, Competence string
		Level              int
		Status             string // "planned" training holds no level
	} `json:"competence_records"`
	Activities []struct {
		ID, Name string
		Roles    map[string][]string `json:"roles"`
	} `json:"activities"`
	Competences []struct{ ID, Name string } `json:"competences"`
	ReviewTeam  *struct {
		Chair   string
		Members []struct{ Person, Deputy string } `json:"members"`
	} `json:"review_team"`
}

func factsFromJSON(t *testing.T, out string) facts {
	data, err := os.ReadFile(filepath.Join(out, "rolepack.json"))
	if err != nil {
		t.Fatal(err)
	}
	var e export
	if err := json.Unmarshal(data, &e); err != nil {
		t.Fatal(err)
	}
	f := facts{
		letters: map[[2]string]string{}, holders: map[string][]string{}, deputies: map[[2]string]string{},
		roles: map[string][]string{}, roleName: map[string]string{}, personName: map[string]string{},
		activityName: map[string]string{}, competenceName: map[string]string{},
	}
	active := map[string]bool{}
	for _, p := range e.People {
		f.personName[p.ID] = p.Name
		active[p.ID] = p.Status == "active"
	}
	for _, c := range e.Competences {
		f.competenceName[c.ID] = c.Name
	}
	for _, r := range e.Roles {
		f.roleName[r.ID] = r.Name
		f.roleOrder = append(f.roleOrder, r.ID)
		for _, a := range r.Assignments {
			if !active[a.Person] {
				continue
			}
			f.holders[r.ID] = append(f.holders[r.ID], a.Person)
			f.roles[a.Person] = append(f.roles[a.Person], r.ID)
			f.deputies[[2]string{r.ID, a.Person}] = a.Deputy
		}
		slices.Sort(f.holders[r.ID])
	}
	for k := range f.roles {
		slices.Sort(f.roles[k])
	}
	for _, a := range e.Activities {
		f.activityName[a.ID] = a.Name
		for _, l := range []string{"R", "A", "S", "C", "I"} {
			for _, r := range a.Roles[l] {
				k := [2]string{a.ID, r}
				if !strings.Contains(f.letters[k], l) {
					f.letters[k] += l
				}
			}
		}
	}
	// Who is in the competence matrix: active people with a seat. The order
	// is taken from the workbook and compared across outputs.
	seated := map[string]bool{}
	for _, r := range e.Roles {
		for _, a := range r.Assignments {
			if active[a.Person] {
				seated[a.Person] = true
			}
			if a.Deputy != "" && active[a.Deputy] {
				seated[a.Deputy] = true
			}
		}
	}
	if e.ReviewTeam != nil {
		for _, m := range e.ReviewTeam.Members {
			seated[m.Person] = seated[m.Person] || active[m.Person]
			if m.Deputy != "" {
				seated[m.Deputy] = seated[m.Deputy] || active[m.Deputy]
			}
		}
		seated[e.ReviewTeam.Chair] = seated[e.ReviewTeam.Chair] || active[e.ReviewTeam.Chair]
	}
	for id, ok := range seated {
		if ok {
			f.seated = append(f.seated, id)
		}
	}
	slices.Sort(f.seated)
	// The competence matrix: the seated, and every active person when a
	// role held by everyone asks for a competence.
	everyoneAsks := false
	for _, r := range e.Roles {
		everyoneAsks = everyoneAsks || r.Everyone && len(r.Requirements) > 0
	}
	for _, p := range e.People {
		if active[p.ID] && (seated[p.ID] || everyoneAsks) {
			f.matrix = append(f.matrix, p.ID)
		}
	}
	slices.Sort(f.matrix) // a set here; the outputs' order is compared with each other

	// The training plan: each tracked person's gaps against the roles they
	// hold and the roles held by everyone.
	held := map[[2]string]int{}
	for _, rec := range e.Records {
		if rec.Status == "planned" {
			continue
		}
		k := [2]string{rec.Person, rec.Competence}
		held[k] = max(held[k], rec.Level)
	}
	for _, p := range f.matrix {
		required := map[string]int{}
		for _, r := range e.Roles {
			if !r.Everyone && !slices.Contains(f.roles[p], r.ID) {
				continue
			}
			for _, q := range r.Requirements {
				required[q.Competence] = max(required[q.Competence], q.Level)
			}
		}
		for c, lvl := range required {
			if held[[2]string{p, c}] < lvl {
				f.plan = append(f.plan, p+"/"+c)
			}
		}
	}
	slices.Sort(f.plan)
	return f
}

// agree compares the facts an output states with the sources'.
func agree(t *testing.T, output string, want, got facts) {
	t.Helper()
	for k := range union(want.letters, got.letters) {
		if got.letters != nil && want.letters[k] != got.letters[k] {
			t.Errorf("%s: %s × %s: letters %q, the sources say %q", output, k[0], k[1], got.letters[k], want.letters[k])
		}
	}
	for _, r := range want.roleOrder {
		if !slices.Equal(want.holders[r], got.holders[r]) {
			t.Errorf("%s: role %s: holders %v, the sources say %v", output, r, got.holders[r], want.holders[r])
		}
	}
	for k, d := range want.deputies {
		if got.deputies != nil && got.deputies[k] != d {
			t.Errorf("%s: role %s, holder %s: deputy %q, the sources say %q", output, k[0], k[1], got.deputies[k], d)
		}
	}
	if got.matrix != nil && !slices.Equal(sortedCopy(got.matrix), want.matrix) {
		t.Errorf("%s: competence matrix people %v, want %v", output, got.matrix, want.matrix)
	}
	if got.plan != nil && !slices.Equal(sortedCopy(got.plan), want.plan) {
		t.Errorf("%s: training plan rows %v, want %v", output, got.plan, want.plan)
	}
	if got.overdue != nil {
		for _, o := range want.overdue {
			if !slices.Contains(got.overdue, o) {
				t.Errorf("%s: training plan row %s is not marked overdue; rolepack check reports it", output, o)
			}
		}
		if want.overdueCount != len(got.overdue) {
			t.Errorf("%s: %d overdue training plan rows %v, rolepack check counts %d", output, len(got.overdue), got.overdue, want.overdueCount)
		}
	}
	if got.roles != nil {
		for _, p := range slices.Sorted(maps.Keys(union(want.roles, got.roles))) {
			if !slices.Equal(want.roles[p], got.roles[p]) {
				t.Errorf("%s: person %s holds %v, the sources say %v", output, p, got.roles[p], want.roles[p])
			}
		}
	}
}

func union[K comparable, V any](a, b map[K]V) map[K]bool {
	u := map[K]bool{}
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

// byName inverts a name map; a name given twice maps to "" (ambiguous).
func byName(m map[string]string) map[string]string {
	out := map[string]string{}
	for id, n := range m {
		if _, dup := out[n]; dup {
			out[n] = ""
			continue
		}
		out[n] = id
	}
	return out
}

func factsFromWorkbook(t *testing.T, out string, ref facts) facts {
	f, err := excelize.OpenFile(filepath.Join(out, view.WorkbookFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := facts{letters: map[[2]string]string{}, holders: map[string][]string{}, deputies: map[[2]string]string{}}
	roleID, personID, actID, compID := byName(ref.roleName), byName(ref.personName), byName(ref.activityName), byName(ref.competenceName)

	rows, err := f.GetRows(xlsx.SheetRACI)
	if err != nil {
		t.Fatal(err)
	}
	const firstRole, activityCol = 4, 2 // zero-based columns E and C
	header := rows[0]
	for _, row := range rows[1:] {
		if len(row) <= activityCol {
			continue
		}
		a := actID[row[activityCol]]
		if a == "" {
			continue // an activity name used twice cannot be told apart by name
		}
		for c := firstRole; c < len(row) && c < len(header); c++ {
			if row[c] != "" {
				got.letters[[2]string{a, roleID[header[c]]}] = row[c]
			}
		}
	}

	rows, err = f.GetRows(xlsx.SheetRegister)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		if len(row) < 7 || row[4] != "active" {
			continue
		}
		r, p := roleID[row[0]], personID[row[2]]
		got.holders[r] = append(got.holders[r], p)
		got.deputies[[2]string{r, p}] = personID[strings.TrimSpace(row[6])]
	}
	for k := range got.holders {
		slices.Sort(got.holders[k])
	}

	rows, err = f.GetRows(xlsx.SheetCompetence)
	if err != nil {
		t.Fatal(err)
	}
	got.matrix = []string{}
	for _, row := range rows[2:] {
		if len(row) > 0 && row[0] != "" {
			got.matrix = append(got.matrix, personID[row[0]])
		}
	}
	rows, err = f.GetRows(xlsx.SheetTraining)
	if err != nil {
		t.Fatal(err)
	}
	got.plan, got.overdue = []string{}, []string{}
	overdue := messages.English().Text("training.overdue")
	for _, row := range rows[1:] {
		if len(row) >= 3 && row[0] != "" {
			got.plan = append(got.plan, personID[row[0]]+"/"+compID[row[2]])
			if row[len(row)-1] == overdue { // the Status column
				got.overdue = append(got.overdue, personID[row[0]]+"/"+compID[row[2]])
			}
		}
	}
	return got
}

// siteDoc parses one page of the built staff site.
func siteDoc(t *testing.T, out, page string) *html.Node { return editionDoc(t, out, site.Dir, page) }

// ismsDoc parses one page of the built ISMS edition, which alone shows
// people's competence and the training plan.
func ismsDoc(t *testing.T, out, page string) *html.Node {
	return editionDoc(t, out, site.ISMSDir, page)
}

func editionDoc(t *testing.T, out, dir, page string) *html.Node {
	data, err := os.ReadFile(filepath.Join(out, dir, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func element(tag string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == tag }
}

func text(n *html.Node) string {
	var b strings.Builder
	for _, t := range find(n, func(n *html.Node) bool { return n.Type == html.TextNode }) {
		b.WriteString(t.Data)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// linkID returns the id a link points at under dir ("roles/x.html" → x).
func linkID(n *html.Node, dir string) string {
	href := attr(n, "href")
	i := strings.Index(href, dir+"/")
	if i < 0 || !strings.HasSuffix(href, ".html") {
		return ""
	}
	return strings.TrimSuffix(href[i+len(dir)+1:], ".html")
}

func factsFromSite(t *testing.T, out string, ref facts) facts {
	got := facts{letters: map[[2]string]string{}, holders: map[string][]string{}, deputies: map[[2]string]string{}, roles: map[string][]string{}}

	// RACI: the grid's columns are the role links of its header; the
	// listing names the roles of each letter.
	raci := siteDoc(t, out, "raci.html")
	tables := find(raci, func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "id") == "raci-table" })
	if len(tables) != 1 {
		t.Fatalf("raci.html has %d RACI tables", len(tables))
	}
	var columns []string // role id per cell index of a row, "" for other cells
	for _, th := range find(find(tables[0], element("thead"))[0], element("th")) {
		id := ""
		for _, a := range find(th, element("a")) {
			id = linkID(a, "roles")
		}
		columns = append(columns, id)
	}
	for _, tr := range find(find(tables[0], element("tbody"))[0], element("tr")) {
		a := attr(tr, "id")
		var cells []*html.Node
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
				cells = append(cells, c)
			}
		}
		for i, c := range cells {
			if i < len(columns) && columns[i] != "" {
				if l := text(c); l != "" {
					got.letters[[2]string{a, columns[i]}] = l
				}
			}
		}
		for _, dl := range find(tr, element("dl")) {
			letter := ""
			for c := dl.FirstChild; c != nil; c = c.NextSibling {
				switch {
				case c.Type == html.ElementNode && c.Data == "dt":
					letter = strings.Fields(text(c))[0]
				case c.Type == html.ElementNode && c.Data == "dd":
					for _, link := range find(c, element("a")) {
						got.letters[[2]string{a, linkID(link, "roles")}] += letter
					}
				}
			}
		}
	}

	// Holders and deputies: the role pages' holder tables (former holders
	// are not links).
	for _, r := range ref.roleOrder {
		doc := siteDoc(t, out, "roles/"+r+".html")
		for _, sec := range find(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "aria-labelledby") == "holders" }) {
			for _, tr := range find(sec, element("tr")) {
				tds := find(tr, element("td"))
				if len(tds) < 4 {
					continue
				}
				holder := ""
				for _, a := range find(tds[0], element("a")) {
					holder = linkID(a, "people")
				}
				if holder == "" {
					continue
				}
				got.holders[r] = append(got.holders[r], holder)
				deputy := ""
				for _, a := range find(tds[3], element("a")) {
					deputy = linkID(a, "people")
				}
				if deputy == "" && text(tds[3]) != "" {
					deputy = byName(ref.personName)[strings.TrimSuffix(text(tds[3]), " (left)")]
				}
				got.deputies[[2]string{r, holder}] = deputy
			}
		}
		slices.Sort(got.holders[r])
	}

	// The competence matrix: the people linked from its rows' headers.
	comp := ismsDoc(t, out, "competence.html")
	got.matrix = []string{}
	for _, table := range find(comp, element("table"))[:1] {
		for _, th := range find(table, func(n *html.Node) bool {
			return n.Type == html.ElementNode && n.Data == "th" && attr(n, "scope") == "row"
		}) {
			for _, a := range find(th, element("a")) {
				got.matrix = append(got.matrix, linkID(a, "people"))
			}
		}
	}

	// The training plan: the second table of the page, person and
	// competence of each row.
	got.plan, got.overdue = []string{}, []string{}
	compID := byName(ref.competenceName)
	if tables := find(comp, element("table")); len(tables) > 1 {
		for _, tr := range find(find(tables[1], element("tbody"))[0], element("tr")) {
			tds := find(tr, element("td"))
			if len(tds) < 3 {
				continue
			}
			person := ""
			for _, a := range find(tds[0], element("a")) {
				person = linkID(a, "people")
			}
			got.plan = append(got.plan, person+"/"+compID[text(tds[2])])
			if len(find(tr, func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "class") == "st-late" })) > 0 {
				got.overdue = append(got.overdue, person+"/"+compID[text(tds[2])])
			}
		}
	}

	// Each person's roles: the links of the "Roles" section's first list.
	entries, err := os.ReadDir(filepath.Join(out, "site", "people"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		p := strings.TrimSuffix(e.Name(), ".html")
		doc := siteDoc(t, out, "people/"+e.Name())
		for _, sec := range find(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "aria-labelledby") == "roles" }) {
			for c := sec.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.Data == "ul" {
					for _, li := range find(c, element("li")) {
						links := find(li, element("a"))
						if len(links) > 0 {
							if id := linkID(links[0], "roles"); id != "" {
								got.roles[p] = append(got.roles[p], id)
							}
						}
					}
					break // the first list holds the roles held
				}
			}
		}
		slices.Sort(got.roles[p])
	}
	return got
}

// pdfAgrees checks what the PDFs state in words: every active holder's name
// in the document, and one acknowledgement sheet per seated person.
func pdfAgrees(t *testing.T, pdftotext, out string, want facts) {
	read := func(name string) string {
		b, err := exec.Command(pdftotext, "-enc", "UTF-8", filepath.Join(out, name), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", name, err)
		}
		return packtest.StripMarks(strings.Join(strings.Fields(string(b)), " "))
	}
	doc, sheets := read("roles-and-responsibilities.pdf"), read("acknowledgement-sheets.pdf")
	for _, r := range want.roleOrder {
		for _, h := range want.holders[r] {
			if !packtest.PDFHas(doc, want.personName[h]) {
				t.Errorf("pdf: holder %s of %s is not named in the document", h, r)
			}
		}
	}
	for _, p := range want.seated {
		if !packtest.PDFHas(sheets, want.personName[p]) {
			t.Errorf("pdf: %s has a seat but no acknowledgement sheet", p)
		}
	}
}

// checkCounts are the training plan's numbers as rolepack check states
// them in the clause 5.3 checklist, and the words the checklist prints
// them in.
type checkCounts struct {
	gaps, overdue int
	named         []string // "person id/competence id" of each RP-COMP-02, sorted
	// gapsText and overdueText are the checklist's evidence notes in the
	// pack's language ("" when there is no such note).
	gapsText, overdueText string
}

// countsFromCheck is what rolepack check, as of the pack's date, counts:
// the gaps and overdue rows of its checklist's competence item, and the
// rows it reports one by one as overdue (RP-COMP-02; overdue gaps against
// a role held by everyone are counted in RP-COMP-03 instead).
func countsFromCheck(t *testing.T, pk packtest.Pack, ref facts) checkCounts {
	t.Helper()
	p, err := model.Load(pk.Dir)
	if err != nil {
		t.Fatal(err)
	}
	words := messages.Builtin(cmp.Or(p.TextLanguage, p.Language))
	personID, compID := byName(ref.personName), byName(ref.competenceName)
	out := checkCounts{named: []string{}}
	rep := check.Run(p, pk.AsOf)
	for _, f := range rep.Findings {
		if f.Rule != "RP-COMP-02" {
			continue
		}
		args := map[string]string{}
		for i := 0; i+1 < len(f.MessageText.Args); i += 2 {
			args[fmt.Sprint(f.MessageText.Args[i])] = fmt.Sprint(f.MessageText.Args[i+1])
		}
		out.named = append(out.named, personID[args["person"]]+"/"+compID[args["competence"]])
	}
	slices.Sort(out.named)
	for _, it := range rep.Checklist {
		if it.ID != check.ItemCompetence {
			continue
		}
		for _, n := range it.Notes {
			switch n.Key {
			case "finding.evidence.competence":
				for i := 0; i+1 < len(n.Args); i += 2 {
					if g, ok := n.Args[i+1].(check.Text); ok && n.Args[i] == "gaps" {
						out.gaps, out.gapsText = g.Count, g.In(words)
					}
				}
			case "finding.evidence.overdue":
				out.overdue, out.overdueText = n.Count, n.In(words)
			}
		}
	}
	return out
}

// countsAgree checks that the controlled PDF and the Word file print the
// checklist's counts of gaps and overdue rows as rolepack check counts
// them.
func countsAgree(t *testing.T, pdftotext, out string, c checkCounts) {
	b, err := exec.Command(pdftotext, "-enc", "UTF-8", filepath.Join(out, "roles-and-responsibilities.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pdf := packtest.StripMarks(strings.Join(strings.Fields(string(b)), " "))
	var word strings.Builder
	for _, blk := range wordBlocks(t, filepath.Join(out, view.WordFile)) {
		word.WriteString(blk.text + " ")
		for _, r := range blk.rows {
			word.WriteString(strings.Join(r, " ") + " ")
		}
	}
	wordText := strings.Join(strings.Fields(word.String()), " ")
	for _, s := range []string{c.gapsText, c.overdueText} {
		if s == "" {
			continue
		}
		if !packtest.PDFHas(pdf, s) {
			t.Errorf("pdf: the checklist does not say %q", s)
		}
		if !strings.Contains(wordText, s) {
			t.Errorf("word: the checklist does not say %q", s)
		}
	}
}
