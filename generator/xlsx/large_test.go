package xlsx_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/synth"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/generator/xlsx"
)

// synthPack writes and loads a synthetic pack of the given size.
func synthPack(tb testing.TB, size synth.Size, findings int) *model.Pack {
	tb.Helper()
	files, err := synth.Generate(synth.Options{Size: size, Seed: 1, AsOf: model.NewDate(2026, 11, 24), Findings: findings})
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	for _, f := range files {
		path := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	p, err := model.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// The largest pack the brief names: 1,000 roles × 2,000 activities in the
// RACI and 20,000 people in the competence matrix, rendered with bounded
// memory and complete.
func TestLargePack(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("large pack skipped in -short mode and under the race detector")
	}
	p := synthPack(t, synth.L, 20)
	// The view is the pipeline's, computed once for every output; what is
	// measured is the workbook's own work.
	v := view.New(p, testStamp(), &check.Report{})
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	data, err := xlsx.Workbook(v)
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	// Everything the render allocated, freed or not, stays far below 1 GiB.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 512<<20 {
		t.Errorf("rendering allocated %d MiB", alloc>>20)
	}
	t.Logf("workbook: %d KiB; allocated while rendering: %d MiB; competence matrix: %d of %d people",
		len(data)>>10, (after.TotalAlloc-before.TotalAlloc)>>20, len(v.Competence.Rows), len(v.People))

	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lastRole := p.Roles[len(p.Roles)-1]
	lastCol, _ := excelize.ColumnNumberToName(4 + len(p.Roles))
	if got, _ := f.GetCellValue(xlsx.SheetRACI, lastCol+"1"); got != lastRole.Name {
		t.Errorf("last RACI column = %q, want %q", got, lastRole.Name)
	}
	lastRow := strconv.Itoa(1 + len(p.Activities))
	last := p.Processes()[len(p.Processes())-1].Activities
	a := last[len(last)-1]
	if got, _ := f.GetCellValue(xlsx.SheetRACI, "C"+lastRow); got != a.Name {
		t.Errorf("last RACI row = %q, want %q", got, a.Name)
	}
	if got, _ := f.GetCellFormula(xlsx.SheetRACI, "D"+lastRow); got != xlsx.CheckFormula("E"+lastRow+":"+lastCol+lastRow) {
		t.Errorf("last check formula = %q", got)
	}
	if got, _ := f.GetCellValue(xlsx.SheetRACI, "D"+lastRow); got != flagFor(a) {
		t.Errorf("last check = %q, want %q", got, flagFor(a))
	}
	dvs, _ := f.GetDataValidations(xlsx.SheetRACI)
	if len(dvs) != 1 || dvs[0].Sqref != "E2:"+lastCol+lastRow {
		t.Errorf("RACI validation = %+v", dvs)
	}
	rows := v.Competence.Rows
	person := rows[len(rows)-1].Person
	lastPerson := strconv.Itoa(2 + len(rows))
	if got, _ := f.GetCellValue(xlsx.SheetCompetence, "A"+lastPerson); got != person.Name {
		t.Errorf("last competence row = %q, want %q", got, person.Name)
	}
	if got, _ := f.GetCellFormula(xlsx.SheetCompetence, "E"+lastPerson); got != xlsx.GapFormula(6, len(p.Competences), 2+len(rows)) {
		t.Errorf("last gap formula = %q", got)
	}
}

func BenchmarkWorkbookL(b *testing.B) {
	v := view.New(synthPack(b, synth.L, 20), testStamp(), &check.Report{})
	b.ResetTimer()
	for b.Loop() {
		data, err := xlsx.Workbook(v)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(data))/(1<<20), "MiB/op-file")
	}
}

func BenchmarkWorkbookExample(b *testing.B) {
	p, err := model.Load("../../content")
	if err != nil {
		b.Skip(err)
	}
	v := view.New(p, testStamp(), &check.Report{})
	b.ResetTimer()
	for b.Loop() {
		if _, err := xlsx.Workbook(v); err != nil {
			b.Fatal(err)
		}
	}
}
