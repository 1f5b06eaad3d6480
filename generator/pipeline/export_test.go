package pipeline

import (
	"slices"
	"testing"

	"github.com/rolepack/rolepack/generator/render"
)

// ReplaceOutput registers r in place of the output of the same name until
// the test ends, so that a test can build with a renderer that fails.
func ReplaceOutput(t testing.TB, r render.Renderer) {
	t.Helper()
	saved := Outputs
	i := slices.IndexFunc(Outputs, func(o render.Renderer) bool { return o.Name() == r.Name() })
	if i < 0 {
		t.Fatalf("no output named %q", r.Name())
	}
	Outputs = slices.Clone(Outputs)
	Outputs[i] = r
	t.Cleanup(func() { Outputs = saved })
}
