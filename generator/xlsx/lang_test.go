package xlsx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/packtest"
)

// exampleIn loads a copy of the example pack in content/ whose pack.toml
// sets language = lang.
func exampleIn(t *testing.T, lang string) *model.Pack {
	t.Helper()
	dir := packtest.ExampleIn(t, "language = \""+lang+"\"")
	p, err := model.Load(dir)
	if err != nil {
		t.Fatalf("the example pack with language = %q does not load: %v", lang, err)
	}
	if p.Language != lang {
		t.Fatalf("pack language %q, want %q", p.Language, lang)
	}
	return p
}

// auditReport is the checks' report on p with the texts generator/check
// writes (checklist titles and evidence, findings' messages and fixes, the
// single points' reasons) replaced by a neutral mark: they are rendered in
// the reader's language elsewhere (generator/view/audittext.go), and this
// test is about the workbook's own words.
func auditReport(p *model.Pack) *check.Report {
	rep := check.Run(p, model.NewDate(2026, 11, 24))
	for i := range rep.Findings {
		rep.Findings[i].Message, rep.Findings[i].Fix = "·", "·"
	}
	for i := range rep.Checklist {
		it := &rep.Checklist[i]
		it.Title, it.Evidence = "·", []string{"·"}
		for j := range it.Findings {
			it.Findings[j].Message, it.Findings[j].Fix = "·", "·"
		}
	}
	for i := range rep.SinglePoints.People {
		o := &rep.SinglePoints.People[i]
		for j := range o.Why {
			o.Why[j] = "·"
		}
	}
	for i := range rep.SinglePoints.Seats {
		rep.SinglePoints.Seats[i].Name = "·"
	}
	return rep
}

// workbookTexts is every text of the workbook a reader can see: cells,
// sheet names, table headers, headers and footers, data validation
// messages, defined names' comments and the document properties; each
// text node and attribute value of its XML parts, but for the styles and
// the theme.
func workbookTexts(t *testing.T, data []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") || strings.Contains(f.Name, "theme") || strings.HasSuffix(f.Name, "styles.xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(rc)
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				for _, a := range tok.Attr {
					// Defined names and tables' names are identifiers
					// (Competence_Matrix), the same in every language.
					id := (tok.Name.Local == "definedName" || tok.Name.Local == "table") &&
						(a.Name.Local == "name" || a.Name.Local == "displayName")
					if !id {
						out = append(out, a.Value)
					}
				}
			case xml.CharData:
				if s := strings.TrimSpace(string(tok)); s != "" {
					out = append(out, s)
				}
			}
		}
		rc.Close()
	}
	return out
}

var placeholder = regexp.MustCompile(`\{[a-z0-9_]+\}`)

// englishLeft lists the English messages of workbook.toml that lang words
// differently and that texts still hold: a whole text equal to a short
// message, or a literal part of a message (between its placeholders) of
// eight characters or more anywhere in a text. English a pack's own
// sources hold too (the example pack is written in English) is the pack's
// text, not the workbook's, and is left out.
func englishLeft(t *testing.T, lang string, texts []string, sources [][]byte) []string {
	en, tr := messages.Builtin("en"), messages.Builtin(lang)
	// A status is a word of the sources' own vocabulary ("approved",
	// "leaver") that the workbook prints in words of the language.
	status := regexp.MustCompile(`(?m)^\s*status\s*=.*$`)
	for i, d := range sources {
		sources[i] = status.ReplaceAll(d, nil)
	}
	inSources := func(s string) bool {
		for _, d := range sources {
			if bytes.Contains(d, []byte(s)) {
				return true
			}
		}
		return false
	}
	var left []string
	for _, key := range en.Keys() {
		// The workbook's own words, and the training plan's as the view
		// words them (base.toml's training table).
		if !strings.HasPrefix(key, "workbook.") && !strings.HasPrefix(key, "training.") {
			continue
		}
		for _, n := range []int{1, 2} {
			e, w := en.Plural(key, n), tr.Plural(key, n)
			if e == w {
				continue
			}
			for _, part := range placeholder.Split(e, -1) {
				part = strings.TrimSpace(part)
				whole := part == e
				if len([]rune(part)) < 8 && !whole || part == "" {
					continue
				}
				if inSources(part) {
					continue
				}
				for _, s := range texts {
					if s == part || len([]rune(part)) >= 8 && strings.Contains(s, part) {
						left = append(left, key+": "+part+" in "+s)
						break
					}
				}
			}
		}
	}
	slices.Sort(left)
	return slices.Compact(left)
}

// A workbook in German or Japanese holds none of English's fixed words.
func TestNoEnglishInTranslatedWorkbook(t *testing.T) {
	for _, lang := range []string{"de", "ja"} {
		t.Run(lang, func(t *testing.T) {
			p := exampleIn(t, lang)
			v := view.New(p, testStamp(), auditReport(p))
			if v.Lang != lang {
				t.Fatalf("view language %q", v.Lang)
			}
			data, err := xlsx.Workbook(v)
			if err != nil {
				t.Fatal(err)
			}
			var sources [][]byte
			for _, f := range p.Files {
				sources = append(sources, f.Data)
			}
			texts := workbookTexts(t, data)
			for _, l := range englishLeft(t, lang, texts, sources) {
				t.Errorf("English left in the %s workbook: %s", lang, l)
			}
			// The test sees the translated words, so it would see English.
			if want := messages.Builtin(lang).Text("workbook.register.holder"); !slices.Contains(texts, want) {
				t.Errorf("the %s workbook lacks the header %q", lang, want)
			}
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got, want := f.GetSheetList(), xlsx.SheetNames(v.Words); !slices.Equal(got, want) {
				t.Errorf("sheets %q, want %q", got, want)
			}
			props, err := f.GetCustomProps()
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, pr := range props {
				if pr.Name == xlsx.LanguageProperty {
					found = pr.Value == lang
				}
			}
			if !found {
				t.Errorf("custom properties %v lack %s = %q", props, xlsx.LanguageProperty, lang)
			}
			if dp, err := f.GetDocProps(); err != nil || dp.Language != lang {
				t.Errorf("core properties' language %q (%v), want %q", dp.Language, err, lang)
			}
			// The Check column's cached words are what its formula gives,
			// in the language.
			raci := xlsx.SheetName(v.Words, xlsx.SheetRACI)
			rows, err := f.GetRows(raci)
			if err != nil {
				t.Fatal(err)
			}
			for r := 1; r < len(rows); r++ {
				got := rows[r][3]
				formula, _ := f.GetCellFormula(raci, "D"+strconv.Itoa(r+1))
				if calc, err := f.CalcCellValue(raci, "D"+strconv.Itoa(r+1)); err != nil || calc != got {
					t.Errorf("%s!D%d: cached %q, computed %q (%v), formula %s", raci, r+1, got, calc, err, formula)
				}
			}
		})
	}
}

// Every language's sheet names are names Excel takes as they are written:
// at most 31 characters, none of : \ / ? * [ ], no apostrophe at either
// end, not "History" (Excel's own), and no two alike.
func TestSheetNamesAreValidInEveryLanguage(t *testing.T) {
	for _, lang := range messages.Languages() {
		c := messages.Builtin(lang)
		seen := map[string]bool{}
		for _, key := range []string{"workbook.sheet.document", "workbook.sheet.register", "workbook.sheet.raci",
			"workbook.sheet.competence", "workbook.sheet.training", "workbook.sheet.review", "workbook.sheet.audit"} {
			name := c.Text(key)
			switch {
			case len(utf16.Encode([]rune(name))) > xlsx.MaxSheetName:
				t.Errorf("%s %s = %q: %d characters, more than %d", lang, key, name, len(utf16.Encode([]rune(name))), xlsx.MaxSheetName)
			case strings.ContainsAny(name, `:\/?*[]`):
				t.Errorf("%s %s = %q holds a character Excel forbids", lang, key, name)
			case name == "" || strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
				t.Errorf("%s %s = %q is empty or begins or ends with an apostrophe", lang, key, name)
			case strings.EqualFold(name, "History"):
				t.Errorf("%s %s = %q is a name Excel keeps for itself", lang, key, name)
			case seen[strings.ToLower(name)]:
				t.Errorf("%s %s = %q names two sheets", lang, key, name)
			case xlsx.ValidSheetName(name) != name:
				t.Errorf("%s %s = %q is mended to %q", lang, key, name, xlsx.ValidSheetName(name))
			}
			seen[strings.ToLower(name)] = true
		}
		if names := xlsx.SheetNames(c); len(names) != len(xlsx.Sheets) {
			t.Errorf("%s: %d sheet names", lang, len(names))
		}
	}
}

func TestValidSheetNameMends(t *testing.T) {
	for in, want := range map[string]string{
		"Role register":                "Role register",
		"RACI: who does what?":         "RACI- who does what-",
		"'quoted'":                     "quoted",
		"[x]/y\\z*":                    "-x--y-z-",
		strings.Repeat("Kompetenz", 5): strings.Repeat("Kompetenz", 5)[:31],
		strings.Repeat("力量", 20):       strings.Repeat("力量", 20)[:31*3],
		"  ":                           "",
		"Ende mit Apostroph " + strings.Repeat("x", 11) + "'": "Ende mit Apostroph " + strings.Repeat("x", 11),
	} {
		if got := xlsx.ValidSheetName(in); got != want {
			t.Errorf("ValidSheetName(%q) = %q, want %q", in, got, want)
		}
	}
}

// gapsCompetences gives the minimal pack's Information Security Manager a
// competence gap, so that the training plan has a row.
const gapsCompetences = `-- competences.toml --
[[level]]
level = 0
name = "None"

[[level]]
level = 1
name = "Aware"

[[level]]
level = 2
name = "Practitioner"

[[competence]]
id = "iso27001"
name = "ISO/IEC 27001 implementation"
kind = "training"

[[competence]]
id = "risk"
name = "Risk assessment"
kind = "skill"

[[record]]
person = "ann"
competence = "iso27001"
level = 2
evidence = "Cert 123"
date = 2025-01-10

[[record]]
person = "ann"
competence = "risk"
level = 1
date = 2025-01-10
`

// The rows the example pack does not have in German and Japanese too: a
// training plan, a leaver, findings of both severities with related
// places, and every kind of single point of failure.
func TestNoEnglishInTranslatedPlanAndFindings(t *testing.T) {
	for _, lang := range []string{"de", "ja"} {
		t.Run(lang, func(t *testing.T) {
			pack := packtest.Edit(packtest.With(packtest.Minimal, gapsCompetences), "pack.toml", "[organisation]", "language = \""+lang+"\"\n\n[organisation]")
			p := packtest.Load(t, pack)
			ism := p.Role("ism")
			ism.Requirements = append(ism.Requirements, &model.Requirement{CompetenceID: "risk", Competence: p.Competence("risk"), Level: 2})
			bob := p.Person("bob")
			bob.Status, bob.LeftOn = model.Leaver, model.NewDate(2026, 9, 30)

			rep := auditReport(p)
			finding := func(sev check.Severity) check.Finding {
				return check.Finding{Rule: "RP-X-01", Severity: sev, Message: "·", Fix: "·", Item: "defined",
					Pos: model.Pos{File: "roles/ism.toml", Line: 3}, Related: []model.Pos{{File: "raci.toml", Line: 4}}}
			}
			rep.Findings = []check.Finding{finding(check.Error), finding(check.Warning), finding(check.Warning)}
			rep.Errors, rep.Warnings = 1, 2
			rep.Checklist = []check.Item{{ID: "defined", Title: "·", Clause: "5.3", Status: check.NotMet, Findings: rep.Findings}}
			rep.SinglePoints = check.SinglePoints{
				People: []check.Overload{{Person: p.Person("ann"), Roles: []*model.Role{ism}, Why: []string{"·"}}},
				Roles:  []check.LoneRole{{Role: ism, Holder: p.Person("ann"), Pos: model.Pos{File: "roles/ism.toml", Line: 9}}},
				Seats:  []check.LoneSeat{{Name: "·", Person: p.Person("ceo-person"), Rule: "RP-MRT-04"}},
			}
			v := view.New(p, testStamp(), rep)
			if len(v.Competence.Plan) == 0 {
				t.Fatal("the test pack has no training plan")
			}
			data, err := xlsx.Workbook(v)
			if err != nil {
				t.Fatal(err)
			}
			var sources [][]byte
			for _, f := range p.Files {
				sources = append(sources, f.Data)
			}
			texts := workbookTexts(t, data)
			for _, l := range englishLeft(t, lang, texts, sources) {
				t.Errorf("English left in the %s workbook: %s", lang, l)
			}
			w := messages.Builtin(lang)
			for _, want := range []string{
				w.Text("workbook.audit.findings_on", "date", w.Date(model.NewDate(2026, 11, 24).Time()), "summary",
					w.Text("workbook.audit.errors_and_warnings", "errors", w.Plural("workbook.audit.errors", 1), "warnings", w.Plural("workbook.audit.warnings", 2))),
				w.Text("workbook.audit.see_also", "place", "roles/ism.toml:3", "places", "raci.toml:4"),
				w.Text("workbook.audit.breaks", "rule", "RP-MRT-04"),
				w.Text("training.owner_line_manager", "name", "Carla Chief"),
				w.Text("training.overdue"), // its gaps are years past due
				w.Text("workbook.common.leaver"),
			} {
				if !slices.Contains(texts, want) {
					t.Errorf("the %s workbook lacks %q", lang, want)
				}
			}
		})
	}
}

// Every shipped language builds a workbook that opens, with its sheets
// named in the language and the print titles and defined names pointing
// into them (a French sheet name holds an apostrophe).
func TestEveryLanguageBuilds(t *testing.T) {
	for _, lang := range messages.Languages() {
		p := packtest.Load(t, packtest.Edit(packtest.Minimal, "pack.toml", "[organisation]", "language = \""+lang+"\"\n\n[organisation]"))
		v := view.New(p, testStamp(), check.Run(p, model.NewDate(2026, 11, 24)))
		f, _ := renderView(t, v)
		names := xlsx.SheetNames(v.Words)
		if got := f.GetSheetList(); !slices.Equal(got, names) {
			t.Errorf("%s: sheets %q, want %q", lang, got, names)
		}
		for _, dn := range f.GetDefinedName() {
			if !slices.ContainsFunc(names, func(n string) bool {
				return strings.Contains(dn.RefersTo, "'"+strings.ReplaceAll(n, "'", "''")+"'!")
			}) {
				t.Errorf("%s: defined name %s refers to %s, in no sheet of the workbook", lang, dn.Name, dn.RefersTo)
			}
		}
		for _, name := range names {
			if _, err := f.GetRows(name); err != nil {
				t.Errorf("%s: sheet %q: %v", lang, name, err)
			}
		}
	}
}
