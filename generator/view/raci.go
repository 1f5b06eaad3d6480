package view

import (
	"strings"

	"github.com/rolepack/rolepack/generator/model"
)

// GridMaxRoles is the most roles the RACI is shown for as a grid (roles as
// columns); above it every output lists each activity's roles by letter.
// One number for every output, so the PDF, the site and the DOCX change
// form at the same size.
const GridMaxRoles = 30

// RACI is the matrix of activities × roles with the letters folded: a role
// named twice under one letter of an activity counts once, and a role with
// several letters has them in R, A, S, C, I order ("RA").
type RACI struct {
	// Roles are the columns, in pack order.
	Roles []*model.Role
	// Processes group the rows, in first-seen order of the activities.
	Processes []Process
	// Rows are every activity, in source order.
	Rows []*Row
	// Grid reports whether the roles fit across a page as columns (see
	// GridMaxRoles).
	Grid bool
	// Numbered reports whether the grid's columns are numbered, with a
	// key of the numbers to the roles, because a role's name does not fit
	// a turned column header (HeadsFit).
	Numbered bool

	duties   map[*model.Role][]Duty
	rowIndex map[*model.Activity]int
}

// Process is one ISMS process and its activities.
type Process struct {
	Name string
	Rows []*Row
}

// Row is one activity of the matrix.
type Row struct {
	Activity *model.Activity
	// Cells holds the letters of each role of RACI.Roles, "" when it
	// takes no part.
	Cells []string
	// Parts lists, per letter that has any, the roles with that letter,
	// each once, in source order: the listing form of the row.
	Parts []Part
}

// Part is one letter of an activity and the roles that carry it.
type Part struct {
	Letter string
	Roles  []*model.Role
}

// Roles returns the roles with the given letter.
func (r *Row) Roles(letter string) []*model.Role {
	for _, p := range r.Parts {
		if p.Letter == letter {
			return p.Roles
		}
	}
	return nil
}

func newRACI(p *model.Pack) RACI {
	x := RACI{
		Roles:    p.Roles,
		Grid:     len(p.Roles) <= GridMaxRoles,
		Numbered: !HeadsFit(roleNames(p.Roles)),
		duties:   make(map[*model.Role][]Duty),
		rowIndex: make(map[*model.Activity]int, len(p.Activities)),
	}
	col := make(map[*model.Role]int, len(p.Roles))
	for i, r := range p.Roles {
		col[r] = i
	}
	procIndex := map[string]int{}
	for i, a := range p.Activities {
		row := &Row{Activity: a, Cells: make([]string, len(p.Roles))}
		var order []*model.Role // roles of this row, first-seen
		letters := map[*model.Role]string{}
		for _, l := range model.Letters {
			var part Part
			for _, r := range a.Roles[l] {
				if r == nil || strings.Contains(letters[r], l) {
					continue
				}
				if _, ok := letters[r]; !ok {
					order = append(order, r)
				}
				letters[r] += l
				part.Roles = append(part.Roles, r)
				if c, ok := col[r]; ok {
					row.Cells[c] += l
				}
			}
			if len(part.Roles) > 0 {
				part.Letter = l
				row.Parts = append(row.Parts, part)
			}
		}
		for _, r := range order {
			x.duties[r] = append(x.duties[r], Duty{Activity: a, Letters: letters[r]})
		}
		x.Rows = append(x.Rows, row)
		x.rowIndex[a] = i
		pi, ok := procIndex[a.Process]
		if !ok {
			pi = len(x.Processes)
			procIndex[a.Process] = pi
			x.Processes = append(x.Processes, Process{Name: a.Process})
		}
		x.Processes[pi].Rows = append(x.Processes[pi].Rows, row)
	}
	return x
}

// Cell returns the letters of role r in activity a, "" when none.
func (x *RACI) Cell(a *model.Activity, r *model.Role) string {
	for _, d := range x.duties[r] {
		if d.Activity == a {
			return d.Letters
		}
	}
	return ""
}

// personDuties combines the letters of the named roles a person holds:
// one row per activity, in activity order, each letter once. The duties of
// the roles held by everyone are on those roles' own pages: listed on every
// person's page they would repeat the same rows for the whole staff (a
// 5,000-person pack with an all-staff "I" on 500 activities made 390 MB of
// person pages).
func (x *RACI) personDuties(holds []Seat) []Duty {
	letters := map[*model.Activity]string{}
	var acts []*model.Activity
	var roles []*model.Role
	for _, s := range holds {
		roles = append(roles, s.Role)
	}
	for _, r := range roles {
		for _, d := range x.duties[r] {
			if _, ok := letters[d.Activity]; !ok {
				acts = append(acts, d.Activity)
			}
			letters[d.Activity] += d.Letters
		}
	}
	out := make([]Duty, 0, len(acts))
	for _, a := range acts {
		out = append(out, Duty{Activity: a, Letters: Fold(letters[a])})
	}
	sortByIndex(out, x.rowIndex)
	return out
}

func sortByIndex(ds []Duty, index map[*model.Activity]int) {
	// insertion sort keeps it simple and stable; a person has few duties
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && index[ds[j].Activity] < index[ds[j-1].Activity]; j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}

// Fold returns the distinct RACI letters of s in canonical order: "ARR"
// becomes "RA". Anything that is not a letter is dropped.
func Fold(s string) string {
	var b strings.Builder
	for _, l := range model.Letters {
		if strings.Contains(s, l) {
			b.WriteString(l)
		}
	}
	return b.String()
}

// Colour is a pair of sRGB colours, as "#rrggbb".
type Colour struct {
	Fill, Text string
}

// Palette gives each RACI letter one colour in every output: a light fill
// with dark text, distinguishable without colour too because the letter is
// always printed. A cell with several letters takes the colour of its
// first (R before A before S …).
var Palette = map[string]Colour{
	model.Responsible: {Fill: "#d9f0dc", Text: "#14532d"},
	model.Accountable: {Fill: "#fde2cf", Text: "#7c2d12"},
	model.Supporting:  {Fill: "#e8e0f5", Text: "#4c1d95"},
	model.Consulted:   {Fill: "#dbe9f8", Text: "#1e3a8a"},
	model.Informed:    {Fill: "#ececec", Text: "#374151"},
}

// CellColour returns the colour of a cell's letters, and false for an
// empty cell.
func CellColour(letters string) (Colour, bool) {
	for _, l := range model.Letters {
		if strings.Contains(letters, l) {
			return Palette[l], true
		}
	}
	return Colour{}, false
}

func roleNames(roles []*model.Role) []string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = r.Name
	}
	return names
}
