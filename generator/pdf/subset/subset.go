// Package subset cuts a font down to the glyphs a PDF uses, so each document
// embeds only what it draws. TrueType (glyf) fonts stay sfnts for FontFile2;
// CFF fonts become bare, desubroutinized, CID-keyed CFF for FontFile3.
package subset

import (
	"bytes"
	"errors"
	"fmt"
	"sort"

	"github.com/go-text/typesetting/font/opentype"
)

// Kind of font program a subset is.
type Kind int

const (
	TrueType Kind = iota // an sfnt with glyf outlines, for FontFile2 (CIDFontType2, CIDToGIDMap /Identity)
	CFF                  // a bare CID-keyed CFF, for FontFile3 /Subtype /CIDFontType0C (CIDFontType0); CID == new glyph id
)

// Font is a parsed font file ready to subset many times (from many
// goroutines at once): parse once per build. It is never modified after
// Parse, and it keeps referring to the bytes given to Parse.
type Font struct {
	kind      Kind
	numGlyphs int
	tt        *ttFont
	cff       *cffFont
}

// Program is one subset font program.
type Program struct {
	Kind Kind
	Data []byte   // the font program, uncompressed
	Old  []uint16 // new glyph id -> old glyph id
}

// NewID maps an old glyph id to its new one (ok false when not in the subset).
func (p Program) NewID(old uint16) (uint16, bool) {
	i := sort.Search(len(p.Old), func(i int) bool { return p.Old[i] >= old })
	if i < len(p.Old) && p.Old[i] == old {
		return uint16(i), true
	}
	return 0, false
}

// Parse reads face number index of data (a .ttf, .otf or a .ttc/.otc
// collection; index 0 for single fonts). data must not change afterwards.
func Parse(data []byte, index int) (*Font, error) {
	if err := checkDirectory(data, index); err != nil {
		return nil, err
	}
	lds, err := opentype.NewLoaders(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("subset: not a font file: %v", err)
	}
	if index < 0 || index >= len(lds) {
		return nil, fmt.Errorf("subset: face %d asked of a file with %d faces", index, len(lds))
	}
	ld := lds[index]
	raw := func(tag string) []byte {
		b, err := ld.RawTable(opentype.MustNewTag(tag))
		if err != nil {
			return nil
		}
		return b
	}
	switch {
	case ld.HasTable(opentype.MustNewTag("glyf")):
		tt, err := parseTrueType(raw)
		if err != nil {
			return nil, err
		}
		return &Font{kind: TrueType, numGlyphs: tt.numGlyphs, tt: tt}, nil
	case ld.HasTable(opentype.MustNewTag("CFF ")):
		c, err := parseCFF(raw("CFF "))
		if err != nil {
			return nil, err
		}
		return &Font{kind: CFF, numGlyphs: len(c.charStrings), cff: c}, nil
	case ld.HasTable(opentype.MustNewTag("CFF2")):
		return nil, errors.New("subset: CFF2 fonts are not supported")
	}
	return nil, errors.New("subset: the font has neither glyf nor CFF outlines")
}

// Subset writes a font program holding glyph 0 and the glyphs gids (old
// glyph ids, any order, duplicates allowed), renumbered: new id i is
// Program.Old[i]; Old[0] == 0 and the rest ascending. Composite TrueType
// glyphs pull in their components.
func (f *Font) Subset(gids []uint16) (Program, error) {
	keep := make([]uint16, 0, len(gids)+1)
	keep = append(keep, 0)
	for _, g := range gids {
		if int(g) >= f.numGlyphs {
			return Program{}, fmt.Errorf("subset: glyph %d asked of a font with %d glyphs", g, f.numGlyphs)
		}
		keep = append(keep, g)
	}
	if f.kind == TrueType {
		var err error
		if keep, err = f.tt.closure(keep); err != nil {
			return Program{}, err
		}
	}
	old := sortedUnique(keep)
	var (
		data []byte
		err  error
	)
	if f.kind == TrueType {
		data, err = f.tt.write(old)
	} else {
		data, err = f.cff.write(old)
	}
	if err != nil {
		return Program{}, err
	}
	return Program{Kind: f.kind, Data: data, Old: old}, nil
}

func sortedUnique(g []uint16) []uint16 {
	sort.Slice(g, func(i, j int) bool { return g[i] < g[j] })
	out := g[:0]
	for i, v := range g {
		if i == 0 || v != g[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// newIndex is NewID over a sorted old-id list, for the writers.
func newIndex(old []uint16, g uint16) (uint16, bool) {
	return Program{Old: old}.NewID(g)
}

// checkDirectory makes sure every table of face index lies inside data
// before go-text reads one: a table length from a damaged directory would
// otherwise be allocated as is, up to 4 GiB.
func checkDirectory(data []byte, index int) error {
	if len(data) < 12 {
		return errors.New("subset: not a font file: too short")
	}
	faces := []uint32{0}
	switch tag := string(data[:4]); tag {
	case "\x00\x01\x00\x00", "OTTO", "true":
	case "ttcf":
		n := int(be.Uint32(data[8:]))
		if n <= 0 || 12+4*uint64(n) > uint64(len(data)) {
			return errors.New("subset: font collection header is damaged")
		}
		faces = make([]uint32, n)
		for i := range faces {
			faces[i] = be.Uint32(data[12+4*i:])
		}
	default:
		return fmt.Errorf("subset: not a TrueType or OpenType font (it starts %q)", tag)
	}
	if index < 0 || index >= len(faces) {
		return fmt.Errorf("subset: face %d asked of a file with %d faces", index, len(faces))
	}
	for _, off := range faces {
		if uint64(off)+12 > uint64(len(data)) {
			return errors.New("subset: a face lies outside the file")
		}
		nt := uint64(be.Uint16(data[off+4:]))
		if uint64(off)+12+16*nt > uint64(len(data)) {
			return errors.New("subset: table directory lies outside the file")
		}
		for i := range nt {
			rec := data[uint64(off)+12+16*i:]
			if uint64(be.Uint32(rec[8:]))+uint64(be.Uint32(rec[12:])) > uint64(len(data)) {
				return fmt.Errorf("subset: table %q lies outside the file", rec[:4])
			}
		}
	}
	return nil
}

// NumGlyphs is the number of glyphs of the face.
func (f *Font) NumGlyphs() int { return f.numGlyphs }
