package docx_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
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
	"github.com/rolepack/rolepack/generator/docx"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

func stampAt(d model.Date) stamp.Stamp {
	return stamp.Stamp{Version: "2.1", ContentHash: strings.Repeat("ab", 32), Commit: strings.Repeat("c", 40),
		BuildDate: d.Time(), Tool: "rolepack test"}
}

// loadView loads a pack of the set and computes its view as a build would,
// checked as of the pack's date.
func loadView(t testing.TB, dir string, asOf model.Date) *view.View {
	t.Helper()
	p, err := model.Load(dir)
	if err != nil {
		t.Fatalf("loading %s: %v", dir, err)
	}
	st := stampAt(asOf)
	st.Version = p.Document.Version
	return view.New(p, st, check.Run(p, asOf))
}

func render(t testing.TB, v *view.View) []byte {
	t.Helper()
	data, err := docx.Document(v)
	if err != nil {
		t.Fatalf("Document: %v", err)
	}
	return data
}

// namedView is a view of one pack of the set.
type namedView struct {
	name  string
	draft bool
	v     *view.View
}

// views returns the views of the pack set (synth-m only without -short),
// keeping only the named packs when names are given.
func views(t *testing.T, names ...string) []namedView {
	t.Helper()
	var out []namedView
	for _, pk := range packtest.Packs(t) {
		if len(names) > 0 && !slices.Contains(names, pk.Name) {
			continue
		}
		out = append(out, namedView{pk.Name, pk.Draft, loadView(t, pk.Dir, pk.AsOf)})
	}
	return out
}

// unzip returns the parts of a package by name, in archive order.
func unzip(t testing.TB, data []byte) (map[string][]byte, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip archive: %v", err)
	}
	parts := map[string][]byte{}
	var order []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		parts[f.Name] = b
		order = append(order, f.Name)
	}
	return parts, order
}

// wellFormed parses a part to its end with encoding/xml.
func wellFormed(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Every part of every pack's document is well-formed XML; the content
// types name every part that is not a relationship part, and no part that
// is missing; every internal relationship points at a part.
func TestPackageIsWellFormed(t *testing.T) {
	for _, nv := range views(t) {
		t.Run(nv.name, func(t *testing.T) {
			parts, order := unzip(t, render(t, nv.v))
			if order[0] != "[Content_Types].xml" {
				t.Errorf("first part is %s, want [Content_Types].xml", order[0])
			}
			for name, data := range parts {
				if err := wellFormed(data); err != nil {
					t.Errorf("%s is not well-formed: %v", name, err)
				}
			}
			var types struct {
				Overrides []struct {
					PartName string `xml:"PartName,attr"`
				} `xml:"Override"`
			}
			if err := xml.Unmarshal(parts["[Content_Types].xml"], &types); err != nil {
				t.Fatal(err)
			}
			listed := map[string]bool{}
			for _, o := range types.Overrides {
				name := strings.TrimPrefix(o.PartName, "/")
				listed[name] = true
				if parts[name] == nil {
					t.Errorf("content types list %s, which the package lacks", o.PartName)
				}
			}
			for name := range parts {
				if !strings.HasSuffix(name, ".rels") && name != "[Content_Types].xml" && !listed[name] {
					t.Errorf("%s has no content type", name)
				}
			}
			for name, data := range parts {
				if !strings.HasSuffix(name, ".rels") {
					continue
				}
				var rels struct {
					Rels []struct {
						Target string `xml:"Target,attr"`
						Mode   string `xml:"TargetMode,attr"`
					} `xml:"Relationship"`
				}
				if err := xml.Unmarshal(data, &rels); err != nil {
					t.Fatal(err)
				}
				base := strings.TrimSuffix(strings.TrimSuffix(filepath.Dir(filepath.Dir(name)), "."), "/")
				for _, r := range rels.Rels {
					if r.Mode == "External" {
						continue
					}
					target := strings.TrimPrefix(filepath.ToSlash(filepath.Join(base, r.Target)), "/")
					if parts[target] == nil {
						t.Errorf("%s points at %s, which the package lacks", name, target)
					}
				}
			}
		})
	}
}

// The same view gives the same bytes, and so does a view computed again
// from the same pack.
func TestDeterministic(t *testing.T) {
	for _, nv := range views(t, "example", "stress", "synth-s1") {
		t.Run(nv.name, func(t *testing.T) {
			a, b := render(t, nv.v), render(t, nv.v)
			again := view.New(nv.v.Pack, nv.v.Stamp, nv.v.Report)
			c := render(t, again)
			if !bytes.Equal(a, b) || !bytes.Equal(a, c) {
				t.Fatal("two renders of the same view differ")
			}
		})
	}
}

// The core properties carry the title, the organisation as author and the
// build date; the custom properties carry the stamp; the document's
// language and paper size are set.
func TestPropertiesAndPage(t *testing.T) {
	v := views(t, "example")[0].v
	parts, _ := unzip(t, render(t, v))
	var core struct {
		Title    string `xml:"title"`
		Creator  string `xml:"creator"`
		Created  string `xml:"created"`
		Modified string `xml:"modified"`
		Language string `xml:"language"`
	}
	if err := xml.Unmarshal(parts["docProps/core.xml"], &core); err != nil {
		t.Fatal(err)
	}
	date := v.Stamp.BuildDate.Format("2006-01-02T15:04:05Z")
	if core.Title != v.Pack.Document.Title || core.Creator != v.Pack.Organisation.Name || core.Created != date || core.Modified != date || core.Language != docx.Language {
		t.Errorf("core properties %+v", core)
	}
	props := customProps(t, parts["docProps/custom.xml"])
	want := map[string]string{
		docx.PropContentHash: v.Stamp.ContentHash, docx.PropVersion: v.Stamp.Version,
		docx.PropStamp: v.Stamp.String(), docx.PropTool: v.Stamp.Tool, docx.PropDocumentID: v.Pack.Document.ID,
		docx.PropCommit: v.Stamp.Commit, docx.PropBuildDate: date,
	}
	for k, w := range want {
		if props[k] != w {
			t.Errorf("custom property %s = %q, want %q", k, props[k], w)
		}
	}
	if !bytes.Contains(parts["word/styles.xml"], []byte(`<w:lang w:val="`+docx.Language+`"/>`)) {
		t.Error("styles.xml sets no document language")
	}
	if !bytes.Contains(parts["word/settings.xml"], []byte(`<w:updateFields w:val="true"/>`)) {
		t.Error("settings.xml does not ask Word to update the fields")
	}
	for _, f := range []string{` PAGE `, ` NUMPAGES `} {
		if !bytes.Contains(parts["word/footer1.xml"], []byte(`w:instr="`+f+`"`)) {
			t.Errorf("the footer has no%sfield", f)
		}
	}
	if !bytes.Contains(parts["word/document.xml"], []byte(`TOC \o &#34;1-2&#34;`)) && !bytes.Contains(parts["word/document.xml"], []byte(`TOC \o "1-2"`)) {
		t.Error("the document has no contents field")
	}

	for paper, size := range map[string]string{"a4": `<w:pgSz w:w="11906" w:h="16838"/>`, "letter": `<w:pgSz w:w="12240" w:h="15840"/>`} {
		v.Pack.Document.Paper = paper
		parts, _ := unzip(t, render(t, v))
		if !bytes.Contains(parts["word/document.xml"], []byte(size)) {
			t.Errorf("paper %s: the page is not %s", paper, size)
		}
	}
}

func customProps(t *testing.T, data []byte) map[string]string {
	t.Helper()
	var custom struct {
		Props []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"lpwstr"`
		} `xml:"property"`
	}
	if err := xml.Unmarshal(data, &custom); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, p := range custom.Props {
		out[p.Name] = p.Value
	}
	return out
}

// A draft carries the DRAFT watermark in its header; an approved document
// none.
func TestWatermarkOnlyOnDrafts(t *testing.T) {
	for _, nv := range views(t, "example", "stress") {
		parts, _ := unzip(t, render(t, nv.v))
		has := bytes.Contains(parts["word/header1.xml"], []byte(`string="DRAFT"`))
		if has != nv.draft {
			t.Errorf("%s (draft %v): watermark %v", nv.name, nv.draft, has)
		}
	}
}

// injection puts text that means something to XML or to WordprocessingML
// into names, lists, limits and Markdown of the minimal pack.
const injection = `-- roles/sysadmin.toml --
id = "sysadmin"
name = "Admin <w:p><w:r><w:t>forged</w:t></w:r></w:p> & co"
category = "Ops ]]> <![CDATA[ x ]]>"
purpose = "Runs *systems* <w:br/> & [the vendor](https://example.com/a?b=1&c=<2>) \"quoted\""
reports_to = "ism"
conflicts_with = ["auditor"]
responsibilities = ["Patch </w:t></w:r> servers &amp; more"]

[[authority]]
text = "Restart <w:fldSimple w:instr=\" PAGE \"/> services"
limit = "'up to' 4 & \"no more\""

[[assignment]]
person = "bob"
appointed_on = 2025-03-01
evidence = "HR-3 ]]>"
deputy = "ann"
`

var injected = []string{
	"Admin <w:p><w:r><w:t>forged</w:t></w:r></w:p> & co",
	"Ops ]]> <![CDATA[ x ]]>",
	"Patch </w:t></w:r> servers &amp; more",
	`Restart <w:fldSimple w:instr=" PAGE "/> services`,
	`'up to' 4 & "no more"`,
	"HR-3 ]]>",
	`& the vendor (https://example.com/a?b=1&c=<2>) "quoted"`,
}

// documentText returns the text of the w:t elements of document.xml, each
// paragraph on a line, as a reader of the XML sees it.
func documentText(t *testing.T, data []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var b strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return b.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			inText = e.Name.Local == "t"
		case xml.EndElement:
			inText = false
			if e.Name.Local == "p" {
				b.WriteByte('\n')
			}
		case xml.CharData:
			if inText {
				b.Write(e)
			}
		}
	}
}

// Source text that looks like markup stays text: each payload is the text
// of the document, the parts stay well-formed, no payload adds an element
// (the document has as many fields and paragraphs as without it), and the
// link's address is the relationship's target, decoded.
func TestInjectionStaysText(t *testing.T) {
	dir := packtest.Write(t, packtest.With(packtest.Minimal, injection))
	v := loadView(t, dir, packtest.PacksAsOf)
	plainDir := packtest.Write(t, packtest.Minimal)
	plain := loadView(t, plainDir, packtest.PacksAsOf)
	parts, _ := unzip(t, render(t, v))
	plainParts, _ := unzip(t, render(t, plain))
	for name, data := range parts {
		if err := wellFormed(data); err != nil {
			t.Errorf("%s is not well-formed: %v", name, err)
		}
	}
	text := documentText(t, parts["word/document.xml"])
	for _, want := range injected {
		if !strings.Contains(flat(text), flat(want)) {
			t.Errorf("document text lacks %q", want)
		}
	}
	count := func(data []byte, elem string) int {
		n, dec := 0, xml.NewDecoder(bytes.NewReader(data))
		for {
			tok, err := dec.Token()
			if err != nil {
				return n
			}
			if s, ok := tok.(xml.StartElement); ok && s.Name.Local == elem {
				n++
			}
		}
	}
	for _, elem := range []string{"fldSimple", "br", "tbl"} {
		if a, b := count(parts["word/document.xml"], elem), count(plainParts["word/document.xml"], elem); a != b {
			t.Errorf("%d <w:%s> elements with the payloads, %d without", a, elem, b)
		}
	}
	if !bytes.Contains(parts["word/_rels/document.xml.rels"], []byte(`Target="https://example.com/a?b=1&amp;c=&lt;2&gt;"`)) {
		t.Errorf("the link's target is not the escaped address:\n%s", parts["word/_rels/document.xml.rels"])
	}
}

// flat joins the words of s with single spaces, so text wrapped or split
// into cells compares equal to the source.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// expected lists what the text of a pack's document must hold: every role
// name, responsibility, authority and limit, holder with appointment date
// and deputy, review-team member, competence row, training action,
// checklist item and revision, and each RACI row as its activity, clause
// and letters (or, listed, its roles by letter).
func expected(v *view.View) []string {
	var want []string
	for _, rv := range v.Roles {
		want = append(want, rv.Name)
		for _, r := range rv.Responsibilities {
			want = append(want, r.Text)
		}
		for _, a := range rv.Authorities {
			want = append(want, a.Text)
			if a.Limit != "" {
				want = append(want, a.Limit)
			}
		}
		for _, s := range rv.Seats {
			want = append(want, s.Person.Name, s.Assignment.AppointedOn.String())
			if s.Deputy != nil {
				want = append(want, s.Deputy.Name)
			}
		}
	}
	if t := v.ReviewTeam; t != nil {
		for _, m := range t.Members {
			want = append(want, m.Person.Name)
		}
	}
	for _, it := range v.Report.Checklist {
		want = append(want, it.Title)
	}
	for _, r := range v.Pack.Revisions {
		want = append(want, r.Summary)
	}
	x := v.RACI
	for _, proc := range x.Processes {
		var cols []int
		for i := range x.Roles {
			cols = append(cols, i)
		}
		grid := x.Grid
		for _, row := range proc.Rows {
			line := []string{row.Activity.Name, row.Activity.Clause}
			for _, part := range row.Parts {
				if grid {
					continue
				}
				var names []string
				for _, r := range part.Roles {
					names = append(names, r.Name)
				}
				line = append(line, part.Letter+": "+strings.Join(names, ", "))
			}
			for _, c := range cols {
				if grid && row.Cells[c] != "" {
					line = append(line, row.Cells[c])
				}
			}
			want = append(want, strings.Join(line, " "))
		}
	}
	return want
}

// soffice converts files with LibreOffice into dir, in a private profile
// so that tests can run side by side.
func soffice(t *testing.T, format, dir string, files ...string) {
	t.Helper()
	bin := packtest.NeedTool(t, "soffice")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	profile := "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "profile"))
	args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--convert-to", format, "--outdir", dir}, files...)
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
}

// LibreOffice opens each document and its text holds every role,
// responsibility, authority, holder and RACI row of the pack; the
// injection payloads come out literally. Its PDF numbers the pages "Page X
// of Y" with the page count, from the footer's fields.
func TestLibreOfficeReadsIt(t *testing.T) {
	packtest.NeedTool(t, "soffice")
	nvs := views(t, "example", "second", "minimal", "stress")
	nvs = append(nvs, namedView{"injection", false, loadView(t, packtest.Write(t, packtest.With(packtest.Minimal, injection)), packtest.PacksAsOf)})
	dir := t.TempDir()
	var files []string
	for _, nv := range nvs {
		f := filepath.Join(dir, nv.name+".docx")
		if err := os.WriteFile(f, render(t, nv.v), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	soffice(t, "txt:Text (encoded):UTF8", dir, files...)
	for _, nv := range nvs {
		t.Run(nv.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, nv.name+".txt"))
			if err != nil {
				t.Fatalf("LibreOffice wrote no text: %v", err)
			}
			text := flat(string(data))
			want := expected(nv.v)
			if nv.name == "injection" {
				want = append(want, injected...)
			}
			missing := 0
			for _, w := range want {
				if !strings.Contains(text, flat(w)) {
					if missing++; missing <= 10 {
						t.Errorf("LibreOffice's text lacks %q", w)
					}
				}
			}
			if missing > 10 {
				t.Errorf("… and %d more", missing-10)
			}
		})
	}

	t.Run("pdf", func(t *testing.T) {
		pdftotext, pdfinfo := packtest.NeedTool(t, "pdftotext"), packtest.NeedTool(t, "pdfinfo")
		soffice(t, "pdf", dir, files[0])
		pdf := filepath.Join(dir, nvs[0].name+".pdf")
		info, err := exec.Command(pdfinfo, pdf).Output()
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
		if m == nil {
			t.Fatalf("pdfinfo: no page count\n%s", info)
		}
		pages, _ := strconv.Atoi(string(m[1]))
		for _, page := range []int{1, pages} {
			out, err := exec.Command(pdftotext, "-f", itoa(page), "-l", itoa(page), pdf, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprintf("Page %d of %d", page, pages)
			if !strings.Contains(flat(string(out)), want) || !strings.Contains(string(out), "Uncontrolled when printed") {
				t.Errorf("page %d does not say %q and \"Uncontrolled when printed\"", page, want)
			}
		}
	})
}

func itoa(i int) string { return strconv.Itoa(i) }

// The synthetic M pack (200 roles, 5,000 people) converts to PDF.
func TestLibreOfficeConvertsSynthM(t *testing.T) {
	if testing.Short() {
		t.Skip("the M pack takes a while; not under -short")
	}
	packtest.NeedTool(t, "soffice")
	nvs := views(t, "synth-m")
	if len(nvs) != 1 {
		t.Fatal("the pack set has no synth-m")
	}
	dir := t.TempDir()
	f := filepath.Join(dir, "m.docx")
	if err := os.WriteFile(f, render(t, nvs[0].v), 0o644); err != nil {
		t.Fatal(err)
	}
	soffice(t, "pdf", dir, f)
	if st, err := os.Stat(filepath.Join(dir, "m.pdf")); err != nil || st.Size() == 0 {
		t.Fatalf("LibreOffice made no PDF of the M pack: %v", err)
	}
}

// python returns a Python with Debian's python3-docx: ROLEPACK_PYTHON, else
// /usr/bin/python3. Without it the test is skipped, or fails with CI=true.
func python(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("ROLEPACK_PYTHON")
	if bin == "" {
		bin = "/usr/bin/python3"
	}
	if err := exec.Command(bin, "-c", "import docx").Run(); err != nil {
		msg := fmt.Sprintf("%s cannot import docx (Debian package python3-docx): %v", bin, err)
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s; CI=true requires every external judge", msg)
		}
		t.Skipf("%s; skipped (with CI=true this fails)", msg)
	}
	return bin
}

// readDocx prints, for each file, the headings (style and text) in order,
// whether each table's first row repeats as a header row, and the core
// properties, as python-docx reads them.
const readDocx = `
import json, sys
import docx
from docx.oxml.ns import qn
out = {}
for path in sys.argv[1:]:
    d = docx.Document(path)
    heads = [[p.style.name, p.text] for p in d.paragraphs if p.style.name.startswith("Heading")]
    tables = []
    for t in d.tables:
        tr = t.rows[0]._tr
        trPr = tr.find(qn("w:trPr"))
        tables.append(trPr is not None and trPr.find(qn("w:tblHeader")) is not None)
    cp = d.core_properties
    out[path] = {"headings": heads, "tables": tables,
                 "core": {"title": cp.title, "author": cp.author, "created": cp.created.isoformat()}}
json.dump(out, sys.stdout)
`

// python-docx reads the heading structure (Heading 1 for each section,
// Heading 2 for each role, in the PDF's order) and the header flag of
// every table's first row.
func TestPythonDocxReadsStructure(t *testing.T) {
	py := python(t)
	nvs := views(t, "example", "second", "minimal", "stress")
	dir := t.TempDir()
	var files []string
	for _, nv := range nvs {
		f := filepath.Join(dir, nv.name+".docx")
		if err := os.WriteFile(f, render(t, nv.v), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	out, err := exec.Command(py, append([]string{"-c", readDocx}, files...)...).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("python-docx: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	var got map[string]struct {
		Headings [][2]string
		Tables   []bool
		Core     map[string]string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for i, nv := range nvs {
		t.Run(nv.name, func(t *testing.T) {
			r := got[files[i]]
			want := [][2]string{{"Heading 1", "1 Purpose and scope"}, {"Heading 1", "2 Reporting lines"}, {"Heading 1", "3 Roles"}}
			for _, rv := range nv.v.Roles {
				want = append(want, [2]string{"Heading 2", fmt.Sprintf("3.%d %s", rv.Number, rv.Name)})
			}
			for _, s := range []string{"4 Management Review Team", "5 RACI matrix", "6 Competence", "7 Audit readiness", "8 Revision history", "9 Approval"} {
				want = append(want, [2]string{"Heading 1", s})
			}
			var top [][2]string
			for _, h := range r.Headings {
				if h[0] == "Heading 1" || h[0] == "Heading 2" {
					top = append(top, h)
				}
			}
			if !slices.Equal(top, want) {
				t.Errorf("Heading 1 and 2 paragraphs\n got %q\nwant %q", top, want)
			}
			if !slices.ContainsFunc(r.Headings, func(h [2]string) bool { return h == [2]string{"Heading 3", "Responsibilities"} }) {
				t.Error("no Heading 3 \"Responsibilities\"")
			}
			if len(r.Tables) == 0 {
				t.Fatal("python-docx found no tables")
			}
			for j, h := range r.Tables {
				if !h {
					t.Errorf("table %d: its first row is not a repeating header row", j+1)
				}
			}
			if r.Core["title"] != nv.v.Pack.Document.Title || r.Core["author"] != nv.v.Pack.Organisation.Name {
				t.Errorf("core properties %q", r.Core)
			}
			if !strings.HasPrefix(r.Core["created"], nv.v.Stamp.BuildDate.Format("2006-01-02T15:04:05")) {
				t.Errorf("created %q, want the build date %s", r.Core["created"], nv.v.Stamp.BuildDate)
			}
		})
	}
}
