package pdfdoc

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"io"
	"slices"
	"strconv"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/go-text/typesetting/font"

	"github.com/rolepack/rolepack/generator/fonts"
	"github.com/rolepack/rolepack/generator/pdf/subset"
)

// docFont is a face as one document uses it: the glyphs drawn and the
// text each stands for.
type docFont struct {
	face *fonts.Face
	n    int               // resource name /F<n>
	text map[uint16]string // old glyph id → text, for ToUnicode
	prog subset.Program
	info *faceInfo
	file *fontFile
}

// Output finishes the document (footers) and writes the file to w.
func (d *Doc) Output(w io.Writer) error {
	data, err := d.Bytes()
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// Bytes finishes the document (footers) and returns the file.
func (d *Doc) Bytes() ([]byte, error) {
	if d.err == nil && len(d.pages) == 0 {
		d.AddPage()
	}
	if d.err != nil {
		return nil, d.err
	}
	if d.footer != nil {
		d.closing = true
		for _, p := range d.pages {
			d.cur = p
			d.footer()
		}
		d.closing = false
	}
	if d.err != nil {
		return nil, d.err
	}
	size := 16 << 10
	for _, p := range d.pages {
		p.content.flush()
		size += 4 << 10
	}
	fontsUsed, err := d.collectFonts()
	if err != nil {
		return nil, err
	}
	for _, f := range fontsUsed {
		size += len(f.file.data) + 4*len(f.prog.Old)
	}
	wr := &writer{}
	wr.buf.Grow(size)
	wr.write(d, fontsUsed)
	if wr.err != nil {
		return nil, wr.err
	}
	return wr.buf.Bytes(), nil
}

// collectFonts finds every face the pages use, in the order first used,
// and subsets each to the glyphs drawn in it.
func (d *Doc) collectFonts() ([]*docFont, error) {
	var out []*docFont
	byFace := map[*fonts.Face]*docFont{}
	for _, p := range d.pages {
		for _, pt := range p.content.parts {
			if pt.text == nil {
				continue
			}
			for _, r := range pt.text.line.Runs {
				f := byFace[r.Face]
				if f == nil {
					f = &docFont{face: r.Face, n: len(out) + 1, text: map[uint16]string{}}
					byFace[r.Face] = f
					out = append(out, f)
				}
				for _, g := range r.Glyphs {
					if t, ok := f.text[g.ID]; !ok || preferText(g.Text, t) {
						f.text[g.ID] = g.Text
					}
				}
			}
		}
	}
	for _, f := range out {
		info, err := d.e.faceInfo(f.face)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", f.face.Name, err)
		}
		f.info = info
		gids := make([]uint16, 0, len(f.text)+len(info.base))
		for g := range f.text {
			gids = append(gids, g)
		}
		gids = append(gids, info.base...)
		slices.Sort(gids)
		gids = slices.Compact(gids)
		f.file, err = d.e.fontFile(f.face, info, gids)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", f.face.Name, err)
		}
		f.prog = f.file.prog
	}
	return out, nil
}

// preferText reports whether a glyph's ToUnicode entry should be text
// rather than the one it has: a glyph drawn for several characters (a
// face's one blank glyph for both the space and the no-break space) maps
// to the shortest and then the lowest of them, whatever order the
// document draws them in, so that a space copies out as a space.
func preferText(text, had string) bool {
	switch {
	case text == "":
		return false
	case had == "":
		return true
	case len(text) != len(had):
		return len(text) < len(had)
	}
	return text < had
}

// faceInfo is what the writer needs of a face, read once per engine.
type faceInfo struct {
	sub             *subset.Font
	upem            float64
	ascent, descent float64
	advances        []int32 // by glyph id, in font units

	// base is the face's glyphs for baseRunes: every subset of the face
	// holds them, so that most documents of a build embed one of a few
	// subsets, each compressed once (Engine.fontFile).
	base []uint16
}

// baseRunes are printable ASCII and the dashes, quotes, bullet, ellipsis
// and euro sign of running text: every subset of a face holds their
// glyphs (about 5 KB), so that the documents of a build share a few
// subsets, each compressed once. (With Latin-1 and Latin Extended-A too,
// hits were a little more frequent but each person's files grew by
// 30 KB: 82 MB against 49 MB for the M pack's people.)
var baseRunes = func() []rune {
	var rs []rune
	for r := rune(0x20); r < 0x7f; r++ {
		rs = append(rs, r)
	}
	return append(rs, '‐', '–', '—', '‘', '’', '“', '”', '•', '…', '€')
}()

// fontFile is a subset as the file embeds it, compressed, with its widths.
type fontFile struct {
	prog   subset.Program
	data   []byte // the program, compressed
	length int    // its length uncompressed
	widths string // the W array
	// ids maps an old glyph id to the subset's (0 for one not in it),
	// shared by every document that embeds the subset.
	ids []uint16

	mu    sync.Mutex
	cmaps map[[32]byte][]byte // compressed ToUnicode maps, by the glyphs' texts
}

// maxFontFiles bounds the subsets an engine keeps.
const maxFontFiles = 1 << 10

// fontFile subsets face to gids (sorted, unique) and compresses it, once
// per engine for each set of glyphs.
func (e *Engine) fontFile(face *fonts.Face, info *faceInfo, gids []uint16) (*fontFile, error) {
	h := sha256.New()
	h.Write([]byte(face.SHA256))
	fmt.Fprint(h, face.Index)
	for _, g := range gids {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	var key [32]byte
	copy(key[:], h.Sum(nil))
	e.filesMu.Lock()
	ff, ok := e.files[key]
	e.filesMu.Unlock()
	if ok {
		return ff, nil
	}
	prog, err := info.sub.Subset(gids)
	if err != nil {
		return nil, err
	}
	ff = &fontFile{prog: prog, data: deflate(prog.Data)}
	ff.length = len(prog.Data)
	ff.prog.Data = nil // kept compressed only
	ff.ids = make([]uint16, int(prog.Old[len(prog.Old)-1])+1)
	for i, old := range prog.Old {
		ff.ids[old] = uint16(i)
	}
	var widths []byte
	widths = append(widths, "[0 ["...)
	scale := 1000 / info.upem
	for i, old := range prog.Old {
		if i > 0 {
			widths = append(widths, ' ')
		}
		widths = strconv.AppendInt(widths, int64(float64(info.advance(old))*scale+0.5), 10)
	}
	ff.widths = string(append(widths, "]]"...))
	e.filesMu.Lock()
	if e.files == nil || len(e.files) >= maxFontFiles {
		e.files = map[[32]byte]*fontFile{}
	}
	e.files[key] = ff
	e.filesMu.Unlock()
	return ff, nil
}

func (e *Engine) faceInfo(f *fonts.Face) (*faceInfo, error) {
	e.infoMu.Lock()
	defer e.infoMu.Unlock()
	if e.infos == nil {
		e.infos = map[*fonts.Face]*faceInfo{}
	}
	if fi, ok := e.infos[f]; ok {
		return fi, nil
	}
	sub, err := subset.Parse(f.Data, f.Index)
	if err != nil {
		return nil, err
	}
	ff := font.NewFace(f.Font)
	ext, _ := ff.FontHExtents()
	fi := &faceInfo{sub: sub, upem: float64(f.Font.Upem()), ascent: float64(ext.Ascender), descent: float64(ext.Descender)}
	fi.advances = make([]int32, sub.NumGlyphs())
	for g := range fi.advances {
		fi.advances[g] = int32(ff.HorizontalAdvance(font.GID(g)) + 0.5)
	}
	for _, r := range baseRunes {
		if g, ok := ff.NominalGlyph(r); ok && int(g) < len(fi.advances) {
			fi.base = append(fi.base, uint16(g))
		}
	}
	e.infos[f] = fi
	return fi, nil
}

// advance is the nominal advance of old glyph id g.
func (fi *faceInfo) advance(g uint16) int32 {
	if int(g) < len(fi.advances) {
		return fi.advances[g]
	}
	return 0
}

// writer assembles the file's objects.
type writer struct {
	buf     bytes.Buffer
	offsets []int // by object number - 1
	err     error
}

// alloc reserves an object number.
func (w *writer) alloc() int {
	w.offsets = append(w.offsets, -1)
	return len(w.offsets)
}

func (w *writer) begin(n int) {
	w.offsets[n-1] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n", n)
}

func (w *writer) end() { w.buf.WriteString("endobj\n") }

// object writes object n with the dictionary or value body.
func (w *writer) object(n int, body string) {
	w.begin(n)
	w.buf.WriteString(body)
	w.buf.WriteString("\n")
	w.end()
}

// stream writes object n as a compressed stream with extra dictionary
// entries.
func (w *writer) stream(n int, dict string, data []byte) { w.compressed(n, dict, deflate(data)) }

// compressed writes object n as a stream of data already compressed.
func (w *writer) compressed(n int, dict string, z []byte) {
	w.begin(n)
	fmt.Fprintf(&w.buf, "<< %s /Filter /FlateDecode /Length %d >>\nstream\n", dict, len(z))
	w.buf.Write(z)
	w.buf.WriteString("\nendstream\n")
	w.end()
}

var flaters = sync.Pool{New: func() any {
	z, _ := flate.NewWriter(nil, flate.BestSpeed)
	return z
}}

func deflate(data []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(data)/3 + 64)
	z := flaters.Get().(*flate.Writer)
	z.Reset(&b)
	// zlib framing by hand: the header, the deflate data, the Adler-32.
	b.Write([]byte{0x78, 0x9c})
	z.Write(data)
	z.Close()
	flaters.Put(z)
	a := adler32(data)
	b.Write([]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)})
	return b.Bytes()
}

func adler32(p []byte) uint32 {
	const mod = 65521
	s1, s2 := uint32(1), uint32(0)
	for len(p) > 0 {
		n := min(len(p), 5552)
		for _, c := range p[:n] {
			s1 += uint32(c)
			s2 += s1
		}
		s1 %= mod
		s2 %= mod
		p = p[n:]
	}
	return s2<<16 | s1
}

func (w *writer) write(d *Doc, used []*docFont) {
	w.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	catalog, pagesObj := w.alloc(), w.alloc()
	pageObjs := make([]int, len(d.pages))
	contentObjs := make([]int, len(d.pages))
	for i := range d.pages {
		pageObjs[i], contentObjs[i] = w.alloc(), w.alloc()
	}
	fontObjs := make([]int, len(used))
	for i := range used {
		fontObjs[i] = w.alloc()
	}
	imageObjs := map[string]int{}
	for _, name := range d.imgOrder {
		imageObjs[name] = w.alloc()
	}
	gsObjs := make([]int, len(d.alphas))
	for i := range d.alphas {
		gsObjs[i] = w.alloc()
	}
	byFace := map[*fonts.Face]*docFont{}
	for _, f := range used {
		byFace[f.face] = f
	}

	// Pages.
	kids := make([]byte, 0, 8*len(pageObjs))
	for _, n := range pageObjs {
		kids = fmt.Appendf(kids, "%d 0 R ", n)
	}
	w.object(pagesObj, fmt.Sprintf("<< /Type /Pages /Kids [ %s] /Count %d >>", kids, len(pageObjs)))
	for i, p := range d.pages {
		var res bytes.Buffer
		res.WriteString("/ProcSet [/PDF /Text /ImageB /ImageC /ImageI]")
		pageFonts := map[int]bool{}
		for _, pt := range p.content.parts {
			if pt.text != nil {
				for _, r := range pt.text.line.Runs {
					pageFonts[byFace[r.Face].n] = true
				}
			}
		}
		if len(pageFonts) > 0 {
			res.WriteString(" /Font <<")
			for j, f := range used {
				if pageFonts[f.n] {
					fmt.Fprintf(&res, " /F%d %d 0 R", f.n, fontObjs[j])
				}
			}
			res.WriteString(" >>")
		}
		if len(p.images) > 0 {
			res.WriteString(" /XObject <<")
			for _, name := range d.imgOrder {
				if p.images[name] {
					fmt.Fprintf(&res, " /I%d %d 0 R", d.images[name].n, imageObjs[name])
				}
			}
			res.WriteString(" >>")
		}
		if len(p.alphas) > 0 {
			res.WriteString(" /ExtGState <<")
			for j := range d.alphas {
				if p.alphas[j] {
					fmt.Fprintf(&res, " /GS%d %d 0 R", j, gsObjs[j])
				}
			}
			res.WriteString(" >>")
		}
		var annots bytes.Buffer
		for _, a := range p.annots {
			x1, y1 := a.x*k, (p.size.H-a.y)*k
			x2, y2 := (a.x+a.w)*k, (p.size.H-a.y-a.h)*k
			fmt.Fprintf(&annots, "<< /Type /Annot /Subtype /Link /Rect [%.2f %.2f %.2f %.2f] /Border [0 0 0] ", x1, y2, x2, y1)
			if a.uri != "" {
				fmt.Fprintf(&annots, "/A << /S /URI /URI %s >> >> ", pdfString(a.uri))
			} else if a.link >= 1 && a.link <= len(d.links) && d.links[a.link-1].page >= 1 && d.links[a.link-1].page <= len(d.pages) {
				t := d.links[a.link-1]
				fmt.Fprintf(&annots, "/Dest [%d 0 R /XYZ 0 %.2f null] >> ", pageObjs[t.page-1], (d.pages[t.page-1].size.H-t.y)*k)
			} else {
				annots.WriteString(">> ")
			}
		}
		dict := fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << %s >> /Contents %d 0 R",
			pagesObj, p.size.W*k, p.size.H*k, res.String(), contentObjs[i])
		if annots.Len() > 0 {
			dict += " /Annots [ " + annots.String() + "]"
		}
		w.object(pageObjs[i], dict+" >>")
		w.stream(contentObjs[i], "", serialize(&p.content, byFace))
	}

	for i, f := range used {
		w.font(fontObjs[i], f)
	}
	for _, name := range d.imgOrder {
		w.image(imageObjs[name], d.images[name].img)
	}
	for i, a := range d.alphas {
		w.object(gsObjs[i], fmt.Sprintf("<< /Type /ExtGState /ca %.3f /CA %.3f /BM /Normal >>", a, a))
	}

	// Outlines.
	outlinesObj := 0
	if len(d.outlines) > 0 {
		outlinesObj = w.outlines(d, pageObjs)
	}

	// Document information.
	info := w.alloc()
	var ib bytes.Buffer
	ib.WriteString("<<")
	for _, key := range []string{"Title", "Subject", "Author", "Keywords", "Creator", "RolepackStamp"} {
		if v, ok := d.info[key]; ok {
			fmt.Fprintf(&ib, " /%s %s", key, textLiteral(v))
		}
	}
	ib.WriteString(" /Producer (rolepack)")
	if !d.created.IsZero() {
		fmt.Fprintf(&ib, " /CreationDate %s", pdfString(pdfDate(d.created)))
	}
	if !d.mod.IsZero() {
		fmt.Fprintf(&ib, " /ModDate %s", pdfString(pdfDate(d.mod)))
	}
	ib.WriteString(" >>")
	w.object(info, ib.String())

	cat := fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R", pagesObj)
	if d.lang != "" {
		cat += " /Lang " + pdfString(d.lang)
	}
	if outlinesObj != 0 {
		cat += fmt.Sprintf(" /Outlines %d 0 R /PageMode /UseOutlines", outlinesObj)
	}
	w.object(catalog, cat+" >>")

	// Cross-reference table and trailer; the file's id is a digest of its
	// body, so the same document gives the same bytes.
	xref := w.buf.Len()
	fmt.Fprintf(&w.buf, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets)+1)
	for _, off := range w.offsets {
		if off < 0 {
			w.err = fmt.Errorf("pdfdoc: an object was reserved but not written")
			return
		}
		fmt.Fprintf(&w.buf, "%010d 00000 n \n", off)
	}
	sum := sha256.Sum256(w.buf.Bytes())
	fmt.Fprintf(&w.buf, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%x> <%x>] >>\nstartxref\n%d\n%%%%EOF\n",
		len(w.offsets)+1, catalog, info, sum[:16], sum[:16], xref)
}

// serialize writes a page's content, its text runs with the new glyph ids.
func serialize(c *content, byFace map[*fonts.Face]*docFont) []byte {
	n := 0
	for _, p := range c.parts {
		n += len(p.raw) + 64
		if p.text != nil {
			for _, r := range p.text.line.Runs {
				n += 48 + 5*len(r.Glyphs)
			}
		}
	}
	b := make([]byte, 0, n)
	for _, p := range c.parts {
		if p.text == nil {
			b = append(b, p.raw...)
			continue
		}
		t := p.text
		b = append(b, "q "...)
		b = appendColor(b, t.color)
		b = append(b, " rg BT\n"...)
		pen := t.x
		for _, r := range t.line.Runs {
			f := byFace[r.Face]
			b = fmt.Appendf(b, "/F%d ", f.n)
			b = appendNum(b, t.size)
			b = append(b, " Tf 1 0 0 1 "...)
			b = appendNum(b, pen)
			b = append(b, ' ')
			b = appendNum(b, t.y)
			b = append(b, " Tm\n"...)
			b = appendGlyphs(b, r, f, t.size)
			pen += r.Advance * t.size / 1000
		}
		b = append(b, "ET Q\n"...)
	}
	return b
}

// appendGlyphs writes a run's glyphs as TJ arrays: each glyph placed at
// the position shaping gave it (its advance and offsets), by adjusting
// from the width the font file gives it; a glyph raised or lowered
// (a mark) is set with a text rise.
func appendGlyphs(b []byte, r Run, f *docFont, size float64) []byte {
	scale := 1000 / f.info.upem // font units → thousandths of an em
	var cur, pen float64        // font units from the run's start
	rise := int32(0)
	open, inHex := false, false
	closeArray := func() {
		if inHex {
			b = append(b, '>')
			inHex = false
		}
		if open {
			b = append(b, "] TJ\n"...)
			open = false
		}
	}
	spanLeft := 0 // glyphs left in the marked cluster
	for _, g := range r.Glyphs {
		if g.Span > 1 {
			// A cluster marked with its text: marked content cannot
			// stand inside a TJ array.
			closeArray()
			b = append(b, "/Span << /ActualText "...)
			b = append(b, textString(g.Actual)...)
			b = append(b, " >> BDC\n"...)
			spanLeft = g.Span
		}
		if g.YOffset != rise {
			closeArray()
			rise = g.YOffset
			b = appendNum(b, float64(rise)/f.info.upem*size)
			b = append(b, " Ts\n"...)
		}
		if !open {
			b = append(b, '[')
			open = true
		}
		target := pen + float64(g.XOffset)
		if d := target - cur; d > 0.5 || d < -0.5 {
			if inHex {
				b = append(b, '>')
				inHex = false
			}
			b = appendNum(b, -d*scale)
		}
		if !inHex {
			b = append(b, '<')
			inHex = true
		}
		b = appendHex4(b, f.newID(g.ID))
		cur = target + float64(f.info.advance(g.ID))
		pen += float64(g.Advance)
		if spanLeft > 0 {
			if spanLeft--; spanLeft == 0 {
				closeArray()
				b = append(b, "EMC\n"...)
			}
		}
	}
	closeArray()
	if rise != 0 {
		b = append(b, "0 Ts\n"...)
	}
	return b
}

func appendHex4(b []byte, v uint16) []byte {
	const hex = "0123456789ABCDEF"
	return append(b, hex[v>>12], hex[v>>8&15], hex[v>>4&15], hex[v&15])
}

// appendNum writes v with at most three decimals, no trailing zeros.
func appendNum(b []byte, v float64) []byte {
	if v > -0.0005 && v < 0.0005 {
		return append(b, '0')
	}
	n := len(b)
	b = strconv.AppendFloat(b, v, 'f', 3, 64)
	for len(b) > n && b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	return b
}

// newID is the subset's id of old glyph id g.
func (f *docFont) newID(g uint16) uint16 {
	if int(g) < len(f.file.ids) {
		return f.file.ids[g]
	}
	return 0
}

// font writes a face as a Type 0 font over a CID font holding its subset.
func (w *writer) font(n int, f *docFont) {
	cid, desc, file, toUni := w.alloc(), w.alloc(), w.alloc(), w.alloc()
	tag := subsetTag(f)
	name := tag + "+" + f.face.Name
	w.object(n, fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>",
		name, cid, toUni))
	scale := 1000 / f.info.upem
	sub, fileKey, extra := "CIDFontType2", "FontFile2", " /CIDToGIDMap /Identity"
	if f.prog.Kind == subset.CFF {
		sub, fileKey, extra = "CIDFontType0", "FontFile3", ""
	}
	w.object(cid, fmt.Sprintf("<< /Type /Font /Subtype /%s /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 /W %s%s >>",
		sub, name, desc, f.file.widths, extra))
	// Readers size each character's box by the ascent and descent: every
	// face gets at most the built-in Noto Sans's (1069 and -293), so that
	// a name set in Noto Sans Arabic (whose line metrics reach 2.1 em)
	// has a box of the line it is on, like the words around it.
	asc, dsc := min(f.info.ascent*scale, 1069), max(f.info.descent*scale, -293)
	italic := 0
	if f.face.Style == fonts.Italic {
		italic = -12
	}
	w.object(desc, fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [-1000 %.0f 2000 %.0f] /ItalicAngle %d /Ascent %.0f /Descent %.0f /CapHeight %.0f /StemV 80 /%s %d 0 R >>",
		name, dsc, asc, italic, asc, dsc, asc*0.7, fileKey, file))
	dict := fmt.Sprintf("/Length1 %d", f.file.length)
	if f.prog.Kind == subset.CFF {
		dict = "/Subtype /CIDFontType0C"
	}
	w.compressed(file, dict, f.file.data)
	w.compressed(toUni, "", f.file.toUnicode(f))
}

// toUnicode is the compressed ToUnicode map of f, made once for each text
// the subset's glyphs stand for.
func (ff *fontFile) toUnicode(f *docFont) []byte {
	h := sha256.New()
	for _, old := range ff.prog.Old {
		h.Write([]byte(f.text[old]))
		h.Write([]byte{0})
	}
	var key [32]byte
	copy(key[:], h.Sum(nil))
	ff.mu.Lock()
	defer ff.mu.Unlock()
	if z, ok := ff.cmaps[key]; ok {
		return z
	}
	z := deflate(toUnicode(f))
	if ff.cmaps == nil || len(ff.cmaps) >= 64 {
		ff.cmaps = map[[32]byte][]byte{}
	}
	ff.cmaps[key] = z
	return z
}

// subsetTag is the six capital letters before a subset's name, made from
// the face and the glyphs kept so that two different subsets of a face
// get different names.
func subsetTag(f *docFont) string {
	h := sha256.New()
	h.Write([]byte(f.face.Name))
	for _, g := range f.prog.Old {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// toUnicode is the CMap that maps each glyph of the subset to its text.
func toUnicode(f *docFont) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	type entry struct {
		id   uint16
		text string
	}
	var entries []entry
	for i, old := range f.prog.Old {
		if t := f.text[old]; t != "" {
			entries = append(entries, entry{uint16(i), t})
		}
	}
	for len(entries) > 0 {
		n := min(len(entries), 100)
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, e := range entries[:n] {
			fmt.Fprintf(&b, "<%04X> <", e.id)
			for _, u := range utf16.Encode([]rune(e.text)) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
		entries = entries[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// image writes a picture as 8-bit RGB, with a soft mask when it has
// transparency.
func (w *writer) image(n int, img image.Image) {
	bd := img.Bounds()
	rgb := make([]byte, 0, bd.Dx()*bd.Dy()*3)
	alpha := make([]byte, 0, bd.Dx()*bd.Dy())
	opaque := true
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			rgb = append(rgb, c.R, c.G, c.B)
			alpha = append(alpha, c.A)
			if c.A != 255 {
				opaque = false
			}
		}
	}
	mask := ""
	if !opaque {
		m := w.alloc()
		defer w.stream(m, fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8", bd.Dx(), bd.Dy()), alpha)
		mask = fmt.Sprintf(" /SMask %d 0 R", m)
	}
	w.stream(n, fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8%s", bd.Dx(), bd.Dy(), mask), rgb)
}

// outlines writes the bookmarks as a tree by their levels: an entry
// belongs to the last entry before it of a lower level.
func (w *writer) outlines(d *Doc, pageObjs []int) int {
	type node struct {
		o                  outline
		n                  int
		parent, prev, next *node
		first, last        *node
		count              int
	}
	root := &node{n: w.alloc()}
	nodes := make([]*node, len(d.outlines))
	var stack []*node // stack[l] is the last entry at level l
	for i, o := range d.outlines {
		nd := &node{o: o, n: w.alloc()}
		nodes[i] = nd
		lv := max(0, min(o.level, len(stack)))
		stack = stack[:lv]
		parent := root
		if lv > 0 {
			parent = stack[lv-1]
		}
		nd.parent = parent
		if parent.last != nil {
			parent.last.next, nd.prev = nd, parent.last
		} else {
			parent.first = nd
		}
		parent.last = nd
		for p := parent; p != nil; p = p.parent {
			p.count++
		}
		stack = append(stack, nd)
	}
	for _, nd := range nodes {
		var b bytes.Buffer
		fmt.Fprintf(&b, "<< /Title %s /Parent %d 0 R", textString(nd.o.title), nd.parent.n)
		if nd.prev != nil {
			fmt.Fprintf(&b, " /Prev %d 0 R", nd.prev.n)
		}
		if nd.next != nil {
			fmt.Fprintf(&b, " /Next %d 0 R", nd.next.n)
		}
		if nd.first != nil {
			fmt.Fprintf(&b, " /First %d 0 R /Last %d 0 R /Count %d", nd.first.n, nd.last.n, nd.count)
		}
		if nd.o.page >= 1 && nd.o.page <= len(pageObjs) {
			fmt.Fprintf(&b, " /Dest [%d 0 R /XYZ 0 %.2f null]", pageObjs[nd.o.page-1], (d.pages[nd.o.page-1].size.H-nd.o.y)*k)
		}
		b.WriteString(" >>")
		w.object(nd.n, b.String())
	}
	w.object(root.n, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>", root.first.n, root.last.n, root.count))
	return root.n
}

// textString is a PDF text string: UTF-16BE with its byte-order mark, in
// hexadecimal, so that no character of s needs escaping.
func textString(s string) string {
	b := []byte("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		b = appendHex4(b, u)
	}
	return string(append(b, '>'))
}

// textLiteral is a PDF text string written as a literal: ASCII as it is,
// anything else in UTF-16BE with its byte-order mark, escaped. The
// document information is written so: rolepack verify finds the stamp in
// it by its bytes.
func textLiteral(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return pdfString(s)
	}
	b := []byte{'(', '\\', '3', '7', '6', '\\', '3', '7', '7'}
	for _, u := range utf16.Encode([]rune(s)) {
		for _, c := range []byte{byte(u >> 8), byte(u)} {
			switch c {
			case '(', ')', '\\':
				b = append(b, '\\', c)
			case '\r':
				b = append(b, '\\', 'r')
			default:
				b = append(b, c)
			}
		}
	}
	return string(append(b, ')'))
}

// pdfString is a literal string of ASCII bytes, escaped.
func pdfString(s string) string {
	b := []byte{'('}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '(' || c == ')' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20 || c >= 0x7f:
			b = fmt.Appendf(b, "\\%03o", c)
		default:
			b = append(b, c)
		}
	}
	return string(append(b, ')'))
}

func pdfDate(t time.Time) string { return "D:" + t.UTC().Format("20060102150405") + "Z" }
