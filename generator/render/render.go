// Package render is the contract between the build pipeline and the
// outputs. An output is a Renderer: it reads a view of the pack and writes
// files; the pipeline decides when, into where, and what happens on
// failure, a panic included. Adding an output is a package implementing
// Renderer and one line in the pipeline's registry. A renderer that starts
// goroutines guards each one with internal/crash.Guard: a panic can only
// be recovered in the goroutine where it happens.
package render

import (
	"context"
	"io/fs"

	"github.com/rolepack/rolepack/generator/view"
)

// Writer receives an output's files. Names are slash-separated paths
// relative to the output directory. It is safe for concurrent use, and,
// like io.Writer, it does not keep data after WriteFile returns: a
// renderer may reuse its buffer for the next file.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Renderer is one output of a build.
type Renderer interface {
	// Name is the output's name, as --only takes it ("pdf").
	Name() string
	// Files lists what the output writes, relative to the output
	// directory; a directory ends in "/" ("site/").
	Files() []string
	// Render writes the output of v into w. It formats what the view
	// holds; it does not re-read sources or decide what to show.
	Render(ctx context.Context, v *view.View, w Writer) error
}

// TemplateChecker is implemented by an output whose templates a pack may
// override (under its templates/ directory, which is overrides, or nil).
// CheckTemplates reports what is wrong with them as model.Errors, so that
// a broken template is a problem of the pack that rolepack check finds,
// not a failure halfway through a build.
type TemplateChecker interface {
	CheckTemplates(overrides fs.FS) error
}
