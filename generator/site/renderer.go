package site

import (
	"context"
	"io/fs"

	"github.com/rolepack/rolepack/generator/render"
	"github.com/rolepack/rolepack/generator/view"
)

// Renderer writes the intranet site under Dir.
type Renderer struct{}

// Name implements render.Renderer.
func (Renderer) Name() string { return "site" }

// Files implements render.Renderer.
func (Renderer) Files() []string { return []string{Dir + "/"} }

// Render implements render.Renderer. The pack's own templates/site/
// files override the defaults.
func (Renderer) Render(_ context.Context, v *view.View, w render.Writer) error {
	return Build(v, Options{Overrides: v.Pack.Templates()}, w)
}

// CheckTemplates implements render.TemplateChecker.
func (Renderer) CheckTemplates(overrides fs.FS) error { return CheckTemplates(overrides) }
