package xlsx

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/model"
)

// Columns of the competence matrix before the first competence. Each
// competence then takes two columns: the level held and the level required.
const (
	compPersonCol = 1
	compAreaCol   = 2
	compStatusCol = 3
	compSeatsCol  = 4
	compGapsCol   = 5
	compFirst     = 6
)

// competencesPerPage is how many competences a printed page carries across.
const competencesPerPage = 25

// explicitGapTerms is the most competences a gap formula names one by one;
// beyond it the formula counts the pairs with SUMPRODUCT, which stays short.
const explicitGapTerms = 40

// GapFormula is the live gap count of one person's row: the number of
// competences whose held level (left of each pair of columns, the first
// pair at column first) is below the required level (right of the pair).
// An empty held cell counts as level 0; an empty required cell as nothing
// required. For a few competences it reads 0+(F3<G3)+(H3<I3)+…; for many,
// SUMPRODUCT over the held columns, picked by their column parity.
func GapFormula(first, pairs, row int) string {
	if pairs == 0 {
		return ""
	}
	if pairs <= explicitGapTerms {
		terms := make([]string, pairs)
		for i := range pairs {
			terms[i] = "(" + cellRef(first+2*i, row) + "<" + cellRef(first+2*i+1, row) + ")"
		}
		return "0+" + strings.Join(terms, "+") // 0+ makes a single comparison a number
	}
	held := rangeRef(first, row, first+2*pairs-2, row)
	req := rangeRef(first+1, row, first+2*pairs-1, row)
	start := cellRef(first, row)
	return `SUMPRODUCT((MOD(COLUMN(` + held + `)-COLUMN(` + start + `),2)=0)*(` + held + `<` + req + `))`
}

// competenceSheet writes the view's competence matrix: its rows (the seated
// people, in name order) and its competences as pairs of columns (held,
// required), with the gaps counted and highlighted live.
func (b *book) competenceSheet() error {
	matrix := &b.v.Competence
	comps := matrix.Competences
	lastCol := compFirst + 2*len(comps) - 1
	if len(comps) == 0 {
		lastCol = compGapsCol
	}
	// The pair's columns are as narrow as their 8-point labels ("held",
	// "req.") allow.
	held, required := b.w.Text("workbook.competence.held"), b.w.Text("workbook.competence.required")
	pair := max(3.7, float64(max(textWidth(held), textWidth(required)))*0.65+1)
	fixed := []string{b.w.Text("workbook.competence.person"), b.w.Text("workbook.competence.area"),
		b.w.Text("workbook.competence.status"), b.w.Text("workbook.competence.seats"), b.w.Text("workbook.competence.gaps")}
	statuses := [][]string{{"", "", b.statusWord(model.Active)}, {"", "", b.statusWord(model.Leaver)}}
	widths, colStyles := fit([]float64{22, 15, 7, 28, 6}, append(statuses, fixed)...), []int{0, 0, 0, 0, 0}
	for range comps {
		widths, colStyles = append(widths, pair, pair), append(colStyles, b.style.held, b.style.held)
	}
	s := b.open(SheetCompetence, layout{
		landscape: true, widths: widths, colStyles: colStyles, freezeCols: compGapsCol, freezeRows: 2,
		pagesWide: (len(comps) + competencesPerPage - 1) / competencesPerPage,
	})

	// Two header rows: the competence names, rotated, each over its pair;
	// then the column labels, "held" and "req." under each competence. The
	// filter buttons sit on the second row.
	var names []string
	top := make([]any, lastCol)
	for i := range compGapsCol {
		top[i] = excelize.Cell{StyleID: b.style.header}
	}
	sub := b.headers(fixed...)
	for i, c := range comps {
		names = append(names, c.Name)
		top[compFirst+2*i] = excelize.Cell{StyleID: b.style.headerRotated}
		sub = append(sub, excelize.Cell{StyleID: b.style.subhead, Value: held},
			excelize.Cell{StyleID: b.style.subhead, Value: required})
	}
	// A name spans the two columns of its pair, turned, as the RACI's
	// role names are; when one is too long for that, the pairs are
	// numbered and a key under the matrix names them (as in the RACI).
	height, numbered := rotatedHeader(names)
	for i, c := range comps {
		style := b.style.headerRotated
		if numbered {
			var err error
			if style, err = b.numberedHeader(i + 1); err != nil {
				return err
			}
		}
		top[compFirst-1+2*i] = excelize.Cell{StyleID: style, Value: c.Name}
	}
	s.writeOpts(excelize.RowOpts{Height: max(height, s.rowHeight(top))}, top...)
	for i := range comps {
		s.merge(compFirst+2*i, compFirst+2*i+1)
	}
	s.write(sub...)

	row := make([]any, lastCol)
	for _, m := range matrix.Rows {
		clear(row)
		r := s.row + 1
		person := m.Person
		row[compPersonCol-1] = b.text(person.Name)
		row[compAreaCol-1] = b.text(areaName(person.Person))
		row[compStatusCol-1] = b.text(b.statusWord(person.Status))
		row[compSeatsCol-1] = b.text(strings.Join(person.SeatNames(), "; "))
		for i, c := range m.Cells {
			if c.Record != nil { // no record: an empty cell, read as level 0
				row[compFirst-1+2*i] = excelize.Cell{StyleID: b.style.held, Value: c.Held}
			}
			if c.Required > 0 {
				row[compFirst+2*i] = excelize.Cell{StyleID: b.style.required, Value: c.Required}
			}
		}
		// The view's count is the formula's cached result: a reader that
		// does not calculate sees the number the PDF and the site show.
		gaps := excelize.Cell{StyleID: b.style.gapCount, Value: m.Gaps}
		if len(comps) > 0 {
			gaps.Formula = GapFormula(compFirst, len(comps), r)
		}
		row[compGapsCol-1] = gaps
		s.write(row...)
	}
	last := max(s.row, 3)
	s.do(func() error {
		return b.f.SetConditionalFormat(s.name, rangeRef(compGapsCol, 3, compGapsCol, last),
			[]excelize.ConditionalFormatOptions{{Type: "cell", Criteria: ">", Value: "0", Format: &b.style.cfGap}})
	})
	if len(comps) > 0 {
		// One rule for both cells of a pair: a held cell (even offset)
		// looks right to its required level, a required cell left.
		first := cellRef(compFirst, 3)
		anchor := "$" + colName(compFirst) + "3"
		left, right := cellRef(compFirst-1, 3), cellRef(compFirst+1, 3)
		rule := `IF(MOD(COLUMN(` + first + `)-COLUMN(` + anchor + `),2)=0,` +
			`AND(ISNUMBER(` + right + `),N(` + first + `)<` + right + `),` +
			`AND(ISNUMBER(` + first + `),N(` + left + `)<` + first + `))`
		s.do(func() error {
			return b.f.SetConditionalFormat(s.name, rangeRef(compFirst, 3, lastCol, last),
				[]excelize.ConditionalFormatOptions{{Type: "formula", Criteria: rule, Format: &b.style.cfGap}})
		})
	}
	s.do(func() error {
		return b.f.SetConditionalFormat(s.name, rangeRef(1, 3, compStatusCol, last),
			[]excelize.ConditionalFormatOptions{{Type: "formula", Criteria: `$` + colName(compStatusCol) + `3=` + formulaText(b.statusWord(model.Leaver)), Format: &b.style.cfInfo}})
	})
	s.do(func() error { return b.f.AutoFilter(s.name, rangeRef(1, 2, lastCol, last), nil) })
	s.defineName("Competence_Matrix", 1, 2, lastCol, last, b.w.Text("workbook.competence.name_comment"))
	printed := last
	if numbered {
		printed = b.columnKey(s, columnKey(b.w.Text("workbook.competence.columns"), names))
	}
	s.printArea(lastCol, printed)
	s.printTitles(1, 2, compGapsCol)
	return s.close()
}

// areaName is the person's area, or their department when the area is not
// given.
func areaName(p *model.Person) string {
	if p.Area != nil {
		return p.Area.Name
	}
	return p.Department
}
