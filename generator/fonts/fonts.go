// Package fonts holds the typefaces the PDF documents are set in: the
// built-in faces, part of the binary, and the faces a pack adds for other
// scripts ([[font]] in pack.toml). Each face is parsed once per process
// (built-in) or per load (a pack's) and shared, read-only, by every
// document and goroutine; what a face can print decides both how the PDF
// falls back from face to face and what `rolepack check` reports as
// unprintable, so the two cannot disagree.
package fonts

import (
	"bytes"
	"crypto/sha256"
	_ "embed" // the built-in typeface is part of the binary
	"encoding/hex"
	"fmt"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

// The built-in typeface is Noto Sans (regular, bold, italic) with Noto Sans
// Mono for code, under the SIL Open Font License (files/OFL.txt). It covers
// Latin (with Vietnamese), Greek and Cyrillic, has a plain zero that cannot
// be read as Ø and a hyphen shorter than the en dash. Other scripts come
// from the pack's fonts (docs/format.md names one for each).
var (
	//go:embed files/NotoSans-Regular.ttf
	sansRegular []byte
	//go:embed files/NotoSans-Bold.ttf
	sansBold []byte
	//go:embed files/NotoSans-Italic.ttf
	sansItalic []byte
	//go:embed files/NotoSansMono-Regular.ttf
	monoRegular []byte
)

// Style is the weight or slant a run of text asks for.
type Style uint8

// The styles the documents use. Code is set in Mono.
const (
	Regular Style = iota
	Bold
	Italic
	Mono
)

func (s Style) String() string {
	switch s {
	case Bold:
		return "bold"
	case Italic:
		return "italic"
	case Mono:
		return "mono"
	}
	return "regular"
}

// Face is one parsed font face.
type Face struct {
	// Name is the face's PostScript-style name, as a PDF's BaseFont
	// shows it (with a subset tag before it).
	Name string
	// Family is the family the face belongs to ("Noto Sans CJK JP").
	Family string
	Style  Style
	// Font is the parsed face, safe to share between goroutines (a
	// font.Face made from it is not).
	Font *font.Font
	// Data and Index are the file the face was read from and its number
	// in a collection: the PDF writer subsets the face from them.
	Data  []byte
	Index int
	// Origin says where the face comes from: "built-in", a path inside
	// the pack, or "system: <family>" for a family found on the machine
	// (not its path, which differs from machine to machine when the file
	// does not).
	Origin string
	// SHA256 is the hex digest of the file: the manifest and the stamp's
	// inputs record it, so a build on another machine with another
	// version of a system font is told apart.
	SHA256 string
}

// Has reports whether the face maps r to a glyph.
func (f *Face) Has(r rune) bool {
	_, ok := f.Font.Cmap.Lookup(r)
	return ok
}

// Set is the faces a pack's documents may use: for each style its
// built-in face first, then the pack's faces in the order pack.toml names
// them. Text falls back from face to face, character by character, to the
// first face that has the character.
type Set struct {
	builtin [4]*Face // by Style
	// Extra are the pack's faces, in the order pack.toml names them.
	Extra []*Face
}

// Builtin is the set of built-in faces alone, parsed once per process.
func Builtin() *Set {
	builtinOnce.Do(func() {
		files := [4]struct {
			data         []byte
			name, family string
		}{
			Regular: {sansRegular, "NotoSans-Regular", "Noto Sans"},
			Bold:    {sansBold, "NotoSans-Bold", "Noto Sans"},
			Italic:  {sansItalic, "NotoSans-Italic", "Noto Sans"},
			Mono:    {monoRegular, "NotoSansMono-Regular", "Noto Sans Mono"},
		}
		for style, file := range files {
			f, err := Parse(file.data, 0)
			if err != nil {
				// The files are part of the binary and tested: this
				// cannot happen in a build that passed its tests.
				panic(fmt.Sprintf("fonts: built-in %s: %v", file.name, err))
			}
			f.Name, f.Family, f.Style, f.Origin = file.name, file.family, Style(style), "built-in"
			builtinSet.builtin[style] = f
		}
	})
	return &builtinSet
}

var (
	builtinOnce sync.Once
	builtinSet  Set
)

// WithExtra is the built-in set with the pack's faces after it.
func WithExtra(extra []*Face) *Set {
	s := *Builtin()
	s.Extra = extra
	return &s
}

// Parse reads face index of a font file (a collection holds several).
// The face's Name and Family are read from the file; callers set Style
// and Origin.
func Parse(data []byte, index int) (*Face, error) {
	sum := sha256.Sum256(data)
	key := parsedKey{sum, index}
	if f, ok := parsedFaces.get(key); ok {
		// The same bytes were parsed before (another load of the pack,
		// a rebuild of serve): the parsed face is shared, read-only.
		c := *f
		return &c, nil
	}
	// Only the face asked for is parsed: a CJK collection holds ten.
	loaders, err := ot.NewLoaders(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if index < 0 || index >= len(loaders) {
		return nil, fmt.Errorf("the file holds %d faces, not a face number %d", len(loaders), index)
	}
	ft, err := font.NewFont(loaders[index])
	if err != nil {
		return nil, err
	}
	desc := ft.Describe()
	f := &Face{
		Name:   postScriptName(desc.Family, desc.Aspect.Weight >= font.WeightBold, desc.Aspect.Style == font.StyleItalic),
		Family: desc.Family,
		Font:   ft,
		Data:   data,
		Index:  index,
		SHA256: hex.EncodeToString(sum[:]),
	}
	parsedFaces.put(key, f)
	c := *f
	return &c, nil
}

type parsedKey struct {
	sum   [32]byte
	index int
}

var parsedFaces faceCache[parsedKey]

// faceCache keeps parsed faces for the life of the process, at most 64 (a
// pack names a few faces; past that the cache starts again). A face is
// shared read-only: callers take a copy to set its Style and Origin.
type faceCache[K comparable] struct {
	mu    sync.Mutex
	faces map[K]*Face
}

func (c *faceCache[K]) get(k K) (*Face, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.faces[k]
	return f, ok
}

func (c *faceCache[K]) put(k K, f *Face) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.faces == nil || len(c.faces) >= 64 {
		c.faces = map[K]*Face{}
	}
	c.faces[k] = f
}

// postScriptName makes a BaseFont name from a family: letters and digits
// only, as PDF names of fonts are written.
func postScriptName(family string, bold, italic bool) string {
	var b []byte
	for _, r := range family {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b = append(b, byte(r))
		}
	}
	if len(b) == 0 {
		b = []byte("Font")
	}
	switch {
	case bold && italic:
		b = append(b, "-BoldItalic"...)
	case bold:
		b = append(b, "-Bold"...)
	case italic:
		b = append(b, "-Italic"...)
	default:
		b = append(b, "-Regular"...)
	}
	return string(b)
}

// Chain is the faces text of a style falls back through: the built-in
// face of the style, the other built-in faces (the mono face has arrows
// and symbols Noto Sans lacks, such as "→"), then for each of the pack's
// families its face of that style, or its regular face when it has none
// (a bold CJK name is set in the regular CJK face rather than in boxes).
func (s *Set) Chain(style Style) []*Face {
	out := []*Face{s.builtin[style]}
	for _, other := range []Style{Regular, Mono} {
		if other != style {
			out = append(out, s.builtin[other])
		}
	}
	seen := map[string]bool{}
	for _, f := range s.Extra {
		if seen[f.Family] {
			continue
		}
		seen[f.Family] = true
		out = append(out, s.familyFace(f.Family, style))
	}
	return out
}

// familyFace is the pack's face of family in style, else its regular one,
// else its first.
func (s *Set) familyFace(family string, style Style) *Face {
	var regular, first *Face
	for _, f := range s.Extra {
		if f.Family != family {
			continue
		}
		if f.Style == style {
			return f
		}
		if first == nil {
			first = f
		}
		if f.Style == Regular && regular == nil {
			regular = f
		}
	}
	if regular != nil {
		return regular
	}
	return first
}

// Faces is every face of the set, built-in first: the PDF writer gives
// each its font resource.
func (s *Set) Faces() []*Face {
	out := append([]*Face{}, s.builtin[:]...)
	return append(out, s.Extra...)
}

// Printable reports whether a document can show r: some face of the set
// has a glyph for it, or it is a character drawn as nothing or as a
// space whatever the font (a control, a format character, a variation
// selector, a space). It is the one rule both the PDF's fallback and
// `rolepack check` follow.
func (s *Set) Printable(r rune) bool {
	if Invisible(r) || unicode.IsSpace(r) {
		return true
	}
	for _, f := range s.builtin {
		if f.Has(r) {
			return true
		}
	}
	for _, f := range s.Extra {
		if f.Has(r) {
			return true
		}
	}
	return false
}

// Invisible reports the characters a document draws as nothing: controls,
// format characters (joiners, direction marks), variation selectors and
// the other default-ignorable code points.
func Invisible(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r) ||
		unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r)
}
