package importxlsx_test

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/importxlsx"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/packtest"
)

// Comments on and around the lines an edit touches are kept: a letter
// moved (S → R, I → C) keeps its line's comment, a key removed leaves its
// comment where it stood, and the comments inside an array written over
// several lines stay above its key.
func TestEditsKeepComments(t *testing.T) {
	pack := packtest.Edit(commented, "raci.toml",
		"informed = [\"sysadmin\"]",
		"# who hears of it\ninformed = [\"sysadmin\"] # the weekly report\n# agreed at MRT 2026-04")
	pack = packtest.Edit(pack, "raci.toml",
		"responsible = \"auditor\"\naccountable = \"ceo\"\nconsulted = [\"ism\"]",
		"responsible = \"auditor\" # leads\naccountable = \"ceo\"\n  supporting = \"sysadmin\" # collects the logs\nconsulted = [\"ism\"]")
	pack = packtest.Edit(pack, "raci.toml",
		"responsible = [\"sysadmin\"]\naccountable = \"ism\"\n",
		"responsible = [\"sysadmin\"]\naccountable = \"ism\"\ninformed = [\n  \"ceo\", # a monthly summary\n  \"auditor\",\n] # both\n")
	pack = packtest.Edit(pack, "raci.toml",
		"name = \"Respond to security incidents\"\nprocess = \"Incident management\"\nresponsible = \"sysadmin\"\naccountable = \"ism\"\n",
		"name = \"Respond to security incidents\"\nprocess = \"Incident management\"\nresponsible = \"sysadmin\"\naccountable = \"ism\"\ninformed = [\"ceo\"] # told at once\n")
	dir := packtest.Write(t, pack)
	file := workbook(t, dir)
	b := open(t, file)
	for _, e := range []struct{ activity, role, value string }{
		{"Assess information security risks", "System Administrator", "C"}, // I → C
		{"Run the internal audit", "System Administrator", "R"},            // S → R
		{"Patch servers", "Chief Executive", ""},                           // an I cleared
		{"Respond to security incidents", "Chief Executive", ""},           // an I cleared,
		{"Respond to security incidents", "Internal Auditor", "C"},         // and another role's C added
	} {
		b.set(xlsx.SheetRACI, raci(b, e.activity, e.role), e.value)
	}
	b.save()
	plan, err := importxlsx.Read(file, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	got := string(plan.Files["raci.toml"])
	for _, want := range []string{
		"accountable = \"ceo\"\n# who hears of it\nconsulted = \"sysadmin\" # the weekly report\n# agreed at MRT 2026-04\n",
		"responsible = [\"auditor\", \"sysadmin\"] # leads\naccountable = \"ceo\"\n  # collects the logs\nconsulted = [\"ism\"]\n",
		"accountable = \"ism\"\n# a monthly summary\ninformed = \"auditor\" # both\n",
		"# Patching is weekly; agreed at MRT 2026-04.\n[[activity]]",
		// The comment is the Chief Executive's: it does not go to the
		// Internal Auditor's new key.
		"accountable = \"ism\"\n# told at once\nconsulted = \"auditor\"\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("raci.toml lacks\n%s\nit is:\n%s", want, got)
		}
	}
	if plan.Cells != 5 {
		t.Errorf("%d cells changed, want 5", plan.Cells)
	}
}
