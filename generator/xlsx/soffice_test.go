package xlsx_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/synth"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/packtest"
)

// These tests open the workbook in LibreOffice, as a person would, and read
// back what it computes. They are skipped where LibreOffice is not
// installed, and fail there with CI=true; docs/xlsx.md says how to run them.

func soffice(t *testing.T) string {
	t.Helper()
	return packtest.NeedTool(t, "soffice")
}

// staleCache replaces the cached result of every formula with -1, so that
// what LibreOffice shows can only come from evaluating the formulas.
func staleCache(t *testing.T, data []byte) []byte {
	t.Helper()
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	cached := regexp.MustCompile(`(</f>)<v>[^<]*</v>`)
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(f.Name) == "xl/worksheets" {
			body = cached.ReplaceAll(body, []byte("$1<v>-1</v>"))
		}
		fw, err := w.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(body)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// alwaysRecalc sets LibreOffice's "recalculation on file load" for Excel
// files to "always".
const alwaysRecalc = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// sheetsAsCSV converts every sheet of the workbook to CSV with LibreOffice
// and returns the rows of each, by sheet name: names, or the English ones.
func sheetsAsCSV(t *testing.T, bin string, data []byte, names ...string) map[string][][]string {
	t.Helper()
	dir := t.TempDir()
	book := filepath.Join(dir, "book.xlsx")
	if err := os.WriteFile(book, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// A private profile that recalculates every formula on load: by
	// default LibreOffice trusts cached numeric results.
	profile := filepath.Join(dir, "profile")
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(alwaysRecalc), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// Field separator 44 (,), text delimiter 34 ("), UTF-8 (76), from row
	// 1; the twelfth token, -1, writes every sheet to book-<Sheet>.csv.
	filter := "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+profile,
		"--headless", "--convert-to", filter, "--outdir", dir, book)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	sheets := map[string][][]string{}
	if len(names) == 0 {
		names = xlsx.Sheets
	}
	for _, name := range names {
		f, err := os.Open(filepath.Join(dir, "book-"+name+".csv"))
		if err != nil {
			t.Fatalf("LibreOffice wrote no CSV for sheet %q: %v", name, err)
		}
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("sheet %q: %v", name, err)
		}
		sheets[name] = rows
	}
	return sheets
}

func field(rows [][]string, r, c int) string {
	if r < len(rows) && c < len(rows[r]) {
		return rows[r][c]
	}
	return ""
}

// checkRACI compares LibreOffice's RACI sheet with the model: every letter
// and the flag each check formula computes.
func checkRACI(t *testing.T, p *model.Pack, rows [][]string) {
	t.Helper()
	for i, role := range p.Roles {
		if got := field(rows, 0, 4+i); got != role.Name {
			t.Errorf("RACI header column %d = %q, want %q", 5+i, got, role.Name)
		}
	}
	r := 1
	for _, proc := range p.Processes() {
		for _, a := range proc.Activities {
			if got := field(rows, r, 2); got != a.Name {
				t.Fatalf("RACI row %d is %q, want %q", r+1, got, a.Name)
			}
			if got := field(rows, r, 3); got != flagFor(a) {
				t.Errorf("%s: LibreOffice computes the check as %q, want %q", a.ID, got, flagFor(a))
			}
			for i, role := range p.Roles {
				if got := field(rows, r, 4+i); got != a.Letter(role) {
					t.Errorf("%s × %s: %q, want %q", a.ID, role.ID, got, a.Letter(role))
				}
			}
			r++
		}
	}
}

// checkGaps compares LibreOffice's gap counts, row by row of the view's
// matrix, with the model's needs.
func checkGaps(t *testing.T, v *view.View, rows [][]string) int {
	t.Helper()
	p, total := v.Pack, 0
	if len(rows) != 2+len(v.Competence.Rows) {
		t.Errorf("LibreOffice reads %d competence rows, want 2 headers and %d people", len(rows), len(v.Competence.Rows))
	}
	for i, m := range v.Competence.Rows {
		person := m.Person.Person
		gaps := 0
		for _, n := range p.Needs(person) {
			if n.Gap() {
				gaps++
			}
		}
		total += gaps
		if got := field(rows, 2+i, 0); got != person.Name {
			t.Fatalf("competence row %d is %q, want %q", 3+i, got, person.Name)
		}
		if got := field(rows, 2+i, 4); got != strconv.Itoa(gaps) {
			t.Errorf("%s: LibreOffice counts %q gaps, want %d", person.Name, got, gaps)
		}
	}
	return total
}

func TestLibreOfficeComputesChecksAndGaps(t *testing.T) {
	bin := soffice(t)
	p := packtest.Load(t, packtest.With(packtest.Minimal, flawedRACI))
	// A gap: the ISM role requires a level Ann does not have.
	p.Roles[roleIndex(p, "ism")-1].Requirements[0].Level = 3

	v := view.New(p, testStamp(), &check.Report{})
	data, err := xlsx.Workbook(v)
	if err != nil {
		t.Fatal(err)
	}
	sheets := sheetsAsCSV(t, bin, staleCache(t, data))
	checkRACI(t, p, sheets[xlsx.SheetRACI])
	if total := checkGaps(t, v, sheets[xlsx.SheetCompetence]); total == 0 {
		t.Error("the test pack has no gap to count")
	}
}

func TestLibreOfficeCountsGapsAcrossManyCompetences(t *testing.T) {
	bin := soffice(t)
	// More competences than the gap formula names one by one, so the
	// SUMPRODUCT form is the one computed; planted findings include gaps.
	files, err := synth.Generate(synth.Options{
		Size: synth.Size{Roles: 5, People: 44, Activities: 6, Competences: 45},
		Seed: 3, AsOf: model.NewDate(2026, 11, 24), Findings: 12,
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range files {
		path := filepath.Join(dir, filepath.FromSlash(f.Path))
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := model.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	v := view.New(p, testStamp(), &check.Report{})
	data, err := xlsx.Workbook(v)
	if err != nil {
		t.Fatal(err)
	}
	sheets := sheetsAsCSV(t, bin, staleCache(t, data))
	checkRACI(t, p, sheets[xlsx.SheetRACI])
	if total := checkGaps(t, v, sheets[xlsx.SheetCompetence]); total == 0 {
		t.Error("the synthetic pack has no gap to count")
	}
}

func TestLibreOfficeReadsTheExampleWorkbook(t *testing.T) {
	bin := soffice(t)
	p := examplePack(t)
	v := view.New(p, testStamp(), &check.Report{})
	data, err := xlsx.Workbook(v)
	if err != nil {
		t.Fatal(err)
	}
	sheets := sheetsAsCSV(t, bin, data)
	checkRACI(t, p, sheets[xlsx.SheetRACI])
	checkGaps(t, v, sheets[xlsx.SheetCompetence])
	// Names in other scripts survive the round trip.
	found := map[string]bool{}
	for _, row := range sheets[xlsx.SheetRegister] {
		for _, v := range row {
			found[v] = true
		}
	}
	for _, person := range p.People {
		if len(person.Holds) > 0 && !found[person.Name] {
			t.Errorf("role register in LibreOffice lacks %q", person.Name)
		}
	}
}

// LibreOffice computes the Check column's words in the workbook's
// language: the formula's words are the catalogue's.
func TestLibreOfficeComputesChecksInLanguages(t *testing.T) {
	bin := soffice(t)
	for _, lang := range []string{"de", "ja"} {
		pack := packtest.Edit(packtest.With(packtest.Minimal, flawedRACI), "pack.toml", "[organisation]",
			"language = \""+lang+"\"\n\n[organisation]")
		p := packtest.Load(t, pack)
		v := view.New(p, testStamp(), &check.Report{})
		data, err := xlsx.Workbook(v)
		if err != nil {
			t.Fatal(err)
		}
		names := xlsx.SheetNames(v.Words)
		rows := sheetsAsCSV(t, bin, staleCache(t, data), names...)[xlsx.SheetName(v.Words, xlsx.SheetRACI)]
		r, flags := 1, map[string]bool{}
		for _, proc := range v.RACI.Processes {
			for _, a := range proc.Rows {
				want := xlsx.CheckFlagIn(v.Words, a.Cells)
				if got := field(rows, r, 3); got != want {
					t.Errorf("%s %s: LibreOffice computes %q, want %q", lang, a.Activity.ID, got, want)
				}
				flags[want] = true
				r++
			}
		}
		if len(flags) < 4 {
			t.Errorf("%s: only %d different checks: %v", lang, len(flags), flags)
		}
	}
}
