package pipeline_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// personalMarkers are the texts by which a file would show personal data
// of the pack in one language, as the full (ISMS) view words them: each
// finding's message and fix and its place in the sources, each training
// plan row's action, and the evidence of each record that meets or falls
// short of a person's need (unless the pack gives the same words as an
// appointment's or an acknowledgement's evidence, which every reader may
// see).
func personalMarkers(v *view.View) map[string]string {
	shown := map[string]bool{}
	for _, r := range v.Pack.Roles {
		for _, a := range r.Assignments {
			shown[a.Evidence] = true
			// An appointment's evidence may quote a record's
			// ("registration 2016-0442; delegation NJ-CUS-2025-01").
			for _, part := range strings.Split(a.Evidence, ";") {
				shown[strings.TrimSpace(part)] = true
			}
		}
	}
	for _, a := range v.Pack.Acknowledgements {
		shown[a.Evidence] = true
	}
	m := map[string]string{}
	add := func(kind, s string) {
		if s = strings.Join(strings.Fields(s), " "); len(s) > 12 {
			m[s] = kind
		}
	}
	for _, f := range v.Report.Findings {
		add("a finding ("+f.Rule+")", v.FindingMessage(f))
		add("a fix ("+f.Rule+")", v.FindingFix(f))
		if f.Pos.Line > 0 {
			add("a place in the sources", fmt.Sprintf("%s:%d", f.Pos.File, f.Pos.Line))
		}
	}
	for _, g := range v.Competence.Plan {
		add("a training plan row", v.TrainingAction(g))
	}
	for _, pv := range v.People {
		for _, n := range pv.Needs {
			if n.Record != nil && !shown[n.Record.Evidence] {
				add("a competence record's evidence", n.Record.Evidence)
			}
		}
	}
	for _, pv := range v.People {
		for _, n := range pv.Needs {
			if n.Gap() {
				add("a gap", v.Words.Text("site.person.gap"))
			}
		}
	}
	return m
}

// heldCell is a competence matrix cell of the ISMS edition: a level held
// over the level required ("2/3").
var heldCell = regexp.MustCompile(`^\d+/\d+$`)

// siteTexts is the text of every page of the site directory dir (without
// the translations' subdirectories when skip names them), with the held
// cells it has, and the search index.
func siteTexts(t *testing.T, dir string, skip map[string]bool) (all string, heldCells int) {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() && skip[filepath.ToSlash(rel)] {
			return filepath.SkipDir
		}
		switch filepath.Ext(path) {
		case ".html":
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			doc, err := html.Parse(strings.NewReader(string(data)))
			if err != nil {
				return err
			}
			b.WriteString(text(doc) + "\n")
			for _, td := range find(doc, element("td")) {
				if heldCell.MatchString(text(td)) {
					heldCells++
				}
			}
		case ".js":
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			b.Write(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String(), heldCells
}

// The staff-facing files — the staff site, the controlled document, its
// sign-off copy and the Word file, in every language — hold no person's
// competence record, held level, gap or training, and no finding's text,
// fix or place in the sources (docs/readers.md); the ISMS edition holds
// every one of them. Run on the minimal, example, second and M packs
// (every pack with ROLEPACK_TEST_ALL=1).
func TestStaffFilesHoldNoPersonalData(t *testing.T) {
	pdftotext := packtest.NeedTool(t, "pdftotext")
	for _, pk := range packtest.Packs(t) {
		if pk.Name != "minimal" && pk.Name != "example" && pk.Name != "second" && pk.Name != "synth-m" && !packtest.Exhaustive() {
			continue
		}
		t.Run(pk.Name, func(t *testing.T) {
			out := buildPack(t, pk, "site", "isms", "pdf", "docx")
			asOf := pk.AsOf.Time()
			l, err := pipeline.Load(context.Background(), pipeline.Options{Content: pk.Dir, Getenv: func(string) string { return "" }, Now: func() time.Time { return asOf }})
			if err != nil {
				t.Fatal(err)
			}
			translations := map[string]bool{}
			for _, lang := range l.Pack.Languages[1:] {
				translations[lang] = true
			}
			var leaks, missing int
			for i, lang := range l.Pack.Languages {
				p, rep := l.Pack, l.Report
				files := out
				if i > 0 {
					if p, err = l.Pack.Translated(lang); err != nil {
						t.Fatal(err)
					}
					rep = check.Run(p, pk.AsOf)
					files = filepath.Join(out, lang)
				}
				v := view.New(p, l.Stamp, rep, view.WithWords(l.Words[lang]))
				markers := personalMarkers(v)

				staff := map[string]string{}
				skip := translations
				if i > 0 {
					skip = nil
				}
				staffSite, staffHeld := siteTexts(t, filepath.Join(out, site.Staff.LanguageDir(l.Pack.Language, lang)), skip)
				staff["the staff site"] = staffSite
				for _, name := range []string{"roles-and-responsibilities.pdf", "acknowledgement-sheets.pdf"} {
					data, err := exec.Command(pdftotext, "-enc", "UTF-8", filepath.Join(files, name), "-").Output()
					if err != nil {
						t.Fatal(err)
					}
					staff[name] = strings.Join(strings.Fields(string(data)), " ")
				}
				staff["the Word file"] = strings.Join(strings.Fields(zipText(t, filepath.Join(files, "roles-and-responsibilities.docx"))), " ")

				for name, text := range staff {
					for s, kind := range markers {
						if strings.Contains(text, s) {
							if leaks++; leaks <= 20 {
								t.Errorf("%s: %s holds %s: %q", lang, name, kind, s)
							}
						}
					}
					if m := regexp.MustCompile(`[\w./-]+\.toml:\d+`).FindString(text); m != "" {
						t.Errorf("%s: %s holds a place in the sources: %q", lang, name, m)
					}
				}
				if staffHeld > 0 {
					t.Errorf("%s: the staff site has %d held/required competence cells", lang, staffHeld)
				}

				isms, ismsHeld := siteTexts(t, filepath.Join(out, site.ISMS.LanguageDir(l.Pack.Language, lang)), skip)
				for s, kind := range markers {
					if !strings.Contains(isms, s) {
						if missing++; missing <= 20 {
							t.Errorf("%s: the ISMS edition lacks %s: %q", lang, kind, s)
						}
					}
				}
				var requiring int
				for _, row := range v.Competence.Rows {
					for _, c := range row.Cells {
						if c.Required > 0 {
							requiring++
						}
					}
				}
				if ismsHeld < requiring {
					t.Errorf("%s: the ISMS edition's matrix has %d held/required cells, the view %d", lang, ismsHeld, requiring)
				}
				t.Logf("%s: %d personal texts, none in the staff files, all in the ISMS edition; %d held levels", lang, len(markers), ismsHeld)
			}
		})
	}
}
