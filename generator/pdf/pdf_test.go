package pdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pdf"
	"github.com/rolepack/rolepack/generator/stamp"
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

func write(t *testing.T, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func text(t *testing.T, path string) string {
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

func pages(t *testing.T, path string) int {
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(out)
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

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
	data, err := pdf.Document(p, st, check.Run(p, st.Date()))
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

func TestSignOff(t *testing.T) {
	need(t, "pdftotext", "qpdf")
	p := example(t)
	data, err := pdf.SignOff(p, st)
	if err != nil {
		t.Fatal(err)
	}
	path := write(t, data)
	txt := text(t, path)
	holders := 0
	for _, person := range p.People {
		if person.IsActive() && len(person.Holds) > 0 {
			holders++
			if !strings.Contains(txt, person.Name) {
				t.Errorf("no sheet for %s", person.Name)
			}
		}
	}
	if got := strings.Count(flat(txt), "I have read and understood"); got != holders {
		t.Errorf("%d sheets for %d holders", got, holders)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

func TestWatermarks(t *testing.T) {
	need(t, "pdftotext")
	for status, mark := range map[string]string{"draft": "DRAFT", "superseded": "SUPERSEDED"} {
		p := packtest.Load(t, packtest.With(packtest.Minimal, "-- pack.toml --\n"+strings.Replace(minimalFile("pack.toml"), `status = "approved"`, `status = "`+status+`"`, 1)))
		data, err := pdf.Document(p, st, &check.Report{})
		if err != nil {
			t.Fatal(err)
		}
		path := write(t, data)
		if got, n := strings.Count(text(t, path), mark), pages(t, path); got < n {
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
	data, err := pdf.Document(p, st, &check.Report{})
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
	a, err := pdf.Document(p, st, &check.Report{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := pdf.Document(p, st, &check.Report{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two renders differ")
	}
	s1, err := pdf.SignOff(p, st)
	if err != nil {
		t.Fatal(err)
	}
	s2, err := pdf.SignOff(p, st)
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
