package pdf_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/fonts"
	"github.com/rolepack/rolepack/generator/pdf/pdfdoc"
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

// badPDF draws pages with the document writer in the document typeface
// at the documents' margins; draw places text on them.
func badPDF(t *testing.T, draw func(f *pdfdoc.Doc)) string {
	t.Helper()
	f := pdfdoc.New(pdfdoc.NewEngine(fonts.Builtin()), pdfdoc.A4)
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
func text3(f *pdfdoc.Doc) {
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
		draw       func(f *pdfdoc.Doc)
	}{
		{"overlap", "overlap", func(f *pdfdoc.Doc) {
			f.AddPage()
			text3(f)
			f.Text(60, 100, "Overprinted")
			f.Text(62, 100.5, "words")
		}},
		{"cell", "leaves its cell", func(f *pdfdoc.Doc) {
			f.AddPage()
			text3(f)
			f.Rect(18, 100, 30, 8, "D")
			f.Rect(48, 100, 30, 8, "D")
			f.Text(20, 105, "A-clause-reference-too-wide")
		}},
		{"outside", "outside the margins", func(f *pdfdoc.Doc) {
			f.AddPage()
			text3(f)
			f.Text(5, 100, "Stray")
		}},
		{"heading", "ends with the heading", func(f *pdfdoc.Doc) {
			f.AddPage()
			text3(f)
			f.SetFont("sans", "", 13)
			f.Text(18, 270, "Holders")
			f.AddPage()
			text3(f)
		}},
		{"short page", "holds only 1 line", func(f *pdfdoc.Doc) {
			f.AddPage()
			f.Text(18, 40, "A lonely line.")
			f.AddPage()
			text3(f)
		}},
		{"short list page", "holds only 2 line(s)", func(f *pdfdoc.Doc) {
			f.AddPage()
			for i, s := range []string{"Evaluate ISMS performance", "Communicate information security"} {
				f.Text(18, 40+float64(i)*5, "•")
				f.Text(23, 40+float64(i)*5, s)
			}
			f.AddPage()
			text3(f)
		}},
		{"orphan", "orphan", func(f *pdfdoc.Doc) {
			f.AddPage()
			text3(f)
			f.Text(18, 270, long)
			f.AddPage()
			for i, s := range []string{"Reconciliation-of-everything-and-more of the register", "and its owners, every month.", "Next paragraph."} {
				f.Text(18, 30+float64(i)*5, s)
			}
		}},
		{"widow", "widow", func(f *pdfdoc.Doc) {
			f.AddPage()
			text3(f)
			f.Text(18, 265, long)
			f.Text(18, 270, long)
			f.AddPage()
			f.Text(18, 30, "Reconciliation-of-everything-and-more.")
			f.Text(18, 40, "Another paragraph of the page, the first of its kind.")
			f.Text(18, 45, "And one more line.")
		}},
		{"blank page", "page 2 is blank", func(f *pdfdoc.Doc) {
			f.AddPage()
			text3(f)
			f.AddPage()
			f.Text(18, 12, "Running header")
			f.Text(18, 290, "Page 2 of 3")
			f.AddPage()
			text3(f)
		}},
		{"signature without a name", "has no Name line above it", func(f *pdfdoc.Doc) {
			f.AddPage()
			text3(f)
			f.Text(18, 80, "Signature")
			f.Text(18, 90, "Date")
		}},
		{"name in another column", "has no Name line above it", func(f *pdfdoc.Doc) {
			f.AddPage()
			text3(f)
			f.Text(110, 70, "Name")
			f.Text(130, 70, "Ann Admin")
			f.Text(18, 80, "Signature")
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
		checkLayout(r, "clean", badPDF(t, func(f *pdfdoc.Doc) { f.AddPage(); text3(f) }))
		if len(r.errs) > 0 {
			t.Errorf("a clean page was reported: %q", r.errs)
		}
	})
	t.Run("sheet without name", func(t *testing.T) {
		r := &recorder{TB: t}
		path := badPDF(t, func(f *pdfdoc.Doc) {
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

// TestTextChecksCatch proves the checks of the words against the source
// can fail: a date broken across lines, a hyphen added inside an id and a
// chart printed as a list are reported, and their good forms are not.
func TestTextChecksCatch(t *testing.T) {
	need(t, "pdftotext")
	lines := func(ls ...string) string {
		return badPDF(t, func(f *pdfdoc.Doc) {
			f.AddPage()
			for i, s := range ls {
				f.Text(18, 40+float64(i)*5, s)
			}
		})
	}
	report := func(check func(r *recorder)) string {
		r := &recorder{TB: t}
		check(r)
		return strings.Join(r.errs, "\n")
	}
	tokens := map[string]int{"2021-02-01": 1, "HR-APPT-2022-0105": 1}
	broken := readBoxes(t, lines("Appointed 2021-02-", "01 by HR-APPT-2022-0105"))
	if got := report(func(r *recorder) { checkTokens(r, "broken", broken, tokens) }); !strings.Contains(got, `"2021-02-01"`) || strings.Contains(got, "HR-APPT") {
		t.Errorf("a date broken across lines: reported %q", got)
	}
	whole := readBoxes(t, lines("Appointed 2021-02-01 by", "HR-APPT-2022-0105"))
	if got := report(func(r *recorder) { checkTokens(r, "whole", whole, tokens) }); got != "" {
		t.Errorf("whole tokens were reported: %q", got)
	}

	source := "Evidence HR-APPT-2022-0105 of the roles-and-responsibilities pack, Zollabfertigungsverfahren."
	for _, bad := range [][]string{{"Evidence HR-APPT-2022-0-", "105"}, {"of the roles--", "and-responsibilities"}, {"Evidence HR-APPT-2022-", "0105 at 2021-02-01-"}} {
		if got := report(func(r *recorder) { checkHyphens(r, "bad", readBoxes(t, lines(bad...)), source) }); !strings.Contains(got, "hyphen added") {
			t.Errorf("%q: a hyphen added inside a token was not reported", bad)
		}
	}
	good := lines("Evidence HR-APPT-2022-", "0105 of the roles-", "and-responsibilities pack, Zollabfertigungs-", "verfahren.")
	if got := report(func(r *recorder) { checkHyphens(r, "good", readBoxes(t, good), source) }); got != "" {
		t.Errorf("breaks adding no hyphen to a token were reported: %q", got)
	}

	chart := func(entry string) []bboxPage {
		return readBoxes(t, badPDF(t, func(f *pdfdoc.Doc) {
			f.AddPage()
			f.SetFontSize(13)
			f.Text(18, 40, "2 Reporting lines")
			f.SetFontSize(10)
			f.Text(18, 50, "Chart 1 of 1")
			f.Text(18, 60, entry)
			f.SetFontSize(13)
			f.Text(18, 80, "3 Roles")
			f.SetFontSize(10)
			f.Text(18, 90, "– not a chart entry")
		}))
	}
	if got := report(func(r *recorder) { checkChartBoxes(r, "list", chart("– Chief Executive (1 holder)")) }); !strings.Contains(got, "the chart is a list") {
		t.Errorf("a chart printed as a list was not reported: %q", got)
	}
	if got := report(func(r *recorder) { checkChartBoxes(r, "boxes", chart("Chief Executive")) }); got != "" {
		t.Errorf("a chart of boxes was reported: %q", got)
	}
}
