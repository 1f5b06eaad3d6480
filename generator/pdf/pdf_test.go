package pdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pdf"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/synth"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

var st = stamp.Stamp{Version: "2.1", ContentHash: strings.Repeat("ab", 32), BuildDate: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), Tool: "rolepack test"}

// need skips the test (fails it with CI=true) unless every tool is installed.
func need(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		packtest.NeedTool(t, tool)
	}
}

// write saves a PDF the renderer built and runs the layout check on it
// (invariants_test.go), so every PDF the suite builds is checked.
func write(t *testing.T, data []byte) string {
	t.Helper()
	p := writeRaw(t, data)
	if _, err := exec.LookPath("pdftotext"); err == nil {
		checkLayout(t, filepath.Base(t.Name()), p)
	} else {
		need(t, "pdftotext") // fails with CI=true, skips elsewhere
	}
	return p
}

// writeRaw saves a PDF without checking it.
func writeRaw(t *testing.T, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// text is the text of the PDF at path, from the same pdftotext run as its
// layout check.
func text(t *testing.T, path string) string {
	t.Helper()
	return boxText(readBoxes(t, path))
}

// plainText is pdftotext's own plain text, for the one test that needs
// its reading of the turned watermark as whole words.
func plainText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// flat joins the words of s with single spaces, so text wrapped across
// lines compares equal to the source.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// pages is the PDF's page count, from its one pdftotext run.
func pages(t *testing.T, path string) int { return len(readBoxes(t, path)) }

func example(t *testing.T) *model.Pack {
	p, err := model.Load("../../content")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExampleDocument(t *testing.T) {
	need(t, "pdftotext", "pdfinfo", "qpdf")
	p := example(t)
	data, err := pdf.Document(view.New(p, st, check.Run(p, st.Date())))
	if err != nil {
		t.Fatal(err)
	}
	path := write(t, data)
	txt := flat(text(t, path))
	for _, r := range p.Roles {
		for _, want := range append([]string{r.Name}, itemTexts(r.Responsibilities)...) {
			if !strings.Contains(txt, flat(want)) {
				t.Errorf("missing from the PDF: %q (role %s)", want, r.ID)
			}
		}
		for _, a := range r.Authorities {
			if !strings.Contains(txt, flat(a.Text)) {
				t.Errorf("missing authority %q", a.Text)
			}
		}
		for _, h := range r.Holders() {
			if !strings.Contains(txt, h.Name) {
				t.Errorf("missing holder %q", h.Name)
			}
		}
	}
	for _, name := range []string{"Zoë Ñúñez", "Ελένη Παπαδοπούλου", "Дмитрий Иванов", "Uncontrolled when printed", st.String(), "ISMS-DOC-05.3"} {
		if !strings.Contains(txt, name) {
			t.Errorf("missing %q", name)
		}
	}
	n := pages(t, path)
	totals := regexp.MustCompile(`Page (\d+) of (\d+)`).FindAllStringSubmatch(txt, -1)
	if len(totals) != n {
		t.Errorf("%d page footers for %d pages", len(totals), n)
	}
	for _, m := range totals {
		if m[2] != strconv.Itoa(n) {
			t.Errorf("footer says of %s, the PDF has %d pages", m[2], n)
			break
		}
	}
	if strings.Contains(txt, "DRAFT") || strings.Contains(txt, "SUPERSEDED") {
		t.Error("an approved document carries a watermark")
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	info, _ := exec.Command("pdfinfo", path).Output()
	for _, want := range []string{"Creator:         rolepack test", "CreationDate:", "Title:           Information Security Roles"} {
		if !strings.Contains(string(info), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

func itemTexts(items []model.Item) []string {
	var s []string
	for _, it := range items {
		s = append(s, it.Text)
	}
	return s
}

// sheets splits the text of the sign-off PDF into its sheets, each
// flattened.
func sheets(t *testing.T, data []byte) []string {
	t.Helper()
	path := write(t, data)
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	parts := strings.Split(flat(text(t, path)), messages.Builtin(messages.Reference).Text("brief.title"))
	return parts[1:]
}

// sheetHead is the part of a sheet before the document line: the name and
// job title of whoever signs it.
func sheetHead(sheet string, p *model.Pack) string {
	head, _, _ := strings.Cut(sheet, p.Document.ID+", ")
	return head
}

// One sheet per seated person of the view, in the view's order, each
// asking for a signature.
func TestSignOff(t *testing.T) {
	need(t, "pdftotext", "qpdf")
	for name, p := range map[string]*model.Pack{"example": example(t), "minimal": packtest.Load(t, packtest.Minimal)} {
		v := view.New(p, st, nil)
		data, err := pdf.SignOff(v)
		if err != nil {
			t.Fatal(err)
		}
		got := sheets(t, data)
		if len(got) != len(v.Seated) {
			t.Fatalf("%s: %d sheets for %d seated people", name, len(got), len(v.Seated))
		}
		for i, pv := range v.Seated {
			if !strings.Contains(sheetHead(got[i], p), pv.Name) {
				t.Errorf("%s: sheet %d is not %s's", name, i+1, pv.Name)
			}
			if !strings.Contains(got[i], "I have read and understood") {
				t.Errorf("%s: %s's sheet has no statement to sign", name, pv.Name)
			}
			for _, s := range pv.Holds {
				if !strings.Contains(got[i], s.Role.Name+" (appointed") {
					t.Errorf("%s: %s's sheet lacks the role %s", name, pv.Name, s.Role.Name)
				}
			}
			for _, s := range pv.Deputises {
				if !strings.Contains(got[i], "Deputy for "+s.Person.Name+" as "+s.Role.Name) {
					t.Errorf("%s: %s's sheet lacks deputising for %s as %s", name, pv.Name, s.Person.Name, s.Role.Name)
				}
			}
		}
	}
}

// A person who holds no role but deputises for one signs a sheet that
// names the seats they stand in for.
func TestSignOffDeputyOnly(t *testing.T) {
	need(t, "pdftotext", "qpdf")
	p := packtest.Load(t, packtest.Minimal)
	v := view.New(p, st, nil)
	var dora *view.Person
	for _, pv := range v.People {
		if pv.ID == "dora" {
			dora = pv
		}
	}
	if dora == nil || len(dora.Holds) != 0 || len(dora.Deputises) == 0 {
		t.Fatal("the minimal pack no longer has a deputy-only person (dora)")
	}
	data, err := pdf.SignOff(v)
	if err != nil {
		t.Fatal(err)
	}
	var sheet string
	for _, s := range sheets(t, data) {
		if strings.Contains(sheetHead(s, p), "Dora Deputy") {
			sheet = s
		}
	}
	if sheet == "" {
		t.Fatal("no sheet for the deputy-only Dora Deputy")
	}
	for _, want := range []string{"Deputy for Carla Chief as Chief Executive", "Deputy for Eve Auditor as Internal Auditor", "Deputy for Carla Chief on the Management Review Team", "I have read and understood"} {
		if !strings.Contains(sheet, want) {
			t.Errorf("Dora's sheet lacks %q:\n%s", want, sheet)
		}
	}
	if strings.Contains(sheet, "(appointed") {
		t.Errorf("Dora's sheet shows a role she does not hold:\n%s", sheet)
	}
}

func TestWatermarks(t *testing.T) {
	need(t, "pdftotext")
	for status, mark := range map[string]string{"draft": "DRAFT", "superseded": "SUPERSEDED"} {
		p := packtest.Load(t, packtest.With(packtest.Minimal, "-- pack.toml --\n"+strings.Replace(minimalFile("pack.toml"), `status = "approved"`, `status = "`+status+`"`, 1)))
		data, err := pdf.Document(view.New(p, st, nil))
		if err != nil {
			t.Fatal(err)
		}
		path := write(t, data)
		if got, n := strings.Count(plainText(t, path), mark), pages(t, path); got < n {
			t.Errorf("%s: watermark on %d of %d pages", status, got, n)
		}
	}
}

func minimalFile(name string) string {
	parts := strings.Split(packtest.Minimal, "-- "+name+" --\n")
	return strings.SplitN(parts[1], "\n-- ", 2)[0] + "\n"
}

// Long text wraps inside the page: no word box crosses the margins.
func TestLongTextStaysOnThePage(t *testing.T) {
	need(t, "pdftotext")
	long := strings.Repeat("Maintain the asset register and review every entry with its owner ", 40)[:2000]
	name := strings.Repeat("Very Long Role Name ", 10)[:200]
	p := packtest.Load(t, packtest.With(packtest.Minimal, `-- roles/auditor.toml --
id = "auditor"
name = "`+name+`"
category = "Assurance"
purpose = "Audits."
reports_to = "ceo"
responsibilities = ["`+long+`", "Supercalifragilisticexpialidocious`+strings.Repeat("x", 150)+`"]

[[authority]]
text = "`+long+`"
limit = "`+long[:600]+`"

[[assignment]]
person = "eve"
appointed_on = 2025-04-01
evidence = "Contract C-9"
deputy = "dora"
`))
	data, err := pdf.Document(view.New(p, st, nil))
	if err != nil {
		t.Fatal(err)
	}
	path := write(t, data)
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pageRE := regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRE := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">`)
	var w, h float64
	for _, line := range strings.Split(string(out), "\n") {
		if m := pageRE.FindStringSubmatch(line); m != nil {
			w, _ = strconv.ParseFloat(m[1], 64)
			h, _ = strconv.ParseFloat(m[2], 64)
			continue
		}
		m := wordRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		x0, _ := strconv.ParseFloat(m[1], 64)
		y0, _ := strconv.ParseFloat(m[2], 64)
		x1, _ := strconv.ParseFloat(m[3], 64)
		y1, _ := strconv.ParseFloat(m[4], 64)
		if x0 < 20 || y0 < 10 || x1 > w-20 || y1 > h-10 {
			if strings.Contains(line, "DRAFT") {
				continue
			}
			t.Errorf("word outside the page margins: %s (page %.0f×%.0f)", line, w, h)
		}
	}
	if !strings.Contains(flat(text(t, path)), flat(long)) {
		t.Error("the long responsibility is not reproduced in full")
	}
}

func TestDeterministicAndLiteral(t *testing.T) {
	p := packtest.Load(t, packtest.With(packtest.Minimal, `-- roles/auditor.toml --
id = "auditor"
name = "<script>alert(1)</script>"
category = "Assurance"
purpose = "Formula =cmd|' /C calc'!A0 and **bold**."
reports_to = "ceo"
responsibilities = ["Audit the ISMS"]

[[authority]]
text = "Audit"

[[assignment]]
person = "eve"
appointed_on = 2025-04-01
evidence = "Contract C-9"
deputy = "dora"
`))
	a, err := pdf.Document(view.New(p, st, nil))
	if err != nil {
		t.Fatal(err)
	}
	b, err := pdf.Document(view.New(p, st, nil))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two renders differ")
	}
	s1, err := pdf.SignOff(view.New(p, st, nil))
	if err != nil {
		t.Fatal(err)
	}
	s2, err := pdf.SignOff(view.New(p, st, nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(s1) == 0 || !bytes.Equal(s1, s2) {
		t.Errorf("two sign-off renders differ (or are empty: %d bytes)", len(s1))
	}
	t.Run("pdftotext", func(t *testing.T) {
		need(t, "pdftotext")
		txt := flat(text(t, write(t, a)))
		for _, want := range []string{"<script>alert(1)</script>", "=cmd|' /C calc'!A0"} {
			if !strings.Contains(txt, want) {
				t.Errorf("%q not reproduced literally", want)
			}
		}
	})
}

// synthPack generates a synthetic pack of n roles; edit may change its
// files before they are loaded.
func synthPack(t *testing.T, roles int, edit func(name string, data []byte) []byte) *model.Pack {
	t.Helper()
	files, err := synth.Generate(synth.Options{Size: synth.Size{Roles: roles, People: 300, Activities: 80, Competences: 20}, Seed: 7, AsOf: model.NewDate(2026, 6, 30), Findings: 6})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range files {
		path := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		data := f.Data
		if edit != nil {
			data = edit(f.Path, data)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := model.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// section returns the text of the pages from the last one with the
// heading first on a line of its own (earlier ones are the contents) to the
// one before the next page with the heading next, with hyphenation at line
// ends undone and lines joined.
func section(t *testing.T, path, first, next string) string {
	t.Helper()
	pages := strings.Split(text(t, path), "\f")
	hasLine := func(page, line string) bool {
		return slices.Contains(strings.Split(page, "\n"), line)
	}
	start := -1
	for i, page := range pages {
		if hasLine(page, first) {
			start = i
		}
	}
	for i := start + 1; start >= 0 && i < len(pages); i++ {
		if hasLine(pages[i], next) {
			s := strings.Join(pages[start:i], "\n")
			return flat(hyphenated.ReplaceAllString(s, "$1$2"))
		}
	}
	t.Fatalf("no pages from %q to %q", first, next)
	return ""
}

// hyphenated matches a word split with a hyphen at the end of a line.
var hyphenated = regexp.MustCompile(`(\pL)-\n+(\pL)`)

// A role listed twice under one letter of an activity shows that letter
// once, in the grid and in the listing.
func TestRACIShowsALetterOnce(t *testing.T) {
	need(t, "pdftotext")
	p := packtest.Load(t, packtest.Edit(packtest.Minimal, "raci.toml", `responsible = ["sysadmin"]`, `responsible = ["sysadmin", "sysadmin"]`))
	v := view.New(p, st, nil)
	if !v.RACI.Grid {
		t.Fatal("the minimal pack's RACI is no longer a grid")
	}
	data, err := pdf.Document(v)
	if err != nil {
		t.Fatal(err)
	}
	raci := section(t, write(t, data), "5 RACI matrix", "6 Competence")
	letters := 0
	for _, word := range strings.Fields(raci) {
		if strings.Trim(word, "RASCI") != "" {
			continue
		}
		letters++
		for _, l := range model.Letters {
			if strings.Count(word, l) > 1 {
				t.Errorf("grid cell %q repeats a letter", word)
			}
		}
	}
	if letters < len(v.RACI.Rows)*2 {
		t.Errorf("only %d letter cells in the grid for %d activities", letters, len(v.RACI.Rows))
	}

	doubled := ""
	p = synthPack(t, 45, func(name string, data []byte) []byte {
		if name != "raci.toml" {
			return data
		}
		s := string(data)
		i := strings.Index(s, "responsible = \"role-0001\"\n")
		if i < 0 {
			t.Fatal("synthetic raci.toml has no responsible role-0001")
		}
		doubled = "role-0001"
		return []byte(s[:i] + `responsible = ["role-0001", "role-0001"]` + "\n" + s[i+len("responsible = \"role-0001\"\n"):])
	})
	v = view.New(p, st, nil)
	if v.RACI.Grid {
		t.Fatal("a 45-role RACI is a grid")
	}
	data, err = pdf.Document(v)
	if err != nil {
		t.Fatal(err)
	}
	raci = section(t, write(t, data), "5 RACI matrix", "6 Competence")
	name := p.Role(doubled).Name
	if !strings.Contains(raci, "R: "+name) {
		t.Errorf("the listing lacks %q", "R: "+name)
	}
	if strings.Contains(raci, name+", "+name) {
		t.Errorf("the listing names %s twice under one letter", name)
	}
}

// The reporting-line chart shows every role's name in full, never cut
// short, and each later chart is announced by one box of an earlier one.
func TestChartShowsFullNames(t *testing.T) {
	need(t, "pdftotext")
	long := strings.Repeat("Very Long Role Name ", 10)[:200]
	packs := map[string]*model.Pack{
		"example":   example(t),
		"synthetic": synthPack(t, 45, nil),
		"long": packtest.Load(t, packtest.Edit(packtest.Minimal, "roles/auditor.toml", `name = "Internal Auditor"`,
			`name = "`+long+` Supercalifragilisticexpialidociousauditorofeverythingunderthesun"`)),
		// a name whose box at the narrowest width is taller than a
		// page: the boxes are widened until it fits
		"huge": packtest.Load(t, packtest.Edit(packtest.Minimal, "roles/auditor.toml", `name = "Internal Auditor"`,
			`name = "`+strings.Repeat(long, 10)+`"`)),
	}
	for name, p := range packs {
		t.Run(name, func(t *testing.T) {
			v := view.New(p, st, nil)
			data, err := pdf.Document(v)
			if err != nil {
				t.Fatal(err)
			}
			chart := section(t, write(t, data), "2 Reporting lines", "3 Roles")
			for _, rv := range v.Roles {
				if !strings.Contains(chart, flat(rv.Name)) {
					t.Errorf("the chart lacks the name %q", rv.Name)
				}
				if !strings.Contains(chart, rv.HolderSummary()) {
					t.Errorf("the chart lacks %q, the holders of %s", rv.HolderSummary(), rv.ID)
				}
			}
			if strings.Contains(chart, "…") {
				t.Error("the chart shortens a name with …")
			}
			if strings.Contains(" "+chart, " – ") { // a list entry's dash
				t.Error("the chart is drawn as a list, not as boxes")
			}
			charts := regexp.MustCompile(`Chart (\d+) of (\d+)`).FindAllStringSubmatch(chart, -1)
			notes := regexp.MustCompile(`reports continue on chart (\d+)`).FindAllStringSubmatch(chart, -1)
			if len(charts) == 0 {
				t.Fatal("no chart titles")
			}
			if n, _ := strconv.Atoi(charts[0][2]); n != len(charts) {
				t.Errorf("%d chart titles, the first says of %d", len(charts), n)
			}
			seen := map[string]bool{}
			for _, m := range notes {
				if seen[m[1]] || m[1] == "1" {
					t.Errorf("chart %s announced twice or is the first", m[1])
				}
				seen[m[1]] = true
			}
			if len(seen) != len(charts)-1 {
				t.Errorf("%d charts, %d boxes announce a later one", len(charts), len(seen))
			}
		})
	}
}
