package subset

// write builds a bare CID-keyed CFF holding the glyphs old, in order.
// Every offset in a DICT is a 5-byte integer, so the DICT sizes are known
// before the layout is.
func (f *cffFont) write(old []uint16) ([]byte, error) {
	n := len(old)
	// Charstrings, flattened into one buffer; the font dicts the glyphs use.
	fdNew := make([]int, len(f.fds)) // old font dict -> new index + 1
	var used []int
	sel := make([]byte, n)
	cs := make([]byte, 0, 64*n)
	ends := make([]int, n)
	for i, g := range old {
		fd := 0
		if f.fdSelect != nil {
			fd = int(f.fdSelect[g])
		}
		if fdNew[fd] == 0 {
			used = append(used, fd)
			fdNew[fd] = len(used)
		}
		sel[i] = byte(fdNew[fd] - 1)
		var err error
		if cs, err = f.flatten(g, fd, cs); err != nil {
			return nil, err
		}
		ends[i] = len(cs)
	}

	top := func(charset, fdSelect, charStrings, fdArray int) []byte {
		var d []byte
		d = dictInt5(d, 391) // "Adobe", the first string
		d = dictInt5(d, 392) // "Identity"
		d = dictInt5(d, 0)
		d = append(d, 12, 30)
		d = dictInt5(d, n)
		d = append(d, 12, 34)
		if f.fontBBox != nil {
			d = append(append(d, f.fontBBox...), opFontBBox)
		}
		if f.fontMatrix != nil {
			d = append(append(d, f.fontMatrix...), 12, 7)
		}
		d = append(dictInt5(d, charset), opCharset)
		d = append(dictInt5(d, fdSelect), 12, 37)
		d = append(dictInt5(d, charStrings), opCharStrings)
		d = append(dictInt5(d, fdArray), 12, 36)
		return d
	}
	fontDict := func(fd, privOff int) []byte {
		var d []byte
		if m := f.fds[fd].fontMatrix; m != nil {
			d = append(append(d, m...), 12, 7)
		}
		d = dictInt5(d, len(f.fds[fd].private))
		d = append(dictInt5(d, privOff), opPrivate)
		return d
	}

	// charset format 2: one range, CIDs 1..n-1 for glyphs 1..n-1.
	var charset []byte
	if n > 1 {
		charset = []byte{2, 0, 1, byte((n - 2) >> 8), byte(n - 2)}
	} else {
		charset = []byte{0}
	}
	// FDSelect format 3: runs of glyphs sharing a font dict.
	fdSelect := []byte{3, 0, 0}
	nr := 0
	for i := range n {
		if i == 0 || sel[i] != sel[i-1] {
			fdSelect = append(fdSelect, byte(i>>8), byte(i), sel[i])
			nr++
		}
	}
	fdSelect = append(fdSelect, byte(n>>8), byte(n))
	be.PutUint16(fdSelect[1:], uint16(nr))

	header := []byte{1, 0, 4, 4}
	name := f.name
	if len(name) == 0 {
		name = []byte("Subset")
	}
	strs := [][]byte{[]byte("Adobe"), []byte("Identity")}
	topSize := len(top(0, 0, 0, 0))

	// Layout.
	pos := len(header) + indexSize([][]byte{name}) + indexSizeLens([]int{topSize}) +
		indexSize(strs) + 2 // empty Global Subr INDEX
	charsetOff := pos
	pos += len(charset)
	fdSelectOff := pos
	pos += len(fdSelect)
	csOff := pos
	pos += indexSizeEnds(ends)
	fdArrayOff := pos
	fdLens := make([]int, len(used))
	for i, fd := range used {
		fdLens[i] = len(fontDict(fd, 0))
	}
	pos += indexSizeLens(fdLens)
	privOffs := make([]int, len(used))
	for i, fd := range used {
		privOffs[i] = pos
		pos += len(f.fds[fd].private)
	}
	if pos > 1<<31-1 {
		return nil, cffErr("subset would exceed 2 GiB")
	}

	out := make([]byte, 0, pos)
	out = append(out, header...)
	out = appendIndex(out, [][]byte{name})
	out = appendIndex(out, [][]byte{top(charsetOff, fdSelectOff, csOff, fdArrayOff)})
	out = appendIndex(out, strs)
	out = append(out, 0, 0)
	out = append(out, charset...)
	out = append(out, fdSelect...)
	out = appendIndexEnds(out, cs, ends)
	fdItems := make([][]byte, len(used))
	for i, fd := range used {
		fdItems[i] = fontDict(fd, privOffs[i])
	}
	out = appendIndex(out, fdItems)
	for _, fd := range used {
		out = append(out, f.fds[fd].private...)
	}
	return out, nil
}

func dictInt5(d []byte, v int) []byte {
	return append(d, 29, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

func offSize(last int) int {
	switch {
	case last < 1<<8:
		return 1
	case last < 1<<16:
		return 2
	case last < 1<<24:
		return 3
	}
	return 4
}

func indexSizeLens(lens []int) int {
	total := 0
	for _, l := range lens {
		total += l
	}
	return 3 + (len(lens)+1)*offSize(total+1) + total
}

func indexSize(items [][]byte) int {
	lens := make([]int, len(items))
	for i, it := range items {
		lens[i] = len(it)
	}
	return indexSizeLens(lens)
}

func indexSizeEnds(ends []int) int {
	total := ends[len(ends)-1]
	return 3 + (len(ends)+1)*offSize(total+1) + total
}

func appendOffset(out []byte, v, size int) []byte {
	for s := size - 1; s >= 0; s-- {
		out = append(out, byte(v>>(8*s)))
	}
	return out
}

// appendIndex writes a non-empty INDEX of items.
func appendIndex(out []byte, items [][]byte) []byte {
	total := 0
	for _, it := range items {
		total += len(it)
	}
	size := offSize(total + 1)
	out = append(out, byte(len(items)>>8), byte(len(items)), byte(size))
	out = appendOffset(out, 1, size)
	at := 1
	for _, it := range items {
		at += len(it)
		out = appendOffset(out, at, size)
	}
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

// appendIndexEnds writes an INDEX of items laid end to end in data.
func appendIndexEnds(out, data []byte, ends []int) []byte {
	size := offSize(len(data) + 1)
	out = append(out, byte(len(ends)>>8), byte(len(ends)), byte(size))
	out = appendOffset(out, 1, size)
	for _, e := range ends {
		out = appendOffset(out, e+1, size)
	}
	return append(out, data...)
}
