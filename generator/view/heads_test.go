package view_test

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

func TestHeadsFit(t *testing.T) {
	for _, tc := range []struct {
		name string
		fits bool
	}{
		{"Internal Auditor", true},
		{"Top Management (Chief Executive Officer)", true},
		{"Head of Security Operations and Incident Response Lead", true},
		{"情報セキュリティ管理責任者", true},
		{strings.Repeat("情", 30), false},                       // three lines of ideographs
		{"Zollabfertigungsdokumentenprüfungsverfahren", false}, // one word longer than a line
		{strings.Repeat("Word ", 12), false},
		{strings.Repeat("x", 300), false},
		{"", true},
	} {
		if got := view.HeadsFit([]string{"Risk Owner", tc.name}); got != tc.fits {
			t.Errorf("HeadsFit(%q) = %v, want %v", tc.name, got, tc.fits)
		}
	}
	if view.HeadEms("MW") <= view.HeadEms("il") {
		t.Error("HeadEms does not tell wide letters from narrow ones")
	}
	if view.HeadEms("e\u0301") != view.HeadEms("e") {
		t.Error("a combining mark adds width")
	}
}

// TestNumberedColumns: the grids of the set's packs number their columns
// exactly when a name does not fit a turned header, and every pack with a
// name of the stress pack's length numbers them.
func TestNumberedColumns(t *testing.T) {
	for _, lp := range packtest.LoadAll(t) {
		v := view.New(lp.Model, stamp.Stamp{}, nil)
		var roles, comps []string
		for _, r := range v.RACI.Roles {
			roles = append(roles, r.Name)
		}
		for _, c := range v.Competence.Competences {
			comps = append(comps, c.Name)
		}
		if v.RACI.Numbered != !view.HeadsFit(roles) || v.Competence.Numbered != !view.HeadsFit(comps) {
			t.Errorf("%s: Numbered does not follow HeadsFit", lp.Name)
		}
		long := false
		for _, r := range roles {
			long = long || len([]rune(r)) >= packtest.StressTextRunes
		}
		if long && !v.RACI.Numbered {
			t.Errorf("%s: a role name of %d characters, and the RACI's columns are not numbered", lp.Name, packtest.StressTextRunes)
		}
		if lp.Name == "example" && (v.RACI.Numbered || v.Competence.Numbered) {
			t.Errorf("example: its names fit turned headers, but the columns are numbered")
		}
	}
}
