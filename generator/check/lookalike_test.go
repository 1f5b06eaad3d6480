package check_test

import (
	"fmt"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/internal/packtest"
)

// RP-PPL-02 compares names as a reader sees them: two spellings of the same
// letters (NFC and NFD), the invisible joiners and selectors a name may
// hold, case and spacing make no difference; other letters do.
func TestLookAlikeNames(t *testing.T) {
	for _, tc := range []struct {
		name          string
		first, second string // the names of two people
		warn          bool
	}{
		{"decomposed accents (NFD)", "Zoë Núñez", "Zoe\u0308 Nu\u0301n\u0303ez", true},
		{"zero-width joiner", "Dora Deputy", "Dora\u200d Deputy", true},
		{"zero-width non-joiner in Persian", "مریم حسن\u200cزاده", "مریم حسنزاده", true},
		{"variation selector", "葛\U000e0100城 太郎", "葛城 太郎", true},
		{"case and a no-break space", "Dora Deputy", "DORA\u00a0deputy", true},
		{"another letter", "Dora Deputy", "Dora Deputies", false},
		{"another accent", "José Álvarez", "Jose Alvarez", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pack := packtest.Edit(packtest.Minimal, "people.toml", `name = "Dora Deputy"`, fmt.Sprintf("name = %q", tc.first))
			pack = packtest.Edit(pack, "people.toml", "company = \"Audit Partners\"",
				fmt.Sprintf("company = \"Audit Partners\"\n\n[[person]]\nid = \"dora-two\"\nname = %q\njob_title = \"Clerk\"", tc.second))
			var got []string
			for _, f := range check.Run(packtest.Load(t, pack), today).Findings {
				if f.Rule == "RP-FONT-01" {
					continue // the pack names no font for Arabic or Han: a finding of its own (TestUnprintable)
				}
				got = append(got, fmt.Sprintf("%s %s %s", f.Pos, f.Rule, f.Message))
			}
			want := fmt.Sprintf("people.toml:35:1 RP-PPL-02 dora and dora-two are both called %q.", tc.second)
			switch {
			case tc.warn && (len(got) != 1 || got[0] != want):
				t.Errorf("findings %q, want %q", got, want)
			case !tc.warn && len(got) != 0:
				t.Errorf("findings %q, want none", got)
			}
		})
	}
}
