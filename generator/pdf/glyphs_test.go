package pdf_test

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/pdf/pdfdoc"
)

// checkFonts reads a PDF's fonts back: pdffonts must list every font as
// embedded, a subset (its name tagged "ABCDEF+") and with a ToUnicode map,
// and no text may draw glyph 0 (.notdef, the empty box a face shows for a
// character it lacks). Every PDF the layout check reads is checked.
func checkFonts(t testing.TB, name, path string) {
	t.Helper()
	out, err := exec.Command("pdffonts", path).Output()
	if err != nil {
		t.Fatalf("%s: pdffonts: %v", name, err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	for _, line := range lines[min(2, len(lines)):] {
		f := strings.Fields(line)
		if len(f) < 6 {
			continue
		}
		emb, sub, uni := f[len(f)-5], f[len(f)-4], f[len(f)-3]
		if emb != "yes" || sub != "yes" || uni != "yes" || !regexp.MustCompile(`^[A-Z]{6}\+`).MatchString(f[0]) {
			t.Errorf("%s: a font not embedded as a subset with a ToUnicode map: %s", name, line)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := notdefs(t, data); n > 0 {
		t.Errorf("%s: %d characters drawn as .notdef (no face of the pack has them)", name, n)
	}
}

var (
	streamRE = regexp.MustCompile(`(?s)>>\s*stream\r?\n`)
	tjRE     = regexp.MustCompile(`(?s)\[([^\]]*)\]\s*TJ`)
	hexRE    = regexp.MustCompile(`<([0-9A-Fa-f]*)>`)
)

// notdefs counts glyph 0 in the text of a PDF's content streams: every
// font the writer makes is Identity-H, each glyph four hexadecimal digits
// inside a TJ array, and a subset keeps .notdef as glyph 0.
func notdefs(t testing.TB, data []byte) int {
	n := 0
	for _, loc := range streamRE.FindAllIndex(data, -1) {
		rest := data[loc[1]:]
		end := bytes.Index(rest, []byte("endstream"))
		if end < 0 {
			break
		}
		zr, err := zlib.NewReader(bytes.NewReader(rest[:end]))
		if err != nil {
			continue // not compressed text
		}
		plain, err := io.ReadAll(zr)
		if err != nil && len(plain) == 0 {
			continue
		}
		if !bytes.Contains(plain, []byte("TJ")) {
			continue
		}
		for _, tj := range tjRE.FindAllSubmatch(plain, -1) {
			for _, h := range hexRE.FindAllSubmatch(tj[1], -1) {
				for i := 0; i+4 <= len(h[1]); i += 4 {
					if string(h[1][i:i+4]) == "0000" {
						n++
					}
				}
			}
		}
	}
	return n
}

// TestNotdefIsFound: the check finds a name no face has.
func TestNotdefIsFound(t *testing.T) {
	need(t, "pdffonts")
	path := badPDF(t, func(f *pdfdoc.Doc) {
		f.AddPage()
		f.Text(18, 40, "山田 太郎")
	})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := notdefs(t, data); n != 4 {
		t.Errorf("%d .notdef glyphs found, want 4", n)
	}
}
