// Package pdf typesets the controlled Roles, Responsibilities and
// Authorities document and the printed acknowledgement sheets, with
// embedded Go fonts so every script the sources use renders and copies out
// as text.
package pdf

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
)

// Output file names.
const (
	DocumentFile = "roles-and-responsibilities.pdf"
	SignOffFile  = "acknowledgement-sheets.pdf"
)

const (
	margin   = 18.0 // mm
	lineH    = 5.0  // body line height, mm
	bodySize = 10.0 // pt
)

// doc wraps one fpdf document with the running header, footer and
// watermark every page carries.
type doc struct {
	f     *fpdf.Fpdf
	v     *view.View
	p     *model.Pack // v.Pack, for the document's own fields
	st    stamp.Stamp
	title string
}

func newDoc(v *view.View, title string) *doc {
	p, st := v.Pack, v.Stamp
	size := "A4"
	if p.Document.Paper == "letter" {
		size = "Letter"
	}
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: size})
	// Fonts and images in a fixed order, and fixed dates (below): the same
	// input gives the same bytes.
	f.SetCatalogSort(true)
	// fpdf writes into the font bytes it is given while subsetting, so each
	// document gets its own copy: otherwise the second document of a
	// process differs from the first.
	f.AddUTF8FontFromBytes("go", "", bytes.Clone(goregular.TTF))
	f.AddUTF8FontFromBytes("go", "B", bytes.Clone(gobold.TTF))
	f.AddUTF8FontFromBytes("go", "I", bytes.Clone(goitalic.TTF))
	f.AddUTF8FontFromBytes("mono", "", bytes.Clone(gomono.TTF))
	f.SetMargins(margin, margin+8, margin)
	f.SetAutoPageBreak(true, margin+10)
	f.AliasNbPages("{nb}")
	t := st.BuildDate.UTC()
	f.SetCreationDate(t)
	f.SetModificationDate(t)
	f.SetTitle(title, true)
	f.SetSubject("Information security roles, responsibilities and authorities (ISO/IEC 27001 clause 5.3)", true)
	f.SetAuthor(p.Organisation.Name, true)
	f.SetKeywords(fmt.Sprintf("ISO/IEC 27001, ISMS, roles, RACI, %s, version %s, %s", p.Document.ID, p.Document.Version, st.Token()), true)
	f.SetCreator(st.Tool, true)
	d := &doc{f: f, v: v, p: p, st: st, title: title}
	f.SetHeaderFunc(d.header)
	f.SetFooterFunc(d.footer)
	f.SetFont("go", "", bodySize)
	return d
}

func (d *doc) header() {
	f := d.f
	w, _ := f.GetPageSize()
	f.SetFont("go", "", 8)
	f.SetTextColor(90, 90, 90)
	f.SetXY(margin, 9)
	f.CellFormat(w-2*margin, 4, d.title, "", 0, "L", false, 0, "")
	f.SetXY(margin, 9)
	f.CellFormat(w-2*margin, 4, d.p.Document.ID, "", 0, "R", false, 0, "")
	f.SetDrawColor(180, 180, 180)
	f.Line(margin, 14, w-margin, 14)
	f.SetTextColor(0, 0, 0)
	f.SetFont("go", "", bodySize)
	f.SetY(margin + 8)
}

func (d *doc) footer() {
	f := d.f
	w, h := f.GetPageSize()
	// The watermark is drawn in the footer, after the page's content, so
	// filled table cells cannot hide it.
	if mark := d.watermark(); mark != "" {
		f.SetFont("go", "B", 80)
		f.SetTextColor(200, 40, 40)
		f.SetAlpha(0.12, "Normal")
		f.TransformBegin()
		f.TransformRotate(45, w/2, h/2)
		tw := f.GetStringWidth(mark)
		f.Text(w/2-tw/2, h/2+10, mark)
		f.TransformEnd()
		f.SetAlpha(1, "Normal")
		f.SetTextColor(0, 0, 0)
	}
	doc := d.p.Document
	f.SetDrawColor(180, 180, 180)
	f.Line(margin, h-16, w-margin, h-16)
	f.SetFont("go", "", 7.5)
	f.SetTextColor(70, 70, 70)
	f.SetXY(margin, h-15)
	f.CellFormat(w-2*margin, 3.6, fmt.Sprintf("Version %s · %s · %s", doc.Version, strings.ToUpper(doc.Status), doc.Classification), "", 0, "L", false, 0, "")
	f.SetXY(margin, h-15)
	f.CellFormat(w-2*margin, 3.6, fmt.Sprintf("Page %d of {nb}", f.PageNo()), "", 0, "R", false, 0, "")
	f.SetXY(margin, h-11.4)
	f.CellFormat(w-2*margin, 3.6, "Stamp: "+d.st.String(), "", 0, "L", false, 0, "")
	f.SetXY(margin, h-11.4)
	f.CellFormat(w-2*margin, 3.6, "Uncontrolled when printed", "", 0, "R", false, 0, "")
	f.SetTextColor(0, 0, 0)
}

func (d *doc) watermark() string {
	switch d.p.Document.Status {
	case model.StatusDraft:
		return "DRAFT"
	case model.StatusSuperseded:
		return "SUPERSEDED"
	}
	return ""
}

func (d *doc) bytes() ([]byte, error) {
	var b bytes.Buffer
	if err := d.f.Output(&b); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return b.Bytes(), nil
}

// contentWidth is the width between the margins of the current page.
func (d *doc) contentWidth() float64 {
	w, _ := d.f.GetPageSize()
	l, _, r, _ := d.f.GetMargins()
	return w - l - r
}

// room reports how much vertical space is left on the page.
func (d *doc) room() float64 {
	_, h := d.f.GetPageSize()
	_, b := d.f.GetAutoPageBreak()
	return h - b - d.f.GetY()
}

// need starts a new page unless h mm are left: keeps a heading with what
// follows it.
func (d *doc) need(h float64) {
	if d.room() < h {
		d.f.AddPage()
	}
}

func (d *doc) para(text string) {
	d.f.SetFont("go", "", bodySize)
	d.f.MultiCell(0, lineH, text, "", "L", false)
	d.f.Ln(1)
}

func (d *doc) label(k, v string) {
	f := d.f
	f.SetFont("go", "B", bodySize)
	x := f.GetX()
	f.CellFormat(45, lineH, k, "", 0, "L", false, 0, "")
	f.SetFont("go", "", bodySize)
	f.MultiCell(d.contentWidth()-45-(x-margin), lineH, v, "", "L", false)
}

// bullets writes a list, each item wrapped with a hanging indent.
func (d *doc) bullets(items []string) {
	f := d.f
	f.SetFont("go", "", bodySize)
	w := d.contentWidth()
	for _, it := range items {
		d.need(lineH)
		x := f.GetX()
		f.CellFormat(5, lineH, "•", "", 0, "L", false, 0, "")
		f.MultiCell(w-5-(x-margin), lineH, it, "", "L", false)
		f.SetX(x)
	}
	f.Ln(1)
}
