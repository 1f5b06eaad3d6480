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
//	output/site/               the staff intranet: pages, assets and
//	                           files/, a copy of each download the pages link
//	output/site/<lang>/        each translation's site, the same way
//	output/isms/               the ISMS edition (restricted hosting), the
//	output/isms/<lang>/        same way, with the workbook among its files
//	output/<lang>/             each translation's other outputs
//
// output/site/ is so the whole staff intranet in every language, to
// publish as it is: no page links out of it, and no per-person file, no
// competence record and no finding is in it. output/isms/ is the same for
// the ISMS manager and auditors.

// edition is the site edition r writes, if it writes one.
func edition(r render.Renderer) (site.Edition, bool) {
	s, ok := r.(site.Renderer)
	return s.Edition, ok
}

// withSiteDownloads returns the outputs of selected with, when a site
// edition is among them, every output that writes a file that edition
// links (its Downloads): the edition's directory holds a copy of each, so
// a build of the site alone must write them too.
func withSiteDownloads(selected []render.Renderer) []render.Renderer {
	editions := siteEditions(selected)
	if len(editions) == 0 {
		return selected
	}
	var out []render.Renderer
	for _, r := range Outputs {
		if slices.Contains(selected, r) || slices.ContainsFunc(editions, func(e site.Edition) bool { return writesDownload(r, e) }) {
			out = append(out, r)
		}
	}
	return out
}

// writesDownload reports whether r writes one of edition e's downloads.
func writesDownload(r render.Renderer, e site.Edition) bool {
	return slices.ContainsFunc(r.Files(), func(name string) bool { return isDownload(name, e) })
}

func isDownload(name string, e site.Edition) bool {
	return slices.ContainsFunc(e.Downloads(), func(d site.Download) bool { return d.Name == name })
}

// placedWriter is the writer a renderer of one language writes through:
// it puts each file where the layout above says, and copies each download
// into the files/ of every site edition the build writes that links it.
type placedWriter struct {
	w     render.Writer
	place func(name string) string
	// copies are the site editions this language's build writes, for a
	// renderer that writes downloads; their directories, by edition.
	copies map[site.Edition]string
}

// placed returns the writer renderer r writes through for language lang of
// a pack whose own language is main; editions are the site editions the
// build writes.
func placed(w render.Writer, r render.Renderer, main, lang string, editions []site.Edition) render.Writer {
	pw := &placedWriter{w: w, place: func(name string) string { return name }}
	e, ok := edition(r)
	switch {
	case lang != main && ok:
		dir, own := e.LanguageDir(main, lang), e.Dir()+"/"
		pw.place = func(name string) string {
			if rest, ok := strings.CutPrefix(name, own); ok {
				return dir + "/" + rest
			}
			return lang + "/" + name
		}
	case lang != main:
		pw.place = func(name string) string { return lang + "/" + name }
	}
	for _, e := range editions {
		if writesDownload(r, e) {
			if pw.copies == nil {
				pw.copies = map[site.Edition]string{}
			}
			pw.copies[e] = e.LanguageDir(main, lang)
		}
	}
	return pw
}

// WriteFile implements render.Writer.
func (pw *placedWriter) WriteFile(name string, data []byte) error {
	if err := pw.w.WriteFile(pw.place(name), data); err != nil {
		return err
	}
	for _, e := range []site.Edition{site.Staff, site.ISMS} {
		if dir, ok := pw.copies[e]; ok && isDownload(name, e) {
			if err := pw.w.WriteFile(dir+"/"+site.FilesDir+"/"+name, data); err != nil {
				return err
			}
		}
	}
	return nil
}

// siteEditions are the site editions among selected.
func siteEditions(selected []render.Renderer) []site.Edition {
	var out []site.Edition
	for _, r := range selected {
		if e, ok := edition(r); ok {
			out = append(out, e)
		}
	}
	return out
}
