// Package pdf typesets the controlled Roles, Responsibilities and
// Authorities document and the printed acknowledgement sheets, with an
// embedded OFL typeface (fonts.go) so Latin, Greek and Cyrillic names
// render and copy out as text, laid out by a layer that measures every
// block before it places it (layout.go).
package pdf

import (
	"fmt"
	"github.com/rolepack/rolepack/generator/document"
	"strconv"

	"github.com/rolepack/rolepack/generator/pdf/pdfdoc"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
)

const (
	margin   = 18.0 // mm
	lineH    = 5.0  // body line height, mm
	bodySize = 10.0 // pt
)

// doc wraps one PDF document (pdfdoc) with the running header, footer and
// watermark every page carries.
type doc struct {
	f     *pdfdoc.Doc
	v     *view.View
	p     *model.Pack // v.Pack, for the document's own fields
	st    stamp.Stamp
	title string
	// furniture is what every page carries (generator/document).
	furniture document.Furniture
	// banner, when set, draws a block at the top of every page under the
	// running header (an acknowledgement sheet's person and sheet page);
	// pageLabel replaces "Page X of Y" in the footer.
	banner     func()
	bannerH    float64
	pageLabel  func() string
	pageLabels map[int]func() string // by page number
	// pending headings wait for the block they introduce (keep with next).
	pending []pendingHead
}

func newDoc(v *view.View, title string) *doc {
	p, st := v.Pack, v.Stamp
	f := pdfdoc.New(engine(v), paper(p))
	// Fixed dates (below): the same input gives the same bytes.
	f.SetMargins(margin, margin+8, margin)
	f.SetAutoPageBreak(true, margin+10)
	f.AliasNbPages("{nb}")
	t := st.BuildDate.UTC()
	f.SetCreationDate(t)
	f.SetModificationDate(t)
	f.SetTitle(title)
	f.SetSubject(v.Words.Text("document.pdf.subject"))
	f.SetLang(v.Lang)
	f.SetAuthor(p.Organisation.Name)
	f.SetKeywords(v.Words.Text("document.pdf.keywords", "id", p.Document.ID, "version", p.Document.Version) + ", " + st.Token())
	f.SetStamp(st.Token())
	f.SetCreator(st.Tool)
	d := &doc{f: f, v: v, p: p, st: st, title: title, furniture: document.NewFurniture(v, title)}
	f.SetHeaderFunc(d.header)
	f.SetFooterFunc(d.footer)
	f.SetFont(sans, "", bodySize)
	return d
}

// header draws the running header: the title on the left and the
// document id on the right, each shortened with "…" inside its own box so
// they never meet; on an acknowledgement sheet, the sheet's banner under it.
func (d *doc) header() {
	f := d.f
	w, _ := f.GetPageSize()
	f.SetFont(sans, "", 8)
	f.SetTextColor(90, 90, 90)
	d.pair(9, 4, d.furniture.HeaderLeft, d.furniture.HeaderRight)
	f.SetDrawColor(180, 180, 180)
	f.Line(margin, 14, w-margin, 14)
	f.SetTextColor(0, 0, 0)
	f.SetFont(sans, "", bodySize)
	f.SetY(margin + 8)
	// The footer of a page is written when the next page starts, perhaps
	// for the next sheet: each page remembers the label it was begun with.
	if d.pageLabel != nil {
		if d.pageLabels == nil {
			d.pageLabels = map[int]func() string{}
		}
		d.pageLabels[f.PageNo()] = d.pageLabel
	}
	if d.banner != nil {
		d.banner()
	}
}

// pair writes left and right on one line of the width between the
// margins: right keeps at most 45 % of it, left the rest less a gap; each
// is shortened with "…" to fit its part.
func (d *doc) pair(y, h float64, left, right string) {
	f := d.f
	cw := d.pageWidth() - 2*margin
	const gap = 4.0
	rw := min(textWidth(f, right), 0.45*cw)
	right = fit(f, right, rw)
	lw := cw - rw - gap
	if right == "" {
		lw = cw
	}
	f.SetXY(margin, y)
	f.CellFormat(lw, h, fit(f, left, lw), "", 0, "L", false, 0, "")
	if right != "" {
		f.SetXY(margin+cw-rw, y)
		f.CellFormat(rw, h, right, "", 0, "R", false, 0, "")
	}
}

func (d *doc) pageWidth() float64 {
	w, _ := d.f.GetPageSize()
	return w
}

func (d *doc) footer() {
	f := d.f
	w, h := f.GetPageSize()
	// The watermark is drawn in the footer, after the page's content, so
	// filled table cells cannot hide it.
	if mark := d.furniture.Watermark; mark != "" {
		f.SetFont(sans, "B", 80)
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
	fu := d.furniture
	f.SetDrawColor(180, 180, 180)
	f.Line(margin, h-16, w-margin, h-16)
	f.SetFont(sans, "", 7.5)
	f.SetTextColor(70, 70, 70)
	pageNo := document.PageOf(d.v.Words, strconv.Itoa(f.PageNo()), strconv.Itoa(f.PageCount()))
	if label := d.pageLabels[f.PageNo()]; label != nil {
		pageNo = label()
	}
	d.pair(h-15, 3.6, fu.FooterLeft, pageNo)
	d.pair(h-11.4, 3.6, fu.Stamp, fu.Uncontrolled)
	f.SetTextColor(0, 0, 0)
}

func (d *doc) bytes() ([]byte, error) {
	data, err := d.f.Bytes()
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return data, nil
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
