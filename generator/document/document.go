// Package document is what the controlled document says, once: the
// sections, their sentences, tables and lists, built from the view as a
// tree of typed blocks. The PDF and Word writers typeset it and decide
// nothing of their own, so the two cannot state different things (the
// pattern of pandoc: one document tree, many writers).
//
// Every sentence and label of the document lives in this package. A
// writer chooses fonts, page sizes and how a block is drawn — a table's
// column widths, a grid's rotated headers — never what a block says.
package document

import (
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
)

// Document is the controlled Roles, Responsibilities and Authorities
// document.
type Document struct {
	// Title is the document's title, for the metadata and the running
	// header.
	Title string
	Cover Cover
	// Contents titles the table of contents, which lists the headings of
	// levels 1 and 2.
	Contents string
	Body     []Block
}

// Cover is the first page: who, what, and the document control block.
type Cover struct {
	Organisation string
	Title        string
	Subtitle     string
	ControlTitle string
	// Notice says, on a translation, which version and language it
	// translates and that the authoritative text prevails (see
	// TranslationNotice); "" on the authoritative text. Writers print it
	// near the document control block.
	Notice  string
	Control []Field
}

// Field is a labelled value: "Owner: Information Security Manager".
type Field struct{ Label, Value string }

// Block is one element of the body, in reading order: *Heading,
// *PageBreak, *Paragraph, *List, *Fields, *Table, *Grid, *Chart or
// *Signatures.
type Block interface{ block() }

// Heading starts a part of the document. Levels 1 (a numbered section)
// and 2 (a role) are listed in the contents and the PDF outline; level 3
// titles a part within them.
type Heading struct {
	Level int
	Text  string
}

// PageBreak starts a new page; a landscape one for the wide parts (the
// chart, the RACI grid), which writers without page orientation may treat
// as a plain break. The body after a portrait break is portrait again.
type PageBreak struct{ Landscape bool }

// Style is how a paragraph stands apart from body text.
type Style int

const (
	Body Style = iota
	// Meta is a line about what follows (a role's category and reporting
	// line): smaller, in italics.
	Meta
	// Notice is a short line to notice (a role changed in this version):
	// smaller, in bold.
	Notice
	// Indented is body text set in from the margin, under the heading
	// that leads into it (a brief's activities of one RACI letter).
	Indented
)

// Paragraph is text in runs of one style each.
type Paragraph struct {
	Style Style
	Runs  []Run
}

// Run is a piece of text in one style. Link, when set, is where the text
// leads (an http(s) or mailto address; links to the site's own pages are
// dropped, they mean nothing on paper). Image, when set, is a picture the
// text shows in its place, Text being its description.
type Run struct {
	Text         string
	Bold, Italic bool
	Code         bool
	Link         string
	Image        *model.Image
}

// List is a bulleted or numbered list. An item holds blocks: a paragraph,
// and perhaps a nested list.
type List struct {
	Ordered bool
	Start   int // the first number of an ordered list
	Items   [][]Block
}

// Fields is a run of labelled lines.
type Fields struct{ Fields []Field }

// Kind is what a table column holds, which decides how a writer may break
// its text: a name or free text wraps at spaces; a date, an id, a
// reference, a number or a letter is never broken inside a token, so its
// column is at least as wide as its longest token.
type Kind int

const (
	Text Kind = iota
	Name
	Date
	Token // an id, a reference, a clause number, evidence
	Number
	RACILetter
)

// Column is a table column: its header and what it holds.
type Column struct {
	Title string
	Kind  Kind
}

// Table is a table with a header row; every row has a cell per column. A
// cell's line breaks are its own (one line per entry).
type Table struct {
	Columns []Column
	Rows    [][]string
}

// Grid is the RACI matrix drawn as a grid: one column per role, one row
// per activity under its process. Cells hold the folded letters, coloured
// by the view's palette.
type Grid struct {
	ActivityTitle, ClauseTitle string
	// Roles are the column headers, the roles' full names. A writer that
	// cannot show them turned in the column's width numbers the columns
	// and prints RoleKey(…) above the grid.
	Roles  []string
	Groups []GridGroup
}

// GridGroup is one process's rows.
type GridGroup struct {
	Process string
	Rows    []GridRow
}

// GridRow is one activity.
type GridRow struct {
	Activity, Clause string
	Cells            []Cell // one per role
}

// Cell is a coloured grid cell; Text is "" for an empty cell, which has no
// colour.
type Cell struct {
	Text         string
	Fill, Colour string // "#rrggbb"
}

// Legend is the RACI letters with their meanings, in their colours.
type Legend struct {
	// Title leads into the legend where a writer prints it as a line of
	// text ("Legend:").
	Title   string
	Letters []Cell
	Names   []string
}

// Chart is the reporting-line chart. A writer lays it out for its page
// (view.Chart.Layout) and labels it with ChartIntro, ChartTitle and
// ContinuedNote; a box says the role's Name and its HolderSummary.
type Chart struct {
	Chart *view.Chart
}

// Signatures is a page's signature blocks: for each signer, their role,
// then lines to fill in, the first carrying their printed name.
type Signatures struct {
	Signers []Signer
}

// Signer is one signature block.
type Signer struct {
	Role     string
	Capacity string  // in what capacity they sign, when said (a letter's signer's job title)
	Lines    []Field // "Name" with the name, then "Signature" and "Date" empty
}

func (*Heading) block()    {}
func (*PageBreak) block()  {}
func (*Paragraph) block()  {}
func (*List) block()       {}
func (*Fields) block()     {}
func (*Table) block()      {}
func (*Grid) block()       {}
func (*Legend) block()     {}
func (*Chart) block()      {}
func (*Signatures) block() {}

// Plain is a paragraph of one plain run.
func Plain(text string) *Paragraph { return &Paragraph{Runs: []Run{{Text: text}}} }

// Furniture is what every page of a document carries: the running header
// and footer, and the watermark of a draft or superseded version.
type Furniture struct {
	HeaderLeft, HeaderRight string // the title; the document id and version
	FooterLeft              string // version, status and classification
	Stamp                   string // the version stamp
	Uncontrolled            string
	Watermark               string // "DRAFT", "SUPERSEDED" or ""
}

// NewFurniture is the furniture of a document of the pack titled title
// (the controlled document's own title, or a brief's or letter's).
func NewFurniture(v *view.View, title string) Furniture {
	d, w := v.Pack.Document, v.Words
	f := Furniture{
		HeaderLeft:   title,
		HeaderRight:  w.Text("document.furniture.header_right", "id", d.ID, "version", d.Version),
		FooterLeft:   w.Text("document.furniture.footer_left", "version", d.Version, "status", StatusWord(v), "classification", d.Classification),
		Stamp:        w.Text("document.furniture.stamp", "stamp", v.Stamp.String()),
		Uncontrolled: w.Text("common.uncontrolled"),
	}
	switch d.Status {
	case model.StatusDraft:
		f.Watermark = w.Text("document.draft")
	case model.StatusSuperseded:
		f.Watermark = w.Text("document.status.superseded")
	}
	return f
}

// PageOf is "Page n of m", for a writer that numbers its pages with
// placeholders or fields of its own: n and m as given.
func PageOf(w *messages.Catalogue, n, m string) string {
	return w.Text("common.page_of", "n", n, "total", m)
}

// SheetPageOf is "Sheet page n of m", counted within one person's sheet.
func SheetPageOf(w *messages.Catalogue, n, m string) string {
	return w.Text("common.sheet_page_of", "n", n, "total", m)
}
