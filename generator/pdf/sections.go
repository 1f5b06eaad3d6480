package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
)

func (w *writer) landscape() {
	size := fpdf.SizeType{Wd: 210, Ht: 297}
	if w.p.Document.Paper == "letter" {
		size = fpdf.SizeType{Wd: 215.9, Ht: 279.4}
	}
	w.f.AddPageFormat("L", size)
}

// chart draws the reporting lines as boxes and lines when they fit on a
// landscape page, and as an indented list otherwise.
func (w *writer) chart() {
	f, p := w.f, w.p
	w.landscape()
	w.heading("2 Reporting lines", 0)
	leaves := 0
	depth := 0
	var walk func(r *model.Role, d int)
	walk = func(r *model.Role, d int) {
		depth = max(depth, d+1)
		if len(r.Reports) == 0 {
			leaves++
		}
		for _, c := range r.Reports {
			walk(c, d+1)
		}
	}
	for _, r := range p.Roots() {
		walk(r, 0)
	}
	cw := w.contentWidth()
	const boxH, gapY, minW = 13.0, 9.0, 20.0
	if leaves == 0 || cw/float64(leaves) < minW || float64(depth)*(boxH+gapY) > w.room() {
		w.para("The reporting lines are too wide to draw on one page; each role is listed under the role it reports to.")
		var list func(r *model.Role, indent float64)
		list = func(r *model.Role, indent float64) {
			w.need(lineH)
			f.SetX(margin + indent)
			f.SetFont("go", "", bodySize-1)
			f.CellFormat(0, lineH-0.6, "– "+r.Name+holdersNote(r), "", 1, "L", false, 0, "")
			for _, c := range r.Reports {
				list(c, indent+5)
			}
		}
		for _, r := range p.Roots() {
			list(r, 0)
		}
		return
	}
	slot := cw / float64(leaves)
	boxW := min(slot-3, 48)
	top := f.GetY() + 2
	col := 0
	var place func(r *model.Role, d int) float64
	place = func(r *model.Role, d int) float64 {
		var cx float64
		if len(r.Reports) == 0 {
			cx = margin + slot*(float64(col)+0.5)
			col++
		} else {
			first, last := 0.0, 0.0
			for i, c := range r.Reports {
				x := place(c, d+1)
				if i == 0 {
					first = x
				}
				last = x
			}
			cx = (first + last) / 2
			// Lines from this box down to each report.
			y := top + float64(d)*(boxH+gapY) + boxH
			mid := y + gapY/2
			f.SetDrawColor(120, 130, 145)
			f.Line(cx, y, cx, mid)
			f.Line(first, mid, last, mid)
		}
		y := top + float64(d)*(boxH+gapY)
		if r.ReportsTo != nil {
			f.SetDrawColor(120, 130, 145)
			f.Line(cx, y-gapY/2, cx, y)
		}
		f.SetDrawColor(31, 79, 143)
		f.SetFillColor(240, 244, 250)
		f.RoundedRect(cx-boxW/2, y, boxW, boxH, 1.5, "1234", "FD")
		f.SetFont("go", "B", 6.8)
		lines := f.SplitText(r.Name, boxW-2)
		if len(lines) > 2 {
			lines = lines[:2]
			lines[1] = strings.TrimSpace(lines[1]) + "…"
		}
		for i, l := range lines {
			f.SetXY(cx-boxW/2+1, y+1.2+float64(i)*3.2)
			f.CellFormat(boxW-2, 3.2, l, "", 0, "C", false, 0, "")
		}
		f.SetFont("go", "", 6)
		f.SetXY(cx-boxW/2+1, y+boxH-4)
		f.CellFormat(boxW-2, 3, strings.TrimPrefix(holdersNote(r), " — "), "", 0, "C", false, 0, "")
		return cx
	}
	for _, r := range p.Roots() {
		place(r, 0)
	}
	f.SetY(top + float64(depth)*(boxH+gapY))
	f.SetFont("go", "", bodySize)
}

func holdersNote(r *model.Role) string {
	if r.HeldByEveryone {
		return " — everyone"
	}
	hs := r.Holders()
	switch len(hs) {
	case 0:
		return " — vacant"
	case 1:
		return " — " + hs[0].Name
	}
	return fmt.Sprintf(" — %d holders", len(hs))
}

// raci prints the matrix as a grid on landscape pages when the view says
// the roles fit across a page (view.GridMaxRoles), otherwise as a listing
// per activity.
func (w *writer) raci() {
	f, x := w.f, w.v.RACI
	w.landscape()
	w.heading("5 RACI matrix", 0)
	rule := "Each activity has exactly one Accountable role and at least one Responsible role."
	if !x.Grid {
		var legend []string
		for _, l := range model.Letters {
			legend = append(legend, l+" = "+model.LetterNames[l])
		}
		w.para("Legend: " + strings.Join(legend, ", ") + ". " + rule)
		for _, proc := range x.Processes {
			w.subhead(proc.Name)
			var rows [][]string
			for _, row := range proc.Rows {
				var parts []string
				for _, part := range row.Parts {
					names := make([]string, len(part.Roles))
					for i, r := range part.Roles {
						names[i] = r.Name
					}
					parts = append(parts, part.Letter+": "+strings.Join(names, ", "))
				}
				rows = append(rows, []string{row.Activity.Name, row.Activity.Clause, strings.Join(parts, "; ")})
			}
			w.table([]column{{"Activity", 0.35}, {"Clause", 0.1}, {"Roles", 0.55}}, rows)
		}
		return
	}
	w.paletteLegend()
	w.para(rule)
	cw := w.contentWidth()
	nameW, clauseW := 78.0, 16.0
	colW := (cw - nameW - clauseW) / float64(max(len(x.Roles), 1))
	headH := 38.0
	header := func() {
		y := f.GetY()
		f.SetFont("go", "B", 7.5)
		f.SetFillColor(232, 237, 244)
		f.SetDrawColor(170, 178, 190)
		f.Rect(margin, y, nameW, headH, "FD")
		f.Rect(margin+nameW, y, clauseW, headH, "FD")
		f.SetXY(margin+1, y+headH-5)
		f.CellFormat(nameW-2, 4, "Activity", "", 0, "L", false, 0, "")
		f.SetXY(margin+nameW+1, y+headH-5)
		f.CellFormat(clauseW-2, 4, "Clause", "", 0, "L", false, 0, "")
		for i, r := range x.Roles {
			x := margin + nameW + clauseW + float64(i)*colW
			f.Rect(x, y, colW, headH, "FD")
			f.SetFont("go", "", 6.5)
			name := r.Name
			for f.GetStringWidth(name) > headH-3 && len([]rune(name)) > 4 {
				name = string([]rune(name)[:len([]rune(name))-2]) + "…"
			}
			f.TransformBegin()
			f.TransformRotate(90, x+colW/2+1.2, y+headH-1.5)
			f.Text(x+colW/2+1.2, y+headH-1.5, name)
			f.TransformEnd()
		}
		f.SetXY(margin, y+headH)
	}
	header()
	for _, proc := range x.Processes {
		if w.room() < 12 {
			w.landscape()
			header()
		}
		f.SetFont("go", "B", 7.5)
		f.SetFillColor(246, 248, 251)
		f.CellFormat(cw, 5, proc.Name, "1", 1, "L", true, 0, "")
		for _, row := range proc.Rows {
			a := row.Activity
			f.SetFont("go", "", 7.5)
			lines := f.SplitText(a.Name, nameW-2)
			h := float64(len(lines))*3.4 + 1.6
			if w.room() < h {
				w.landscape()
				header()
			}
			y := f.GetY()
			f.Rect(margin, y, nameW, h, "D")
			f.SetXY(margin+1, y+0.8)
			f.MultiCell(nameW-2, 3.4, a.Name, "", "L", false)
			f.Rect(margin+nameW, y, clauseW, h, "D")
			f.SetXY(margin+nameW+1, y+0.8)
			f.CellFormat(clauseW-2, 3.4, a.Clause, "", 0, "L", false, 0, "")
			for i, cell := range row.Cells {
				x := margin + nameW + clauseW + float64(i)*colW
				style := "D"
				colour, coloured := view.CellColour(cell)
				if coloured {
					setFill(f, colour.Fill)
					style = "FD"
				}
				f.Rect(x, y, colW, h, style)
				if coloured {
					f.SetFont("go", "B", 7.5)
					setText(f, colour.Text)
					f.SetXY(x, y+0.8)
					f.CellFormat(colW, 3.4, cell, "", 0, "C", false, 0, "")
					f.SetTextColor(0, 0, 0)
				}
			}
			f.SetXY(margin, y+h)
		}
	}
	f.Ln(3)
}

// paletteLegend shows each letter in its cell colours with its meaning.
func (w *writer) paletteLegend() {
	f := w.f
	w.need(8)
	y := f.GetY()
	x := margin
	f.SetDrawColor(170, 178, 190)
	for _, l := range model.Letters {
		c := view.Palette[l]
		setFill(f, c.Fill)
		f.Rect(x, y, 6, 5, "FD")
		f.SetFont("go", "B", 8)
		setText(f, c.Text)
		f.SetXY(x, y+0.5)
		f.CellFormat(6, 4, l, "", 0, "C", false, 0, "")
		f.SetTextColor(0, 0, 0)
		f.SetFont("go", "", 8.5)
		name := model.LetterNames[l]
		f.SetXY(x+7, y+0.5)
		f.CellFormat(f.GetStringWidth(name)+2, 4, name, "", 0, "L", false, 0, "")
		x += 7 + f.GetStringWidth(name) + 8
	}
	f.SetXY(margin, y+7)
	f.SetFont("go", "", bodySize)
}

// rgb reads a "#rrggbb" colour of the view's palette.
func rgb(hex string) (r, g, b int) {
	if len(hex) != 7 || hex[0] != '#' {
		return 0, 0, 0
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return 0, 0, 0
	}
	return int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)
}

func setFill(f *fpdf.Fpdf, hex string) { f.SetFillColor(rgb(hex)) }
func setText(f *fpdf.Fpdf, hex string) { f.SetTextColor(rgb(hex)) }

func (w *writer) competence() {
	c := w.v.Competence
	w.heading("6 Competence", 0)
	w.para("Each role states the competence it requires (clause 7.2). The table lists, for everyone with a seat (role holders, deputies and Management Review Team members), what their seats require and what they hold; gaps are listed as the training plan.")
	var rows [][]string
	for _, row := range c.Rows {
		var met, gaps []string
		for i, cell := range row.Cells {
			if cell.Required == 0 {
				continue
			}
			s := fmt.Sprintf("%s %d/%d", c.Competences[i].Name, cell.Held, cell.Required)
			if cell.Gap {
				gaps = append(gaps, s)
			} else {
				met = append(met, s)
			}
		}
		rows = append(rows, []string{row.Person.Name, strings.Join(seatNames(row.Person), "; "), itoa(len(met)), orDash(strings.Join(gaps, "; "))})
	}
	w.subhead("Competence summary (held/required)")
	w.table([]column{{"Person", 0.22}, {"Seats", 0.33}, {"Met", 0.08}, {"Gaps", 0.37}}, rows)
	w.subhead("Training plan")
	if len(c.Plan) == 0 {
		w.para("No competence gaps: everyone with a seat meets the levels their seats require.")
		return
	}
	rows = nil
	for _, g := range c.Plan {
		role := g.Role.Name
		if g.Deputising {
			role += " (as deputy)"
		}
		rows = append(rows, []string{g.Person.Name, role, g.Competence.Name, itoa(g.Required), itoa(g.Held), g.Action})
	}
	w.table([]column{{"Person", 0.17}, {"Role", 0.18}, {"Competence", 0.2}, {"Req.", 0.07}, {"Held", 0.07}, {"Action", 0.31}}, rows)
}

// seatNames names a person's seats in the view's order: the roles they
// hold, the seats they deputise for, their place on the review team.
func seatNames(pv *view.Person) []string {
	var out []string
	for _, s := range pv.Holds {
		out = append(out, s.Role.Name)
	}
	for _, s := range pv.Deputises {
		out = append(out, "Deputy for "+s.Person.Name+" as "+s.Role.Name)
	}
	out = append(out, reviewSeats(pv)...)
	return out
}

// reviewSeats names a person's places on the Management Review Team.
func reviewSeats(pv *view.Person) []string {
	var out []string
	if pv.Chair {
		out = append(out, "Chair of the Management Review Team")
	}
	if m := pv.Review; m != nil {
		area := ""
		if m.Area != nil {
			area = ", representing " + m.Area.Name
		}
		out = append(out, "Member of the Management Review Team"+area)
	}
	for _, m := range pv.ReviewDeputyFor {
		if m.Person != nil {
			out = append(out, "Deputy for "+m.Person.Name+" on the Management Review Team")
		}
	}
	return out
}

func (w *writer) audit() {
	r := w.rep
	w.heading("7 Audit readiness", 0)
	w.para(fmt.Sprintf("Checked as of %s against the clause 5.3 audit checklist: %d error(s), %d warning(s).", r.Date, r.Errors, r.Warnings))
	var rows [][]string
	for _, it := range r.Checklist {
		var notes []string
		notes = append(notes, it.Evidence...)
		for _, f := range it.Findings {
			notes = append(notes, f.Rule+": "+f.Message)
		}
		rows = append(rows, []string{it.Title, it.Clause, string(it.Status), strings.Join(notes, "\n")})
	}
	if len(rows) > 0 {
		w.table([]column{{"Checklist item", 0.3}, {"Clause", 0.1}, {"Status", 0.1}, {"Evidence and findings", 0.5}}, rows)
	}
	if r.Clean() {
		w.para("No findings.")
		return
	}
	w.subhead("Findings")
	rows = nil
	for _, f := range w.v.Audit.Findings {
		src := f.Pos.File
		if f.Pos.Line > 0 {
			src += ":" + itoa(f.Pos.Line)
		}
		rows = append(rows, []string{f.Rule, string(f.Severity), src, f.Message, f.Fix})
	}
	w.table([]column{{"Rule", 0.11}, {"Severity", 0.09}, {"Source", 0.18}, {"Finding", 0.34}, {"Fix", 0.28}}, rows)
}

// SignOff renders one acknowledgement sheet per person with a seat (see
// view.View.Seated: role holders, deputies and review-team members), in
// the view's name order, for each to sign.
func SignOff(v *view.View) ([]byte, error) {
	if v == nil || v.Pack == nil {
		return nil, fmt.Errorf("pdf: no pack")
	}
	d := newDoc(v, "Acknowledgement of roles — "+v.Pack.Document.Title)
	for _, pv := range v.Seated {
		d.sheet(pv)
	}
	if len(v.Seated) == 0 {
		d.f.AddPage()
		d.para("No one holds or deputises for a named role or sits on the Management Review Team.")
	}
	if err := d.f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return d.bytes()
}

func (d *doc) sheet(pv *view.Person) {
	f, doc := d.f, d.p.Document
	f.AddPage()
	f.SetFont("go", "B", 15)
	f.Bookmark(pv.Name, 0, -1)
	f.MultiCell(0, 8, "Acknowledgement of information security roles", "", "L", false)
	f.Ln(2)
	d.label("Name", pv.Name)
	d.label("Job title", pv.JobTitle)
	if pv.External {
		d.label("Company", pv.Company)
	}
	d.label("Document", fmt.Sprintf("%s, %s, version %s", doc.ID, doc.Title, doc.Version))
	f.Ln(3)
	for _, s := range pv.Holds {
		d.seatDuties(s.Role.Name+" (appointed "+s.Assignment.AppointedOn.String()+")", s.Role)
	}
	for _, s := range pv.Deputises {
		d.seatDuties("Deputy for "+s.Person.Name+" as "+s.Role.Name, s.Role)
	}
	if seats := reviewSeats(pv); len(seats) > 0 {
		d.need(30)
		f.SetFont("go", "B", bodySize+1)
		f.MultiCell(0, 6, "Management Review Team", "", "L", false)
		d.bullets(seats)
		if t := d.v.ReviewTeam; t != nil && len(t.Duties) > 0 {
			f.SetFont("go", "B", bodySize-1)
			f.CellFormat(0, lineH, "Duties", "", 1, "L", false, 0, "")
			d.bullets(itemTexts(t.Duties))
		}
	}
	d.need(50)
	f.Ln(4)
	d.para(fmt.Sprintf("I have read and understood my roles, responsibilities and authorities as described in %s version %s, and I accept them.", doc.ID, doc.Version))
	d.signLine("Signature", "")
	d.signLine("Date", "")
}

// seatDuties prints one seat of a sheet: its title, then the role's
// responsibilities and authorities.
func (d *doc) seatDuties(title string, r *model.Role) {
	f := d.f
	d.need(30)
	f.SetFont("go", "B", bodySize+1)
	f.MultiCell(0, 6, title, "", "L", false)
	f.SetFont("go", "B", bodySize-1)
	f.CellFormat(0, lineH, "Responsibilities", "", 1, "L", false, 0, "")
	d.bullets(itemTexts(r.Responsibilities))
	if len(r.Authorities) > 0 {
		f.SetFont("go", "B", bodySize-1)
		f.CellFormat(0, lineH, "Authorities", "", 1, "L", false, 0, "")
		var auth []string
		for _, x := range r.Authorities {
			s := x.Text
			if x.Limit != "" {
				s += " (limit: " + x.Limit + ")"
			}
			auth = append(auth, s)
		}
		d.bullets(auth)
	}
}
