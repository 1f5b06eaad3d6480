package subset

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

var be = binary.BigEndian

// ttFont holds the raw tables a TrueType subset is made of.
type ttFont struct {
	head, hhea, maxp, hmtx, glyf, post []byte
	cvt, fpgm, prep                    []byte
	loca                               []uint32 // numGlyphs+1 glyph offsets into glyf
	numGlyphs                          int
	numHMetrics                        int
}

// Composite glyph component flags.
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

// maxComponentDepth bounds composite nesting, so a cyclic or absurd font
// cannot make the closure run away.
const maxComponentDepth = 16

func parseTrueType(raw func(string) []byte) (*ttFont, error) {
	f := &ttFont{
		head: raw("head"), hhea: raw("hhea"), maxp: raw("maxp"), hmtx: raw("hmtx"),
		glyf: raw("glyf"), post: raw("post"), cvt: raw("cvt "), fpgm: raw("fpgm"), prep: raw("prep"),
	}
	switch {
	case len(f.head) < 54:
		return nil, errors.New("subset: head table missing or short")
	case len(f.hhea) < 36:
		return nil, errors.New("subset: hhea table missing or short")
	case len(f.maxp) < 6:
		return nil, errors.New("subset: maxp table missing or short")
	}
	f.numGlyphs = int(be.Uint16(f.maxp[4:]))
	f.numHMetrics = int(be.Uint16(f.hhea[34:]))
	if f.numGlyphs == 0 {
		return nil, errors.New("subset: the font has no glyphs")
	}
	if f.numHMetrics == 0 || f.numHMetrics > f.numGlyphs {
		return nil, fmt.Errorf("subset: hhea says %d metrics for %d glyphs", f.numHMetrics, f.numGlyphs)
	}
	if len(f.hmtx) < 4*f.numHMetrics+2*(f.numGlyphs-f.numHMetrics) {
		return nil, errors.New("subset: hmtx table shorter than hhea and maxp say")
	}
	loca := raw("loca")
	f.loca = make([]uint32, f.numGlyphs+1)
	long := be.Uint16(f.head[50:]) == 1
	for i := range f.loca {
		if long {
			if len(loca) < 4*(i+1) {
				return nil, errors.New("subset: loca table shorter than maxp says")
			}
			f.loca[i] = be.Uint32(loca[4*i:])
		} else {
			if len(loca) < 2*(i+1) {
				return nil, errors.New("subset: loca table shorter than maxp says")
			}
			f.loca[i] = 2 * uint32(be.Uint16(loca[2*i:]))
		}
		if f.loca[i] > uint32(len(f.glyf)) || i > 0 && f.loca[i] < f.loca[i-1] {
			return nil, fmt.Errorf("subset: loca entry %d points outside glyf or backwards", i)
		}
	}
	return f, nil
}

func (f *ttFont) glyph(g uint16) []byte { return f.glyf[f.loca[g]:f.loca[g+1]] }

// components calls fn with the position of each component glyph id in a
// composite glyph, and does nothing for a simple or empty one.
func components(gid uint16, b []byte, fn func(at int) error) error {
	if len(b) < 10 || int16(be.Uint16(b)) >= 0 {
		return nil
	}
	for p := 10; ; {
		if p+4 > len(b) {
			return fmt.Errorf("subset: composite glyph %d is cut short", gid)
		}
		flags := be.Uint16(b[p:])
		if err := fn(p + 2); err != nil {
			return err
		}
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			if p > len(b) {
				return fmt.Errorf("subset: composite glyph %d is cut short", gid)
			}
			return nil
		}
	}
}

// closure adds the components of composite glyphs, depth first and bounded.
func (f *ttFont) closure(keep []uint16) ([]uint16, error) {
	seen := make(map[uint16]bool, len(keep))
	var walk func(g uint16, depth int) error
	walk = func(g uint16, depth int) error {
		if seen[g] {
			return nil
		}
		if depth > maxComponentDepth {
			return fmt.Errorf("subset: composite glyphs nest deeper than %d (at glyph %d)", maxComponentDepth, g)
		}
		seen[g] = true
		keep = append(keep, g)
		b := f.glyph(g)
		return components(g, b, func(at int) error {
			c := be.Uint16(b[at:])
			if int(c) >= f.numGlyphs {
				return fmt.Errorf("subset: composite glyph %d uses glyph %d of %d", g, c, f.numGlyphs)
			}
			return walk(c, depth+1)
		})
	}
	n := len(keep)
	for _, g := range keep[:n] {
		if err := walk(g, 0); err != nil {
			return nil, err
		}
	}
	return keep[n:], nil
}

func (f *ttFont) metric(g uint16) (adv, lsb uint16) {
	if int(g) < f.numHMetrics {
		return be.Uint16(f.hmtx[4*int(g):]), be.Uint16(f.hmtx[4*int(g)+2:])
	}
	last := 4 * (f.numHMetrics - 1)
	return be.Uint16(f.hmtx[last:]), be.Uint16(f.hmtx[4*f.numHMetrics+2*(int(g)-f.numHMetrics):])
}

type table struct {
	tag  string
	data []byte
}

func (f *ttFont) write(old []uint16) ([]byte, error) {
	n := len(old)
	// glyf, each glyph padded to an even length so the short loca can point at it.
	size := 0
	for _, g := range old {
		size += (len(f.glyph(g)) + 1) &^ 1
	}
	glyf := make([]byte, 0, size)
	offs := make([]uint32, n+1)
	for i, g := range old {
		start := len(glyf)
		glyf = appendUnhinted(glyf, f.glyph(g))
		b := glyf[start:]
		err := components(g, b, func(at int) error {
			id, ok := newIndex(old, be.Uint16(b[at:]))
			if !ok {
				return fmt.Errorf("subset: component of glyph %d missing from the subset", g)
			}
			be.PutUint16(b[at:], id)
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(glyf)%2 == 1 {
			glyf = append(glyf, 0)
		}
		offs[i+1] = uint32(len(glyf))
	}
	longLoca := len(glyf) > 2*0xFFFF
	var loca []byte
	if longLoca {
		loca = make([]byte, 4*(n+1))
		for i, o := range offs {
			be.PutUint32(loca[4*i:], o)
		}
	} else {
		loca = make([]byte, 2*(n+1))
		for i, o := range offs {
			be.PutUint16(loca[2*i:], uint16(o/2))
		}
	}

	// hmtx, with the trailing run of equal advances folded as the format allows.
	advs := make([]uint16, n)
	lsbs := make([]uint16, n)
	for i, g := range old {
		advs[i], lsbs[i] = f.metric(g)
	}
	nh := n
	for nh > 1 && advs[nh-1] == advs[nh-2] {
		nh--
	}
	hmtx := make([]byte, 0, 4*nh+2*(n-nh))
	for i := range n {
		if i < nh {
			hmtx = be.AppendUint16(hmtx, advs[i])
		}
		hmtx = be.AppendUint16(hmtx, lsbs[i])
	}

	head := append([]byte(nil), f.head...)
	be.PutUint32(head[8:], 0)
	if longLoca {
		be.PutUint16(head[50:], 1)
	} else {
		be.PutUint16(head[50:], 0)
	}
	hhea := append([]byte(nil), f.hhea...)
	be.PutUint16(hhea[34:], uint16(nh))
	maxp := append([]byte(nil), f.maxp...)
	be.PutUint16(maxp[4:], uint16(n))

	tables := []table{
		{"head", head}, {"hhea", hhea}, {"maxp", maxp}, {"hmtx", hmtx},
		{"loca", loca}, {"glyf", glyf}, {"cmap", emptyCmap},
	}
	// No cvt, fpgm or prep: the glyphs' hinting instructions are left
	// out (appendUnhinted), as PDF viewers render embedded fonts without
	// them, and they were about half of a Latin subset's bytes.
	if len(f.post) >= 32 {
		// Version 3: the metrics without glyph names, which a PDF does not use.
		post := append([]byte(nil), f.post[:32]...)
		be.PutUint32(post, 0x00030000)
		tables = append(tables, table{"post", post})
	}
	out := writeSfnt(tables)
	// head.checkSumAdjustment makes the whole file sum to a fixed constant.
	at := headOffset(out)
	be.PutUint32(out[at+8:], 0xB1B0AFBA-checksum(out))
	return out, nil
}

// emptyCmap maps no character: a PDF reaches glyphs by id, but many readers
// refuse an sfnt without a cmap. Format 4 with the one required segment.
var emptyCmap = []byte{
	0, 0, 0, 1, // version, one subtable
	0, 3, 0, 1, 0, 0, 0, 12, // Windows Unicode BMP at 12
	0, 4, 0, 24, 0, 0, // format 4, length, language
	0, 2, 0, 2, 0, 0, 0, 0, // segCountX2, searchRange, entrySelector, rangeShift
	0xFF, 0xFF, 0, 0, 0xFF, 0xFF, 0, 1, 0, 0, // endCode, pad, startCode, idDelta, idRangeOffset
}

func checksum(b []byte) uint32 {
	var s uint32
	for len(b) >= 4 {
		s += be.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var t [4]byte
		copy(t[:], b)
		s += be.Uint32(t[:])
	}
	return s
}

// writeSfnt lays out tables, sorted by tag and 4-byte aligned, behind a
// table directory with their checksums.
func writeSfnt(tables []table) []byte {
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })
	nt := len(tables)
	size := 12 + 16*nt
	for _, t := range tables {
		size += (len(t.data) + 3) &^ 3
	}
	out := make([]byte, 12+16*nt, size)
	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(nt))
	pow := 1
	log := 0
	for pow*2 <= nt {
		pow *= 2
		log++
	}
	be.PutUint16(out[6:], uint16(16*pow))
	be.PutUint16(out[8:], uint16(log))
	be.PutUint16(out[10:], uint16(16*nt-16*pow))
	for i, t := range tables {
		rec := out[12+16*i:]
		copy(rec, t.tag)
		be.PutUint32(rec[4:], checksum(t.data))
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(t.data)))
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func headOffset(sfnt []byte) int {
	nt := int(be.Uint16(sfnt[4:]))
	for i := range nt {
		rec := sfnt[12+16*i:]
		if string(rec[:4]) == "head" {
			return int(be.Uint32(rec[8:]))
		}
	}
	return 0
}

// appendUnhinted appends glyph data without its TrueType instructions: a
// simple glyph's instruction length set to 0 and its instructions left
// out; a composite glyph (its instructions, if any, after the last
// component) and malformed data are copied as they are.
func appendUnhinted(dst, g []byte) []byte {
	if len(g) < 10 || int16(be.Uint16(g)) < 0 {
		return append(dst, g...)
	}
	n := int(be.Uint16(g))
	at := 10 + 2*n // the instruction length
	if len(g) < at+2 {
		return append(dst, g...)
	}
	ins := int(be.Uint16(g[at:]))
	if ins == 0 || len(g) < at+2+ins {
		return append(dst, g...)
	}
	dst = append(dst, g[:at]...)
	dst = append(dst, 0, 0)
	return append(dst, g[at+2+ins:]...)
}
