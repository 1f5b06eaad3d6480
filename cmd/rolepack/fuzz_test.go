package main

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/crash"
	"github.com/rolepack/rolepack/internal/packtest"
)

type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// FuzzRenderers puts fuzzed text into a role's name, purpose (Markdown),
// a responsibility and an authority limit, and renders every output: no
// renderer may panic or fail on text the loader accepted.
func FuzzRenderers(f *testing.F) {
	for _, s := range []string{"Auditor", "<script>alert(1)</script>", "**bold** [x](javascript:y)", "=cmd|' /C calc'!A0",
		"Zoë Ñúñez Ελένη Дмитрий", strings.Repeat("long ", 300), "- a\n- b\n\n1. c", "`code` ~~x~~ | a | b |\n|---|---|"} {
		f.Add(s)
	}
	st := stamp.Stamp{Version: "1.0", ContentHash: strings.Repeat("ab", 32), BuildDate: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), Tool: "rolepack fuzz"}
	f.Fuzz(func(t *testing.T, s string) {
		q := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(s)
		dir := packtest.Write(t, packtest.With(packtest.Minimal, `-- roles/auditor.toml --
id = "auditor"
name = "A `+q+`"
category = "Assurance"
purpose = "`+q+`"
reports_to = "ceo"
responsibilities = ["Audit `+q+`"]

[[authority]]
text = "Inspect"
limit = "`+q+`"

[[assignment]]
person = "eve"
appointed_on = 2025-04-01
evidence = "C-9"
deputy = "dora"
`))
		p, err := model.Load(dir)
		if err != nil {
			return // the loader refused it, with a message: nothing to render
		}
		v := view.New(p, st, check.Run(p, st.Date()))
		// Every registered output, through the same contract the build uses.
		for _, r := range pipeline.Outputs {
			if err := r.Render(context.Background(), v, discard{}); err != nil {
				// A panic recovered inside the renderer keeps its stack.
				var ce *crash.Error
				if errors.As(err, &ce) {
					t.Fatalf("%s: %v\n%s", r.Name(), err, ce.Stack)
				}
				t.Fatalf("%s: %v", r.Name(), err)
			}
		}
	})
}
