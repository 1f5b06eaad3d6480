package packtest

import (
	"os"
	"path/filepath"
	"testing"
)

// HRPeople is the people.toml of an HR pack: the export supplies the
// employees; people.toml adds the external auditor and gives Ann a sort name.
const HRPeople = `# Employees come from hr/people.csv; this file adds the rest.
[[person]]
id = "ann"
sort_name = "Admin"

[[person]]
id = "eve"
name = "Eve Auditor"
job_title = "Auditor"
external = true
company = "Audit Partners"
`

// HR returns packtest.Minimal with its employees taken from the HR export
// fixture testdata/hr/NAME.csv of the module ("bamboohr", "personio",
// "bamboohr-bad", …), read with the preset its name starts with.
func HR(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(ModuleRoot(t), "testdata", "hr", name+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	people := "\n[people]\nsource = \"hr/people.csv\"\npreset = \"bamboohr\"\n"
	if len(name) >= 8 && name[:8] == "personio" {
		people = "\n[people]\nsource = \"hr/people.csv\"\npreset = \"personio\"\ndate_format = \"02.01.2006\"\n"
	}
	return Edit(With(Minimal, "-- people.toml --\n"+HRPeople+"-- hr/people.csv --\n"+string(data)),
		"pack.toml", "summary = \"First issue.\"\n", "summary = \"First issue.\"\n"+people)
}
