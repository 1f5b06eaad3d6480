package pdf

import (
	"github.com/rolepack/rolepack/generator/fonts"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pdf/pdfdoc"
	"github.com/rolepack/rolepack/generator/view"
)

// Font families of the document: the built-in Noto Sans and Noto Sans
// Mono (generator/fonts), each falling back to the pack's faces for the
// scripts they lack.
const (
	sans = "sans"
	mono = "mono"
)

type engineKey struct{}

// engine is the text engine of a build: one per view, shared by every
// document of the build and every goroutine, so that faces are parsed
// once and a line of text is shaped once.
func engine(v *view.View) *pdfdoc.Engine {
	return v.Memo(engineKey{}, func() any { return pdfdoc.NewEngine(fontSet(v.Pack)) }).(*pdfdoc.Engine)
}

// fontSet is the faces the pack's documents may use: the built-in ones
// and the pack's [[font]] faces, loaded with the pack.
func fontSet(p *model.Pack) *fonts.Set {
	return p.Fonts()
}

// paper is the page size the pack asks for.
func paper(p *model.Pack) pdfdoc.Size {
	if p.Document.Paper == "letter" {
		return pdfdoc.Letter
	}
	return pdfdoc.A4
}
