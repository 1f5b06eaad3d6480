package subset_test

import (
	"bytes"
	"go/build"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/cff"
	"github.com/go-text/typesetting/font/opentype"

	"github.com/rolepack/rolepack/generator/pdf/subset"
)

const repoFonts = "../../fonts/files/"

// machineFont reads a font installed on the machine: absent, the test is
// skipped, except on CI where the fonts are part of the image.
func machineFont(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v: install fonts-noto-core / fonts-noto-cjk", err)
		}
		t.Skipf("%v (install fonts-noto-core / fonts-noto-cjk)", err)
	}
	return b
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// cffTestFont is a tiny name-keyed CFF font shipped in golang.org/x/image,
// a dependency of the module, so it is in the module cache whenever the
// module builds.
func cffTestFont(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(modCache(), "golang.org/x/image@v0.47.0/font/testdata/CFFTest.otf"))
	if err != nil {
		t.Skipf("no name-keyed CFF font at hand: %v", err)
	}
	return b
}

func modCache() string {
	if cache := os.Getenv("GOMODCACHE"); cache != "" {
		return cache
	}
	return filepath.Join(build.Default.GOPATH, "pkg", "mod")
}

type sample struct {
	name  string
	data  func(testing.TB) []byte
	index int
	text  string
}

var trueTypeSamples = []sample{
	{"NotoSans-Regular", func(t testing.TB) []byte { return readFile(t, repoFonts+"NotoSans-Regular.ttf") }, 0,
		"Hiring manager: Zoë Ångström — naïve café, œuvre «fin» ½ ﬁ € ẞ ǅ Ḯ"},
	{"NotoSans-Bold", func(t testing.TB) []byte { return readFile(t, repoFonts+"NotoSans-Bold.ttf") }, 0,
		"Role: Senior Engineer — Łódź, Ñandú, Ærø, Ελληνικά, Кириллица"},
	{"NotoSansMono-Regular", func(t testing.TB) []byte { return readFile(t, repoFonts+"NotoSansMono-Regular.ttf") }, 0,
		"func main() { return x != y && ĉ ≤ 0x1F }"},
	{"NotoSansArabic", func(t testing.TB) []byte {
		return machineFont(t, "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf")
	}, 0, "مدير التوظيف: مهندس أول ١٢٣"},
	{"NotoSansDevanagari", func(t testing.TB) []byte {
		return machineFont(t, "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf")
	}, 0, "भर्ती प्रबंधक: वरिष्ठ अभियंता"},
	{"NotoSansThai", func(t testing.TB) []byte {
		return machineFont(t, "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf")
	}, 0, "ผู้จัดการฝ่ายสรรหา วิศวกรอาวุโส"},
}

var cffSamples = []sample{
	{"NotoSansCJK", func(t testing.TB) []byte {
		return machineFont(t, "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
	}, 0, "招聘经理：高级工程师 採用担当 채용 담당자 かなカナ"},
	{"CFFTest", cffTestFont, 0, "ABCdefxyz"},
}

// glyphs picks the glyphs a test subsets: those of text, and some random ids.
func glyphs(t testing.TB, face *font.Face, n int, text string) []uint16 {
	t.Helper()
	var out []uint16
	for _, r := range text {
		if g, ok := face.NominalGlyph(r); ok {
			out = append(out, uint16(g))
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		out = append(out, uint16(rng.IntN(n)))
	}
	out = append(out, out[0]) // a duplicate
	return out
}

func parseFace(t testing.TB, data []byte, index int) *font.Face {
	t.Helper()
	faces, err := font.ParseTTC(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return faces[index]
}

func checkProgram(t *testing.T, p subset.Program, asked []uint16) {
	t.Helper()
	if len(p.Old) == 0 || p.Old[0] != 0 {
		t.Fatalf("glyph 0 not first: %v", p.Old)
	}
	if !slices.IsSorted(p.Old) || len(slices.Compact(slices.Clone(p.Old))) != len(p.Old) {
		t.Fatalf("Old not strictly ascending: %v", p.Old)
	}
	for _, g := range asked {
		id, ok := p.NewID(g)
		if !ok || p.Old[id] != g {
			t.Fatalf("NewID(%d) = %d, %v", g, id, ok)
		}
	}
	if _, ok := p.NewID(65535); ok && p.Old[len(p.Old)-1] != 65535 {
		t.Fatal("NewID found a glyph not kept")
	}
}

func TestTrueTypeOutlines(t *testing.T) {
	for _, s := range trueTypeSamples {
		t.Run(s.name, func(t *testing.T) {
			data := s.data(t)
			f, err := subset.Parse(data, s.index)
			if err != nil {
				t.Fatal(err)
			}
			orig := parseFace(t, data, s.index)
			asked := glyphs(t, orig, f.NumGlyphs(), s.text)
			p, err := f.Subset(asked)
			if err != nil {
				t.Fatal(err)
			}
			if p.Kind != subset.TrueType {
				t.Fatalf("kind %v", p.Kind)
			}
			checkProgram(t, p, asked)
			checkSfnt(t, p.Data)
			sub, err := font.ParseTTF(bytes.NewReader(p.Data))
			if err != nil {
				t.Fatalf("go-text cannot read the subset: %v", err)
			}
			if got := sub.Upem(); got != orig.Upem() {
				t.Errorf("units per em %d, want %d", got, orig.Upem())
			}
			for i, old := range p.Old {
				want := orig.GlyphData(font.GID(old))
				got := sub.GlyphData(font.GID(i))
				if !reflect.DeepEqual(got, want) {
					t.Errorf("glyph %d (old %d): outline differs\n got %v\nwant %v", i, old, got, want)
				}
				if a, b := sub.HorizontalAdvance(font.GID(i)), orig.HorizontalAdvance(font.GID(old)); a != b {
					t.Errorf("glyph %d (old %d): advance %v, want %v", i, old, a, b)
				}
			}
			t.Logf("%d glyphs asked, %d kept, %d bytes of %d", len(asked), len(p.Old), len(p.Data), len(data))
		})
	}
}

// checkSfnt verifies the table directory: sorted, aligned, checksums right,
// and the whole-file checksum adjustment.
func checkSfnt(t *testing.T, b []byte) {
	t.Helper()
	sum := func(b []byte) uint32 {
		var s uint32
		for i := 0; i < len(b); i += 4 {
			var w [4]byte
			copy(w[:], b[i:])
			s += uint32(w[0])<<24 | uint32(w[1])<<16 | uint32(w[2])<<8 | uint32(w[3])
		}
		return s
	}
	u32 := func(b []byte) uint32 { return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3]) }
	nt := int(b[4])<<8 | int(b[5])
	prev := ""
	tags := map[string]bool{}
	for i := range nt {
		rec := b[12+16*i:]
		tag := string(rec[:4])
		tags[tag] = true
		if tag <= prev {
			t.Errorf("table %q after %q", tag, prev)
		}
		prev = tag
		off, n := u32(rec[8:]), u32(rec[12:])
		if off%4 != 0 {
			t.Errorf("table %q at %d, not 4-aligned", tag, off)
		}
		data := slices.Clone(b[off : off+n])
		if tag == "head" {
			copy(data[8:12], []byte{0, 0, 0, 0})
		}
		if got := sum(data); got != u32(rec[4:]) {
			t.Errorf("table %q checksum %x, directory says %x", tag, got, u32(rec[4:]))
		}
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf"} {
		if !tags[tag] {
			t.Errorf("no %q table", tag)
		}
	}
	if sum(b) != 0xB1B0AFBA {
		t.Errorf("whole-file checksum %x, want b1b0afba", sum(b))
	}
}

func rawTable(t testing.TB, data []byte, index int, tag string) []byte {
	t.Helper()
	lds, err := opentype.NewLoaders(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b, err := lds[index].RawTable(opentype.MustNewTag(tag))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCFFOutlines(t *testing.T) {
	for _, s := range cffSamples {
		t.Run(s.name, func(t *testing.T) {
			data := s.data(t)
			f, err := subset.Parse(data, s.index)
			if err != nil {
				t.Fatal(err)
			}
			origFace := parseFace(t, data, s.index)
			asked := glyphs(t, origFace, f.NumGlyphs(), s.text)
			p, err := f.Subset(asked)
			if err != nil {
				t.Fatal(err)
			}
			if p.Kind != subset.CFF {
				t.Fatalf("kind %v", p.Kind)
			}
			checkProgram(t, p, asked)
			orig, err := cff.Parse(rawTable(t, data, s.index, "CFF "))
			if err != nil {
				t.Fatal(err)
			}
			sub, err := cff.Parse(p.Data)
			if err != nil {
				t.Fatalf("go-text cannot read the subset: %v", err)
			}
			if len(sub.Charstrings) != len(p.Old) {
				t.Fatalf("%d charstrings, want %d", len(sub.Charstrings), len(p.Old))
			}
			for i, old := range p.Old {
				ws, wb, err := orig.LoadGlyph(old)
				if err != nil {
					t.Fatalf("original glyph %d: %v", old, err)
				}
				gs, gb, err := sub.LoadGlyph(uint16(i))
				if err != nil {
					t.Fatalf("glyph %d (old %d): %v", i, old, err)
				}
				if !reflect.DeepEqual(gs, ws) || gb != wb {
					t.Errorf("glyph %d (old %d): outline differs\n got %v\nwant %v", i, old, gs, ws)
				}
			}
			t.Logf("%d glyphs asked, %d kept, %d bytes", len(asked), len(p.Old), len(p.Data))
		})
	}
}

func TestNameKeyedBecomesCIDKeyed(t *testing.T) {
	data := cffTestFont(t)
	f, err := subset.Parse(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	if f.IsCIDKeyed() {
		t.Fatal("CFFTest.otf was expected to be name-keyed")
	}
	p, err := f.Subset([]uint16{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := cff.Parse(p.Data)
	if err != nil {
		t.Fatal(err)
	}
	// A CID-keyed font has no glyph names.
	if name := sub.GlyphName(1); name != "" {
		t.Errorf("subset still name-keyed: glyph 1 is %q", name)
	}
}

func TestDeterministic(t *testing.T) {
	data := readFile(t, repoFonts+"NotoSans-Regular.ttf")
	f, err := subset.Parse(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	a, err := f.Subset([]uint16{40, 3, 3, 900, 41})
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.Subset([]uint16{41, 900, 40, 3})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Data, b.Data) || !slices.Equal(a.Old, b.Old) {
		t.Error("the same glyph set gave different programs")
	}
	if !slices.Equal(a.Old, []uint16{0, 3, 40, 41, 900}) {
		t.Errorf("Old = %v", a.Old)
	}
}

func TestGlyphZeroAlone(t *testing.T) {
	data := readFile(t, repoFonts+"NotoSansMono-Regular.ttf")
	f, err := subset.Parse(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.Subset(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(p.Old, []uint16{0}) {
		t.Fatalf("Old = %v", p.Old)
	}
	if _, err := font.ParseTTF(bytes.NewReader(p.Data)); err != nil {
		t.Fatal(err)
	}
}

func TestCompositesPullComponents(t *testing.T) {
	data := readFile(t, repoFonts+"NotoSans-Regular.ttf")
	f, err := subset.Parse(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	face := parseFace(t, data, 0)
	pulled := 0
	for _, r := range "ÅéñŽǅḮ" {
		g, _ := face.NominalGlyph(r)
		p, err := f.Subset([]uint16{uint16(g)})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Old) > 2 {
			pulled++
		}
	}
	if pulled == 0 {
		t.Error("no accented letter pulled in a component: are they all simple glyphs?")
	}
}

func TestErrors(t *testing.T) {
	data := readFile(t, repoFonts+"NotoSansMono-Regular.ttf")
	f, err := subset.Parse(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Subset([]uint16{65535}); err == nil {
		t.Error("a glyph beyond the font was accepted")
	}
	if _, err := subset.Parse(data, 1); err == nil {
		t.Error("face 1 of a single font was accepted")
	}
	if _, err := subset.Parse([]byte("not a font"), 0); err == nil {
		t.Error("garbage was accepted")
	}
}

// A document in Chinese or Japanese uses thousands of glyphs, whose
// charstrings together are far longer than the 64 KiB one charstring may
// be: the limit is each glyph's, not the subset's.
func TestManyCFFGlyphs(t *testing.T) {
	data := cffSamples[0].data(t)
	f, err := subset.Parse(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	var asked []uint16
	for g := 1; g < min(f.NumGlyphs(), 4000); g++ {
		asked = append(asked, uint16(g))
	}
	p, err := f.Subset(asked)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Data) < 4*65535 {
		t.Errorf("%d glyphs in %d bytes; want a subset well past one charstring's limit", len(p.Old), len(p.Data))
	}
	checkProgram(t, p, asked)
}
