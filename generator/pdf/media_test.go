package pdf_test

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pdf"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// TestImagesEmbed: a JPEG, a GIF and a 16-bit PNG with transparency are
// all embedded, through the one re-encoding path.
func TestImagesEmbed(t *testing.T) {
	need(t, "qpdf")
	archive := packtest.Edit(packtest.Minimal, "roles/ism.toml", `purpose = "Runs the ISMS."`,
		`purpose = "Runs the ISMS. ![a](images/a.jpg) ![b](images/b.gif) ![c](images/c.png)"`)
	dir := packtest.Write(t, archive)
	rgba := image.NewNRGBA(image.Rect(0, 0, 30, 20))
	deep := image.NewNRGBA64(image.Rect(0, 0, 30, 20))
	for x := range 30 {
		rgba.Set(x, 5, color.NRGBA{0, 90, 200, 255})
		deep.Set(x, 5, color.NRGBA64{0, 9000, 50000, 30000})
	}
	pal := image.NewPaletted(rgba.Bounds(), []color.Color{color.White, color.Black})
	encode := map[string]func(*bytes.Buffer) error{
		"a.jpg": func(b *bytes.Buffer) error { return jpeg.Encode(b, rgba, nil) },
		"b.gif": func(b *bytes.Buffer) error { return gif.Encode(b, pal, nil) },
		"c.png": func(b *bytes.Buffer) error { return png.Encode(b, deep) },
	}
	if err := os.MkdirAll(filepath.Join(dir, "images"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, enc := range encode {
		var b bytes.Buffer
		if err := enc(&b); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "images", name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := model.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Images) != 3 || len(p.Warnings) != 0 {
		t.Fatalf("%d images and warnings %v, want 3 images and none", len(p.Images), p.Warnings)
	}
	data, err := pdf.Document(view.New(p, st, check.Run(p, st.Date())))
	if err != nil {
		t.Fatal(err)
	}
	qdf := filepath.Join(t.TempDir(), "qdf.pdf")
	if out, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", write(t, data), qdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	// Each image, and the alpha mask of the 16-bit PNG's transparency.
	if n := bytes.Count(raw, []byte("/Subtype /Image")); n < 3 {
		t.Errorf("%d images in the PDF, want at least 3", n)
	}
}
