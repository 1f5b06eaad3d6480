package subset

import "fmt"

// cffFont is a parsed CFF table: the pieces a CID-keyed subset is rebuilt from.
type cffFont struct {
	name        []byte
	charStrings [][]byte
	gsubrs      [][]byte
	fds         []fontDict
	fdSelect    []byte // per glyph; nil for a name-keyed font (one font dict)
	fontBBox    []byte // operand bytes of the top DICT's FontBBox, nil if absent
	fontMatrix  []byte // operand bytes of the top DICT's FontMatrix, nil if absent
}

type fontDict struct {
	private    []byte // the Private DICT without its Subrs entry
	subrs      [][]byte
	fontMatrix []byte // operand bytes, nil if absent
}

// DICT operators the subsetter reads or writes; escaped ones are 1200+n.
const (
	opFontBBox    = 5
	opCharset     = 15
	opCharStrings = 17
	opPrivate     = 18
	opSubrs       = 19
	opCSType      = 1206
	opFontMatrix  = 1207
	opROS         = 1230
	opCIDCount    = 1234
	opFDArray     = 1236
	opFDSelect    = 1237
)

// Limits that keep hostile fonts from costing time or memory.
const (
	maxSubrDepth   = 10      // nesting of subroutine calls, as the Type 2 spec allows
	maxStack       = 48      // Type 2 argument stack
	maxCharstring  = 65535   // bytes of one desubroutinized charstring
	maxCharOpsStep = 1 << 16 // tokens read while flattening one charstring
)

func cffErr(format string, a ...any) error {
	return fmt.Errorf("subset: CFF "+format, a...)
}

// readIndex reads a CFF INDEX at p and returns its items and where it ends.
func readIndex(b []byte, p int, what string) ([][]byte, int, error) {
	if p < 0 || p+2 > len(b) {
		return nil, 0, cffErr("%s INDEX lies outside the table", what)
	}
	count := int(be.Uint16(b[p:]))
	if count == 0 {
		return nil, p + 2, nil
	}
	if p+3 > len(b) {
		return nil, 0, cffErr("%s INDEX is cut short", what)
	}
	offSize := int(b[p+2])
	if offSize < 1 || offSize > 4 {
		return nil, 0, cffErr("%s INDEX has offset size %d", what, offSize)
	}
	offs := p + 3
	data := offs + (count+1)*offSize - 1 // offsets count from 1
	if data+1 > len(b) {
		return nil, 0, cffErr("%s INDEX is cut short", what)
	}
	off := func(i int) int {
		v := 0
		for _, c := range b[offs+i*offSize : offs+(i+1)*offSize] {
			v = v<<8 | int(c)
		}
		return v
	}
	items := make([][]byte, count)
	prev := off(0)
	if prev != 1 {
		return nil, 0, cffErr("%s INDEX does not start at offset 1", what)
	}
	for i := range count {
		next := off(i + 1)
		if next < prev || data+next > len(b) {
			return nil, 0, cffErr("%s INDEX item %d lies outside the table", what, i)
		}
		items[i] = b[data+prev : data+next : data+next]
		prev = next
	}
	return items, data + prev, nil
}

// dictEntry is one DICT operator with its operands' bytes and integer values.
type dictEntry struct {
	op   int
	raw  []byte // the whole entry, operands and operator
	args []byte // operand bytes only
	ints []int  // operands as integers (reals truncated to 0)
}

func parseDict(b []byte, what string) ([]dictEntry, error) {
	var out []dictEntry
	start := 0
	var ints []int
	for p := 0; p < len(b); {
		c := b[p]
		switch {
		case c <= 21:
			op, n := int(c), 1
			if c == 12 {
				if p+1 >= len(b) {
					return nil, cffErr("%s DICT ends inside an operator", what)
				}
				op, n = 1200+int(b[p+1]), 2
			}
			out = append(out, dictEntry{op: op, raw: b[start : p+n], args: b[start:p], ints: ints})
			p += n
			start, ints = p, nil
			continue
		case c == 30: // real: nibbles up to an 0xf
			q := p + 1
			for q < len(b) && b[q]&0x0f != 0x0f && b[q]&0xf0 != 0xf0 {
				q++
			}
			if q >= len(b) {
				return nil, cffErr("%s DICT ends inside a real number", what)
			}
			ints = append(ints, 0)
			p = q + 1
			continue
		}
		v, n, ok := dictInt(b[p:])
		if !ok {
			return nil, cffErr("%s DICT has a bad operand byte %d", what, c)
		}
		if len(ints) >= maxStack {
			return nil, cffErr("%s DICT has more than %d operands", what, maxStack)
		}
		ints = append(ints, v)
		p += n
	}
	return out, nil
}

func dictInt(b []byte) (v, n int, ok bool) {
	c := int(b[0])
	switch {
	case c >= 32 && c <= 246:
		return c - 139, 1, true
	case c >= 247 && c <= 250 && len(b) >= 2:
		return (c-247)*256 + int(b[1]) + 108, 2, true
	case c >= 251 && c <= 254 && len(b) >= 2:
		return -(c-251)*256 - int(b[1]) - 108, 2, true
	case c == 28 && len(b) >= 3:
		return int(int16(be.Uint16(b[1:]))), 3, true
	case c == 29 && len(b) >= 5:
		return int(int32(be.Uint32(b[1:]))), 5, true
	}
	return 0, 0, false
}

func find(d []dictEntry, op int) *dictEntry {
	for i := range d {
		if d[i].op == op {
			return &d[i]
		}
	}
	return nil
}

func parseCFF(b []byte) (*cffFont, error) {
	if len(b) < 4 {
		return nil, cffErr("table is too short for a header")
	}
	if b[0] != 1 {
		return nil, cffErr("table has major version %d, not 1", b[0])
	}
	names, p, err := readIndex(b, int(b[2]), "Name")
	if err != nil {
		return nil, err
	}
	tops, p, err := readIndex(b, p, "Top DICT")
	if err != nil {
		return nil, err
	}
	if len(names) != 1 || len(tops) != 1 {
		return nil, cffErr("table holds %d fonts, not one", len(tops))
	}
	_, p, err = readIndex(b, p, "String")
	if err != nil {
		return nil, err
	}
	f := &cffFont{name: names[0]}
	if f.gsubrs, _, err = readIndex(b, p, "Global Subr"); err != nil {
		return nil, err
	}
	top, err := parseDict(tops[0], "Top")
	if err != nil {
		return nil, err
	}
	if e := find(top, opCSType); e != nil && (len(e.ints) != 1 || e.ints[0] != 2) {
		return nil, cffErr("charstrings are not Type 2")
	}
	e := find(top, opCharStrings)
	if e == nil || len(e.ints) != 1 {
		return nil, cffErr("Top DICT has no CharStrings")
	}
	if f.charStrings, _, err = readIndex(b, e.ints[0], "CharStrings"); err != nil {
		return nil, err
	}
	n := len(f.charStrings)
	if n == 0 {
		return nil, cffErr("font has no glyphs")
	}
	if e := find(top, opFontBBox); e != nil {
		f.fontBBox = e.args
	}
	if e := find(top, opFontMatrix); e != nil {
		f.fontMatrix = e.args
	}
	if find(top, opROS) == nil {
		// Name-keyed: one font dict, the top DICT's own Private.
		fd, err := readFontDict(b, top, "Top")
		if err != nil {
			return nil, err
		}
		f.fds = []fontDict{fd}
		return f, nil
	}
	e = find(top, opFDArray)
	if e == nil || len(e.ints) != 1 {
		return nil, cffErr("CID-keyed font has no FDArray")
	}
	fdDicts, _, err := readIndex(b, e.ints[0], "FDArray")
	if err != nil {
		return nil, err
	}
	if len(fdDicts) == 0 || len(fdDicts) > 256 {
		return nil, cffErr("FDArray holds %d font dicts", len(fdDicts))
	}
	for i, raw := range fdDicts {
		what := fmt.Sprintf("font dict %d", i)
		d, err := parseDict(raw, what)
		if err != nil {
			return nil, err
		}
		fd, err := readFontDict(b, d, what)
		if err != nil {
			return nil, err
		}
		if e := find(d, opFontMatrix); e != nil {
			fd.fontMatrix = e.args
		}
		f.fds = append(f.fds, fd)
	}
	e = find(top, opFDSelect)
	if e == nil || len(e.ints) != 1 {
		return nil, cffErr("CID-keyed font has no FDSelect")
	}
	if f.fdSelect, err = readFDSelect(b, e.ints[0], n, len(f.fds)); err != nil {
		return nil, err
	}
	return f, nil
}

// readFontDict reads the Private DICT a font dict points at, and its Subrs.
func readFontDict(b []byte, d []dictEntry, what string) (fontDict, error) {
	e := find(d, opPrivate)
	if e == nil || len(e.ints) != 2 {
		return fontDict{}, cffErr("%s has no Private DICT", what)
	}
	size, off := e.ints[0], e.ints[1]
	if size < 0 || off < 0 || off+size > len(b) {
		return fontDict{}, cffErr("%s Private DICT lies outside the table", what)
	}
	priv := b[off : off+size]
	pd, err := parseDict(priv, what+" Private")
	if err != nil {
		return fontDict{}, err
	}
	var fd fontDict
	for _, e := range pd {
		if e.op != opSubrs {
			fd.private = append(fd.private, e.raw...)
			continue
		}
		if len(e.ints) != 1 || e.ints[0] <= 0 {
			return fontDict{}, cffErr("%s Private DICT has a bad Subrs offset", what)
		}
		if fd.subrs, _, err = readIndex(b, off+e.ints[0], what+" Subrs"); err != nil {
			return fontDict{}, err
		}
	}
	return fd, nil
}

func readFDSelect(b []byte, p, n, nfd int) ([]byte, error) {
	if p < 0 || p >= len(b) {
		return nil, cffErr("FDSelect lies outside the table")
	}
	sel := make([]byte, n)
	switch b[p] {
	case 0:
		if p+1+n > len(b) {
			return nil, cffErr("FDSelect is cut short")
		}
		copy(sel, b[p+1:])
	case 3:
		if p+3 > len(b) {
			return nil, cffErr("FDSelect is cut short")
		}
		nr := int(be.Uint16(b[p+1:]))
		q := p + 3
		if q+3*nr+2 > len(b) {
			return nil, cffErr("FDSelect is cut short")
		}
		for i := range nr {
			first := int(be.Uint16(b[q+3*i:]))
			next := int(be.Uint16(b[q+3*i+3:])) // the next range's first, or the sentinel
			if i == 0 && first != 0 || next < first || next > n {
				return nil, cffErr("FDSelect range %d is out of order", i)
			}
			for g := first; g < next; g++ {
				sel[g] = b[q+3*i+2]
			}
		}
		if int(be.Uint16(b[q+3*nr:])) != n {
			return nil, cffErr("FDSelect does not cover all %d glyphs", n)
		}
	default:
		return nil, cffErr("FDSelect has format %d", b[p])
	}
	for g, fd := range sel {
		if int(fd) >= nfd {
			return nil, cffErr("FDSelect gives glyph %d font dict %d of %d", g, fd, nfd)
		}
	}
	return sel, nil
}

// Type 2 charstring operators the flattener must understand.
const (
	t2hstem     = 1
	t2vstem     = 3
	t2callsubr  = 10
	t2return    = 11
	t2escape    = 12
	t2endchar   = 14
	t2hstemhm   = 18
	t2hintmask  = 19
	t2cntrmask  = 20
	t2vstemhm   = 23
	t2shortint  = 28
	t2callgsubr = 29
)

func subrBias(n int) int {
	switch {
	case n < 1240:
		return 107
	case n < 33900:
		return 1131
	}
	return 32768
}

// flattener inlines the subroutines of one charstring. It tracks only what
// the output's correctness depends on: the argument stack (its depth gives
// stem counts and hint mask lengths; its top is a subroutine's index).
type flattener struct {
	out   []byte
	start int // where this glyph's charstring starts in out, which holds the glyphs before it

	gsubrs [][]byte
	lsubrs [][]byte
	stack  []number
	stems  int
	steps  int
	done   bool
	glyph  uint16
}

// number is an operand on the stack: where its bytes start in out, and its
// value when it is an integer.
type number struct {
	at, val int
}

func (fl *flattener) errf(format string, a ...any) error {
	return fmt.Errorf("subset: CFF charstring of glyph %d: "+format, append([]any{fl.glyph}, a...)...)
}

func (fl *flattener) run(cs []byte, depth int) error {
	if depth > maxSubrDepth {
		return fl.errf("subroutine nesting deeper than %d", maxSubrDepth)
	}
	for p := 0; p < len(cs) && !fl.done; {
		fl.steps++
		if fl.steps > maxCharOpsStep {
			return fl.errf("more than %d tokens", maxCharOpsStep)
		}
		if len(fl.out)-fl.start > maxCharstring {
			return fl.errf("longer than %d bytes once flattened", maxCharstring)
		}
		c := cs[p]
		if c >= 32 || c == t2shortint {
			n := 1
			v := 0
			switch {
			case c == t2shortint:
				n = 3
			case c <= 246:
				v = int(c) - 139
			case c <= 250:
				n = 2
			case c <= 254:
				n = 2
			default:
				n = 5
			}
			if p+n > len(cs) {
				return fl.errf("ends inside a number")
			}
			switch {
			case c == t2shortint:
				v = int(int16(be.Uint16(cs[p+1:])))
			case c >= 247 && c <= 250:
				v = (int(c)-247)*256 + int(cs[p+1]) + 108
			case c >= 251 && c <= 254:
				v = -(int(c)-251)*256 - int(cs[p+1]) - 108
			case c == 255:
				f := int32(be.Uint32(cs[p+1:]))
				v = int(f >> 16)
				if f&0xffff != 0 {
					v = -1 << 20 // not an integer: never a valid subroutine index
				}
			}
			if len(fl.stack) >= maxStack {
				return fl.errf("more than %d operands", maxStack)
			}
			fl.stack = append(fl.stack, number{len(fl.out), v})
			fl.out = append(fl.out, cs[p:p+n]...)
			p += n
			continue
		}
		switch c {
		case t2callsubr, t2callgsubr:
			if len(fl.stack) == 0 {
				return fl.errf("subroutine called with an empty stack")
			}
			// Operators clear the stack, so its top is the last thing written.
			top := fl.stack[len(fl.stack)-1]
			fl.stack = fl.stack[:len(fl.stack)-1]
			subrs, kind := fl.lsubrs, "local"
			if c == t2callgsubr {
				subrs, kind = fl.gsubrs, "global"
			}
			i := top.val + subrBias(len(subrs))
			if i < 0 || i >= len(subrs) {
				return fl.errf("calls %s subroutine %d of %d", kind, i, len(subrs))
			}
			fl.out = fl.out[:top.at]
			if err := fl.run(subrs[i], depth+1); err != nil {
				return err
			}
			p++
			continue
		case t2return:
			return nil
		case t2endchar:
			fl.out = append(fl.out, c)
			fl.done = true
			return nil
		case t2hstem, t2vstem, t2hstemhm, t2vstemhm:
			fl.stems += len(fl.stack) / 2
			fl.out = append(fl.out, c)
			p++
		case t2hintmask, t2cntrmask:
			fl.stems += len(fl.stack) / 2 // operands here are an implicit vstem
			n := 1 + (fl.stems+7)/8
			if p+n > len(cs) {
				return fl.errf("ends inside a hint mask")
			}
			fl.out = append(fl.out, cs[p:p+n]...)
			p += n
		case t2escape:
			if p+1 >= len(cs) {
				return fl.errf("ends inside an escaped operator")
			}
			fl.out = append(fl.out, cs[p:p+2]...)
			p += 2
		default:
			fl.out = append(fl.out, c)
			p++
		}
		fl.stack = fl.stack[:0]
	}
	return nil
}

// flatten returns glyph g's charstring with every subroutine inlined.
func (f *cffFont) flatten(g uint16, fd int, buf []byte) ([]byte, error) {
	fl := flattener{out: buf, start: len(buf), gsubrs: f.gsubrs, lsubrs: f.fds[fd].subrs, glyph: g, stack: make([]number, 0, maxStack)}
	if err := fl.run(f.charStrings[g], 0); err != nil {
		return nil, err
	}
	if !fl.done {
		return nil, fl.errf("does not end with endchar")
	}
	return fl.out, nil
}
