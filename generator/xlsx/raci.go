package xlsx

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
)

// Columns of the RACI sheet before the first role column.
const (
	raciProcessCol  = 1
	raciClauseCol   = 2
	raciActivityCol = 3
	raciCheckCol    = 4
	raciFirstRole   = 5
)

// rolesPerPage is how many role columns a printed RACI page carries before
// the printout goes on to another page across.
const rolesPerPage = 30

// RACIValues lists every value a RACI cell may hold: one letter, or several
// in R, A, S, C, I order when a role has more than one part in an activity
// ("RA": does the work and answers for it). The view folds a role's letters
// into that order, so every cell it gives is in the list, and the list is
// the cell's data validation.
var RACIValues = letterCombinations(model.Letters)

// letterCombinations returns every non-empty combination of letters, in
// their given order, shortest first: R, A, S, C, I, RA, RS, …, RASCI.
func letterCombinations(letters []string) []string {
	var out []string
	var pick func(start, k int, prefix string)
	pick = func(start, k int, prefix string) {
		if k == 0 {
			out = append(out, prefix)
			return
		}
		for i := start; i <= len(letters)-k; i++ {
			pick(i+1, k-1, prefix+letters[i])
		}
	}
	for k := 1; k <= len(letters); k++ {
		pick(0, k, "")
	}
	return out
}

// CheckFormula is the live check of one RACI row, whose role cells are the
// range rng (such as "E2:T2"), in English. COUNTIF with wildcards counts
// cells that contain the letter, so a combined cell such as "RA" counts as
// both a Responsible and an Accountable. It gives "OK", or what is wrong:
// "no A", "more than one A", "no R", or both kinds ("no A, no R").
func CheckFormula(rng string) string {
	return CheckFormulaIn(messages.Builtin(messages.Reference), rng)
}

// CheckFormulaIn is CheckFormula with the words of c.
func CheckFormulaIn(c *messages.Catalogue, rng string) string {
	a := `COUNTIF(` + rng + `,"*A*")`
	r := `COUNTIF(` + rng + `,"*R*")`
	w := func(key string) string { return formulaText(checkWord(c, key)) }
	return `IF(AND(` + a + `=1,` + r + `>0),` + w("ok") + `,` +
		`IF(` + r + `=0,IF(` + a + `=0,` + w("no_a_no_r") + `,IF(` + a + `>1,` + w("many_a_no_r") + `,` + w("no_r") + `)),` +
		`IF(` + a + `=0,` + w("no_a") + `,` + w("many_a") + `)))`
}

// checkWord is the Check column's word for what (ok, no_a, …).
func checkWord(c *messages.Catalogue, what string) string {
	switch what {
	case "ok":
		return c.Text("workbook.raci.ok")
	case "no_a":
		return c.Text("workbook.raci.no_a")
	case "many_a":
		return c.Text("workbook.raci.many_a")
	case "no_r":
		return c.Text("workbook.raci.no_r")
	case "no_a_no_r":
		return c.Text("workbook.raci.no_a_no_r")
	case "many_a_no_r":
		return c.Text("workbook.raci.many_a_no_r")
	}
	return what
}

// CheckFlag is what CheckFormula gives for a row of cell values: it is
// written as the formula's cached result.
func CheckFlag(cells []string) string {
	return CheckFlagIn(messages.Builtin(messages.Reference), cells)
}

// CheckFlagIn is CheckFlag with the words of c: what CheckFormulaIn gives.
func CheckFlagIn(c *messages.Catalogue, cells []string) string {
	a, r := 0, 0
	for _, c := range cells {
		if strings.ContainsAny(c, "Aa") {
			a++
		}
		if strings.ContainsAny(c, "Rr") {
			r++
		}
	}
	switch {
	case a == 1 && r > 0:
		return checkWord(c, "ok")
	case r == 0 && a == 0:
		return checkWord(c, "no_a_no_r")
	case r == 0 && a > 1:
		return checkWord(c, "many_a_no_r")
	case r == 0:
		return checkWord(c, "no_r")
	case a == 0:
		return checkWord(c, "no_a")
	}
	return checkWord(c, "many_a")
}

// raciSheet writes the view's RACI: activities as rows, grouped by ISMS
// process, and roles as columns, with a live check per row.
func (b *book) raciSheet() error {
	raci := &b.v.RACI
	roles := raci.Roles
	lastCol := raciFirstRole + len(roles) - 1
	if len(roles) == 0 {
		lastCol = raciCheckCol
	}
	// Role cells without a letter still show as a bordered, centred grid,
	// through the column style, without a cell element each.
	fixed := []string{b.w.Text("workbook.raci.process"), b.w.Text("workbook.raci.clause"),
		b.w.Text("workbook.raci.activity"), b.w.Text("workbook.raci.check")}
	widths, colStyles := fit([]float64{21, 16, 46, 15}, fixed), []int{0, 0, 0, 0}
	for range roles {
		widths, colStyles = append(widths, 5.7), append(colStyles, b.style.grid)
	}
	s := b.open(SheetRACI, layout{
		landscape: true, widths: widths, colStyles: colStyles, freezeCols: raciCheckCol, freezeRows: 1,
		pagesWide: (len(roles) + rolesPerPage - 1) / rolesPerPage,
	})

	// Each role column is headed by the role's name, turned; when a name
	// does not fit on two lines (rotatedHeader), every column shows its
	// number instead, through a number format (the cell still holds the
	// name, for filters and import-workbook), and a key under the grid
	// gives each number's role.
	var names []string
	header := b.headers(fixed...)
	for _, r := range roles {
		names = append(names, r.Name)
	}
	height, numbered := rotatedHeader(names)
	for i, r := range roles {
		style := b.style.headerRotated
		if numbered {
			var err error
			if style, err = b.numberedHeader(i + 1); err != nil {
				return err
			}
		}
		header = append(header, excelize.Cell{StyleID: style, Value: r.Name})
	}
	s.writeOpts(excelize.RowOpts{Height: max(height, s.rowHeight(header))}, header...)

	row := make([]any, lastCol)
	for _, proc := range raci.Processes {
		for _, activity := range proc.Rows {
			a, cells := activity.Activity, activity.Cells
			clear(row)
			row[raciProcessCol-1] = b.text(a.Process)
			row[raciClauseCol-1] = b.text(a.Clause)
			row[raciActivityCol-1] = b.text(a.Name)
			r := s.row + 1
			if len(roles) > 0 {
				row[raciCheckCol-1] = excelize.Cell{
					StyleID: b.style.check,
					Formula: CheckFormulaIn(b.w, rangeRef(raciFirstRole, r, lastCol, r)),
					Value:   CheckFlagIn(b.w, cells),
				}
			} else {
				row[raciCheckCol-1] = b.text(CheckFlagIn(b.w, nil))
			}
			for i, c := range cells {
				if c != "" {
					row[raciFirstRole-1+i] = excelize.Cell{StyleID: b.style.grid, Value: c}
				}
			}
			s.write(row...)
		}
	}
	last := max(s.row, 2)
	checks := rangeRef(raciCheckCol, 2, raciCheckCol, last)
	s.do(func() error {
		ok := formulaText(checkWord(b.w, "ok"))
		return b.f.SetConditionalFormat(s.name, checks, []excelize.ConditionalFormatOptions{
			{Type: "cell", Criteria: "!=", Value: ok, Format: &b.style.cfBad},
			{Type: "cell", Criteria: "==", Value: ok, Format: &b.style.cfOK},
		})
	})
	if len(roles) > 0 {
		grid := rangeRef(raciFirstRole, 2, lastCol, last)
		first := cellRef(raciFirstRole, 2)
		// In R, A, S, C, I order, each rule stopping the rest: a combined
		// cell such as "RA" takes the colour of its first letter, as
		// view.CellColour gives it to every output.
		var rules []excelize.ConditionalFormatOptions
		for _, l := range model.Letters {
			rules = append(rules, excelize.ConditionalFormatOptions{
				Type: "formula", Criteria: `ISNUMBER(SEARCH("` + l + `",` + first + `))`,
				Format: new(b.style.cfLetter[l]), StopIfTrue: true,
			})
		}
		s.do(func() error { return b.f.SetConditionalFormat(s.name, grid, rules) })
		dv := excelize.NewDataValidation(true)
		dv.Sqref = grid
		dv.SetError(excelize.DataValidationErrorStyleStop, b.w.Text("workbook.letters.caption"), b.w.Text("workbook.raci.invalid"))
		s.do(func() error { return dv.SetDropList(RACIValues) })
		s.do(func() error { return b.f.AddDataValidation(s.name, dv) })
	}
	s.do(func() error { return b.f.AutoFilter(s.name, rangeRef(1, 1, lastCol, last), nil) })
	s.defineName("RACI_Matrix", 1, 1, lastCol, last, b.w.Text("workbook.raci.name_comment"))
	printed := last
	if numbered {
		printed = b.columnKey(s, columnKey(b.w.Text("workbook.raci.role_columns"), names))
	}
	s.printArea(lastCol, printed)
	s.printTitles(1, 1, raciCheckCol)
	return s.close()
}

// numberedHeader is the style of the header of role column n of a
// numbered RACI grid: it shows n, whatever name the cell holds (a number
// format whose text section is the number alone).
func (b *book) numberedHeader(n int) (int, error) {
	format := `;;;"` + strconv.Itoa(n) + `"`
	return b.f.NewStyle(&excelize.Style{
		Font: font(true, false, 11, "FFFFFF"), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{navy}},
		Border:       gridBorder,
		Alignment:    &excelize.Alignment{Horizontal: "center", Vertical: "bottom"},
		CustomNumFmt: &format,
	})
}

// columnKey writes the key of a grid whose columns are numbered under it,
// after an empty row: a caption, then a row per column with its number
// and its name across the next three columns. key is as columnKey gives
// it. It returns the last row written.
func (b *book) columnKey(s *sheet, key [][]string) int {
	s.skip(1)
	plain := excelize.RowOpts{StyleID: b.style.plain}
	s.writeOpts(plain, b.caption(key[1][0]))
	width := s.widths[1] + s.widths[2] + s.widths[3]
	for _, row := range key[2:] {
		opts := plain
		if lines, lh := wrappedLines(row[1], width, false, 11), lineHeightOf(row[1]); lines > 1 || lh > lineHeight {
			opts.Height = min(float64(lines)*lh, maxRowHeight)
		}
		s.writeOpts(opts, b.text(row[0]), b.text(row[1]), b.text(""), b.text(""))
		s.merge(2, 4)
	}
	return s.row
}

// RACIKey is what the RACI sheet of v's workbook holds below its grid,
// row by row from the row after the last activity, cells from column A:
// nothing when the role columns are headed by their names; when they are
// numbered, an empty row, the key's caption, and a row per role (its
// number, its name). import-workbook reads past these rows.
func RACIKey(v *view.View) [][]string {
	var names []string
	for _, r := range v.RACI.Roles {
		names = append(names, r.Name)
	}
	if _, numbered := rotatedHeader(names); !numbered {
		return nil
	}
	w := v.Words
	if w == nil {
		w = messages.Builtin(v.Pack.Language)
	}
	return columnKey(w.Text("workbook.raci.role_columns"), names)
}

// columnKey is the rows of the key of numbered columns named names: an
// empty row, the caption, then each column's number and name.
func columnKey(caption string, names []string) [][]string {
	key := [][]string{nil, {caption}}
	for i, n := range names {
		key = append(key, []string{strconv.Itoa(i + 1), n})
	}
	return key
}
