package xlsx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/packtest"
)

func testStamp() stamp.Stamp {
	return stamp.Stamp{Version: "1.0", ContentHash: strings.Repeat("ab", 32),
		BuildDate: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), Tool: "rolepack test"}
}

// examplePack loads the example pack in content/; a pack that does not
// load fails the test, so no check that uses it can pass by not running.
func examplePack(t *testing.T) *model.Pack {
	t.Helper()
	p, err := model.Load("../../content")
	if err != nil {
		t.Fatalf("the example pack in content/ does not load: %v", err)
	}
	return p
}

// render renders the view of p and opens the result, as a reader of the
// file would.
func render(t *testing.T, p *model.Pack, rep *check.Report) (*excelize.File, []byte) {
	t.Helper()
	return renderView(t, view.New(p, testStamp(), rep))
}

// renderView renders v and opens the result.
func renderView(t *testing.T, v *view.View) (*excelize.File, []byte) {
	t.Helper()
	b, err := xlsx.Workbook(v)
	if err != nil {
		t.Fatalf("Workbook: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("reading the workbook back: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, b
}

func cell(t *testing.T, f *excelize.File, sheet string, col, row int) string {
	t.Helper()
	ref, _ := excelize.CoordinatesToCellName(col, row)
	v, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, ref, err)
	}
	return v
}

func row(t *testing.T, f *excelize.File, sheet string, r, cols int) []string {
	t.Helper()
	out := make([]string, cols)
	for c := range cols {
		out[c] = cell(t, f, sheet, c+1, r)
	}
	return out
}

// flagFor is what the check column must say for an activity, from the
// model's own lists of roles by letter.
func flagFor(a *model.Activity) string {
	accountable, responsible := distinct(a.Roles[model.Accountable]), distinct(a.Roles[model.Responsible])
	var problems []string
	switch {
	case accountable == 0:
		problems = append(problems, "no A")
	case accountable > 1:
		problems = append(problems, "more than one A")
	}
	if responsible == 0 {
		problems = append(problems, "no R")
	}
	if len(problems) == 0 {
		return "OK"
	}
	return strings.Join(problems, ", ")
}

func distinct(rs []*model.Role) int {
	seen := map[*model.Role]bool{}
	for _, r := range rs {
		seen[r] = true
	}
	return len(seen)
}

func TestSheetsInOrder(t *testing.T) {
	f, _ := render(t, packtest.Load(t, packtest.Minimal), &check.Report{})
	want := []string{"Document control", "Role register", "RACI", "Competence matrix", "Training plan", "Review team", "Audit readiness"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets = %q, want %q", got, want)
	}
	if !slices.Equal(xlsx.Sheets, want) {
		t.Errorf("xlsx.Sheets = %q", xlsx.Sheets)
	}
	if view.WorkbookFile != "raci-and-competence.xlsx" {
		t.Errorf("WorkbookFile = %q", view.WorkbookFile)
	}
}

func TestExampleWorkbookContents(t *testing.T) {
	p := examplePack(t)
	v := view.New(p, testStamp(), &check.Report{})
	f, _ := renderView(t, v)

	// Role register: a header, then one row per seat (active holders, then
	// leavers), after one row saying so for a role without an active holder.
	wantHeader := []string{"Role", "Category", "Holder", "External", "Status", "Left on", "Deputy",
		"Appointed on", "Evidence", "Last review", "Review due"}
	if got := row(t, f, xlsx.SheetRegister, 1, len(wantHeader)); !slices.Equal(got, wantHeader) {
		t.Errorf("register header = %q", got)
	}
	r := 2
	for _, role := range v.Roles {
		due := p.NextReview(role.Role).String()
		if len(role.Seats) == 0 {
			got := row(t, f, xlsx.SheetRegister, r, 11)
			holder := map[bool]string{true: "(everyone)", false: "(no holder)"}[role.HeldByEveryone]
			if got[0] != role.Name || got[2] != holder || got[10] != due {
				t.Errorf("register row %d = %q, want role %q, %s, due %s", r, got, role.Name, holder, due)
			}
			r++
		}
		for _, seat := range slices.Concat(role.Seats, role.Former) {
			a := seat.Assignment
			got := row(t, f, xlsx.SheetRegister, r, 11)
			want := []string{role.Name, role.Category, a.Person.Name}
			if !slices.Equal(got[:3], want) || got[4] != a.Person.Status || got[7] != a.AppointedOn.String() ||
				got[8] != a.Evidence || got[10] != due {
				t.Errorf("register row %d = %q, want %q, status %s, appointed %s, evidence %q, due %s",
					r, got, want, a.Person.Status, a.AppointedOn, a.Evidence, due)
			}
			r++
		}
	}
	if got := cell(t, f, xlsx.SheetRegister, 1, r); got != "" {
		t.Errorf("register has an extra row %d: %q", r, got)
	}

	// RACI: every letter of every activity, and the check column.
	raciHeader := row(t, f, xlsx.SheetRACI, 1, 4+len(p.Roles))
	if !slices.Equal(raciHeader[:4], []string{"Process", "Clause", "Activity", "Check"}) {
		t.Errorf("RACI header = %q", raciHeader[:4])
	}
	for i, role := range p.Roles {
		if raciHeader[4+i] != role.Name {
			t.Errorf("RACI column %d = %q, want role %q", 5+i, raciHeader[4+i], role.Name)
		}
	}
	r = 2
	for _, proc := range p.Processes() {
		for _, a := range proc.Activities {
			got := row(t, f, xlsx.SheetRACI, r, 4+len(p.Roles))
			if got[0] != a.Process || got[1] != a.Clause || got[2] != a.Name || got[3] != flagFor(a) {
				t.Errorf("RACI row %d = %q, want %s / %s / %s / %s", r, got[:4], a.Process, a.Clause, a.Name, flagFor(a))
			}
			for i, role := range p.Roles {
				if got[4+i] != a.Letter(role) {
					t.Errorf("RACI %s × %s = %q, want %q", a.ID, role.ID, got[4+i], a.Letter(role))
				}
			}
			r++
		}
	}
	if r-2 != len(p.Activities) {
		t.Errorf("RACI has %d activity rows, want %d", r-2, len(p.Activities))
	}

	// Competence matrix: held and required levels per person.
	col := map[string]int{}
	for i, c := range p.Competences {
		col[c.ID] = 6 + 2*i
		if got := cell(t, f, xlsx.SheetCompetence, 6+2*i, 1); got != c.Name {
			t.Errorf("competence column %d = %q, want %q", 6+2*i, got, c.Name)
		}
		if a, b := cell(t, f, xlsx.SheetCompetence, 6+2*i, 2), cell(t, f, xlsx.SheetCompetence, 7+2*i, 2); a != "held" || b != "req." {
			t.Errorf("competence sub-header = %q, %q", a, b)
		}
	}
	for i, m := range v.Competence.Rows {
		r, person := 3+i, m.Person.Person
		if got := cell(t, f, xlsx.SheetCompetence, 1, r); got != person.Name {
			t.Fatalf("competence row %d = %q, want %q", r, got, person.Name)
		}
		gaps := 0
		for _, n := range p.Needs(person) {
			c := col[n.Competence.ID]
			if got := cell(t, f, xlsx.SheetCompetence, c+1, r); got != strconv.Itoa(n.Required) {
				t.Errorf("%s requires %s at %q, want %d", person.Name, n.Competence.ID, got, n.Required)
			}
			held := ""
			if n.Record != nil {
				held = strconv.Itoa(n.Held)
			}
			if got := cell(t, f, xlsx.SheetCompetence, c, r); got != held {
				t.Errorf("%s holds %s at %q, want %q", person.Name, n.Competence.ID, got, held)
			}
			if n.Gap() {
				gaps++
			}
		}
		if got := cell(t, f, xlsx.SheetCompetence, 5, r); got != strconv.Itoa(gaps) {
			t.Errorf("%s: gap count %q, want %d", person.Name, got, gaps)
		}
	}

	// Training plan: one row per gap.
	for i, item := range p.TrainingPlan() {
		got := row(t, f, xlsx.SheetTraining, 2+i, 6)
		want := []string{item.Person.Name, item.Role.Name, item.Competence.Name,
			p.LevelName(item.Required), p.LevelName(item.Held), v.TrainingAction(item)}
		if !slices.Equal(got, want) {
			t.Errorf("training row %d = %q, want %q", 2+i, got, want)
		}
	}

	// Document control: the id, version and stamp are there.
	rows, err := f.GetRows(xlsx.SheetDocument)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, r := range rows {
		text.WriteString(strings.Join(r, "|") + "\n")
	}
	for _, want := range []string{"Document ID|" + p.Document.ID, "Version|" + p.Document.Version,
		"Stamp|" + testStamp().String(), "Content hash (SHA-256)|" + strings.Repeat("ab", 32),
		"Next review|" + p.Document.NextReview.String()} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("document control lacks %q", want)
		}
	}
	for _, rev := range p.Revisions {
		if !strings.Contains(text.String(), rev.Version+"|"+rev.Date.String()+"|"+rev.Author+"|"+rev.Summary) {
			t.Errorf("revision %s missing", rev.Version)
		}
	}

	// Review team: every member with area and deputy.
	rows, _ = f.GetRows(xlsx.SheetReview)
	text.Reset()
	for _, r := range rows {
		text.WriteString(strings.Join(r, "|") + "\n")
	}
	for _, m := range p.ReviewTeam.Members {
		senior := map[bool]string{true: "Yes", false: "No"}[m.Senior]
		want := m.Person.Name + "|" + m.Person.JobTitle + "|" + m.Area.Name + "|" + m.Deputy.Name + "|" + senior
		if !strings.Contains(text.String(), want) {
			t.Errorf("review team lacks %q", want)
		}
	}
	if !strings.Contains(text.String(), "Meetings held|"+strconv.Itoa(len(p.ReviewTeam.Meetings))) {
		t.Errorf("review team: meetings held count missing")
	}
}

func TestRACIValidationFormatsAndPanes(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	f, _ := render(t, p, &check.Report{})
	lastCol, _ := excelize.ColumnNumberToName(4 + len(p.Roles))
	grid := "E2:" + lastCol + strconv.Itoa(1+len(p.Activities))

	dvs, err := f.GetDataValidations(xlsx.SheetRACI)
	if err != nil || len(dvs) != 1 {
		t.Fatalf("RACI data validations = %d (%v), want 1", len(dvs), err)
	}
	dv := dvs[0]
	if dv.Sqref != grid || dv.Type != "list" || !dv.ShowErrorMessage {
		t.Errorf("validation = %+v, want a list on %s that rejects other values", dv, grid)
	}
	list := strings.Split(strings.Trim(dv.Formula1, `"`), ",")
	for _, v := range []string{"R", "A", "S", "C", "I", "RA", "RASCI"} {
		if !slices.Contains(list, v) {
			t.Errorf("validation list %q lacks %q", list, v)
		}
	}
	if len(list) != 31 {
		t.Errorf("validation list has %d values, want the 31 combinations", len(list))
	}

	cfs, err := f.GetConditionalFormats(xlsx.SheetRACI)
	if err != nil {
		t.Fatal(err)
	}
	rules := cfs[grid]
	if len(rules) != 5 {
		t.Fatalf("RACI grid has %d conditional formats, want one per letter: %+v", len(rules), cfs)
	}
	formats := map[int]bool{}
	for _, l := range []string{"A", "R", "S", "C", "I"} {
		found := false
		for _, r := range rules {
			if strings.Contains(r.Criteria, `SEARCH("`+l+`",E2)`) {
				found = true
				formats[*r.Format] = true
			}
		}
		if !found {
			t.Errorf("no conditional format for %s", l)
		}
	}
	if len(formats) != 5 {
		t.Errorf("letters share colours: %d distinct formats", len(formats))
	}
	if len(cfs["D2:D"+strconv.Itoa(1+len(p.Activities))]) == 0 {
		t.Errorf("check column has no conditional format: %+v", cfs)
	}

	for sheet, want := range map[string][2]int{
		xlsx.SheetRACI: {4, 1}, xlsx.SheetCompetence: {5, 2}, xlsx.SheetRegister: {1, 1}, xlsx.SheetTraining: {0, 1},
	} {
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.XSplit != want[0] || panes.YSplit != want[1] {
			t.Errorf("%s panes = %+v, want frozen at %d columns, %d rows", sheet, panes, want[0], want[1])
		}
	}
	rows, _ := f.GetRows(xlsx.SheetRACI)
	if h, _ := f.GetRowHeight(xlsx.SheetRACI, 1); h < 48 {
		t.Errorf("RACI header row is %v points: rotated names would be cut", h)
	}
	style, _ := f.GetCellStyle(xlsx.SheetRACI, "E1")
	if s, _ := f.GetStyle(style); s.Alignment == nil || s.Alignment.TextRotation != 90 {
		t.Errorf("role headers are not rotated: %+v", s.Alignment)
	}
	if len(rows) != 1+len(p.Activities) {
		t.Errorf("RACI has %d rows", len(rows))
	}
}

// A pack with an activity that has two Accountables, one that has none, one
// whose role is both R and A, and one without a Responsible.
const flawedRACI = `-- raci.toml --
[[activity]]
id = "two-a"
name = "Two accountables"
process = "Risk management"
clause = "6.1.2"
responsible = "ism"
accountable = ["ceo", "ism"]

[[activity]]
id = "no-a"
name = "No accountable"
process = "Risk management"
responsible = ["sysadmin"]

[[activity]]
id = "both"
name = "Responsible and accountable"
process = "Operations"
responsible = "ism"
accountable = "ism"
informed = ["sysadmin"]

[[activity]]
id = "no-r"
name = "No responsible"
process = "Operations"
accountable = "ceo"
consulted = ["auditor"]

[[activity]]
id = "fine"
name = "Fine"
process = "Risk management"
responsible = "auditor"
accountable = "ceo"
`

func TestCheckColumnFlags(t *testing.T) {
	p := packtest.Load(t, packtest.With(packtest.Minimal, flawedRACI))
	f, _ := render(t, p, &check.Report{})
	lastCol, _ := excelize.ColumnNumberToName(4 + len(p.Roles))

	want := map[string]string{
		"Two accountables":            "more than one A",
		"No accountable":              "no A",
		"Responsible and accountable": "OK",
		"No responsible":              "no R",
		"Fine":                        "OK",
	}
	seen := 0
	for r := 2; r <= 1+len(p.Activities); r++ {
		name := cell(t, f, xlsx.SheetRACI, 3, r)
		a := activityNamed(p, name)
		if a == nil {
			t.Fatalf("row %d: unknown activity %q", r, name)
		}
		seen++
		flag := flagFor(a)
		if flag != want[name] {
			t.Fatalf("test is wrong: model flag for %q is %q", name, flag)
		}
		// The cached result a reader sees before any recalculation.
		if got := cell(t, f, xlsx.SheetRACI, 4, r); got != flag {
			t.Errorf("%s: cached check %q, want %q", name, got, flag)
		}
		// The formula itself: live COUNTIFs with wildcards over the row.
		ref := "D" + strconv.Itoa(r)
		formula, err := f.GetCellFormula(xlsx.SheetRACI, ref)
		if err != nil {
			t.Fatal(err)
		}
		rng := "E" + strconv.Itoa(r) + ":" + lastCol + strconv.Itoa(r)
		if formula != xlsx.CheckFormula(rng) {
			t.Errorf("%s: formula %q, want %q", name, formula, xlsx.CheckFormula(rng))
		}
		for _, part := range []string{`COUNTIF(` + rng + `,"*A*")`, `COUNTIF(` + rng + `,"*R*")`} {
			if !strings.Contains(formula, part) {
				t.Errorf("%s: formula %q lacks %s", name, formula, part)
			}
		}
		// excelize's own formula engine agrees.
		if got, err := f.CalcCellValue(xlsx.SheetRACI, ref); err != nil || got != flag {
			t.Errorf("%s: excelize computes %q (%v), want %q", name, got, err, flag)
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d activities, want %d", seen, len(want))
	}
	// The combined cell is written as "RA" and is in the validation list.
	both := activityNamed(p, "Responsible and accountable")
	if got := both.Letter(p.Role("ism")); got != "RA" {
		t.Fatalf("model letter = %q", got)
	}
	if !slices.Contains(xlsx.RACIValues, "RA") {
		t.Error(`"RA" is not a valid RACI value`)
	}
}

func activityNamed(p *model.Pack, name string) *model.Activity {
	for _, a := range p.Activities {
		if a.Name == name {
			return a
		}
	}
	return nil
}

func TestCheckFlagMatchesFormulaSemantics(t *testing.T) {
	for _, tc := range []struct {
		cells []string
		want  string
	}{
		{[]string{"R", "A"}, "OK"},
		{[]string{"RA", "", "I"}, "OK"},
		{[]string{"R", "A", "A"}, "more than one A"},
		{[]string{"R", "RA", "A"}, "more than one A"},
		{[]string{"R", "C"}, "no A"},
		{[]string{"A", "C"}, "no R"},
		{[]string{"", ""}, "no A, no R"},
		{[]string{"A", "AS"}, "more than one A, no R"},
	} {
		if got := xlsx.CheckFlag(tc.cells); got != tc.want {
			t.Errorf("CheckFlag(%q) = %q, want %q", tc.cells, got, tc.want)
		}
	}
}

func TestRACIValuesAreCanonicalCombinations(t *testing.T) {
	if len(xlsx.RACIValues) != 31 {
		t.Fatalf("%d values", len(xlsx.RACIValues))
	}
	order := "RASCI"
	seen := map[string]bool{}
	for _, v := range xlsx.RACIValues {
		last := -1
		for _, c := range v {
			i := strings.IndexRune(order, c)
			if i <= last {
				t.Errorf("%q is not in R, A, S, C, I order", v)
			}
			last = i
		}
		if seen[v] {
			t.Errorf("%q twice", v)
		}
		seen[v] = true
	}
	if n := len(strings.Join(xlsx.RACIValues, ",")); n > 255 {
		t.Errorf("validation list is %d characters; Excel allows 255", n)
	}
}

const injection = `-- roles/sysadmin.toml --
id = "sysadmin"
name = '=HYPERLINK("http://x","y")'
category = "+Operations"
purpose = "Runs systems."
reports_to = "ism"
responsibilities = ["Patch servers"]

[[authority]]
text = "Restart services"

[[assignment]]
person = "bob"
appointed_on = 2025-03-01
evidence = "@SUM(A1:A9)"
deputy = "ann"
-- people.toml --
[[person]]
id = "ceo-person"
name = "Carla Chief"
job_title = "Chief Executive"
area = "ops"

[[person]]
id = "ann"
name = "Ann Admin"
job_title = "Security Manager"
area = "it"
line_manager = "ceo-person"

[[person]]
id = "bob"
name = "-2+3 Bob"
job_title = "Administrator"
area = "it"
line_manager = "ann"

[[person]]
id = "dora"
name = "Zoë Ñúñez & Ελένη <Дмитрий>"
job_title = "Operations Lead"
area = "ops"
line_manager = "ceo-person"

[[person]]
id = "eve"
name = "Eve Auditor"
job_title = "Auditor"
external = true
company = "Audit Partners"
`

func TestSourceTextIsNeverAFormula(t *testing.T) {
	p := packtest.Load(t, packtest.With(packtest.Minimal, injection))
	f, _ := render(t, p, &check.Report{})
	wantText := map[string]bool{
		`=HYPERLINK("http://x","y")`: true, "+Operations": true, "@SUM(A1:A9)": true, "-2+3 Bob": true,
		"Zoë Ñúñez & Ελένη <Дмитрий>": true,
	}
	found := map[string]bool{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		r := 0
		for rows.Next() {
			r++
			cols, _ := rows.Columns()
			for c, v := range cols {
				if !wantText[v] {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r)
				found[v] = true
				if formula, _ := f.GetCellFormula(sheet, ref); formula != "" {
					t.Errorf("%s!%s holds the formula %q", sheet, ref, formula)
				}
				if typ, _ := f.GetCellType(sheet, ref); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
					t.Errorf("%s!%s is of type %v, want a string", sheet, ref, typ)
				}
				// Text format, so that editing the cell keeps it text.
				id, _ := f.GetCellStyle(sheet, ref)
				if st, _ := f.GetStyle(id); st.NumFmt != 49 {
					t.Errorf("%s!%s (%q) has number format %d, want 49 (text)", sheet, ref, v, st.NumFmt)
				}
			}
		}
		rows.Close()
	}
	for v := range wantText {
		if !found[v] {
			t.Errorf("%q not found in any sheet", v)
		}
	}
	// The role name is the RACI column header, as text.
	if got := cell(t, f, xlsx.SheetRACI, 4+roleIndex(p, "sysadmin"), 1); got != `=HYPERLINK("http://x","y")` {
		t.Errorf("RACI header = %q", got)
	}
}

func roleIndex(p *model.Pack, id string) int {
	for i, r := range p.Roles {
		if r.ID == id {
			return i + 1
		}
	}
	return -1
}

func TestDeterministic(t *testing.T) {
	p := packtest.Load(t, packtest.With(packtest.Minimal, flawedRACI))
	rep := &check.Report{Date: model.NewDate(2026, 11, 24), Findings: []check.Finding{
		{Rule: "RP-RACI-01", Severity: check.Error, Message: "Two accountables", Fix: "Keep one", Pos: model.Pos{File: "raci.toml", Line: 2}, Item: "raci"},
	}}
	_, first := render(t, p, rep)
	for range 2 {
		_, again := render(t, packtest.Load(t, packtest.With(packtest.Minimal, flawedRACI)), rep)
		if !bytes.Equal(first, again) {
			t.Fatal("two renders of the same pack and stamp differ")
		}
	}
	example := examplePack(t)
	_, a := render(t, example, rep)
	_, b := render(t, example, rep)
	if !bytes.Equal(a, b) {
		t.Error("two renders of the example pack differ")
	}
	f, _ := render(t, p, rep)
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2026-11-24T00:00:00Z" || props.Modified != props.Created {
		t.Errorf("document dates = %q / %q, want the build date", props.Created, props.Modified)
	}
	if props.Identifier != p.Document.ID || props.Version != p.Document.Version || props.Title != p.Document.Title {
		t.Errorf("document properties = %+v", props)
	}
}

func TestPrintSetUp(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	f, _ := render(t, p, check.Run(p, model.NewDate(2026, 11, 24)))
	st := testStamp()
	names := f.GetDefinedName()
	for _, sheet := range xlsx.Sheets {
		layout, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		// One page wide, and as many tall as the rows need: a bound of a
		// page per row, never 0 (LibreOffice then prints a blank page).
		rows, _ := f.GetRows(sheet)
		if layout.FitToWidth == nil || *layout.FitToWidth != 1 || layout.FitToHeight == nil || *layout.FitToHeight < min(max(len(rows), 1), 1000) {
			t.Errorf("%s: not fitted to one page wide and its rows' pages tall: %+v", sheet, layout)
		}
		wide := sheet != xlsx.SheetDocument && sheet != xlsx.SheetReview
		if landscape := *layout.Orientation == "landscape"; landscape != wide {
			t.Errorf("%s: orientation %s", sheet, *layout.Orientation)
		}
		if *layout.Size != 9 {
			t.Errorf("%s: paper %d, want A4 (9)", sheet, *layout.Size)
		}
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil || hf == nil {
			t.Fatalf("%s: no header and footer (%v)", sheet, err)
		}
		for _, want := range []string{p.Document.ID, "v" + p.Document.Version, st.String()} {
			if !strings.Contains(hf.OddHeader, want) {
				t.Errorf("%s: header %q lacks %q", sheet, hf.OddHeader, want)
			}
		}
		if !strings.Contains(hf.OddFooter, "&P of &N") {
			t.Errorf("%s: footer %q has no page number", sheet, hf.OddFooter)
		}
		titles := false
		for _, n := range names {
			if n.Name == "_xlnm.Print_Titles" && n.Scope == sheet {
				titles = true
			}
		}
		if !titles {
			t.Errorf("%s: no repeated header rows", sheet)
		}
	}
	// Lists sort and filter: tables, or a defined name with a filter.
	for sheet, table := range map[string]string{
		xlsx.SheetRegister: "RoleRegister", xlsx.SheetTraining: "TrainingPlan",
		xlsx.SheetReview: "ReviewTeamMembers", xlsx.SheetDocument: "RevisionHistory",
	} {
		tables, err := f.GetTables(sheet)
		if err != nil || len(tables) != 1 || tables[0].Name != table {
			t.Errorf("%s: tables %+v (%v), want %s", sheet, tables, err, table)
		}
	}
	defined := map[string]bool{}
	for _, n := range names {
		defined[n.Name+"@"+n.Scope] = true
	}
	for _, want := range []string{"RACI_Matrix@Workbook", "Competence_Matrix@Workbook",
		"_xlnm._FilterDatabase@RACI", "_xlnm._FilterDatabase@Competence matrix", "_xlnm.Print_Area@RACI"} {
		if !defined[want] {
			t.Errorf("defined name %s missing; have %v", want, defined)
		}
	}
}

func TestHeaderFooterEscapesAmpersands(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	p.Document.Title = "Roles & Responsibilities 2026"
	p.Document.Classification = "A&B"
	f, _ := render(t, p, &check.Report{})
	hf, _ := f.GetHeaderFooter(xlsx.SheetRACI)
	if !strings.Contains(hf.OddHeader, "Roles && Responsibilities") || !strings.Contains(hf.OddFooter, "A&&B") {
		t.Errorf("ampersands not doubled: %q / %q", hf.OddHeader, hf.OddFooter)
	}
}

func TestAuditReadiness(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	t.Run("clean", func(t *testing.T) {
		rep := &check.Report{Date: model.NewDate(2026, 11, 24), Checklist: []check.Item{
			{ID: "defined", Title: "Roles are defined", Clause: "5.3", Status: check.Met, Evidence: []string{"roles/*.toml"}},
		}}
		f, _ := render(t, p, rep)
		rows, _ := f.GetRows(xlsx.SheetAudit)
		all := joinRows(rows)
		for _, want := range []string{"Clean", "Roles are defined|5.3|met|none|roles/*.toml", "No findings"} {
			if !strings.Contains(all, want) {
				t.Errorf("audit sheet lacks %q:\n%s", want, all)
			}
		}
	})
	t.Run("findings", func(t *testing.T) {
		finding := check.Finding{Rule: "RP-LEAVER-01", Severity: check.Error, Message: "Bob left",
			Fix: "Reassign", Pos: model.Pos{File: "roles/ism.toml", Line: 12}, Item: "assignment"}
		rep := &check.Report{Date: model.NewDate(2026, 11, 24), Errors: 1, Findings: []check.Finding{finding},
			Checklist: []check.Item{{ID: "assignment", Title: "Roles are assigned to named, current people with evidence", Clause: "5.3", Status: check.NotMet,
				Findings: []check.Finding{finding}}}}
		f, _ := render(t, p, rep)
		rows, _ := f.GetRows(xlsx.SheetAudit)
		all := joinRows(rows)
		for _, want := range []string{"1 error", "Roles are assigned to named, current people with evidence|5.3|not met|1 error",
			"RP-LEAVER-01|error|roles/ism.toml:12|Bob left|Reassign|Roles are assigned to named, current people with evidence"} {
			if !strings.Contains(all, want) {
				t.Errorf("audit sheet lacks %q:\n%s", want, all)
			}
		}
		if tables, _ := f.GetTables(xlsx.SheetAudit); len(tables) != 1 || tables[0].Name != "AuditFindings" {
			t.Errorf("findings table: %+v", tables)
		}
	})
	t.Run("single points and related places", func(t *testing.T) {
		finding := check.Finding{Rule: "RP-COMP-01", Severity: check.Warning, Message: "Ann is below", Fix: "Train",
			Pos: model.Pos{File: "competences.toml", Line: 18}, Related: []model.Pos{{File: "roles/ism.toml", Line: 17}}, Item: "competence"}
		rep := check.Run(p, model.NewDate(2026, 11, 24))
		rep.Findings, rep.Warnings = []check.Finding{finding}, 1
		rep.SinglePoints.Roles = append(rep.SinglePoints.Roles, check.LoneRole{Role: p.Role("auditor"), Holder: p.Person("eve"), Pos: model.Pos{File: "roles/auditor.toml", Line: 11}})
		f, _ := render(t, p, rep)
		rows, _ := f.GetRows(xlsx.SheetAudit)
		all := joinRows(rows)
		for _, want := range []string{"Single points of failure", "Only holder, no deputy|Eve Auditor|Internal Auditor|No one stands in when they are away|roles/auditor.toml:11",
			"Only review-team cover|Carla Chief|Senior leadership|Losing them breaks RP-MRT-04|review-team.toml",
			"RP-COMP-01|warning|competences.toml:18 (see also roles/ism.toml:17)|Ann is below"} {
			if !strings.Contains(all, want) {
				t.Errorf("audit sheet lacks %q:\n%s", want, all)
			}
		}
	})
	t.Run("findings listed once", func(t *testing.T) {
		rep := &check.Report{Date: model.NewDate(2026, 11, 24), Findings: []check.Finding{
			{Rule: "RP-A", Severity: check.Warning, Message: "m", Item: "raci"},
			{Rule: "RP-B", Severity: check.Warning, Message: "m", Item: "raci"},
		}, Checklist: []check.Item{{ID: "raci", Title: "One accountable", Clause: "5.3", Status: check.Partly}}}
		f, _ := render(t, p, rep)
		rows, _ := f.GetRows(xlsx.SheetAudit)
		if all := joinRows(rows); !strings.Contains(all, "One accountable|5.3|partly met|2 warnings") {
			t.Errorf("checklist does not count the report's findings by item:\n%s", all)
		}
	})
	t.Run("no report", func(t *testing.T) {
		f, _ := render(t, p, nil)
		if got := cell(t, f, xlsx.SheetAudit, 1, 1); !strings.Contains(got, "No check report") {
			t.Errorf("audit sheet without a report says %q", got)
		}
	})
}

func joinRows(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "|") + "\n")
	}
	return b.String()
}

func TestLeaversAndGaps(t *testing.T) {
	// Bob leaves but is still the System Administrator; the ISM role now
	// also needs a competence nobody has.
	p := packtest.Load(t, packtest.With(packtest.Minimal, gapsCompetences))
	p.Roles[roleIndex(p, "ism")-1].Requirements = append(p.Roles[roleIndex(p, "ism")-1].Requirements,
		&model.Requirement{CompetenceID: "risk", Competence: p.Competence("risk"), Level: 2})
	bob := p.Person("bob")
	bob.Status, bob.LeftOn = model.Leaver, model.NewDate(2026, 9, 30)

	v := view.New(p, testStamp(), &check.Report{})
	f, _ := renderView(t, v)
	rows, _ := f.GetRows(xlsx.SheetRegister)
	// The role is vacant, and its former holder is still listed.
	if !strings.Contains(joinRows(rows), "System Administrator|Operations|(no holder)|") ||
		!strings.Contains(joinRows(rows), "System Administrator|Operations|Bob Builder|No|leaver|2026-09-30|Ann Admin") {
		t.Errorf("leaver not flagged in the register:\n%s", joinRows(rows))
	}
	cfs, _ := f.GetConditionalFormats(xlsx.SheetRegister)
	leaverRule := false
	for _, rules := range cfs {
		for _, r := range rules {
			leaverRule = leaverRule || strings.Contains(r.Criteria, `"active"`)
		}
	}
	if !leaverRule {
		t.Errorf("no conditional format for leavers: %+v", cfs)
	}

	// Ann: ISO 27001 held 2 of 2, risk held 1 of 2: one gap.
	annRow := 3 + slices.IndexFunc(v.Competence.Rows, func(m view.MatrixRow) bool { return m.Person.ID == "ann" })
	got := row(t, f, xlsx.SheetCompetence, annRow, 9)
	if want := []string{"Ann Admin", "IT", "active", "Information Security Manager; Member of the Management Review Team, representing IT", "1", "2", "2", "1", "2"}; !slices.Equal(got, want) {
		t.Errorf("Ann's competence row = %q, want %q", got, want)
	}
	ref := "E" + strconv.Itoa(annRow)
	formula, _ := f.GetCellFormula(xlsx.SheetCompetence, ref)
	if formula != xlsx.GapFormula(6, 2, annRow) {
		t.Errorf("gap formula %q", formula)
	}
	if v, err := f.CalcCellValue(xlsx.SheetCompetence, ref); err != nil || v != "1" {
		t.Errorf("excelize computes the gap count as %q (%v), want 1", v, err)
	}
	cfs, _ = f.GetConditionalFormats(xlsx.SheetCompetence)
	if len(cfs["F3:I"+strconv.Itoa(2+len(v.Competence.Rows))]) != 1 {
		t.Errorf("no gap highlighting on the matrix: %+v", cfs)
	}
	plan, _ := f.GetRows(xlsx.SheetTraining)
	if len(plan) != 2 || !strings.Contains(strings.Join(plan[1], "|"), "Ann Admin|Information Security Manager|Risk assessment|2 Practitioner|1 Aware|") {
		t.Errorf("training plan = %q", plan)
	}
}

func TestLongHeaderTextIsShortened(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	p.Document.Title = strings.Repeat("R&D ", 100)
	p.Document.Classification = strings.Repeat("&", 300)
	f, _ := render(t, p, &check.Report{})
	for _, sheet := range xlsx.Sheets {
		hf, _ := f.GetHeaderFooter(sheet)
		for _, s := range []string{hf.OddHeader, hf.OddFooter} {
			if n := len([]rune(s)); n > 255 {
				t.Errorf("%s: header or footer of %d characters", sheet, n)
			}
		}
		if !strings.Contains(hf.OddHeader, "R&&D") {
			t.Errorf("%s: header %q", sheet, hf.OddHeader)
		}
	}
}

// Excel repairs, with a prompt, a file whose parts are not well formed,
// whose columns are out of order or overlap, or whose tables' column names
// differ from their header cells. This test checks those properties in the
// parts themselves.
func TestPartsAreWellFormed(t *testing.T) {
	p := examplePack(t)
	f, data := render(t, p, &check.Report{})
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	colRe := regexp.MustCompile(`<col min="(\d+)" max="(\d+)"`)
	for _, zf := range r.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(rc)
		rc.Close()
		dec := xml.NewDecoder(bytes.NewReader(body))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s is not well-formed XML: %v", zf.Name, err)
				break
			}
		}
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		last := 0
		for _, m := range colRe.FindAllStringSubmatch(string(body), -1) {
			lo, _ := strconv.Atoi(m[1])
			hi, _ := strconv.Atoi(m[2])
			if lo <= last || hi < lo {
				t.Errorf("%s: column range %d-%d after %d", zf.Name, lo, hi, last)
			}
			last = hi
		}
	}
	for _, sheet := range f.GetSheetList() {
		tables, _ := f.GetTables(sheet)
		merged, _ := f.GetMergeCells(sheet)
		for _, tbl := range tables {
			c1, r1, c2, r2 := rangeBounds(t, tbl.Range)
			for c := c1; c <= c2; c++ {
				if v := cell(t, f, sheet, c, r1); v == "" {
					t.Errorf("%s: table %s has an empty header in column %d", sheet, tbl.Name, c)
				}
			}
			for _, m := range merged {
				mc1, mr1, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
				mc2, mr2, _ := excelize.CellNameToCoordinates(m.GetEndAxis())
				if mc1 <= c2 && mc2 >= c1 && mr1 <= r2 && mr2 >= r1 {
					t.Errorf("%s: merged cells %s:%s overlap table %s", sheet, m.GetStartAxis(), m.GetEndAxis(), tbl.Name)
				}
			}
		}
	}
}

func rangeBounds(t *testing.T, ref string) (c1, r1, c2, r2 int) {
	t.Helper()
	a, b, _ := strings.Cut(strings.ReplaceAll(ref, "$", ""), ":")
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		t.Fatalf("range %q", ref)
	}
	return
}

// A pack with nothing in it still renders a complete workbook, and nil
// inputs are errors, not panics.
func TestEmptyPack(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	p.Activities, p.Competences, p.Revisions, p.ReviewTeam = nil, nil, nil, nil
	f, _ := render(t, p, nil)
	if got := f.GetSheetList(); len(got) != 7 {
		t.Fatalf("sheets = %q", got)
	}
	// People with seats but no competences: a gap count of 0 each.
	if got := cell(t, f, xlsx.SheetCompetence, 5, 3); got != "0" {
		t.Errorf("gap count without competences = %q", got)
	}
	p.Roles = nil
	f, _ = render(t, p, nil)
	if got := cell(t, f, xlsx.SheetRACI, 4, 1); got != "Check" {
		t.Errorf("RACI header = %q", got)
	}
	// Nobody has a seat: the matrix is its two header rows.
	if got := cell(t, f, xlsx.SheetCompetence, 1, 3); got != "" {
		t.Errorf("competence matrix without roles has a row for %q", got)
	}
	if got := cell(t, f, xlsx.SheetReview, 1, 2); !strings.Contains(got, "does not describe") {
		t.Errorf("review team sheet says %q", got)
	}
	if _, err := xlsx.Workbook(nil); err == nil {
		t.Error("a nil view gave no error")
	}
	if _, err := xlsx.Workbook(&view.View{}); err == nil {
		t.Error("a view without a pack gave no error")
	}
	if _, err := xlsx.Workbook(view.New(p, stamp.Stamp{}, &check.Report{})); err != nil {
		t.Errorf("zero stamp: %v", err)
	}
}
