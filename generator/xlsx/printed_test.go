package xlsx_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/packtest"
)

// The workbook as LibreOffice prints it, read back from the PDF it makes
// (pdftotext -bbox: every word with its box), judged by what a reader of
// the paper needs, for any pack:
//
//  1. no page is blank;
//  2. no row prints over another: no two words of a page's body overlap
//     (a row shorter than its wrapped text lets its last line run into
//     the next row);
//  3. every RACI role column can be identified: each turned name lies
//     within its header row (LibreOffice clips what does not, though
//     the PDF keeps the clipped words) and has all its words there; or,
//     when the columns are numbered, each number heads a column and the
//     key under the grid gives its role's full name.
//
// The second and the stress packs run in make test; every pack of the set
// with ROLEPACK_TEST_ALL=1.

type printedWord struct {
	X0   float64 `xml:"xMin,attr"`
	Y0   float64 `xml:"yMin,attr"`
	X1   float64 `xml:"xMax,attr"`
	Y1   float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

type printedPage struct {
	Width  float64       `xml:"width,attr"`
	Height float64       `xml:"height,attr"`
	Words  []printedWord `xml:"word"`
}

// turned reports a word set a quarter turn: pdftotext gives an upright
// word a box as tall as the page's lines (line, the height most words'
// boxes have) and a turned one a box as wide as that, and as tall as the
// word is long.
func (w printedWord) turned(line float64) bool {
	return math.Abs(w.X1-w.X0-line) < 0.5 && math.Abs(w.Y1-w.Y0-line) > 0.5
}

// lineBox is the height most words' boxes on the page have: its lines'.
func (p printedPage) lineBox() float64 {
	count := map[float64]int{}
	best, line := 0, 0.0
	for _, w := range p.Words {
		h := math.Round((w.Y1-w.Y0)*10) / 10
		if count[h]++; count[h] > best {
			best, line = count[h], h
		}
	}
	return line
}

// printWorkbook converts a workbook to PDF with LibreOffice and reads
// every page's words back.
func printWorkbook(t *testing.T, bin string, data []byte) []printedPage {
	t.Helper()
	dir := t.TempDir()
	book := filepath.Join(dir, "book.xlsx")
	if err := os.WriteFile(book, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir, book)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", "-bbox", "-enc", "UTF-8", filepath.Join(dir, "book.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var doc struct {
		Pages []printedPage `xml:"body>doc>page"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("reading pdftotext -bbox: %v", err)
	}
	return doc.Pages
}

// The running header and footer of every sheet lie within this many
// points of the page's top and bottom edges; the body between them.
const bodyEdge = 28.0

// boxPerPoint is the height of a word's box in pdftotext's -bbox per
// point of the size it is set in, for Carlito (LibreOffice's Calibri).
const boxPerPoint = 1.3

// printedFaults lists what is wrong with the printed workbook of v, whose
// RACI header row is headerHeight points tall.
func printedFaults(v *view.View, headerHeight float64, pages []printedPage) []string {
	var faults []string
	raciName := xlsx.SheetName(v.Words, xlsx.SheetRACI)
	// The audit sheet's evidence cells may hold more text than a row
	// can be tall (409 pt, Excel's most): the stress pack's do, and run
	// over the next row. Not checked here until such a cell is split.
	auditName := xlsx.SheetName(v.Words, xlsx.SheetAudit)
	var raciPages []printedPage
	for i, p := range pages {
		n := i + 1
		if len(p.Words) == 0 {
			faults = append(faults, fmt.Sprintf("page %d is blank", n))
			continue
		}
		line := p.lineBox()
		var body []printedWord
		var all []string
		for _, w := range p.Words {
			all = append(all, w.Text)
			if w.Y0 >= bodyEdge && w.Y1 <= p.Height-bodyEdge {
				body = append(body, w)
			}
		}
		if len(body) == 0 {
			faults = append(faults, fmt.Sprintf("page %d holds only its running header and footer", n))
		}
		if strings.Contains(strings.Join(all, " "), "— "+auditName) {
			body = nil
		}
		for a := range body {
			for b := a + 1; b < len(body); b++ {
				x, y := body[a], body[b]
				dx := min(x.X1, y.X1) - max(x.X0, y.X0)
				dy := min(x.Y1, y.Y1) - max(x.Y0, y.Y0)
				// Lines share a little of their boxes' room for accents
				// and descenders: across the line (down a line of
				// ordinary words, along the page for turned ones) a
				// quarter of the thinner box is allowed.
				if x.turned(line) != y.turned(line) {
					continue // a turned name and the words beside it
				}
				along, across, thick := dx, dy, min(x.Y1-x.Y0, y.Y1-y.Y0)
				if x.turned(line) {
					along, across, thick = dy, dx, min(x.X1-x.X0, y.X1-y.X0)
				}
				if along > 0.5 && across > 0.25*thick {
					faults = append(faults, fmt.Sprintf("page %d: %q prints over %q", n, x.Text, y.Text))
				}
			}
		}
		if strings.Contains(strings.Join(all, " "), "— "+raciName) {
			raciPages = append(raciPages, p)
		}
	}
	if len(raciPages) == 0 {
		return append(faults, "no page of the RACI sheet")
	}
	return append(faults, raciColumnFaults(v, headerHeight, raciPages)...)
}

// raciColumnFaults checks that every role column of the printed RACI can
// be identified.
func raciColumnFaults(v *view.View, headerHeight float64, pages []printedPage) []string {
	var faults []string
	key := xlsx.RACIKey(v)
	headed := map[string]bool{} // words within a header row
	var text []string
	for i, p := range pages {
		// The header row ends where the fixed columns' titles, set at its
		// foot, end; it is as tall as the workbook says, at the scale the
		// printout is set in, which the titles' size gives.
		line := p.lineBox()
		// The first upright "Process" is the title (the word may recur
		// in the rows below).
		foot, zoom := math.Inf(1), 0.0
		for _, w := range p.Words {
			if !w.turned(line) && w.Text == v.Words.Text("workbook.raci.process") && w.Y1 < foot {
				foot, zoom = w.Y1, (w.Y1-w.Y0)/(11*boxPerPoint)
			}
		}
		if math.IsInf(foot, 1) {
			faults = append(faults, fmt.Sprintf("RACI page %d has no header row", i+1))
			continue
		}
		top := foot - headerHeight*zoom
		for _, w := range p.Words {
			text = append(text, w.Text)
			switch {
			case w.Y0 < bodyEdge && w.Y1 <= bodyEdge+line:
				// a word of the running header, one line tall
			case w.turned(line) && (w.Y0+w.Y1)/2 < foot && (w.Y0 < top-1 || w.Y1 > foot+2):
				faults = append(faults, fmt.Sprintf("RACI page %d: the turned %q runs out of its header row (%.1f–%.1f, the row %.1f–%.1f)", i+1, w.Text, w.Y0, w.Y1, top, foot))
			case w.Y0 >= top-1 && w.Y1 <= foot+2:
				headed[w.Text] = true
			}
		}
	}
	printed := packtest.StripMarks(strings.Join(text, " "))
	for i, r := range v.RACI.Roles {
		if key != nil {
			number := fmt.Sprint(i + 1)
			if !headed[number] {
				faults = append(faults, fmt.Sprintf("role column %s is not headed by its number", number))
			}
			if missing := keyMissing(printed, r.Name); missing != "" {
				faults = append(faults, fmt.Sprintf("the key does not name role %s, %q (no %q)", number, r.Name, missing))
			}
			continue
		}
		for _, word := range strings.Fields(r.Name) {
			found := false
			for _, part := range packtest.Parts(word) {
				found = found || headed[part]
			}
			for h := range headed {
				found = found || strings.Contains(h, packtest.TrimWord(word))
			}
			if !found {
				faults = append(faults, fmt.Sprintf("the header of %q lacks %q", r.Name, word))
				break
			}
		}
	}
	return faults
}

// keyMissing is the part of name the printed text lacks, or "": its words
// of left-to-right scripts in a row, spaces aside (a word too long for
// its line is broken without one), and each right-to-left word, in the
// order it is read or the order pdftotext may give it in.
func keyMissing(printed, name string) string {
	printed = norm.NFKC.String(printed)
	var printedLTR []string
	for _, w := range strings.Fields(printed) {
		if !packtest.RTL(w) {
			printedLTR = append(printedLTR, w)
		}
	}
	squashed := strings.Join(printedLTR, "")
	// The words between two right-to-left ones are read in a row;
	// pdftotext may move the right-to-left words around them.
	var run []string
	flush := func() string {
		defer func() { run = nil }()
		if len(run) > 0 && !strings.Contains(squashed, strings.Join(run, "")) {
			return strings.Join(run, " ")
		}
		return ""
	}
	for _, w := range strings.Fields(name) {
		if !packtest.RTL(w) {
			run = append(run, w)
			continue
		}
		if missing := flush(); missing != "" {
			return missing
		}
		r := []rune(w)
		slices.Reverse(r)
		if !strings.Contains(printed, w) && !strings.Contains(printed, string(r)) {
			return w
		}
	}
	return flush()
}

func TestLibreOfficePrintsTheWorkbook(t *testing.T) {
	bin := soffice(t)
	packtest.NeedTool(t, "pdftotext")
	type pack struct {
		name string
		p    *model.Pack
		asOf model.Date
	}
	var packs []pack
	if packtest.Exhaustive() {
		for _, pk := range packtest.Packs(t) {
			p, err := model.Load(pk.Dir)
			if err != nil {
				t.Fatal(err)
			}
			packs = append(packs, pack{pk.Name, p, pk.AsOf})
		}
	} else {
		second, err := model.Load(filepath.Join(packtest.ModuleRoot(t), "testdata", "packs", "second"))
		if err != nil {
			t.Fatal(err)
		}
		packs = []pack{{"second", second, packtest.PacksAsOf}, {"stress", packtest.Load(t, packtest.Stress()), packtest.PacksAsOf}}
	}
	for _, pk := range packs {
		t.Run(pk.name, func(t *testing.T) {
			v := view.New(pk.p, testStamp(), check.Run(pk.p, pk.asOf))
			data, err := xlsx.Workbook(v)
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			headerHeight, err := f.GetRowHeight(xlsx.SheetName(v.Words, xlsx.SheetRACI), 1)
			if err != nil {
				t.Fatal(err)
			}
			pages := printWorkbook(t, bin, data)
			faults := printedFaults(v, headerHeight, pages)
			for i, f := range faults {
				if i == 20 {
					t.Errorf("… and %d more", len(faults)-i)
					break
				}
				t.Error(f)
			}
			t.Logf("%d pages printed", len(pages))
		})
	}
}
