package pdf

import (
	"bytes"

	"github.com/go-pdf/fpdf"

	"github.com/rolepack/rolepack/generator/fonts"
)

// The document typeface is Noto Sans (regular, bold, italic) with Noto Sans
// Mono for code, under the SIL Open Font License (fonts/OFL.txt). It covers
// Latin (with Vietnamese), Greek and Cyrillic, has a plain zero that cannot
// be read as Ø and a hyphen shorter than the en dash. fpdf embeds only the
// glyphs a document uses. Chinese, Japanese and Korean (CFF-only fonts that
// fpdf cannot read, and more than 15 MB) and Arabic (which needs shaping and
// right-to-left ordering that fpdf does not do) are not covered: docs/pdf.md.
var (
	sansRegular = fonts.Builtin().Chain(fonts.Regular)[0].Data
	sansBold    = fonts.Builtin().Chain(fonts.Bold)[0].Data
	sansItalic  = fonts.Builtin().Chain(fonts.Italic)[0].Data
	monoRegular = fonts.Builtin().Chain(fonts.Mono)[0].Data
)

// Font families of the document.
const (
	sans = "sans"
	mono = "mono"
)

// fontSet says which faces beyond regular and bold a document registers:
// reading a face costs a few milliseconds per document, which counts when
// a build writes a letter and a brief for each of a thousand people.
type fontSet struct{ italic, mono bool }

// allFonts is every face, for documents that typeset the pack's Markdown.
var allFonts = fontSet{italic: true, mono: true}

// addFonts registers the typeface. fpdf writes into the font bytes it is
// given while subsetting, so each document gets its own copy: otherwise
// the second document of a process would differ from the first.
func addFonts(f *fpdf.Fpdf, set fontSet) {
	f.AddUTF8FontFromBytes(sans, "", bytes.Clone(sansRegular))
	f.AddUTF8FontFromBytes(sans, "B", bytes.Clone(sansBold))
	if set.italic {
		f.AddUTF8FontFromBytes(sans, "I", bytes.Clone(sansItalic))
	}
	if set.mono {
		f.AddUTF8FontFromBytes(mono, "", bytes.Clone(monoRegular))
	}
}
