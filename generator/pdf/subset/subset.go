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
