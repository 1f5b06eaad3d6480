package pipeline

import (
	"slices"
	"strings"

	"github.com/rolepack/rolepack/generator/render"
	"github.com/rolepack/rolepack/generator/site"
)

// The layout of a build's output, in one place:
//
//	output/                    the pack's own language: every output
//	output/site/               the intranet: pages, assets and files/,
//	                           a copy of each download the pages link
//	output/site/<lang>/        each translation's site, the same way
//	output/<lang>/             each translation's other outputs
//
// output/site/ is so the whole intranet in every language, to publish as
// it is: no page links out of it, and no per-person file is in it.

// withSiteDownloads returns the outputs of selected with, when the site is
// among them, every output that writes a file the site links
// (site.Downloads): the site's directory holds a copy of each, so a build
// of the site alone must write them too.
func withSiteDownloads(selected []render.Renderer) []render.Renderer {
	if !slices.ContainsFunc(selected, isSite) {
		return selected
	}
	var out []render.Renderer
	for _, r := range Outputs {
		if slices.Contains(selected, r) || writesDownload(r) {
			out = append(out, r)
		}
	}
	return out
}

func isSite(r render.Renderer) bool { return r.Name() == (site.Renderer{}).Name() }

// writesDownload reports whether r writes one of the site's downloads.
func writesDownload(r render.Renderer) bool {
	return slices.ContainsFunc(r.Files(), isDownload)
}

func isDownload(name string) bool {
	return slices.ContainsFunc(site.Downloads, func(d site.Download) bool { return d.Name == name })
}

// placedWriter is the writer a renderer of one language writes through:
// it puts each file where the layout above says, and, when the site is
// built, copies each of the site's downloads into the site's files/.
type placedWriter struct {
	w        render.Writer
	place    func(name string) string
	siteDir  string // the site's directory of this language, when the site is built; else ""
	download bool   // this renderer writes downloads to copy
}

// placed returns the writer renderer r writes through for language lang of
// a pack whose own language is main; withSite says whether the build
// writes the site.
func placed(w render.Writer, r render.Renderer, main, lang string, withSite bool) render.Writer {
	pw := &placedWriter{w: w, place: func(name string) string { return name }}
	switch {
	case lang != main && isSite(r):
		dir := site.LanguageDir(main, lang)
		pw.place = func(name string) string {
			if rest, ok := strings.CutPrefix(name, site.Dir+"/"); ok {
				return dir + "/" + rest
			}
			return lang + "/" + name
		}
	case lang != main:
		pw.place = func(name string) string { return lang + "/" + name }
	}
	if withSite && writesDownload(r) {
		pw.siteDir, pw.download = site.LanguageDir(main, lang), true
	}
	return pw
}

// WriteFile implements render.Writer.
func (pw *placedWriter) WriteFile(name string, data []byte) error {
	if err := pw.w.WriteFile(pw.place(name), data); err != nil {
		return err
	}
	if pw.download && isDownload(name) {
		return pw.w.WriteFile(pw.siteDir+"/"+site.FilesDir+"/"+name, data)
	}
	return nil
}
