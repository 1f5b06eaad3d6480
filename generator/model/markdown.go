package model

import (
	"bytes"
	"html/template"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// md renders Markdown fields. Raw HTML stays off (goldmark's default), so a
// source cannot smuggle markup or script into the site, and dangerous link
// targets such as javascript: are dropped.
var md = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.GFM))
})

// RenderMarkdown renders src to safe HTML.
func RenderMarkdown(src string) template.HTML {
	var b bytes.Buffer
	if err := md().Convert([]byte(src), &b); err != nil {
		// goldmark only fails on writer errors, which a Buffer never returns.
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(b.String()) //nolint:gosec // goldmark output with raw HTML disabled
}

func (l *loader) markdown(src string) Markdown {
	if src == "" {
		return Markdown{}
	}
	return Markdown{Source: src, HTML: RenderMarkdown(src)}
}
