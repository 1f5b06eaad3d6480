package view_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/synth"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// packs returns the packs the view's properties are checked on: the
// example, the minimal pack and synthetic packs of several seeds and sizes.
func packs(t *testing.T) map[string]*model.Pack {
	t.Helper()
	out := map[string]*model.Pack{"minimal": packtest.Load(t, packtest.Minimal)}
	p, err := model.Load("../../content")
	if err != nil {
		t.Fatal(err)
	}
	out["example"] = p
	sizes := map[string]synth.Size{"S1": {Roles: 20, People: 120, Activities: 40, Competences: 12}, "S2": {Roles: 45, People: 300, Activities: 80, Competences: 20}}
	if !testing.Short() {
		sizes["M"] = synth.M
	}
	for name, size := range sizes {
		files, err := synth.Generate(synth.Options{Size: size, Seed: int64(len(name) * 7), AsOf: model.NewDate(2026, 6, 30), Findings: 6})
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		for _, f := range files {
			path := filepath.Join(dir, filepath.FromSlash(f.Path))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		p, err := model.Load(dir)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = p
	}
	return out
}

func TestViewProperties(t *testing.T) {
	for name, p := range packs(t) {
		t.Run(name, func(t *testing.T) {
			rep := check.Run(p, model.NewDate(2026, 6, 30))
			v := view.New(p, stamp.Stamp{}, rep)
			raciFolded(t, v)
			seatsAgree(t, v)
			competencePopulation(t, v)
			for _, width := range []float64{3, 8, 25, 1000} {
				chartParts(t, v, width)
			}
			auditOrder(t, v)
		})
	}
}

// Every cell holds each letter at most once, in R, A, S, C, I order, and
// says the same as the row's listing form.
func raciFolded(t *testing.T, v *view.View) {
	for _, row := range v.RACI.Rows {
		for i, cell := range row.Cells {
			if cell != view.Fold(cell) {
				t.Errorf("%s × %s: cell %q is not folded", row.Activity.ID, v.RACI.Roles[i].ID, cell)
			}
			for _, l := range model.Letters {
				listed := false
				for _, r := range row.Roles(l) {
					listed = listed || r == v.RACI.Roles[i]
				}
				if listed != strings.Contains(cell, l) {
					t.Errorf("%s × %s: cell %q and listing disagree on %s", row.Activity.ID, v.RACI.Roles[i].ID, cell, l)
				}
			}
		}
		for _, part := range row.Parts {
			seen := map[*model.Role]bool{}
			for _, r := range part.Roles {
				if seen[r] {
					t.Errorf("%s: role %s listed twice under %s", row.Activity.ID, r.ID, part.Letter)
				}
				seen[r] = true
			}
		}
	}
	if v.RACI.Grid != (len(v.RACI.Roles) <= view.GridMaxRoles) {
		t.Errorf("grid = %v for %d roles", v.RACI.Grid, len(v.RACI.Roles))
	}
}

// A role's seats and a person's holdings are the same facts seen from
// both ends.
func seatsAgree(t *testing.T, v *view.View) {
	fromRoles := map[[2]string]bool{}
	for _, r := range v.Roles {
		for _, s := range r.Seats {
			if !s.Person.IsActive() {
				t.Errorf("%s: seat of inactive %s", r.ID, s.Person.ID)
			}
			fromRoles[[2]string{r.ID, s.Person.ID}] = true
		}
	}
	fromPeople := map[[2]string]bool{}
	for _, p := range v.People {
		for _, s := range p.Holds {
			fromPeople[[2]string{s.Role.ID, p.ID}] = true
		}
		if p.MustAcknowledge != p.Seated() {
			t.Errorf("%s: must acknowledge %v, seated %v", p.ID, p.MustAcknowledge, p.Seated())
		}
	}
	if len(fromRoles) != len(fromPeople) {
		t.Errorf("%d seats from roles, %d from people", len(fromRoles), len(fromPeople))
	}
	for k := range fromRoles {
		if !fromPeople[k] {
			t.Errorf("seat %v missing from the person", k)
		}
	}
}

// The matrix rows are exactly the seated people, and the training plan
// holds exactly their gaps.
func competencePopulation(t *testing.T, v *view.View) {
	if len(v.Competence.Rows) != len(v.Seated) {
		t.Fatalf("%d matrix rows, %d seated people", len(v.Competence.Rows), len(v.Seated))
	}
	gaps := 0
	for i, row := range v.Competence.Rows {
		if row.Person != v.Seated[i] {
			t.Errorf("row %d is %s, want %s", i, row.Person.ID, v.Seated[i].ID)
		}
		n := 0
		for _, c := range row.Cells {
			if c.Gap != (c.Held < c.Required) {
				t.Errorf("%s: cell gap %v for held %d required %d", row.Person.ID, c.Gap, c.Held, c.Required)
			}
			if c.Gap {
				n++
			}
		}
		if n != row.Gaps || n != len(row.Person.Gaps) {
			t.Errorf("%s: %d gap cells, Gaps %d, %d plan rows", row.Person.ID, n, row.Gaps, len(row.Person.Gaps))
		}
		gaps += n
	}
	if gaps != len(v.Competence.Plan) {
		t.Errorf("%d gaps in the matrix, %d rows in the plan", gaps, len(v.Competence.Plan))
	}
	for _, g := range v.Competence.Plan {
		if pv := v.Person(g.Person); pv == nil || !pv.Seated() {
			t.Errorf("plan row for %s, who has no seat", g.Person.ID)
		}
	}
}

// Every role is drawn exactly once; parts fit their width; boxes on one
// level of a drawing are at least a unit apart; edges join a box to one a
// level below.
func chartParts(t *testing.T, v *view.View, width float64) {
	parts := v.Chart.Layout(width, 4)
	seen := map[string]int{}
	for pi, part := range parts {
		if !part.List && part.Width > width {
			t.Errorf("width %v: part %d is %v wide", width, pi, part.Width)
		}
		byLevel := map[int][]float64{}
		for _, b := range part.Boxes {
			seen[b.Role.ID]++
			if b.Continued != 0 && (b.Continued <= pi || b.Continued >= len(parts) || parts[b.Continued].Under != b.Role) {
				t.Errorf("width %v: box %s continues in part %d", width, b.Role.ID, b.Continued)
			}
			if !part.List {
				for _, x := range byLevel[b.Level] {
					if d := x - b.X; d > -1 && d < 1 {
						t.Errorf("width %v: part %d level %d: boxes at %v and %v overlap", width, pi, b.Level, x, b.X)
					}
				}
				byLevel[b.Level] = append(byLevel[b.Level], b.X)
			}
		}
		for _, e := range part.Edges {
			if part.Boxes[e.To].Level != part.Boxes[e.From].Level+1 || part.Boxes[e.To].Role.ReportsTo != part.Boxes[e.From].Role.Role {
				t.Errorf("width %v: bad edge %v", width, e)
			}
		}
	}
	if len(seen) != len(v.Roles) {
		t.Errorf("width %v: %d roles drawn, want %d", width, len(seen), len(v.Roles))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("width %v: %s drawn %d times", width, id, n)
		}
	}
}

func auditOrder(t *testing.T, v *view.View) {
	warned := false
	for _, f := range v.Audit.Findings {
		if f.Severity == check.Warning {
			warned = true
		} else if warned {
			t.Errorf("error %s after a warning", f.Rule)
		}
	}
	if len(v.Audit.Findings) != len(v.Report.Findings) {
		t.Errorf("%d findings, report has %d", len(v.Audit.Findings), len(v.Report.Findings))
	}
	// The single-points report is the check's, carried as it is.
	a, r := v.Audit.SinglePoints, v.Report.SinglePoints
	if len(a.People) != len(r.People) || len(a.Roles) != len(r.Roles) || len(a.Seats) != len(r.Seats) {
		t.Errorf("single points %+v, report has %+v", a, r)
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"": "", "RR": "R", "AR": "RA", "ICSAR": "RASCI", "XR": "R"} {
		if got := view.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// A role named twice under one letter is one letter in the view (it was
// "RR" in two outputs and "R" in the third).
func TestDuplicateLetterFolded(t *testing.T) {
	p := packtest.Load(t, packtest.Edit(packtest.Minimal, "raci.toml", `responsible = ["sysadmin"]`, `responsible = ["sysadmin", "sysadmin"]`))
	v := view.New(p, stamp.Stamp{}, nil)
	for _, row := range v.RACI.Rows {
		for _, c := range row.Cells {
			if strings.Count(c, "R") > 1 {
				t.Fatalf("%s: cell %q", row.Activity.ID, c)
			}
		}
	}
}

func TestPeopleCollation(t *testing.T) {
	names := []string{"Zoë Ñúñez", "Émile Zola", "Øyvind Berg", "Oskar Ek", "Ελένη Παπά", "Anna Ek", "Олена Коваленко", "anna Ek"}
	var ps []*model.Person
	for i, n := range names {
		ps = append(ps, &model.Person{ID: string(rune('a' + i)), Name: n})
	}
	ps = append(ps, &model.Person{ID: "z", Name: "van der Berg, Anna", SortName: "Berg, Anna van der"})
	model.SortPeople("", ps)
	var got []string
	for _, p := range ps {
		got = append(got, p.Name)
	}
	want := "anna Ek|Anna Ek|van der Berg, Anna|Émile Zola|Oskar Ek|Øyvind Berg|Zoë Ñúñez|Ελένη Παπά|Олена Коваленко"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("order\n got %s\nwant %s", g, want)
	}
}

// A checklist item's findings are those it lists, else the report's
// findings naming it; every output reads them from Audit.Checklist.
func TestChecklistFindings(t *testing.T) {
	a := check.Finding{Rule: "RP-A", Severity: check.Warning, Item: "raci"}
	b := check.Finding{Rule: "RP-B", Severity: check.Error, Item: "raci"}
	c := check.Finding{Rule: "RP-C", Severity: check.Error, Item: "assignment"}
	rep := &check.Report{Findings: []check.Finding{a, b, c}, Checklist: []check.Item{
		{ID: "raci", Title: "One accountable"},
		{ID: "assignment", Title: "Roles are assigned", Findings: []check.Finding{c}},
		{ID: "defined", Title: "Roles are defined"},
	}}
	v := view.New(packtest.Load(t, packtest.Minimal), stamp.Stamp{}, rep)
	var got []string
	for _, it := range v.Audit.Checklist {
		var rules []string
		for _, f := range it.Findings {
			rules = append(rules, f.Rule)
		}
		got = append(got, it.ID+":"+strings.Join(rules, ","))
	}
	// Errors first: the view's reading order.
	if want := "raci:RP-B,RP-A assignment:RP-C defined:"; strings.Join(got, " ") != want {
		t.Errorf("checklist findings %q, want %q", strings.Join(got, " "), want)
	}
	if rep.Checklist[0].Findings != nil {
		t.Error("the view changed the report's checklist")
	}
	if got := v.Audit.ItemTitle("assignment"); got != "Roles are assigned" {
		t.Errorf("ItemTitle(assignment) = %q", got)
	}
	if got := v.Audit.ItemTitle("unknown"); got != "unknown" {
		t.Errorf("ItemTitle(unknown) = %q, want the id", got)
	}
}

// A review-team seat is named by the team's name in the pack, as every
// output states it.
func TestReviewSeatNamesUseTheTeamsName(t *testing.T) {
	p, err := model.Load("../../testdata/packs/second")
	if err != nil {
		t.Fatal(err)
	}
	v := view.New(p, stamp.Stamp{}, nil)
	team := p.ReviewTeam.Name
	if team == "Management Review Team" {
		t.Fatal("the second pack should name its team otherwise")
	}
	chair := v.Person(p.ReviewTeam.Chair)
	if !slices.Contains(chair.SeatNames(), "Chair of the "+team) {
		t.Errorf("the chair's seats %q lack %q", chair.SeatNames(), "Chair of the "+team)
	}
	m := p.ReviewTeam.Members[0]
	for _, s := range v.Person(m.Person).ReviewSeatNames() {
		if !strings.Contains(s, "the "+team) {
			t.Errorf("%q does not name the team %q", s, team)
		}
	}
}

// A seated person's folder holds their brief and one letter per seat,
// under the names the site links to; a second letter of the same name
// gets its own file; an unseated person has no folder.
func TestPersonFiles(t *testing.T) {
	twice := "[[assignment]]\nperson = \"ann\"\nappointed_on = 2025-02-01\nevidence = \"HR-2\"\ndeputy = \"bob\"\n"
	p, err := model.Load(packtest.Write(t, packtest.Edit(packtest.Minimal, "roles/ism.toml", twice, twice+"\n"+twice)))
	if err != nil {
		t.Fatal(err)
	}
	v := view.New(p, stamp.Stamp{}, nil)
	got := map[string][]string{}
	for _, pv := range v.People {
		if pv.Files == nil {
			if pv.MustAcknowledge {
				t.Errorf("%s is seated but has no files", pv.ID)
			}
			continue
		}
		files := []string{pv.Files.Brief}
		for _, l := range pv.Files.Letters {
			files = append(files, l.File+" "+l.Kind+" "+l.Title)
		}
		got[pv.ID] = files
	}
	want := map[string][]string{
		"ann": {"people/ann/brief.pdf",
			"people/ann/appointment-ism.pdf appointment Appointment as Information Security Manager",
			"people/ann/appointment-ism-2.pdf appointment Appointment as Information Security Manager",
			"people/ann/deputy-sysadmin-bob.pdf deputy Appointment as deputy System Administrator"},
		"bob": {"people/bob/brief.pdf",
			"people/bob/appointment-sysadmin.pdf appointment Appointment as System Administrator",
			"people/bob/deputy-ism-ann.pdf deputy Appointment as deputy Information Security Manager",
			"people/bob/deputy-ism-ann-2.pdf deputy Appointment as deputy Information Security Manager"},
	}
	for id, w := range want {
		if !slices.Equal(got[id], w) {
			t.Errorf("%s's files\n%q\nwant\n%q", id, got[id], w)
		}
	}
	for _, pv := range v.Seated {
		if _, ok := got[pv.ID]; !ok {
			t.Errorf("%s is seated but has no files", pv.ID)
		}
	}
}
