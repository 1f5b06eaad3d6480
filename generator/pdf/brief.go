package pdf

import (
	"fmt"
	"strconv"

	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/view"
)

// Brief typesets one person's brief alone (their people/<id>/brief.pdf):
// the same pages as their sheet in the combined acknowledgement sheets.
func Brief(v *view.View, pv *view.Person) ([]byte, error) {
	if v == nil || v.Pack == nil {
		return nil, fmt.Errorf("pdf: no pack")
	}
	d := newDoc(v, v.Words.Text("document.pdf.brief_title", "title", v.Pack.Document.Title))
	d.pageLabel = func() string { return document.SheetPageOf(v.Words, strconv.Itoa(d.f.PageNo()), "{nb}") }
	d.brief(document.BriefOf(v, pv))
	if err := d.f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return d.bytes()
}

// brief typesets a person's sheet (document.Sheet). It starts a page;
// every page of it carries the sheet's banner: the person's name and the
// document's id and version.
func (d *doc) brief(s *document.Sheet) {
	f := d.f
	d.sheetBanner(s.Banner)
	f.AddPage()
	f.Bookmark(s.Signer.Role, 0, -1)
	d.styled(s.Title, "B", 15, 8)
	f.Ln(1)
	if s.Notice != "" {
		d.notice(s.Notice)
	}
	for _, bl := range s.Body {
		switch x := bl.(type) {
		case *document.Fields:
			for _, fl := range x.Fields {
				d.label(fl.Label, fl.Value)
			}
			f.Ln(2)
		case *document.Heading:
			if x.Level <= 3 {
				d.subhead(x.Text)
			} else {
				d.lead(x.Text)
			}
		case *document.List:
			if items, ok := plainItems(x); ok {
				d.bullets(items)
			} else {
				d.blocks([]document.Block{x}, 0, false)
			}
		case *document.Paragraph:
			if x.Style == document.Indented {
				d.flow(d.measure(document.RunsText(x.Runs), "", bodySize, lineH, 5))
				f.Ln(1)
			} else {
				d.blocks([]document.Block{x}, 0, false)
			}
		case *document.Table:
			d.modelTable(x, 0)
		}
	}
	// The statement and the lines to sign stay together.
	statement := d.measure(s.Statement, "", bodySize, lineH, 0)
	lines := 0.0
	for _, l := range s.Signer.Lines {
		lines += d.signLineHeight(l.Value)
	}
	d.place(4 + float64(len(statement.lines))*lineH + 1 + lines)
	f.Ln(4)
	d.flow(statement)
	f.Ln(1)
	for _, l := range s.Signer.Lines {
		d.signLine(l.Label, l.Value)
	}
}

// lead is a bold line of body size introducing a list, kept with it.
func (d *doc) lead(text string) {
	f := d.f
	b := d.measure(text, "B", bodySize, lineH, 0)
	d.keepWithNext(float64(len(b.lines))*lineH, func() {
		l, _, _, _ := f.GetMargins()
		d.drawLines(b, 0, len(b.lines), l)
		f.SetFont(sans, "", bodySize)
	})
}
