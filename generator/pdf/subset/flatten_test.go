package subset

import (
	"bytes"
	"strings"
	"testing"
)

// n encodes small integers the way a Type 2 charstring does (one byte).
func n(v int) byte { return byte(v + 139) }

func TestFlatten(t *testing.T) {
	endchar := byte(t2endchar)
	cases := []struct {
		name   string
		cs     []byte
		lsubrs [][]byte
		gsubrs [][]byte
		want   []byte
		err    string
	}{{
		name:   "local and global subroutines inlined, returns dropped",
		cs:     []byte{n(-107), t2callsubr, n(-107), t2callgsubr, endchar},
		lsubrs: [][]byte{{n(1), n(2), 21, t2return}},             // rmoveto
		gsubrs: [][]byte{{n(3), n(4), 5, n(7), 8, 14, t2return}}, // rlineto, then an operand ahead of endchar... and endchar stops
		want:   []byte{n(1), n(2), 21, n(3), n(4), 5, n(7), 8, 14},
	}, {
		name: "stems declared in a subroutine size the hint mask; a mask byte equal to callsubr is data",
		cs: []byte{n(-107), t2callsubr, n(10), n(20), t2hintmask, 0xff, t2callsubr,
			n(1), n(2), 21, endchar},
		// 8 hstemhm stems (16 operands, one more for the width) + 1 implicit vstem = 9 stems: 2 mask bytes.
		lsubrs: [][]byte{append(bytes.Repeat([]byte{n(5)}, 17), t2hstemhm, t2return)},
		want: append(append(bytes.Repeat([]byte{n(5)}, 17), t2hstemhm),
			n(10), n(20), t2hintmask, 0xff, t2callsubr, n(1), n(2), 21, endchar),
	}, {
		name: "subroutine index left on the stack by a subroutine",
		cs:   []byte{n(-107), t2callsubr, t2callsubr, endchar},
		lsubrs: [][]byte{
			{n(-106), t2return},  // pushes the index of subr 1
			{n(9), 22, t2return}, // hmoveto
		},
		want: []byte{n(9), 22, endchar},
	}, {
		name: "all number encodings kept byte for byte",
		cs:   []byte{28, 0x12, 0x34, 247, 5, 251, 6, 255, 0, 1, 0x80, 0, 21, endchar},
		want: []byte{28, 0x12, 0x34, 247, 5, 251, 6, 255, 0, 1, 0x80, 0, 21, endchar},
	}, {
		name: "escaped operator",
		cs:   []byte{n(1), n(2), n(3), n(4), n(5), n(6), n(7), 12, 35, endchar},
		want: []byte{n(1), n(2), n(3), n(4), n(5), n(6), n(7), 12, 35, endchar},
	}, {
		name:   "recursion",
		cs:     []byte{n(-107), t2callsubr, endchar},
		lsubrs: [][]byte{{n(-107), t2callsubr, t2return}},
		err:    "subroutine nesting deeper than 10",
	}, {
		name: "no endchar",
		cs:   []byte{n(1), 22},
		err:  "does not end with endchar",
	}, {
		name: "number cut short",
		cs:   []byte{28, 1},
		err:  "ends inside a number",
	}, {
		name: "hint mask cut short",
		cs:   []byte{n(1), n(2), t2hstem, t2hintmask},
		err:  "ends inside a hint mask",
	}, {
		name:   "fractional subroutine index",
		cs:     []byte{255, 0xff, 0x95, 0x80, 0, t2callsubr, endchar},
		lsubrs: [][]byte{{t2return}},
		err:    "calls local subroutine",
	}, {
		name:   "subroutine out of range",
		cs:     []byte{n(5), t2callgsubr, endchar},
		gsubrs: [][]byte{{t2return}},
		err:    "calls global subroutine 112 of 1",
	}, {
		name: "stack overflow",
		cs:   bytes.Repeat([]byte{n(1)}, 49),
		err:  "more than 48 operands",
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := &cffFont{charStrings: [][]byte{c.cs}, gsubrs: c.gsubrs, fds: []fontDict{{subrs: c.lsubrs}}}
			got, err := f.flatten(0, 0, nil)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want one saying %q", err, c.err)
				}
				if !strings.HasPrefix(err.Error(), "subset: CFF charstring of glyph 0: ") {
					t.Errorf("error %q does not name the glyph", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, c.want) {
				t.Errorf("got  %v\nwant %v", got, c.want)
			}
		})
	}
}

// TestFlattenBlowUp: subroutines that call each other many times must hit a
// bound, not run for ever.
func TestFlattenBlowUp(t *testing.T) {
	// Subr i calls subr i+1 twenty times; nine levels would be 20^9 calls.
	var subrs [][]byte
	for i := range 10 {
		var s []byte
		for range 20 {
			s = append(s, n(i+1-107), t2callsubr)
		}
		subrs = append(subrs, append(s, t2return))
	}
	subrs[9] = []byte{t2return}
	f := &cffFont{charStrings: [][]byte{{n(-107), t2callsubr, t2endchar}}, fds: []fontDict{{subrs: subrs}}}
	if _, err := f.flatten(0, 0, nil); err == nil || !strings.Contains(err.Error(), "tokens") {
		t.Fatalf("error %v, want a token bound", err)
	}
}
