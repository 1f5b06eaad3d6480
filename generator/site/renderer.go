package site

import (
	"context"
	"io/fs"

	"github.com/rolepack/rolepack/generator/render"
	"github.com/rolepack/rolepack/generator/view"
)

// Renderer writes one edition of the intranet site under its directory:
// the staff site (the zero value) or the ISMS edition.
type Renderer struct{ Edition Edition }

// Name implements render.Renderer: "site" or "isms".
func (r Renderer) Name() string { return r.Edition.Name() }

// Files implements render.Renderer.
func (r Renderer) Files() []string { return []string{r.Edition.Dir() + "/"} }

// Render implements render.Renderer. The pack's own templates/site/
// files override the defaults, in both editions.
func (r Renderer) Render(_ context.Context, v *view.View, w render.Writer) error {
	return Build(v, Options{Overrides: v.Pack.Templates(), Edition: r.Edition}, w)
}

// CheckTemplates implements render.TemplateChecker.
func (Renderer) CheckTemplates(overrides fs.FS) error { return CheckTemplates(overrides) }
