package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/packtest"
)

// buildWorkbook writes the workbook rolepack build makes for the pack in
// dir, after the edit a person makes and saves in it (if any).
func buildWorkbook(t *testing.T, dir string, edit func(*excelize.File)) string {
	t.Helper()
	p, err := model.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := stamp.PackHash(p)
	if err != nil {
		t.Fatal(err)
	}
	st := stamp.Stamp{Version: p.Document.Version, ContentHash: hash}
	data, err := xlsx.Workbook(view.New(p, st, check.Run(p, packtest.PacksAsOf)))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "meeting.xlsx")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		f, err := excelize.OpenFile(file)
		if err != nil {
			t.Fatal(err)
		}
		edit(f)
		if err := f.Save(); err != nil {
			t.Fatal(err)
		}
	}
	return file
}

// TestImportWorkbookRefusesDamage: import-workbook given a workbook whose
// RACI sheet or shared strings are damaged exits 1 with a message naming
// the file, sheet and cell, prints no changes, and leaves every source
// byte as it was.
func TestImportWorkbookRefusesDamage(t *testing.T) {
	// raciSheet is where rolepack's workbook keeps the RACI sheet; the
	// edits check they have the right one.
	const raciSheet = "xl/worksheets/sheet3.xml"
	onRACI := func(f func([]byte) []byte) func([]byte) []byte {
		return func(b []byte) []byte {
			if !bytes.Contains(b, []byte("Review access rights")) {
				t.Fatalf("%s is not the RACI sheet", raciSheet)
			}
			return f(b)
		}
	}
	rowsSwapped := regexp.MustCompile(`(<row r="3">.*?</row>)(<row r="4">.*?</row>)`)
	cases := []struct {
		name   string
		edit   func(*excelize.File)
		part   string
		damage func([]byte) []byte
		want   string
	}{
		{"cut off mid-row", nil, raciSheet, onRACI(func(b []byte) []byte {
			return b[:bytes.Index(b, []byte(`<c r="F9"`))+len(`<c r="F9" s="12" t="inlineStr"><is><t>`)]
		}), `sheet "RACI", cell F9: the XML of this cell is cut off`},
		{"undefined entity", nil, raciSheet, onRACI(func(b []byte) []byte {
			return bytes.Replace(b, []byte(`<c r="F9"`), []byte(`&bogus;<c r="F9"`), 1)
		}), `sheet "RACI", after cell D9: the XML does not parse (XML syntax error on line 2: invalid character entity &bogus;)`},
		{"stray cell mid-row", nil, raciSheet, onRACI(func(b []byte) []byte {
			return bytes.Replace(b, []byte(`<c r="F3"`), []byte(`<c r="XFD1048576"></c><c r="F3"`), 1)
		}), `sheet "RACI", cell XFD1048576: a cell out of order: it stands in row 3, after D3`},
		{"rows out of order", nil, raciSheet, onRACI(func(b []byte) []byte {
			return rowsSwapped.ReplaceAll(b, []byte("$2$1"))
		}), `sheet "RACI", after cell H4: row 3 comes after row 4: the rows are out of order`},
		{"shared strings cut off", func(f *excelize.File) { f.SetCellValue(xlsx.SheetRACI, "E3", "A") },
			"xl/sharedStrings.xml", func(b []byte) []byte { return b[:bytes.Index(b, []byte("<si>"))+len("<si><t>")] },
			`the shared strings (xl/sharedStrings.xml): the XML is cut off`},
		{"a reference that drives a terminal", nil, raciSheet, onRACI(func(b []byte) []byte {
			return bytes.Replace(b, []byte(`<c r="F3"`), []byte(`<c r="F3&#x202E;&#x9B;31m"`), 1)
		}), `sheet "RACI", after cell D3: the cell reference "F3\u202e\u009b31m" is not a cell of a sheet`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := packtest.Write(t, packtest.Minimal)
			before := tree(t, dir)
			file := buildWorkbook(t, dir, c.edit)
			packtest.EditZip(t, file, c.part, c.damage)

			var so, se bytes.Buffer
			code := run([]string{"import-workbook", "--content", dir, file}, &so, &se)
			if code != exitPack {
				t.Errorf("exit %d, want %d", code, exitPack)
			}
			if so.Len() != 0 {
				t.Errorf("stdout:\n%s", so.String())
			}
			assertTerminalSafe(t, "stderr", se.Bytes())
			want := "rolepack import-workbook: " + file + ": " + c.want
			if !strings.HasPrefix(se.String(), want) || !strings.HasSuffix(se.String(), "; the workbook looks damaged: nothing was changed\n") {
				t.Errorf("stderr:\n%s\nwant it to start\n%s\nand say nothing was changed", se.String(), want)
			}
			after := tree(t, dir)
			for p, data := range before {
				if !bytes.Equal(after[p], data) {
					t.Errorf("%s changed", p)
				}
			}
			if len(after) != len(before) {
				t.Errorf("%d files before, %d after", len(before), len(after))
			}
		})
	}
}
