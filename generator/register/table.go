package register

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Limits of the input. A role register or RACI matrix of a real
// organisation is far below them; they keep a mistaken or hostile file
// from taking unbounded time or memory.
const (
	MaxFileBytes = 16 << 20 // the spreadsheet file
	MaxRows      = 5000     // data rows, after the header row
	MaxColumns   = 200      // columns of the header row and of any row
	MaxCellRunes = 20000    // one cell (a purpose, a list of responsibilities)
	MaxLineRunes = 2000     // one line of a cell (a name, a responsibility)
	MaxProblems  = 50       // problems reported before the rest are counted only

	// An .xlsx file is a zip archive: the most its parts may unpack to,
	// and the part size above which excelize keeps a sheet in a temporary
	// file rather than in memory.
	maxUnzipped    = 64 << 20
	maxUnzippedXML = 16 << 20
)

// Pos is a cell of the spreadsheet: its file, sheet (for a workbook), row
// and column, from 1. Row 0 means the whole file; column 0 the whole row.
// For a CSV file, Row is the line the cell starts on.
type Pos struct {
	File  string
	Sheet string
	Row   int
	Col   int
}

// String formats the place as "register.xlsx:Roles!C14" for a workbook and
// "roles.csv:14:3" (line 14, third column) for a CSV file.
func (p Pos) String() string {
	switch {
	case p.Row == 0:
		return p.File
	case p.Sheet != "":
		col := p.Col
		if col == 0 {
			col = 1
		}
		name, err := excelize.CoordinatesToCellName(col, p.Row)
		if err != nil {
			name = fmt.Sprintf("R%dC%d", p.Row, col)
		}
		return p.File + ":" + sheetRef(p.Sheet) + "!" + name
	case p.Col == 0:
		return p.File + ":" + strconv.Itoa(p.Row)
	}
	return p.File + ":" + strconv.Itoa(p.Row) + ":" + strconv.Itoa(p.Col)
}

// sheetRef quotes a sheet name as a spreadsheet formula would when it is
// not a plain word: 'Role register'!B2.
func sheetRef(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// Problem is one thing in the spreadsheet that stops the import.
type Problem struct {
	Pos     Pos
	Message string
}

func (p Problem) String() string { return p.Pos.String() + ": " + p.Message }

// Problems is every problem found, in the order of the spreadsheet, at
// most MaxProblems of them; More counts those left out.
type Problems struct {
	List []Problem
	More int
}

func (p *Problems) add(pos Pos, format string, args ...any) {
	if len(p.List) >= MaxProblems {
		p.More++
		return
	}
	p.List = append(p.List, Problem{Pos: pos, Message: fmt.Sprintf(format, args...)})
}

func (p *Problems) Error() string {
	var b strings.Builder
	for i, q := range p.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(q.String())
	}
	if p.More > 0 {
		fmt.Fprintf(&b, "\n… and %d more %s", p.More, plural(p.More, "problem", "problems"))
	}
	return b.String()
}

func (p *Problems) empty() bool { return len(p.List) == 0 && p.More == 0 }

// cell is one cell's text as the spreadsheet shows it, and where it is.
type cell struct {
	text string
	pos  Pos
	// formula is set for a workbook cell that holds a formula and no value
	// saved with it, which only a spreadsheet program can compute.
	formula bool
}

// table is a sheet: its rows, each a list of cells from column A; empty
// rows are kept as nil so that row numbers stay true.
type table struct {
	file, sheet string
	rows        [][]cell
}

// readTable reads a CSV file or, for a name ending in .xlsx, the sheet of
// a workbook: the named one, else the first whose header pick accepts,
// else the first. It refuses input beyond the limits.
func readTable(name string, data []byte, sheet string, pick func(*table) bool, probs *Problems) *table {
	file := Pos{File: name}
	if len(data) > MaxFileBytes {
		probs.add(file, "the file is %s; the limit is %s", sizeText(len(data)), sizeText(MaxFileBytes))
		return nil
	}
	switch lower := strings.ToLower(name); {
	case strings.HasSuffix(lower, ".xlsx"):
		return readXLSX(name, data, sheet, pick, probs)
	case strings.HasSuffix(lower, ".csv"), strings.HasSuffix(lower, ".txt"):
		if sheet != "" {
			probs.add(file, "a CSV file has no sheets: drop --sheet")
			return nil
		}
		return readCSV(name, data, probs)
	}
	probs.add(file, "not a .csv or .xlsx file: save the spreadsheet as CSV (UTF-8) or Excel workbook (.xlsx)")
	return nil
}

func sizeText(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

// readCSV reads comma-, semicolon- or tab-separated text, UTF-8 with or
// without a byte-order mark.
func readCSV(name string, data []byte, probs *Problems) *table {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		probs.add(Pos{File: name, Row: line}, "not UTF-8 text: save the file as \"CSV UTF-8\"")
		return nil
	}
	t := &table{file: name}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = false
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				probs.add(Pos{File: name, Row: pe.Line, Col: pe.Column}, "not valid CSV: %v", pe.Err)
			} else {
				probs.add(Pos{File: name}, "not valid CSV: %v", err)
			}
			return nil
		}
		if len(t.rows) > MaxRows+headerSearch {
			line, _ := r.FieldPos(0)
			probs.add(Pos{File: name, Row: line}, "more than %d rows; the limit is %d: split the file", MaxRows, MaxRows)
			return nil
		}
		line, _ := r.FieldPos(0)
		if len(rec) > MaxColumns {
			probs.add(Pos{File: name, Row: line, Col: MaxColumns + 1}, "more than %d columns; the limit is %d", MaxColumns, MaxColumns)
			return nil
		}
		row := make([]cell, len(rec))
		for i, v := range rec {
			l, _ := r.FieldPos(i)
			row[i] = cell{text: v, pos: Pos{File: name, Row: l, Col: i + 1}}
		}
		if blankRow(row) {
			row = nil
		}
		t.rows = append(t.rows, row)
	}
	return t
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// separator guesses the field separator from the first line: spreadsheet
// programs in locales with a decimal comma write semicolons.
func separator(data []byte) rune {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	counts := map[rune]int{',': 0, ';': 0, '\t': 0}
	quoted := false
	for _, c := range string(line) {
		if c == '"' {
			quoted = !quoted
		}
		if _, ok := counts[c]; ok && !quoted {
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

func blankRow(row []cell) bool {
	for _, c := range row {
		if strings.TrimSpace(c.text) != "" || c.formula {
			return false
		}
	}
	return true
}

// readXLSX reads one sheet of a workbook, the values as the workbook saved
// them (a formula's last computed value).
func readXLSX(name string, data []byte, sheet string, pick func(*table) bool, probs *Problems) *table {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzippedXML})
	if err != nil {
		probs.add(Pos{File: name}, "not a workbook this program can read: %v", err)
		return nil
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if sheet != "" {
		for _, s := range sheets {
			if strings.EqualFold(s, sheet) {
				return readSheet(f, name, s, hasFormulas(f), probs)
			}
		}
		probs.add(Pos{File: name}, "no sheet %q; the workbook has %s", sheet, quoteList(sheets))
		return nil
	}
	if len(sheets) == 0 {
		probs.add(Pos{File: name}, "the workbook has no sheets")
		return nil
	}
	formulas := hasFormulas(f)
	var first *table
	for i, s := range sheets {
		if i >= 20 {
			break
		}
		var own Problems
		t := readSheet(f, name, s, formulas, &own)
		if !own.empty() {
			if first == nil {
				*probs = own
				return nil
			}
			continue
		}
		if pick(t) {
			return t
		}
		if first == nil {
			first = t
		}
	}
	return first
}

// hasFormulas reports whether any worksheet of f may hold a formula: one
// whose XML has a formula element, or one too large to be held in memory.
// Only then are empty cells asked for their formula, which has excelize
// read the whole sheet at once.
func hasFormulas(f *excelize.File) bool {
	parts, inMemory, formula := 0, 0, false
	f.Pkg.Range(func(k, v any) bool {
		key, _ := k.(string)
		if !strings.HasPrefix(key, "xl/worksheets/") || !strings.HasSuffix(key, ".xml") {
			return true
		}
		parts++
		if b, ok := v.([]byte); ok {
			inMemory++
			for _, tag := range []string{"<f>", "<f ", ":f>", ":f "} {
				if bytes.Contains(b, []byte(tag)) {
					formula = true
					return false
				}
			}
		}
		return true
	})
	return formula || parts == 0 || inMemory < parts
}

func readSheet(f *excelize.File, name, sheet string, formulas bool, probs *Problems) *table {
	t := &table{file: name, sheet: sheet}
	it, err := f.Rows(sheet)
	if err != nil {
		probs.add(Pos{File: name}, "sheet %q cannot be read: %v", sheet, err)
		return nil
	}
	defer it.Close()
	for n := 1; it.Next(); n++ {
		if n > MaxRows+headerSearch+1 {
			probs.add(Pos{File: name, Sheet: sheet, Row: n}, "more than %d rows; the limit is %d: split the sheet", MaxRows, MaxRows)
			return nil
		}
		values, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			probs.add(Pos{File: name, Sheet: sheet, Row: n}, "the row cannot be read: %v", err)
			return nil
		}
		row := make([]cell, min(len(values), MaxColumns+1))
		for i := range row {
			row[i] = cell{text: values[i], pos: Pos{File: name, Sheet: sheet, Row: n, Col: i + 1}}
		}
		// A formula without a saved value reads as an empty cell: mark it,
		// so that it is refused rather than taken as empty.
		for i := range row {
			if row[i].text != "" || !formulas {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(i+1, n)
			if fx, err := f.GetCellFormula(sheet, ref); err == nil && fx != "" {
				row[i].formula = true
			}
		}
		for len(row) > 0 && strings.TrimSpace(row[len(row)-1].text) == "" && !row[len(row)-1].formula {
			row = row[:len(row)-1]
		}
		if len(row) > MaxColumns {
			probs.add(Pos{File: name, Sheet: sheet, Row: n, Col: MaxColumns + 1}, "more than %d columns; the limit is %d", MaxColumns, MaxColumns)
			return nil
		}
		for len(t.rows) < n-1 {
			t.rows = append(t.rows, nil)
		}
		if blankRow(row) {
			row = nil
		}
		t.rows = append(t.rows, row)
	}
	if err := it.Error(); err != nil {
		probs.add(Pos{File: name}, "sheet %q cannot be read: %v", sheet, err)
		return nil
	}
	return t
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) > 10 {
		q = append(q[:10], "…")
	}
	return strings.Join(q, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
