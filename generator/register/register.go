// Package register starts a pack from a spreadsheet a company already
// has: a role register (one row per role, with its holder, deputy and
// responsibilities) or a RACI matrix (activities × roles, cells R, A, C, I
// or S), as CSV or .xlsx. It reads the sheet, maps its columns to the
// fields of the source format by their headers (tolerant of case, spaces
// and accents; a preset or a column map for the rest), refuses what it
// cannot read by row and column, and writes the TOML sources of a new
// pack, each record with a comment naming the row it came from. What the
// spreadsheet did not say becomes a marked placeholder and a line of
// Result.Todo. Write loads the written pack back with the model and runs
// the checks before it puts the pack in place, so the model's rules are
// the ones that judge it (docs/format.md, "Starting from a spreadsheet
// you already have").
package register

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/model"
)

// Options say how to read the spreadsheet.
type Options struct {
	// Name is the file's name as messages and comments show it.
	Name string
	// Sheet is the workbook sheet to read; empty, the first whose header
	// names a role or an activity column.
	Sheet string
	// Preset is a name of Presets, or empty to recognise the shape by the
	// header.
	Preset string
	// Map maps normalised headers to fields (ParseMap).
	Map map[string]string
	// Date is the day the pack starts on: appointments without a date,
	// the last review, the first revision and the review meeting placeholder.
	Date model.Date
}

// Result is a pack generated from a spreadsheet, not yet written.
type Result struct {
	Shape Shape
	// Sheet is the workbook sheet read, or "" for a CSV file.
	Sheet string
	Files []*File
	// Counts of what was read.
	Roles, People, Activities int
	// Todo lists what the spreadsheet did not say and the ISMS manager
	// has to fill in, one line each.
	Todo []string
	// Ignored lists the columns left out, each with why.
	Ignored []string
	date    model.Date
}

// File is one TOML source of the generated pack.
type File struct {
	Path string // slash-separated, relative to the pack
	Data []byte
	// origin maps a line (from 1) to the cell it was written from.
	origin map[int]Pos
}

// Origin is the spreadsheet cell a line of the file was written from.
func (f *File) Origin(line int) (Pos, bool) {
	p, ok := f.origin[line]
	return p, ok
}

// headerSearch is how many rows from the top may hold the header row
// (a title or a date line often sits above it).
const headerSearch = 10

// Read reads a role register or RACI matrix and generates the sources of
// a pack from it. It returns *Problems listing every cell it cannot
// accept (at most MaxProblems, the rest counted).
func Read(data []byte, o Options) (*Result, error) {
	var probs Problems
	var preset *Preset
	if o.Preset != "" {
		for i := range Presets {
			if Presets[i].Name == strings.ToLower(o.Preset) {
				preset = &Presets[i]
			}
		}
		if preset == nil {
			probs.add(Pos{File: o.Name}, "unknown preset %q; presets: %s", o.Preset, strings.Join(PresetNames(), ", "))
			return nil, &probs
		}
	}
	pick := func(t *table) bool { _, _, ok := findHeader(t, o, preset); return ok }
	t := readTable(o.Name, data, o.Sheet, pick, &probs)
	if !probs.empty() {
		return nil, &probs
	}
	hrow, shape, ok := findHeader(t, o, preset)
	if !ok {
		reason := `no header row names a role column (such as "Role") or an activity column (such as "Activity")`
		if preset != nil {
			reason = fmt.Sprintf("no header row names the %s column the preset %q needs (such as %s)",
				Fields[preset.Shape][0], preset.Name, knownHeaders(preset.Shape, Fields[preset.Shape][0]))
		}
		probs.add(Pos{File: t.file, Sheet: t.sheet, Row: 1, Col: 1}, "%s in the first %d rows; name the column with --map \"Your header=role\" (or =activity), or choose a --preset", reason, headerSearch)
		return nil, &probs
	}
	g := &generator{o: o, t: t, probs: &probs, res: &Result{Shape: shape, Sheet: t.sheet, date: o.Date},
		people: map[string]*person{}, roleByKey: map[string]*role{}, ids: map[string]bool{}}
	g.checkMap(hrow)
	switch shape {
	case ShapeRegister:
		g.readRegister(hrow)
	case ShapeRACI:
		g.readRACI(hrow)
	}
	if !probs.empty() {
		return nil, &probs
	}
	g.complete()
	if !probs.empty() {
		return nil, &probs
	}
	g.write()
	return g.res, nil
}

// findHeader finds the header row among the first rows: the first that
// names the required field of a shape (the preset's, else either).
func findHeader(t *table, o Options, preset *Preset) (row int, shape Shape, ok bool) {
	if t == nil {
		return 0, "", false
	}
	shapes := []Shape{ShapeRegister, ShapeRACI}
	if preset != nil {
		shapes = []Shape{preset.Shape}
	}
	seen := 0
	for i, r := range t.rows {
		if r == nil {
			continue
		}
		if seen++; seen > headerSearch {
			break
		}
		var found []Shape
		for _, s := range shapes {
			col, _ := headerMatch(r, s, o.Map)
			if _, ok := col[Fields[s][0]]; ok {
				found = append(found, s)
			}
		}
		if len(found) == 1 {
			return i, found[0], true
		}
		if len(found) == 2 {
			// A header with both a role and an activity column: a RACI
			// matrix names its roles in the header, so "Role" is a role
			// column of a register only when no activity column is there.
			return i, ShapeRACI, true
		}
	}
	return 0, "", false
}

// checkMap reports --map entries that name no column of the header.
func (g *generator) checkMap(hrow int) {
	have := map[string]bool{}
	for _, c := range g.t.rows[hrow] {
		have[normHeader(c.text)] = true
	}
	for _, k := range sortedKeys(g.o.Map) {
		if !have[k] {
			g.probs.add(g.rowPos(hrow, 0), "--map names column %q, which is not in the header row (row %d)", k, g.rowNumber(hrow))
		}
	}
}

type person struct {
	id, name, email, title string
	pos                    Pos
	placeholder            bool
	holds                  []string // names of roles held, for the job title
	deputises              []string
}

type assignment struct {
	person, deputy string
	appointed      model.Date
	evidence       string
	pos            Pos
}

type role struct {
	id, name, category, purpose string
	responsibilities            []line
	authorities                 []line
	reportsTo                   string
	reportsToText               string
	reportsToPos                Pos
	everyone                    bool
	clause53                    bool
	assignments                 []assignment
	pos                         Pos
	purposePos, respPos         Pos
	derived                     bool // responsibilities derived from the RACI
	named                       bool // never held by everyone: it is Accountable for an activity
}

type line struct {
	text string
	pos  Pos
}

type activity struct {
	id, name, process, clause string
	letters                   map[string][]string // letter → role ids, in column order
	pos, processPos           Pos
	processGuessed            bool
}

type generator struct {
	o     Options
	t     *table
	probs *Problems
	res   *Result

	roles       []*role
	roleByKey   map[string]*role
	roleIndex   map[string]*role   // by id, built on first use
	people      map[string]*person // by normalised name
	personList  []*person
	personIndex map[string]*person // by id, built on first use
	activities  []*activity
	ids         map[string]bool // role ids, person ids and activity ids share this set: each is unique within its kind, prefixed
	owner       *role           // the role carrying clause 5.3
	top         *role
}

func (g *generator) rowPos(row, col int) Pos {
	r := g.rowNumber(row)
	return Pos{File: g.t.file, Sheet: g.t.sheet, Row: r, Col: col}
}

// rowNumber is the spreadsheet row (or CSV line) of table row i.
func (g *generator) rowNumber(i int) int {
	if row := g.t.rows[i]; len(row) > 0 {
		return row[0].pos.Row
	}
	if g.t.sheet != "" {
		return i + 1
	}
	return 0
}

// at returns the cell of row at col, or an empty cell placed there.
func (g *generator) at(row []cell, col int, rowIdx int) cell {
	if col < len(row) {
		return row[col]
	}
	p := g.rowPos(rowIdx, col+1)
	if len(row) > 0 {
		p.Row = row[0].pos.Row
	}
	return cell{pos: p}
}

// text reads a cell: trimmed, with its line endings as \n. It refuses
// formulas without a value, formula-like text, over-long cells and, when
// oneLine, line breaks; ok is false after a problem.
func (g *generator) text(c cell, what string, oneLine bool) (string, bool) {
	if c.formula {
		g.probs.add(c.pos, "%s holds a formula with no saved value: open the file in a spreadsheet program and save it, or type the value", what)
		return "", false
	}
	s := strings.ReplaceAll(strings.ReplaceAll(c.text, "\r\n", "\n"), "\r", "\n")
	s = strings.TrimSpace(s)
	if n := len([]rune(s)); n > MaxCellRunes || oneLine && n > MaxLineRunes {
		limit := MaxCellRunes
		if oneLine {
			limit = MaxLineRunes
		}
		g.probs.add(c.pos, "%s is %d characters long; the limit is %d", what, n, limit)
		return "", false
	}
	if strings.HasPrefix(s, "=") {
		g.probs.add(c.pos, "%s starts with \"=\", as a formula does: type the value itself", what)
		return "", false
	}
	if oneLine && strings.Contains(s, "\n") {
		g.probs.add(c.pos, "%s holds a line break; it must be one line", what)
		return "", false
	}
	return s, true
}

// lines splits a cell into its non-empty lines, without the bullets a
// list in a cell often has ("- ", "• ", "* ", "1. ", "a) ").
func (g *generator) lines(c cell, what string) []line {
	s, ok := g.text(c, what, false)
	if !ok || s == "" {
		return nil
	}
	var out []line
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(stripBullet(strings.TrimSpace(l)))
		if l == "" {
			continue
		}
		if n := len([]rune(l)); n > MaxLineRunes {
			g.probs.add(c.pos, "line %d of %s is %d characters long; the limit is %d", len(out)+1, what, n, MaxLineRunes)
			return nil
		}
		if len(out) == model.MaxListLength {
			g.probs.add(c.pos, "%s has more than %d lines; the limit is %d", what, model.MaxListLength, model.MaxListLength)
			return nil
		}
		out = append(out, line{l, c.pos})
	}
	return out
}

func stripBullet(s string) string {
	for _, b := range []string{"- ", "• ", "* ", "– ", "· ", "▪ ", "o "} {
		if strings.HasPrefix(s, b) {
			return s[len(b):]
		}
	}
	// "1. ", "12) ", "a) "
	i := 0
	for i < len(s) && i < 3 && (s[i] >= '0' && s[i] <= '9') {
		i++
	}
	if i == 0 && len(s) > 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] == ')' && s[2] == ' ' {
		return s[3:]
	}
	if i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' ' {
		return s[i+2:]
	}
	return s
}

// names splits a cell of people's names: one per line, or separated by
// semicolons.
func (g *generator) names(c cell, what string) []string {
	s, ok := g.text(c, what, false)
	if !ok || s == "" {
		return nil
	}
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ';' }) {
		part = strings.TrimSpace(stripBullet(strings.TrimSpace(part)))
		if part == "" {
			continue
		}
		if n := len([]rune(part)); n > MaxLineRunes {
			g.probs.add(c.pos, "a name in %s is %d characters long; the limit is %d", what, n, MaxLineRunes)
			return nil
		}
		if len(out) == 100 {
			g.probs.add(c.pos, "%s names more than 100 people", what)
			return nil
		}
		out = append(out, part)
	}
	return out
}

// readRegister reads a role register: one role per row.
func (g *generator) readRegister(hrow int) {
	col, used := headerMatch(g.t.rows[hrow], ShapeRegister, g.o.Map)
	g.noteIgnored(hrow, used)
	get := func(row []cell, i int, f string) cell {
		c, ok := col[f]
		if !ok {
			return cell{pos: g.rowPos(i, 0)}
		}
		return g.at(row, c, i)
	}
	type pendingDeputy struct {
		r     *role
		names []string
		pos   Pos
	}
	var deputies []pendingDeputy
	for i := hrow + 1; i < len(g.t.rows); i++ {
		row := g.t.rows[i]
		if row == nil {
			continue
		}
		if len(g.roles) >= MaxRows {
			g.probs.add(row[0].pos, "more than %d roles; the limit is %d", MaxRows, MaxRows)
			return
		}
		nameCell := get(row, i, FieldRole)
		name, ok := g.text(nameCell, "the role name", true)
		if !ok {
			continue
		}
		if name == "" {
			g.probs.add(nameCell.pos, "the row has no role name")
			continue
		}
		key := normHeader(name)
		if prev, dup := g.roleByKey[key]; dup {
			g.probs.add(nameCell.pos, "role %q is listed twice (first at %s): keep one row per role", name, prev.pos)
			continue
		}
		r := &role{name: name, pos: nameCell.pos}
		g.roleByKey[key] = r
		idText := ""
		if c, ok := col[FieldRoleID]; ok {
			idText, _ = g.text(g.at(row, c, i), "the role id", true)
		}
		r.id = g.uniqueID("role:", slugOr(idText, name, "role"))
		r.category, _ = g.text(get(row, i, FieldCategory), "the category", true)
		pc := get(row, i, FieldPurpose)
		r.purpose, _ = g.text(pc, "the description", false)
		r.purposePos = pc.pos
		rc := get(row, i, FieldResponsibilities)
		r.responsibilities = g.lines(rc, "the responsibilities")
		r.respPos = rc.pos
		r.authorities = g.lines(get(row, i, FieldAuthorities), "the authorities")
		rt := get(row, i, FieldReportsTo)
		r.reportsToText, _ = g.text(rt, "reports to", true)
		r.reportsToPos = rt.pos

		hc := get(row, i, FieldHolder)
		holders := g.names(hc, "the holder")
		ec := get(row, i, FieldHolderEmail)
		emails := g.names(ec, "the e-mail")
		tc := get(row, i, FieldHolderTitle)
		title, _ := g.text(tc, "the job title", true)
		if len(emails) > 0 && len(emails) != len(holders) {
			g.probs.add(ec.pos, "%d e-mail %s for %d %s: give one per holder, in the same order", len(emails), plural(len(emails), "address", "addresses"), len(holders), plural(len(holders), "holder", "holders"))
			continue
		}
		appointed := g.o.Date
		if c, ok := col[FieldAppointedOn]; ok {
			d, ok := g.date(g.at(row, c, i), "the appointment date")
			if !ok {
				continue
			}
			if !d.IsZero() {
				appointed = d
			}
		}
		evidence, _ := g.text(get(row, i, FieldEvidence), "the evidence", true)
		for k, h := range holders {
			email := ""
			if len(emails) > 0 {
				email = emails[k]
				if !strings.Contains(email, "@") {
					g.probs.add(ec.pos, "e-mail %q has no @", email)
					continue
				}
			}
			p := g.person(h, email, hc.pos, ec.pos)
			if p == nil {
				continue
			}
			if title != "" && p.title == "" {
				p.title = title
			}
			p.holds = append(p.holds, r.name)
			for _, a := range r.assignments {
				if a.person == p.id {
					g.probs.add(hc.pos, "%q is named twice as holder of %q", h, r.name)
				}
			}
			r.assignments = append(r.assignments, assignment{person: p.id, appointed: appointed, evidence: evidence, pos: hc.pos})
		}
		dc := get(row, i, FieldDeputy)
		if ds := g.names(dc, "the deputy"); len(ds) > 0 {
			deputies = append(deputies, pendingDeputy{r, ds, dc.pos})
		}
		g.roles = append(g.roles, r)
	}
	// Deputies once every holder is known, so that a deputy who holds a
	// role further down is the same person.
	for _, d := range deputies {
		switch {
		case len(d.r.assignments) == 0:
			g.probs.add(d.pos, "a deputy is named but the role %q has no holder to stand in for", d.r.name)
			continue
		case len(d.names) != 1 && len(d.names) != len(d.r.assignments):
			g.probs.add(d.pos, "%d deputies for %d holders: name one deputy, or one per holder in the holders' order", len(d.names), len(d.r.assignments))
			continue
		}
		for k := range d.r.assignments {
			name := d.names[0]
			if len(d.names) > 1 {
				name = d.names[k]
			}
			p := g.person(name, "", d.pos, d.pos)
			if p == nil {
				continue
			}
			if p.id == d.r.assignments[k].person {
				g.probs.add(d.pos, "%q is named as the deputy of themselves for %q", name, d.r.name)
				continue
			}
			d.r.assignments[k].deputy = p.id
			p.deputises = append(p.deputises, d.r.name)
		}
	}
}

// person returns the person of that name, made on first sight; the same
// name (ignoring case, spacing and accents) is the same person.
func (g *generator) person(name, email string, pos, emailPos Pos) *person {
	key := normHeader(name)
	if key == "" {
		g.probs.add(pos, "%q is not a name", name)
		return nil
	}
	if p, ok := g.people[key]; ok {
		switch {
		case email == "":
		case p.email == "":
			p.email = email
		case !strings.EqualFold(p.email, email):
			g.probs.add(emailPos, "%q has the e-mail %q here and %q at %s: one person has one address", name, email, p.email, p.pos)
		}
		return p
	}
	if len(g.personList) >= MaxRows {
		g.probs.add(pos, "more than %d people; the limit is %d", MaxRows, MaxRows)
		return nil
	}
	p := &person{id: g.uniqueID("person:", slugOr("", name, "person")), name: name, email: email, pos: pos}
	g.people[key] = p
	g.personList = append(g.personList, p)
	return p
}

// date reads a date cell: YYYY-MM-DD, DD.MM.YYYY, or a date the workbook
// stores as a day number. ok is false after a problem.
func (g *generator) date(c cell, what string) (model.Date, bool) {
	s, ok := g.text(c, what, true)
	if !ok || s == "" {
		return model.Date{}, ok
	}
	var d model.Date
	if t, err := time.Parse("2006-01-02", s); err == nil {
		d = model.DateOf(t)
	} else if t, err := time.Parse("2.1.2006", s); err == nil {
		d = model.DateOf(t)
	} else if n, err := strconv.ParseFloat(s, 64); err == nil && g.t.sheet != "" && n >= 1 && n < 2958466 && n == math.Trunc(n) {
		t, err := excelize.ExcelDateToTime(n, false)
		if err != nil {
			g.probs.add(c.pos, "%s %q is not a date", what, s)
			return d, false
		}
		d = model.DateOf(t)
	} else {
		g.probs.add(c.pos, "%s %q is not a date: write it as YYYY-MM-DD", what, s)
		return d, false
	}
	if g.o.Date.Before(d) {
		g.probs.add(c.pos, "%s %s is after today (%s): record an appointment once it is made", what, d, g.o.Date)
		return d, false
	}
	return d, true
}

// noteIgnored lists the header columns no field took.
func (g *generator) noteIgnored(hrow int, used map[int]string) {
	for i, c := range g.t.rows[hrow] {
		h := strings.TrimSpace(c.text)
		if f, ok := used[i]; ok && f != FieldIgnore || h == "" {
			continue
		}
		g.res.Ignored = append(g.res.Ignored, fmt.Sprintf("%s %q", c.pos, oneLine(h, 60)))
	}
}

// uniqueID returns base, or base-2, base-3 … when its kind already has it.
func (g *generator) uniqueID(kind, base string) string {
	id := base
	for n := 2; g.ids[kind+id]; n++ {
		suffix := "-" + strconv.Itoa(n)
		id = strings.TrimRight(truncateID(base, model.MaxIDLength-len(suffix)), "-") + suffix
	}
	g.ids[kind+id] = true
	return id
}

// complete resolves reporting lines, finds the roles that carry clause 5.3
// and top management, and seats a placeholder holder in every role the
// spreadsheet gave none, so that the pack is whole.
func (g *generator) complete() {
	for _, r := range g.roles {
		if r.reportsToText == "" {
			continue
		}
		target := g.roleByKey[normHeader(r.reportsToText)]
		if target == nil {
			target = g.roleByID(r.reportsToText)
		}
		switch {
		case target == nil:
			g.todo("roles/%s.toml: reports_to: %q (%s) names no role of the spreadsheet: name the role it reports to, or leave it out", r.id, oneLine(r.reportsToText, 60), r.reportsToPos)
		case target == r:
			g.probs.add(r.reportsToPos, "role %q reports to itself", r.name)
		default:
			r.reportsTo = target.id
		}
	}
	// Loops in the reporting lines, each reported once, at the role of the
	// loop that comes first in the sheet; every role is walked once.
	const (
		unseen = iota
		walking
		done
	)
	state := map[*role]int{}
	for _, r := range g.roles {
		var path []*role
		t := r
		for t != nil && state[t] == unseen {
			state[t] = walking
			path = append(path, t)
			if t.reportsTo == "" {
				break
			}
			t = g.roleByID(t.reportsTo)
		}
		if t != nil && state[t] == walking && t.reportsTo != "" {
			first := t
			for _, m := range path[slices.Index(path, t):] {
				if m.pos.Row < first.pos.Row {
					first = m
				}
			}
			g.probs.add(first.reportsToPos, "the reporting lines from %q go round in a loop", first.name)
		}
		for _, m := range path {
			state[m] = done
		}
	}
	for _, r := range g.roles {
		if len(r.assignments) == 0 && !r.named && matchesAny(r.name, everyoneNames) {
			r.everyone = true
		}
	}
	for _, r := range g.roles {
		if g.owner == nil && !r.everyone && matchesAny(r.name, ismNames) {
			g.owner = r
		}
		if g.top == nil && !r.everyone && matchesAny(r.name, topNames) {
			g.top = r
		}
	}
	if g.owner == nil {
		for _, r := range g.roles {
			if !r.everyone && (g.owner == nil || len(g.owner.assignments) == 0 && len(r.assignments) > 0) {
				g.owner = r
			}
		}
		if g.owner != nil {
			g.todo("roles/%s.toml: clause_5_3: no role looked like the information security manager, so %q carries clause 5.3 (a) and (b): move clause_5_3 to the role that makes the ISMS conform and reports on it", g.owner.id, g.owner.name)
		}
	}
	if g.owner == nil {
		g.probs.add(Pos{File: g.t.file, Sheet: g.t.sheet}, "no role to hold: every role is held by everyone; a pack needs at least one named role")
		return
	}
	g.owner.clause53 = true
	for _, r := range g.roles {
		if r.everyone || len(r.assignments) > 0 {
			continue
		}
		p := &person{id: g.uniqueID("person:", truncateID("holder-of-"+r.id, model.MaxIDLength)),
			name: "To be named – " + r.name, title: "To be named", placeholder: true, pos: r.pos}
		g.personList = append(g.personList, p)
		r.assignments = []assignment{{person: p.id, appointed: g.o.Date, pos: r.pos}}
		p.holds = append(p.holds, r.name)
	}
	g.res.Roles, g.res.People, g.res.Activities = len(g.roles), len(g.personList), len(g.activities)
}

func (g *generator) roleByID(id string) *role {
	if g.roleIndex == nil || len(g.roleIndex) != len(g.roles) {
		g.roleIndex = map[string]*role{}
		for _, r := range g.roles {
			g.roleIndex[r.id] = r
		}
	}
	return g.roleIndex[id]
}

func (g *generator) todo(format string, args ...any) {
	g.res.Todo = append(g.res.Todo, fmt.Sprintf(format, args...))
}

// Role names recognised, compared as normalised headers, by containment.
var (
	ismNames = []string{"information security manager", "information security officer", "isms manager", "isms officer",
		"ciso", "chief information security officer", "security manager", "security officer", "isms lead",
		"informationssicherheitsbeauftragte", "isb", "informationssicherheitsmanager", "rssi",
		"responsable de la securite", "responsable securite", "responsable de seguridad", "security lead"}
	topNames = []string{"top management", "ceo", "chief executive", "managing director", "general manager", "board",
		"geschaftsfuhrung", "geschaeftsfuehrung", "geschaftsfuhrer", "geschaeftsfuehrer", "vorstand", "oberste leitung",
		"direction generale", "directeur general", "direccion", "director general", "directie", "executive management", "owner"}
	everyoneNames = []string{"all staff", "all employees", "everyone", "all users", "all personnel", "all workers",
		"alle mitarbeiter", "alle beschaftigten", "tous les collaborateurs", "tout le personnel", "todo el personal", "alle medewerkers"}
)

func matchesAny(name string, list []string) bool {
	n := " " + normHeader(name) + " "
	for _, w := range list {
		if strings.Contains(n, " "+w+" ") {
			return true
		}
	}
	return false
}

// slugOr makes an id from id when given, else from name; fallback when
// neither leaves a letter or digit (a name in another script).
func slugOr(id, name, fallback string) string {
	if s := slug(id); s != "" {
		return s
	}
	if s := slug(name); s != "" {
		return s
	}
	return fallback
}

// slug makes a readable id of a name (model.Slug), at most
// model.MaxIDLength characters, cut at a hyphen when it can.
func slug(s string) string { return truncateID(model.Slug(s), model.MaxIDLength) }

// truncateID cuts an id to at most n bytes, at a hyphen when one is in
// the second half.
func truncateID(id string, n int) string {
	if len(id) <= n {
		return id
	}
	id = id[:n]
	if i := strings.LastIndexByte(id, '-'); i > n/2 {
		id = id[:i]
	}
	return strings.TrimRight(id, "-")
}

// oneLine shortens s to n characters on one line, for a message.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// RACI letters: every form a cell may take once upper-cased and stripped
// of separators ("R/A", "a, r", "RA").
func raciLetters(s string) ([]string, bool) {
	var out []string
	for _, r := range strings.ToUpper(s) {
		switch r {
		case 'R', 'A', 'C', 'I', 'S':
			l := string(r)
			if !slices.Contains(out, l) {
				out = append(out, l)
			}
		case '/', ',', '+', '&', ' ', ';', '-', '\n', '\t':
		default:
			return nil, false
		}
	}
	return out, len(out) > 0
}
