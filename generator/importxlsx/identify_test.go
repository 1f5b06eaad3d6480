package importxlsx_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/importxlsx"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/packtest"
)

// withoutProps rewrites a workbook file without docProps/custom.xml, as a
// program that drops custom document properties saves it: no stamp and
// no language there.
func withoutProps(t *testing.T, file string) {
	t.Helper()
	if !stripProps(t, file) {
		t.Fatal("the workbook has no custom properties to remove")
	}
}

// stripProps removes docProps/custom.xml from a workbook file, and says
// whether it had one.
func stripProps(t *testing.T, file string) bool {
	t.Helper()
	return packtest.DropZip(t, file, "docProps/custom.xml")
}

// hashCell is the cell of the document-control sheet that shows the
// content hash, found by its label in words.
func hashCell(t *testing.T, f *excelize.File, words *messages.Catalogue) (sheet, cell string) {
	t.Helper()
	sheet = xlsx.SheetName(words, xlsx.SheetDocument)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		if len(row) > 1 && row[0] == words.Text("workbook.stamp.content_hash") {
			cell, _ = excelize.CoordinatesToCellName(2, i+1)
			return sheet, cell
		}
	}
	t.Fatalf("%s: no content hash", sheet)
	return "", ""
}

// A workbook without its custom properties is known by the content hash
// its document-control sheet prints, in its language: it imports when the
// hash is the sources', is stale when it is not, and without any hash
// imports only with --force.
func TestStampReadFromTheSheet(t *testing.T) {
	for _, lang := range []string{"en", "de", "ja"} {
		t.Run(lang, func(t *testing.T) {
			words := messages.Builtin(lang)
			dir := packtest.Write(t, inLanguage(lang))
			file := workbook(t, dir)
			withoutProps(t, file)
			raciSheet := xlsx.SheetName(words, xlsx.SheetRACI)
			b := open(t, file)
			b.set(raciSheet, b.cell(raciSheet, 3, "Run the internal audit", "Information Security Manager"), "R")
			b.save()
			plan, err := importxlsx.Read(file, dir, false)
			if err != nil {
				t.Fatal(err)
			}
			if plan.Cells != 1 || !bytes.Contains(plan.Files["raci.toml"], []byte("responsible = [\"auditor\", \"ism\"]")) {
				t.Errorf("%d cells; raci.toml:\n%s", plan.Cells, plan.Files["raci.toml"])
			}

			// Another hash on the sheet: built from other sources.
			sheet, cell := hashCell(t, b.f, words)
			b.set(sheet, cell, strings.Repeat("0", 64))
			b.save()
			if _, err := importxlsx.Read(file, dir, false); !errors.Is(err, importxlsx.ErrStale) {
				t.Errorf("another hash: want ErrStale, got %v", err)
			}

			// No hash at all: refused, unless forced.
			b.set(sheet, cell, "")
			b.save()
			_, err = importxlsx.Read(file, dir, false)
			if !errors.Is(err, importxlsx.ErrNoStamp) || !strings.Contains(err.Error(), "--force") || !strings.Contains(err.Error(), sheet) {
				t.Errorf("no hash: want ErrNoStamp naming the sheet and --force, got %v", err)
			}
			if plan, err := importxlsx.Read(file, dir, true); err != nil || plan.Cells != 1 {
				t.Errorf("no hash, --force: %v", err)
			}
		})
	}
}

// The property wins over the sheet: a workbook that has it is judged by
// it, as before, whatever the sheet shows.
func TestStampPropertyFirst(t *testing.T) {
	dir := packtest.Write(t, commented)
	file := workbook(t, dir)
	b := open(t, file)
	sheet, cell := hashCell(t, b.f, messages.English())
	b.set(sheet, cell, strings.Repeat("0", 64))
	b.save()
	if _, err := importxlsx.Read(file, dir, false); err != nil {
		t.Errorf("the property is the sources' hash: %v", err)
	}
}
