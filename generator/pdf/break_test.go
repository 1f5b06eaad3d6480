package pdf_test

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/pdf"
)

// A word broken because it is wider than its line gets a hyphen only
// between two letters of an ordinary word; an id, a date, a URL, an
// e-mail address or a number is broken without adding a character, after
// its punctuation where that keeps at least half a line. Table cells
// (wrap) and paragraphs (measureRuns) break alike.
func TestBreakAddsNoHyphenToTokens(t *testing.T) {
	cases := []struct {
		word   string
		width  float64
		hyphen bool   // an ordinary word: broken lines end with a hyphen
		after  string // a token: some broken line ends with one of these
	}{
		{"Zollabfertigungsdokumentenprüfungsverfahren", 20, true, ""},
		{"https://intranet.example.org/isms/policies/roles-and-responsibilities", 30, false, "/-."},
		{"HR-APPT-2022-0105-CONFIRMED-BY-THE-BOARD", 18, false, "-"},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0@example.org", 30, false, ""},
		{"12345678901234567890123456789012345678901234567890", 15, false, ""},
	}
	for _, c := range cases {
		cell, para := pdf.Wrap(c.word, c.width)
		for name, lines := range map[string][]string{"cell": cell, "paragraph": para} {
			if len(lines) < 2 {
				t.Errorf("%s %q in %.0f mm: not broken: %q", name, c.word, c.width, lines)
				continue
			}
			joined, afterMark := "", false
			for i, l := range lines {
				last := i == len(lines)-1
				if c.hyphen && !last {
					if !strings.HasSuffix(l, "-") {
						t.Errorf("%s %q: line %q has no hyphen", name, c.word, l)
					}
					l = strings.TrimSuffix(l, "-")
				}
				afterMark = afterMark || c.after != "" && !last && strings.ContainsAny(l[len(l)-1:], c.after)
				joined += l
			}
			if c.after != "" && !afterMark {
				t.Errorf("%s %q: no line ends after its punctuation: %q", name, c.word, lines)
			}
			if joined != c.word {
				t.Errorf("%s %q: lines %q do not give the word back", name, c.word, lines)
			}
		}
	}
}

// A table's date and evidence columns keep their tokens whole and every
// header word fits, however long the names beside them; the names share
// the rest.
func TestTableWidthsKeepTokens(t *testing.T) {
	long := strings.Repeat("Ærøskøbing Παπαδόπουλος Müller-Lüdenscheidt Þórsdóttir ", 6)
	cols := []document.Column{{Title: "Holder", Kind: document.Name}, {Title: "Appointed", Kind: document.Date}, {Title: "Evidence", Kind: document.Token}, {Title: "Deputy", Kind: document.Name}}
	rows := [][]string{
		{long, "2021-02-01", "HR-APPT-2022-0105", long},
		{"Ann", "2022-11-30", "Board resolution BR-2021-04/05", long + strings.Repeat("x", 150)},
	}
	for _, total := range []float64{174, 120, 80} {
		widths, cells := pdf.TableCells(cols, rows, total)
		sum := 0.0
		for _, w := range widths {
			sum += w
		}
		if sum > total+0.01 {
			t.Errorf("%.0f mm: the columns take %.1f mm", total, sum)
		}
		for i, c := range cols {
			for _, word := range strings.Fields(c.Title) {
				if !containsLine(cells[0][i], word) {
					t.Errorf("%.0f mm: the header %q is broken: %q", total, c.Title, cells[0][i])
				}
			}
		}
		for r := 1; r < len(cells); r++ {
			for i := 1; i <= 2; i++ {
				for _, tok := range strings.Fields(rows[r-1][i]) {
					if !containsWord(cells[r][i], tok) {
						t.Errorf("%.0f mm: %q is broken: %q", total, tok, cells[r][i])
					}
				}
			}
		}
		if total == 174 && widths[0] < 30 {
			t.Errorf("%.0f mm: the names get only %.1f mm", total, widths[0])
		}
	}
}

func containsLine(lines []string, word string) bool {
	for _, l := range lines {
		if containsWord([]string{l}, word) {
			return true
		}
	}
	return false
}

func containsWord(lines []string, word string) bool {
	for _, l := range lines {
		for _, w := range strings.Fields(l) {
			if w == word {
				return true
			}
		}
	}
	return false
}
