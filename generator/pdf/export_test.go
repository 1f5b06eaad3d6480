package pdf

import (
	"runtime"
	"sync/atomic"

	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
)

// Work is what laying out a text cost: the rune widths the layout looked
// up (its unit of work, see measure.go) and the heap allocations made.
type Work struct{ Widths, Allocs uint64 }

// Count runs fn and returns the work done meanwhile. Tests that call it
// must not run in parallel with other layouts.
func Count(fn func()) Work {
	measured = new(atomic.Int64)
	defer func() { measured = nil }()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return Work{Widths: uint64(measured.Load()), Allocs: after.Mallocs - before.Mallocs}
}

// LayOut sets text, in a document of its own, in every way the documents
// set a value: as Markdown (a purpose or scope), as a paragraph, a label's
// value, a table cell, the name in a narrow chart box, a line with no room
// at all and a running header shortened with "…". The Markdown is parsed
// and converted to the document model before the work is counted: that is
// goldmark's and the model's, not the layout's. It returns the work and
// the document's pages, or the document's error.
func LayOut(text string) (Work, int, error) {
	v := &view.View{Pack: &model.Pack{}, Words: messages.Builtin(messages.Reference)}
	d := newDoc(v, "Layout")
	d.f.AddPage()
	blocks := document.Markdown(model.Markdown{Source: text})
	work := Count(func() {
		d.blocks(blocks, 0, false)
		d.para(text)
		d.label("Name", text)
		d.table([]column{{"Activity"}, {"Roles"}}, [][]string{{text, "Responsible"}})
		d.f.SetFont(sans, "B", chartNameSize)
		wrap(d.f, text, chartMinBox-2*chartPad)
		wrap(d.f, text, -5)
		d.f.SetFont(sans, "", 8)
		fit(d.f, text, 60)
	})
	return work, d.f.PageNo(), d.f.Error()
}

// Wrap breaks text as a table cell of width mm does (wrap, at the table's
// size), and as a paragraph of body text (measureRuns): both lines.
func Wrap(text string, width float64) (cell, para []string) {
	d := newDoc(&view.View{Pack: &model.Pack{}, Words: messages.Builtin(messages.Reference)}, "Wrap")
	d.f.SetFont(sans, "", tableSize)
	cell = wrap(d.f, text, width)
	b := d.measureRuns([]run{{text: text, family: sans, size: bodySize}}, width)
	for _, line := range b.rich {
		s := ""
		for _, p := range line {
			s += p.text
		}
		para = append(para, s)
	}
	return cell, para
}

// TableCells measures a table of the given columns as the document does
// on a width of total mm, and returns each column's width and each cell
// (the header first) wrapped into its lines.
func TableCells(cols []document.Column, rows [][]string, total float64) ([]float64, [][][]string) {
	d := newDoc(&view.View{Pack: &model.Pack{}, Words: messages.Builtin(messages.Reference)}, "Table")
	typed := make([]typedColumn, len(cols))
	head := make([]string, len(cols))
	for i, c := range cols {
		typed[i], head[i] = typedColumn{title: c.Title, kind: c.Kind}, c.Title
	}
	widths := tableWidths(d.f, typed, rows, total)
	var cells [][][]string
	for r, row := range append([][]string{head}, rows...) {
		style := ""
		if r == 0 {
			style = "B"
		}
		d.f.SetFont(sans, style, tableSize)
		var out [][]string
		for i, text := range row {
			out = append(out, wrapText(d.f, text, widths[i]-2*cellPad))
		}
		cells = append(cells, out)
	}
	return widths, cells
}
