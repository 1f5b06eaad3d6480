package pdf

import (
	"runtime"
	"sync/atomic"

	"github.com/rolepack/rolepack/generator/document"
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
	v := &view.View{Pack: &model.Pack{}}
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
