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

// CheckTemplates implements render.TemplateChecker. The two editions
// render the same templates, so the staff site's renderer checks them and
// the ISMS edition's does not check them again (a broken template would
// be reported twice).
func (r Renderer) CheckTemplates(overrides fs.FS) error {
	if r.Edition != Staff {
		return nil
	}
	return CheckTemplates(overrides)
}
