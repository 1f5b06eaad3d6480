package pdf_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

// recorder collects the errors a check reports instead of failing the test.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recorder) Helper() {}

// badPDF draws pages with fpdf in the document typeface at the documents'
// margins; draw places text on them.
func badPDF(t *testing.T, draw func(f *fpdf.Fpdf)) string {
	t.Helper()
	font, err := os.ReadFile("fonts/NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCellMargin(0)
	f.AddUTF8FontFromBytes("sans", "", font)
	f.SetFont("sans", "", 10)
	f.SetAutoPageBreak(false, 0)
	draw(f)
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return writeRaw(t, b.Bytes())
}

// text3 puts three ordinary lines at the top of the page, so that the
// page is not short.
func text3(f *fpdf.Fpdf) {
	for i, s := range []string{"First line of the page.", "Second line.", "Third line."} {
		f.Text(18, 40+float64(i)*5, s)
	}
}

// TestLayoutCheckCatches proves each invariant of the layout check can
// fail: a PDF made to break it is reported.
func TestLayoutCheckCatches(t *testing.T) {
	need(t, "pdftotext")
	long := "Maintain the asset register and review every entry with its owner once a"
	cases := []struct {
		name, want string
		draw       func(f *fpdf.Fpdf)
	}{
		{"overlap", "overlap", func(f *fpdf.Fpdf) {
			f.AddPage()
			text3(f)
			f.Text(60, 100, "Overprinted")
			f.Text(62, 100.5, "words")
		}},
		{"cell", "leaves its cell", func(f *fpdf.Fpdf) {
			f.AddPage()
			text3(f)
			f.Rect(18, 100, 30, 8, "D")
			f.Rect(48, 100, 30, 8, "D")
			f.Text(20, 105, "A-clause-reference-too-wide")
		}},
		{"outside", "outside the margins", func(f *fpdf.Fpdf) {
			f.AddPage()
			text3(f)
			f.Text(5, 100, "Stray")
		}},
		{"heading", "ends with the heading", func(f *fpdf.Fpdf) {
			f.AddPage()
			text3(f)
			f.SetFont("sans", "", 13)
			f.Text(18, 270, "Holders")
			f.AddPage()
			text3(f)
		}},
		{"short page", "holds only 1 line", func(f *fpdf.Fpdf) {
			f.AddPage()
			f.Text(18, 40, "A lonely line.")
			f.AddPage()
			text3(f)
		}},
		{"short list page", "holds only 2 line(s)", func(f *fpdf.Fpdf) {
			f.AddPage()
			for i, s := range []string{"Evaluate ISMS performance", "Communicate information security"} {
				f.Text(18, 40+float64(i)*5, "•")
				f.Text(23, 40+float64(i)*5, s)
			}
			f.AddPage()
			text3(f)
		}},
		{"orphan", "orphan", func(f *fpdf.Fpdf) {
			f.AddPage()
			text3(f)
			f.Text(18, 270, long)
			f.AddPage()
			for i, s := range []string{"Reconciliation-of-everything-and-more of the register", "and its owners, every month.", "Next paragraph."} {
				f.Text(18, 30+float64(i)*5, s)
			}
		}},
		{"widow", "widow", func(f *fpdf.Fpdf) {
			f.AddPage()
			text3(f)
			f.Text(18, 265, long)
			f.Text(18, 270, long)
			f.AddPage()
			f.Text(18, 30, "Reconciliation-of-everything-and-more.")
			f.Text(18, 40, "Another paragraph of the page, the first of its kind.")
			f.Text(18, 45, "And one more line.")
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := &recorder{TB: t}
			checkLayout(r, c.name, badPDF(t, c.draw))
			if !strings.Contains(strings.Join(r.errs, "\n"), c.want) {
				t.Errorf("the check did not report %q; it reported %q", c.want, r.errs)
			}
		})
	}
	t.Run("clean", func(t *testing.T) {
		r := &recorder{TB: t}
		checkLayout(r, "clean", badPDF(t, func(f *fpdf.Fpdf) { f.AddPage(); text3(f) }))
		if len(r.errs) > 0 {
			t.Errorf("a clean page was reported: %q", r.errs)
		}
	})
	t.Run("sheet without name", func(t *testing.T) {
		r := &recorder{TB: t}
		path := badPDF(t, func(f *fpdf.Fpdf) {
			f.AddPage()
			f.Text(18, 40, "Sheet of Ann Admin")
			f.Text(150, 285, "Sheet page 1 of 2")
			f.AddPage()
			f.Text(18, 40, "Signature")
			f.Text(150, 285, "Sheet page 2 of 2")
		})
		checkSheets(r, "sheets", readBoxes(t, path), []string{"Ann Admin"})
		if !strings.Contains(strings.Join(r.errs, "\n"), "does not carry their name") {
			t.Errorf("a signature page without the signer's name was not reported: %q", r.errs)
		}
	})
}
