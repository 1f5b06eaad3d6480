package xlsx_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/synth"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/packtest"
)

// The workbook states what the view states: these tests read the file back
// and compare it with the view it was rendered from.

// viewPacks are the example pack and a small synthetic one, in which many
// people have no seat.
func viewPacks(t *testing.T) map[string]*view.View {
	t.Helper()
	small := synthPack(t, synth.Size{Roles: 20, People: 120, Activities: 40, Competences: 12}, 6)
	views := map[string]*view.View{
		"example": view.New(examplePack(t), testStamp(), &check.Report{}),
		"synth":   view.New(small, testStamp(), check.Run(small, model.NewDate(2026, 11, 24))),
	}
	if v := views["synth"]; len(v.Seated) == len(v.People) || len(v.Competence.Plan) == 0 {
		t.Fatalf("the synthetic pack should have people without a seat (%d of %d seated) and gaps (%d)",
			len(v.Seated), len(v.People), len(v.Competence.Plan))
	}
	return views
}

// column returns the values of column c from row first down to the last
// row of the sheet.
func column(t *testing.T, f *excelize.File, sheet string, c, first int) []string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows[min(first-1, len(rows)):] {
		v := ""
		if c-1 < len(r) {
			v = r[c-1]
		}
		out = append(out, v)
	}
	return out
}

// The competence matrix lists exactly the view's rows, in order, with the
// view's levels and gap counts; the training plan lists exactly the view's
// plan, in order.
func TestMatrixAndPlanAreTheView(t *testing.T) {
	for name, v := range viewPacks(t) {
		t.Run(name, func(t *testing.T) {
			f, _ := renderView(t, v)
			var want []string
			for _, m := range v.Competence.Rows {
				want = append(want, m.Person.Name)
			}
			if got := column(t, f, xlsx.SheetCompetence, 1, 3); !slices.Equal(got, want) {
				t.Errorf("competence matrix people\n got %q\nwant %q", got, want)
			}
			for i, m := range v.Competence.Rows {
				r := 3 + i
				if got, want := cell(t, f, xlsx.SheetCompetence, 4, r), strings.Join(m.Person.SeatNames(), "; "); got != want {
					t.Errorf("%s: seats %q, want the view's %q", m.Person.ID, got, want)
				}
				if got := cell(t, f, xlsx.SheetCompetence, 5, r); got != strconv.Itoa(m.Gaps) {
					t.Errorf("%s: gap count %q, want the view's %d", m.Person.ID, got, m.Gaps)
				}
				for j, c := range m.Cells {
					held, req := "", ""
					if c.Record != nil {
						held = strconv.Itoa(c.Held)
					}
					if c.Required > 0 {
						req = strconv.Itoa(c.Required)
					}
					if got := cell(t, f, xlsx.SheetCompetence, 6+2*j, r); got != held {
						t.Errorf("%s × %s: held %q, want %q", m.Person.ID, v.Competence.Competences[j].ID, got, held)
					}
					if got := cell(t, f, xlsx.SheetCompetence, 7+2*j, r); got != req {
						t.Errorf("%s × %s: required %q, want %q", m.Person.ID, v.Competence.Competences[j].ID, got, req)
					}
				}
			}

			want = want[:0]
			for _, g := range v.Competence.Plan {
				want = append(want, g.Person.Name+"|"+g.Competence.Name+"|"+v.Pack.LevelName(g.Required))
			}
			rows, _ := f.GetRows(xlsx.SheetTraining)
			var got []string
			for _, r := range rows[1:] {
				if len(r) >= 4 && r[0] != "" {
					got = append(got, r[0]+"|"+r[2]+"|"+r[3])
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("training plan\n got %q\nwant %q", got, want)
			}
		})
	}
}

// Every RACI cell is the view's folded cell, and every value the view
// gives is one the cell's validation accepts.
func TestRACICellsAreTheView(t *testing.T) {
	for name, v := range viewPacks(t) {
		t.Run(name, func(t *testing.T) {
			f, _ := renderView(t, v)
			r := 2
			for _, proc := range v.RACI.Processes {
				for _, row := range proc.Rows {
					if got := cell(t, f, xlsx.SheetRACI, 3, r); got != row.Activity.Name {
						t.Fatalf("RACI row %d is %q, want %q", r, got, row.Activity.Name)
					}
					if got, want := cell(t, f, xlsx.SheetRACI, 4, r), xlsx.CheckFlag(row.Cells); got != want {
						t.Errorf("%s: check %q, want %q", row.Activity.ID, got, want)
					}
					for i, c := range row.Cells {
						if c != "" && !slices.Contains(xlsx.RACIValues, c) {
							t.Errorf("%s × %s: the view's %q is not in RACIValues", row.Activity.ID, v.RACI.Roles[i].ID, c)
						}
						if got := cell(t, f, xlsx.SheetRACI, 5+i, r); got != c {
							t.Errorf("%s × %s: cell %q, want the view's %q", row.Activity.ID, v.RACI.Roles[i].ID, got, c)
						}
					}
					r++
				}
			}
			if r-2 != len(v.RACI.Rows) {
				t.Errorf("%d RACI rows written, the view has %d", r-2, len(v.RACI.Rows))
			}
		})
	}
}

// A role named twice under one letter is one letter in the workbook, as in
// every other output.
func TestDuplicateLetterIsOneLetter(t *testing.T) {
	p := packtest.Load(t, packtest.Edit(packtest.Minimal, "raci.toml",
		`responsible = ["sysadmin"]`, `responsible = ["sysadmin", "sysadmin"]`))
	patching := activityNamed(p, "Patch servers")
	if patching == nil || len(patching.Roles[model.Responsible]) != 2 {
		t.Fatal("the test pack does not name the role twice")
	}
	f, _ := render(t, p, nil)
	r := 0
	for i := 2; i <= 1+len(p.Activities); i++ {
		if cell(t, f, xlsx.SheetRACI, 3, i) == patching.Name {
			r = i
		}
	}
	if r == 0 {
		t.Fatal("no RACI row for the activity")
	}
	if got := cell(t, f, xlsx.SheetRACI, 4+roleIndex(p, "sysadmin"), r); got != "R" {
		t.Errorf("cell = %q, want R", got)
	}
	if got := cell(t, f, xlsx.SheetRACI, 4, r); got != "OK" {
		t.Errorf("check = %q, want OK", got)
	}
}

// hex normalises a colour as excelize reads it back ("FFD9F0DC") or as the
// palette has it ("#d9f0dc") to "D9F0DC".
func hex(c string) string {
	c = strings.ToUpper(strings.TrimPrefix(c, "#"))
	if len(c) == 8 {
		c = c[2:]
	}
	return c
}

// Each letter's conditional format, and its legend cell, has the view's
// fill and text colour; the rules run in R, A, S, C, I order and each stops
// the rest, so a combined cell takes its first letter's colour, as
// view.CellColour.
func TestLetterColoursAreThePalette(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	f, _ := render(t, p, nil)
	lastCol, _ := excelize.ColumnNumberToName(4 + len(p.Roles))
	cfs, err := f.GetConditionalFormats(xlsx.SheetRACI)
	if err != nil {
		t.Fatal(err)
	}
	rules := cfs["E2:"+lastCol+strconv.Itoa(1+len(p.Activities))]
	if len(rules) != len(model.Letters) {
		t.Fatalf("%d letter rules, want %d", len(rules), len(model.Letters))
	}
	var order []string
	for _, r := range rules {
		letter := ""
		for _, l := range model.Letters {
			if strings.Contains(r.Criteria, `SEARCH("`+l+`"`) {
				letter = l
			}
		}
		order = append(order, letter)
		if !r.StopIfTrue {
			t.Errorf("%s: the rule does not stop the others", letter)
		}
		st, err := f.GetConditionalStyle(*r.Format)
		if err != nil || len(st.Fill.Color) == 0 || st.Font == nil {
			t.Fatalf("%s: format %+v (%v)", letter, st, err)
		}
		want := view.Palette[letter]
		if hex(st.Fill.Color[0]) != hex(want.Fill) || hex(st.Font.Color) != hex(want.Text) {
			t.Errorf("%s: fill %s, text %s; the palette has %s, %s", letter, st.Fill.Color[0], st.Font.Color, want.Fill, want.Text)
		}
	}
	if !slices.Equal(order, model.Letters) {
		t.Errorf("rules in order %q, want %q", order, model.Letters)
	}
	// The first rule that matches a cell is the colour view.CellColour gives.
	for _, cellValue := range []string{"RA", "AS", "SCI", "I"} {
		first := ""
		for _, l := range order {
			if strings.Contains(cellValue, l) {
				first = l
				break
			}
		}
		if c, _ := view.CellColour(cellValue); c != view.Palette[first] {
			t.Errorf("%s: the sheet colours it as %s, the view as %+v", cellValue, first, c)
		}
	}

	// The legend on the document-control sheet.
	rows, _ := f.GetRows(xlsx.SheetDocument)
	seen := 0
	for i, r := range rows {
		if len(r) < 2 || !slices.Contains(model.Letters, r[0]) || r[1] != model.LetterNames[r[0]] {
			continue
		}
		seen++
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		id, _ := f.GetCellStyle(xlsx.SheetDocument, ref)
		st, err := f.GetStyle(id)
		if err != nil || len(st.Fill.Color) == 0 || st.Font == nil {
			t.Fatalf("legend %s: style %+v (%v)", r[0], st, err)
		}
		want := view.Palette[r[0]]
		if hex(st.Fill.Color[0]) != hex(want.Fill) || hex(st.Font.Color) != hex(want.Text) {
			t.Errorf("legend %s: fill %s, text %s; the palette has %s, %s", r[0], st.Fill.Color[0], st.Font.Color, want.Fill, want.Text)
		}
	}
	if seen != len(model.Letters) {
		t.Errorf("legend has %d letters", seen)
	}
}

// The role register lists each role's active holders, then its former
// ones, as the view has them.
func TestRegisterIsTheViewsSeats(t *testing.T) {
	for name, v := range viewPacks(t) {
		t.Run(name, func(t *testing.T) {
			f, _ := renderView(t, v)
			var want []string
			for _, r := range v.Roles {
				if len(r.Seats) == 0 {
					want = append(want, r.Name+"|"+map[bool]string{true: "(everyone)", false: "(no holder)"}[r.HeldByEveryone])
				}
				for _, s := range slices.Concat(r.Seats, r.Former) {
					want = append(want, r.Name+"|"+s.Person.Name)
				}
			}
			rows, _ := f.GetRows(xlsx.SheetRegister)
			var got []string
			for _, r := range rows[1:] {
				got = append(got, r[0]+"|"+r[2])
			}
			if !slices.Equal(got, want) {
				t.Errorf("register\n got %q\nwant %q", got, want)
			}
		})
	}
}

// Findings are listed errors first, as the view orders them, and the
// review team in the view's name order.
func TestFindingsAndReviewTeamInViewOrder(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	rep := &check.Report{Date: model.NewDate(2026, 11, 24), Findings: []check.Finding{
		{Rule: "RP-W", Severity: check.Warning, Message: "first in the report", Pos: model.Pos{File: "a.toml", Line: 1}},
		{Rule: "RP-E", Severity: check.Error, Message: "second in the report", Pos: model.Pos{File: "b.toml", Line: 1}},
	}}
	v := view.New(p, testStamp(), rep)
	f, _ := renderView(t, v)
	rows, _ := f.GetRows(xlsx.SheetAudit)
	var got []string
	for _, r := range rows {
		if len(r) > 1 && strings.HasPrefix(r[0], "RP-") {
			got = append(got, r[0])
		}
	}
	if !slices.Equal(got, []string{"RP-E", "RP-W"}) {
		t.Errorf("findings in order %q, want the error first", got)
	}

	if v.ReviewTeam == nil || len(v.ReviewTeam.Members) < 2 {
		t.Fatal("the minimal pack has no review team of two")
	}
	rows, _ = f.GetRows(xlsx.SheetReview)
	got = got[:0]
	for _, r := range rows {
		if len(r) == 5 && (r[4] == "Yes" || r[4] == "No") {
			got = append(got, r[0])
		}
	}
	var want []string
	for _, m := range v.ReviewTeam.Members {
		want = append(want, m.Person.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("review team members %q, want %q", got, want)
	}
}
