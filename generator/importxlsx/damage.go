package importxlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrDamaged is returned, wrapped, when a part of the workbook the import
// reads does not parse completely or its cells are not in order. excelize
// is lenient: it reads such a part up to the fault and every cell after it
// as empty, or puts a cell's value in another column, and the import would
// then remove letters from the sources or give them to another role.
var ErrDamaged = errors.New("the workbook looks damaged: nothing was changed")

// Limits on each XML part checked: the parts of a workbook rolepack builds
// for the largest synthetic pack are well within them. Variables only so
// that a test can lower them.
var (
	maxPartBytes    int64 = maxUnzipped / 4 // decompressed; excelize's own in-memory limit here
	maxPartElements       = 1 << 24
)

const maxDepth = 64

// Excel's last column (XFD) and row.
const (
	maxCol = 16384
	maxRow = 1048576
)

// Part names and relationship types, as excelize looks them up.
const (
	rootRels           = "_rels/.rels"
	sharedStringsPart  = "xl/sharedStrings.xml"
	relOfficeDocument  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relOfficeDocumentS = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" // strict
	nsRelationships    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsRelationshipsS   = "http://purl.oclc.org/ooxml/officeDocument/relationships" // strict
)

// damage says where a checked part is damaged and how.
type damage struct {
	where string // `sheet "RACI", cell G3`, or the part
	what  string
}

func (d *damage) Error() string { return d.where + ": " + d.what }

// checkWorkbook reads strictly, to the end, each part the import reads
// through excelize: the sheets named, found as excelize finds them, and the
// shared strings. It returns a *damage for the first fault, or another
// error when data is not a zip archive at all. A sheet the workbook does
// not have is left for the import to report.
func checkWorkbook(data []byte, sheets ...string) error {
	zr, err := newZip(data)
	if err != nil {
		return err
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		name := partName(f.Name)
		if _, dup := parts[name]; dup {
			return &damage{"part " + quote(name), "the archive holds it twice"}
		}
		parts[name] = f
	}
	strs, err := countSharedStrings(parts[sharedStringsPart])
	if err != nil {
		return err
	}
	paths, err := sheetParts(parts, sheets)
	if err != nil {
		return err
	}
	for _, sheet := range sheets {
		if p, ok := paths[sheet]; ok {
			if err := checkSheet(parts[p], sheet, strs); err != nil {
				return err
			}
		}
	}
	return nil
}

func newZip(data []byte) (*zip.Reader, error) {
	return zip.NewReader(bytes.NewReader(data), int64(len(data)))
}

// partName is the name excelize files an archive entry under.
func partName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	switch strings.ToLower(name) {
	case "[content_types].xml":
		return "[Content_Types].xml"
	case "xl/sharedstrings.xml":
		return sharedStringsPart
	}
	return name
}

// sheetParts finds the part of each named sheet through the package
// relationships, workbook.xml and the workbook's relationships, the way
// excelize does; a name or relationship that could lead to two parts is
// damage, since which one excelize reads is then a matter of chance.
func sheetParts(parts map[string]*zip.File, sheets []string) (map[string]string, error) {
	out := map[string]string{}
	wb, listed, err := listSheets(parts)
	if err != nil || wb == "" {
		return out, err
	}
	relsPath := strings.TrimPrefix(path.Dir(wb)+"/_rels/"+path.Base(wb)+".rels", "/")
	if path.Dir(wb) == "." {
		relsPath = "_rels/" + path.Base(wb) + ".rels"
	}
	var rels []rel
	if f := parts[relsPath]; f != nil {
		if rels, err = readRels(f); err != nil {
			return nil, err
		}
	}
	for _, name := range sheets {
		var match []listedSheet
		for _, s := range listed {
			if strings.EqualFold(s.name, name) {
				match = append(match, s)
			}
		}
		if len(match) > 1 {
			return nil, &damage{"part " + quote(wb), fmt.Sprintf("it lists %d sheets named %s", len(match), quote(name))}
		}
		if len(match) == 0 {
			continue
		}
		var targets []string
		for _, r := range rels {
			if r.id == match[0].id {
				targets = append(targets, worksheetPath(wb, r.target))
			}
		}
		if len(targets) > 1 {
			return nil, &damage{"part " + quote(relsPath), fmt.Sprintf("sheet %s has %d relationships", quote(name), len(targets))}
		}
		if len(targets) == 1 && parts[targets[0]] != nil {
			out[name] = targets[0]
		}
	}
	return out, nil
}

// worksheetPath resolves a relationship target against the workbook part,
// as excelize does.
func worksheetPath(wb, target string) string {
	p := path.Clean(path.Dir(wb) + "/" + target)
	if strings.HasPrefix(target, "/") {
		p = path.Clean(target)
	}
	return strings.TrimPrefix(strings.ReplaceAll(p, `\`, "/"), "/")
}

type rel struct{ id, typ, target string }

// readRels reads a relationships part; like excelize, the last of
// repeated attributes counts.
func readRels(f *zip.File) ([]rel, error) {
	var out []rel
	err := walk(f, "part "+quote(partName(f.Name)), func(tok xml.Token, depth int) error {
		if s, ok := tok.(xml.StartElement); ok && depth == 2 && s.Name.Local == "Relationship" {
			var r rel
			for _, a := range s.Attr {
				switch a.Name.Local {
				case "Id":
					r.id = a.Value
				case "Type":
					r.typ = a.Value
				case "Target":
					r.target = a.Value
				}
			}
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

// countSharedStrings checks the shared strings part and counts its
// strings; a workbook without one has none.
func countSharedStrings(f *zip.File) (int, error) {
	if f == nil {
		return 0, nil
	}
	where := "the shared strings (" + sharedStringsPart + ")"
	n := 0
	err := walk(f, where, func(tok xml.Token, depth int) error {
		if e, ok := tok.(xml.EndElement); ok && depth == 2 && e.Name.Local == "si" {
			n++
		}
		s, ok := tok.(xml.StartElement)
		switch {
		case !ok:
		case depth == 1:
			if s.Name.Local != "sst" {
				return &damage{where, fmt.Sprintf("the part holds <%s>, not shared strings", short(s.Name.Local))}
			}
			// excelize reads no string at all when a count is not a number.
			for _, a := range s.Attr {
				if a.Name.Local == "count" || a.Name.Local == "uniqueCount" {
					if _, err := strconv.ParseInt(strings.TrimSpace(a.Value), 10, 64); err != nil && a.Value != "" {
						return &damage{where, fmt.Sprintf("its %s %s is not a number", a.Name.Local, quote(a.Value))}
					}
				}
			}
		}
		return nil
	})
	if d, ok := err.(*damage); ok && d.where == where && n > 0 {
		d.where += fmt.Sprintf(", after string %d", n-1)
	}
	return n, err
}

// walk decodes a part strictly and to its end, calling fn with each token
// and its depth (the root element is at depth 1; text is at the depth of
// the element holding it). A part that is cut off, holds an entity XML does
// not define, a mismatched tag, a DOCTYPE or anything after its root
// element, or goes beyond the limits, is damage; where names the part.
func walk(f *zip.File, where string, fn func(tok xml.Token, depth int) error) error {
	rc, err := f.Open()
	if err != nil {
		return &damage{where, "the archive entry cannot be read (" + short(err.Error()) + ")"}
	}
	defer rc.Close()
	if f.UncompressedSize64 > uint64(maxPartBytes) {
		return &damage{where, "the part is " + tooLarge().Error()}
	}
	d := xml.NewDecoder(&capped{r: rc, n: maxPartBytes})
	depth, elements, rootDone := 0, 0, false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if !rootDone {
				return &damage{where, "the part holds no XML element"}
			}
			return nil
		}
		if err != nil {
			return &damage{where, xmlFault(err)}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if rootDone {
				return &damage{where, "something follows the end of the XML document"}
			}
			if depth++; depth > maxDepth {
				return &damage{where, fmt.Sprintf("elements nest more than %d deep", maxDepth)}
			}
			if elements++; elements > maxPartElements {
				return &damage{where, fmt.Sprintf("more than %d XML elements", maxPartElements)}
			}
			if err := fn(t, depth); err != nil {
				return err
			}
		case xml.EndElement:
			if err := fn(t, depth); err != nil {
				return err
			}
			if depth--; depth == 0 {
				rootDone = true
			}
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				return &damage{where, "text stands outside the XML document's element"}
			}
			if err := fn(t, depth); err != nil {
				return err
			}
		case xml.Directive:
			return &damage{where, "the part holds a DOCTYPE or other directive, which a workbook does not"}
		}
	}
}

// errTooLarge stops the decoder at the size limit.
var errTooLarge = errors.New("larger than the limit")

func tooLarge() error {
	return fmt.Errorf("%w of %d MiB for one part, uncompressed", errTooLarge, maxPartBytes>>20)
}

// capped reads at most n bytes and then fails: a part that inflates
// without end (a zip bomb) is refused, not read.
type capped struct {
	r io.Reader
	n int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.n <= 0 {
		return 0, tooLarge()
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	n, err := c.r.Read(p)
	c.n -= int64(n)
	return n, err
}

// xmlFault says in words what went wrong reading a part.
func xmlFault(err error) string {
	var syn *xml.SyntaxError
	switch {
	case errors.As(err, &syn) && syn.Msg == "unexpected EOF":
		return fmt.Sprintf("the XML is cut off (line %d)", syn.Line)
	case errors.As(err, &syn):
		return "the XML does not parse (" + short(err.Error()) + ")"
	case errors.Is(err, errTooLarge):
		return "the part is " + err.Error()
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the archive entry is cut off"
	case errors.Is(err, zip.ErrChecksum):
		return "the archive entry's checksum does not match: it was changed or cut off"
	}
	return "the part cannot be read (" + short(err.Error()) + ")"
}

// sheetCheck follows one sheet's XML, in the order excelize's row reader
// takes it, and the place reached.
type sheetCheck struct {
	sheet   string
	strings int // in the shared strings part

	dataSeen, dataDone bool
	dim                *area // the sheet's declared dimension, unless rolepack's placeholder
	dimLate            bool  // declared after the cells
	widest, lowest     cell  // the cells furthest right and down

	row  int  // the current row's number; 0 before the first
	col  int  // the last cell's column in the current row
	last cell // the last cell read
	in   *openCell
}

type cell struct{ col, row int }

func (c cell) String() string {
	return columnName(c.col) + strconv.Itoa(c.row)
}

type area struct{ from, to cell }

func (a area) holds(c cell) bool {
	return c.col >= a.from.col && c.col <= a.to.col && c.row >= a.from.row && c.row <= a.to.row
}

// openCell is the cell being read.
type openCell struct {
	at       cell
	typ      string
	children map[string]bool
	v        []byte // the value, kept for a shared-string cell
	inV      bool
}

// checkSheet reads a worksheet part strictly and checks that its rows and
// cells stand in order, each where it says it is.
func checkSheet(f *zip.File, sheet string, strs int) error {
	c := &sheetCheck{sheet: sheet, strings: strs}
	err := walk(f, "sheet "+quote(sheet), c.token)
	if d, ok := err.(*damage); ok && d.where == "sheet "+quote(sheet) {
		// A fault the decoder found: say how far the sheet was read.
		switch {
		case c.in != nil:
			d.where += ", cell " + c.in.at.String()
			d.what = strings.Replace(d.what, "the XML", "the XML of this cell", 1)
		case c.last.row > 0:
			d.where += ", after cell " + c.last.String()
		}
		return d
	}
	if err != nil {
		return err
	}
	if c.dim != nil && c.dimLate {
		for _, x := range []cell{c.widest, c.lowest} {
			if x.row > 0 && !c.dim.holds(x) {
				return c.fault(x, "beyond the sheet's dimension %s", c.dim)
			}
		}
	}
	return nil
}

func (a *area) String() string { return a.from.String() + ":" + a.to.String() }

func (c *sheetCheck) fault(at cell, format string, args ...any) error {
	return &damage{fmt.Sprintf("sheet %s, cell %s", quote(c.sheet), at), fmt.Sprintf(format, args...)}
}

func (c *sheetCheck) faultAfter(format string, args ...any) error {
	where := "sheet " + quote(c.sheet)
	if c.last.row > 0 {
		where += ", after cell " + c.last.String()
	}
	return &damage{where, fmt.Sprintf(format, args...)}
}

// token checks one token. excelize's row reader takes any element called
// row before the end of the first sheetData as a row, and any element
// called c in a row as a cell, whatever its namespace and place; so rows
// and cells must stand exactly where a worksheet has them.
func (c *sheetCheck) token(tok xml.Token, depth int) error {
	switch t := tok.(type) {
	case xml.StartElement:
		return c.start(t, depth)
	case xml.EndElement:
		return c.end(t, depth)
	case xml.CharData:
		if c.in != nil && c.in.inV {
			c.in.v = append(c.in.v, t...)
		}
	}
	return nil
}

func (c *sheetCheck) start(t xml.StartElement, depth int) error {
	name := t.Name.Local
	switch {
	case depth == 1:
		if name != "worksheet" {
			return c.faultAfter("the part holds <%s>, not a worksheet", short(name))
		}
	case name == "sheetData":
		if depth != 2 || c.dataSeen {
			return c.faultAfter("a second or misplaced sheetData element")
		}
		c.dataSeen = true
	case depth == 2 && name == "dimension":
		return c.dimension(t)
	case c.in != nil:
		return c.inCell(t, depth, name)
	case c.dataSeen && !c.dataDone && depth == 4:
		if name != "c" {
			return c.faultAfter("the row holds <%s>, which is not a cell", short(name))
		}
		return c.cell(t)
	case c.dataSeen && !c.dataDone && depth == 3:
		if name != "row" {
			return c.faultAfter("the sheet's data holds <%s>, which is not a row", short(name))
		}
		return c.startRow(t)
	case name == "row" && !c.dataDone:
		return c.faultAfter("a row stands outside the sheet's data")
	}
	return nil
}

func (c *sheetCheck) end(t xml.EndElement, depth int) error {
	switch {
	case c.in != nil && depth == 5 && t.Name.Local == "v":
		c.in.inV = false
	case c.in != nil && depth == 4:
		return c.endCell()
	case c.dataSeen && !c.dataDone && depth == 2:
		c.dataDone = true
	}
	return nil
}

// dimension reads the sheet's declared used range. rolepack's writer (the
// excelize StreamWriter) declares A1 whatever it writes, so A1 alone bounds
// nothing; Excel and LibreOffice declare the range they wrote.
func (c *sheetCheck) dimension(t xml.StartElement) error {
	if c.dim != nil {
		return c.faultAfter("a second dimension element")
	}
	ref, n := attr(t, "ref")
	if n != 1 {
		return c.faultAfter("the dimension element has %d ref attributes", n)
	}
	from, to, ok := strings.Cut(ref, ":")
	if !ok {
		to = from
	}
	a, okA := parseCell(from)
	b, okB := parseCell(to)
	if !okA || !okB {
		return c.faultAfter("the sheet's dimension %s is not a range of cells", quote(ref))
	}
	if ref == "A1" {
		return nil
	}
	c.dim = &area{cell{min(a.col, b.col), min(a.row, b.row)}, cell{max(a.col, b.col), max(a.row, b.row)}}
	c.dimLate = c.last.row > 0
	return nil
}

func (c *sheetCheck) startRow(t xml.StartElement) error {
	r, n := attr(t, "r")
	if n != 1 {
		return c.faultAfter("a row with %d row numbers (r)", n)
	}
	num, ok := parseNumber(r)
	if !ok || num > maxRow {
		return c.faultAfter("the row number %s is not one of 1 to %d", quote(r), maxRow)
	}
	if num <= c.row {
		return c.faultAfter("row %d comes after row %d: the rows are out of order", num, c.row)
	}
	c.row, c.col = num, 0
	return nil
}

func (c *sheetCheck) cell(t xml.StartElement) error {
	ref, n := attr(t, "r")
	if n != 1 {
		return c.faultAfter("a cell with %d references (r)", n)
	}
	at, ok := parseCell(ref)
	if !ok {
		return c.faultAfter("the cell reference %s is not a cell of a sheet", quote(ref))
	}
	switch {
	case at.row != c.row:
		return c.fault(at, "a cell out of order: it stands in row %d%s", c.row, c.after())
	case at.col <= c.col:
		return c.fault(at, "a cell out of order: it stands in its row%s", c.after())
	case c.dim != nil && !c.dim.holds(at):
		return c.fault(at, "beyond the sheet's dimension %s", c.dim)
	}
	typ, nt := attr(t, "t")
	style, ns := attr(t, "s")
	switch {
	case nt > 1 || ns > 1:
		return c.fault(at, "a cell with a repeated type or style attribute")
	case nt == 1 && !strings.Contains(" b d e inlineStr n s str ", " "+typ+" "):
		return c.fault(at, "the cell type %s is not one a workbook holds", quote(typ))
	case ns == 1 && (!isDigits(style) || len(style) > 9):
		// excelize stops reading the cell's attributes at a style it
		// cannot parse, and without its reference puts it in the next column.
		return c.fault(at, "the cell style %s is not a style number", quote(style))
	}
	c.col = at.col
	c.in = &openCell{at: at, typ: typ, children: map[string]bool{}}
	if at.col > c.widest.col {
		c.widest = at
	}
	c.lowest = at
	return nil
}

func (c *sheetCheck) after() string {
	if c.col == 0 {
		return ", at its start"
	}
	return ", after " + cell{c.col, c.row}.String()
}

// inCell checks what a cell holds: excelize takes a v, f or is element at
// any depth in it as the cell's own, so only one of each may stand in it,
// directly, and a value holds only text.
func (c *sheetCheck) inCell(t xml.StartElement, depth int, name string) error {
	at := c.in.at
	switch {
	case depth > 5 && c.in.inV:
		return c.fault(at, "the cell's value holds an element <%s>", short(name))
	case depth > 5:
		return nil // inside f or is, decoded as a whole
	case name != "v" && name != "f" && name != "is":
		return c.fault(at, "the cell holds <%s>, which a cell does not", short(name))
	case c.in.children[name]:
		return c.fault(at, "the cell holds two <%s> elements", name)
	}
	c.in.children[name] = true
	c.in.inV = name == "v"
	return nil
}

// endCell checks a shared-string cell's index: excelize reads an index
// out of range as an empty cell, and one that is not a number as string 0.
func (c *sheetCheck) endCell() error {
	in := c.in
	c.in, c.last = nil, in.at
	if in.typ != "s" || len(in.v) == 0 {
		return nil
	}
	v := strings.TrimSpace(string(in.v))
	i, ok := parseIndex(v)
	switch {
	case !ok:
		return c.fault(in.at, "the shared-string index %s is not a number", quote(v))
	case i >= c.strings:
		return c.fault(in.at, "the shared string %s does not exist: the workbook holds %d", v, c.strings)
	}
	return nil
}

// attr returns the value of the attribute with the local name (excelize
// ignores namespaces) and how many there are.
func attr(t xml.StartElement, local string) (string, int) {
	v, n := "", 0
	for _, a := range t.Attr {
		if a.Name.Local == local {
			v, n = a.Value, n+1
		}
	}
	return v, n
}

// parseCell reads a cell reference as Excel writes it: column letters in
// upper case and a row number, within the sheet's limits.
func parseCell(ref string) (cell, bool) {
	i := 0
	col := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3 {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	row, ok := parseNumber(ref[i:])
	if i == 0 || !ok || col > maxCol || row > maxRow {
		return cell{}, false
	}
	return cell{col, row}, true
}

// parseNumber reads a positive decimal number with no sign or leading zero.
func parseNumber(s string) (int, bool) {
	if s == "" || s[0] == '0' || len(s) > 7 || !isDigits(s) {
		return 0, false
	}
	n, _ := strconv.Atoi(s)
	return n, true
}

// parseIndex reads a shared-string index, digits only; one too long to
// be an index of any workbook within the limits is read as the largest.
func parseIndex(s string) (int, bool) {
	if !isDigits(s) {
		return 0, false
	}
	if s = strings.TrimLeft(s, "0"); len(s) > 9 {
		return math.MaxInt, true
	}
	n, _ := strconv.Atoi("0" + s)
	return n, true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func columnName(col int) string {
	var b []byte
	for ; col > 0; col = (col - 1) / 26 {
		b = append([]byte{byte('A' + (col-1)%26)}, b...)
	}
	return string(b)
}

// quote quotes text from the workbook for a message, shortened.
func quote(s string) string { return strconv.Quote(short(s)) }

// short cuts text from the workbook, which may be long, for a message.
func short(s string) string {
	const limit = 60
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	r := []rune(s)
	return string(r[:limit]) + "…"
}

// listedSheet is a sheet workbook.xml lists: its name and relationship id.
type listedSheet struct{ name, id string }

// listSheets finds the workbook part through the package relationships
// and lists its sheets as excelize decodes workbook.xml: each <sheet> of
// each <sheets>, the last of repeated attributes counting. wb is "" when
// the archive has no workbook part.
func listSheets(parts map[string]*zip.File) (wb string, listed []listedSheet, err error) {
	if f := parts[rootRels]; f != nil {
		rels, err := readRels(f)
		if err != nil {
			return "", nil, err
		}
		for _, r := range rels {
			if r.typ == relOfficeDocument || r.typ == relOfficeDocumentS {
				wb = strings.TrimPrefix(r.target, "/")
				break
			}
		}
	}
	if parts[wb] == nil {
		return "", nil, nil
	}
	parent := ""
	err = walk(parts[wb], "part "+quote(wb), func(tok xml.Token, depth int) error {
		s, ok := tok.(xml.StartElement)
		if ok && depth == 2 {
			parent = s.Name.Local
		}
		if ok && depth == 3 && parent == "sheets" && s.Name.Local == "sheet" {
			var sh listedSheet
			for _, a := range s.Attr {
				switch {
				case a.Name.Local == "name":
					sh.name = a.Value
				case a.Name.Local == "id" && (a.Name.Space == nsRelationships || a.Name.Space == nsRelationshipsS):
					sh.id = a.Value
				}
			}
			listed = append(listed, sh)
		}
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	return wb, listed, nil
}
