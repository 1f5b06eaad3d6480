package pdf_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pdf"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// TestLayoutInvariants builds both PDFs of every pack of the set (example,
// second, minimal, small synthetic packs, synth M unless -short, stress)
// and checks the layout invariants on every page. With PDF_LAYOUT_DIR set,
// the PDFs are also written there, to look at.
func TestLayoutInvariants(t *testing.T) {
	need(t, "pdftotext")
	keep := os.Getenv("PDF_LAYOUT_DIR")
	for _, pk := range packtest.Packs(t) {
		t.Run(pk.Name, func(t *testing.T) {
			p, err := model.Load(pk.Dir)
			if err != nil {
				t.Fatal(err)
			}
			v := view.New(p, st, check.Run(p, pk.AsOf))
			doc, err := pdf.Document(v)
			if err != nil {
				t.Fatal(err)
			}
			sheets, err := pdf.SignOff(v)
			if err != nil {
				t.Fatal(err)
			}
			var signers []string
			for _, pv := range v.Seated {
				signers = append(signers, pv.Name)
			}
			docPath, sheetPath := writeRaw(t, doc), writeRaw(t, sheets)
			pages := checkLayout(t, "document", docPath)
			t.Logf("document: %d pages", len(pages))
			pages = checkLayout(t, "sheets", sheetPath)
			checkSheets(t, "sheets", pages, signers)
			t.Logf("sheets: %d pages for %d people", len(pages), len(signers))
			if keep != "" {
				for name, data := range map[string][]byte{"document": doc, "sheets": sheets} {
					if err := os.WriteFile(filepath.Join(keep, pk.Name+"-"+name+".pdf"), data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		})
	}
}

// FuzzLayout puts fuzzed text into a role's name, purpose, responsibility
// and authority limit and a person's name: whatever the text, both PDFs
// must satisfy the layout invariants.
func FuzzLayout(f *testing.F) {
	for _, s := range []string{"Auditor", "Zoë Ñúñez Ελένη Дмитрий Nguyễn Thị Ngọc Ánh Trương", strings.Repeat("long words of text ", 60),
		strings.Repeat("x", 400), "- a\n- b\n\n1. c", "RP-COM-P-01 roles/business-continuity-manager.toml:25 A.5.24, A.5.25, A.5.26",
		strings.Repeat("Přílišžluťoučkýkůň ", 30) + strings.Repeat("Ω", 120)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := exec.LookPath("pdftotext"); err != nil {
			need(t, "pdftotext")
		}
		q := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(s)
		archive := packtest.With(packtest.Minimal, `-- roles/auditor.toml --
id = "auditor"
name = "A `+q+`"
category = "Assurance"
purpose = "`+q+`"
reports_to = "ceo"
responsibilities = ["Audit `+q+`", "`+q+` `+q+`"]

[[authority]]
text = "Inspect `+q+`"
limit = "`+q+`"

[[assignment]]
person = "eve"
appointed_on = 2025-04-01
evidence = "C-9 `+q+`"
deputy = "dora"
`)
		archive = packtest.Edit(archive, "people.toml", `name = "Eve Auditor"`, `name = "Eve `+q+`"`)
		p, err := model.Load(packtest.Write(t, archive))
		if err != nil {
			return // the loader refused it, with a message: nothing to render
		}
		v := view.New(p, st, check.Run(p, st.Date()))
		doc, err := pdf.Document(v)
		if err != nil {
			t.Fatal(err)
		}
		sheets, err := pdf.SignOff(v)
		if err != nil {
			t.Fatal(err)
		}
		var signers []string
		for _, pv := range v.Seated {
			signers = append(signers, pv.Name)
		}
		checkLayout(t, "document", writeRaw(t, doc))
		checkSheets(t, "sheets", checkLayout(t, "sheets", writeRaw(t, sheets)), signers)
	})
}
