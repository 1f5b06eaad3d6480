package xlsx

import (
	"context"

	"github.com/rolepack/rolepack/generator/render"
	"github.com/rolepack/rolepack/generator/view"
)

// Renderer writes the workbook.
type Renderer struct{}

// Name implements render.Renderer.
func (Renderer) Name() string { return "xlsx" }

// Files implements render.Renderer.
func (Renderer) Files() []string { return []string{view.WorkbookFile} }

// Render implements render.Renderer.
func (Renderer) Render(_ context.Context, v *view.View, w render.Writer) error {
	data, err := Workbook(v)
	if err != nil {
		return err
	}
	return w.WriteFile(view.WorkbookFile, data)
}
