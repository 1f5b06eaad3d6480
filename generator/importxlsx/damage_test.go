package importxlsx_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/importxlsx"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/packtest"
)

// replace returns an edit that replaces the first old with new.
func replace(old, new string) func([]byte) []byte {
	return func(b []byte) []byte { return bytes.Replace(b, []byte(old), []byte(new), 1) }
}

// cutAfter returns an edit that cuts the part off just after the first
// match of the pattern, as a crash or a full disk leaves it.
func cutAfter(pattern string) func([]byte) []byte {
	re := regexp.MustCompile(pattern)
	return func(b []byte) []byte {
		loc := re.FindIndex(b)
		if loc == nil {
			return b
		}
		return b[:loc[1]]
	}
}

// swap returns an edit that swaps the first matches of two patterns,
// which must not overlap: rows or cells put out of order.
func swap(first, second string) func([]byte) []byte {
	a, b := regexp.MustCompile(first), regexp.MustCompile(second)
	return func(x []byte) []byte {
		la, lb := a.FindIndex(x), b.FindIndex(x)
		if la == nil || lb == nil || la[1] > lb[0] {
			return x
		}
		var out []byte
		out = append(out, x[:la[0]]...)
		out = append(out, x[lb[0]:lb[1]]...)
		out = append(out, x[la[1]:lb[0]]...)
		out = append(out, x[la[0]:la[1]]...)
		return append(out, x[lb[1]:]...)
	}
}

// part names the archive entry of a sheet, as the import finds it.
func part(t *testing.T, file, sheet string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	p, err := importxlsx.SheetPart(data, sheet)
	if err != nil || p == "" {
		t.Fatalf("no part for sheet %q: %v", sheet, err)
	}
	return p
}

// importLikeTheCommand reads the workbook and, if it is accepted, writes
// the plan, as import-workbook does.
func importLikeTheCommand(file, dir string) error {
	plan, err := importxlsx.Read(file, dir, false)
	if err != nil {
		return err
	}
	return plan.Write(dir)
}

// assertUnchanged fails unless every file under dir is as before.
func assertUnchanged(t *testing.T, dir string, before map[string][]byte) {
	t.Helper()
	after := snapshot(t, dir)
	for p, data := range before {
		if !bytes.Equal(after[p], data) {
			t.Errorf("%s changed:\n%s", p, strings.Join(changedLines(data, after[p]), "\n"))
		}
	}
	if len(after) != len(before) {
		t.Errorf("files added: %d before, %d after", len(before), len(after))
	}
}

// A workbook whose sheet XML does not parse completely, or whose cells are
// not in order, is refused with the sheet and the cell, and not a source
// byte changes. Before the check, six of these cases changed raci.toml
// with no error: excelize read the sheet up to the fault and the cells
// after it as empty (cut off, entity, stray cell, shared-string index),
// so letters were removed, or put a cell's value in another column (cells
// out of order, a cell without its reference), so an A moved to another
// role. The others were refused for a reason that was not the damage, or
// went unnoticed.
func TestDamagedWorkbookRefused(t *testing.T) {
	raci, register := "sheet:"+xlsx.SheetRACI, "sheet:"+xlsx.SheetRegister
	// meeting edits a RACI cell, as a person does in a spreadsheet program:
	// the saved workbook then has a shared strings part, and E3 is <v>0</v>.
	meeting := func(b *book) { b.set(xlsx.SheetRACI, "E3", "A") }
	cases := []struct {
		name    string
		person  func(*book) // edits made and saved before the damage, or nil
		part    string      // "sheet:NAME" or an archive entry
		damage  func([]byte) []byte
		want    string
		limited bool // run with the part limits lowered
	}{
		{name: "cut off mid-row", part: raci,
			damage: cutAfter(`<c r="F9"[^>]*><is><t>`),
			want:   `sheet "RACI", cell F9: the XML of this cell is cut off`},
		{name: "undefined entity", part: raci,
			damage: replace(`<c r="F9"`, `&bogus;<c r="F9"`),
			want:   `sheet "RACI", after cell D9: the XML does not parse (XML syntax error on line 2: invalid character entity &bogus;)`},
		{name: "stray cell reference mid-row", part: raci,
			damage: replace(`<c r="F3"`, `<c r="XFD1048576" t="inlineStr"><is><t>I</t></is></c><c r="F3"`),
			want:   `sheet "RACI", cell XFD1048576: a cell out of order: it stands in row 3, after D3`},
		{name: "empty stray cell mid-row", part: raci,
			damage: replace(`<c r="F3"`, `<c r="XFD1048576"></c><c r="F3"`),
			want:   `sheet "RACI", cell XFD1048576: a cell out of order: it stands in row 3, after D3`},
		{name: "rows out of order", part: raci,
			damage: swap(`<row r="3">.*?</row>`, `<row r="4">.*?</row>`),
			want:   `sheet "RACI", after cell H4: row 3 comes after row 4: the rows are out of order`},
		{name: "cells out of order", part: raci,
			damage: swap(`<c r="F3".*?</c>`, `<c r="G3".*?</c>`),
			want:   `sheet "RACI", cell F3: a cell out of order: it stands in its row, after G3`},
		{name: "a cell without its reference", part: raci,
			damage: replace(`<c r="F3"`, `<c`),
			want:   `sheet "RACI", after cell D3: a cell with 0 references (r)`},
		{name: "a cell beyond the dimension", part: raci,
			damage: func(b []byte) []byte {
				b = bytes.Replace(b, []byte(`<dimension ref="A1">`), []byte(`<dimension ref="A1:H9">`), 1)
				return bytes.Replace(b, []byte(`</row></sheetData>`), []byte(`<c r="I9" t="inlineStr"><is><t>R</t></is></c></row></sheetData>`), 1)
			},
			want: `sheet "RACI", cell I9: beyond the sheet's dimension A1:H9`},
		{name: "a row before the sheet's data", part: raci,
			damage: replace(`<sheetData>`, `<sheetFormatPr><row r="1"></row></sheetFormatPr><sheetData>`),
			want:   `sheet "RACI": a row stands outside the sheet's data`},
		{name: "shared-string index out of range", person: meeting, part: raci,
			damage: replace(`<c r="E3" s="12" t="s"><v>0</v>`, `<c r="E3" s="12" t="s"><v>3</v>`),
			want:   `sheet "RACI", cell E3: the shared string 3 does not exist: the workbook holds 1`},
		{name: "shared-string index without shared strings", part: raci,
			damage: replace(`<c r="F3" s="12" t="inlineStr"><is><t>A</t></is></c>`, `<c r="F3" s="12" t="s"><v>0</v></c>`),
			want:   `sheet "RACI", cell F3: the shared string 0 does not exist: the workbook holds 0`},
		{name: "shared strings cut off", person: meeting, part: "xl/sharedStrings.xml",
			damage: cutAfter(`<si><t>`),
			want:   `the shared strings (xl/sharedStrings.xml): the XML is cut off`},
		{name: "shared strings with an undefined entity", person: meeting, part: "xl/sharedStrings.xml",
			damage: replace(`<t>A</t>`, `<t>A&bogus;</t>`),
			want:   `the shared strings (xl/sharedStrings.xml): the XML does not parse (XML syntax error on line 2: invalid character entity &bogus;)`},
		{name: "role register cut off mid-row", part: register,
			damage: cutAfter(`<c r="G4"[^>]*>`),
			want:   `sheet "Role register", cell G4: the XML of this cell is cut off`},
		{name: "role register with a stray cell", part: register,
			damage: replace(`<c r="G4"`, `<c r="XFD1048576"></c><c r="G4"`),
			want:   `sheet "Role register", cell XFD1048576: a cell out of order: it stands in row 4, after F4`},
		{name: "workbook.xml cut off", part: "xl/workbook.xml",
			damage: cutAfter(`<sheets>`),
			want:   `part "xl/workbook.xml": the XML is cut off`},
		{name: "two sheets named RACI", part: "xl/workbook.xml",
			damage: replace(`<sheet name="RACI"`, `<sheet name="raci" sheetId="99" r:id="rId1"></sheet><sheet name="RACI"`),
			want:   `part "xl/workbook.xml": it lists 2 sheets named "RACI"`},
		{name: "a DOCTYPE", part: raci,
			damage: replace(`<worksheet`, `<!DOCTYPE worksheet [<!ENTITY a "R">]><worksheet`),
			want:   `sheet "RACI": the part holds a DOCTYPE`},
		{name: "content after the document", part: raci,
			damage: func(b []byte) []byte { return append(b, `<row r="10"></row>`...) },
			want:   `sheet "RACI", after cell G9: something follows the end of the XML document`},
		{name: "elements nested too deep", part: raci,
			damage: replace(`</sheetData>`, `</sheetData><extLst>`+strings.Repeat("<x>", 70)+strings.Repeat("</x>", 70)+`</extLst>`),
			want:   `elements nest more than 64 deep`},
		{name: "a part larger than the limit", part: raci, limited: true,
			damage: replace(`<sheetData>`, strings.Repeat(" ", 1<<20)+`<sheetData>`),
			want:   `sheet "RACI": the part is larger than the limit of 1 MiB for one part, uncompressed`},
		{name: "more elements than the limit", part: raci, limited: true,
			damage: replace(`<sheetData>`, strings.Repeat("<x></x>", 2000)+`<sheetData>`),
			want:   `sheet "RACI": more than 1000 XML elements`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.limited {
				defer importxlsx.SetPartLimits(1<<20, 1000)()
			}
			dir := packtest.Write(t, commented)
			before := snapshot(t, dir)
			file := workbook(t, dir)
			if c.person != nil {
				b := open(t, file)
				c.person(b)
				b.save()
			}
			p := c.part
			if sheet, ok := strings.CutPrefix(p, "sheet:"); ok {
				p = part(t, file, sheet)
			}
			packtest.EditZip(t, file, p, c.damage)

			err := importLikeTheCommand(file, dir)
			if !errors.Is(err, importxlsx.ErrDamaged) {
				t.Fatalf("want ErrDamaged, got %v", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("the error\n%v\ndoes not say\n%s", err, c.want)
			}
			if !strings.HasPrefix(err.Error(), file+": ") || !strings.HasSuffix(err.Error(), "; the workbook looks damaged: nothing was changed") {
				t.Errorf("the error does not name the file and say nothing changed: %v", err)
			}
			assertUnchanged(t, dir, before)
		})
	}
}

// A zip entry whose header understates its size is not inflated beyond
// it: the archive reader stops there (a zip bomb's trick).
func TestUnderstatedEntryRefused(t *testing.T) {
	dir := packtest.Write(t, commented)
	before := snapshot(t, dir)
	file := workbook(t, dir)
	sheet := part(t, file, xlsx.SheetRACI)
	data, _ := os.ReadFile(file)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name != sheet {
			w, _ := zw.Create(f.Name)
			w.Write(body)
			continue
		}
		var deflated bytes.Buffer
		fw, _ := flate.NewWriter(&deflated, flate.BestSpeed)
		fw.Write(body)
		fw.Close()
		w, err := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(body),
			CompressedSize64: uint64(deflated.Len()), UncompressedSize64: 100})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(deflated.Bytes())
	}
	zw.Close()
	os.WriteFile(file, out.Bytes(), 0o644)

	err = importLikeTheCommand(file, dir)
	if !errors.Is(err, importxlsx.ErrDamaged) || !strings.Contains(err.Error(), `sheet "RACI"`) {
		t.Fatalf("want ErrDamaged naming the sheet, got %v", err)
	}
	assertUnchanged(t, dir, before)
}

// The workbook as built, and as saved again by excelize after a person's
// edit, passes the check: the edit is imported.
func TestUndamagedWorkbookAccepted(t *testing.T) {
	dir := packtest.Write(t, commented)
	file := workbook(t, dir)
	if plan, err := importxlsx.Read(file, dir, false); err != nil || len(plan.Files) != 0 {
		t.Fatalf("as built: %v", err)
	}
	b := open(t, file)
	b.set(xlsx.SheetRACI, "E3", "A")
	b.save()
	plan, err := importxlsx.Read(file, dir, false)
	if err != nil || len(plan.Files) != 1 {
		t.Fatalf("after an edit: %v", err)
	}
}
