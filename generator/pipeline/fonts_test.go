package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/rolepack/rolepack/generator/build"
	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/fonts"
	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/internal/packtest"
)

// A font family found on the machine is an input of the build: its file's
// hash is in the stamp and the manifest, and another version of the file
// gives another stamp and a rebuild, though the sources are the same.
func TestSystemFontIsAnInput(t *testing.T) {
	fontDir := t.TempDir()
	for _, name := range []string{"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"} {
		data, err := os.ReadFile(filepath.Join("..", "fonts", "files", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(fontDir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv(fonts.DirsEnv, fontDir)
	dir := packtest.Write(t, packtest.Edit(packtest.Minimal, "pack.toml", `summary = "First issue."`, `summary = "First issue."

[[font]]
family = "Noto Sans"`))
	out := filepath.Join(t.TempDir(), "out")
	o := options(dir, out)
	o.Only = []string{"json"}

	first, err := pipeline.Build(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	recorded := first.Stamp.Fonts
	if len(recorded) != 2 || recorded[0].Origin != "system: Noto Sans" || recorded[0].Style != "regular" || len(recorded[0].SHA256) != 64 {
		t.Fatalf("stamp fonts %+v", recorded)
	}
	m, err := build.ReadManifest(out)
	if err != nil || len(m.Fonts) != 2 || m.Fonts[0] != recorded[0] || m.Fonts[1] != recorded[1] {
		t.Fatalf("manifest fonts %+v (%v), want %+v", m.Fonts, err, recorded)
	}
	if again, err := pipeline.Build(context.Background(), o); err != nil || !again.Current {
		t.Fatalf("same inputs: current %v, %v", again.Current, err)
	}

	// Another version of the regular face: the same font with bytes after
	// its tables.
	regular := filepath.Join(fontDir, "NotoSans-Regular.ttf")
	data, err := os.ReadFile(regular)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(regular, append(data, make([]byte, 16)...), 0o644); err != nil {
		t.Fatal(err)
	}
	second, err := pipeline.Build(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if second.Current || second.Stamp.ContentHash == first.Stamp.ContentHash || second.Stamp.Fonts[0].SHA256 == recorded[0].SHA256 ||
		second.Stamp.Fonts[1] != recorded[1] {
		t.Errorf("another version of the font: current %v, hash %s → %s, fonts %+v → %+v",
			second.Current, first.Stamp.ShortHash(), second.Stamp.ShortHash(), recorded, second.Stamp.Fonts)
	}
	if m, err := build.ReadManifest(out); err != nil || m.Fonts[0].SHA256 != second.Stamp.Fonts[0].SHA256 {
		t.Errorf("manifest fonts %+v (%v)", m.Fonts, err)
	}
}

// A name no font of the pack prints stops an approved document (RP-FONT-01
// is an error) and is shown in a draft, which builds.
func TestUnprintableNameStopsAnApprovedBuild(t *testing.T) {
	pack := packtest.Edit(packtest.Minimal, "people.toml", `name = "Dora Deputy"`, `name = "田中 ドーラ"`)
	out := filepath.Join(t.TempDir(), "out")
	_, err := pipeline.Build(context.Background(), options(packtest.Write(t, pack), out))
	var blocked *pipeline.BlockedError
	if !errors.As(err, &blocked) || !slices.ContainsFunc(blocked.Report.Findings, func(f check.Finding) bool {
		return f.Rule == "RP-FONT-01" && f.Pos.String() == "people.toml:23:1"
	}) {
		t.Fatalf("approved: %v; want a BlockedError with RP-FONT-01 at people.toml:23:1", err)
	}
	draft := packtest.Edit(pack, "pack.toml", `status = "approved"`, `status = "draft"`)
	o := options(packtest.Write(t, draft), out)
	o.Only = []string{"json"}
	res, err := pipeline.Build(context.Background(), o)
	if err != nil || !slices.ContainsFunc(res.Report.Findings, func(f check.Finding) bool { return f.Rule == "RP-FONT-01" }) {
		t.Fatalf("draft: %v; want it built, with the finding in its report", err)
	}
}
