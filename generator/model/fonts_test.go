package model_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/rolepack/rolepack/generator/fonts"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// builtinFont is a built-in face the tests copy, as a stand-in for a font
// of another script.
func builtinFont(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "fonts", "files", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// withFonts is the minimal pack with fontTOML after its pack.toml, and the
// line its first added line has.
func withFonts(fontTOML string) (archive string, firstLine int) {
	a := txtar.Parse([]byte(packtest.Minimal))
	for i, f := range a.Files {
		if f.Name == model.PackFile {
			firstLine = strings.Count(string(f.Data), "\n") + 2
			a.Files[i].Data = slices.Concat(f.Data, []byte("\n"+fontTOML))
		}
	}
	return string(txtar.Format(a)), firstLine
}

// writeWithFonts writes the pack and the files (path → data) beside it.
func writeWithFonts(t *testing.T, archive string, files map[string][]byte) string {
	t.Helper()
	dir := packtest.Write(t, archive)
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestNoFontIsBuiltinOnly(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	if s := p.Fonts(); s == nil || len(s.Extra) != 0 || !s.Printable('é') || s.Printable('日') {
		t.Errorf("fonts of a pack without [[font]]: %+v", s)
	}
	if (&model.Pack{}).Fonts() == nil {
		t.Error("a pack built by hand has no fonts")
	}
}

// A [[font]] file inside the pack, with its bold face, joins the set after
// the built-in faces and the pack's files (so the stamp covers it).
func TestFontFile(t *testing.T) {
	regular, bold := builtinFont(t, "NotoSans-Regular.ttf"), builtinFont(t, "NotoSans-Bold.ttf")
	archive, _ := withFonts(`[[font]]
file = "fonts/Other-Regular.ttf"
bold = "fonts/Other-Bold.ttf"
`)
	dir := writeWithFonts(t, archive, map[string][]byte{"fonts/Other-Regular.ttf": regular, "fonts/Other-Bold.ttf": bold})
	p, err := model.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	extra := p.Fonts().Extra
	if len(extra) != 2 || extra[0].Style != fonts.Regular || extra[1].Style != fonts.Bold ||
		extra[0].Origin != "fonts/Other-Regular.ttf" || extra[1].Origin != "fonts/Other-Bold.ttf" || extra[0].Family != "Noto Sans" {
		t.Fatalf("extra faces: %+v", extra)
	}
	files := map[string]int{}
	for _, f := range p.Files {
		files[f.Path] = len(f.Data)
	}
	if files["fonts/Other-Regular.ttf"] != len(regular) || files["fonts/Other-Bold.ttf"] != len(bold) {
		t.Errorf("the font files are not among the pack's files byte for byte: %v", files)
	}
}

// A family is looked up in the font directories (ROLEPACK_FONT_DIRS here):
// its regular and bold faces, named by family rather than by path.
func TestFontFamily(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"} {
		if err := os.WriteFile(filepath.Join(dir, name), builtinFont(t, name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv(fonts.DirsEnv, dir)
	archive, _ := withFonts(`[[font]]
family = "noto sans"
sha256 = "89C3C497F618FDAA0B2D1E98FEF93582F28C71DEBD2C4A8CDF41F190CED2909D"
`)
	p := packtest.Load(t, archive)
	extra := p.Fonts().Extra
	if len(extra) != 2 || extra[0].Style != fonts.Regular || extra[1].Style != fonts.Bold ||
		extra[0].Origin != "system: Noto Sans" || extra[0].SHA256 != "89c3c497f618fdaa0b2d1e98fef93582f28c71debd2c4a8cdf41f190ced2909d" {
		t.Fatalf("extra faces: %+v", extra)
	}
	for _, f := range p.Files {
		if strings.HasSuffix(f.Path, ".ttf") {
			t.Errorf("a system font is among the pack's files: %s", f.Path)
		}
	}
}

// Every mistake in a [[font]] is an error at its key, saying what to do.
func TestFontErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "NotoSans-Regular.ttf"), builtinFont(t, "NotoSans-Regular.ttf"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(fonts.DirsEnv, dir)
	const wrongSum = "0000000000000000000000000000000000000000000000000000000000000000"
	files := map[string][]byte{"fonts/a.ttf": builtinFont(t, "NotoSans-Regular.ttf"), "fonts/notes.ttf": []byte("not a font\n")}
	for _, tc := range []struct {
		name, toml string
		want       string // with %d for the first line of the [[font]]
	}{
		{"both", "[[font]]\nfile = \"fonts/a.ttf\"\nfamily = \"Noto Sans\"\n",
			`pack.toml:%[3]d:1: a [[font]] names a file or a family, not both`},
		{"neither", "[[font]]\nsha256 = \"" + wrongSum + "\"\n",
			`pack.toml:%[1]d:1: a [[font]] needs file = "fonts/….ttf" (a font file inside the pack) or family = "…"`},
		{"missing file", "[[font]]\nfile = \"fonts/nope.ttf\"\n",
			`pack.toml:%[2]d:1: font file "fonts/nope.ttf": there is no such file inside the content directory`},
		{"missing bold", "[[font]]\nfile = \"fonts/a.ttf\"\nbold = \"fonts/a-bold.ttf\"\n",
			`pack.toml:%[3]d:1: font file "fonts/a-bold.ttf": there is no such file inside the content directory`},
		{"outside", "[[font]]\nfile = \"../a.ttf\"\n",
			`pack.toml:%[2]d:1: font file "../a.ttf" must be a path inside the content directory`},
		{"not a font", "[[font]]\nfile = \"fonts/notes.ttf\"\n",
			`pack.toml:%[2]d:1: font file "fonts/notes.ttf" is not a TrueType or OpenType font`},
		{"no such face", "[[font]]\nfile = \"fonts/a.ttf\"\nindex = 3\n",
			`pack.toml:%[2]d:1: font file "fonts/a.ttf" is not a TrueType or OpenType font or collection that rolepack can read (the file holds 1 faces, not a face number 3)`},
		{"family not found", "[[font]]\nfamily = \"Noto Sanz\"\n",
			`pack.toml:%[2]d:1: font family "Noto Sanz" not found on this machine (did you mean "Noto Sans"?; on Debian: apt install fonts-noto-core)`},
		{"family prefix", "[[font]]\nfamily = \"Noto\"\n",
			`pack.toml:%[2]d:1: font family "Noto" not found on this machine (did you mean "Noto Sans"?)`},
		{"family pinned", "[[font]]\nfamily = \"Noto Sans\"\nsha256 = \"" + wrongSum + "\"\n",
			`pack.toml:%[3]d:1: font family "Noto Sans": the file found is ` + filepath.Join(dir, "NotoSans-Regular.ttf") + ` (sha256 89c3c497f618fdaa0b2d1e98fef93582f28c71debd2c4a8cdf41f190ced2909d), pack.toml pins ` + wrongSum},
		{"file pinned", "[[font]]\nfile = \"fonts/a.ttf\"\nsha256 = \"" + wrongSum + "\"\n",
			`pack.toml:%[3]d:1: font file "fonts/a.ttf": its sha256 is 89c3c497f618fdaa0b2d1e98fef93582f28c71debd2c4a8cdf41f190ced2909d, pack.toml pins ` + wrongSum},
		{"bad pin", "[[font]]\nfamily = \"Noto Sans\"\nsha256 = \"abc\"\n",
			`pack.toml:%[3]d:1: "sha256" must be the 64 hexadecimal digits`},
		{"bold of a family", "[[font]]\nfamily = \"Noto Sans\"\nbold = \"fonts/a.ttf\"\n",
			`pack.toml:%[3]d:1: "bold" is for a [[font]] file`},
		{"misspelt key", "[[font]]\nfamilly = \"Noto Sans\"\n",
			`pack.toml:%[2]d:1: unknown key "familly" in [[font]] (did you mean "family"?)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			archive, first := withFonts(tc.toml)
			_, err := model.Load(writeWithFonts(t, archive, files))
			if err == nil {
				t.Fatal("loaded; want an error")
			}
			want := fmt.Sprintf(tc.want, first, first+1, first+2)
			if !strings.Contains(err.Error(), want) {
				t.Errorf("got\n%v\nwant an error starting\n%s", err, want)
			}
		})
	}
}

// cjkInstalled skips the test when Noto Sans CJK is not installed, and
// fails it on CI, where it must be.
func cjkInstalled(t *testing.T) {
	t.Helper()
	if _, err := os.Stat("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v: install fonts-noto-cjk", err)
		}
		t.Skip(err)
	}
	t.Setenv(fonts.DirsEnv, "/usr/share/fonts")
}

// The Debian CJK collection: the family is a face of each .ttc, and a
// family written short is told the one the script table recommends.
func TestCJKFamily(t *testing.T) {
	cjkInstalled(t)
	archive, _ := withFonts("[[font]]\nfamily = \"Noto Sans CJK JP\"\n")
	p := packtest.Load(t, archive)
	extra := p.Fonts().Extra
	if len(extra) != 2 || extra[0].Family != "Noto Sans CJK JP" || extra[1].Style != fonts.Bold || !p.Fonts().Printable('漢') {
		t.Errorf("extra faces: %+v", extra)
	}
	archive, first := withFonts("[[font]]\nfamily = \"Noto Sans CJK\"\n")
	want := fmt.Sprintf(`pack.toml:%d:1: font family "Noto Sans CJK" not found on this machine (did you mean "Noto Sans CJK JP"?; on Debian: apt install fonts-noto-cjk)`, first+1)
	if got := loadErrors(t, archive); len(got) != 1 || got[0] != want {
		t.Errorf("got %q\nwant %s", got, want)
	}
}
