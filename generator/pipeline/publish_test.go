package pipeline_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/internal/packtest"
)

var (
	pageLink = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	// scriptPath is a page address in the search index: "roles/ism.html".
	scriptPath = regexp.MustCompile(`"((?:roles|people)/[^"]+\.html)"`)
)

// readTree returns every regular file under dir, by slash-separated path
// relative to dir.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// assertPublishable checks the site directory of the build in out as a web
// server would publish it, alone: every link of every page, and every page
// the search index names, lands on a file inside it; every file in it is
// something a page links or loads; and none is a per-person file (a brief
// or letter, which the output holds under people/ of each language).
func assertPublishable(t *testing.T, out string) {
	t.Helper()
	pub := readTree(t, filepath.Join(out, site.Dir))
	if _, ok := pub["index.html"]; !ok {
		t.Fatal("the site has no index.html")
	}
	used := map[string]bool{}
	var scripts strings.Builder
	for name, data := range pub {
		switch path.Ext(name) {
		case ".js", ".css":
			scripts.Write(data)
		}
		if path.Ext(name) != ".html" {
			continue
		}
		used[name] = true
		for _, m := range pageLink.FindAllStringSubmatch(string(data), -1) {
			target := strings.SplitN(m[1], "#", 2)[0]
			if target == "" || strings.HasPrefix(m[1], "https://") || strings.HasPrefix(m[1], "mailto:") {
				continue
			}
			resolved := path.Join(path.Dir(name), target)
			if strings.HasPrefix(resolved, "../") || resolved == ".." || strings.HasPrefix(target, "/") {
				t.Errorf("%s links %q, outside the published directory", name, m[1])
				continue
			}
			if _, ok := pub[resolved]; !ok {
				t.Errorf("%s links %q, which the build did not write", name, m[1])
			}
			used[resolved] = true
		}
	}
	// The search index names pages from the root of its language's site.
	for name, data := range pub {
		if path.Base(name) != "search-index.js" {
			continue
		}
		root := path.Dir(name)
		for _, m := range scriptPath.FindAllStringSubmatch(string(data), -1) {
			if _, ok := pub[path.Join(root, m[1])]; !ok {
				t.Errorf("%s names %s, which the build did not write", name, m[1])
			}
		}
	}
	for name := range pub {
		if !used[name] && !strings.Contains(scripts.String(), path.Base(name)) {
			t.Errorf("%s is in the published directory, but no page links or loads it", name)
		}
	}
	// No per-person file, under any name.
	personal := map[[32]byte]string{}
	for name, data := range readTree(t, out) {
		if strings.HasPrefix(name, "people/") || strings.Contains(name, "/people/") && !strings.HasPrefix(name, site.Dir+"/") {
			personal[sha256.Sum256(data)] = name
		}
	}
	if len(personal) == 0 {
		t.Fatal("the build wrote no per-person file to compare with")
	}
	for name, data := range pub {
		if other, ok := personal[sha256.Sum256(data)]; ok {
			t.Errorf("%s is a per-person file (%s)", name, other)
		}
	}
	// Each download is the same file as the output's own copy.
	for name, data := range pub {
		dir, file := path.Split(name)
		if path.Base(strings.TrimSuffix(dir, "/")) != site.FilesDir {
			continue
		}
		lang := strings.TrimSuffix(strings.TrimSuffix(dir, site.FilesDir+"/"), "/")
		own, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(lang), file))
		if err != nil || !bytes.Equal(own, data) {
			t.Errorf("%s is not the build's %s: %v", name, path.Join(lang, file), err)
		}
	}
}

// The site's directory is the whole intranet, to publish as it is (#29):
// in one language and in several, and a build of the site alone
// (--only site) writes the same directory, its downloads included.
func TestPublishedSiteIsSelfContained(t *testing.T) {
	packs := map[string]string{
		"minimal":      packtest.Write(t, packtest.Minimal),
		"multilingual": packtest.Write(t, multilingual()),
		"example":      filepath.Join(packtest.ModuleRoot(t), "content"),
	}
	if packtest.Exhaustive() {
		packs["second"] = filepath.Join(packtest.ModuleRoot(t), "testdata", "packs", "second")
	}
	for name, dir := range packs {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if _, err := pipeline.Build(context.Background(), options(dir, out)); err != nil {
				t.Fatal(err)
			}
			assertPublishable(t, out)
			if name == "multilingual" {
				for _, lang := range []string{"de", "ja"} {
					if _, err := os.Stat(filepath.Join(out, site.Dir, lang, site.FilesDir, "roles-and-responsibilities.pdf")); err != nil {
						t.Errorf("the %s site has no document: %v", lang, err)
					}
				}
			}
			if name == "example" {
				return // the one-language case is the minimal pack's
			}
			only := filepath.Join(t.TempDir(), "only")
			o := options(dir, only)
			o.Only = []string{"site"}
			if _, err := pipeline.Build(context.Background(), o); err != nil {
				t.Fatal(err)
			}
			full, alone := readTree(t, filepath.Join(out, site.Dir)), readTree(t, filepath.Join(only, site.Dir))
			names := func(m map[string][]byte) []string {
				var s []string
				for k := range m {
					s = append(s, k)
				}
				slices.Sort(s)
				return s
			}
			if !slices.Equal(names(full), names(alone)) {
				t.Fatalf("--only site wrote %d files in site/, a full build %d", len(alone), len(full))
			}
			for n, data := range full {
				if !bytes.Equal(alone[n], data) {
					t.Errorf("--only site: %s differs from the full build's", n)
				}
			}
		})
	}
}

// A review-team seat held by someone not of its area says in every output
// under which agreement they represent it (#30): the PDF, the Word file,
// the workbook and the site.
func TestSeatAgreementInEveryOutput(t *testing.T) {
	pdftotext := packtest.NeedTool(t, "pdftotext")
	const record = "Audit engagement letter AEL-2026"
	archive := packtest.Edit(packtest.Minimal, "review-team.toml", "deputy = \"bob\"\n",
		"deputy = \"bob\"\n\n[[member]]\nperson = \"eve\"\narea = \"it\"\ndeputy = \"dora\"\nagreement = \""+record+"\"\n")
	dir := packtest.Write(t, archive)
	out := filepath.Join(t.TempDir(), "out")
	o := options(dir, out)
	o.Only = []string{"site", "xlsx"} // with the documents the site links
	if _, err := pipeline.Build(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	pdf, err := exec.Command(pdftotext, "-enc", "UTF-8", filepath.Join(out, "roles-and-responsibilities.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(out, site.Dir, "review-team.html"))
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"PDF":       strings.Join(strings.Fields(string(pdf)), " "),
		"Word file": zipText(t, filepath.Join(out, "roles-and-responsibilities.docx")),
		"workbook":  zipText(t, filepath.Join(out, "raci-and-competence.xlsx")),
		"site":      string(page),
	} {
		if !strings.Contains(text, "(by agreement: "+record+")") {
			t.Errorf("the %s does not say the seat is held by agreement %q", name, record)
		}
	}
}
