package model_test

import (
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/diff"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// numbered is packtest.Minimal after a move to a BambooHR export whose
// employees carry numbers: people.toml keeps the readable ids and gives
// each employee their number as hr_id. The export renames nobody, gives
// Bob a new job title and adds Gus (1005), whose manager is Ann (1002).
const numberedPeople = `[[person]]
id = "ceo-person"
hr_id = "1001"
name = "Carla Chief"
job_title = "Chief Executive"
area = "ops"

[[person]]
id = "ann"
hr_id = "1002"
sort_name = "Admin"
name = "Ann Admin"
job_title = "Security Manager"
area = "it"
line_manager = "ceo-person"

[[person]]
id = "bob"
hr_id = "1003"
name = "Bob Builder"
job_title = "Administrator"
area = "it"
line_manager = "ann"

[[person]]
id = "dora"
hr_id = "1004"
name = "Dora Deputy"
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

const numberedCSV = `Employee #,First Name,Last Name,Job Title,Department,Division,Work Email,Supervisor EID,Status,Termination Date,Salary
1001,Carla,Chief,Chief Executive,Management,Operations,carla@example.com,,Active,,SALARY-MARKER-93731
1002,Ann,Admin,Security Manager,Security,IT,Ann@Example.com,1001,Active,,SALARY-MARKER-93731
1003,Bob,Builder,Senior Administrator,Infrastructure,IT,bob@example.com,1002,Active,,SALARY-MARKER-93731
1004,Dora,Deputy,Operations Lead,Operations,Operations,dora@example.com,1001,Active,,SALARY-MARKER-93731
1005,Gus,New,Analyst,Security,IT,gus@example.com,1002,Active,,SALARY-MARKER-93731
`

// numbered returns packtest.Minimal with people and an export csv, read
// with the BambooHR preset and the [people] lines extra.
func numbered(people, export, extra string) string {
	pack := packtest.With(packtest.Minimal, "-- people.toml --\n"+people+"-- hr/people.csv --\n"+export)
	return packtest.Edit(pack, "pack.toml", "summary = \"First issue.\"\n",
		"summary = \"First issue.\"\n\n[people]\nsource = \"hr/people.csv\"\npreset = \"bamboohr\"\n"+extra)
}

func ids(p *model.Pack) []string {
	var out []string
	for _, x := range p.People {
		out = append(out, x.ID)
	}
	slices.Sort(out)
	return out
}

// A person who carries their employee number as hr_id keeps their id: the
// export updates them, adds the employee nobody matches under their
// number, and line managers given as numbers name the readable ids.
func TestHRKeyKeepsIDs(t *testing.T) {
	email := regexp.MustCompile(`(?m)^hr_id = "\d+"\n`).ReplaceAllString(numberedPeople, "")
	email = strings.ReplaceAll(email, "id = \"ann\"\n", "id = \"ann\"\nemail = \"ann@example.com\"\n")
	email = strings.ReplaceAll(email, "id = \"ceo-person\"\n", "id = \"ceo-person\"\nemail = \"carla@example.com\"\n")
	email = strings.ReplaceAll(email, "id = \"bob\"\n", "id = \"bob\"\nhr_id = \"BOB@example.com\"\n")
	email = strings.ReplaceAll(email, "id = \"dora\"\n", "id = \"dora\"\nemail = \"dora@example.com\"\n")
	for name, pack := range map[string]string{
		"hr_id":       numbered(numberedPeople, numberedCSV, ""),
		"match email": numbered(email, numberedCSV, "match = \"email\"\n"),
	} {
		t.Run(name, func(t *testing.T) {
			p := packtest.Load(t, pack)
			if want := []string{"1005", "ann", "bob", "ceo-person", "dora", "eve"}; !slices.Equal(ids(p), want) {
				t.Fatalf("people %q, want %q", ids(p), want)
			}
			if len(p.Warnings) > 0 {
				t.Errorf("warnings: %v", p.Warnings)
			}
			ann, bob, gus := p.Person("ann"), p.Person("bob"), p.Person("1005")
			if bob.JobTitle != "Senior Administrator" || bob.Department != "Infrastructure" {
				t.Errorf("the export did not update bob: %+v", *bob)
			}
			if ann.SortName != "Admin" || ann.Email != "Ann@Example.com" || ann.LineManager != p.Person("ceo-person") {
				t.Errorf("ann: %+v, manager %v", *ann, ann.LineManager)
			}
			if bob.LineManagerID != "ann" || bob.LineManager != ann || gus.LineManager != ann || gus.LineManagerID != "ann" {
				t.Errorf("line managers by number not read as ids: bob %q gus %q", bob.LineManagerID, gus.LineManagerID)
			}
			if gus.Name != "Gus New" || gus.AreaID != "it" {
				t.Errorf("gus: %+v", *gus)
			}
		})
	}
}

// What the export says of a matched person wins where it has a value;
// people.toml keeps the rest. A status column retires them.
func TestHRKeyUpdates(t *testing.T) {
	export := strings.Replace(numberedCSV, "1004,Dora,Deputy,Operations Lead,Operations,Operations,dora@example.com,1001,Active,",
		"1004,Dora,Deputy-Lee,,,,,1003,Terminated,2026-05-31", 1)
	p := packtest.Load(t, numbered(numberedPeople, export, ""))
	dora := p.Person("dora")
	if dora.Name != "Dora Deputy-Lee" || dora.JobTitle != "Operations Lead" || dora.AreaID != "ops" || dora.Department != "" {
		t.Errorf("dora: %+v", *dora)
	}
	if dora.IsActive() || dora.LeftOn.String() != "2026-05-31" || dora.LineManagerID != "bob" {
		t.Errorf("dora should have left on 2026-05-31, managed by bob: %+v", *dora)
	}
}

// The problems of keys are reported at the key or the cell.
func TestHRKeyProblems(t *testing.T) {
	for _, c := range []struct {
		name, people, export, extra string
		want                        string
	}{
		{"two people, one hr_id", strings.Replace(numberedPeople, `hr_id = "1004"`, `hr_id = "1003"`, 1), numberedCSV, "",
			`people.toml:27:1: person "dora" has the hr_id "1003" of person "bob" (line 19): each HR record is one person; correct one of them`},
		{"a row matching two people", strings.Replace(strings.Replace(numberedPeople, `hr_id = "1004"`, `hr_id = "bob"`, 1), "hr_id = \"1003\"\n", "", 1),
			strings.Replace(numberedCSV, "1003,", "bob,", 1), "",
			`hr/people.csv:4:1: employee "bob" matches two people: "dora", whose key is its id, and "bob", whose id is its employee id; give "bob" an hr_id of their own, or correct "dora"'s key`},
		{"id taken", numberedPeople, numberedCSV + "ann,Ann,Other,X,Y,IT,x@example.com,,Active,,\n", "",
			`hr/people.csv:7:1: employee "ann" matches nobody's key, and its id is taken by person "ann" of people.toml, who is matched by a key of their own: add a [[person]] with hr_id = "ann" for this employee`},
		{"two rows, one person", strings.Replace(numberedPeople, `hr_id = "1002"`, `email = "ann@example.com"`, 1),
			numberedCSV + "1006,Anne,Admin,X,Y,IT,ann@example.COM,,Active,,\n", "match = \"email\"\n",
			`hr/people.csv:7:24: employee "1006" and employee "1002" (line 3) both match person "ann" by email: an HR record is one person`},
		{"match email without the column", numberedPeople, strings.ReplaceAll(numberedCSV, "Work Email", "Private Email"), "match = \"email\"\n",
			`pack.toml:36:1: [people] match = "email", but the export has no email column`},
		{"bad match", numberedPeople, numberedCSV, "match = \"name\"\n",
			`pack.toml:36:1: "match" is "name"; allowed values: id, email`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := model.Load(packtest.Write(t, numbered(c.people, c.export, c.extra)))
			var errs model.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("want model.Errors, got %v", err)
			}
			if !strings.Contains(errs.Error(), c.want) {
				t.Errorf("missing %q in:\n%s", c.want, errs.Error())
			}
		})
	}
	t.Run("hr_id without an export", func(t *testing.T) {
		_, err := model.Load(packtest.Write(t, packtest.Edit(packtest.Minimal, "people.toml", "id = \"bob\"\n", "id = \"bob\"\nhr_id = \"1003\"\n")))
		if err == nil || !strings.Contains(err.Error(), `people.toml:16:1: "hr_id" matches a person to a row of the HR export, and pack.toml's [people] names no "source"`) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("hr_id the export lacks", func(t *testing.T) {
		p := packtest.Load(t, numbered(strings.Replace(numberedPeople, `hr_id = "1004"`, `hr_id = "1040"`, 1), strings.Replace(numberedCSV, "1004,", "2004,", 1), ""))
		want := `people.toml:27:1: hr_id "1040" of person "dora" is not in the HR export hr/people.csv: people.toml's record of them stands`
		var got []string
		for _, w := range p.Warnings {
			got = append(got, w.String())
		}
		if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, want) }) {
			t.Errorf("missing warning %q in %q", want, got)
		}
		// dora stays as people.toml says; employee 2004 is someone else.
		if d := p.Person("dora"); d == nil || !d.IsActive() || p.Person("2004") == nil {
			t.Errorf("dora %+v, 2004 %v", d, p.Person("2004"))
		}
	})
}

// The migration of the example pack: every employee gets a number in an
// export made from the pack itself, people.toml gives each their hr_id,
// and the export changes one job title. The ids stay, nobody is added
// twice, and the changes between before and after are that job title
// alone: no role, holder or duty changed, nobody must sign again.
func TestHRMigrationOfTheExample(t *testing.T) {
	before := packtest.ExampleIn(t, "")
	old, err := model.Load(before)
	if err != nil {
		t.Fatal(err)
	}
	after := t.TempDir()
	if err := os.CopyFS(after, os.DirFS(before)); err != nil {
		t.Fatal(err)
	}
	number := map[string]string{}
	for i, p := range old.People {
		if !p.External {
			number[p.ID] = fmt.Sprint(1001 + i)
		}
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{"Employee #", "First Name", "Last Name", "Job Title", "Department", "Division", "Work Email", "Supervisor EID", "Status", "Termination Date"})
	changed := ""
	for _, p := range old.People {
		if p.External {
			continue
		}
		title := p.JobTitle
		if changed == "" && p.IsActive() && len(p.Holds) > 0 {
			changed, title = p.ID, "Renamed "+p.JobTitle
		}
		status, date := "Active", p.LeavesOn
		if !p.IsActive() {
			status, date = "Terminated", p.LeftOn
		}
		dateText := ""
		if !date.IsZero() {
			dateText = date.String()
		}
		w.Write([]string{number[p.ID], p.Name, "", title, p.Department, p.AreaID, p.Email, number[p.LineManagerID], status, dateText})
	}
	w.Flush()
	os.MkdirAll(filepath.Join(after, "hr"), 0o755)
	if err := os.WriteFile(filepath.Join(after, "hr", "people.csv"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	people, _ := os.ReadFile(filepath.Join(after, "people.toml"))
	text := regexp.MustCompile(`(?m)^id = "([a-z0-9-]+)"\n`).ReplaceAllStringFunc(string(people), func(line string) string {
		id := strings.TrimSuffix(strings.TrimPrefix(line, `id = "`), "\"\n")
		if n := number[id]; n != "" {
			return line + fmt.Sprintf("hr_id = %q\n", n)
		}
		return line
	})
	os.WriteFile(filepath.Join(after, "people.toml"), []byte(text), 0o644)
	pack, _ := os.ReadFile(filepath.Join(after, "pack.toml"))
	os.WriteFile(filepath.Join(after, "pack.toml"), append(pack, "\n[people]\nsource = \"hr/people.csv\"\npreset = \"bamboohr\"\n"...), 0o644)

	if changed == "" {
		t.Fatal("the example has no active person holding a role")
	}
	cur, err := model.Load(after)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(old), ids(cur)) {
		t.Fatalf("ids changed:\nbefore %q\nafter  %q", ids(old), ids(cur))
	}
	c := diff.Compare(old, cur)
	if len(c.Roles) > 0 || len(c.RACI) > 0 || len(c.Affected) > 0 || len(c.ReviewTeam) > 0 || len(c.Document) > 0 {
		t.Errorf("roles, RACI, review team or duties changed: %+v", c)
	}
	if len(c.People) != 1 || c.People[0].ID != changed || len(c.People[0].Fields) != 1 || c.People[0].Fields[0].Name != "job title" {
		t.Errorf("want only %s's job title changed, got %+v", changed, c.People)
	}
}
