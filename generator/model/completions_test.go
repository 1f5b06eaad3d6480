package model_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// withAwareness is the minimal pack with a security-awareness competence
// and a role held by everyone that asks for it.
var withAwareness = packtest.Edit(packtest.With(packtest.Minimal,
	"-- roles/staff.toml --\nid = \"staff\"\nname = \"All staff\"\ncategory = \"Staff\"\npurpose = \"Works safely.\"\nreports_to = \"ceo\"\nheld_by_everyone = true\n"+
		"responsibilities = [\"Report incidents\"]\n\n[[authority]]\ntext = \"Stop unsafe work\"\n\n[[requirement]]\ncompetence = \"awareness\"\nlevel = 1\n"),
	"competences.toml", "[[record]]\nperson = \"ann\"",
	"[[competence]]\nid = \"awareness\"\nname = \"Security awareness\"\nkind = \"training\"\n\n[[record]]\nperson = \"ann\"")

// completionsPack is withAwareness reading lms/completions.csv (csv) with
// the [[completions]] table given.
func completionsPack(table, csv string) string {
	return packtest.Edit(packtest.With(withAwareness, "-- lms/completions.csv --\n"+csv),
		"pack.toml", "summary = \"First issue.\"\n", "summary = \"First issue.\"\n\n"+table)
}

const genericTable = `[[completions]]
source = "lms/completions.csv"
label = "LMS export"
match = "email"
ignore = ["Fire safety"]

[completions.columns]
person = "Email"
course = "Course"
completed_on = "Completed"
status = "Status"
due_on = "Due"

[completions.courses]
"Security Awareness 2026" = "awareness"
"ISO 27001 Practitioner" = { competence = "iso27001", level = 2 }
`

// A generic export read through the columns map: completed rows become
// held records with the row as evidence, assigned rows with a due date
// planned ones, the rest are skipped and counted in a warning.
func TestCompletionsColumns(t *testing.T) {
	csv := "Email,Name,Course,Status,Completed,Due,Score\n" +
		"ANN@example.com,Ann,Security Awareness 2026,Completed,2026-07-01,,99\n" + // row 2: held, e-mail ignoring case
		"bob@example.com,Bob,security awareness 2026,In progress,,2026-12-01,\n" + // row 3: planned
		"dora@example.com,Dora,Security Awareness 2026,Failed,,,\n" + // skipped
		"dora@example.com,Dora,Fire safety,Completed,2026-05-01,,\n" + // ignored course
		"eve@audit.example,Eve,Security Awareness 2026,Not started,,,\n" + // no due date: skipped
		"carla@example.com,Carla,ISO 27001 Practitioner,Completed,2026-06-02,,\n" + // row 7: level 2
		"\n"
	pack := completionsPack(genericTable, csv)
	for _, x := range [][2]string{{"Ann Admin", "ann@example.com"}, {"Bob Builder", "bob@example.com"}, {"Carla Chief", "carla@example.com"},
		{"Dora Deputy", "dora@example.com"}, {"Eve Auditor", "eve@audit.example"}} {
		pack = packtest.Edit(pack, "people.toml", "name = \""+x[0]+"\"", "name = \""+x[0]+"\"\nemail = \""+x[1]+"\"")
	}
	p := packtest.Load(t, pack)
	var got []string
	for _, r := range p.Records {
		if strings.HasPrefix(r.Pos.File, "lms/") {
			got = append(got, fmt.Sprintf("%s %s %s %d %s %s %q", r.Pos, r.Person.ID, r.Competence.ID, r.Level, r.Date, r.Status, r.Evidence))
		}
	}
	want := []string{
		`lms/completions.csv:2:1 ann awareness 1 2026-07-01 held "LMS export lms/completions.csv:2"`,
		`lms/completions.csv:3:58 bob awareness 1 2026-12-01 planned "LMS export lms/completions.csv:3"`,
		`lms/completions.csv:7:1 ceo-person iso27001 2 2026-06-02 held "LMS export lms/completions.csv:7"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("records:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0].Message, "3 rows of lms/completions.csv record no competence") {
		t.Errorf("warnings %v, want one counting the 3 skipped rows", p.Warnings)
	}
	if !slices.ContainsFunc(p.Files, func(f model.SourceFile) bool { return f.Path == "lms/completions.csv" }) {
		t.Error("the export is not among Pack.Files, so it is not in the rebuild key")
	}
	// Ann's completion closes her all-staff gap; Bob's planned row puts
	// his in progress.
	for _, it := range p.TrainingPlan() {
		if it.Person.ID == "ann" && it.Competence.ID == "awareness" {
			t.Error("ann's completion does not count")
		}
		if it.Person.ID == "bob" && it.Competence.ID == "awareness" && it.Planned == nil {
			t.Error("bob's assignment does not put his row in progress")
		}
	}
}

const bambooTable = `[[completions]]
source = "lms/completions.csv"
preset = "bamboohr"

[completions.courses]
"Security Awareness" = "awareness"
`

// The BambooHR preset finds its columns by their headers and matches by
// the HR employee number: a person's id, or the hr_id people.toml gives.
func TestCompletionsBambooHRPreset(t *testing.T) {
	csv := "Employee #,Training,Completed,Notes\n" +
		"ann,Security Awareness,2026-07-01,\n" +
		"e-1002,Security Awareness,2026-07-02,\n"
	pack := packtest.Edit(packtest.Edit(completionsPack(bambooTable, csv),
		"pack.toml", "[[completions]]", "[people]\nsource = \"hr/people.csv\"\npreset = \"bamboohr\"\n\n[[completions]]"),
		"people.toml", "id = \"bob\"\n", "id = \"bob\"\nhr_id = \"e-1002\"\n")
	pack = packtest.With(pack, "-- hr/people.csv --\nEmployee #,First Name,Last Name,Job Title\ne-1002,Bob,Builder,Administrator\n")
	p := packtest.Load(t, pack)
	var got []string
	for _, r := range p.Records {
		if strings.HasPrefix(r.Pos.File, "lms/") {
			got = append(got, r.Person.ID+" "+r.Date.String()+" "+r.Evidence)
		}
	}
	if want := []string{"ann 2026-07-01 lms/completions.csv:2", "bob 2026-07-02 lms/completions.csv:3"}; !slices.Equal(got, want) {
		t.Errorf("records %q, want %q", got, want)
	}
}

// Every bad row or table is refused at its place, all at once.
func TestCompletionsBadRows(t *testing.T) {
	cases := []struct {
		name, table, csv string
		want             []string
	}{
		{"cells", bambooTable,
			"Employee #,Training,Completed\n" +
				"anne,Security Awareness,2026-07-01\n" +
				"bob,Security Awarenes,2026-07-01\n" +
				"bob,Security Awareness,2026-02-31\n" +
				",Security Awareness,2026-07-01\n" +
				"bob,,2026-07-01\n" +
				"zzzz-unknown,Security Awareness,2026-07-01\n",
			[]string{
				`lms/completions.csv:2:1: no person has the id, hr_id or employee id "anne" (did you mean "ann"?)`,
				`lms/completions.csv:3:5: course "Security Awarenes" is not in [completions.courses]: map it to a competence id, or list it in "ignore" (did you mean "Security Awareness"?)`,
				`lms/completions.csv:4:24: invalid date "2026-02-31": want the date_format 2006-01-02, a real calendar date`,
				`lms/completions.csv:5:1: the person is empty`,
				`lms/completions.csv:6:5: the course is empty`,
				`lms/completions.csv:7:1: no person has the id, hr_id or employee id "zzzz-unknown": add them to people.toml or the HR export, or correct the id`,
			}},
		{"status", strings.Replace(genericTable, "match = \"email\"\n", "", 1),
			"Email,Course,Status,Completed,Due\n" +
				"ann,Security Awareness 2026,Completed,,\n" +
				"ann,Security Awareness 2026,Maybe,2026-07-01,\n",
			[]string{
				`lms/completions.csv:2:39: status "Completed" but no completion date`,
				`lms/completions.csv:3:29: status "Maybe" is neither completed (completed, complete), in progress (in progress, in_progress, started) nor not held (failed, expired, withdrawn)`,
			}},
		{"unknown competence", strings.Replace(bambooTable, `= "awareness"`, `= "awarenes"`, 1),
			"Employee #,Training,Completed\nann,Security Awareness,2026-07-01\n",
			[]string{`pack.toml:38:1: unknown competence "awarenes" (did you mean "awareness"?)`}},
		{"missing column", strings.Replace(genericTable, `due_on = "Due"`, `due_on = "Due date"`, 1),
			"Email,Course,Status,Completed,Due\n",
			[]string{`lms/completions.csv:1:1: column "Due date" (mapped to "due_on" in [completions.columns]) is not in the header row`}},
		{"no preset", "[[completions]]\nsource = \"lms/completions.csv\"\n\n[completions.courses]\n\"A\" = \"awareness\"\n",
			"Email,Course\n",
			[]string{`pack.toml:34:1: a completions export needs a preset (bamboohr) or [completions.columns] naming at least the "person", "course" and "completed_on" columns`}},
		{"outside", strings.Replace(bambooTable, `"lms/completions.csv"`, `"../completions.csv"`, 1), "x\n",
			[]string{`pack.toml:34:1: "source" "../completions.csv" must be a path inside the content directory, with forward slashes`}},
		{"missing file", strings.Replace(bambooTable, `"lms/completions.csv"`, `"lms/other.csv"`, 1), "x\n",
			[]string{`lms/other.csv: there is no such file inside the content directory`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := model.Load(packtest.Write(t, completionsPack(tc.table, tc.csv)))
			var errs model.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("err = %v, want model.Errors", err)
			}
			var got []string
			for _, e := range errs {
				got = append(got, e.String())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// The export is part of the content hash through the records it adds: a
// new completion changes the canonical pack.
func TestCompletionsInCanonicalPack(t *testing.T) {
	canonical := func(csv string) string {
		var b strings.Builder
		packtest.Load(t, completionsPack(bambooTable, csv)).WriteCanonical(&b)
		return b.String()
	}
	one := canonical("Employee #,Training,Completed\nann,Security Awareness,2026-07-01\n")
	two := canonical("Employee #,Training,Completed\nann,Security Awareness,2026-07-01\nbob,Security Awareness,2026-07-03\n")
	if one == two || !strings.Contains(two, "lms/completions.csv:3") {
		t.Error("a new completion does not change the canonical pack")
	}
	// A column no field reads does not.
	if canonical("Employee #,Training,Completed,Score\nann,Security Awareness,2026-07-01,10\n") != one {
		t.Error("an unread column changes the canonical pack")
	}
}

// The label is printed (in each record's evidence), so its characters are
// checked against the fonts (RP-FONT-01); a course name, printed nowhere,
// is not.
func TestCompletionsPrintedTexts(t *testing.T) {
	table := strings.Replace(strings.Replace(bambooTable, `preset = "bamboohr"`, "preset = \"bamboohr\"\nlabel = \"学習記録\"", 1),
		`"Security Awareness" = "awareness"`, `"情報セキュリティ研修" = "awareness"`, 1)
	p := packtest.Load(t, completionsPack(table, "Employee #,Training,Completed\nann,情報セキュリティ研修,2026-07-01\n"))
	var got []string
	for _, pt := range p.PrintedTexts() {
		if pt.Pos.File == model.PackFile {
			got = append(got, pt.Text)
		}
	}
	if !slices.Equal(got, []string{"学習記録"}) {
		t.Errorf("printed texts of pack.toml %q, want the label alone", got)
	}
}

// What a role held by everyone asks is tracked for every active person:
// each one without it is a row of the training plan, due training_due_days
// after the later of their started_on (else the effective date) and the
// requirement's added_on.
func TestTrainingPlanTracksEveryone(t *testing.T) {
	staff := packtest.Edit(withAwareness, "people.toml", "company = \"Audit Partners\"",
		"company = \"Audit Partners\"\nstarted_on = 2026-09-01\n\n"+
			"[[person]]\nid = \"gus\"\nname = \"Gus Green\"\njob_title = \"Clerk\"\nstarted_on = 2024-01-15\n\n"+
			"[[person]]\nid = \"hedy\"\nname = \"Hedy Hill\"\njob_title = \"Clerk\"\n\n"+
			"[[person]]\nid = \"ivo\"\nname = \"Ivo Left\"\njob_title = \"Clerk\"\nstatus = \"leaver\"\nleft_on = 2026-01-31")
	cases := []struct {
		name, pack string
		want       []string // "person due" of each awareness row
	}{
		{"started_on, else the effective date", staff, []string{
			"ann 2026-09-13", "bob 2026-09-13", "ceo-person 2026-09-13", "dora 2026-09-13",
			"eve 2026-11-30", "gus 2024-04-14", "hedy 2026-09-13"}},
		{"added_on when later", packtest.Edit(staff, "roles/staff.toml", "competence = \"awareness\"", "competence = \"awareness\"\nadded_on = 2026-10-01"), []string{
			"ann 2026-12-30", "bob 2026-12-30", "ceo-person 2026-12-30", "dora 2026-12-30",
			"eve 2026-12-30", "gus 2026-12-30", "hedy 2026-12-30"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := packtest.Load(t, tc.pack)
			var got []string
			for _, it := range p.TrainingPlan() {
				if it.Competence.ID == "awareness" {
					got = append(got, it.Person.ID+" "+it.Due.String())
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("awareness rows %q, want %q", got, tc.want)
			}
			for _, id := range []string{"gus", "hedy"} {
				if !p.Tracked(p.Person(id)) || p.Seated(p.Person(id)) {
					t.Errorf("%s: tracked %v, seated %v; want tracked without a seat", id, p.Tracked(p.Person(id)), p.Seated(p.Person(id)))
				}
			}
			if p.Tracked(p.Person("ivo")) {
				t.Error("a leaver is tracked")
			}
		})
	}
	// Without a requirement of everyone, only the seated are tracked.
	p := packtest.Load(t, packtest.Edit(staff, "roles/staff.toml", "[[requirement]]\ncompetence = \"awareness\"\nlevel = 1\n", ""))
	if p.Tracked(p.Person("gus")) {
		t.Error("gus is tracked though nothing is asked of everyone")
	}
}

// The HR export's hire date is a person's started_on, read with the
// export's date format; a bad one is refused at its cell.
func TestHRStartedOn(t *testing.T) {
	pack := func(csv string) string {
		return packtest.Edit(packtest.With(packtest.Minimal, "-- hr/people.csv --\n"+csv),
			"pack.toml", "summary = \"First issue.\"\n", "summary = \"First issue.\"\n\n[people]\nsource = \"hr/people.csv\"\npreset = \"personio\"\ndate_format = \"02.01.2006\"\n")
	}
	p := packtest.Load(t, pack("id,first_name,last_name,position,hire_date\nbob,Bob,Builder,Administrator,01.02.2023\ngus,Gus,Green,Clerk,\n"))
	if got := p.Person("bob").StartedOn.String(); got != "2023-02-01" {
		t.Errorf("bob started on %s, want 2023-02-01", got)
	}
	if !p.Person("gus").StartedOn.IsZero() {
		t.Errorf("gus has a start date: %s", p.Person("gus").StartedOn)
	}
	_, err := model.Load(packtest.Write(t, pack("id,first_name,last_name,position,Hire date\nbob,Bob,Builder,Administrator,31.02.2023\n")))
	if err == nil || !strings.Contains(err.Error(), `hr/people.csv:2:31: invalid date "31.02.2023"`) {
		t.Errorf("err = %v, want the bad hire date at its cell", err)
	}
}
