package pdf

import (
	"fmt"

	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/letters"
	"github.com/rolepack/rolepack/generator/view"
)

// Letter typesets an appointment letter: its text (the letter's template
// filled in, Markdown), then the signature blocks of the organisation's
// signer and of the addressee, each kept on one page with the signer's
// name. The running header carries the letter's title, the footer the
// version stamp, as on every PDF of the pack.
func Letter(v *view.View, l letters.Letter, body string) ([]byte, error) {
	if v == nil || v.Pack == nil {
		return nil, fmt.Errorf("pdf: no pack")
	}
	m := document.NewLetter(v, l, body)
	d := newDoc(v, m.Running)
	d.f.AddPage()
	d.f.Bookmark(m.Title, 0, -1)
	if m.Notice != "" {
		d.notice(m.Notice)
	}
	d.blocks(m.Body, 0, true)
	d.f.Ln(4)
	d.signBlocks(m.Signers)
	if err := d.f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return d.bytes()
}

// letterTitle sets a letter's first-level heading as its title, kept with
// what follows it.
func (d *doc) letterTitle(text string) {
	f := d.f
	const size = 15.0
	f.SetFont(sans, "B", size)
	lines := wrapText(f, text, d.contentWidth())
	d.keepWithNext(2+float64(len(lines))*7+2, func() {
		f.Ln(2)
		f.SetTextColor(20, 50, 95)
		d.drawLines(lineBlock{lines: lines, style: "B", size: size, lh: 7}, 0, len(lines), margin)
		f.SetTextColor(0, 0, 0)
		f.Ln(2)
		f.SetFont(sans, "", bodySize)
	})
}

// signBlocks draws two signature blocks side by side, each a heading, an
// optional capacity line, and its lines: the first, the name, written in,
// then signature and date; both are placed together on one page, so each
// signer's name is on the page they sign.
func (d *doc) signBlocks(signers [2]document.Signer) {
	f := d.f
	const gap, labelW = 10.0, 20.0
	colW := (d.contentWidth() - gap) / 2
	type col struct {
		head, capacity, name []string
	}
	measure := func(s document.Signer) col {
		var c col
		f.SetFont(sans, "B", headingMin)
		c.head = wrapText(f, s.Role, colW)
		f.SetFont(sans, "", bodySize)
		if s.Capacity != "" {
			c.capacity = wrapText(f, s.Capacity, colW)
		}
		name := ""
		if len(s.Lines) > 0 {
			name = s.Lines[0].Value
		}
		c.name = wrapText(f, name, colW-labelW)
		return c
	}
	cols := []col{measure(signers[0]), measure(signers[1])}
	top := 0.0 // the height of the headings and capacity lines
	names := 1
	for _, c := range cols {
		top = max(top, float64(len(c.head))*6+float64(len(c.capacity))*lineH)
		names = max(names, len(c.name))
	}
	type line struct {
		label string
		h     float64
	}
	var lines []line
	for i, l := range signers[0].Lines {
		h := 7.0
		if i == 0 {
			h += float64(names-1) * lineH
		}
		lines = append(lines, line{l.Label, h})
	}
	height := top
	for _, l := range lines {
		height += 4 + l.h + 1
	}
	d.place(height)
	y0 := f.GetY()
	for i, c := range cols {
		x := margin + float64(i)*(colW+gap)
		y := y0
		f.SetTextColor(0, 0, 0)
		for _, line := range c.head {
			f.SetFont(sans, "B", headingMin)
			f.SetXY(x, y)
			f.CellFormat(colW, 6, line, "", 0, "L", false, 0, "")
			y += 6
		}
		f.SetFont(sans, "", bodySize)
		for _, line := range c.capacity {
			f.SetXY(x, y)
			f.CellFormat(colW, lineH, line, "", 0, "L", false, 0, "")
			y += lineH
		}
		y = y0 + top
		for k, l := range lines {
			y += 4
			f.SetFont(sans, "", bodySize)
			f.SetXY(x, y+l.h-7)
			f.CellFormat(labelW, 7, l.label, "", 0, "L", false, 0, "")
			if k == 0 {
				// A name shorter than the other column's ends on its
				// line too: the lines above it stay empty.
				for j, nl := range c.name {
					f.SetXY(x+labelW, y+float64(names-len(c.name)+j)*lineH)
					f.CellFormat(colW-labelW, 7, nl, "", 0, "L", false, 0, "")
				}
			}
			f.SetDrawColor(60, 60, 60)
			f.Line(x+labelW, y+l.h, x+colW, y+l.h)
			y += l.h + 1
		}
	}
	f.SetXY(margin, y0+height)
}
