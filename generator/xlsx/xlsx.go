// Package xlsx renders the pack as the Excel workbook an auditor filters,
// sorts and prints, and an ISMS manager edits in a meeting: document
// control, role register, RACI grid, competence matrix, training plan,
// Management Review Team and audit readiness.
//
// The workbook formats a view.View: which people, roles, letters, levels and
// findings it shows, in which order and with which colours, is the view's,
// so the workbook says what the PDF and the site say.
//
// Every sheet is written through excelize's StreamWriter so that a large
// organisation's workbook is built in bounded memory. The StreamWriter
// serialises a sheet's settings when it flushes, so everything that belongs
// to a sheet (validations, conditional formats, filters, print set-up) is set
// before Flush; settings added afterwards are silently dropped.
package xlsx

import (
	"archive/zip"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
)

// The sheets, in workbook order, by their English names. These identify a
// sheet in the code and the tests; the workbook names each sheet in its
// language (SheetName).
const (
	SheetDocument   = "Document control"
	SheetRegister   = "Role register"
	SheetRACI       = "RACI"
	SheetCompetence = "Competence matrix"
	SheetTraining   = "Training plan"
	SheetReview     = "Review team"
	SheetAudit      = "Audit readiness"
)

// Sheets lists the sheets' English names in workbook order.
var Sheets = []string{SheetDocument, SheetRegister, SheetRACI, SheetCompetence, SheetTraining, SheetReview, SheetAudit}

// SheetName is the name the workbook gives sheet (one of Sheets) in the
// language of c. A name a pack's catalogue makes unusable in Excel (too
// long, a forbidden character) is mended (ValidSheetName); a sheet not in
// Sheets keeps its name.
func SheetName(c *messages.Catalogue, sheet string) string {
	var name string
	switch sheet {
	case SheetDocument:
		name = c.Text("workbook.sheet.document")
	case SheetRegister:
		name = c.Text("workbook.sheet.register")
	case SheetRACI:
		name = c.Text("workbook.sheet.raci")
	case SheetCompetence:
		name = c.Text("workbook.sheet.competence")
	case SheetTraining:
		name = c.Text("workbook.sheet.training")
	case SheetReview:
		name = c.Text("workbook.sheet.review")
	case SheetAudit:
		name = c.Text("workbook.sheet.audit")
	default:
		return sheet
	}
	if name = ValidSheetName(name); name == "" {
		return sheet
	}
	return name
}

// SheetNames is the names of the sheets in the language of c, in workbook
// order. Two sheets a pack's catalogue names alike (Excel ignores case)
// keep their English names.
func SheetNames(c *messages.Catalogue) []string {
	names := make([]string, len(Sheets))
	seen := map[string]int{}
	for i, s := range Sheets {
		names[i] = SheetName(c, s)
		seen[strings.ToLower(names[i])]++
	}
	for i, s := range Sheets {
		if seen[strings.ToLower(names[i])] > 1 {
			names[i] = s
		}
	}
	return names
}

// MaxSheetName is the most characters Excel allows in a sheet's name.
const MaxSheetName = 31

// ValidSheetName mends a sheet name for Excel: the characters it forbids
// (: \ / ? * [ ]) become "-", an apostrophe at either end is dropped, and
// a name longer than MaxSheetName characters is cut. It returns "" for a
// name with nothing left.
func ValidSheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) || r < ' ' {
			return '-'
		}
		return r
	}, name)
	name = strings.TrimSpace(strings.Trim(name, "'"))
	if r := []rune(name); utf16Len(name) > MaxSheetName {
		for utf16Len(string(r)) > MaxSheetName {
			r = r[:len(r)-1]
		}
		name = strings.TrimSpace(strings.TrimRight(string(r), "'"))
	}
	return name
}

// Workbook renders the view of a pack as the bytes of an .xlsx file. The
// same view (pack, stamp and report) always gives the same bytes.
func Workbook(v *view.View) ([]byte, error) {
	if v == nil || v.Pack == nil {
		return nil, errors.New("xlsx: no pack to render")
	}
	if err := fits(v); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	b, err := newBook(v)
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	defer b.f.Close()

	steps := []struct {
		sheet string
		write func() error
	}{
		{SheetDocument, b.documentSheet},
		{SheetRegister, b.registerSheet},
		{SheetRACI, b.raciSheet},
		{SheetCompetence, b.competenceSheet},
		{SheetTraining, b.trainingSheet},
		{SheetReview, b.reviewSheet},
		{SheetAudit, b.auditSheet},
	}
	for _, s := range steps {
		if err := s.write(); err != nil {
			return nil, fmt.Errorf("xlsx: sheet %q: %w", s.sheet, err)
		}
	}
	if err := b.properties(); err != nil {
		return nil, fmt.Errorf("xlsx: document properties: %w", err)
	}
	var buf bytes.Buffer
	if _, err := b.f.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("xlsx: writing workbook: %w", err)
	}
	out, err := canonicalZip(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("xlsx: ordering the workbook's parts: %w", err)
	}
	return out, nil
}

// canonicalZip rewrites a zip archive with its entries in a fixed order.
// excelize writes the parts of streamed sheets in map order, which varies
// from run to run; the entries themselves (zero timestamps) do not. The
// compressed data is copied as it is.
func canonicalZip(data []byte) ([]byte, error) {
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	files := slices.Clone(r.File)
	rank := func(name string) int {
		switch name {
		case "[Content_Types].xml":
			return 0
		case "_rels/.rels":
			return 1
		}
		return 2
	}
	slices.SortFunc(files, func(a, b *zip.File) int {
		if c := cmp.Compare(rank(a.Name), rank(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	var out bytes.Buffer
	out.Grow(len(data))
	w := zip.NewWriter(&out)
	for _, f := range files {
		if err := w.Copy(f); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// fits reports a view too large for a worksheet's rows and columns.
func fits(v *view.View) error {
	switch roles, comps := len(v.RACI.Roles), len(v.Competence.Competences); {
	case raciFirstRole-1+roles > excelize.MaxColumns:
		return fmt.Errorf("%d roles do not fit in the RACI sheet: a sheet has at most %d columns",
			roles, excelize.MaxColumns)
	case compFirst-1+2*comps > excelize.MaxColumns:
		return fmt.Errorf("%d competences do not fit in the competence matrix: a sheet has at most %d columns (two per competence)",
			comps, excelize.MaxColumns)
	case len(v.RACI.Rows)+1 > excelize.TotalRows:
		return fmt.Errorf("%d activities do not fit in the RACI sheet: a sheet has at most %d rows", len(v.RACI.Rows), excelize.TotalRows)
	case len(v.Competence.Rows)+2 > excelize.TotalRows:
		return fmt.Errorf("%d people do not fit in the competence matrix: a sheet has at most %d rows", len(v.Competence.Rows), excelize.TotalRows)
	}
	return nil
}

// book is one workbook being written.
type book struct {
	f     *excelize.File
	v     *view.View
	p     *model.Pack         // v.Pack, for the document's own fields
	w     *messages.Catalogue // v.Words: the workbook's fixed words
	names map[string]string   // each sheet's name in the workbook, by its English name
	st    stamp.Stamp
	style styles
	paper int // excelize paper size code
}

func newBook(v *view.View) (*book, error) {
	f := excelize.NewFile()
	p := v.Pack
	w := v.Words
	if w == nil {
		w = messages.Builtin(p.Language)
	}
	b := &book{f: f, v: v, p: p, w: w, names: map[string]string{}, st: v.Stamp, paper: 9} // 9 is A4
	if strings.EqualFold(p.Document.Paper, "letter") {
		b.paper = 1
	}
	names := SheetNames(w)
	for i, s := range Sheets {
		b.names[s] = names[i]
	}
	// Create every sheet up front so that sheet indexes (used by
	// sheet-scoped defined names) are final before any is written.
	if err := f.SetSheetName("Sheet1", names[0]); err != nil {
		f.Close()
		return nil, err
	}
	for _, name := range names[1:] {
		if _, err := f.NewSheet(name); err != nil {
			f.Close()
			return nil, err
		}
	}
	f.SetActiveSheet(0)
	var err error
	if b.style, err = newStyles(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("styles: %w", err)
	}
	return b, nil
}

// properties sets the document properties from the pack and the stamp. The
// dates are the build date, never the clock, so a rebuild is identical.
func (b *book) properties() error {
	d := b.p.Document
	when := b.st.BuildDate.UTC().Format(time.RFC3339)
	if err := b.f.SetDocProps(&excelize.DocProperties{
		Title:          d.Title,
		Subject:        b.w.Text("workbook.property.subject"),
		Creator:        b.p.Organisation.Name,
		Identifier:     d.ID,
		Version:        d.Version,
		ContentStatus:  b.documentStatus(d.Status),
		Category:       d.Classification,
		Keywords:       b.w.Text("workbook.property.keywords"),
		Description:    b.w.Text("workbook.property.description", "stamp", b.st.String()),
		Language:       b.w.Lang(),
		LastModifiedBy: b.st.Tool,
		Created:        when,
		Modified:       when,
	}); err != nil {
		return err
	}
	// The stamp, for "rolepack verify" (docs/json.md lists the names, the
	// same as in the Word document).
	for _, prop := range []excelize.CustomProperty{
		{Name: "rolepack.content_hash", Value: b.st.ContentHash},
		{Name: "rolepack.version", Value: b.st.Version},
		{Name: "rolepack.stamp", Value: b.st.String()},
		{Name: "rolepack.tool", Value: b.st.Tool},
		// The language of the fixed words, sheet names included: what
		// rolepack import-workbook finds the sheets by. A workbook without
		// it is English.
		{Name: LanguageProperty, Value: b.w.Lang()},
	} {
		if err := b.f.SetCustomProps(prop); err != nil {
			return err
		}
	}
	// The cached results of the formulas are written too, but a
	// spreadsheet should trust its own arithmetic over ours.
	full := true
	return b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full})
}

// LanguageProperty is the custom document property that records the
// language of the workbook's fixed words.
const LanguageProperty = "rolepack.language"

// layout is how a sheet is set up before its rows are written.
type layout struct {
	landscape  bool
	widths     []float64 // column widths from column A
	colStyles  []int     // styles of empty cells by column from A; 0 for none
	freezeCols int       // columns kept in view when scrolling right
	freezeRows int       // rows kept in view when scrolling down
	// pagesWide is how many pages wide the printout may be; 0 means one.
	pagesWide int
}

// sheet writes the rows of one worksheet in order. The first error is kept
// and every later call does nothing, so a sheet's code reads top to bottom.
type sheet struct {
	b      *book
	id     string // the sheet's English name, one of Sheets
	name   string // its name in the workbook
	sw     *excelize.StreamWriter
	widths []float64 // column widths, to size rows of wrapped text
	row    int       // the last row written
	err    error
}

// open starts writing the sheet id (one of Sheets) laid out as l.
// Settings the StreamWriter writes before the first row (sheet properties,
// panes, columns) are made here.
func (b *book) open(id string, l layout) *sheet {
	name := b.names[id]
	s := &sheet{b: b, id: id, name: name, widths: l.widths}
	fit := true
	if s.err = b.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); s.err != nil {
		return s
	}
	orientation := "portrait"
	if l.landscape {
		orientation = "landscape"
	}
	wide := max(l.pagesWide, 1) // the height is set by close, when the rows are known
	if s.err = b.f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: &b.paper, Orientation: &orientation, FitToWidth: &wide,
	}); s.err != nil {
		return s
	}
	margin, edge := 0.5, 0.3
	if s.err = b.f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{
		Left: &margin, Right: &margin, Top: &margin, Bottom: &margin, Header: &edge, Footer: &edge,
	}); s.err != nil {
		return s
	}
	if s.err = b.f.SetHeaderFooter(name, b.headerFooter(id)); s.err != nil {
		return s
	}
	if s.sw, s.err = b.f.NewStreamWriter(name); s.err != nil {
		return s
	}
	if l.freezeCols > 0 || l.freezeRows > 0 {
		topLeft, _ := excelize.CoordinatesToCellName(l.freezeCols+1, l.freezeRows+1)
		pane := "bottomRight"
		switch {
		case l.freezeCols == 0:
			pane = "bottomLeft"
		case l.freezeRows == 0:
			pane = "topRight"
		}
		s.err = s.sw.SetPanes(&excelize.Panes{
			Freeze: true, XSplit: l.freezeCols, YSplit: l.freezeRows,
			TopLeftCell: topLeft, ActivePane: pane,
			Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: pane}},
		})
	}
	s.setColumns(l.widths, l.colStyles)
	return s
}

// setColumns sets column widths and styles in runs of equal columns. The
// runs are set from the right: excelize puts the columns of each call
// first, and Excel wants them in ascending order. Runs also keep the work
// small for a thousand columns, which excelize handles one by one.
func (s *sheet) setColumns(widths []float64, colStyles []int) {
	type run struct {
		from, to int // 1-based columns
		width    float64
		style    int
	}
	var runs []run
	for i, w := range widths {
		st := 0
		if i < len(colStyles) {
			st = colStyles[i]
		}
		if n := len(runs); n > 0 && runs[n-1].width == w && runs[n-1].style == st {
			runs[n-1].to = i + 1
			continue
		}
		runs = append(runs, run{from: i + 1, to: i + 1, width: w, style: st})
	}
	for i := len(runs) - 1; i >= 0 && s.err == nil; i-- {
		r := runs[i]
		if r.style != 0 {
			s.err = s.sw.SetColStyle(r.from, r.to, r.style)
		}
		if s.err == nil && r.width > 0 {
			s.err = s.sw.SetColWidth(r.from, r.to, r.width)
		}
	}
}

// write writes the next row; nil values leave a cell empty.
func (s *sheet) write(values ...any) { s.writeOpts(excelize.RowOpts{}, values...) }

// writeOpts writes the next row with row options (height, style).
func (s *sheet) writeOpts(opts excelize.RowOpts, values ...any) {
	if s.err != nil {
		return
	}
	s.row++
	if opts.Height == 0 {
		opts.Height = s.rowHeight(values)
	}
	cell, _ := excelize.CoordinatesToCellName(1, s.row)
	s.err = s.sw.SetRow(cell, values, opts)
}

// lineHeight is the height in points of a line of 11-point text, as
// Excel spaces wrapped lines (LibreOffice needs less).
const lineHeight = 15

// maxRowHeight is the most points a row can have (Excel's limit).
const maxRowHeight = 409

// rowHeight is the height a row needs for its wrapped text, or 0 for the
// default height: the most lines any of its cells wraps onto at its
// column's width (wrappedLines), in the cell's style's weight, each as
// tall as its script sets it (lineHeightOf). Neither
// Excel nor LibreOffice reliably sizes rows of a generated file when it
// opens it, so the rows are sized here.
func (s *sheet) rowHeight(values []any) float64 {
	height, taller := 0.0, false
	for i, v := range values {
		c, ok := v.(excelize.Cell)
		if !ok || i >= len(s.widths) {
			continue
		}
		text, ok := c.Value.(string)
		if !ok || text == "" {
			continue
		}
		lines, lh := 1, lineHeightOf(text)
		if bold, wraps := s.b.style.wraps[c.StyleID]; wraps {
			lines = wrappedLines(text, s.widths[i], bold, 11)
		}
		height = max(height, float64(lines)*lh)
		taller = taller || lines > 1 || lh > lineHeight
	}
	if !taller {
		return 0
	}
	return min(height, maxRowHeight)
}

// fit widens the columns of widths (from column A) so that no word of a
// label of that column is broken: each list of labels is one row of
// headers, and a column is at least as wide as the longest word of its
// labels, plus a margin. A German header such as "Überprüfungsintervall"
// keeps whole; Chinese and Japanese break between any two characters.
func fit(widths []float64, rows ...[]string) []float64 {
	out := slices.Clone(widths)
	for _, labels := range rows {
		for i, l := range labels {
			if i >= len(out) {
				break
			}
			word := 0
			for _, w := range strings.Fields(l) {
				for _, p := range breakable(w) {
					word = max(word, textWidth(p))
				}
			}
			out[i] = max(out[i], float64(word)+1)
		}
	}
	return out
}

// breakable cuts a word where a line may break inside it: before and after
// each wide character. A word without one is itself.
func breakable(word string) []string {
	var out []string
	start := 0
	for i, r := range word {
		if wide(r) {
			if start < i {
				out = append(out, word[start:i])
			}
			out = append(out, string(r))
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(word) {
		out = append(out, word[start:])
	}
	return out
}

// textWidth is the width of s in narrow characters: a wide character
// counts two.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if wide(r) {
			n++
		}
	}
	return n
}

// wide reports a character a spreadsheet draws about twice as wide as a
// Latin letter: the East Asian wide and full-width characters (CJK
// ideographs, kana, Hangul, their punctuation and full-width forms).
func wide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0x303E, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33FF, // kana, CJK symbols
		r >= 0x3400 && r <= 0x4DBF, // CJK extension A
		r >= 0x4E00 && r <= 0x9FFF, // CJK ideographs
		r >= 0xA000 && r <= 0xA4CF, // Yi
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x20000 && r <= 0x3FFFD: // CJK extensions B and beyond
		return true
	}
	return false
}

// skip leaves n empty rows.
func (s *sheet) skip(n int) { s.row += n }

// merge merges columns from..to (1-based) of the last row written.
func (s *sheet) merge(from, to int) {
	if s.err != nil || to <= from {
		return
	}
	a, _ := excelize.CoordinatesToCellName(from, s.row)
	z, _ := excelize.CoordinatesToCellName(to, s.row)
	s.err = s.sw.MergeCell(a, z)
}

// do runs f unless an error has already happened.
func (s *sheet) do(f func() error) {
	if s.err == nil {
		s.err = f()
	}
}

// table makes rows first..last (header first) of columns 1..cols an Excel
// table, so it sorts and filters. A sheet has at most one.
func (s *sheet) table(name string, first, last, cols int) {
	s.do(func() error {
		return s.sw.AddTable(&excelize.Table{
			Range: rangeRef(1, first, cols, max(last, first+1)), Name: name,
			StyleName: "TableStyleLight1", ShowRowStripes: new(false),
		})
	})
}

// name defines a workbook-wide name for a range of this sheet.
func (s *sheet) defineName(name string, c1, r1, c2, r2 int, comment string) {
	s.do(func() error {
		return s.b.f.SetDefinedName(&excelize.DefinedName{
			Name: name, Comment: comment, RefersTo: sheetRef(s.name) + "!" + absRange(c1, r1, c2, r2),
		})
	})
}

// printTitles repeats rows r1..r2 (and columns 1..cols when cols > 0) on
// every printed page.
func (s *sheet) printTitles(r1, r2, cols int) {
	ref := sheetRef(s.name) + "!$" + itoa(r1) + ":$" + itoa(r2)
	if cols > 0 {
		last, _ := excelize.ColumnNumberToName(cols)
		ref = sheetRef(s.name) + "!$A:$" + last + "," + ref
	}
	s.do(func() error {
		return s.b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: ref, Scope: s.name})
	})
}

// printArea limits printing to columns 1..cols and rows 1..rows: a sheet
// whose empty cells are styled by column would otherwise print blank pages.
func (s *sheet) printArea(cols, rows int) {
	s.do(func() error {
		return s.b.f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Area", RefersTo: sheetRef(s.name) + "!" + absRange(1, 1, cols, rows), Scope: s.name,
		})
	})
}

// close flushes the sheet. Nothing can be added to it afterwards.
//
// The printout is as many pages tall as its rows need, which a sheet
// would say with a fit-to-height of 0; but LibreOffice, given 0 with
// print titles, scales the sheet below what its width needs and prints a
// blank page after it (the example's RACI did). A bound the rows cannot
// reach, one page per row, says the same to Excel and LibreOffice alike
// and constrains nothing; 1000 is the most LibreOffice reads.
func (s *sheet) close() error {
	tall := min(max(s.row, 1), maxPagesTall)
	s.do(func() error {
		return s.b.f.SetPageLayout(s.name, &excelize.PageLayoutOptions{FitToHeight: &tall})
	})
	s.do(s.sw.Flush)
	return s.err
}

// maxPagesTall is the largest fit-to-height LibreOffice reads.
const maxPagesTall = 1000

// headerFooter puts the document id, version and stamp on every printed
// page, with the page number and the control statement. Excel allows 255
// characters for each of the header and the footer, codes included, so long
// source texts are shortened until both fit.
func (b *book) headerFooter(id string) *excelize.HeaderFooterOptions {
	d := b.p.Document
	footLeft := b.w.Text("common.uncontrolled")
	if d.Classification != "" {
		footLeft = d.Classification + " · " + footLeft
	}
	footCentre := ""
	if id == SheetRACI {
		footCentre = b.w.Text("workbook.page.raci_legend")
	}
	// "Page &P of &N": the codes go in after the text's ampersands are
	// doubled.
	page := strings.ReplaceAll(b.w.Text("common.page_of", "n", "\x00", "total", "\x01"), "&", "&&")
	page = strings.NewReplacer("\x00", "&P", "\x01", "&N").Replace(page)
	var hf *excelize.HeaderFooterOptions
	for _, budget := range []int{80, 60, 40, 24, 12} {
		hf = &excelize.HeaderFooterOptions{
			OddHeader: hfSection("&L", clip(b.w.Text("workbook.page.document_version", "id", d.ID, "version", d.Version), budget)) +
				hfSection("&C", clip(d.Title, budget)+" — "+b.names[id]) +
				hfSection("&R", clip(b.st.String(), budget)),
			OddFooter: hfSection("&L", clip(footLeft, budget)) + hfSection("&C", clip(footCentre, 2*budget)) + "&R&8" + page,
		}
		if utf16Len(hf.OddHeader) <= maxHeaderFooter && utf16Len(hf.OddFooter) <= maxHeaderFooter {
			break
		}
	}
	return hf
}

// maxHeaderFooter is the length Excel allows a page header or footer.
const maxHeaderFooter = 255

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// hfSection is one section of a page header or footer, in 8 point. An
// ampersand from the sources is doubled so that it prints as itself instead
// of starting a header code.
func hfSection(code, text string) string {
	if text == "" {
		return ""
	}
	text = strings.ReplaceAll(text, "&", "&&")
	if text[0] >= '0' && text[0] <= '9' {
		text = " " + text // "&8" followed by a digit would change the size
	}
	return code + "&8" + text
}

// clip shortens s to at most n characters, marking the cut. Header and
// footer sections share a 255-character limit.
func clip(s string, n int) string {
	r := []rune(s)
	if utf16Len(s) <= n {
		return s
	}
	if len(r) > n-1 {
		r = r[:n-1]
	}
	return string(r) + "…"
}

// Cell values. Text from the sources always goes through text(), which
// stores it as a string cell in a text-formatted style: a value beginning
// with "=" is shown, never evaluated, even when someone edits the cell.

// text is a text cell; "" gives an empty cell that keeps the borders of
// the table it is in.
func (b *book) text(s string) any { return b.textIn(b.style.text, s) }

// textIn is a text cell in the given (text-formatted) style.
func (b *book) textIn(style int, s string) any {
	if s == "" {
		return excelize.Cell{StyleID: style}
	}
	return excelize.Cell{StyleID: style, Value: s}
}

// date is a date cell shown as YYYY-MM-DD, or an empty cell.
func (b *book) date(d model.Date) any {
	if d.IsZero() {
		return excelize.Cell{StyleID: b.style.date}
	}
	return excelize.Cell{StyleID: b.style.date, Value: d.Time()}
}

// number is a centred number cell.
func (b *book) number(n int) any { return excelize.Cell{StyleID: b.style.number, Value: n} }

// yesNo is "Yes" or "No": filterable, and plain in print.
func (b *book) yesNo(v bool) any {
	if v {
		return b.text(b.w.Text("workbook.common.yes"))
	}
	return b.text(b.w.Text("workbook.common.no"))
}

// statusWord is a person's employment status in words (model.Active,
// model.Leaver); a status rolepack does not know is printed as it is.
func (b *book) statusWord(status string) string {
	switch status {
	case model.Active:
		return b.w.Text("workbook.common.active")
	case model.Leaver:
		return b.w.Text("workbook.common.leaver")
	}
	return status
}

// letterName is the meaning of a RACI letter.
func (b *book) letterName(l string) string {
	switch l {
	case model.Responsible:
		return b.w.Text("workbook.letters.r")
	case model.Accountable:
		return b.w.Text("workbook.letters.a")
	case model.Supporting:
		return b.w.Text("workbook.letters.s")
	case model.Consulted:
		return b.w.Text("workbook.letters.c")
	case model.Informed:
		return b.w.Text("workbook.letters.i")
	}
	return model.LetterNames[l]
}

// headers is a row of header cells.
func (b *book) headers(names ...string) []any {
	row := make([]any, len(names))
	for i, n := range names {
		row[i] = excelize.Cell{StyleID: b.style.header, Value: n}
	}
	return row
}

// caption is a section title within a sheet.
func (b *book) caption(s string) any { return excelize.Cell{StyleID: b.style.caption, Value: s} }

func rangeRef(c1, r1, c2, r2 int) string {
	a, _ := excelize.CoordinatesToCellName(c1, r1)
	z, _ := excelize.CoordinatesToCellName(c2, r2)
	return a + ":" + z
}

func absRange(c1, r1, c2, r2 int) string {
	a, _ := excelize.CoordinatesToCellName(c1, r1, true)
	z, _ := excelize.CoordinatesToCellName(c2, r2, true)
	return a + ":" + z
}

func cellRef(c, r int) string {
	s, _ := excelize.CoordinatesToCellName(c, r)
	return s
}

func colName(c int) string {
	s, _ := excelize.ColumnNumberToName(c)
	return s
}

// sheetRef quotes a sheet name for use in a formula or defined name.
func sheetRef(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

func itoa(i int) string { return fmt.Sprint(i) }

// personName is a person's name, or their id when the pack lacks one.
func personName(p *model.Person, id string) string {
	if p == nil {
		return id
	}
	return p.Name
}
