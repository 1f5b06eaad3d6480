package register

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
)

// tomlFile writes one TOML source, remembering the cell behind each line.
type tomlFile struct {
	path   string
	b      bytes.Buffer
	line   int
	origin map[int]Pos
}

func newFile(path string) *tomlFile {
	return &tomlFile{path: path, line: 1, origin: map[int]Pos{}}
}

// raw writes lines as they are, from pos when it is a cell.
func (f *tomlFile) raw(pos Pos, s string) {
	for _, l := range strings.Split(s, "\n") {
		if pos.Row > 0 {
			f.origin[f.line] = pos
		}
		f.b.WriteString(l)
		f.b.WriteByte('\n')
		f.line++
	}
}

// comment writes a comment line; text from the spreadsheet in it is made
// safe by clean.
func (f *tomlFile) comment(format string, args ...any) {
	f.raw(Pos{}, "# "+clean(fmt.Sprintf(format, args...)))
}

func (f *tomlFile) blank() { f.raw(Pos{}, "") }

// kv writes key = "value", with a comment after it when note is not "".
func (f *tomlFile) kv(pos Pos, key, value, note string) {
	f.plain(pos, key, quote(value), note)
}

// plain writes key = value for a value already in TOML (a date, a bool,
// an array of ids).
func (f *tomlFile) plain(pos Pos, key, value, note string) {
	l := key + " = " + value
	if note != "" {
		l += pad(l) + "# " + clean(note)
	}
	f.raw(pos, l)
}

func pad(s string) string {
	if n := 36 - len([]rune(s)); n > 0 {
		return strings.Repeat(" ", n)
	}
	return " "
}

// list writes key = [ … ], one entry a line, each from its cell.
func (f *tomlFile) list(key string, items []line, note string) {
	head := key + " = ["
	if note != "" {
		head += pad(head) + "# " + clean(note)
	}
	f.raw(Pos{}, head)
	for _, it := range items {
		f.raw(it.pos, "  "+quote(it.text)+",")
	}
	f.raw(Pos{}, "]")
}

func (f *tomlFile) done() *File {
	return &File{Path: f.path, Data: f.b.Bytes(), origin: f.origin}
}

// quote writes s as a TOML basic string. Every control character is
// escaped, so no value can end the string or the line early.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// clean makes text from the spreadsheet fit a comment line: no control,
// line-breaking, direction or invisible characters, at most 120 characters.
func clean(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x2028 || r == 0x2029 || model.IsDefaultIgnorable(r) {
			r = ' '
		}
		if n++; n > 160 {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}

func ids(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = quote(s)
	}
	if len(q) == 1 {
		return q[0]
	}
	return "[" + strings.Join(q, ", ") + "]"
}

const (
	areaID   = "organisation"
	todoText = "To be written: "
)

// write generates the pack's files.
func (g *generator) write() {
	src := g.source()
	date := g.o.Date.String()

	// pack.toml
	f := newFile("pack.toml")
	f.comment("pack.toml: written by \"rolepack import-register\" from %s on %s.", src, date)
	f.comment("\"FILL IN\" marks what the spreadsheet did not say. Every key: docs/format.md.")
	f.blank()
	f.raw(Pos{}, "[organisation]")
	f.kv(Pos{}, "name", "Your organisation", "FILL IN: the organisation's legal name")
	f.kv(Pos{}, "scope", todoText+"the scope statement of the ISMS.", "FILL IN (Markdown)")
	f.blank()
	f.comment("In-scope areas: one per department or site; the review team needs a member for each.")
	f.raw(Pos{}, "[[area]]")
	f.kv(Pos{}, "id", areaID, "")
	f.kv(Pos{}, "name", "Whole organisation", "FILL IN: your areas")
	f.blank()
	f.raw(Pos{}, "[document]")
	f.kv(Pos{}, "id", "ISMS-05.3", "FILL IN: your document number")
	f.kv(Pos{}, "title", "Information Security Roles, Responsibilities and Authorities", "")
	f.kv(Pos{}, "version", "0.1", "a [[revision]] below")
	f.kv(Pos{}, "status", "draft", "draft until top management approves it")
	f.kv(Pos{}, "classification", "Internal", "")
	f.kv(Pos{}, "owner", g.owner.id, "the role that owns this document")
	f.plain(Pos{}, "review_interval_months", "12", "")
	f.plain(Pos{}, "last_review", date, "")
	f.plain(Pos{}, "distribution", `["All staff"]`, "FILL IN: who receives controlled copies")
	f.blank()
	f.raw(Pos{}, "[[revision]]")
	f.kv(Pos{}, "version", "0.1", "")
	f.plain(Pos{}, "date", date, "")
	author, authorPos := "rolepack import-register", Pos{}
	if h := g.holder(g.owner); h != nil && !h.placeholder {
		author, authorPos = h.name, h.pos
	}
	f.kv(authorPos, "author", author, "who prepared this version")
	f.kv(Pos{}, "summary", "First draft, imported from "+src+".", "")
	g.res.Files = append(g.res.Files, f.done())

	// people.toml
	f = newFile("people.toml")
	f.comment("people.toml: everyone the spreadsheet names as a holder or deputy, and a")
	f.comment("placeholder for each role it names no holder for (\"To be named\").")
	derivedTitles := 0
	for _, p := range g.personList {
		f.blank()
		if p.placeholder {
			f.comment("FILL IN: a placeholder for the holder of %s (%s has no holder): replace it with the person,", oneLine(p.holds[0], 60), p.pos)
			f.comment("or give the role's [[assignment]] the id of someone below.")
		} else {
			f.comment("from %s", p.pos)
		}
		f.raw(Pos{}, "[[person]]")
		f.kv(p.pos, "id", p.id, "")
		f.kv(p.pos, "name", p.name, "")
		title, note := p.title, ""
		if title == "" {
			derivedTitles++
			note = "FILL IN: the job title (this is their role)"
			switch {
			case len(p.holds) > 0:
				title = p.holds[0]
			case len(p.deputises) > 0:
				title = "Deputy " + p.deputises[0]
			default:
				title = "To be named"
			}
		}
		f.kv(p.pos, "job_title", title, note)
		f.kv(Pos{}, "area", areaID, "")
		if p.email != "" {
			f.kv(p.pos, "email", p.email, "")
		}
	}
	g.res.Files = append(g.res.Files, f.done())

	// roles/*.toml
	noPurpose, noResp, placeholders := 0, 0, 0
	for _, r := range g.roles {
		f = newFile("roles/" + r.id + ".toml")
		f.comment("%s: from %s.", oneLine(r.name, 80), r.pos)
		f.kv(r.pos, "id", r.id, "the file name; other files refer to the role by it")
		f.kv(r.pos, "name", r.name, "")
		category, note := r.category, ""
		if category == "" {
			category, note = "Information security roles", "groups roles in the documents"
		}
		f.kv(r.pos, "category", category, note)
		if r.reportsTo != "" {
			f.kv(r.reportsToPos, "reports_to", r.reportsTo, "")
		} else if r.reportsToText != "" {
			f.comment("FILL IN: reports_to: the spreadsheet says %q, which is no role here", oneLine(r.reportsToText, 60))
		}
		if r.everyone {
			f.plain(r.pos, "held_by_everyone", "true", "applies to everyone in people.toml")
		}
		if r.clause53 {
			f.plain(r.pos, "clause_5_3", `["a", "b"]`, "5.3 (a) makes the ISMS conform, (b) reports on it")
		}
		if r.purpose != "" {
			f.kv(r.purposePos, "purpose", r.purpose, "")
		} else {
			noPurpose++
			f.kv(Pos{}, "purpose", todoText+"why the role exists.", "FILL IN")
		}
		switch {
		case len(r.responsibilities) == 0:
			noResp++
			f.list("responsibilities", []line{{todoText + "what the holder must do.", Pos{}}}, "FILL IN: one duty a line")
		case r.derived:
			f.list("responsibilities", r.responsibilities, "from the RACI matrix: reword as duties")
		default:
			f.list("responsibilities", r.responsibilities, "")
		}
		for _, a := range r.authorities {
			f.blank()
			f.raw(Pos{}, "[[authority]]")
			f.kv(a.pos, "text", a.text, "")
		}
		for _, a := range r.assignments {
			f.blank()
			f.raw(Pos{}, "[[assignment]]")
			p := g.personByID(a.person)
			note := ""
			if p.placeholder {
				placeholders++
				note = "FILL IN: a placeholder (people.toml)"
			}
			f.kv(a.pos, "person", a.person, note)
			f.plain(a.pos, "appointed_on", a.appointed.String(), "")
			if a.evidence != "" {
				f.kv(a.pos, "evidence", a.evidence, "")
			} else {
				f.comment("evidence = \"…\"                   # FILL IN: the appointment letter or HR record")
			}
			if a.deputy != "" {
				f.kv(a.pos, "deputy", a.deputy, "")
			}
		}
		g.res.Files = append(g.res.Files, f.done())
	}

	// raci.toml
	if len(g.activities) > 0 {
		f = newFile("raci.toml")
		f.comment("raci.toml: from the RACI matrix %s. One [[activity]] a row.", src)
		for _, a := range g.activities {
			f.blank()
			f.comment("from %s", a.pos)
			f.raw(Pos{}, "[[activity]]")
			f.kv(a.pos, "id", a.id, "")
			f.kv(a.pos, "name", a.name, "")
			note := ""
			if a.processGuessed {
				note = "FILL IN: the ISMS process"
			}
			f.kv(a.processPos, "process", a.process, note)
			if a.clause != "" {
				f.kv(a.pos, "clause", a.clause, "")
			}
			for _, l := range model.Letters {
				if len(a.letters[l]) > 0 {
					f.plain(a.pos, letterField[l], ids(a.letters[l]), "")
				}
			}
		}
		g.res.Files = append(g.res.Files, f.done())
	}

	// review-team.toml
	chair := g.holder(g.top)
	if chair == nil {
		chair = g.holder(g.owner)
	}
	deputy := g.holder(g.owner)
	f = newFile("review-team.toml")
	f.comment("review-team.toml: the Management Review Team (clause 9.3). FILL IN: its members,")
	f.comment("one per [[area]] of pack.toml, each with a deputy, and the meetings held.")
	f.kv(Pos{}, "name", "Management Review Team", "")
	f.kv(Pos{}, "chair", chair.id, "FILL IN: who chairs it")
	f.kv(Pos{}, "reports_to", "Board of Directors", "FILL IN")
	f.kv(Pos{}, "cadence", "Quarterly", "")
	f.plain(Pos{}, "meeting_interval_months", "3", "")
	f.raw(Pos{}, `agenda = [
  "Status of actions from previous reviews",
  "Changes in internal and external issues and in interested parties' needs",
  "Nonconformities, corrective actions, monitoring results and audit results",
  "Fulfilment of the information security objectives",
  "Risk assessment results and the risk treatment plan",
  "Opportunities for improvement",
]
duties = [
  "Sign off policies and processes",
  "Oversee risks and agree their treatment",
  "Make sure the ISMS has the resources it needs",
  "Evaluate ISMS performance and decide on improvements",
]`)
	f.blank()
	f.raw(Pos{}, "[[member]]")
	f.kv(Pos{}, "person", chair.id, "")
	f.kv(Pos{}, "area", areaID, "")
	if deputy != nil && deputy != chair {
		f.kv(Pos{}, "deputy", deputy.id, "")
	}
	f.plain(Pos{}, "senior_leadership", "true", "")
	f.blank()
	f.comment("FILL IN: the date and minutes of your last management review. The checks need")
	f.comment("one within the meeting interval; this placeholder is dated the day of the import.")
	f.raw(Pos{}, "[[meeting]]")
	f.plain(Pos{}, "date", date, "")
	f.kv(Pos{}, "minutes", "To be recorded", "FILL IN")
	g.res.Files = append(g.res.Files, f.done())

	g.todo("pack.toml: the organisation's name, the ISMS scope and the in-scope areas")
	if noPurpose > 0 {
		g.todo("roles/*.toml: purpose of %d %s (%q)", noPurpose, plural(noPurpose, "role", "roles"), todoText+"why the role exists.")
	}
	if noResp > 0 {
		g.todo("roles/*.toml: responsibilities of %d %s", noResp, plural(noResp, "role", "roles"))
	}
	if placeholders > 0 {
		g.todo("people.toml: %d placeholder %s (\"To be named – …\", ids holder-of-…) for the roles the spreadsheet names no holder for", placeholders, plural(placeholders, "holder", "holders"))
	}
	if derivedTitles > 0 {
		g.todo("people.toml: job titles of %d %s (their role's name stands in)", derivedTitles, plural(derivedTitles, "person", "people"))
	}
	g.todo("review-team.toml: the members for each area, their deputies, and the date and minutes of the last management review")
	g.todo("competences.toml: the competence scale, what each role requires ([[requirement]]) and what people hold")
	if len(g.activities) == 0 {
		g.todo("raci.toml: the RACI activities of the ISMS processes")
	}
	g.todo("acknowledgements.toml: each holder's signature, once they have read the built document")
}

// source names the spreadsheet in comments and the revision summary.
func (g *generator) source() string {
	s := filepath.Base(g.t.file)
	if g.t.sheet != "" {
		s += ", sheet " + g.t.sheet
	}
	return oneLine(clean(s), 120)
}

func (g *generator) holder(r *role) *person {
	if r == nil || len(r.assignments) == 0 {
		return nil
	}
	return g.personByID(r.assignments[0].person)
}

func (g *generator) personByID(id string) *person {
	if len(g.personIndex) != len(g.personList) {
		g.personIndex = map[string]*person{}
		for _, p := range g.personList {
			g.personIndex[p.id] = p
		}
	}
	return g.personIndex[id]
}

// ErrNotEmpty is returned by Write for a directory that holds files.
var ErrNotEmpty = errors.New("not empty: the pack is written only into a new or empty directory")

// Written is what Write found when it loaded the pack back.
type Written struct {
	Report *check.Report
	// LoadWarnings are the model's warnings (a link made plain text …).
	LoadWarnings []model.Diagnostic
}

// FontRule is the one check error a written pack may have: names in a
// script the built-in font cannot print need a [[font]] in pack.toml,
// which only the user can choose (the families installed differ from
// machine to machine). Refusing the import for it would refuse every
// register written in Japanese, Arabic or Hindi.
const FontRule = "RP-FONT-01"

// Write writes the pack into dir, which must not exist or be empty. The
// files go to a staging directory beside it first, are loaded back with
// the model and checked as of the import's date; only a pack that loads
// and has no check errors but FontRule's is moved into dir. A value the model refuses
// comes back as a Problem at the spreadsheet cell it was written from.
func Write(dir string, res *Result) (*Written, error) {
	if entries, err := os.ReadDir(dir); err == nil {
		if len(entries) > 0 {
			return nil, fmt.Errorf("%s: %w", dir, ErrNotEmpty)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	staging, err := os.MkdirTemp(parent, ".rolepack-import-*")
	if err != nil {
		return nil, err
	}
	keep := false
	defer func() {
		if !keep {
			os.RemoveAll(staging)
		}
	}()
	for _, f := range res.Files {
		p := filepath.Join(staging, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return nil, err
		}
	}
	pack, err := model.Load(staging)
	if err != nil {
		var errs model.Errors
		if errors.As(err, &errs) {
			return nil, res.problems(staging, errs)
		}
		return nil, err
	}
	report := check.Run(pack, res.date)
	var errs model.Errors
	for _, f := range report.Findings {
		if f.Severity == check.Error && f.Rule != FontRule {
			errs.Add(f.Pos, f.Rule+": "+f.Message)
		}
	}
	if len(errs) > 0 {
		return nil, res.problems(staging, errs)
	}
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(staging, dir); err != nil {
			return nil, err
		}
		keep = true
	} else {
		entries, err := os.ReadDir(staging)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if err := os.Rename(filepath.Join(staging, e.Name()), filepath.Join(dir, e.Name())); err != nil {
				return nil, err
			}
		}
	}
	return &Written{Report: report, LoadWarnings: pack.Warnings}, nil
}

// problems turns what the model or the checks found in the written files
// into problems at the cells those lines came from.
func (res *Result) problems(staging string, errs model.Errors) *Problems {
	var probs Problems
	for _, d := range errs {
		rel := filepath.ToSlash(d.Pos.File)
		if r, err := filepath.Rel(staging, d.Pos.File); err == nil && !strings.HasPrefix(r, "..") {
			rel = filepath.ToSlash(r)
		}
		var at Pos
		found := false
		for _, f := range res.Files {
			if f.Path == rel {
				at, found = f.Origin(d.Pos.Line)
			}
		}
		if !found {
			at = Pos{File: "(generated " + rel + ")"}
		}
		probs.add(at, "%s", d.Message)
	}
	return &probs
}
