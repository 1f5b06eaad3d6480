// Package jsonout writes the machine-readable outputs: rolepack.json, the
// resolved pack (docs/json.md), and stamp.json, the version stamp, which
// also marks a directory as rolepack's own output.
package jsonout

import (
	"context"

	"github.com/rolepack/rolepack/generator/render"
	"github.com/rolepack/rolepack/generator/view"
)

// Files written by this output.
const (
	PackFile  = "rolepack.json"
	StampFile = "stamp.json"
)

// Renderer writes rolepack.json and stamp.json.
type Renderer struct{}

// Name implements render.Renderer.
func (Renderer) Name() string { return "json" }

// Files implements render.Renderer.
func (Renderer) Files() []string { return []string{PackFile, StampFile} }

// Render implements render.Renderer.
func (Renderer) Render(_ context.Context, v *view.View, w render.Writer) error {
	if err := w.WriteFile(PackFile, v.Pack.ExportJSON()); err != nil {
		return err
	}
	return w.WriteFile(StampFile, v.Stamp.JSON())
}
