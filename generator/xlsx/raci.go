package xlsx

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/model"
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
// range rng (such as "E2:T2"). COUNTIF with wildcards counts cells that
// contain the letter, so a combined cell such as "RA" counts as both a
// Responsible and an Accountable. It gives "OK", or what is wrong: "no A",
// "more than one A", "no R", or both kinds joined by ", ".
func CheckFormula(rng string) string {
	a := `COUNTIF(` + rng + `,"*A*")`
	r := `COUNTIF(` + rng + `,"*R*")`
	return `IF(AND(` + a + `=1,` + r + `>0),"OK",` +
		`IF(` + a + `=0,"no A",IF(` + a + `>1,"more than one A",""))` +
		`&IF(` + r + `=0,IF(` + a + `=1,"no R",", no R"),""))`
}

// CheckFlag is what CheckFormula gives for a row of cell values: it is
// written as the formula's cached result.
func CheckFlag(cells []string) string {
	a, r := 0, 0
	for _, c := range cells {
		if strings.ContainsAny(c, "Aa") {
			a++
		}
		if strings.ContainsAny(c, "Rr") {
			r++
		}
	}
	if a == 1 && r > 0 {
		return "OK"
	}
	var flag string
	switch {
	case a == 0:
		flag = "no A"
	case a > 1:
		flag = "more than one A"
	}
	if r == 0 {
		if flag != "" {
			flag += ", "
		}
		flag += "no R"
	}
	return flag
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
	widths, colStyles := []float64{21, 16, 46, 15}, []int{0, 0, 0, 0}
	for range roles {
		widths, colStyles = append(widths, 5.7), append(colStyles, b.style.grid)
	}
	s := b.open(SheetRACI, layout{
		landscape: true, widths: widths, colStyles: colStyles, freezeCols: raciCheckCol, freezeRows: 1,
		pagesWide: (len(roles) + rolesPerPage - 1) / rolesPerPage,
	})

	var names []string
	header := b.headers("Process", "Clause", "Activity", "Check")
	for _, r := range roles {
		names = append(names, r.Name)
		header = append(header, excelize.Cell{StyleID: b.style.headerRotated, Value: r.Name})
	}
	s.writeOpts(excelize.RowOpts{Height: rotatedHeight(names)}, header...)

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
					Formula: CheckFormula(rangeRef(raciFirstRole, r, lastCol, r)),
					Value:   CheckFlag(cells),
				}
			} else {
				row[raciCheckCol-1] = b.text(CheckFlag(nil))
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
		return b.f.SetConditionalFormat(SheetRACI, checks, []excelize.ConditionalFormatOptions{
			{Type: "cell", Criteria: "!=", Value: `"OK"`, Format: &b.style.cfBad},
			{Type: "cell", Criteria: "==", Value: `"OK"`, Format: &b.style.cfOK},
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
		s.do(func() error { return b.f.SetConditionalFormat(SheetRACI, grid, rules) })
		dv := excelize.NewDataValidation(true)
		dv.Sqref = grid
		dv.SetError(excelize.DataValidationErrorStyleStop, "RACI letters",
			"Enter R, A, S, C or I, or several in that order (for example RA). Leave the cell empty when the role takes no part.")
		s.do(func() error { return dv.SetDropList(RACIValues) })
		s.do(func() error { return b.f.AddDataValidation(SheetRACI, dv) })
	}
	s.do(func() error { return b.f.AutoFilter(SheetRACI, rangeRef(1, 1, lastCol, last), nil) })
	s.defineName("RACI_Matrix", 1, 1, lastCol, last, "Activities by role: R, A, S, C, I")
	s.printArea(lastCol, last)
	s.printTitles(1, 1, raciCheckCol)
	return s.close()
}
