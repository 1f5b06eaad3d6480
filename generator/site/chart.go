package site

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/view"
)

// The chart page draws the view's chart layout (view.Chart.Layout) twice,
// for two column widths: a layout unit is one box and the gap
// beside it, and the column's width in units is what makes Layout cut a
// wide tree into parts. The stylesheet shows the drawing made for the
// screen (or the page, in print) and scales it down to the column, never
// beyond it. The drawings are pictures for the eye (hidden from screen
// readers and the keyboard); the list of links under them carries the
// same tree for everyone.
const (
	chartBoxWidth   = 170 // px
	chartGapX       = 16  // px between boxes side by side
	chartUnit       = chartBoxWidth + chartGapX
	chartGapY       = 40 // px between levels, where the lines run
	chartLineRunes  = 21 // characters of a role name on one line of a box (13 px text)
	chartLineHeight = 16 // px
	chartPad        = 8  // px above and below the text of a box
)

// chartWidths are the drawings of the chart page: the CSS class that shows
// each, and the units and levels it is laid out in. Wide fits the 72em
// column (about 1,110 px); medium (744 px) is shown, scaled down a little
// where it must, on a tablet (600 to 980 px) and on an A4 or Letter page
// (about 680 px). A phone's column (300 to 600 px) holds two boxes side by
// side, too few for a drawing to help, so it shows the list of roles by
// reporting line only.
var chartWidths = []struct {
	Class  string
	Units  float64
	Levels int
}{
	{"chart-wide", 6, 4},
	{"chart-medium", 4, 3},
}

// chartPage is the chart page's item: the drawings, and the whole tree for
// the list of links under them.
type chartPage struct {
	Drawings []chartDrawing
	Roots    []*view.ChartNode
}

// chartDrawing is the chart laid out for one column width.
type chartDrawing struct {
	Class string
	Parts []chartPart
}

// chartPart is one part of the layout: a drawing, or (List) a nested list.
type chartPart struct {
	ID    string // the part's element id, unique on the page
	Index int
	Under *view.Role // nil for the first part
	List  []*chartItem
	Boxes []chartBox
	Edges []chartEdge
	// Continues are the boxes whose reports a later part draws.
	Continues []chartBox
	Width     float64
	Height    float64
}

// chartBox is one role's box, in px, with its full name in lines.
type chartBox struct {
	Role       *view.Role
	X, Y, W, H float64
	CX         float64 // the centre, where the text is anchored
	Lines      []chartLine
	Holders    chartLine
	Continued  string // the id of the part drawing its reports, "" when none
	More       chartLine
}

type chartLine struct {
	Text string
	Y    float64
}

// chartEdge is a line from a box down to a box reporting to it, with its
// elbow half-way between the levels.
type chartEdge struct{ X1, Y1, X2, Y2, Mid float64 }

// chartItem is a role in a part shown as a nested list.
type chartItem struct {
	Role      *view.Role
	Continued string // the id of the part drawing its reports, "" when none
	Children  []*chartItem
}

func newChartPage(c view.Chart, words *messages.Catalogue) *chartPage {
	page := &chartPage{Roots: c.Roots}
	for _, w := range chartWidths {
		d := chartDrawing{Class: w.Class}
		for i, part := range c.Layout(w.Units, w.Levels) {
			d.Parts = append(d.Parts, drawPart(w.Class, i, part, words))
		}
		page.Drawings = append(page.Drawings, d)
	}
	return page
}

// partID is the element id of part index of a drawing.
func partID(class string, index int) string { return fmt.Sprintf("%s-%d", class, index) }

func drawPart(class string, index int, part view.ChartPart, words *messages.Catalogue) chartPart {
	out := chartPart{ID: partID(class, index), Index: index, Under: part.Under}
	if part.List {
		out.List = nestBoxes(class, part.Boxes)
		return out
	}
	// Each box's text: its name in lines, the holder count, and a note
	// when its reports continue in a later part. A level is as tall as
	// its tallest box, so the boxes of a level line up.
	lines := make([][]string, len(part.Boxes))
	levelLines := make([]int, part.Levels)
	for i, b := range part.Boxes {
		lines[i] = wrapName(b.Role.Name, chartLineRunes)
		n := len(lines[i]) + 1
		if b.Continued != 0 {
			n++
		}
		levelLines[b.Level] = max(levelLines[b.Level], n)
	}
	levelTop := make([]float64, part.Levels)
	levelHeight := make([]float64, part.Levels)
	y := 1.0 // room for the stroke
	for l, n := range levelLines {
		levelTop[l] = y
		levelHeight[l] = float64(2*chartPad + n*chartLineHeight)
		y += levelHeight[l] + chartGapY
	}
	out.Height = y - chartGapY + 1
	out.Width = part.Width * chartUnit
	for i, b := range part.Boxes {
		cx := b.X * chartUnit
		top := levelTop[b.Level]
		box := chartBox{Role: b.Role, X: cx - chartBoxWidth/2, Y: top, W: chartBoxWidth, H: levelHeight[b.Level], CX: cx}
		if b.Continued != 0 {
			box.Continued = partID(class, b.Continued)
		}
		ty := top + chartPad + chartLineHeight - 4 // text baseline of the first line
		for _, l := range lines[i] {
			box.Lines = append(box.Lines, chartLine{Text: l, Y: ty})
			ty += chartLineHeight
		}
		box.Holders = chartLine{Text: holderCount(words, b.Role), Y: ty}
		if box.Continued != "" {
			box.More = chartLine{Text: words.Text("site.chart.continues"), Y: ty + chartLineHeight}
		}
		out.Boxes = append(out.Boxes, box)
		if box.Continued != "" {
			out.Continues = append(out.Continues, box)
		}
	}
	for _, e := range part.Edges {
		from, to := out.Boxes[e.From], out.Boxes[e.To]
		y1 := from.Y + from.H
		out.Edges = append(out.Edges, chartEdge{X1: from.CX, Y1: y1, X2: to.CX, Y2: to.Y, Mid: y1 + chartGapY/2})
	}
	return out
}

// nestBoxes turns a list part's boxes (tree order, Level as the depth)
// into nested items.
func nestBoxes(class string, boxes []view.ChartBox) []*chartItem {
	var roots []*chartItem
	var stack []*chartItem // stack[l] is the latest item at level l
	for _, b := range boxes {
		it := &chartItem{Role: b.Role}
		if b.Continued != 0 {
			it.Continued = partID(class, b.Continued)
		}
		level := min(b.Level, len(stack))
		stack = append(stack[:level], it)
		if level == 0 {
			roots = append(roots, it)
		} else {
			parent := stack[level-1]
			parent.Children = append(parent.Children, it)
		}
	}
	return roots
}

// wrapName breaks a name into lines of at most width columns, at spaces
// where it can and inside a word longer than a line. A wide character (a
// Chinese or Japanese ideograph, kana, a Hangul syllable) takes two
// columns, as it is about twice as wide as a Latin letter; a name written
// without spaces, as Japanese and Chinese are, is broken between any two
// of its characters. Every line but the last keeps the space it was broken
// at, so the lines joined give the name back (with runs of spaces as one)
// for copying and screen readers.
func wrapName(name string, width int) []string {
	var lines []string
	var cur []rune
	for _, word := range strings.Fields(name) {
		w := []rune(word)
		if len(cur) > 0 && runesWidth(cur)+1+runesWidth(w) <= width {
			cur = append(append(cur, ' '), w...)
			continue
		}
		if len(cur) > 0 {
			lines = append(lines, string(cur)+" ")
		}
		for runesWidth(w) > width {
			n, cols := 0, 0
			for n < len(w) && cols+runeWidth(w[n]) <= width {
				cols += runeWidth(w[n])
				n++
			}
			n = max(n, 1)
			lines = append(lines, string(w[:n]))
			w = w[n:]
		}
		cur = w
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

// runeWidth is the columns r takes: two for the wide characters of East
// Asian scripts, one for the others.
func runeWidth(r rune) int {
	if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo) ||
		r >= 0x3000 && r <= 0x303F || r >= 0xFF01 && r <= 0xFF60 {
		return 2
	}
	return 1
}

func runesWidth(rs []rune) int {
	n := 0
	for _, r := range rs {
		n += runeWidth(r)
	}
	return n
}

// chartListData and chartTreeData pass the page along with a level of
// the nested lists to the recursive templates.
type chartListData struct {
	D     *pageData
	Part  *chartPart
	Items []*chartItem
}

type chartTreeData struct {
	D     *pageData
	Nodes []*view.ChartNode
}

func chartList(d *pageData, part *chartPart, items []*chartItem) chartListData {
	return chartListData{d, part, items}
}

func chartTree(d *pageData, nodes []*view.ChartNode) chartTreeData {
	return chartTreeData{d, nodes}
}
