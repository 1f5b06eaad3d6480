package importxlsx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/importxlsx"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/packtest"
)

// fuzzBook is the workbook the fuzzer damages: built from the commented
// pack, with one edit saved by excelize so that it has shared strings.
type fuzzBook struct {
	sources map[string][]byte // the pack, by slash path
	names   []string          // the archive's entries, in order
	parts   map[string][]byte
	raci    string   // the RACI sheet's entry
	strs    []string // the shared strings
}

func newFuzzBook(f testing.TB) *fuzzBook {
	dir := packtest.Write(f, commented)
	p, err := model.Load(dir)
	if err != nil {
		f.Fatal(err)
	}
	hash, err := stamp.PackHash(p)
	if err != nil {
		f.Fatal(err)
	}
	st := stamp.Stamp{Version: p.Document.Version, ContentHash: hash}
	data, err := xlsx.Workbook(view.New(p, st, nil))
	if err != nil {
		f.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		f.Fatal(err)
	}
	x.SetCellValue(xlsx.SheetRACI, "E3", "A")
	buf, err := x.WriteToBuffer()
	if err != nil {
		f.Fatal(err)
	}
	data = buf.Bytes()
	fb := &fuzzBook{sources: map[string][]byte{}, parts: map[string][]byte{}}
	for _, src := range p.Files {
		fb.sources[src.Path], _ = os.ReadFile(filepath.Join(dir, filepath.FromSlash(src.Path)))
	}
	if fb.raci, err = importxlsx.SheetPart(data, xlsx.SheetRACI); err != nil || fb.raci == "" {
		f.Fatalf("no RACI part: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range zr.File {
		rc, _ := e.Open()
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			f.Fatal(err)
		}
		fb.names = append(fb.names, e.Name)
		fb.parts[e.Name] = body
	}
	var sst struct {
		SI []struct {
			T string `xml:"t"`
		} `xml:"si"`
	}
	if err := xml.Unmarshal(fb.parts["xl/sharedStrings.xml"], &sst); err != nil || len(sst.SI) == 0 {
		f.Fatalf("no shared strings: %v", err)
	}
	for _, si := range sst.SI {
		fb.strs = append(fb.strs, si.T)
	}
	return fb
}

// write writes the pack and the workbook with sheet as its RACI sheet
// into a new directory.
func (fb *fuzzBook) write(t *testing.T, sheet []byte) (dir, file string) {
	dir = t.TempDir()
	for path, data := range fb.sources {
		p := filepath.Join(dir, "content", filepath.FromSlash(path))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, name := range fb.names {
		body := fb.parts[name]
		if name == fb.raci {
			body = sheet
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	file = filepath.Join(dir, "meeting.xlsx")
	if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "content"), file
}

// sheetDOM is a worksheet as xml.Unmarshal reads it: the oracle, written
// apart from the import's streaming check.
type sheetDOM struct {
	Rows []struct {
		R     string `xml:"r,attr"`
		Cells []struct {
			R  string  `xml:"r,attr"`
			T  string  `xml:"t,attr"`
			V  *string `xml:"v"`
			IS *struct {
				T    string   `xml:"t"`
				Runs []string `xml:"r>t"`
			} `xml:"is"`
		} `xml:"c"`
	} `xml:"sheetData>row"`
}

// sound says whether the sheet XML parses completely, as one document,
// and its cells are in order, each with a shared-string index that
// exists; if so it gives the cells' values by reference.
func sound(data []byte, strs []string) (map[string]string, bool) {
	d := xml.NewDecoder(bytes.NewReader(data))
	roots, depth := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.Directive:
			return nil, false
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				return nil, false
			}
		}
	}
	var ws sheetDOM
	if roots != 1 || xml.Unmarshal(data, &ws) != nil {
		return nil, false
	}
	values := map[string]string{}
	lastRow := 0
	for _, r := range ws.Rows {
		row, err := strconv.Atoi(r.R)
		if err != nil || row <= lastRow || strconv.Itoa(row) != r.R {
			return nil, false
		}
		lastRow = row
		lastCol := 0
		for _, c := range r.Cells {
			col, crow, err := excelize.CellNameToCoordinates(c.R)
			if err != nil || crow != row || col <= lastCol {
				return nil, false
			}
			if name, _ := excelize.CoordinatesToCellName(col, crow); name != c.R {
				return nil, false
			}
			lastCol = col
			v := ""
			switch {
			case c.T == "s" && c.V != nil && *c.V != "":
				i, err := strconv.Atoi(strings.TrimSpace(*c.V))
				if err != nil || i < 0 || i >= len(strs) {
					return nil, false
				}
				v = strs[i]
			case c.T == "inlineStr" && c.IS != nil:
				v = c.IS.T + strings.Join(c.IS.Runs, "")
			case c.V != nil:
				v = *c.V
			}
			values[c.R] = v
		}
	}
	return values, true
}

// FuzzImportSheetXML mutates the XML of the RACI sheet of a built
// workbook and imports it. The sources never change unless the sheet
// parses completely and in order; when the import is accepted the sources
// hold exactly the letters excelize reads, and excelize reads what the
// XML says; nothing panics.
func FuzzImportSheetXML(f *testing.F) {
	fb := newFuzzBook(f)
	base := string(fb.parts[fb.raci])
	row := func(n int) string {
		return regexp.MustCompile(`<row r="` + strconv.Itoa(n) + `".*?</row>`).FindString(base)
	}
	cellAt := func(ref string) string { return regexp.MustCompile(`<c r="` + ref + `".*?</c>`).FindString(base) }
	f.Add([]byte(base))
	for _, seed := range []string{
		strings.Replace(base, cellAt("F3"), `<c r="F3" s="12" t="inlineStr"><is><t>R</t></is></c>`, 1),  // a sound edit
		strings.Replace(base, `<dimension ref="A1">`, `<dimension ref="A1:H9">`, 1),                     // as LibreOffice declares it
		strings.Replace(base, `</sheetData>`, `<row r="12"><c r="B12" s="7"></c></row></sheetData>`, 1), // a gap, an empty styled cell
		strings.Replace(base, cellAt("G3"), `<c r="G3" s="12" t="s"><v>0</v></c>`, 1),                   // a shared string
		base[:strings.Index(base, `<c r="F9"`)+len(`<c r="F9" s="12" t="inlineStr"><is><t>`)],           // cut off mid-row
		strings.Replace(base, `<c r="F9"`, `&bogus;<c r="F9"`, 1),
		strings.Replace(base, `<c r="F3"`, `<c r="XFD1048576" t="inlineStr"><is><t>I</t></is></c><c r="F3"`, 1),
		strings.Replace(base, row(3)+row(4), row(4)+row(3), 1),
		strings.Replace(base, cellAt("F3")+cellAt("G3"), cellAt("G3")+cellAt("F3"), 1),
		strings.Replace(base, `<c r="F3"`, `<c`, 1),
		strings.Replace(base, `<v>0</v>`, `<v>7</v>`, 1), // E3's shared string, out of range
		strings.Replace(base, `<c r="F3"`, `<c s="x" r="F3"`, 1),
		strings.Replace(base, `</sheetData>`, `</sheetData><extLst><row r="1"><c r="A1"/></row></extLst>`, 1),
	} {
		if seed == base {
			f.Fatal("a seed does not change the sheet")
		}
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, sheet []byte) {
		dir, file := fb.write(t, sheet)
		plan, err := importxlsx.Read(file, dir, false)
		if err == nil {
			if werr := plan.Write(dir); werr != nil {
				t.Fatal(werr)
			}
		}
		changed := false
		for path, data := range fb.sources {
			now, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path)))
			changed = changed || !bytes.Equal(now, data)
		}
		values, ok := sound(sheet, fb.strs)
		if !ok {
			if err == nil || changed {
				t.Fatalf("a sheet that is not sound was imported (error %v, sources changed %v)", err, changed)
			}
			return
		}
		if err != nil {
			if changed {
				t.Fatalf("refused (%v), yet the sources changed", err)
			}
			return
		}
		// Accepted: the sources say what excelize reads, cell by cell, and
		// that is what the XML says.
		x, xerr := excelize.OpenFile(file)
		if xerr != nil {
			t.Fatalf("accepted, but excelize cannot open it: %v", xerr)
		}
		defer x.Close()
		rows, xerr := x.GetRows(xlsx.SheetRACI, excelize.Options{RawCellValue: true})
		if xerr != nil {
			t.Fatal(xerr)
		}
		p, lerr := model.Load(dir)
		if lerr != nil {
			t.Fatalf("accepted, but the sources no longer load: %v", lerr)
		}
		v := view.New(p, stamp.Stamp{}, nil)
		r := 1
		for _, proc := range v.RACI.Processes {
			for _, ar := range proc.Rows {
				r++
				for j := range v.RACI.Roles {
					ref, _ := excelize.CoordinatesToCellName(5+j, r)
					read := ""
					if r-1 < len(rows) && 4+j < len(rows[r-1]) {
						read = rows[r-1][4+j]
					}
					letters, _ := importxlsx.ParseLetters(strings.TrimSpace(read))
					if letters != ar.Cells[j] {
						t.Errorf("%s: the sources hold %q, excelize reads %q", ref, ar.Cells[j], read)
					}
					// excelize decodes Excel's _xHHHH_ escapes; the oracle does not.
					if !strings.Contains(values[ref], "_x") && strings.TrimSpace(values[ref]) != strings.TrimSpace(read) {
						t.Errorf("%s: excelize reads %q, the XML says %q", ref, read, values[ref])
					}
				}
			}
		}
	})
}
