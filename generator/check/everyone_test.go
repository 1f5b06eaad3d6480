package check_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/internal/packtest"
)

// Gaps against a role held by everyone are one RP-COMP-03 per requirement,
// naming the first three people and counting the rest and the overdue;
// booked training past its date is still RP-COMP-02 at the booking, and
// the checklist counts every gap and every overdue row.
func TestEveryoneGapsAreOneFinding(t *testing.T) {
	// Eve started after the effective date: her training is due 90 days
	// after 2026-11-01, so not yet overdue on 2026-11-24.
	eveStarts := packtest.Edit(awareness, "people.toml", "company = \"Audit Partners\"", "company = \"Audit Partners\"\nstarted_on = 2026-11-01")
	annTrained := packtest.Edit(eveStarts, "competences.toml", "[[record]]\nperson = \"ann\"",
		"[[record]]\nperson = \"ann\"\ncompetence = \"awareness\"\nlevel = 1\nevidence = \"LMS\"\ndate = 2026-07-01\n\n[[record]]\nperson = \"ann\"")
	bobBooked := packtest.Edit(annTrained, "competences.toml", "[[record]]\nperson = \"ann\"\ncompetence = \"awareness\"",
		"[[record]]\nperson = \"bob\"\ncompetence = \"awareness\"\nlevel = 1\ndate = 2026-10-01\nstatus = \"planned\"\n\n[[record]]\nperson = \"ann\"\ncompetence = \"awareness\"")
	cases := []struct {
		name    string
		pack    string
		message string
		others  []string // the other competence findings, "file:line:col rule"
		gaps    string   // the checklist's competence evidence
	}{
		{"all", awareness,
			`5 people have no record of Security awareness at level 1, which "All staff" requires of everyone: Ann Admin, Bob Builder, Carla Chief and 2 more. All 5 are past the due date.`,
			nil, "2 competence records; 5 gaps, each in the training plan|5 past their due date"},
		{"some overdue", annTrained,
			`4 people have no record of Security awareness at level 1, which "All staff" requires of everyone: Bob Builder, Carla Chief, Dora Deputy and 1 more. 3 of them are past the due date.`,
			nil, "3 competence records; 4 gaps, each in the training plan|3 past their due date"},
		{"booked", bobBooked,
			`4 people have no record of Security awareness at level 1, which "All staff" requires of everyone: Bob Builder, Carla Chief, Dora Deputy and 1 more. 3 of them are past the due date.`,
			[]string{"competences.toml:23:1 RP-COMP-02"}, "4 competence records; 4 gaps, each in the training plan|3 past their due date"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := check.Run(packtest.Load(t, tc.pack), today)
			var own []check.Finding
			var others []string
			for _, f := range r.Findings {
				switch {
				case f.Rule == "RP-COMP-03":
					own = append(own, f)
				case strings.HasPrefix(f.Rule, "RP-COMP"):
					others = append(others, fmt.Sprintf("%s %s", f.Pos, f.Rule))
				}
			}
			if len(own) != 1 {
				t.Fatalf("RP-COMP-03 findings: %+v, want one", own)
			}
			if got := own[0].Pos.String(); got != "roles/staff.toml:13:1" {
				t.Errorf("RP-COMP-03 at %s, want the requirement's line roles/staff.toml:13:1", got)
			}
			if own[0].Message != tc.message {
				t.Errorf("message:\n got %s\nwant %s", own[0].Message, tc.message)
			}
			if !slices.Equal(others, tc.others) {
				t.Errorf("other competence findings %v, want %v", others, tc.others)
			}
			for _, it := range r.Checklist {
				if it.ID == check.ItemCompetence {
					if got := strings.Join(it.Evidence, "|"); got != tc.gaps {
						t.Errorf("checklist evidence %q, want %q", got, tc.gaps)
					}
				}
			}
		})
	}
}

// One person without it is named alone, and nothing follows the name.
func TestEveryoneGapOnePerson(t *testing.T) {
	var pack = awareness
	for _, p := range []string{"ceo-person", "bob", "dora", "eve"} {
		pack = packtest.Edit(pack, "competences.toml", "[[record]]\nperson = \"ann\"",
			"[[record]]\nperson = \""+p+"\"\ncompetence = \"awareness\"\nlevel = 1\nevidence = \"LMS\"\ndate = 2026-07-01\n\n[[record]]\nperson = \"ann\"")
	}
	r := check.Run(packtest.Load(t, pack), today)
	for _, f := range r.Findings {
		if f.Rule == "RP-COMP-03" {
			want := `1 person has no record of Security awareness at level 1, which "All staff" requires of everyone: Ann Admin. It is past the due date.`
			if f.Message != want {
				t.Errorf("message:\n got %s\nwant %s", f.Message, want)
			}
			return
		}
	}
	t.Fatal("no RP-COMP-03")
}
