package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/internal/packtest"
)

// hostileScope tries every way Markdown has to make a reader fetch or open
// something outside the pack. Line 5 of pack.toml is its second line.
const hostileScope = `scope = '''
The ISMS covers all services.
![x](http://evil.example/x.png) ![y](//evil.example/y.png) ![s](images/logo.svg) ![m](images/missing.png) ![u](../outside.png) ![t](images/text.png)
[a](vbscript:msgbox(1)) [b](file:///etc/passwd) [c](data:text/html;base64,PHNjcmlwdD4=) [d](JaVaScRiPt:alert(1)) [e](&#106;avascript:alert(1))
[f](ftp://evil.example/x) [g](java&#x09;script:alert(1)) <javascript:alert(1)> [h](//evil.example/path) [i](\\evil.example\share) [j]( http:evil.example)
[Policy](https://intranet.example.com/policy) and [RACI](raci.html#patching) and <security@example.com>
![org chart](images/org.png)
'''`

func writePNG(t *testing.T, name string) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	for x := range 40 {
		img.Set(x, 10, color.NRGBA{200, 30, 30, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is required in CI", tool)
			}
			t.Skipf("%s not installed (Debian: poppler-utils, qpdf)", tool)
		}
	}
}

// urlAttr finds every address a page could load or open.
var urlAttr = regexp.MustCompile(`(?i)\b(?:src|href|srcset|action|formaction|poster|data|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))|url\(\s*['"]?([^'")]*)`)

// allowedURL: relative to the site (no scheme, no host, no backslash), or a
// web or mail address.
func allowedURL(u string) bool {
	if strings.ContainsAny(u, "\\\t\n") || strings.Contains(u, "evil") {
		return false
	}
	lower := strings.ToLower(u)
	if strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "mailto:") {
		return true
	}
	if strings.HasPrefix(u, "//") {
		return false
	}
	first := strings.IndexAny(u, "/?#")
	if first < 0 {
		first = len(u)
	}
	return !strings.Contains(u[:first], ":")
}

// TestNoRemoteContent builds a pack whose Markdown tries remote images,
// dangerous link schemes and files outside the content directory: no page of
// the site and no annotation of the PDF may point at any of them, the local
// image is copied and shown, and each refusal is a warning at its line.
func TestNoRemoteContent(t *testing.T) {
	needTools(t, "qpdf", "pdftotext")
	archive := packtest.Edit(packtest.Minimal, "pack.toml", `scope = "The ISMS covers *all* services."`, hostileScope)
	archive = packtest.Edit(archive, "roles/ism.toml", `purpose = "Runs the ISMS."`, `purpose = "Runs the ISMS. ![org chart](images/org.png) See [the audit](audit.html)."`)
	dir := packtest.Write(t, archive)
	writePNG(t, filepath.Join(dir, "images", "org.png"))
	writePNG(t, filepath.Join(t.TempDir(), "outside.png"))
	if err := os.WriteFile(filepath.Join(dir, "images", "logo.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "images", "text.png"), []byte("<html>not an image</html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	t.Setenv("SOURCE_DATE_EPOCH", "1795478400")
	var so, se bytes.Buffer
	if code := run([]string{"build", "--content", dir, "--out", out}, &so, &se); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, se.String())
	}

	// check prints the same warnings, and --strict fails on them.
	for strict, want := range map[bool]int{false: exitOK, true: exitPack} {
		args := []string{"check", "--content", dir}
		if strict {
			args = append(args, "--strict")
		}
		var co, ce bytes.Buffer
		if code := run(args, &co, &ce); code != want || !strings.Contains(ce.String(), "pack.toml:5: warning: image") {
			t.Errorf("%v: exit %d, want %d; stderr:\n%s", args, code, want, ce.String())
		}
	}

	// Warnings: one per refused image or link, at the line that has it.
	stderr := se.String()
	assertTerminalSafe(t, "build warnings", se.Bytes())
	for _, want := range []string{
		"pack.toml:5: warning: image \"http://evil.example/x.png\" is not shown",
		"pack.toml:5: warning: image \"//evil.example/y.png\"",
		"pack.toml:5: warning: image \"images/logo.svg\" is not shown, only its description: SVG",
		"pack.toml:5: warning: image \"images/missing.png\" is not shown, only its description: there is no such file",
		"pack.toml:5: warning: image \"../outside.png\"",
		"pack.toml:5: warning: image \"images/text.png\" is not shown, only its description: it is not a PNG",
		"pack.toml:6: warning: link to \"vbscript:msgbox(1)\" is shown as plain text",
		"pack.toml:7: warning: link to \"javascript:alert(1)\"",
		"pack.toml:7: warning: link to \"ftp://evil.example/x\"",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if n := strings.Count(stderr, "warning: "); n != 17 {
		t.Errorf("%d warnings, want 17 (6 images, 11 links):\n%s", n, stderr)
	}

	// The site: every address in every file is relative or a web or mail
	// address, and the local image is there where the pages point.
	siteDir := filepath.Join(out, "site")
	images := 0
	err := filepath.Walk(siteDir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !(strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".css")) {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		page, _ := filepath.Rel(siteDir, p)
		page = filepath.ToSlash(page)
		if bytes.Contains(data, []byte("evil")) {
			t.Errorf("%s mentions evil.example in its markup, not only as text", page)
		}
		for _, m := range urlAttr.FindAllSubmatch(data, -1) {
			u := string(bytes.Join(m[1:], nil))
			if !allowedURL(u) {
				t.Errorf("%s: address %q is neither relative nor a web or mail link", page, u)
			}
			if strings.Contains(u, "media/") {
				images++
				target := path.Join(path.Dir(page), u)
				if _, err := os.Stat(filepath.Join(siteDir, filepath.FromSlash(target))); err != nil {
					t.Errorf("%s: image %q does not resolve: %v", page, u, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if images != 2 {
		t.Errorf("the local image is shown %d times, want twice (scope and the ISM's purpose)", images)
	}
	index, _ := os.ReadFile(filepath.Join(siteDir, "index.html"))
	for _, want := range []string{
		`<a href="https://intranet.example.com/policy" class="external" rel="noopener noreferrer external">Policy<span class="vh"> (external link)</span>`,
		`<a href="raci.html#patching">RACI</a>`,
		`<img src="media/`,
	} {
		if !bytes.Contains(index, []byte(want)) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	role, _ := os.ReadFile(filepath.Join(siteDir, "roles", "ism.html"))
	for _, want := range []string{`<img src="../media/`, `<a href="../audit.html">the audit</a>`} {
		if !bytes.Contains(role, []byte(want)) {
			t.Errorf("roles/ism.html lacks %s", want)
		}
	}

	// The PDF: uncompressed, its only link annotations are web and mail
	// addresses, the address is printed after its label, and the image is
	// embedded.
	pdfPath := filepath.Join(out, "roles-and-responsibilities.pdf")
	qdf := filepath.Join(t.TempDir(), "qdf.pdf")
	if outb, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", pdfPath, qdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, outb)
	}
	raw, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	uris := regexp.MustCompile(`/URI\s*\(((?:\\.|[^\\)])*)\)`).FindAllSubmatch(raw, -1)
	if len(uris) == 0 {
		t.Fatal("the PDF has no /URI annotation at all: the allowed links are missing")
	}
	for _, m := range uris {
		u := string(m[1])
		lower := strings.ToLower(u)
		if !(strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "mailto:")) || strings.Contains(u, "evil") {
			t.Errorf("PDF link annotation /URI (%s)", u)
		}
	}
	if !bytes.Contains(raw, []byte("/Subtype /Image")) {
		t.Error("the local image is not embedded in the PDF")
	}
	txt, err := exec.Command("pdftotext", "-enc", "UTF-8", pdfPath, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if !strings.Contains(strings.Join(strings.Fields(string(txt)), " "), "Policy (https://intranet.example.com/policy)") {
		t.Errorf("the PDF does not print the address after the label:\n%s", txt)
	}
}
