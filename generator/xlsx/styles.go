package xlsx

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
)

// Colours. Fills are light enough to print in black and white; the letter
// itself is always in the cell, so colour is never the only signal.
const (
	navy      = "1F3864"
	gridLine  = "BFBFBF"
	softGrey  = "F2F2F2"
	greyText  = "595959"
	redFill   = "FFC7CE"
	redText   = "9C0006"
	amberFill = "FFEB9C"
	amberText = "7F6000"
	greenFill = "C6EFCE"
	greenText = "006100"
)

// letterColour is a RACI letter's fill and text colour from view.Palette,
// the one palette of every output, written as excelize takes it ("D9F0DC").
func letterColour(letter string) (fill, text string) {
	c := view.Palette[letter]
	return hexColour(c.Fill), hexColour(c.Text)
}

// hexColour turns "#d9f0dc" into "D9F0DC".
func hexColour(c string) string { return strings.ToUpper(strings.TrimPrefix(c, "#")) }

// textFormat is the built-in "@" number format: what is typed into such a
// cell stays text, so an edit cannot turn a value into a formula.
const textFormat = 49

// styles holds the cell style ids (and conditional-format ids) of a book.
type styles struct {
	title, caption, note            int
	header, headerRotated, subhead  int
	text, field, date, number, wide int
	grid, check, plain              int
	held, required, gapCount        int
	letter                          map[string]int // static legend cells
	wraps                           map[int]bool   // styles that wrap text: true for bold ones

	// conditional formats
	cfLetter            map[string]int
	cfBad, cfWarn, cfOK int
	cfGap, cfLeaverRow  int
	cfInfo              int
}

// gridBorder is the thin grey border of every table's cells.
var gridBorder = []excelize.Border{
	{Type: "left", Color: gridLine, Style: 1}, {Type: "right", Color: gridLine, Style: 1},
	{Type: "top", Color: gridLine, Style: 1}, {Type: "bottom", Color: gridLine, Style: 1},
}

// font is a Calibri font: every style names its font and size, or
// LibreOffice falls back to its own default for it.
func font(bold, italic bool, size float64, color string) *excelize.Font {
	return &excelize.Font{Family: "Calibri", Size: size, Bold: bold, Italic: italic, Color: color}
}

func newStyles(f *excelize.File) (styles, error) {
	var (
		s   styles
		err error
	)
	border := gridBorder
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	add := func(dst *int, st *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(st)
		}
	}
	addCF := func(dst *int, bg, fg string, bold bool) {
		if err == nil {
			*dst, err = f.NewConditionalStyle(&excelize.Style{
				Fill: fill(bg), Font: &excelize.Font{Color: fg, Bold: bold},
			})
		}
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	centre := &excelize.Alignment{Horizontal: "center", Vertical: "center"}
	isoDate := "yyyy-mm-dd"

	add(&s.title, &excelize.Style{Font: font(true, false, 16, navy)})
	add(&s.caption, &excelize.Style{Font: font(true, false, 12, navy)})
	add(&s.note, &excelize.Style{Font: font(false, true, 11, greyText), NumFmt: textFormat,
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	add(&s.header, &excelize.Style{
		Font: font(true, false, 11, "FFFFFF"), Fill: fill(navy), Border: border,
		Alignment: &excelize.Alignment{Vertical: "bottom", WrapText: true}, NumFmt: textFormat,
	})
	add(&s.headerRotated, &excelize.Style{
		Font: font(true, false, 11, "FFFFFF"), Fill: fill(navy), Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", TextRotation: 90, WrapText: true},
		NumFmt:    textFormat,
	})
	add(&s.subhead, &excelize.Style{
		Font: font(true, false, 8, "FFFFFF"), Fill: fill("2F5597"), Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "bottom"},
	})
	add(&s.text, &excelize.Style{Border: border, Alignment: top, NumFmt: textFormat})
	add(&s.wide, &excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top"}, NumFmt: textFormat})
	add(&s.field, &excelize.Style{Border: border, Alignment: top, NumFmt: textFormat,
		Font: font(true, false, 11, "000000"), Fill: fill(softGrey)})
	add(&s.date, &excelize.Style{Border: border, CustomNumFmt: &isoDate,
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}})
	add(&s.number, &excelize.Style{Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	add(&s.grid, &excelize.Style{Border: border, Alignment: centre, NumFmt: textFormat, Font: font(true, false, 11, "000000")})
	// plain is a row's style under a grid whose columns are styled: its
	// empty cells drawn without the grid's borders.
	add(&s.plain, &excelize.Style{Font: font(false, false, 11, "000000")})
	add(&s.check, &excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	add(&s.held, &excelize.Style{Border: border, Alignment: centre})
	add(&s.required, &excelize.Style{Border: border, Alignment: centre, Fill: fill(softGrey),
		Font: font(false, true, 11, greyText)})
	add(&s.gapCount, &excelize.Style{Border: border, Alignment: centre, Font: font(true, false, 11, "000000")})

	s.wraps = map[int]bool{s.header: true, s.text: false, s.field: true, s.check: false, s.note: false}
	s.letter, s.cfLetter = map[string]int{}, map[string]int{}
	for _, l := range model.Letters {
		bg, fg := letterColour(l)
		var id, cf int
		add(&id, &excelize.Style{Border: border, Alignment: centre, Fill: fill(bg),
			Font: font(true, false, 11, fg), NumFmt: textFormat})
		addCF(&cf, bg, fg, true)
		s.letter[l], s.cfLetter[l] = id, cf
	}
	addCF(&s.cfBad, redFill, redText, true)
	addCF(&s.cfWarn, amberFill, amberText, false)
	addCF(&s.cfOK, greenFill, greenText, false)
	addCF(&s.cfGap, redFill, redText, true)
	addCF(&s.cfLeaverRow, redFill, redText, false)
	addCF(&s.cfInfo, "E7E6E6", "404040", false)
	return s, err
}
