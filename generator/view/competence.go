package view

import "github.com/rolepack/rolepack/generator/model"

// Competence is the competence matrix and the training plan, drawn from one
// population: the tracked people (see model.Pack.Tracked) — the seated,
// and everyone a role held by everyone asks for a competence.
type Competence struct {
	// Competences are the matrix's columns: the whole catalogue, in
	// catalogue order.
	Competences []*model.Competence
	// Numbered reports whether the matrix's columns are numbered, with a
	// key of the numbers to the competences, because a competence's name
	// does not fit a turned column header (HeadsFit).
	Numbered bool
	// Rows are the tracked people, in name order.
	Rows []MatrixRow
	// Plan has one row per gap of those people, in the same order.
	Plan []model.TrainingItem
	// Required is what each role asks of the competences, for the roles
	// that ask anything, in pack order: the matrix the staff edition shows
	// instead of Rows.
	Required []RoleRequirements
}

// MatrixRow is one person's line of the competence matrix.
type MatrixRow struct {
	Person *Person
	Cells  []MatrixCell // one per Competence.Competences
	Gaps   int
}

// MatrixCell is what a person holds of one competence and what their seats
// require of it.
type MatrixCell struct {
	Held     int           // best recorded level, 0 when none
	Record   *model.Record // the record behind Held, or nil
	Required int           // 0 when none of their seats requires it
	Gap      bool          // Held < Required
}

func newCompetence(p *model.Pack, tracked []*Person) Competence {
	c := Competence{Competences: p.Competences}
	names := make([]string, len(p.Competences))
	for i, k := range p.Competences {
		names[i] = k.Name
	}
	c.Numbered = !HeadsFit(names)
	col := make(map[*model.Competence]int, len(p.Competences))
	for i, comp := range p.Competences {
		col[comp] = i
	}
	for _, pv := range tracked {
		row := MatrixRow{Person: pv, Cells: make([]MatrixCell, len(p.Competences))}
		for _, rec := range p.RecordsOf(pv.Person) {
			i, ok := col[rec.Competence]
			if ok && (row.Cells[i].Record == nil || rec.Level > row.Cells[i].Held) {
				row.Cells[i].Held, row.Cells[i].Record = rec.Level, rec
			}
		}
		for _, n := range pv.Needs {
			i, ok := col[n.Competence]
			if !ok {
				continue
			}
			row.Cells[i].Required = n.Required
			row.Cells[i].Gap = n.Gap()
			if n.Gap() {
				row.Gaps++
			}
		}
		c.Rows = append(c.Rows, row)
	}
	// The plan comes from the model, the same list the checks report, in
	// the same people order as the rows.
	c.Plan = p.TrainingPlan()
	return c
}
