package check_test

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/fonts"
	"github.com/rolepack/rolepack/internal/packtest"
	"github.com/rolepack/rolepack/templates"
)

// fontFindings are the RP-FONT-01 findings of a pack, as "pos: message | fix".
func fontFindings(t *testing.T, pack string) []string {
	t.Helper()
	var out []string
	for _, f := range check.Run(packtest.Load(t, pack), today).Findings {
		if f.Rule == "RP-FONT-01" {
			out = append(out, f.Pos.String()+": "+f.Message+" | "+f.Fix)
		}
	}
	return out
}

// A value with characters no face has is one finding, at the value, naming
// a character of each missing script and the font to add for it.
func TestUnprintable(t *testing.T) {
	for _, tc := range []struct {
		name, file, old, new string
		want                 string
	}{
		{"Japanese name", "people.toml", `name = "Dora Deputy"`, `name = "田中 ドーラ"`,
			`people.toml:23:1: The "name" of [[person]] "田中 ドーラ" has characters that no font of the pack can print: U+7530 '田' (Han), U+30C9 'ド' (Katakana), U+30FC 'ー' (CJK symbols). | ` +
				`add to pack.toml [[font]] family = "Noto Sans CJK JP" (on Debian: apt install fonts-noto-cjk)`},
		{"Hebrew and an emoji in a responsibility", "roles/ism.toml", `"Report ISMS performance"`, `"Report ISMS performance דוח 📈"`,
			`roles/ism.toml:7:49: The entry 2 of "responsibilities" "Report ISMS performance דוח 📈" has characters that no font of the pack can print: U+05D3 'ד' (Hebrew), U+1F4C8 '📈' (emoji / symbols). | ` +
				`add to pack.toml [[font]] family = "Noto Sans Hebrew" (on Debian: apt install fonts-noto-core); and remove the emoji and symbols, which no font the PDF can embed has`},
		{"Korean, Thai and Georgian in a job title", "people.toml", `job_title = "Operations Lead"`, `job_title = "한국 ไทย ქართ"`,
			`people.toml:24:1: The "job_title" of [[person]] "한국 ไทย ქართ" has characters that no font of the pack can print: U+D55C '한' (Hangul), U+0E44 'ไ' (Thai), U+10E5 'ქ' (Georgian). | ` +
				`add to pack.toml [[font]] family = "Noto Sans CJK KR" (on Debian: apt install fonts-noto-cjk), and [[font]] family = "Noto Sans Thai" (on Debian: apt install fonts-noto-core), and [[font]] family = "Noto Sans Georgian" (on Debian: apt install fonts-noto-core)`},
		{"an emoji in a role's name", "roles/ism.toml", `name = "Information Security Manager"`, `name = "Information Security Manager 😀"`,
			`roles/ism.toml:2:1: The "name" "Information Security Manager 😀" has characters that no font of the pack can print: U+1F600 '😀' (emoji / symbols). | ` +
				`remove them: no font the PDF can embed has emoji; for other symbols add a [[font]] file that has them (docs/format.md)`},
		{"Latin, Greek and Cyrillic print", "people.toml", `name = "Dora Deputy"`, `name = "Zoë Ωμέγα Жанна Nguyễn"`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := fontFindings(t, packtest.Edit(packtest.Minimal, tc.file, tc.old, tc.new))
			if tc.want == "" && len(got) != 0 || tc.want != "" && (len(got) != 1 || got[0] != tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// With a [[font]] for the script, the name prints: no finding.
func TestPrintableWithAFont(t *testing.T) {
	if _, err := os.Stat("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v: install fonts-noto-cjk", err)
		}
		t.Skip(err)
	}
	t.Setenv(fonts.DirsEnv, "/usr/share/fonts")
	pack := packtest.Edit(packtest.Minimal, "people.toml", `name = "Dora Deputy"`, `name = "田中 ドーラ"`)
	pack = packtest.Edit(pack, "pack.toml", `summary = "First issue."`, "summary = \"First issue.\"\n\n[[font]]\nfamily = \"Noto Sans CJK JP\"")
	if got := fontFindings(t, pack); len(got) != 0 {
		t.Errorf("findings with the CJK font: %q", got)
	}
	// An emoji still has no font.
	pack = packtest.Edit(pack, "people.toml", `name = "田中 ドーラ"`, `name = "田中 ドーラ 😀"`)
	if got := fontFindings(t, pack); len(got) != 1 || !strings.Contains(got[0], "U+1F600") || strings.Contains(got[0], "U+7530") {
		t.Errorf("findings: %q", got)
	}
}

// A pack's own letter template prints its text in every letter: a line of
// it with characters no face has is a finding at the line.
func TestUnprintableLetterTemplate(t *testing.T) {
	def, err := fs.ReadFile(templates.Files(), "letters/appointment.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Count(string(def), "\n")
	pack := packtest.Minimal + "-- templates/letters/appointment.md --\n" + string(def) + "Met vriendelijke groet — שלום\n"
	got := fontFindings(t, pack)
	want := fmt.Sprintf(`templates/letters/appointment.md:%d:1: The letter template line "Met vriendelijke groet — שלום" has characters that no font of the pack can print: U+05E9 'ש' (Hebrew).`, lines+1)
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("got  %q\nwant %q…", got, want)
	}
}
