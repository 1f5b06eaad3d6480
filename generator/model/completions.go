package model

import (
	"encoding/csv"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"time"
)

// CompletionsSource is one [[completions]] table of pack.toml: an export
// of completed training from a learning management system (LMS) or the HR
// system, and how its rows become competence records. Each completed row
// is a [[record]] to every output and check, its evidence naming the
// export and the row.
type CompletionsSource struct {
	Path       string            // relative to the content directory, such as "lms/completions.csv"
	Preset     string            // "bamboohr" or "" (the columns map alone)
	Columns    map[string]string // completion field → column header, from [completions.columns]
	DateFormat string            // Go layout of the dates in the file
	// Match is what the person column holds: "id" (a person id, the hr_id
	// of a person of people.toml, or the HR export's employee id) or
	// "email" (a person's e-mail address).
	Match string
	// Label names the export in each record's evidence, before its file
	// and row ("LMS export" gives "LMS export lms/completions.csv:14").
	Label string
	// Courses maps a course, as the export names it, to the competence and
	// level its completion records.
	Courses map[string]Course
	// Ignore are courses the export holds that record no competence of
	// the pack (fire safety, a product course): their rows are skipped.
	Ignore []string
	// Skipped counts the rows read that record nothing: no completion yet
	// (not started, in progress without a due date), failed, expired or
	// withdrawn, or an ignored course.
	Skipped int
	Pos     Pos
}

// Course is what completing a course of a completions export records.
type Course struct {
	Name         string // as [completions.courses] writes it
	CompetenceID string
	Competence   *Competence
	Level        int
	Pos          Pos
}

// CompletionFields are the fields a [completions.columns] key may name.
// Only these columns are read; every other column of the export is
// skipped unread.
var CompletionFields = []string{"person", "course", "completed_on", "status", "due_on"}

// CompletionMatches are what [[completions]] match may name.
var CompletionMatches = []string{"id", "email"}

// completionPresets are the column headers of documented completion
// reports (docs/format.md); the first header of a field's list the file
// has is read.
var completionPresets = map[string]map[string][]string{
	// BambooHR's training records: the API's field names and the labels
	// of its report, keyed by the employee number of its HR export.
	"bamboohr": {
		"person":       {"employeeNumber", "Employee #", "Employee Number"},
		"course":       {"trainingName", "Training", "Training Name", "Training Type"},
		"completed_on": {"completed", "Completed", "Completed Date", "Completion Date"},
		"due_on":       {"dueDate", "Due Date"},
	},
}

// CompletionPresets lists the preset names, sorted.
func CompletionPresets() []string {
	var out []string
	for k := range completionPresets {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// MaxCompletionsSources is how many [[completions]] tables pack.toml may
// have.
const MaxCompletionsSources = 16

// Statuses of a completion row, as exports write them (lower case).
var (
	completedStatuses  = []string{"completed", "complete", "passed", "done", "finished", "attended"}
	inProgressStatuses = []string{"in progress", "in_progress", "started", "not started", "not_started", "enrolled", "registered", "assigned", "booked", "scheduled", "upcoming"}
	notHeldStatuses    = []string{"failed", "expired", "withdrawn", "cancelled", "canceled", "incomplete", "not completed"}
)

// decodeCompletions reads the [[completions]] tables of pack.toml.
func (l *loader) decodeCompletions(o *obj) {
	tables := o.Tables("completions", false, "[[completions]]")
	if len(tables) > MaxCompletionsSources {
		o.errorf("completions", "pack.toml has %d [[completions]] tables; the limit is %d", len(tables), MaxCompletionsSources)
		tables = tables[:MaxCompletionsSources]
	}
	seen := map[string]Pos{}
	for _, t := range tables {
		if c := l.decodeCompletionsSource(t); c != nil {
			if first, dup := seen[c.Path]; dup {
				t.errorf("source", "the export %q is named twice (first at line %d)", c.Path, first.Line)
				continue
			}
			seen[c.Path] = c.Pos
			l.p.Completions = append(l.p.Completions, c)
		}
	}
}

func (l *loader) decodeCompletionsSource(t *obj) *CompletionsSource {
	defer t.finish()
	src := t.String("source", true)
	preset := t.Enum("preset", false, CompletionPresets()...)
	format := t.String("date_format", false)
	match := t.Enum("match", false, CompletionMatches...)
	level := t.Int("level", false, 0, 100, 1)
	ignore := t.Strings("ignore", false)
	label := t.Name("label", false)
	cols := t.Table("columns", false, "[completions.columns]")
	courses := t.Table("courses", true, "[completions.courses]")
	c := &CompletionsSource{Preset: preset, Columns: map[string]string{}, DateFormat: format, Match: match, Ignore: ignore, Label: label, Courses: map[string]Course{}, Pos: t.pos("source")}
	if cols != nil {
		for _, f := range CompletionFields {
			if v := cols.String(f, false); v != "" {
				c.Columns[f] = v
			}
		}
		cols.finish()
	}
	if courses != nil {
		names := make([]string, 0, len(courses.m))
		for k := range courses.m {
			names = append(names, k)
		}
		slices.Sort(names)
		for _, name := range names {
			entry := Course{Name: name, Level: level, Pos: courses.pos(name)}
			switch courses.m[name].(type) {
			case map[string]any:
				e := courses.Table(name, true, "a course of [completions.courses]")
				entry.CompetenceID = e.ID("competence", true)
				entry.Level = e.Int("level", false, 0, 100, level)
				e.finish()
			default:
				entry.CompetenceID = courses.ID(name, true)
			}
			if entry.CompetenceID == "" {
				continue
			}
			key := strings.ToLower(strings.TrimSpace(name))
			if _, dup := c.Courses[key]; dup {
				courses.errorf(name, "the course %q is mapped twice (names are compared ignoring case)", name)
				continue
			}
			c.Courses[key] = entry
			l.levelRefs = append(l.levelRefs, levelRef{entry.Pos, entry.Level})
		}
		courses.finish()
		if len(names) == 0 {
			t.errorf("courses", "[completions.courses] maps no course: map each course of the export to a competence id, such as \"Security Awareness\" = \"security-awareness\"")
		}
	}
	if src == "" {
		return nil
	}
	clean := path.Clean(src)
	switch {
	case path.IsAbs(src) || clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(src, "\\"):
		t.errorf("source", "\"source\" %q must be a path inside the content directory, with forward slashes", src)
		return nil
	case !strings.EqualFold(path.Ext(clean), ".csv"):
		t.errorf("source", "\"source\" %q is not a .csv file: export the completion report as CSV", src)
		return nil
	}
	c.Path = clean
	if format == "" {
		c.DateFormat = "2006-01-02"
	} else if !slices.Contains(dateFormats, format) {
		t.errorf("date_format", "\"date_format\" %q is not one of %s (written as Go layouts: 02 day, 01 month, 2006 year)", format, strings.Join(dateFormats, ", "))
		return nil
	}
	if c.Match == "" {
		c.Match = "id"
	}
	if preset == "" && (c.Columns["person"] == "" || c.Columns["course"] == "" || c.Columns["completed_on"] == "") {
		t.errorf("source", "a completions export needs a preset (%s) or [completions.columns] naming at least the \"person\", \"course\" and \"completed_on\" columns", strings.Join(CompletionPresets(), ", "))
		return nil
	}
	return c
}

// completionKeys finds the person a completions row names: by id (the
// person's id, the hr_id people.toml gives them, or their employee id in
// the HR export, which is their id when the export added them) or by
// e-mail address, compared ignoring case.
type completionKeys struct {
	byID, byEmail map[string]*Person
	ids           []string // for "did you mean"
}

func (l *loader) completionKeys() completionKeys {
	k := completionKeys{byID: map[string]*Person{}, byEmail: map[string]*Person{}}
	for _, p := range l.p.People {
		k.byID[p.ID] = p
		k.ids = append(k.ids, p.ID)
		if p.Email != "" {
			k.byEmail[strings.ToLower(p.Email)] = p
		}
	}
	for _, h := range l.hrKeys {
		if h.hrID != "" {
			k.byID[strings.ToLower(h.hrID)] = h.person
		}
	}
	return k
}

// loadCompletions reads each completions export and adds its completed
// rows to the pack's records.
func (l *loader) loadCompletions() {
	if len(l.p.Completions) == 0 || l.dir == "" || !l.parsedOK(PeopleFile) {
		return // without the people, every row would be reported unknown
	}
	keys := l.completionKeys()
	for _, c := range l.p.Completions {
		data, err := readContentFile(l.dir, c.Path)
		if err != nil {
			l.errs.Add(Pos{File: c.Path}, err.Error())
			continue
		}
		data = normalise(data)
		// The stamp hashes Files: the export is part of what the outputs show.
		at, found := slices.BinarySearchFunc(l.p.Files, c.Path, func(f SourceFile, p string) int { return strings.Compare(f.Path, p) })
		if !found {
			l.p.Files = slices.Insert(l.p.Files, at, SourceFile{Path: c.Path, Data: data})
		}
		records := parseCompletions(c, data, keys, l.errs)
		for _, rec := range records {
			rec.CompetenceID = c.Courses[rec.course].CompetenceID
			l.p.Records = append(l.p.Records, rec)
		}
		for key, course := range c.Courses {
			var mine []*Record
			for _, rec := range records {
				if rec.course == key {
					mine = append(mine, rec)
				}
			}
			l.refs.competence(course.Pos, course.CompetenceID, func(comp *Competence) {
				course.Competence = comp
				c.Courses[key] = course
				for _, rec := range mine {
					rec.Competence = comp
				}
			})
		}
		if c.Skipped > 0 {
			rows := fmt.Sprintf("%d rows of %s record no competence and were", c.Skipped, c.Path)
			if c.Skipped == 1 {
				rows = fmt.Sprintf("1 row of %s records no competence and was", c.Path)
			}
			l.p.Warnings = append(l.p.Warnings, Diagnostic{Pos: c.Pos, Message: rows + " skipped: not completed (or in progress without a due date), failed, expired or withdrawn, or of an ignored course"})
		}
	}
}

// parseCompletions reads the rows of a completions export. Errors name
// the file, line and column of the cell; rows with errors are left out.
// Each record's course is the key of c.Courses it was read under.
func parseCompletions(c *CompletionsSource, data []byte, keys completionKeys, errs *Errors) []*Record {
	r, header, err := csvHeader(data)
	if err != nil {
		errs.Add(csvErrPos(c.Path, err), "the completions export has no header row: "+csvErrText(err))
		return nil
	}
	col, unmapped := headerColumns(header, CompletionFields, c.Columns, completionPresets[c.Preset])
	if len(unmapped) > 0 {
		f := unmapped[0]
		errs.Add(Pos{File: c.Path, Line: 1, Col: 1}, fmt.Sprintf("column %q (mapped to %q in [completions.columns]) is not in the header row", c.Columns[f], f))
		return nil
	}
	for _, f := range []string{"person", "course", "completed_on"} {
		if _, ok := col[f]; !ok {
			errs.Add(Pos{File: c.Path, Line: 1, Col: 1}, fmt.Sprintf("no %s column in the header row: map one with [completions.columns] %s = \"…\"", strings.ReplaceAll(f, "_", " "), f))
			return nil
		}
	}
	var courseNames []string
	for _, course := range c.Courses {
		courseNames = append(courseNames, course.Name)
	}
	slices.Sort(courseNames)
	var out []*Record
	for n := 0; ; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs.Add(csvErrPos(c.Path, err), "CSV: "+csvErrText(err))
			if _, ok := err.(*csv.ParseError); !ok {
				break
			}
			continue
		}
		if n >= MaxListLength*100 {
			line, _ := r.FieldPos(0)
			errs.Add(Pos{File: c.Path, Line: line}, fmt.Sprintf("the completions export has more than %d rows; the limit is %d", MaxListLength*100, MaxListLength*100))
			break
		}
		if blank(rec) {
			continue
		}
		bad := false
		cell := func(f string) (string, Pos) {
			i, ok := col[f]
			line, _ := r.FieldPos(0)
			if !ok || i >= len(rec) {
				return "", Pos{File: c.Path, Line: line, Col: 1}
			}
			line, cc := r.FieldPos(i)
			pos := Pos{File: c.Path, Line: line, Col: cc}
			if msg := cellProblem(f, rec[i]); msg != "" {
				errs.Add(pos, fmt.Sprintf("%s: %s", f, msg))
				bad = true
				return "", pos
			}
			return strings.TrimSpace(rec[i]), pos
		}
		who, whoPos := cell("person")
		course, coursePos := cell("course")
		completed, completedPos := cell("completed_on")
		status, statusPos := cell("status")
		due, duePos := cell("due_on")
		if bad {
			continue
		}
		row, _ := r.FieldPos(0)
		key := strings.ToLower(course)
		entry, mapped := c.Courses[key]
		switch {
		case course == "":
			errs.Add(coursePos, "the course is empty")
			continue
		case !mapped && slices.ContainsFunc(c.Ignore, func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), course) }):
			c.Skipped++
			continue
		case !mapped:
			msg := fmt.Sprintf("course %q is not in [completions.courses]: map it to a competence id, or list it in \"ignore\"", course)
			if s := suggest(course, courseNames); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			errs.Add(coursePos, msg)
			continue
		}
		var person *Person
		switch {
		case who == "":
			errs.Add(whoPos, "the person is empty")
			continue
		case c.Match == "email":
			person = keys.byEmail[strings.ToLower(who)]
			if person == nil {
				errs.Add(whoPos, fmt.Sprintf("no person has the e-mail address %q: add them to people.toml or the HR export, or correct the address", who))
				continue
			}
		default:
			person = keys.byID[strings.ToLower(who)]
			if person == nil {
				msg := fmt.Sprintf("no person has the id, hr_id or employee id %q", who)
				if s := suggest(strings.ToLower(who), keys.ids); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				} else {
					msg += ": add them to people.toml or the HR export, or correct the id"
				}
				errs.Add(whoPos, msg)
				continue
			}
		}
		parse := func(v string, at Pos) (Date, bool) {
			t, err := time.Parse(c.DateFormat, v)
			if err != nil {
				errs.Add(at, fmt.Sprintf("invalid date %q: want the date_format %s, a real calendar date", v, c.DateFormat))
				return Date{}, false
			}
			return DateOf(t), true
		}
		var dueOn Date
		if due != "" {
			d, ok := parse(due, duePos)
			if !ok {
				continue
			}
			dueOn = d
		}
		state := RecordHeld
		switch s := strings.ToLower(status); {
		case s == "":
			if completed == "" {
				state = RecordPlanned // assigned: held only once completed
			}
		case slices.Contains(completedStatuses, s):
			if completed == "" {
				errs.Add(completedPos, fmt.Sprintf("status %q but no completion date", status))
				continue
			}
		case slices.Contains(inProgressStatuses, s):
			state = RecordPlanned
		case slices.Contains(notHeldStatuses, s):
			c.Skipped++
			continue
		default:
			errs.Add(statusPos, fmt.Sprintf("status %q is neither completed (%s), in progress (%s) nor not held (%s)", status,
				strings.Join(completedStatuses[:2], ", "), strings.Join(inProgressStatuses[:3], ", "), strings.Join(notHeldStatuses[:3], ", ")))
			continue
		}
		out1 := &Record{PersonID: person.ID, Person: person, Level: entry.Level, Status: state, course: key}
		// The evidence is where the completion is written: the export and
		// its row, after the pack's own label of the export when given.
		out1.Evidence = strings.TrimSpace(c.Label + " " + fmt.Sprintf("%s:%d", c.Path, row))
		if state == RecordPlanned {
			// Planned training is dated by when it is due; without a due
			// date it plans nothing.
			if dueOn.IsZero() {
				c.Skipped++
				continue
			}
			out1.Date, out1.Pos = dueOn, duePos
		} else {
			d, ok := parse(completed, completedPos)
			if !ok {
				continue
			}
			out1.Date, out1.Pos = d, Pos{File: c.Path, Line: row, Col: 1}
		}
		out = append(out, out1)
	}
	return out
}
