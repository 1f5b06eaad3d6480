// Package importxlsx reads back a workbook rolepack built, after people
// edited its RACI sheet and role register, and works out the edits to the
// TOML sources: only the changed values are rewritten, at the lines the
// loader's position index gives, so comments and layout survive; letters
// and deputies new to an entry are added to it. Nothing is written unless
// every edited cell is accepted.
package importxlsx

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/diff"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/atomicfile"
	"github.com/rolepack/rolepack/internal/safefile"
)

// Limits on the workbook read: a workbook rolepack builds for the largest
// synthetic pack is well within them.
const (
	MaxWorkbookBytes = 64 << 20
	maxUnzipped      = 512 << 20
)

// The columns the import reads, as generator/xlsx writes them. The sheets
// are found by their names in the workbook's language (xlsx.SheetName),
// which the workbook records (xlsx.LanguageProperty).
const (
	raciFirstRole   = 5 // column E
	raciActivityCol = 3
	regRoleCol      = 1
	regHolderCol    = 3
	regDeputyCol    = 7
)

// ErrStale is returned, wrapped, when the workbook was built from other
// sources than the content directory holds now.
var ErrStale = errors.New("the workbook was built from other sources")

// ErrNoStamp is returned, wrapped, when the workbook carries no stamp
// rolepack can find: neither its custom property nor the content hash
// printed on its document-control sheet.
var ErrNoStamp = errors.New("the workbook carries no rolepack stamp")

// Refused is every cell the import cannot accept. Nothing is written.
type Refused []string

func (r Refused) Error() string { return strings.Join(r, "\n") }

// Plan is what an import would do.
type Plan struct {
	// Files maps each source path to change to its new content, byte for
	// byte as it will be written.
	Files map[string][]byte
	// Changes are the semantic changes, as rolepack diff states them.
	Changes *diff.Changes
	// Cells counts the workbook cells whose value changed.
	Cells int
}

// Read plans the import of the workbook file into the pack in content. It
// refuses a workbook built from other sources unless force is set, and
// returns Refused listing every cell it cannot accept.
func Read(file, content string, force bool) (*Plan, error) {
	old, err := model.Load(content)
	if err != nil {
		return nil, err
	}
	data, err := readWorkbook(file)
	if err != nil {
		return nil, err
	}
	props := customProps(data)
	_, words := languageOf(old, props, sheetsOf(data))
	names := xlsx.SheetNames(words) // as the workbook named its sheets
	docSheet := names[sheetIndex(xlsx.SheetDocument)]
	raciSheet := names[sheetIndex(xlsx.SheetRACI)]
	registerSheet := names[sheetIndex(xlsx.SheetRegister)]
	checked := []string{raciSheet, registerSheet}
	built := props[contentHashProperty]
	if built == "" {
		checked = append(checked, docSheet) // the stamp is read from it
	}
	if err := checkWorkbook(data, checked...); err != nil {
		if d, ok := err.(*damage); ok {
			return nil, fmt.Errorf("%s: %v; %w", file, d, ErrDamaged)
		}
		return nil, fmt.Errorf("%s: not a workbook rolepack can read: %v", file, err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped / 4})
	if err != nil {
		return nil, fmt.Errorf("%s: not a workbook rolepack can read: %v", file, err)
	}
	defer f.Close()
	if built == "" {
		// Saved by a program that drops custom properties: the stamp
		// printed on the document-control sheet says the same.
		built = printedHash(f, docSheet, words)
	}
	now, err := stamp.PackHash(old)
	if err != nil {
		return nil, err
	}
	switch {
	case built == "" && !force:
		return nil, fmt.Errorf("%s: %w: it has neither a %s property nor a content hash on its sheet %q; rebuild the workbook and redo the edits, or use --force to import it anyway", file, ErrNoStamp, contentHashProperty, docSheet)
	case built != "" && built != now && !force:
		return nil, fmt.Errorf("%s: %w: it was built from content %.12s, the sources are now %.12s; rebuild the workbook and redo the edits, or use --force to apply them to the current sources", file, ErrStale, built, now)
	}

	// The view the workbook was built from, in its language: the columns
	// and rows hold what the view gives in that language.
	v := view.New(old, stamp.Stamp{}, nil, view.WithWords(words))
	e := &editor{p: old, srcs: map[string]*source{}, words: words, raciSheet: raciSheet, registerSheet: registerSheet}
	e.raci(f, v)
	e.register(f, v)
	if len(e.refused) > 0 {
		return nil, e.refused
	}
	plan := &Plan{Files: map[string][]byte{}, Cells: e.cells}
	for path, s := range e.srcs {
		out, err := s.apply()
		if err != nil {
			e.refused = append(e.refused, err.Error())
			continue
		}
		// Read as the loader read it, in case it changed since.
		orig, err := safefile.ReadFile(filepath.Join(content, filepath.FromSlash(path)), model.MaxFileBytes)
		if err != nil {
			return nil, err
		}
		plan.Files[path] = denormalise(orig, out)
	}
	if len(e.refused) > 0 {
		return nil, e.refused
	}
	if len(plan.Files) == 0 {
		plan.Changes = diff.Compare(old, old)
		return plan, nil
	}
	next, err := loadEdited(old, plan.Files)
	if err != nil {
		return nil, fmt.Errorf("the edited sources do not load, so nothing is written:\n%w", err)
	}
	plan.Changes = diff.Compare(old, next)
	return plan, nil
}

// customPropsPart is where a workbook keeps its custom document properties.
const customPropsPart = "docProps/custom.xml"

// readWorkbook reads the workbook named on the command line: a named
// pipe, a device or a directory, or a file over the limit, is refused
// before it is opened or read (internal/safefile).
func readWorkbook(file string) ([]byte, error) {
	return safefile.ReadFile(file, MaxWorkbookBytes)
}

// loadEdited loads a copy of the pack's sources with the edited files
// replaced, in a temporary directory.
func loadEdited(p *model.Pack, edited map[string][]byte) (*model.Pack, error) {
	dir, err := os.MkdirTemp("", "rolepack-import-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	for _, f := range p.Files {
		data := f.Data
		if e, ok := edited[f.Path]; ok {
			data = e
		}
		dst := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return nil, err
		}
		if err := os.WriteFile(dst, data, 0o600); err != nil {
			return nil, err
		}
	}
	return model.Load(dir)
}

// denormalise gives the edited text (LF line endings, no BOM, as the loader
// normalises) the original file's BOM and line endings.
func denormalise(orig, edited []byte) []byte {
	bom := []byte("\xef\xbb\xbf")
	if bytes.Contains(orig, []byte("\r\n")) {
		edited = bytes.ReplaceAll(edited, []byte("\n"), []byte("\r\n"))
	}
	if bytes.HasPrefix(orig, bom) {
		edited = append(slices.Clone(bom), edited...)
	}
	return edited
}

// Write writes the plan's files into content, each atomically: a temporary
// file in the same directory, synced, then renamed over the source, with
// the source's permissions.
func (p *Plan) Write(content string) error {
	paths := make([]string, 0, len(p.Files))
	for path := range p.Files {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	for _, path := range paths {
		if err := atomicfile.Write(filepath.Join(content, filepath.FromSlash(path)), p.Files[path]); err != nil {
			return err
		}
	}
	return nil
}

// editor collects the edits to each source and the refused cells.
type editor struct {
	p       *model.Pack
	srcs    map[string]*source
	refused Refused
	cells   int

	words                    *messages.Catalogue // the workbook's language
	raciSheet, registerSheet string              // the sheets' names in it
}

func (e *editor) refuse(sheet string, col, row int, format string, args ...any) {
	cell, _ := excelize.CoordinatesToCellName(col, row)
	e.refused = append(e.refused, fmt.Sprintf("%s!%s: %s", sheet, cell, fmt.Sprintf(format, args...)))
}

func (e *editor) source(path string) *source {
	s, ok := e.srcs[path]
	if !ok {
		for _, f := range e.p.Files {
			if f.Path == path {
				s = &source{path: path, data: f.Data, pos: model.IndexPositions(path, f.Data)}
			}
		}
		e.srcs[path] = s
	}
	return s
}

// rows reads a sheet's cells as text, as excelize's GetRows does, except
// that a row excelize cannot read is an error rather than the end of the
// sheet; a missing or unreadable sheet is refused.
func (e *editor) rows(f *excelize.File, sheet string) [][]string {
	rows, err := readRows(f, sheet)
	if err != nil {
		e.refused = append(e.refused, fmt.Sprintf("%s: the sheet is missing or unreadable: %v", sheet, err))
		return nil
	}
	return rows
}

func readRows(f *excelize.File, sheet string) ([][]string, error) {
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	var out [][]string
	for n := 1; it.Next(); n++ {
		row, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			it.Close()
			return nil, fmt.Errorf("row %d: %v", n, err)
		}
		if len(row) > 0 {
			out = append(out, make([][]string, n-1-len(out))...)
			out = append(out, row)
		}
	}
	if err := it.Close(); err != nil {
		return nil, err
	}
	return out, nil
}

func cellAt(rows [][]string, col, row int) string {
	if row-1 < len(rows) && col-1 < len(rows[row-1]) {
		return strings.TrimSpace(rows[row-1][col-1])
	}
	return ""
}

// raci reads the RACI grid against the view it was built from.
func (e *editor) raci(f *excelize.File, v *view.View) {
	sheet := e.raciSheet
	rows := e.rows(f, sheet)
	if rows == nil {
		return
	}
	roles := v.RACI.Roles
	for j, r := range roles {
		if got := cellAt(rows, raciFirstRole+j, 1); got != r.Name {
			e.refuse(sheet, raciFirstRole+j, 1, "the column is headed %q but the sources have the role %q here: rename roles in roles/; columns cannot be moved, added or removed in the workbook", got, r.Name)
			return
		}
	}
	if len(rows) > 0 && len(rows[0]) > raciFirstRole-1+len(roles) {
		e.refuse(sheet, raciFirstRole+len(roles), 1, "a new column: add roles in roles/, not in the workbook")
	}
	row := 1
	for _, proc := range v.RACI.Processes {
		for _, ar := range proc.Rows {
			row++
			a := ar.Activity
			if got := cellAt(rows, raciActivityCol, row); got != a.Name {
				e.refuse(sheet, raciActivityCol, row, "the activity is %q but the sources have %q in this row: rename activities in raci.toml; rows cannot be moved, added or removed in the workbook", got, a.Name)
				return
			}
			gained, lost := map[string][]string{}, map[string][]string{}
			for j, r := range roles {
				raw := cellAt(rows, raciFirstRole+j, row)
				letters, ok := parseLetters(raw)
				if !ok {
					e.refuse(sheet, raciFirstRole+j, row, "%q is not one of R, A, S, C, I (or several of them, such as RA)", raw)
					continue
				}
				if letters == ar.Cells[j] {
					continue
				}
				e.cells++
				for _, l := range model.Letters {
					had, has := strings.Contains(ar.Cells[j], l), strings.Contains(letters, l)
					switch {
					case has && !had:
						gained[l] = append(gained[l], r.ID)
					case had && !has:
						lost[l] = append(lost[l], r.ID)
					}
				}
			}
			for _, l := range model.Letters {
				if len(gained[l]) == 0 && len(lost[l]) == 0 {
					continue
				}
				ids := slices.DeleteFunc(slices.Clone(a.RoleIDs[l]), func(id string) bool { return slices.Contains(lost[l], id) })
				ids = slices.Compact(append(ids, gained[l]...))
				e.setKey(model.RACIFile, fmt.Sprintf("activity[%d]", slices.Index(e.p.Activities, a)),
					strings.ToLower(model.LetterNames[l]), roleList(ids), sheet, row)
			}
		}
	}
	// Under a grid whose role columns are numbered, the workbook's key
	// of the numbers (xlsx.RACIKey): read past, as long as it is as the
	// workbook wrote it.
	key := xlsx.RACIKey(v)
	if len(rows) > row {
		for r := row + 1; r <= len(rows); r++ {
			var want []string
			if k := r - row - 1; k < len(key) {
				want = key[k]
			}
			for c := 1; c <= len(rows[r-1]); c++ {
				expected := ""
				if c <= len(want) {
					expected = want[c-1]
				}
				if got := cellAt(rows, c, r); got != expected {
					e.refuse(sheet, c, r, "a new row: add activities to raci.toml, not in the workbook")
					return
				}
			}
		}
	}
}

// parseLetters reads a RACI cell: empty, or distinct letters of R, A, S, C,
// I in any order and case, given back in R, A, S, C, I order.
func parseLetters(s string) (string, bool) {
	s = strings.ToUpper(strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '/' }), ""))
	var out string
	for _, l := range model.Letters {
		switch strings.Count(s, l) {
		case 0:
		case 1:
			out += l
		default:
			return "", false
		}
	}
	if len(out) != len(s) {
		return "", false
	}
	return out, true
}

// roleList writes a RACI value as the sources do: one id as a string,
// several as an array; "" when there are none (the key is removed).
func roleList(ids []string) string {
	switch len(ids) {
	case 0:
		return ""
	case 1:
		return quoteTOML(ids[0])
	}
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = quoteTOML(id)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func quoteTOML(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// register reads the Deputy column of the role register; the Role and
// Holder columns say which assignment a row is.
func (e *editor) register(f *excelize.File, v *view.View) {
	sheet := e.registerSheet
	rows := e.rows(f, sheet)
	if rows == nil {
		return
	}
	byName := map[string][]*model.Person{}
	for _, x := range e.p.People {
		byName[strings.ToLower(x.Name)] = append(byName[strings.ToLower(x.Name)], x)
	}
	row := 1
	for _, r := range v.Roles {
		if len(r.Seats) == 0 {
			row++ // the "(no holder)" or "(everyone)" row
		}
		for _, seat := range slices.Concat(r.Seats, r.Former) {
			row++
			if got := cellAt(rows, regRoleCol, row); got != r.Name {
				e.refuse(sheet, regRoleCol, row, "the row is for %q but the sources have %q here: rows cannot be moved, added or removed in the workbook", got, r.Name)
				return
			}
			if got := cellAt(rows, regHolderCol, row); got != seat.Person.Name {
				e.refuse(sheet, regHolderCol, row, "the holder %q is not %q, who holds the role in the sources: appoint people in roles/%s.toml", got, seat.Person.Name, r.ID)
				continue
			}
			raw := cellAt(rows, regDeputyCol, row)
			if raw == xlsx.DeputyText(e.words, seat.Deputy, seat.DeputyActive) {
				continue
			}
			e.cells++
			name := raw
			if byName[strings.ToLower(name)] == nil {
				name = withoutStatus(name)
			}
			value := ""
			if name != "" {
				match := byName[strings.ToLower(name)]
				switch {
				case len(match) == 0:
					e.refuse(sheet, regDeputyCol, row, "%q is nobody in the pack: write a person's name as people.toml or the HR export gives it", raw)
					continue
				case len(match) > 1:
					e.refuse(sheet, regDeputyCol, row, "%q names %d people: set the deputy in roles/%s.toml by id", raw, len(match), r.ID)
					continue
				case match[0] == seat.Person:
					e.refuse(sheet, regDeputyCol, row, "%q is the holder: a deputy must be another person", raw)
					continue
				}
				value = quoteTOML(match[0].ID)
			}
			i := slices.Index(r.Assignments, seat.Assignment)
			e.setKey(r.Pos.File, fmt.Sprintf("assignment[%d]", i), "deputy", value, sheet, row)
		}
	}
}

// withoutStatus is a deputy's name without the status the register adds
// in parentheses, ASCII or full-width: "Dora Deputy (leaver)",
// "山田花子（退職）".
func withoutStatus(s string) string {
	for _, p := range []struct{ open, close string }{{" (", ")"}, {"(", ")"}, {"（", "）"}} {
		if i := strings.LastIndex(s, p.open); i > 0 && strings.HasSuffix(s, p.close) {
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}

// setKey records that key of the table at path in file is to hold value
// (TOML text), or be removed when value is "".
func (e *editor) setKey(file, table, key, value, sheet string, row int) {
	s := e.source(file)
	if s == nil {
		e.refused = append(e.refused, fmt.Sprintf("%s row %d: %s is not among the sources read", sheet, row, file))
		return
	}
	s.edits = append(s.edits, edit{table: table, key: key, value: value, sheet: sheet, row: row})
}
