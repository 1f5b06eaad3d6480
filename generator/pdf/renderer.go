package pdf

import (
	"context"

	"github.com/rolepack/rolepack/generator/render"
	"github.com/rolepack/rolepack/generator/view"
)

// Renderer writes the controlled document and the acknowledgement sheets.
type Renderer struct{}

// Name implements render.Renderer.
func (Renderer) Name() string { return "pdf" }

// Files implements render.Renderer.
func (Renderer) Files() []string { return []string{DocumentFile, SignOffFile} }

// Render implements render.Renderer.
func (Renderer) Render(ctx context.Context, v *view.View, w render.Writer) error {
	data, err := Document(v)
	if err != nil {
		return err
	}
	if err := w.WriteFile(DocumentFile, data); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if data, err = SignOff(v); err != nil {
		return err
	}
	return w.WriteFile(SignOffFile, data)
}
