package model

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"html"
	"image"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

func TestClassifyLink(t *testing.T) {
	cases := map[string]linkClass{
		"https://intranet.example.com/p": linkExternal,
		"HTTP://example.com":             linkExternal,
		"mailto:security@example.com":    linkExternal,
		"raci.html#patching":             linkInternal,
		"roles/ism.html":                 linkInternal,
		"people/ann.html#duties":         linkInternal,
		"#scope":                         linkInternal,
		"javascript:alert(1)":            linkRefused,
		"JaVaScRiPt:alert(1)":            linkRefused,
		" javascript:alert(1)":           linkRefused,
		"java\tscript:alert(1)":          linkRefused,
		"&#106;avascript:alert(1)":       linkRefused,
		"vbscript:msgbox(1)":             linkRefused,
		"file:///etc/passwd":             linkRefused,
		"data:text/html,x":               linkRefused,
		"ftp://example.com/x":            linkRefused,
		"//evil.example/x":               linkRefused,
		`\\evil.example\share`:           linkRefused,
		"http:evil.example":              linkRefused,
		"https://":                       linkRefused,
		"mailto:":                        linkRefused,
		"../../etc/passwd":               linkRefused,
		"roles/../../x.html":             linkRefused,
		"notes.pdf":                      linkRefused,
		"":                               linkRefused,
	}
	for dest, want := range cases {
		if got := classifyLink(dest); got != want {
			t.Errorf("classifyLink(%q) = %d, want %d", dest, got, want)
		}
	}
}

func TestRenderMarkdownKeepsOnlySafeLinks(t *testing.T) {
	got := string(RenderMarkdown("[a](vbscript:x) [b](https://example.com/) <file:///etc/passwd> ![i](http://evil.example/i.png) [c](raci.html)"))
	for _, bad := range []string{"vbscript", `href="file`, "evil", "<img"} {
		if strings.Contains(got, bad) {
			t.Errorf("rendering keeps %q:\n%s", bad, got)
		}
	}
	for _, want := range []string{
		`<a href="https://example.com/" class="external" rel="noopener noreferrer external">b<span class="vh"> (external link)</span><span class="ext" aria-hidden="true">↗</span></a>`,
		`<a href="raci.html">c</a>`, "a ", "i",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("rendering lacks %q:\n%s", want, got)
		}
	}
}

// pngWithSize is a PNG whose header claims w×h pixels (its data is one
// pixel): enough for DecodeConfig, which is all the loader reads.
func pngWithSize(t *testing.T, w, h uint32) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	// IHDR starts after the 8-byte signature, 4-byte length and "IHDR".
	binary.BigEndian.PutUint32(data[16:], w)
	binary.BigEndian.PutUint32(data[20:], h)
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
	return data
}

func TestImagePolicy(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("images/ok.png", pngWithSize(t, 1, 1))
	write("images/huge.png", pngWithSize(t, 9000, 9000))
	write("images/jpeg.png", []byte("\xff\xd8\xff\xe0 not really"))
	write("images/.hidden.png", pngWithSize(t, 1, 1))
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "images", "link.png")); err != nil {
		t.Fatal(err)
	}
	l := &loader{p: &Pack{}, dir: dir}
	ml := &mdLoad{l: l}
	cases := map[string]string{
		"images/ok.png":         "",
		"./images/ok.png":       "",
		"images/huge.png":       "megapixels",
		"images/jpeg.png":       "not a PNG",
		"images/.hidden.png":    "hidden",
		"images/link.png":       "no such file inside the content directory",
		"images/../../x.png":    "outside the content directory",
		"/etc/x.png":            "absolute path",
		"https://evil.example/": "another site",
		"images/a.svg":          "SVG",
		"images/a.bmp":          "only .png",
		"images/ok.png?x=1":     "query",
	}
	for dest, want := range cases {
		img, why := ml.image(dest)
		switch {
		case want == "" && img == nil:
			t.Errorf("image %q refused: %s", dest, why)
		case want != "" && (img != nil || !strings.Contains(why, want)):
			t.Errorf("image %q: got %v, %q; want refused with %q", dest, img != nil, why, want)
		}
	}
	if len(l.p.Images) != 1 || len(l.p.Files) != 1 || l.p.Images[0].Name[:6] != "media/" {
		t.Errorf("one image shown through two paths: %d images, %d files", len(l.p.Images), len(l.p.Files))
	}
}

var hrefRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// FuzzRenderMarkdown: whatever the text, the rendering has no image (there
// is no content directory) and every address is allowed.
func FuzzRenderMarkdown(f *testing.F) {
	for _, s := range []string{"[a](javascript:x)", "<http://x.org>", "![i](a.png)", "[![i](x.png)](https://a.b)", "[a](<java script:x>)", "x@y.com www.a.b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := string(RenderMarkdown(s))
		if strings.Contains(out, "<img") {
			t.Fatalf("image kept:\n%s", out)
		}
		for _, m := range hrefRE.FindAllStringSubmatch(out, -1) {
			u := html.UnescapeString(m[1])
			if u != "" && classifyLink(u) == linkRefused {
				if dec, err := url.PathUnescape(u); err != nil || classifyLink(dec) == linkRefused {
					t.Fatalf("address %q kept:\n%s", u, out)
				}
			}
		}
	})
}

// A loaded Markdown value is read by several renderers at once (the site's
// HTMLAt, the PDF's and Word document's Doc): reading it must write
// nothing. Under the race detector this fails if a render writes to the
// value's shared media.
func TestMarkdownReadConcurrently(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "images"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "images", "ok.png"), pngWithSize(t, 1, 1), 0o644); err != nil {
		t.Fatal(err)
	}
	l := &loader{p: &Pack{}, dir: dir}
	m := l.markdown(Pos{File: "pack.toml", Line: 1}, "See ![chart](images/ok.png) and [the RACI](raci.html#x).")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if i%2 == 0 {
				if h := string(m.HTMLAt("../")); !strings.Contains(h, `src="../media/`) {
					t.Errorf("HTMLAt: %s", h)
				}
			} else {
				m.Doc()
			}
		})
	}
	wg.Wait()
}
