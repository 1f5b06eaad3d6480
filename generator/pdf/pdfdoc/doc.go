// Package pdfdoc writes PDF files: pages of text, lines, boxes and
// pictures, with links, bookmarks and document information. Text is
// shaped by an Engine (go-text/typesetting: bidirectional text, fallback
// from face to face, HarfBuzz shaping) and each face is embedded as a
// subset of the glyphs the file uses, with a ToUnicode map for every glyph
// and ActualText where a run's glyphs are not its characters one to one,
// so that text copies out in logical order.
//
// The drawing interface follows the one the writer was first built on
// (go-pdf/fpdf): millimetres from the top left, a current position, a
// current font and colours, cells that hold one line of text. Page
// footers are drawn when the document is finished, when the number of
// pages is known.
//
// Page content is kept as operators with each text run's glyph ids, so
// that glyph ids are renumbered for the subsets only when the file is
// written; structure (marked content for Tagged PDF) can be added around
// the same runs.
package pdfdoc

import (
	"errors"
	"fmt"
	"image"
	"math"
	"strings"
	"time"

	"github.com/rolepack/rolepack/generator/fonts"
)

// k is points per millimetre.
const k = 72 / 25.4

// Size is a page size in millimetres.
type Size struct{ W, H float64 }

// The paper sizes the documents use.
var (
	A4     = Size{210, 297}
	Letter = Size{215.9, 279.4}
)

// Doc is one PDF document being drawn.
type Doc struct {
	e *Engine

	pages []*page
	cur   *page
	// closing is set while the footers are drawn, at the end.
	closing bool
	inHead  bool

	x, y             float64
	lMargin, tMargin float64
	rMargin, bMargin float64
	autoBreak        bool
	lastH            float64
	def              Size // the size of the first page

	family, style string
	size          float64 // points
	text          [3]int
	draw, fill    [3]int

	header, footer func()
	aliasNb        string

	links    []linkTarget
	outlines []outline
	images   map[string]*imageObj
	imgOrder []string
	alphas   []float64

	info         map[string]string
	lang         string // the catalog's /Lang, or ""
	created, mod time.Time

	err error
}

type page struct {
	size    Size
	content content
	annots  []annot
	alphas  map[int]bool
	images  map[string]bool
}

type linkTarget struct {
	page int
	y    float64
}

type annot struct {
	x, y, w, h float64 // mm
	link       int     // internal link id, or
	uri        string
}

type outline struct {
	title string
	level int
	page  int
	y     float64
}

type imageObj struct {
	img  image.Image
	w, h int
	n    int // order of registration
}

// New starts a document on the engine's fonts, with pages of size.
func New(e *Engine, size Size) *Doc {
	return &Doc{
		e:         e,
		def:       size,
		lMargin:   10,
		tMargin:   10,
		rMargin:   10,
		bMargin:   20,
		autoBreak: true,
		family:    "sans",
		size:      10,
		images:    map[string]*imageObj{},
		info:      map[string]string{},
	}
}

// Engine is the document's text engine.
func (d *Doc) Engine() *Engine { return d.e }

// Error is the first error the document met, nil if none.
func (d *Doc) Error() error { return d.err }

// Err reports whether the document met an error.
func (d *Doc) Err() bool { return d.err != nil }

// Ok reports whether the document has met no error.
func (d *Doc) Ok() bool { return d.err == nil }

// SetError records err as the document's error, the first one kept.
func (d *Doc) SetError(err error) {
	if d.err == nil {
		d.err = err
	}
}

// SetHeaderFunc sets what is drawn at the top of each page when it starts.
func (d *Doc) SetHeaderFunc(f func()) { d.header = f }

// SetFooterFunc sets what is drawn at the foot of each page; footers are
// drawn when the document is finished, PageNo and PageCount then
// answering for the page being finished.
func (d *Doc) SetFooterFunc(f func()) { d.footer = f }

// AliasNbPages makes alias, in a footer's text, stand for the number of pages.
func (d *Doc) AliasNbPages(alias string) { d.aliasNb = alias }

// SetMargins sets the left, top and right margins.
func (d *Doc) SetMargins(l, t, r float64) { d.lMargin, d.tMargin, d.rMargin = l, t, r }

// SetLeftMargin sets the left margin, moving x to it if it was left of it.
func (d *Doc) SetLeftMargin(l float64) {
	d.lMargin = l
	if d.cur != nil && d.x < l {
		d.x = l
	}
}

// GetMargins returns the left, top, right and bottom margins.
func (d *Doc) GetMargins() (l, t, r, b float64) { return d.lMargin, d.tMargin, d.rMargin, d.bMargin }

// SetAutoPageBreak sets whether a cell that would cross the bottom margin
// starts a new page, and the bottom margin.
func (d *Doc) SetAutoPageBreak(auto bool, margin float64) { d.autoBreak, d.bMargin = auto, margin }

// GetAutoPageBreak returns the page-break setting and the bottom margin.
func (d *Doc) GetAutoPageBreak() (bool, float64) { return d.autoBreak, d.bMargin }

// SetTitle and the following set the document information.
func (d *Doc) SetTitle(s string)    { d.info["Title"] = s }
func (d *Doc) SetSubject(s string)  { d.info["Subject"] = s }
func (d *Doc) SetAuthor(s string)   { d.info["Author"] = s }
func (d *Doc) SetKeywords(s string) { d.info["Keywords"] = s }

// SetStamp records rolepack's stamp token (stamp.Stamp.Token, ASCII) in
// the document information as it is, so that verify finds its bytes
// whatever language the keywords, which hold it too, are written in.
func (d *Doc) SetStamp(token string) { d.info["RolepackStamp"] = token }
func (d *Doc) SetCreator(s string)   { d.info["Creator"] = s }

// SetLang sets the document's natural language, a BCP 47 tag ("de",
// "zh-Hans"), which the catalog records as /Lang for screen readers and
// text extraction; "" records none.
func (d *Doc) SetLang(tag string) { d.lang = tag }

// SetCreationDate and SetModificationDate fix the dates the file records.
func (d *Doc) SetCreationDate(t time.Time)     { d.created = t }
func (d *Doc) SetModificationDate(t time.Time) { d.mod = t }

// AddPage starts a page of the document's size, upright.
func (d *Doc) AddPage() { d.AddPageSize(d.def) }

// continuePage starts a page of the size and orientation of the current
// one: text that runs over a landscape page goes on in landscape.
func (d *Doc) continuePage() {
	size := d.def
	if d.cur != nil {
		size = d.cur.size
	}
	d.AddPageSize(size)
}

// AddPageSize starts a page of size.
func (d *Doc) AddPageSize(size Size) {
	if d.err != nil {
		return
	}
	if len(d.pages) >= maxPages {
		d.SetError(fmt.Errorf("more than %d pages", maxPages))
		return
	}
	p := &page{size: size, alphas: map[int]bool{}, images: map[string]bool{}}
	d.pages = append(d.pages, p)
	d.cur = p
	d.x, d.y = d.lMargin, d.tMargin
	if d.header != nil {
		family, style, size := d.family, d.style, d.size
		text, draw, fill := d.text, d.draw, d.fill
		d.inHead = true
		d.header()
		d.inHead = false
		d.family, d.style, d.size = family, style, size
		d.text, d.draw, d.fill = text, draw, fill
	}
}

// maxPages bounds a document: the layout cannot loop adding pages forever.
const maxPages = 20000

// PageNo is the number of the current page, from 1.
func (d *Doc) PageNo() int {
	for i, p := range d.pages {
		if p == d.cur {
			return i + 1
		}
	}
	return 0
}

// PageCount is the number of pages.
func (d *Doc) PageCount() int { return len(d.pages) }

// GetPageSize is the width and height of the current page.
func (d *Doc) GetPageSize() (w, h float64) {
	if d.cur == nil {
		return d.def.W, d.def.H
	}
	return d.cur.size.W, d.cur.size.H
}

// SetFont selects a family ("sans" or "mono"), a style ("", "B", "I")
// and a size in points.
func (d *Doc) SetFont(family, style string, size float64) {
	d.family, d.style = family, style
	if size > 0 {
		d.size = size
	}
}

// SetFontSize changes the size, in points.
func (d *Doc) SetFontSize(size float64) { d.size = size }

// GetFontSize returns the size in points and in millimetres.
func (d *Doc) GetFontSize() (pt, mm float64) { return d.size, d.size / k }

// fontStyle is the face style of the current font.
func (d *Doc) fontStyle() fonts.Style {
	switch {
	case d.family == "mono":
		return fonts.Mono
	case strings.Contains(d.style, "B"):
		return fonts.Bold
	case strings.Contains(d.style, "I"):
		return fonts.Italic
	}
	return fonts.Regular
}

// Style is the face style of the current font.
func (d *Doc) Style() fonts.Style { return d.fontStyle() }

// GetStringWidth is the width of s in the current font, in mm.
func (d *Doc) GetStringWidth(s string) float64 {
	return d.e.Width(s, d.fontStyle()) * d.size / 1000 / k
}

// SetTextColor, SetDrawColor and SetFillColor set colours, 0–255.
func (d *Doc) SetTextColor(r, g, b int) { d.text = [3]int{r, g, b} }
func (d *Doc) SetDrawColor(r, g, b int) { d.draw = [3]int{r, g, b} }
func (d *Doc) SetFillColor(r, g, b int) { d.fill = [3]int{r, g, b} }

// GetX, GetY, SetX, SetY and SetXY read and move the current position.
func (d *Doc) GetX() float64 { return d.x }
func (d *Doc) GetY() float64 { return d.y }
func (d *Doc) SetX(x float64) {
	if x < 0 {
		x += d.pageW()
	}
	d.x = x
}

// SetY moves to y and back to the left margin.
func (d *Doc) SetY(y float64) {
	d.x = d.lMargin
	if y < 0 {
		y += d.pageH()
	}
	d.y = y
}

func (d *Doc) SetXY(x, y float64) {
	d.SetY(y)
	d.SetX(x)
}

// Ln moves to the left margin, h mm down.
func (d *Doc) Ln(h float64) {
	d.x = d.lMargin
	if h < 0 {
		h = d.lastH
	}
	d.y += h
}

func (d *Doc) pageW() float64 { w, _ := d.GetPageSize(); return w }
func (d *Doc) pageH() float64 { _, h := d.GetPageSize(); return h }

// ok reports whether there is a page to draw on.
func (d *Doc) ok() bool {
	if d.err != nil {
		return false
	}
	if d.cur == nil {
		d.SetError(errors.New("pdfdoc: drawing before the first page"))
		return false
	}
	return true
}

// Line draws a line in the draw colour.
func (d *Doc) Line(x1, y1, x2, y2 float64) {
	if !d.ok() {
		return
	}
	c := &d.cur.content
	c.color(d.draw, true)
	c.opf("%.2f %.2f m %.2f %.2f l S\n", x1*k, (d.pageH()-y1)*k, x2*k, (d.pageH()-y2)*k)
}

// paint sets the colours a path drawn in style needs ("D" outlined, "F"
// filled, "FD" both) and returns the operator that paints it.
func (d *Doc) paint(c *content, style string) string {
	op := "S"
	switch style {
	case "F":
		op = "f"
	case "FD", "DF":
		op = "B"
	}
	if op != "S" {
		c.color(d.fill, false)
	}
	if op != "f" {
		c.color(d.draw, true)
	}
	return op
}

// Rect draws a rectangle: style "D" outlined, "F" filled, "FD" both.
func (d *Doc) Rect(x, y, w, h float64, style string) {
	if !d.ok() {
		return
	}
	c := &d.cur.content
	op := d.paint(c, style)
	c.opf("%.2f %.2f %.2f %.2f re %s\n", x*k, (d.pageH()-y)*k, w*k, -h*k, op)
}

// RoundedRect draws a rectangle with corners of radius r.
func (d *Doc) RoundedRect(x, y, w, h, r float64, style string) {
	if !d.ok() {
		return
	}
	r = max(0, min(r, w/2, h/2))
	c := &d.cur.content
	op := d.paint(c, style)
	H := d.pageH()
	const kappa = 0.5523
	pt := func(px, py float64) (float64, float64) { return px * k, (H - py) * k }
	mx, my := pt(x+r, y)
	c.opf("%.2f %.2f m ", mx, my)
	arc := func(x0, y0, x1, y1, x2, y2, x3, y3 float64) {
		a, b := pt(x1, y1)
		e, f := pt(x2, y2)
		g, h := pt(x3, y3)
		c.opf("%.2f %.2f %.2f %.2f %.2f %.2f c ", a, b, e, f, g, h)
	}
	lx, ly := pt(x+w-r, y)
	c.opf("%.2f %.2f l ", lx, ly)
	arc(x+w-r, y, x+w-r+r*kappa, y, x+w, y+r-r*kappa, x+w, y+r)
	lx, ly = pt(x+w, y+h-r)
	c.opf("%.2f %.2f l ", lx, ly)
	arc(x+w, y+h-r, x+w, y+h-r+r*kappa, x+w-r+r*kappa, y+h, x+w-r, y+h)
	lx, ly = pt(x+r, y+h)
	c.opf("%.2f %.2f l ", lx, ly)
	arc(x+r, y+h, x+r-r*kappa, y+h, x, y+h-r+r*kappa, x, y+h-r)
	lx, ly = pt(x, y+r)
	c.opf("%.2f %.2f l ", lx, ly)
	arc(x, y+r, x, y+r-r*kappa, x+r-r*kappa, y, x+r, y)
	c.opf("h %s\n", op)
}

// TransformBegin saves the graphics state; TransformEnd restores it.
func (d *Doc) TransformBegin() {
	if d.ok() {
		d.cur.content.op("q\n")
	}
}

func (d *Doc) TransformEnd() {
	if d.ok() {
		d.cur.content.op("Q\n")
	}
}

// TransformRotate rotates what follows by angle degrees anticlockwise
// around (x, y).
func (d *Doc) TransformRotate(angle, x, y float64) {
	if !d.ok() {
		return
	}
	a := angle * math.Pi / 180
	cx, cy := x*k, (d.pageH()-y)*k
	cos, sin := math.Cos(a), math.Sin(a)
	d.cur.content.opf("%.5f %.5f %.5f %.5f %.2f %.2f cm\n", cos, sin, -sin, cos, cx-cx*cos+cy*sin, cy-cx*sin-cy*cos)
}

// SetAlpha sets the opacity of what is drawn next (0 transparent – 1).
func (d *Doc) SetAlpha(alpha float64, _ string) {
	if !d.ok() {
		return
	}
	n := -1
	for i, a := range d.alphas {
		if a == alpha {
			n = i
		}
	}
	if n < 0 {
		n = len(d.alphas)
		d.alphas = append(d.alphas, alpha)
	}
	d.cur.alphas[n] = true
	d.cur.content.opf("/GS%d gs\n", n)
}

// Text writes s with its baseline at (x, y).
func (d *Doc) Text(x, y float64, s string) {
	if !d.ok() {
		return
	}
	d.drawText(x, y, s)
}

// drawText shapes s in the current font and writes it from x on the
// baseline y, in the text colour.
func (d *Doc) drawText(x, y float64, s string) {
	if d.closing && d.aliasNb != "" {
		s = strings.ReplaceAll(s, d.aliasNb, fmt.Sprint(len(d.pages)))
	}
	if s == "" {
		return
	}
	line := d.e.Shape(s, d.fontStyle())
	d.cur.content.text(line, x*k, (d.pageH()-y)*k, d.size, d.text)
}

// CellFormat writes txt in a cell of w×h mm at the current position: the
// cell filled and bordered as asked ("1" or any of "LTRB"), the text
// aligned "L", "C" or "R" and centred vertically, an internal link or a
// URL over it; then the position moves right of the cell (ln 0), to the
// start of the next line (1) or below the cell (2). A cell that would
// cross the bottom margin starts a page first.
func (d *Doc) CellFormat(w, h float64, txt, border string, ln int, align string, fill bool, link int, linkStr string) {
	if !d.ok() {
		return
	}
	// The layout measures what fits with 0.01 mm to spare for rounding:
	// a cell that reaches the margin by less does not break the page.
	if d.autoBreak && !d.inHead && !d.closing && d.y+h > d.pageH()-d.bMargin+0.01 {
		x := d.x
		d.continuePage()
		if !d.ok() {
			return
		}
		d.x = x
	}
	if w == 0 {
		w = d.pageW() - d.rMargin - d.x
	}
	x, y := d.x, d.y
	if fill {
		st := "F"
		if border == "1" {
			st = "FD"
		}
		d.Rect(x, y, w, h, st)
	} else if border == "1" {
		d.Rect(x, y, w, h, "D")
	}
	if border != "1" && border != "" && border != "0" {
		if strings.Contains(border, "L") {
			d.Line(x, y, x, y+h)
		}
		if strings.Contains(border, "T") {
			d.Line(x, y, x+w, y)
		}
		if strings.Contains(border, "R") {
			d.Line(x+w, y, x+w, y+h)
		}
		if strings.Contains(border, "B") {
			d.Line(x, y+h, x+w, y+h)
		}
	}
	if txt != "" {
		tw := d.GetStringWidth(txt)
		dx := 0.0
		switch align {
		case "R":
			dx = w - tw
		case "C":
			dx = (w - tw) / 2
		}
		d.drawText(x+dx, y+0.5*h+0.3*d.size/k, txt)
	}
	if link != 0 || linkStr != "" {
		d.cur.annots = append(d.cur.annots, annot{x: x, y: y, w: w, h: h, link: link, uri: linkStr})
	}
	d.lastH = h
	switch ln {
	case 1:
		d.x = d.lMargin
		d.y += h
	case 2:
		d.y += h
	default:
		d.x += w
	}
}

// AddLink makes an internal link target, placed with SetLink.
func (d *Doc) AddLink() int {
	d.links = append(d.links, linkTarget{})
	return len(d.links)
}

// SetLink places link at y mm on page (-1: the current page).
func (d *Doc) SetLink(link int, y float64, page int) {
	if link < 1 || link > len(d.links) {
		return
	}
	if page < 0 {
		page = d.PageNo()
	}
	if y < 0 {
		y = d.y
	}
	d.links[link-1] = linkTarget{page: page, y: y}
}

// LinkString makes the area w×h mm at (x, y) a link to url.
func (d *Doc) LinkString(x, y, w, h float64, url string) {
	if d.ok() {
		d.cur.annots = append(d.cur.annots, annot{x: x, y: y, w: w, h: h, uri: url})
	}
}

// Bookmark adds an outline entry at level for the current page, at y mm
// (-1: the current position).
func (d *Doc) Bookmark(title string, level int, y float64) {
	if !d.ok() {
		return
	}
	if y < 0 {
		y = d.y
	}
	d.outlines = append(d.outlines, outline{title: title, level: level, page: d.PageNo(), y: y})
}

// RegisterImage adds a picture under name, once.
func (d *Doc) RegisterImage(name string, img image.Image) {
	if _, ok := d.images[name]; ok {
		return
	}
	b := img.Bounds()
	if b.Dx() <= 0 || b.Dy() <= 0 {
		d.SetError(fmt.Errorf("image %q is empty", name))
		return
	}
	d.images[name] = &imageObj{img: img, w: b.Dx(), h: b.Dy(), n: len(d.imgOrder)}
	d.imgOrder = append(d.imgOrder, name)
}

// HasImage reports whether name is registered.
func (d *Doc) HasImage(name string) bool { _, ok := d.images[name]; return ok }

// Image draws the registered picture name in the box w×h mm at (x, y).
func (d *Doc) Image(name string, x, y, w, h float64) {
	if !d.ok() {
		return
	}
	im, ok := d.images[name]
	if !ok {
		d.SetError(fmt.Errorf("image %q is not registered", name))
		return
	}
	d.cur.images[name] = true
	d.cur.content.opf("q %.2f 0 0 %.2f %.2f %.2f cm /I%d Do Q\n", w*k, h*k, x*k, (d.pageH()-y-h)*k, im.n)
}
