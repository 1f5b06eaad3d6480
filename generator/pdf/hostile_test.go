package pdf_test

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/letters"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pdf"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// The hostile shapes of issue #25, each as a function of a length in
// characters: one long word, a word between thousands of brackets (which
// Markdown leaves as one word), words in a list nested 30 deep (n
// characters of them, beside the list's indentation), a word made of many
// styled runs, and ordinary words.
var hostileText = map[string]func(n int) string{
	"word":      func(n int) string { return strings.Repeat("x", n) },
	"brackets":  func(n int) string { return strings.Repeat("[", n/2-2) + "word" + strings.Repeat("]", n/2-2) },
	"deep list": func(n int) string { return nestedList(30, strings.Repeat("y", n/30)) },
	"runs":      func(n int) string { return strings.Repeat("a**b**`c`", n/9) },
	"words":     func(n int) string { return strings.Repeat("ab ", n/3) },
}

// nestedList is a Markdown list nested depth deep, one item a line, each
// holding text.
func nestedList(depth int, text string) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i) + "- " + text + "\n")
	}
	return b.String()
}

// The most work LayOut may do per character of text, and beside it: it
// sets the text eight ways, looking up a few widths a character each.
const (
	widthsPerChar = 40
	allocsPerChar = 30
	workBeside    = 20_000
)

// TestLayoutWorkIsLinear lays each hostile shape out at two lengths, one
// four times the other, in every way a document sets a value (pdf.LayOut),
// and bounds the work (rune widths looked up, allocations) by a linear
// function of the length, and its growth by 6 (work that grows with the
// square of the length grows 16 times). Before the widths were added up
// rune by rune, a build with a 10,000-character purpose took 39 s and
// 444 MB.
func TestLayoutWorkIsLinear(t *testing.T) {
	for name, shape := range hostileText {
		t.Run(name, func(t *testing.T) {
			var work [2]pdf.Work
			for i, n := range []int{2_500, 10_000} {
				text := shape(n)
				w, pages, err := pdf.LayOut(text)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%d characters: %d widths, %d allocations, %d pages", len(text), w.Widths, w.Allocs, pages)
				if limit := uint64(widthsPerChar*len(text) + workBeside); w.Widths > limit {
					t.Errorf("%d characters: %d widths looked up, more than %d", len(text), w.Widths, limit)
				}
				if limit := uint64(allocsPerChar*len(text) + workBeside); w.Allocs > limit {
					t.Errorf("%d characters: %d allocations, more than %d", len(text), w.Allocs, limit)
				}
				work[i] = w
			}
			if work[1].Widths > 6*work[0].Widths || work[1].Allocs > 6*work[0].Allocs {
				t.Errorf("four times the text took %.1f times the widths and %.1f times the allocations; want at most 6",
					float64(work[1].Widths)/float64(work[0].Widths), float64(work[1].Allocs)/float64(work[0].Allocs))
			}
		})
	}
}

// TestDeepNestingLaysOut: a list nested deeper than the loader allows
// (a letter's template can nest the values it is given) is set with its
// indent stopped where it would leave less than a readable column: no
// panic, no error, and with pdftotext every word inside the margins. A list
// nested 30 deep panicked with "slice bounds out of range [:-1]".
func TestDeepNestingLaysOut(t *testing.T) {
	for _, depth := range []int{30, 200} {
		body := "# Deep\n\n" + nestedList(depth, "Level text that wraps over more than one line of the letter, here and there.")
		if _, _, err := pdf.LayOut(body); err != nil {
			t.Fatal(err)
		}
		p := packtest.Load(t, packtest.Minimal)
		v := view.New(p, st, check.Run(p, st.Date()))
		ls := letters.For(v, personByID(v, "ann"))
		data, err := pdf.Letter(v, ls[0], body)
		if err != nil {
			t.Fatalf("%d deep: %v", depth, err)
		}
		write(t, data) // the layout invariants, with pdftotext
	}
}

// TestHostileValuesBuildInLinearTime builds the controlled document and
// the acknowledgement sheets (the briefs) from the minimal pack with one
// value made hostile, at two lengths four times apart, and bounds the
// growth of the work beyond the ordinary pack's by 8: linear work grows
// about 4 times, a little more where the longer value crosses a threshold
// (a label's value taking lines of its own), and work that grows with the
// square of the length 16 times. These are the cases of issue #25: a
// 1,000-character role name took 1.6 CPU-s, 2,000 characters 11 s, a
// 10,000-character purpose 39 s, 9,000 "[", a word and 9,000 "]" more
// than 300 s; and a purpose beside a picture was written by fpdf's Write,
// whose cost grows with the square of the text.
func TestHostileValuesBuildInLinearTime(t *testing.T) {
	purpose := func(v string) string {
		return packtest.Edit(packtest.Minimal, "roles/ism.toml", `purpose = "Runs the ISMS."`, `purpose = "`+v+`"`)
	}
	name := func(v string) string {
		return packtest.Edit(packtest.Minimal, "roles/ism.toml", `name = "Information Security Manager"`, `name = "`+v+`"`)
	}
	ordinary := buildWork(t, packtest.Minimal, false)
	for _, tc := range []struct {
		name    string
		archive func(n int) string
		n       int // the longer length
		picture bool
	}{
		{"role name", func(n int) string { return name(strings.Repeat("N", n)) }, model.MaxLineRunes, false},
		{"purpose", func(n int) string { return purpose(strings.Repeat("x", n)) }, 10_000, false},
		{"brackets", func(n int) string { return purpose(hostileText["brackets"](n)) }, 18_004, false},
		{"picture", func(n int) string { return purpose("![logo](images/logo.png)" + strings.Repeat("x", n-24)) }, 10_000, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			short := buildWork(t, tc.archive(tc.n/4), tc.picture)
			long := buildWork(t, tc.archive(tc.n), tc.picture)
			t.Logf("ordinary %d widths, %d allocations; %d characters: %d, %d; %d characters: %d, %d",
				ordinary.Widths, ordinary.Allocs, tc.n/4, short.Widths, short.Allocs, tc.n, long.Widths, long.Allocs)
			grew := func(l, s, o uint64) float64 { return float64(l-min(l, o)) / float64(max(s-min(s, o), 1)) }
			if g := grew(long.Widths, short.Widths, ordinary.Widths); g > 8 {
				t.Errorf("four times the text took %.1f times the widths; want at most 8", g)
			}
			if g := grew(long.Allocs, short.Allocs, ordinary.Allocs); g > 8 {
				t.Errorf("four times the text took %.1f times the allocations; want at most 8", g)
			}
		})
	}
}

// buildWork loads archive (with a picture at images/logo.png when asked)
// and counts the work of rendering every PDF of it.
func buildWork(t *testing.T, archive string, picture bool) pdf.Work {
	t.Helper()
	dir := packtest.Write(t, archive)
	if picture {
		var b bytes.Buffer
		if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 40, 20))); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, "images"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "images", "logo.png"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := model.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if picture && len(p.Images) != 1 {
		t.Fatalf("%d images loaded, want 1", len(p.Images))
	}
	v := view.New(p, st, check.Run(p, st.Date()))
	var err1, err2 error
	work := pdf.Count(func() {
		_, err1 = pdf.Document(v)
		_, err2 = pdf.SignOff(v)
	})
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	return work
}

// A character beyond the fonts' reach (an emoji, beyond U+FFFF) in a
// role's name, on the example pack, gives a document at once, the rest of
// the name printed: `rolepack check` reports the character (RP-FONT-01)
// and an approved build refuses it, but a draft shows where it stands.
// (With fpdf, such a character failed or hung the layout.)
func TestCharacterBeyondTheFontsEnds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pack")
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	role := filepath.Join(dir, "roles", "information-security-manager.toml")
	data, err := os.ReadFile(role)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte(`name = "Information Security Manager"`), []byte(`name = "😀 Information Security Manager"`), 1)
	if err := os.WriteFile(role, data, 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := model.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	v := view.New(p, st, nil)
	done := make(chan struct{})
	go func() {
		defer close(done)
		data, err := pdf.Document(v)
		if err != nil {
			t.Error(err)
			return
		}
		if txt := text(t, writeRaw(t, data)); !strings.Contains(txt, "Information Security Manager") {
			t.Error("the rest of the role's name is not in the document")
		}
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Minute): // a guard against a hang, not a speed test
		t.Fatal("the PDF of a pack with an emoji is still being laid out after two minutes")
	}
}
