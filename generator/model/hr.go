package model

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rolepack/rolepack/internal/safefile"
)

// DefaultLeaverNoticeDays is how far ahead `rolepack leavers` and the
// future-leaver check look when pack.toml does not say.
const DefaultLeaverNoticeDays = 30

// HRSource is the [people] table of pack.toml: an export of the HR system
// that supplies the employees, and how its columns map to a person.
type HRSource struct {
	Path       string            // relative to the content directory, such as "hr/people.csv"
	Preset     string            // "bamboohr", "personio" or "" (generic)
	Columns    map[string]string // person field → column header, from [people.columns]
	DateFormat string            // Go layout of the dates in the file
	// Match is the field of the export that a person of people.toml is
	// matched by: "id" (the employee id, against the person's hr_id) or
	// "email" (the work e-mail, against hr_id, else the person's email).
	Match    string
	MatchPos Pos // the match key, where it is given
	Pos      Pos
}

// HRMatches are the export fields [people] match may name.
var HRMatches = []string{"id", "email"}

// hrKey is a person of people.toml and what the export may match them by.
type hrKey struct {
	person            *Person
	hrID              string
	hrIDPos, emailPos Pos
}

// HR fields a column may be mapped to. Only these columns are read from
// the export: every other column (salary, address, birthday) is skipped
// unread and never reaches the Pack.
var HRFields = []string{"id", "name", "first_name", "last_name", "job_title", "area", "department", "email", "line_manager", "status", "leaves_on", "started_on"}

// hrPresets are the column headers of documented HR exports. Each field
// lists the headers it may appear under, the API name and the label the
// export shows; the first one the file has is used. See docs/format.md for
// the documentation they follow.
var hrPresets = map[string]map[string][]string{
	"bamboohr": {
		"id":           {"employeeNumber", "Employee #", "Employee Number", "id", "Employee ID"},
		"first_name":   {"firstName", "First Name"},
		"last_name":    {"lastName", "Last Name"},
		"job_title":    {"jobTitle", "Job Title"},
		"department":   {"department", "Department"},
		"area":         {"division", "Division"},
		"email":        {"workEmail", "Work Email"},
		"line_manager": {"supervisorEId", "Supervisor EID", "Supervisor E ID"},
		"status":       {"status", "Status", "employmentHistoryStatus", "Employment Status"},
		"leaves_on":    {"terminationDate", "Termination Date"},
		"started_on":   {"hireDate", "Hire Date", "Hire date"},
	},
	"personio": {
		"id":           {"id", "ID", "Employee ID"},
		"first_name":   {"first_name", "First name"},
		"last_name":    {"last_name", "Last name"},
		"job_title":    {"position", "Position"},
		"department":   {"department", "Department"},
		"area":         {"office", "Office"},
		"email":        {"email", "Email"},
		"line_manager": {"supervisor", "Supervisor"},
		"status":       {"status", "Status"},
		"leaves_on":    {"termination_date", "Termination date"},
		"started_on":   {"hire_date", "Hire date"},
	},
}

// HRPresets lists the preset names, sorted.
func HRPresets() []string {
	var out []string
	for k := range hrPresets {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// dateFormats names the date layouts a [people] table may give by example.
var dateFormats = []string{"2006-01-02", "02.01.2006", "01/02/2006", "02/01/2006", "2006/01/02"}

// decodeHRSource reads the [people] table of pack.toml.
func (l *loader) decodeHRSource(t *obj) {
	if t == nil {
		l.p.LeaverNoticeDays = DefaultLeaverNoticeDays
		return
	}
	defer t.finish()
	l.p.LeaverNoticeDays = t.Int("leaver_notice_days", false, 0, 3660, DefaultLeaverNoticeDays)
	src := t.String("source", false)
	preset := t.Enum("preset", false, HRPresets()...)
	format := t.String("date_format", false)
	match := t.Enum("match", false, HRMatches...)
	cols := t.Table("columns", false, "[people.columns]")
	if src == "" {
		if preset != "" || format != "" || match != "" || cols != nil {
			t.errorf("", "[people] sets a preset, date format, match or columns but no \"source\": name the HR export, such as source = \"hr/people.csv\"")
		}
		if cols != nil {
			cols.finish()
		}
		return
	}
	l.hrDeclared = true
	clean := path.Clean(src)
	if path.IsAbs(src) || clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(src, "\\") {
		t.errorf("source", "\"source\" %q must be a path inside the content directory, with forward slashes", src)
		return
	}
	if !strings.EqualFold(path.Ext(clean), ".csv") {
		t.errorf("source", "\"source\" %q is not a .csv file: export the HR report as CSV", src)
		return
	}
	if format == "" {
		format = "2006-01-02"
	} else if !slices.Contains(dateFormats, format) {
		t.errorf("date_format", "\"date_format\" %q is not one of %s (written as Go layouts: 02 day, 01 month, 2006 year)", format, strings.Join(dateFormats, ", "))
		format = ""
	}
	if match == "" {
		match = "id"
	}
	h := &HRSource{Path: clean, Preset: preset, Columns: map[string]string{}, DateFormat: format, Match: match, MatchPos: t.pos("match"), Pos: t.pos("source")}
	if cols != nil {
		for _, f := range HRFields {
			if c := cols.String(f, false); c != "" {
				h.Columns[f] = c
			}
		}
		cols.finish()
	}
	if preset == "" && h.Columns["id"] == "" {
		t.errorf("source", "an HR export needs a preset (%s) or [people.columns] naming at least the \"id\" column", strings.Join(HRPresets(), ", "))
		return
	}
	l.p.HR = h
}

// readContentFile reads rel inside the content directory under the
// loader's rules for sources: no way out of the directory (os.Root refuses
// it, links included), a regular file only, opened without blocking, within
// the size limit.
func readContentFile(dir, rel string) ([]byte, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, errors.New("cannot open the content directory")
	}
	defer root.Close()
	data, err := safefile.ReadFileIn(root, rel, MaxFileBytes)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, errors.New("there is no such file inside the content directory")
	case err != nil:
		return nil, errors.New(readError(err))
	}
	return data, nil
}

// hrRow is one employee read from the export, with where each field was.
type hrRow struct {
	person *Person
	at     map[string]Pos
}

// loadHR reads the HR export named in pack.toml and merges it with
// people.toml: an employee whose id people.toml also lists takes every
// value people.toml sets, and the export fills the rest.
func (l *loader) loadHR() {
	h := l.p.HR
	if h == nil || l.dir == "" {
		return
	}
	data, err := readContentFile(l.dir, h.Path)
	if err != nil {
		l.errs.Add(Pos{File: h.Path}, err.Error())
		l.broken = append(l.broken, PeopleFile)
		return
	}
	data = normalise(data)
	// The stamp hashes Files: the export is part of what the outputs show.
	at, _ := slices.BinarySearchFunc(l.p.Files, h.Path, func(f SourceFile, p string) int { return strings.Compare(f.Path, p) })
	l.p.Files = slices.Insert(l.p.Files, at, SourceFile{Path: h.Path, Data: data})

	before := len(*l.errs)
	rows := parseHR(h, data, l.p, l.errs)
	if len(*l.errs) > before {
		// References to people would be reported again as unknown.
		l.broken = append(l.broken, PeopleFile)
	}
	l.mergeHR(h, rows)
	for _, p := range l.p.People {
		if p.Name == "" {
			l.errs.Add(p.Pos, fmt.Sprintf("person %q is not in the HR export: give their \"name\" and \"job_title\"", p.ID))
		} else if p.JobTitle == "" {
			l.errs.Add(p.Pos, fmt.Sprintf("person %q has no job title in the HR export or people.toml: add \"job_title\"", p.ID))
		}
	}
}

// mergeHR joins the export's employees to the people of people.toml. A
// person whose key (hr_id, or with match = "email" their email) is an
// employee's is that employee: the export updates them and their id stays.
// A person without a key whose id is an employee's id takes the export's
// values only where people.toml leaves them out (the older rule). Every
// other employee is added under their employee id. Line managers in the
// export name employee ids, read as the ids of the people they became.
func (l *loader) mergeHR(h *HRSource, rows []hrRow) {
	type keyed struct {
		k   hrKey
		pos Pos    // the hr_id or email key
		how string // "hr_id" or "email"
	}
	byKey := map[string]keyed{}
	hasKey := map[*Person]bool{}
	for _, k := range l.hrKeys {
		key, pos, how := k.hrID, k.hrIDPos, "hr_id"
		if key == "" && h.Match == "email" {
			key, pos, how = k.person.Email, k.emailPos, "email"
		}
		if key == "" {
			continue
		}
		key = strings.ToLower(key)
		hasKey[k.person] = true
		if first, dup := byKey[key]; dup {
			l.errs.Add(pos, fmt.Sprintf("person %q has the %s %q of person %q (line %d): each HR record is one person; correct one of them", k.person.ID, how, key, first.k.person.ID, first.pos.Line))
			continue
		}
		byKey[key] = keyed{k, pos, how}
	}
	byID := map[string]*Person{}
	for _, p := range l.p.People {
		byID[p.ID] = p
	}
	if h.Match == "email" && len(rows) > 0 {
		if _, ok := rows[0].at["email"]; !ok {
			l.errs.Add(h.MatchPos, "[people] match = \"email\", but the export has no email column: map one in [people.columns] email = \"…\"")
		}
	}
	rowKey := func(e *Person) string {
		if h.Match == "email" {
			return strings.ToLower(e.Email)
		}
		return e.ID
	}
	// First, who each employee is: the person they match, and so the id
	// a line manager column's employee id stands for.
	matched := make([]*Person, len(rows))
	matchedBy := map[*Person]hrRow{}
	idOf := map[string]string{} // employee id → person id
	found := map[string]bool{}  // keys an employee matched
	bad := false
	for i, r := range rows {
		e := r.person
		var byK, same *Person
		if key := rowKey(e); key != "" {
			if k, ok := byKey[key]; ok {
				byK = k.k.person
				found[key] = true
			}
		}
		if p := byID[e.ID]; p != nil && !hasKey[p] {
			same = p
		}
		at := r.at[h.Match]
		switch {
		case byK != nil && same != nil && byK != same:
			l.errs.Add(at, fmt.Sprintf("employee %q matches two people: %q, whose key is its %s, and %q, whose id is its employee id; give %q an hr_id of their own, or correct %q's key", e.ID, byK.ID, h.Match, same.ID, same.ID, byK.ID))
			bad = true
			continue
		case byK != nil:
			matched[i] = byK
		case same != nil:
			matched[i] = same
		default:
			if p := byID[e.ID]; p != nil && hasKey[p] {
				l.errs.Add(r.at["id"], fmt.Sprintf("employee %q matches nobody's key, and its id is taken by person %q of people.toml, who is matched by a key of their own: add a [[person]] with hr_id = %q for this employee", e.ID, p.ID, rowKey(e)))
				bad = true
				continue
			}
		}
		if p := matched[i]; p != nil {
			if first, dup := matchedBy[p]; dup {
				l.errs.Add(at, fmt.Sprintf("employee %q and employee %q (line %d) both match person %q by %s: an HR record is one person", e.ID, first.person.ID, first.at["id"].Line, p.ID, h.Match))
				bad = true
				matched[i] = nil
				continue
			}
			matchedBy[p] = r
			idOf[e.ID] = p.ID
		} else {
			idOf[e.ID] = e.ID
		}
	}
	if bad {
		l.broken = append(l.broken, PeopleFile)
	}
	for _, k := range l.hrKeys {
		if k.hrID != "" && !found[strings.ToLower(k.hrID)] {
			l.p.Warnings = append(l.p.Warnings, Diagnostic{Pos: k.hrIDPos, Message: fmt.Sprintf("hr_id %q of person %q is not in the HR export %s: people.toml's record of them stands (is the id right, or did the export leave them out?)", k.hrID, k.person.ID, h.Path)})
		}
	}
	for i, r := range rows {
		e := r.person
		if mgr := e.LineManagerID; mgr != "" {
			if id, ok := idOf[mgr]; ok {
				e.LineManagerID = id
			}
		}
		own := matched[i]
		switch {
		case own != nil && hasKey[own]:
			updatePerson(l, own, r)
		case own != nil:
			if own.AreaID == "" && e.AreaID != "" {
				own.AreaID = e.AreaID
				l.refs.area(r.at["area"], own.AreaID, func(a *Area) { own.Area = a })
			}
			if own.LineManagerID == "" && e.LineManagerID != "" {
				own.LineManagerID = e.LineManagerID
				l.refs.person(r.at["line_manager"], own.LineManagerID, func(m *Person) { own.LineManager = m })
			}
			mergePerson(own, e)
		default:
			if _, ok := idOf[e.ID]; !ok {
				continue // reported above
			}
			if e.JobTitle == "" {
				e.JobTitle = e.Department
			}
			l.refs.area(r.at["area"], e.AreaID, func(a *Area) { e.Area = a })
			l.refs.person(r.at["line_manager"], e.LineManagerID, func(m *Person) { e.LineManager = m })
			l.p.People = append(l.p.People, e)
		}
	}
}

// updatePerson updates a person of people.toml from the employee their key
// matched: every column the export maps and fills replaces the value of
// people.toml; people.toml keeps what the export leaves empty or has no
// column for (sort_name, external, company among them).
func updatePerson(l *loader, own *Person, r hrRow) {
	e := r.person
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&own.Name, e.Name)
	set(&own.JobTitle, e.JobTitle)
	set(&own.Department, e.Department)
	set(&own.Email, e.Email)
	if own.JobTitle == "" {
		own.JobTitle = e.Department
	}
	if e.AreaID != "" {
		own.AreaID = e.AreaID
		l.refs.area(r.at["area"], own.AreaID, func(a *Area) { own.Area = a })
	}
	if e.LineManagerID != "" {
		own.LineManagerID = e.LineManagerID
		l.refs.person(r.at["line_manager"], own.LineManagerID, func(m *Person) { own.LineManager = m })
	}
	if !e.StartedOn.IsZero() {
		own.StartedOn = e.StartedOn
	}
	if _, ok := r.at["status"]; ok {
		own.Status, own.LeftOn, own.LeavesOn = e.Status, e.LeftOn, e.LeavesOn
	} else if !e.LeavesOn.IsZero() && own.IsActive() {
		own.LeavesOn = e.LeavesOn
	}
}

// mergePerson fills the values people.toml leaves out from the export.
func mergePerson(own, hr *Person) {
	fill := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	fill(&own.Name, hr.Name)
	fill(&own.JobTitle, hr.JobTitle)
	fill(&own.JobTitle, hr.Department)
	fill(&own.Department, hr.Department)
	fill(&own.Email, hr.Email)
	if own.StartedOn.IsZero() {
		own.StartedOn = hr.StartedOn
	}
	if own.Status == Active && own.LeftOn.IsZero() && own.LeavesOn.IsZero() {
		own.Status, own.LeftOn, own.LeavesOn = hr.Status, hr.LeftOn, hr.LeavesOn
	}
}

// csvHeader starts reading a CSV export: a reader past its header row (its
// separator a comma, or the semicolon or tab the header shows), and the
// header's names, trimmed and without a byte-order mark.
func csvHeader(data []byte) (*csv.Reader, []string, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, nil, err
	}
	if sep := CSVSeparator(header); sep != 0 {
		r = csv.NewReader(bytes.NewReader(data))
		r.Comma, r.FieldsPerRecord = sep, -1
		header, _ = r.Read()
	}
	names := make([]string, len(header))
	for i, name := range header {
		names[i] = strings.TrimSpace(strings.TrimPrefix(name, "\ufeff"))
	}
	return r, names, nil
}

// headerColumns finds each field's column in header: the column mapped to
// it, else the first of the preset's names for it that the header has
// (the first column of a name that appears twice). unmapped are the
// mapped fields whose column is not in the header.
func headerColumns(header, fields []string, mapped map[string]string, preset map[string][]string) (col map[string]int, unmapped []string) {
	index := map[string]int{}
	for i, name := range header {
		if _, dup := index[name]; !dup {
			index[name] = i
		}
	}
	col = map[string]int{}
	for _, f := range fields {
		candidates := preset[f]
		if h, ok := mapped[f]; ok {
			candidates = []string{h}
		}
		for _, h := range candidates {
			if i, ok := index[h]; ok {
				col[f] = i
				break
			}
		}
		if _, ok := mapped[f]; ok {
			if _, found := col[f]; !found {
				unmapped = append(unmapped, f)
			}
		}
	}
	return col, unmapped
}

// hrPrinted are the fields of the HR export that the documents print.
var hrPrinted = map[string]bool{"name": true, "first_name": true, "last_name": true, "job_title": true, "department": true, "email": true}

// parseHR reads the employees of an export. Errors name the file, line and
// column of the cell; rows with errors are left out.
func parseHR(h *HRSource, data []byte, p *Pack, errs *Errors) []hrRow {
	r, header, err := csvHeader(data)
	if err != nil {
		errs.Add(csvErrPos(h.Path, err), "the HR export has no header row: "+csvErrText(err))
		return nil
	}
	// col[field] is the column index read for a field; nothing else is read.
	col, unmapped := headerColumns(header, HRFields, h.Columns, hrPresets[h.Preset])
	for _, f := range unmapped {
		errs.Add(Pos{File: h.Path, Line: 1, Col: 1}, fmt.Sprintf("column %q (mapped to %q in [people.columns]) is not in the header row", h.Columns[f], f))
	}
	_, hasName := col["name"]
	_, hasFirst := col["first_name"]
	if _, ok := col["id"]; !ok {
		errs.Add(Pos{File: h.Path, Line: 1, Col: 1}, "no employee id column in the header row: map one with [people.columns] id = \"…\"")
		return nil
	}
	if !hasName && !hasFirst {
		errs.Add(Pos{File: h.Path, Line: 1, Col: 1}, "no name column in the header row: map name, or first_name and last_name, in [people.columns]")
		return nil
	}
	areaByName := map[string]string{}
	for _, a := range p.Organisation.Areas {
		areaByName[strings.ToLower(a.ID)] = a.ID
		areaByName[strings.ToLower(a.Name)] = a.ID
	}
	var out []hrRow
	seen := map[string]Pos{}
	for n := 0; ; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs.Add(csvErrPos(h.Path, err), "CSV: "+csvErrText(err))
			if _, ok := err.(*csv.ParseError); !ok {
				break
			}
			continue
		}
		if n >= MaxListLength*100 {
			line, _ := r.FieldPos(0)
			errs.Add(Pos{File: h.Path, Line: line}, fmt.Sprintf("the HR export has more than %d employees; the limit is %d", MaxListLength*100, MaxListLength*100))
			break
		}
		row := hrRow{at: map[string]Pos{}}
		bad := false
		cell := func(f string) (string, Pos) {
			i, ok := col[f]
			if !ok || i >= len(rec) {
				line, _ := r.FieldPos(0)
				return "", Pos{File: h.Path, Line: line, Col: 1}
			}
			line, c := r.FieldPos(i)
			pos := Pos{File: h.Path, Line: line, Col: c}
			v := strings.TrimSpace(rec[i])
			if msg := cellProblem(f, rec[i]); msg != "" { // positions count from the cell's start
				errs.Add(pos, fmt.Sprintf("%s: %s", f, msg))
				bad = true
				return "", pos
			}
			row.at[f] = pos
			if hrPrinted[f] {
				p.keepPrinted(pos, fmt.Sprintf("the %s cell", f), v)
			}
			return v, pos
		}
		if blank(rec) {
			continue
		}
		rawID, idPos := cell("id")
		id := strings.ToLower(rawID)
		first, _ := cell("first_name")
		last, _ := cell("last_name")
		name, _ := cell("name")
		if name == "" {
			name = strings.TrimSpace(first + " " + last)
		}
		title, _ := cell("job_title")
		dept, _ := cell("department")
		email, emailPos := cell("email")
		area, areaPos := cell("area")
		manager, managerPos := cell("line_manager")
		status, statusPos := cell("status")
		leaves, leavesPos := cell("leaves_on")
		started, startedPos := cell("started_on")
		switch {
		case id == "":
			errs.Add(idPos, "the employee id is empty")
			bad = true
		case !slugRE.MatchString(id) || len(id) > MaxIDLength:
			errs.Add(idPos, fmt.Sprintf("employee id %q is not usable as a person id: use letters, digits and single hyphens", rawID))
			bad = true
		}
		if first, dup := seen[id]; dup && id != "" {
			errs.Add(idPos, fmt.Sprintf("duplicate employee id %q (first at line %d)", rawID, first.Line))
			bad = true
		} else {
			seen[id] = idPos
		}
		if name == "" {
			errs.Add(idPos, fmt.Sprintf("employee %q has no name", rawID))
			bad = true
		}
		if email != "" && !strings.Contains(email, "@") {
			errs.Add(emailPos, fmt.Sprintf("email %q has no @", email))
			bad = true
		}
		person := &Person{ID: id, Name: name, JobTitle: title, Department: dept, Email: email, Status: Active, Pos: idPos}
		if area != "" {
			a, ok := areaByName[strings.ToLower(area)]
			if !ok {
				errs.Add(areaPos, fmt.Sprintf("unknown area %q: name one of the [[area]] entries of pack.toml by id or name", area))
				bad = true
			}
			person.AreaID = a
		}
		if manager != "" {
			person.LineManagerID = strings.ToLower(manager)
			if !slugRE.MatchString(person.LineManagerID) {
				errs.Add(managerPos, fmt.Sprintf("line manager %q is not an employee id", manager))
				bad = true
			}
		}
		if started != "" && h.DateFormat != "" {
			t, err := time.Parse(h.DateFormat, started)
			if err != nil {
				errs.Add(startedPos, fmt.Sprintf("invalid date %q: want the date_format %s, a real calendar date", started, h.DateFormat))
				bad = true
			}
			person.StartedOn = DateOf(t)
		}
		var date Date
		if leaves != "" && h.DateFormat != "" {
			t, err := time.Parse(h.DateFormat, leaves)
			if err != nil {
				errs.Add(leavesPos, fmt.Sprintf("invalid date %q: want the date_format %s, a real calendar date", leaves, h.DateFormat))
				bad = true
			}
			date = DateOf(t)
		}
		switch strings.ToLower(status) {
		case "", "active", "employed", "onboarding", "leave", "on leave":
			person.LeavesOn = date
		case "inactive", "terminated", "leaver", "left", "former":
			person.Status, person.LeftOn = Leaver, date
			if date.IsZero() && !bad {
				errs.Add(statusPos, fmt.Sprintf("employee %q has status %q but no leaving date", rawID, status))
				bad = true
			}
		default:
			errs.Add(statusPos, fmt.Sprintf("status %q is neither active nor a leaver (active, inactive, terminated)", status))
			bad = true
		}
		if !bad {
			row.person = person
			out = append(out, row)
		}
	}
	return out
}

// CSVSeparator returns ';' or a tab when the header row, read with
// commas, is one cell holding them (exports in locales that write decimal
// commas use semicolons); 0 for a comma.
func CSVSeparator(header []string) rune {
	if len(header) != 1 {
		return 0
	}
	switch {
	case strings.Contains(header[0], ";"):
		return ';'
	case strings.Contains(header[0], "\t"):
		return '\t'
	}
	return 0
}

// cellProblem says what is wrong with the text of a cell read for field f,
// or "". Names follow the rules of a name in people.toml, every other
// field those of a short value.
func cellProblem(f, v string) string {
	if !utf8.ValidString(v) {
		return "not valid UTF-8 text (save the export as UTF-8)"
	}
	if len([]rune(v)) > MaxLineRunes {
		return fmt.Sprintf("value is longer than %d characters", MaxLineRunes)
	}
	kind := shortText
	if f == "name" || f == "first_name" || f == "last_name" {
		kind = nameText
	}
	if what, r, position := textProblem(v, kind); what != "" {
		return fmt.Sprintf("value contains %s (U+%04X) at position %d; remove it", what, r, position)
	}
	return ""
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func csvErrPos(file string, err error) Pos {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return Pos{File: file, Line: pe.Line, Col: pe.Column}
	}
	return Pos{File: file, Line: 1}
}

func csvErrText(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// PersonByHRID returns the person whose hr_id (people.toml) is id, in any
// case; nil when there is none.
func (p *Pack) PersonByHRID(id string) *Person {
	if pid, ok := p.hrIDs[strings.ToLower(id)]; ok {
		return p.people[pid]
	}
	return nil
}
