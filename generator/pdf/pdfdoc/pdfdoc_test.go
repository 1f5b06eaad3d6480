package pdfdoc_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rolepack/rolepack/generator/fonts"
	"github.com/rolepack/rolepack/generator/pdf/pdfdoc"
)

// machineFonts are the Noto faces for the scripts the built-in faces lack,
// as Debian's fonts-noto-core and fonts-noto-cjk install them.
var machineFonts = []string{
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf",
	"/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
	"/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
	"/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
	"/usr/share/fonts/truetype/noto/NotoSansGeorgian-Regular.ttf",
}

// worldSet is the built-in faces and the machine's faces for every other
// script; the test is skipped without them, or fails under CI.
func worldSet(t testing.TB) *fonts.Set {
	t.Helper()
	worldOnce.Do(func() {
		var extra []*fonts.Face
		for _, p := range machineFonts {
			data, err := os.ReadFile(p)
			if err != nil {
				worldErr = err
				return
			}
			f, err := fonts.Parse(data, 0)
			if err != nil {
				worldErr = err
				return
			}
			extra = append(extra, f)
		}
		world = fonts.WithExtra(extra)
	})
	if worldErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v: install fonts-noto-core and fonts-noto-cjk", worldErr)
		}
		t.Skip(worldErr)
	}
	return world
}

var (
	worldOnce sync.Once
	world     *fonts.Set
	worldErr  error
)

// names in every script the issue lists, each as it must copy out.
var names = []string{
	"Zoë Ñandú-Łódź", "Παπαδόπουλος", "Коваленко", "山田 太郎", "王 秀英", "김 민준",
	"דוד כהן", "محمد عبد الله", "अनिल शर्मा", "สมชาย ใจดี", "გიორგი ბერიძე", "Nguyễn Thị Hương",
}

func need(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is needed (poppler-utils, qpdf)", tool)
			}
			t.Skip(tool, " not installed")
		}
	}
}

func render(t *testing.T, set *fonts.Set, draw func(d *pdfdoc.Doc)) string {
	t.Helper()
	d := pdfdoc.New(pdfdoc.NewEngine(set), pdfdoc.A4)
	d.SetMargins(18, 20, 18)
	d.AddPage()
	draw(d)
	var b bytes.Buffer
	if err := d.Output(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "t.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// TestEveryScriptCopiesOut: a name in each script, alone in a cell and
// inside an English sentence, is printed from a face that has it (no
// .notdef), every font embedded as a subset with a ToUnicode map, and
// pdftotext reads each name back in logical order.
func TestEveryScriptCopiesOut(t *testing.T) {
	need(t, "pdftotext", "pdffonts", "qpdf")
	set := worldSet(t)
	path := render(t, set, func(d *pdfdoc.Doc) {
		for _, n := range names {
			d.SetFont("sans", "", 10)
			d.CellFormat(60, 7, n, "1", 0, "L", false, 0, "")
			d.SetFont("sans", "B", 10)
			d.CellFormat(0, 7, "Approved by "+n+" (ID 42) on 2026-10-01", "1", 1, "L", false, 0, "")
		}
	})
	run(t, "qpdf", "--check", path)
	fontsOut := run(t, "pdffonts", path)
	for _, line := range strings.Split(fontsOut, "\n")[2:] {
		f := strings.Fields(line)
		if len(f) < 7 {
			continue
		}
		// name type… encoding emb sub uni object id
		emb, sub, uni := f[len(f)-5], f[len(f)-4], f[len(f)-3]
		if emb != "yes" || sub != "yes" || uni != "yes" || !strings.Contains(f[0], "+") {
			t.Errorf("font not embedded as a subset with ToUnicode: %s", line)
		}
	}
	text := strings.Join(strings.Fields(run(t, "pdftotext", "-enc", "UTF-8", path, "-")), " ")
	for _, n := range names {
		if !strings.Contains(text, n) {
			t.Errorf("%q does not copy out in logical order; the page reads:\n%s", n, text)
		}
	}
}

// TestNoMissingGlyphs: with the world's faces no glyph of the names is
// .notdef; with the built-in faces alone the CJK, Hebrew… names are.
func TestNoMissingGlyphs(t *testing.T) {
	e := pdfdoc.NewEngine(worldSet(t))
	builtin := pdfdoc.NewEngine(fonts.Builtin())
	for _, n := range names {
		for _, r := range e.Shape(n, fonts.Bold).Runs {
			if r.Missing > 0 {
				t.Errorf("%q: %d characters without a glyph in %s", n, r.Missing, r.Face.Name)
			}
		}
	}
	missing := 0
	for _, r := range builtin.Shape("山田 太郎", fonts.Regular).Runs {
		missing += r.Missing
	}
	if missing != 4 {
		t.Errorf("built-in faces: %d missing glyphs in 山田 太郎, want 4", missing)
	}
}

// TestBidiOrder: right-to-left runs are laid out right to left inside a
// left-to-right line, with numbers inside them left to right.
func TestBidiOrder(t *testing.T) {
	e := pdfdoc.NewEngine(worldSet(t))
	l := e.Shape("Deputy: דוד כהן 2024 and more", fonts.Regular)
	var texts []string
	for _, r := range l.Runs {
		texts = append(texts, r.Text)
	}
	// Display order: the Latin start, the Hebrew run reversed as a whole
	// (the number, at a higher level, stays in reading order inside it),
	// then the Latin end.
	got := strings.Join(texts, "|")
	want := "Deputy: |2024|דוד כהן | and more"
	if got != want {
		t.Errorf("runs in display order: %q, want %q", got, want)
	}
	if !l.Runs[2].RTL || l.Runs[0].RTL {
		t.Errorf("directions: %+v", l.Runs)
	}
}

// TestShapingJoinsArabic: Arabic letters take their joining forms (the
// shaped glyphs differ from the isolated ones) and Devanagari's conjunct
// is one cluster marked for ActualText.
func TestShapingJoinsArabic(t *testing.T) {
	e := pdfdoc.NewEngine(worldSet(t))
	word := e.Shape("محمد", fonts.Regular).Runs[0]
	isolated := map[uint16]bool{}
	for _, r := range "محمد" {
		for _, g := range e.Shape(string(r), fonts.Regular).Runs[0].Glyphs {
			isolated[g.ID] = true
		}
	}
	joined := 0
	for _, g := range word.Glyphs {
		if !isolated[g.ID] {
			joined++
		}
	}
	if joined == 0 {
		t.Error("محمد is drawn with isolated forms: not shaped")
	}
	if !e.Shape("शर्मा", fonts.Regular).Runs[0].Complex {
		t.Error("शर्मा: the reph cluster is not marked for ActualText")
	}
}

// TestDeterministic: the same drawing gives the same bytes, and the
// engine is safe to share between goroutines.
func TestDeterministic(t *testing.T) {
	set := worldSet(t)
	e := pdfdoc.NewEngine(set)
	out := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range out {
		wg.Go(func() {
			d := pdfdoc.New(e, pdfdoc.A4)
			d.AddPage()
			for _, n := range names {
				d.SetFont("sans", "", 10)
				d.CellFormat(0, 6, n, "", 1, "L", false, 0, "")
			}
			var b bytes.Buffer
			if err := d.Output(&b); err != nil {
				t.Error(err)
			}
			out[i] = b.Bytes()
		})
	}
	wg.Wait()
	for i := range out {
		if !bytes.Equal(out[i], out[0]) {
			t.Fatalf("document %d differs from document 0", i)
		}
	}
}

// TestPageCountInFooters: footers are drawn last, knowing the number of
// pages, on every page.
func TestPageCountInFooters(t *testing.T) {
	need(t, "pdftotext")
	e := pdfdoc.NewEngine(fonts.Builtin())
	d := pdfdoc.New(e, pdfdoc.A4)
	d.SetFooterFunc(func() {
		d.SetFont("sans", "", 8)
		d.Text(18, 290, "Page "+itoa(d.PageNo())+" of {nb}")
	})
	d.AliasNbPages("{nb}")
	for range 3 {
		d.AddPage()
		d.SetFont("sans", "", 10)
		d.Text(18, 30, "Body")
	}
	var b bytes.Buffer
	if err := d.Output(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "f.pdf")
	os.WriteFile(path, b.Bytes(), 0o644)
	text := run(t, "pdftotext", path, "-")
	for _, want := range []string{"Page 1 of 3", "Page 2 of 3", "Page 3 of 3"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in %q", want, text)
		}
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + itoa(i%10)
}

// FuzzShape: any text shapes without a panic, in bounded time, with a
// width that is a number.
func FuzzShape(f *testing.F) {
	for _, n := range names {
		f.Add(n)
	}
	f.Add("\u202e\u2067abc\u0301\u200d😀\x00\uFFFF")
	e := pdfdoc.NewEngine(fonts.Builtin())
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1000 {
			return
		}
		w := e.Width(s, fonts.Bold)
		if w != w || w < 0 {
			t.Fatalf("width %v", w)
		}
	})
}

// TestBookmarksAndLinks: bookmarks form a tree by their levels, each
// pointing at its page; an internal link and a URL are annotations; the
// file passes qpdf's check.
func TestBookmarksAndLinks(t *testing.T) {
	need(t, "qpdf")
	path := render(t, fonts.Builtin(), func(d *pdfdoc.Doc) {
		d.SetFont("sans", "", 10)
		d.Bookmark("1 First", 0, -1)
		link := d.AddLink()
		d.CellFormat(40, 6, "to the second", "", 1, "L", false, link, "")
		d.LinkString(18, 40, 30, 6, "https://example.org/a(b)")
		d.Bookmark("1.1 Inside", 1, -1)
		d.AddPage()
		d.SetLink(link, -1, -1)
		d.Bookmark("2 Second", 0, -1)
		d.Bookmark("2.1 Deeper", 1, -1)
		d.Bookmark("2.1.1 Deepest", 2, -1)
	})
	run(t, "qpdf", "--check", path)
	out := run(t, "qpdf", "--json", "--json-key=outlines", path)
	var doc struct {
		Outlines []outlineJSON `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func([]outlineJSON, string)
	walk = func(items []outlineJSON, indent string) {
		for _, it := range items {
			got = append(got, fmt.Sprintf("%s%s p%d", indent, it.Title, it.Page))
			walk(it.Kids, indent+"  ")
		}
	}
	walk(doc.Outlines, "")
	want := []string{"1 First p1", "  1.1 Inside p1", "2 Second p2", "  2.1 Deeper p2", "    2.1.1 Deepest p2"}
	if !slices.Equal(got, want) {
		t.Errorf("bookmarks:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte(`/URI (https://example.org/a\(b\))`)) || !bytes.Contains(raw, []byte("/Dest [")) {
		t.Error("the URL link or the internal link is missing")
	}
}

type outlineJSON struct {
	Title string        `json:"title"`
	Page  int           `json:"destpageposfrom1"`
	Kids  []outlineJSON `json:"kids"`
}
