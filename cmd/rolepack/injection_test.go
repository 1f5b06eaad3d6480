package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/internal/packtest"
)

// payload is appended to every free-text value of a pack. Each part attacks
// one output: HTML tags and attributes, script URLs, template syntax and
// spreadsheet formulas.
const payload = `<script>alert(1)</script> "><img src=x onerror=alert(2)> [link](javascript:alert(3)) {{ .Pack }} =cmd|' /C calc'!A0`

// Keys whose values are free text (not ids, dates or enums).
var textKeys = regexp.MustCompile(`^(name|title|scope|purpose|job_title|department|company|classification|author|summary|text|limit|education|experience|evidence|description|minutes|reports_to|cadence)( = )"(.*)"$`)
var textLists = regexp.MustCompile(`^(responsibilities|distribution|references|internal|external|agenda|duties)( = )\[(.*)\]$`)

// inlinePayload is payload for the values that read inline Markdown
// (responsibilities, authorities, communication duties), where a
// javascript: link is an error at load (inline_markdown.txtar): the link
// is written as code, so that it is printed, escaped, as text.
var inlinePayload = strings.Replace(payload, "[link](javascript:alert(3))", "`[link](javascript:alert(3))`", 1)

// inlineKeys are the keys whose values read inline Markdown.
var inlineKeys = regexp.MustCompile(`^(responsibilities|internal|external|text|limit) = `)

// inject returns the minimal pack with the payload in every free-text value.
func inject(archive string) string {
	escape := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace
	var out []string
	for _, line := range strings.Split(archive, "\n") {
		quoted := escape(payload)
		if inlineKeys.MatchString(line) {
			quoted = escape(inlinePayload)
		}
		switch {
		case strings.HasPrefix(line, "reports_to = ") && !strings.Contains(line, " "+`"Board"`):
			// a role's reports_to is an id: leave it
		case textKeys.MatchString(line):
			line = textKeys.ReplaceAllString(line, `$1$2"$3 `+strings.ReplaceAll(quoted, "$", "$$")+`"`)
		case textLists.MatchString(line):
			line = textLists.ReplaceAllString(line, `$1$2[$3, "`+strings.ReplaceAll(quoted, "$", "$$")+`"]`)
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// TestInjectionEverywhere builds every output of a pack whose every text
// field carries attack strings, and asserts that none of them is live.
func TestInjectionEverywhere(t *testing.T) {
	dir := packtest.Write(t, inject(packtest.Minimal))
	out := filepath.Join(t.TempDir(), "out")
	var so, se bytes.Buffer
	t.Setenv("SOURCE_DATE_EPOCH", "1795478400")
	// The pack is a draft for this test so that audit findings (if any)
	// never stop the build.
	if code := run([]string{"build", "-q", "--content", dir, "--out", out}, &so, &se); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, se.String())
	}
	seen := map[string]bool{}
	var pdfs []string
	err := filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		switch ext := filepath.Ext(p); ext {
		case ".html", ".svg":
			seen["html"] = true
			assertInertHTML(t, rel, string(data))
		case ".js":
			// Script data: source text must stay inside JSON strings, with
			// no raw angle brackets that could close the script element.
			if bytes.Contains(data, []byte("<script")) || bytes.Contains(data, []byte("</script")) || bytes.Contains(data, []byte("<img")) {
				t.Errorf("%s carries raw markup from the sources", rel)
			}
		case ".xlsx":
			seen["xlsx"] = true
			assertNoSourceFormulas(t, rel, data)
		case ".pdf":
			seen["pdf"] = true
			pdfs = append(pdfs, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"xlsx", "html", "pdf"} {
		if !seen[kind] {
			t.Errorf("the build wrote no %s output to check", kind)
		}
	}
	// Read back by a PDF reader: skipped without pdftotext, failed in CI.
	t.Run("pdf-text", func(t *testing.T) {
		pdftotext := packtest.NeedTool(t, "pdftotext")
		for _, p := range pdfs {
			assertLiteralInPDF(t, pdftotext, p)
		}
	})
}

func assertInertHTML(t *testing.T, name, s string) {
	t.Helper()
	lower := strings.ToLower(s)
	// Live markup needs a raw "<"; an attribute needs to be inside a tag.
	// Escaped text such as "&lt;img onerror=…&gt;" is harmless.
	for _, live := range []string{"<script>alert", "<img src=x", `href="javascript:`, "href='javascript:", "src=\"javascript:"} {
		if strings.Contains(lower, live) {
			t.Errorf("%s contains live %q", name, live)
		}
	}
	if strings.HasSuffix(name, ".html") && strings.Contains(s, "=cmd|") && !strings.Contains(s, "{{ .Pack }}") {
		t.Errorf("%s: template syntax from a source was evaluated or lost", name)
	}
	if strings.Contains(lower, "</script>") && strings.Count(lower, "</script>") != strings.Count(lower, "<script") {
		t.Errorf("%s: unbalanced script tags", name)
	}
}

// assertNoSourceFormulas fails when a worksheet formula contains text that
// came from the sources: the only formulas allowed are rolepack's own.
func assertNoSourceFormulas(t *testing.T, name string, data []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	formula := regexp.MustCompile(`<f[^>]*>([^<]*)</f>`)
	found := false
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") {
			continue
		}
		rc, _ := f.Open()
		x, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(x, []byte("cmd|")) {
			found = true
		}
		for _, m := range formula.FindAllSubmatch(x, -1) {
			if bytes.Contains(m[1], []byte("cmd")) || bytes.Contains(m[1], []byte("alert")) {
				t.Errorf("%s %s: formula from source text: %s", name, f.Name, m[1])
			}
		}
	}
	shared := false
	for _, f := range zr.File {
		if f.Name == "xl/sharedStrings.xml" {
			rc, _ := f.Open()
			x, _ := io.ReadAll(rc)
			rc.Close()
			shared = bytes.Contains(x, []byte("=cmd|"))
		}
	}
	if !found && !shared {
		t.Errorf("%s: the payload text is missing altogether", name)
	}
}

func assertLiteralInPDF(t *testing.T, pdftotext, path string) {
	t.Helper()
	out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"<script>alert(1)</script>", "=cmd|' /C calc'!A0"} {
		if !strings.Contains(text, want) {
			t.Errorf("%s: %q not reproduced literally", filepath.Base(path), want)
		}
	}
}
