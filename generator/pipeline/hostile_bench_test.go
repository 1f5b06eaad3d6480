//go:build unix

package pipeline_test

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/internal/packtest"
)

// hostilePacks are the Minimal pack with values at the documented maxima
// written as one unbroken word: model.MaxTextRunes for a long text (a
// Markdown purpose or scope, education, a revision summary) and
// model.MaxLineRunes for a short one (a name, a title, a list entry);
// beside them the ordinary pack to compare with (docs/security.md,
// "Layout time and nesting"). "brackets" and "open-links" are purposes
// that goldmark parses in time that grows faster than their length.
func hostilePacks() []struct{ name, archive string } {
	long := strings.Repeat("x", model.MaxTextRunes)
	short := strings.Repeat("N", model.MaxLineRunes)
	half := (model.MaxTextRunes - 4) / 2
	brackets := strings.Repeat("[", half) + "word" + strings.Repeat("]", half)
	purpose := func(v string) string {
		return packtest.Edit(packtest.Minimal, "roles/ism.toml", `purpose = "Runs the ISMS."`, `purpose = "`+v+`"`)
	}
	every := purpose(long)
	for _, e := range []struct{ file, old, new string }{
		{"roles/ism.toml", `name = "Information Security Manager"`, `name = "` + short + `"`},
		{"roles/ism.toml", `category = "Management"`, `category = "` + short + `"
education = "` + long + `"
experience = "` + long + `"`},
		{"roles/ism.toml", `"Keep the ISMS conformant"`, `"` + short + `"`},
		{"roles/ism.toml", `text = "Stop a risky change"`, `text = "` + short + `"`},
		{"roles/ism.toml", `limit = "for up to 48 hours"`, `limit = "` + short + `"`},
		{"pack.toml", `name = "Example Ltd"`, `name = "` + short + `"`},
		{"pack.toml", `scope = "The ISMS covers *all* services."`, `scope = "` + long + `"`},
		{"pack.toml", `name = "Operations"`, `name = "` + short + `"`},
		{"pack.toml", `title = "Roles and Responsibilities"`, `title = "` + short + `"`},
		{"pack.toml", `summary = "First issue."`, `summary = "` + long + `"`},
		{"people.toml", `name = "Ann Admin"`, `name = "` + short + `"`},
		{"people.toml", `job_title = "Security Manager"`, `job_title = "` + short + `"`},
		{"raci.toml", `name = "Assess information security risks"`, `name = "` + short + `"`},
		{"raci.toml", `process = "Risk management"`, `process = "` + short + `"`},
		{"competences.toml", `name = "ISO/IEC 27001 implementation"`, `name = "` + short + `"`},
		{"review-team.toml", `agenda = ["Status of actions"]`, `agenda = ["` + short + `"]`},
	} {
		every = packtest.Edit(every, e.file, e.old, e.new)
	}
	return []struct{ name, archive string }{
		{"ordinary", packtest.Minimal},
		{"purpose-word", purpose(long)},
		{"name-word", packtest.Edit(packtest.Minimal, "roles/ism.toml", `name = "Information Security Manager"`, `name = "`+short+`"`)},
		{"brackets", purpose(brackets)},
		{"open-links", purpose(strings.Repeat("[a](", model.MaxTextRunes/4))},
		{"every-field", every},
	}
}

// BenchmarkHostileBuild builds every output of each hostile pack and
// reports the CPU time a build takes (user and system, all threads: the
// people output renders in parallel) beside the wall time. The guarantee
// is that each costs less than 2 CPU-seconds more than "ordinary".
func BenchmarkHostileBuild(b *testing.B) {
	for _, pk := range hostilePacks() {
		b.Run(pk.name, func(b *testing.B) {
			dir := packtest.Write(b, pk.archive)
			if _, err := model.Load(dir); err != nil {
				b.Fatalf("the pack does not load:\n%v", err)
			}
			out := filepath.Join(b.TempDir(), "out")
			o := options(dir, out)
			o.Force = true
			start := cpuTime()
			for b.Loop() {
				if _, err := pipeline.Build(context.Background(), o); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// cpuTime is the CPU time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
