package pdf_test

import (
	"encoding/xml"
	"fmt"
	"maps"
	"math"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/internal/packtest"
)

// The layout-invariant check reads a PDF back with `pdftotext
// -bbox-layout` (every word with its box, grouped into lines and blocks)
// and asserts what the layout layer guarantees for any data:
//
//  1. no two words overlap;
//  2. every word lies inside the page margins, and a word in a table cell
//     inside its cell (the cells are read from the drawn rectangles);
//  3. no heading is the last line of a page;
//  4. no widow or orphan: a paragraph broken across pages keeps at least
//     two lines on each side, and no page but the last holds fewer than
//     three lines;
//  5. on the acknowledgement sheets, every page carries its signer's name
//     and "Sheet page n of m" counted within the sheet, and a signature
//     line has the name on its page;
//  6. a signature line has a Name line above it, in its column;
//  7. no page is blank: each holds a word between the running header
//     and footer (a page break after a section that had already ended
//     its page left one).

const ptPerMM = 72 / 25.4

// Geometry of the documents, in points (see doc.go).
var (
	marginPt   = 18 * ptPerMM
	headerPt   = 8 * ptPerMM  // nothing above this
	footerPt   = 8 * ptPerMM  // nothing below page height minus this
	contentTop = 14 * ptPerMM // below the running header's rule
	contentBot = 16 * ptPerMM // above the running footer's rule
	lineStep   = 5 * ptPerMM  // body line height
)

type box struct {
	X0 float64 `xml:"xMin,attr"`
	Y0 float64 `xml:"yMin,attr"`
	X1 float64 `xml:"xMax,attr"`
	Y1 float64 `xml:"yMax,attr"`
}

type bboxWord struct {
	box
	Text string `xml:",chardata"`
}

type bboxLine struct {
	box
	Words []bboxWord `xml:"word"`
}

type bboxBlock struct {
	box
	Lines []bboxLine `xml:"line"`
}

type bboxPage struct {
	Width  float64     `xml:"width,attr"`
	Height float64     `xml:"height,attr"`
	Blocks []bboxBlock `xml:"flow>block"`
	// words are the messages of the document's language (its /Lang), by
	// which its furniture and signature lines are found.
	words *messages.Catalogue
}

// w is the catalogue of the page's document, English's when it names no
// language.
func (p bboxPage) w() *messages.Catalogue {
	if p.words == nil {
		return messages.Builtin("en")
	}
	return p.words
}

var langRE = regexp.MustCompile(`/Lang \(([A-Za-z0-9-]+)\)`)

// sheetPage finds "Sheet page n of m" in a page's squashed text (no
// spaces: Japanese and Chinese set none), in the page's language.
func (p bboxPage) sheetPage() *regexp.Regexp {
	w := p.w()
	if re, ok := sheetPageREs.Load(w.Lang()); ok {
		return re.(*regexp.Regexp)
	}
	lit := squash(w.Text("common.sheet_page_of", "n", "\x00", "total", "\x01"))
	re := regexp.MustCompile(strings.NewReplacer("\x00", `(\d+)`, "\x01", `(\d+)`).Replace(regexp.QuoteMeta(lit)))
	sheetPageREs.Store(w.Lang(), re)
	return re
}

var sheetPageREs sync.Map // language → regexp

type bboxDoc struct {
	Pages []bboxPage `xml:"body>doc>page"`
}

// readBoxes runs pdftotext -bbox-layout on path, once per file: the
// layout check and the text of a file (text) both come from that one run.
// A path names one PDF for the life of the test binary (each is written
// into a test's own temporary directory and never rewritten).
func readBoxes(t testing.TB, path string) []bboxPage {
	t.Helper()
	if pages, ok := boxCache.Load(path); ok {
		return pages.([]bboxPage)
	}
	out, err := exec.Command("pdftotext", "-bbox-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox-layout: %v", err)
	}
	var d bboxDoc
	dec := xml.NewDecoder(strings.NewReader(string(out)))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("reading pdftotext -bbox-layout: %v", err)
	}
	var words *messages.Catalogue
	if data, err := os.ReadFile(path); err == nil {
		if m := langRE.FindSubmatch(data); m != nil {
			words = messages.Builtin(string(m[1]))
		}
	}
	for i := range d.Pages {
		d.Pages[i].words = words
	}
	// The boxes list a right-to-left word's letters as they are drawn,
	// left to right: put them back in reading order.
	for _, p := range d.Pages {
		for _, b := range p.Blocks {
			for _, l := range b.Lines {
				for i, w := range l.Words {
					l.Words[i].Text = packtest.ReadingOrder(w.Text)
				}
			}
		}
	}
	boxCache.Store(path, d.Pages)
	return d.Pages
}

var boxCache sync.Map // path → []bboxPage

// boxText is the text of a PDF as read by readBoxes: words joined by
// spaces, lines by line breaks, pages by form feeds, as pdftotext prints
// plain text (a right-to-left phrase's words in display order, each
// word's letters in reading order: packtest.PDFHas).
func boxText(pages []bboxPage) string {
	var b strings.Builder
	for _, p := range pages {
		for _, bl := range p.Blocks {
			for _, l := range bl.Lines {
				for i, w := range l.Words {
					if i > 0 {
						b.WriteByte(' ')
					}
					b.WriteString(w.Text)
				}
				b.WriteByte('\n')
			}
			b.WriteByte('\n')
		}
		b.WriteByte('\f')
	}
	return b.String()
}

// watermark reports whether a word is the diagonal DRAFT or SUPERSEDED
// mark, which is drawn over the page on purpose.
func watermark(w bboxWord) bool {
	// pdftotext cuts the turned word into pieces ("D", "RA", "FT"), each
	// in a box at least 30 pt high; no other text of the documents is set
	// that large, but the cover title (22 pt).
	mark := strings.Contains("DRAFT", w.Text) || strings.Contains("SUPERSEDED", w.Text)
	return mark && w.Y1-w.Y0 > 31 && w.X1-w.X0 > 35
}

// lines returns the page's lines in reading order (top to bottom), each
// without watermark words.
func (p bboxPage) lines() []bboxLine {
	var out []bboxLine
	for _, b := range p.Blocks {
		for _, l := range b.Lines {
			var words []bboxWord
			for _, w := range l.Words {
				if !watermark(w) {
					words = append(words, w)
				}
			}
			if len(words) > 0 {
				l.Words = words
				out = append(out, l)
			}
		}
	}
	// Sort by top edge, then left edge: blocks come in pdftotext's flow
	// order, not always top to bottom.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && (out[j].Y0 < out[j-1].Y0-0.5 || (math.Abs(out[j].Y0-out[j-1].Y0) <= 0.5 && out[j].X0 < out[j-1].X0)); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// visualLines counts lines as a reader sees them: pdftotext may put a list
// marker, a label and its value, or the cells of a table row in lines of
// their own; pieces on one baseline are one line of the page.
func visualLines(lines []bboxLine) []bboxLine {
	var merged []bboxLine
	for _, l := range lines {
		if k := len(merged) - 1; k >= 0 && math.Abs(merged[k].Y1-l.Y1) < 1.5 && math.Abs(merged[k].Y0-l.Y0) < 1.5 {
			m := &merged[k]
			m.Words = append(m.Words, l.Words...)
			m.X0, m.X1 = min(m.X0, l.X0), max(m.X1, l.X1)
			m.Y0, m.Y1 = min(m.Y0, l.Y0), max(m.Y1, l.Y1)
			continue
		}
		merged = append(merged, l)
	}
	return merged
}

// content returns the lines between the running header and footer.
func (p bboxPage) content() []bboxLine {
	var out []bboxLine
	for _, l := range p.lines() {
		if l.Y0 >= contentTop && l.Y1 <= p.Height-contentBot {
			out = append(out, l)
		}
	}
	return out
}

func (l bboxLine) text() string {
	var parts []string
	for _, w := range l.Words {
		parts = append(parts, w.Text)
	}
	return strings.Join(parts, " ")
}

func (l bboxLine) height() float64 {
	h := 0.0
	for _, w := range l.Words {
		h = max(h, w.Y1-w.Y0)
	}
	return h
}

// Heights of the word boxes pdftotext reports for Noto Sans: 1.362 × the
// size in points. Body text is 10 pt; every heading at least 11 pt.
const (
	bodyWordH    = 13.62
	headingWordH = 14.6
)

func isHeading(l bboxLine) bool { return l.height() >= headingWordH }
func isBody(l bboxLine) bool    { return math.Abs(l.height()-bodyWordH) < 0.4 }

// textX is where a line's text starts, after a list marker.
func (l bboxLine) textX() float64 {
	if len(l.Words) > 1 && isMarker(l.Words[0].Text) {
		return l.Words[1].X0
	}
	return l.X0
}

var numberMarker = regexp.MustCompile(`^\d+\.$`)

func isMarker(s string) bool { return s == "•" || numberMarker.MatchString(s) }

func (l bboxLine) startsItem() bool { return len(l.Words) > 1 && isMarker(l.Words[0].Text) }

// checkLayout asserts invariants 1–4 on every page of the PDF at path.
func checkLayout(t testing.TB, name, path string) []bboxPage {
	t.Helper()
	checkFonts(t, name, path)
	pages := readBoxes(t, path)
	errs := 0
	report := func(format string, args ...any) {
		t.Helper()
		if errs++; errs <= 15 {
			t.Errorf(name+": "+format, args...)
		}
	}
	for pi, p := range pages {
		n := pi + 1
		var words []bboxWord
		for _, l := range p.lines() {
			words = append(words, l.Words...)
		}
		// (2) inside the margins.
		for _, w := range words {
			if w.X0 < marginPt-1 || w.X1 > p.Width-marginPt+1 || w.Y0 < headerPt || w.Y1 > p.Height-footerPt {
				report("page %d: %q at (%.0f,%.0f)–(%.0f,%.0f) lies outside the margins of a %.0f×%.0f page", n, w.Text, w.X0, w.Y0, w.X1, w.Y1, p.Width, p.Height)
			}
		}
		// (1) no overlap: boxes meeting by more than a quarter of the
		// smaller height (a box includes the room for accents above and
		// descenders below, which lines may share).
		for i := range words {
			for j := i + 1; j < len(words); j++ {
				a, b := words[i], words[j]
				dx := min(a.X1, b.X1) - max(a.X0, b.X0)
				dy := min(a.Y1, b.Y1) - max(a.Y0, b.Y0)
				if dx > 0.5 && dy > 0.25*min(a.Y1-a.Y0, b.Y1-b.Y0) {
					report("page %d: %q and %q overlap", n, a.Text, b.Text)
				}
			}
		}
		// (6) a signature line has a Name line above it on its page, in
		// the same column.
		if msg := unnamedSignature(p); msg != "" {
			report("page %d: %s", n, msg)
		}
		lines := p.content()
		if len(lines) == 0 {
			// (7) no blank page: every page holds something between its
			// running header and footer.
			if !hasContent(p) {
				report("page %d is blank: nothing between its running header and footer", n)
			}
			continue
		}
		// (4) no page left with one or two lines (the last may be short).
		if v := visualLines(lines); len(v) < 3 && n < len(pages) {
			report("page %d holds only %d line(s): %q", n, len(v), v[0].text())
		}
		// (3) no heading last on a page.
		if last := lines[len(lines)-1]; isHeading(last) && n < len(pages) {
			report("page %d ends with the heading %q", n, last.text())
		}
		// (4) widows and orphans across the break to the next page.
		if n < len(pages) {
			if msg := brokenParagraph(p, lines, pages[pi+1].content()); msg != "" {
				report("page %d: %s", n, msg)
			}
		}
	}
	// (2b) every word of a table cell inside its cell.
	checkCells(t, name, path, pages)
	return pages
}

// hasContent reports whether a page holds a word between its running
// header and footer. content() takes whole lines, which pdftotext may
// join with the furniture; a word is enough here.
func hasContent(p bboxPage) bool {
	for _, l := range p.lines() {
		for _, w := range l.Words {
			if w.Y0 >= contentTop && w.Y1 <= p.Height-contentBot && !watermark(w) {
				return true
			}
		}
	}
	return false
}

// signatureLabels are the labels of the page's signature lines, in its
// language. A label stands alone on its line: the word in a sentence
// ("bestätigen Sie mit Ihrer Unterschrift") is not one.
func (p bboxPage) signatureLabels() []bboxWord {
	signature := p.w().Text("signature.signature")
	var labels []bboxWord
	for _, l := range p.lines() {
		if len(l.Words) == 1 && l.Words[0].Text == signature {
			labels = append(labels, l.Words[0])
		}
	}
	return labels
}

// unnamedSignature finds a "Signature" label on the page without a
// "Name" line above it in the same column, and says so; "" when every
// signature line has one. (Where the signer is known, their name is
// printed on it: TestPeopleFiles and TestSignOff read it there; an
// approval page without an approver, or a letter whose signer the pack
// does not name, leaves it to be filled in.)
func unnamedSignature(p bboxPage) string {
	var words []bboxWord
	nameLabel := p.w().Text("signature.name")
	for _, l := range p.lines() {
		words = append(words, l.Words...)
	}
	for _, w := range p.signatureLabels() {
		named := false
		for _, label := range words {
			if label.Text == nameLabel && label.Y1 <= w.Y0 && math.Abs(label.X0-w.X0) <= 2 {
				named = true
			}
		}
		if !named {
			return fmt.Sprintf("the signature line at (%.0f,%.0f) has no Name line above it", w.X0, w.Y0)
		}
	}
	return ""
}

// brokenParagraph finds a paragraph that continues from the last line of
// a page to the first of the next with a single line on either side.
func brokenParagraph(p bboxPage, lines, next []bboxLine) string {
	last := lines[len(lines)-1]
	if !isBody(last) || len(next) == 0 {
		return ""
	}
	// Skip a sheet's banner (bold 9 pt) at the top of the next page.
	for len(next) > 0 && !isBody(next[0]) && next[0].height() < bodyWordH {
		next = next[1:]
	}
	if len(next) == 0 || !isBody(next[0]) {
		return ""
	}
	first := next[0]
	right := p.Width - marginPt
	// A line continues into the next exactly when the next line's first
	// word would not have fitted after it: that is why it was wrapped.
	continues := func(l, next bboxLine) bool {
		w := next.Words[0]
		if next.startsItem() {
			return false
		}
		return w.X1-w.X0 > right-l.X1-3
	}
	if !continues(last, first) || math.Abs(first.X0-last.textX()) > 1 {
		return ""
	}
	before := 1
	for i := len(lines) - 1; i > 0; i-- {
		prev := lines[i-1]
		if !isBody(prev) || !continues(prev, lines[i]) || math.Abs(lines[i].Y0-prev.Y0-lineStep) > 1 || math.Abs(prev.textX()-lines[i].X0) > 1 {
			break
		}
		before++
	}
	after := 1
	for i := 0; i+1 < len(next); i++ {
		l := next[i+1]
		if !isBody(l) || !continues(next[i], l) || math.Abs(l.Y0-next[i].Y0-lineStep) > 1 || math.Abs(l.X0-first.X0) > 1 {
			break
		}
		after++
	}
	switch {
	case before < 2:
		return fmt.Sprintf("orphan: %q is the only line of its paragraph before the break", last.text())
	case after < 2 && !endsSentence(last.text()):
		// A page whose last line ends a sentence may end a paragraph
		// there, the gap before the next paragraph lost at the break: a
		// one-line paragraph at the top of the next page is then not a
		// widow, and the page cannot tell the two apart.
		return fmt.Sprintf("widow: %q is the only line of its paragraph after the break", first.text())
	}
	return ""
}

// squash removes spaces and hyphens, so a name wrapped across lines (or
// split inside a long word) compares equal to the source.
// hasName reports whether a page's text holds a name: whole, spaces and
// hyphens aside, or, for a name in a right-to-left script, each of its
// words (packtest.PDFHas).
func hasName(page, name string) bool {
	if packtest.RTL(name) {
		return packtest.PDFHas(squash(page), strings.ReplaceAll(name, "-", " "))
	}
	return strings.Contains(squash(page), squash(name))
}

func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '‐' {
			return -1
		}
		return r
	}, s)
}

// checkSheets asserts invariant 5 on the acknowledgement sheets: signers
// are the seated people in the view's order, one sheet each.
func checkSheets(t testing.TB, name string, pages []bboxPage, signers []string) {
	t.Helper()
	sheet, inSheet := -1, 0
	signed := make([]int, len(signers))
	for pi, p := range pages {
		all := pageText(p)
		m := p.sheetPage().FindStringSubmatch(squash(all))
		if m == nil {
			if len(signers) > 0 {
				t.Errorf("%s: page %d has no \"Sheet page n of m\"", name, pi+1)
			}
			continue
		}
		if m[1] == "1" {
			sheet, inSheet = sheet+1, 0
		}
		inSheet++
		if sheet < 0 || sheet >= len(signers) {
			t.Errorf("%s: page %d starts sheet %d, but there are %d signers", name, pi+1, sheet+1, len(signers))
			return
		}
		if m[1] != fmt.Sprint(inSheet) {
			t.Errorf("%s: page %d says sheet page %s, want %d", name, pi+1, m[1], inSheet)
		}
		if !hasName(all, signers[sheet]) {
			t.Errorf("%s: page %d of %s's sheet does not carry their name", name, pi+1, signers[sheet])
		}
		if len(p.signatureLabels()) > 0 {
			signed[sheet]++
		}
		next := func() bool {
			n := p.sheetPage().FindStringSubmatch(squash(pageText(pages[pi+1])))
			return n != nil && n[1] == "1"
		}
		if end := pi+1 == len(pages) || next(); end && m[2] != fmt.Sprint(inSheet) {
			t.Errorf("%s: %s's sheet has %d pages but says %s", name, signers[sheet], inSheet, m[2])
		}
	}
	if sheet+1 != len(signers) {
		t.Errorf("%s: %d sheets, want %d", name, sheet+1, len(signers))
	}
	for i, n := range signed {
		if n != 1 {
			t.Errorf("%s: %s's sheet has %d signature lines, want 1", name, signers[i], n)
		}
	}
}

func pageText(p bboxPage) string {
	var texts []string
	for _, l := range p.lines() {
		texts = append(texts, l.text())
	}
	return strings.Join(texts, "\n")
}

// The checks below compare the words of a PDF with what it was made from:
//
//  6. no token of a table's date, id, number or letter column is broken
//     across lines: each appears as one word as often as the tables hold
//     it (checkTokens);
//  7. no hyphen is added inside a token: a word the source does not hold
//     never contains "--", and never ends with a hyphen after a digit,
//     punctuation or a word holding one (checkHyphens);
//  8. the reporting-line chart is drawn as boxes, never as a list of
//     "– " entries (checkChartBoxes).

// maxCheckedToken is the longest token checkTokens expects whole: a
// longer one may be wider than its column's share and break.
const maxCheckedToken = 30

// tableTokens counts the tokens of the date, id, number and letter
// columns of the document's tables, those short enough to be kept whole
// and in a left-to-right script (pdftotext reorders right-to-left words).
func tableTokens(m *document.Document) map[string]int {
	tokens := map[string]int{}
	for _, bl := range m.Body {
		t, ok := bl.(*document.Table)
		if !ok {
			continue
		}
		for i, c := range t.Columns {
			if c.Kind == document.Text || c.Kind == document.Name {
				continue
			}
			for _, r := range t.Rows {
				if i >= len(r) {
					continue
				}
				for _, tok := range strings.Fields(r[i]) {
					rtl := strings.IndexFunc(tok, func(r rune) bool { return unicode.In(r, unicode.Arabic, unicode.Hebrew) }) >= 0
					if utf8.RuneCountInString(tok) <= maxCheckedToken && !rtl {
						tokens[tok]++
					}
				}
			}
		}
	}
	return tokens
}

// checkTokens asserts invariant 6: every token appears as a word of the
// PDF at least as often as the tables hold it.
func checkTokens(t testing.TB, name string, pages []bboxPage, tokens map[string]int) {
	t.Helper()
	seen := map[string]int{}
	for _, p := range pages {
		for _, l := range p.lines() {
			for _, w := range l.Words {
				if _, ok := tokens[w.Text]; ok {
					seen[w.Text]++
				}
			}
		}
	}
	errs := 0
	for _, tok := range slices.Sorted(maps.Keys(tokens)) {
		if seen[tok] < tokens[tok] {
			if errs++; errs <= 10 {
				t.Errorf("%s: %q is in the tables %d times but whole only %d times: broken across lines", name, tok, tokens[tok], seen[tok])
			}
		}
	}
}

// tokenish reports whether s holds a digit or one of - / . : @ _, which
// make a word an id, a date, a URL or a number.
func tokenish(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsDigit(r) || strings.ContainsRune("-/.:@_", r) }) >= 0
}

// checkHyphens asserts invariant 7 on the words of a PDF made from source.
// A word ending in a hyphen that the source does not hold was broken with
// a hyphen added, which only an ordinary word may be: letters before the
// hyphen, and neither a digit nor punctuation in the word.
func checkHyphens(t testing.TB, name string, pages []bboxPage, source string) {
	t.Helper()
	errs := 0
	for pi, p := range pages {
		for _, l := range p.lines() {
			for _, w := range l.Words {
				word := w.Text
				if len(word) < 2 || strings.Contains(source, word) {
					continue
				}
				base, cut := strings.CutSuffix(word, "-")
				last, _ := utf8.DecodeLastRuneInString(base)
				bad := strings.Contains(word, "--") || cut && (tokenish(base) || !unicode.IsLetter(last))
				if bad {
					if errs++; errs <= 10 {
						t.Errorf("%s: page %d: %q: a hyphen added inside a token", name, pi+1, word)
					}
				}
			}
		}
	}
}

var chapterRE = regexp.MustCompile(`^\d+ \S`)

// checkChartBoxes asserts invariant 8: from the heading "N Reporting
// lines" to the next chapter's heading, no line is a list entry.
func checkChartBoxes(t testing.TB, name string, pages []bboxPage) {
	t.Helper()
	in, found := false, false
	for pi, p := range pages {
		for _, l := range p.lines() {
			if isHeading(l) && chapterRE.MatchString(l.text()) {
				in = strings.HasSuffix(squash(l.text()), squash(p.w().Text("document.section.chart")))
				found = found || in
				continue
			}
			if in && l.Words[0].Text == "–" {
				t.Errorf("%s: page %d: the chart is a list: %q", name, pi+1, l.text())
				return
			}
		}
	}
	if !found {
		t.Errorf("%s: no heading %q", name, pages[0].w().Text("document.section.chart"))
	}
}

// endsSentence reports whether a line ends with a full stop, a question or
// exclamation mark or a colon.
func endsSentence(line string) bool {
	line = strings.TrimSpace(line)
	return strings.HasSuffix(line, ".") || strings.HasSuffix(line, "?") || strings.HasSuffix(line, "!") || strings.HasSuffix(line, ":")
}
