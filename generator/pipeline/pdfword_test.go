package pipeline_test

import (
	"encoding/xml"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rolepack/rolepack/internal/packtest"
)

// TestPDFAndWordSaySameThings builds the controlled document as a PDF and
// as a Word file for every pack of the set, splits both into their
// sections (the headings of levels 1 and 2, in order) and asserts that
// the two have the same sections in the same order, and that everything
// the Word file says in a section — each paragraph, list entry and table
// cell — the PDF says in the same section. Both typeset one document model
// (generator/document); this is what shows a writer that drops, adds or
// reorders a part.
//
// Text is compared without spaces and hyphens (the PDF wraps and breaks
// long words), without the PDF's running header and footer, and without
// right-to-left letters, whose order the PDF's text engine does not keep
// yet (issue #27 checks that order on its own). The reporting lines are
// drawn as boxes in the PDF and listed in Word: there each role's name and
// holders are compared.
func TestPDFAndWordSaySameThings(t *testing.T) {
	pdftotext := packtest.NeedTool(t, "pdftotext")
	for _, pk := range packtest.Packs(t) {
		t.Run(pk.Name, func(t *testing.T) {
			t.Parallel()
			out := buildPack(t, pk, "json", "pdf", "docx")
			word := wordSections(wordBlocks(t, filepath.Join(out, "roles-and-responsibilities.docx")))
			pdf := pdfBody(t, pdftotext, filepath.Join(out, "roles-and-responsibilities.pdf"))
			comparePDFAndWord(t, word, pdf)
		})
	}
}

// wordSection is a heading of level 1 or 2 and what the Word file says
// under it: paragraphs and list entries, and table cells.
type wordSection struct {
	heading string
	chunks  []string
	cells   []string
}

func wordSections(blocks []wordBlock) []wordSection {
	var secs []wordSection
	for _, b := range blocks {
		switch {
		case b.style == "Heading1" || b.style == "Heading2":
			secs = append(secs, wordSection{heading: b.text})
		case len(secs) == 0:
			// the cover and the contents: before the first section
		case b.rows != nil:
			for i, r := range b.rows {
				if i == 0 && strings.HasPrefix(secs[len(secs)-1].heading, "5 ") {
					// The RACI grid's header: the role columns, whose
					// names the PDF turns a quarter, which pdftotext does
					// not read back in order (pdf's TestRACIGridShowsFullNames
					// reads them from the page).
					continue
				}
				secs[len(secs)-1].cells = append(secs[len(secs)-1].cells, r...)
			}
		default:
			secs[len(secs)-1].chunks = append(secs[len(secs)-1].chunks, b.text)
		}
	}
	return secs
}

// comparePDFAndWord finds the Word sections' headings in the PDF's body,
// in order, after its contents, and each section's chunks in the PDF
// text of that section.
func comparePDFAndWord(t *testing.T, word []wordSection, pdf string) {
	if len(word) == 0 {
		t.Fatal("word: no sections")
	}
	// The contents list every heading, last the approval's: the body
	// starts after it.
	last := squash(word[len(word)-1].heading)
	at := strings.Index(pdf, last)
	if at < 0 {
		t.Fatalf("pdf: no contents entry %q", word[len(word)-1].heading)
	}
	at += len(last)
	starts := make([]int, len(word))
	for i, s := range word {
		h := squash(s.heading)
		j := strings.Index(pdf[at:], h)
		if j < 0 {
			t.Fatalf("pdf: section %q missing, or out of the Word file's order", s.heading)
		}
		starts[i] = at + j + len(h)
		at = starts[i]
	}
	for i, s := range word {
		end := len(pdf)
		if i+1 < len(word) {
			end = strings.Index(pdf[starts[i]:], squash(word[i+1].heading)) + starts[i]
		}
		// pdftotext may read a line beside a heading (a legend of boxes,
		// a grid's first row) before the heading itself: the section's
		// text is taken from the start of the section before it.
		from := starts[max(i-1, 0)]
		body := pdf[from:end]
		grid := strings.HasPrefix(s.heading, "5 ")
		for _, c := range s.chunks {
			for _, p := range pieces(s.heading, c) {
				q := squash(p)
				switch {
				case grid, utf8.RuneCountInString(q) > maxRun, packtest.RTL(p):
					// Right-to-left text: pdftotext keeps a phrase's words
					// in display order (packtest.PDFHas).
					hasWords(t, s.heading, body, p)
				case q != "" && !strings.Contains(body, q):
					t.Errorf("section %q: the Word file says %q, the PDF does not", s.heading, p)
				}
			}
		}
		for _, c := range s.cells {
			if !grid || strings.Trim(c, "0123456789") != "" { // not a numbered column's header
				hasWords(t, s.heading, body, c)
			}
		}
	}
}

// maxRun is the longest text compared as one run of characters: a
// paragraph longer than a page (the stress pack's) may have a line read
// out of order where pdftotext meets the next page, and is compared word
// by word.
const maxRun = 2000

// hasWords asserts that every word of a Word table cell is in the PDF's
// section. A cell's lines are compared word by word: where a PDF table's
// cells wrap, pdftotext may read a line of one cell, then the line beside
// it of the next. A word longer than maxWord is one the PDF breaks across
// lines of a narrow column, with a neighbour's line maybe read in between:
// its first maxWord characters are compared.
func hasWords(t *testing.T, heading, body, cell string) {
	t.Helper()
	const maxWord = 24
	var words []string
	for _, w := range strings.Fields(cell) {
		// Around right-to-left text pdftotext moves punctuation and sets
		// numbers apart: such a cell's words are compared without them.
		if packtest.RTL(cell) {
			words = append(words, packtest.Parts(w)...)
		} else {
			words = append(words, w)
		}
	}
	for _, w := range words {
		q := squash(w)
		if r := []rune(q); len(r) > maxWord {
			q = string(r[:maxWord])
		}
		if q != "" && !strings.Contains(body, q) {
			t.Errorf("section %q: the Word file has %q in %q, the PDF does not", heading, w, cell)
			return
		}
	}
}

// pieces cuts what the Word file says into the pieces the PDF sets apart
// or draws its own way: a label and its value (a tab in Word, two columns
// in the PDF); in the chart, a role's name and holders (a list entry in
// Word, a box in the PDF; the sentences about the form are each writer's
// own); in the RACI matrix, each letter's meaning and each role of the key
// (Word may number the columns where the PDF turns the names, or the other
// way round, so the column numbers are not compared).
func pieces(heading, chunk string) []string {
	parts := strings.Split(chunk, "\t")
	switch {
	case strings.HasPrefix(heading, "2 "):
		if !strings.Contains(chunk, " — ") {
			return nil
		}
		// A role deeper than Word's nine list levels names whom it
		// reports to; the PDF draws the line.
		if i := strings.LastIndex(chunk, " (reports to "); i > 0 && strings.HasSuffix(chunk, ")") {
			chunk = chunk[:i]
		}
		return strings.Split(chunk, " — ")
	case strings.HasPrefix(heading, "5 "):
		var out []string
		for _, p := range parts {
			if strings.HasPrefix(p, "Role columns: ") {
				continue // the key of numbered columns: see the grid's header
			}
			p = strings.TrimPrefix(p, "Legend: ")
			for _, q := range strings.FieldsFunc(p, func(r rune) bool { return r == '=' || r == ';' || r == ',' }) {
				q = strings.TrimSpace(q)
				if strings.Trim(q, "0123456789.") != "" {
					out = append(out, q)
				}
			}
		}
		return out
	}
	return parts
}

// squash drops what a PDF's layout changes: spaces and line breaks,
// hyphens (a long word broken across lines), list bullets (which
// pdftotext may read as a column of their own, beside a long item), and
// right-to-left letters.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '‐' || r == '•' || unicode.In(r, unicode.Hebrew, unicode.Arabic) {
			return -1
		}
		return r
	}, s)
}

// pdfBody is the PDF's text, squashed, without the running header and
// footer of each page and without the watermark.
func pdfBody(t *testing.T, pdftotext, path string) string {
	out, err := exec.Command(pdftotext, "-bbox", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var doc struct {
		Pages []struct {
			Height float64 `xml:"height,attr"`
			Words  []struct {
				YMin float64 `xml:"yMin,attr"`
				YMax float64 `xml:"yMax,attr"`
				Text string  `xml:",chardata"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(strings.NewReader(string(out)))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	const mm = 72 / 25.4
	var b strings.Builder
	for _, p := range doc.Pages {
		for _, w := range p.Words {
			switch {
			case w.YMax < 14*mm, w.YMin > p.Height-16*mm: // running header, footer
			case w.YMax-w.YMin > 30: // the turned watermark's pieces
			default:
				b.WriteString(squash(packtest.ReadingOrder(w.Text)))
			}
		}
	}
	return b.String()
}
