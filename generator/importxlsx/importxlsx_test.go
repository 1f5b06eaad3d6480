package importxlsx_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/importxlsx"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/packtest"
)

var today = model.NewDate(2026, 11, 24)

// commented is the minimal pack with comments in the files the import edits.
var commented = packtest.Edit(packtest.Edit(packtest.Minimal,
	"raci.toml", "[[activity]]\nid = \"patching\"", "# Patching is weekly; agreed at MRT 2026-04.\n[[activity]]\nid = \"patching\""),
	"roles/sysadmin.toml", "deputy = \"ann\"", "deputy = \"ann\" # until the new hire starts")

// workbook builds the pack in dir into a workbook file, as rolepack build
// does, and returns its path.
func workbook(t *testing.T, dir string) string {
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
	data, err := xlsx.Workbook(view.New(p, st, check.Run(p, today)))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "roles.xlsx")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// book is a workbook opened for editing as a person would.
type book struct {
	t *testing.T
	f *excelize.File
}

func open(t *testing.T, file string) *book {
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return &book{t, f}
}

// cell finds the cell of the row whose column col holds rowName and the
// column whose header holds colName.
func (b *book) cell(sheet string, col int, rowName, colName string) string {
	rows, _ := b.f.GetRows(sheet)
	r, c := 0, 0
	for i, row := range rows {
		if col-1 < len(row) && row[col-1] == rowName {
			r = i + 1
		}
	}
	for j, h := range rows[0] {
		if h == colName {
			c = j + 1
		}
	}
	if r == 0 || c == 0 {
		b.t.Fatalf("%s: no cell for %q × %q", sheet, rowName, colName)
	}
	name, _ := excelize.CoordinatesToCellName(c, r)
	return name
}

func (b *book) set(sheet, cell, value string) {
	if err := b.f.SetCellValue(sheet, cell, value); err != nil {
		b.t.Fatal(err)
	}
}

func (b *book) get(sheet, cell string) string {
	v, _ := b.f.GetCellValue(sheet, cell)
	return v
}

func (b *book) save() {
	if err := b.f.Save(); err != nil {
		b.t.Fatal(err)
	}
}

func raci(b *book, activity, role string) string {
	return b.cell(xlsx.SheetRACI, 3, activity, role)
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	out := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out[rel], _ = os.ReadFile(p)
		}
		return nil
	})
	return out
}

// changedLines lists the lines of b not in a and of a not in b, as "-x"
// and "+y": a diff good enough for files that change by a few lines.
func changedLines(a, b []byte) []string {
	count := map[string]int{}
	for l := range strings.SplitSeq(string(a), "\n") {
		count[l]++
	}
	var out []string
	for l := range strings.SplitSeq(string(b), "\n") {
		if count[l] > 0 {
			count[l]--
			continue
		}
		out = append(out, "+"+l)
	}
	for l := range strings.SplitSeq(string(a), "\n") {
		if count[l] > 0 {
			count[l]--
			out = append(out, "-"+l)
		}
	}
	return out
}

// The round trip: a meeting's edits in the workbook reach the sources by
// exactly the lines they change, comments survive, and a rebuilt workbook
// shows the edits.
func TestRoundTrip(t *testing.T) {
	dir := packtest.Write(t, commented)
	before := snapshot(t, dir)
	file := workbook(t, dir)

	b := open(t, file)
	edits := map[string]string{
		raci(b, "Assess information security risks", "System Administrator"): "c", // I → C, typed in lower case
		raci(b, "Patch servers", "Chief Executive"):                          "A", // an A added
		raci(b, "Patch servers", "Information Security Manager"):             "",  // and moved from the ISM
		raci(b, "Run the internal audit", "Internal Auditor"):                "",  // an R cleared
		raci(b, "Run the internal audit", "Information Security Manager"):    "R", // C → R
	}
	for c, v := range edits {
		b.set(xlsx.SheetRACI, c, v)
	}
	deputy := b.cell(xlsx.SheetRegister, 3, "Bob Builder", "Deputy")
	b.set(xlsx.SheetRegister, deputy, "Dora Deputy")
	b.save()

	plan, err := importxlsx.Read(file, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	plan.Changes.Text(&text)
	for _, w := range []string{"Patch servers", "Run the internal audit", "Dora Deputy"} {
		if !strings.Contains(text.String(), w) {
			t.Errorf("the changes do not mention %q:\n%s", w, text.String())
		}
	}
	if err := plan.Write(dir); err != nil {
		t.Fatal(err)
	}
	after := snapshot(t, dir)
	want := map[string][]string{
		"raci.toml": {
			"+consulted = \"sysadmin\"", "+responsible = \"ism\"", "+accountable = \"ceo\"",
			"-informed = [\"sysadmin\"]", "-accountable = \"ism\"", "-responsible = \"auditor\"", "-consulted = [\"ism\"]",
		},
		"roles/sysadmin.toml": {"+deputy = \"dora\" # until the new hire starts", "-deputy = \"ann\" # until the new hire starts"},
	}
	for path, data := range after {
		got := changedLines(before[path], data)
		w := want[filepath.ToSlash(path)]
		if strings.Join(got, "\n") != strings.Join(w, "\n") {
			t.Errorf("%s changed by\n%s\nwant\n%s\nnow:\n%s", path, strings.Join(got, "\n"), strings.Join(w, "\n"), data)
		}
	}
	if !bytes.Contains(after["raci.toml"], []byte("# Patching is weekly; agreed at MRT 2026-04.\n[[activity]]")) {
		t.Error("the comment in raci.toml did not survive")
	}

	// Rebuilt, the workbook shows the edits.
	b2 := open(t, workbook(t, dir))
	for c, v := range edits {
		if got := b2.get(xlsx.SheetRACI, c); got != strings.ToUpper(v) {
			t.Errorf("rebuilt RACI!%s = %q, want %q", c, got, strings.ToUpper(v))
		}
	}
	if got := b2.get(xlsx.SheetRegister, deputy); got != "Dora Deputy" {
		t.Errorf("rebuilt deputy %q", got)
	}
	// Imported again, the rebuilt workbook changes nothing.
	plan, err = importxlsx.Read(b2.f.Path, dir, false)
	if err != nil || len(plan.Files) != 0 {
		t.Errorf("re-import: %v, %d files", err, len(plan.Files))
	}
}

// Refused cells are all listed with sheet and cell, and no source byte
// changes.
func TestRefusedLeavesSourcesAlone(t *testing.T) {
	dir := packtest.Write(t, commented)
	before := snapshot(t, dir)
	file := workbook(t, dir)
	b := open(t, file)
	bad := raci(b, "Patch servers", "System Administrator")
	b.set(xlsx.SheetRACI, bad, "X")
	twice := raci(b, "Patch servers", "Chief Executive")
	b.set(xlsx.SheetRACI, twice, "RR")
	good := raci(b, "Run the internal audit", "Internal Auditor")
	b.set(xlsx.SheetRACI, good, "")
	deputy := b.cell(xlsx.SheetRegister, 3, "Bob Builder", "Deputy")
	b.set(xlsx.SheetRegister, deputy, "Nobody Known")
	b.save()

	_, err := importxlsx.Read(file, dir, false)
	var refused importxlsx.Refused
	if !errors.As(err, &refused) {
		t.Fatalf("want Refused, got %v", err)
	}
	want := []string{
		"RACI!" + twice + `: "RR" is not one of R, A, S, C, I (or several of them, such as RA)`,
		"RACI!" + bad + `: "X" is not one of R, A, S, C, I (or several of them, such as RA)`,
		"Role register!" + deputy + `: "Nobody Known" is nobody in the pack: write a person's name as people.toml or the HR export gives it`,
	}
	if strings.Join(refused, "\n") != strings.Join(want, "\n") {
		t.Errorf("refused:\n%s\nwant:\n%s", refused, strings.Join(want, "\n"))
	}
	after := snapshot(t, dir)
	for p, data := range before {
		if !bytes.Equal(after[p], data) {
			t.Errorf("%s changed", p)
		}
	}
	if len(after) != len(before) {
		t.Errorf("files added: %d before, %d after", len(before), len(after))
	}
}

// A workbook built from other sources is refused, unless forced; sources
// changed only where no output looks (a comment) are the same sources.
func TestStaleWorkbook(t *testing.T) {
	dir := packtest.Write(t, commented)
	file := workbook(t, dir)
	people := filepath.Join(dir, "people.toml")
	data, _ := os.ReadFile(people)
	os.WriteFile(people, append(data, "\n# a later edit\n"...), 0o644)
	if _, err := importxlsx.Read(file, dir, false); err != nil {
		t.Fatalf("after a comment-only edit: %v", err)
	}
	os.WriteFile(people, bytes.Replace(data, []byte(`"Administrator"`), []byte(`"Systems Administrator"`), 1), 0o644)
	if _, err := importxlsx.Read(file, dir, false); !errors.Is(err, importxlsx.ErrStale) {
		t.Fatalf("want ErrStale, got %v", err)
	}
	if _, err := importxlsx.Read(file, dir, true); err != nil {
		t.Fatalf("--force: %v", err)
	}
}

// A role name too long to print turned numbers the RACI's role columns,
// with a key under the grid (xlsx.RACIKey): the import reads past the key
// as the workbook wrote it, and refuses a key someone changed.
func TestRoundTripNumberedColumns(t *testing.T) {
	long := "Information Security Manager and Chair of the Security Steering Committee for every Region, Subsidiary and Joint Venture"
	dir := packtest.Write(t, packtest.Edit(commented, "roles/ism.toml", `name = "Information Security Manager"`, `name = "`+long+`"`))
	file := workbook(t, dir)
	b := open(t, file)
	rows, err := b.f.GetRows(xlsx.SheetRACI, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if shown := b.get(xlsx.SheetRACI, "E1"); shown != "1" || rows[0][4] != "Chief Executive" {
		t.Fatalf("the first role column shows %q and holds %q; want it numbered, holding the name", shown, rows[0][4])
	}
	// The key is there: a row under the grid names the role in full.
	keyed := false
	for _, row := range rows[1:] {
		keyed = keyed || len(row) > 1 && row[1] == long
	}
	if !keyed {
		t.Errorf("no row of the key names %q", long)
	}
	cell := func(activity, role string) string {
		r, c := 0, 0
		for i, row := range rows {
			if len(row) > 2 && row[2] == activity {
				r = i + 1
			}
		}
		for j, h := range rows[0] {
			if h == role {
				c = j + 1
			}
		}
		name, _ := excelize.CoordinatesToCellName(c, r)
		return name
	}
	b.set(xlsx.SheetRACI, cell("Assess information security risks", "System Administrator"), "C")
	b.save()
	plan, err := importxlsx.Read(file, dir, false)
	if err != nil {
		t.Fatalf("the key was not read past: %v", err)
	}
	if len(plan.Files) != 1 {
		t.Errorf("%d files to change, want raci.toml alone", len(plan.Files))
	}

	// A key row changed in the workbook is an edit import cannot take.
	last, _ := excelize.CoordinatesToCellName(2, len(rows))
	b.set(xlsx.SheetRACI, last, "Someone else")
	b.save()
	var refused importxlsx.Refused
	if _, err := importxlsx.Read(file, dir, false); !errors.As(err, &refused) {
		t.Errorf("a changed key: want Refused, got %v", err)
	}
}
