package importxlsx_test

import (
	"bytes"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/importxlsx"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/packtest"
)

// inLanguage is the commented pack with its outputs in lang, and Dora
// Deputy, the Chief Executive's deputy, gone: the register shows her
// status beside her name.
func inLanguage(lang string) string {
	a := packtest.Edit(commented, "pack.toml", "[organisation]", "language = \""+lang+"\"\n\n[organisation]")
	return packtest.Edit(a, "people.toml", "name = \"Dora Deputy\"", "name = \"Dora Deputy\"\nstatus = \"leaver\"\nleft_on = 2026-10-01")
}

// A workbook built in German or Japanese imports: its sheets and columns
// are found in its language, and a deputy with a status is read as the
// register writes it in that language.
func TestRoundTripInLanguages(t *testing.T) {
	for _, lang := range []string{"de", "ja"} {
		t.Run(lang, func(t *testing.T) {
			dir := packtest.Write(t, inLanguage(lang))
			before := snapshot(t, dir)
			file := workbook(t, dir)
			words := messages.Builtin(lang)
			raciSheet, register := xlsx.SheetName(words, xlsx.SheetRACI), xlsx.SheetName(words, xlsx.SheetRegister)
			if register == xlsx.SheetRegister {
				t.Fatalf("the role register is named %q, as in English", register)
			}

			b := open(t, file)
			deputyHeader := words.Text("workbook.register.deputy")
			// The leaver deputy is shown with her status, in the language.
			leaver := b.cell(register, 3, "Carla Chief", deputyHeader)
			want := words.Text("workbook.register.deputy_status", "name", "Dora Deputy", "status", words.Text("workbook.common.leaver"))
			if got := b.get(register, leaver); got != want || !strings.Contains(got, "Dora Deputy") || got == "Dora Deputy (leaver)" {
				t.Fatalf("register shows the leaver deputy as %q, want %q", got, want)
			}
			edits := map[string]string{
				b.cell(raciSheet, 3, "Run the internal audit", "Internal Auditor"):             "",  // an R cleared
				b.cell(raciSheet, 3, "Run the internal audit", "Information Security Manager"): "R", // C → R
			}
			for c, v := range edits {
				b.set(raciSheet, c, v)
			}
			b.set(register, b.cell(register, 3, "Bob Builder", deputyHeader), "Eve Auditor")
			b.save()

			plan, err := importxlsx.Read(file, dir, false)
			if err != nil {
				t.Fatal(err)
			}
			if plan.Cells != 3 {
				t.Errorf("%d cells changed, want 3", plan.Cells)
			}
			if err := plan.Write(dir); err != nil {
				t.Fatal(err)
			}
			after := snapshot(t, dir)
			wantLines := map[string][]string{
				"raci.toml":           {"+responsible = \"ism\"", "-responsible = \"auditor\"", "-consulted = [\"ism\"]"},
				"roles/sysadmin.toml": {"+deputy = \"eve\" # until the new hire starts", "-deputy = \"ann\" # until the new hire starts"},
			}
			for path, data := range after {
				got := changedLines(before[path], data)
				w := wantLines[filepath.ToSlash(path)]
				if strings.Join(got, "\n") != strings.Join(w, "\n") {
					t.Errorf("%s changed by\n%s\nwant\n%s", path, strings.Join(got, "\n"), strings.Join(w, "\n"))
				}
			}
			// Rebuilt and imported again, nothing changes.
			plan, err = importxlsx.Read(workbook(t, dir), dir, false)
			if err != nil || len(plan.Files) != 0 {
				t.Errorf("re-import: %v, %d files", err, len(plan.Files))
			}
		})
	}
}

// languageProperty matches the custom property that records the
// workbook's language.
var languageProperty = regexp.MustCompile(`<property [^>]*name="` + regexp.QuoteMeta(xlsx.LanguageProperty) + `"[^>]*>.*?</property>`)

// withoutLanguage rewrites a workbook file without the property that
// records its language, as a rolepack older than the languages wrote it.
func withoutLanguage(t *testing.T, file string) {
	t.Helper()
	packtest.EditZip(t, file, "docProps/custom.xml", func(part []byte) []byte { return languageProperty.ReplaceAll(part, nil) })
}

// A workbook that records no language, as an older rolepack built it or
// a program that drops custom properties saved it, is read in the
// language whose sheet names it has: an English one as it always was, a
// German one as German, with its status words.
func TestWorkbookWithoutLanguage(t *testing.T) {
	dir := packtest.Write(t, commented)
	file := workbook(t, dir)
	withoutLanguage(t, file)
	b := open(t, file)
	b.set(xlsx.SheetRACI, raci(b, "Run the internal audit", "Information Security Manager"), "R")
	b.save()
	plan, err := importxlsx.Read(file, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Cells != 1 || len(plan.Files) != 1 {
		t.Errorf("%d cells, %d files changed; want 1 and 1", plan.Cells, len(plan.Files))
	}

	dir = packtest.Write(t, inLanguage("de"))
	file = workbook(t, dir)
	withoutLanguage(t, file)
	words := messages.Builtin("de")
	register := xlsx.SheetName(words, xlsx.SheetRegister)
	b = open(t, file)
	// Unchanged, the leaver deputy's status in German is read as German.
	b.set(register, b.cell(register, 3, "Bob Builder", words.Text("workbook.register.deputy")), "Eve Auditor")
	b.save()
	plan, err = importxlsx.Read(file, dir, false)
	if err != nil {
		t.Fatalf("a German workbook without its language: %v", err)
	}
	if plan.Cells != 1 || len(plan.Files) != 1 || !bytes.Contains(plan.Files["roles/sysadmin.toml"], []byte(`deputy = "eve"`)) {
		t.Errorf("%d cells, files %v; want the deputy of roles/sysadmin.toml changed", plan.Cells, slices.Collect(maps.Keys(plan.Files)))
	}
}
