package pdf_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/document"
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
	for _, f := range fixtures(t) {
		pk, v := f.Pack, f.View
		t.Run(pk.Name, func(t *testing.T) {
			t.Parallel()
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
			m := document.New(v)
			checkTokens(t, "document", pages, tableTokens(m))
			checkHyphens(t, "document", pages, m.Text())
			checkChartBoxes(t, "document", pages)
			t.Logf("document: %d pages", len(pages))
			pages = checkLayout(t, "sheets", sheetPath)
			checkSheets(t, "sheets", pages, signers)
			checkHyphens(t, "sheets", pages, m.Text()) // the sheets state what the document states
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
// and authority limit and a person's name: whatever the text, both PDFs,
// and the person's brief and appointment letter, must satisfy the layout
// invariants.
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
		m := document.New(v)
		checkHyphens(t, "document", checkLayout(t, "document", writeRaw(t, doc)), m.Text())
		checkSheets(t, "sheets", checkLayout(t, "sheets", writeRaw(t, sheets)), signers)
		// Eve's brief and letter carry the text too, through the letter
		// template's Markdown.
		files := renderAll(t, v)
		for _, name := range []string{"people/eve/brief.pdf", "people/eve/appointment-auditor.pdf"} {
			pages := checkLayout(t, name, writeRaw(t, files[name]))
			if strings.HasSuffix(name, "brief.pdf") {
				checkSheets(t, name, pages, []string{personByID(v, "eve").Name})
			}
		}
	})
}

// TestRACIGridShowsFullNames: the grid's role headers carry every role's
// full name, turned and wrapped (the second pack, 26 roles), or, when a
// name cannot fit a header, numbered columns with a key naming every role
// in full on every page of the grid (a synthetic pack of 28 roles whose
// names are about 80 characters long).
func TestRACIGridShowsFullNames(t *testing.T) {
	need(t, "pdftotext")
	second, err := model.Load(filepath.Join(packtest.ModuleRoot(t), "testdata", "packs", "second"))
	if err != nil {
		t.Fatal(err)
	}
	long := synthPack(t, 28, func(name string, data []byte) []byte {
		if strings.HasPrefix(name, "roles/") {
			return []byte(strings.Replace(string(data), `name = "`, `name = "Deputy Officer for Security Governance and Regulatory Compliance `, 1))
		}
		return data
	})
	for _, c := range []struct {
		name  string
		p     *model.Pack
		keyed bool
	}{{"second", second, false}, {"long names", long, true}} {
		t.Run(c.name, func(t *testing.T) {
			v := view.New(c.p, st, nil)
			if !v.RACI.Grid {
				t.Fatal("the RACI is not a grid")
			}
			data, err := pdf.Document(v)
			if err != nil {
				t.Fatal(err)
			}
			path := write(t, data)
			raci := section(t, path, "5 RACI matrix", "6 Competence")
			if keyed := strings.Contains(raci, "Role columns:"); keyed != c.keyed {
				t.Fatalf("numbered columns with a key: %v, want %v", keyed, c.keyed)
			}
			for i, r := range v.RACI.Roles {
				want := flat(r.Name)
				if c.keyed {
					want = strconv.Itoa(i+1) + " = " + want
				}
				if !strings.Contains(raci, want) {
					t.Errorf("the grid does not show %q", want)
				}
			}
			if c.keyed {
				// The key is repeated on every page of the grid.
				grid, keyed := 0, 0
				for _, pg := range strings.Split(text(t, path), "\f") {
					if strings.Contains(pg, "\nActivity\n") || strings.HasPrefix(pg, "Activity") {
						grid++
						if strings.Contains(pg, "Role columns:") {
							keyed++
						}
					}
				}
				if grid < 2 || keyed != grid {
					t.Errorf("%d grid pages, %d with the key; want at least 2, all keyed", grid, keyed)
				}
			}
		})
	}
}
