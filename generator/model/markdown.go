package model

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown is a text field written in Markdown. The policy of this file is
// applied when it is loaded: raw HTML is off, links are kept only to the web
// (http, https, mailto) or to the pack's own pages, and images only when
// they are image files inside the content directory. Nothing a reader's
// browser or PDF viewer fetches comes from anywhere else.
type Markdown struct {
	Source string
	// HTML is the rendering for a page at the root of the site. A page
	// deeper in the site uses HTMLAt, so its relative links still work.
	HTML template.HTML

	// media holds the images the text shows, by their destination as
	// written; nil when the text has no image or relative link.
	media *mdMedia
}

type mdMedia struct {
	relative bool              // the text has a link or image relative to the site
	byDest   map[string]*Image // kept images, by destination as written
	byName   map[string]*Image // the same, by Image.Name
}

// Image is a picture a Markdown field shows: a PNG, JPEG, GIF or WebP file
// of the content directory, copied into the site and embedded in the PDF.
type Image struct {
	Path   string // slash-separated, relative to the content directory
	Name   string // where the site keeps it: "media/<sha-256 prefix>.<ext>"
	Format string // "png", "jpeg", "gif" or "webp", from its content
	Width  int    // in pixels
	Height int
	Data   []byte
}

// HTMLAt renders the text for a page whose path back to the site's root is
// root (such as "../"): relative links and images are prefixed with it.
func (m Markdown) HTMLAt(root string) template.HTML {
	if m.media == nil || !m.media.relative || root == "" {
		return m.HTML
	}
	return renderMarkdown(m.Source, &mdState{media: m.media, root: root})
}

// Doc returns the text parsed, with the same links and images kept as in
// HTML: what the PDF typesets. Text nodes refer to the returned source.
func (m Markdown) Doc() (ast.Node, []byte) {
	src := []byte(m.Source)
	st := &mdState{media: m.media}
	if st.media == nil {
		st.media = &mdMedia{}
	}
	return parseMarkdown(src, st), src
}

// Image returns the kept image whose Name is name, or nil.
func (m Markdown) Image(name string) *Image {
	if m.media == nil {
		return nil
	}
	return m.media.byName[name]
}

// RenderMarkdown renders src to safe HTML with the link policy of the pack
// and no images (there is no content directory to take them from).
func RenderMarkdown(src string) template.HTML {
	return renderMarkdown(src, &mdState{media: &mdMedia{}})
}

// ExternalLinkKind is the kind of the node added after the label of a link
// that leaves the pack: the site shows it as "↗" with "(external link)" for
// screen readers; the PDF prints the address instead.
var ExternalLinkKind = ast.NewNodeKind("ExternalLink")

// ExternalLink marks the end of a link's label that leads out of the pack.
type ExternalLink struct{ ast.BaseInline }

// Kind implements ast.Node.
func (*ExternalLink) Kind() ast.NodeKind { return ExternalLinkKind }

// Dump implements ast.Node.
func (n *ExternalLink) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type externalLinkRenderer struct{}

func (externalLinkRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ExternalLinkKind, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span class="vh"> (external link)</span><span class="ext" aria-hidden="true">↗</span>`)
		}
		return ast.WalkContinue, nil
	})
}

var (
	mdParser = sync.OnceValue(func() parser.Parser {
		return goldmark.New(goldmark.WithExtensions(extension.GFM),
			goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(linkPolicy{}, 0))),
		).Parser()
	})
	mdRenderer = sync.OnceValue(func() renderer.Renderer {
		return goldmark.New(goldmark.WithExtensions(extension.GFM),
			goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(externalLinkRenderer{}, 100))),
		).Renderer()
	})
)

// mdState carries, through a parse, what the link policy needs: the kept
// images and, while loading, where to find new ones and report problems.
type mdState struct {
	media *mdMedia
	root  string // prefix of relative destinations (HTMLAt)
	// load is set while the pack is loading.
	load *mdLoad
}

var stateKey = parser.NewContextKey()

func parseMarkdown(src []byte, st *mdState) ast.Node {
	pc := parser.NewContext()
	pc.Set(stateKey, st)
	return mdParser().Parse(text.NewReader(src), parser.WithContext(pc))
}

func renderMarkdown(src string, st *mdState) template.HTML {
	b := []byte(src)
	doc := parseMarkdown(b, st)
	var out bytes.Buffer
	if err := mdRenderer().Render(&out, b, doc); err != nil {
		// Rendering only fails on writer errors, which a Buffer never returns.
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(out.String()) //nolint:gosec // goldmark output, raw HTML off, links and images filtered
}

// MaxMarkdownNesting is how deep lists and block quotes may nest in a
// Markdown value. Word numbers a list at nine levels at most (0 to 8), so
// every level written is a level of the Word file; the PDF indents each by
// 6 mm, which leaves 120 mm for the text of the ninth on A4 or Letter.
// Deeper nesting is refused when the pack loads, at the first item beyond
// (docs/security.md, "Layout time and nesting").
const MaxMarkdownNesting = 9

// linkPolicy rewrites links and images as the policy says, in place. While
// the pack loads it also refuses nesting deeper than MaxMarkdownNesting.
type linkPolicy struct{}

func (linkPolicy) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*mdState)
	if st == nil {
		st = &mdState{media: &mdMedia{}}
	}
	src := reader.Source()
	if st.load != nil {
		if n := tooDeep(doc); n != nil {
			st.load.fail(blockOffset(n), src, "a list or quote is nested more than %d levels deep here; the limit is %d (as deep as Word numbers lists): indent it less, or split the list", MaxMarkdownNesting, MaxMarkdownNesting)
		}
	}
	var found []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n.Kind() {
			case ast.KindLink, ast.KindAutoLink, ast.KindImage:
				found = append(found, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range found {
		switch t := n.(type) {
		case *ast.Link:
			st.link(t, src)
		case *ast.AutoLink:
			// Rewritten as a Link, so one rule and one rendering hold for both.
			label := t.Label(src)
			dest := t.URL(src)
			if t.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(dest), []byte("mailto:")) {
				dest = append([]byte("mailto:"), dest...)
			}
			link := ast.NewLink()
			link.Destination = dest
			link.AppendChild(link, labelNode(label, src))
			t.Parent().ReplaceChild(t.Parent(), t, link)
			st.link(link, src)
		case *ast.Image:
			st.image(t, src)
		}
	}
}

// link keeps an allowed link, marking one that leaves the pack, and turns
// any other into its label.
func (st *mdState) link(n *ast.Link, src []byte) {
	dest := string(n.Destination)
	switch classifyLink(dest) {
	case linkExternal:
		n.SetAttributeString("class", "external")
		n.SetAttributeString("rel", "noopener noreferrer external")
		n.AppendChild(n, &ExternalLink{})
	case linkInternal:
		st.markRelative()
		n.Destination = []byte(st.root + dest)
	default:
		if st.load != nil && st.load.report != nil {
			st.warn(n, src, "link to %q is not allowed: only http, https and mailto links, and links to the site's own pages such as raci.html#ID, are allowed; to show an address as text, put it in backquotes (`…`)", dest)
		} else {
			st.warn(n, src, "link to %q is shown as plain text: only http, https and mailto links, and links to the site's own pages such as raci.html#ID, are kept", dest)
		}
		unwrap(n)
	}
}

// image keeps an image of the content directory and drops any other,
// leaving its description as text.
func (st *mdState) image(n *ast.Image, src []byte) {
	dest := string(n.Destination)
	img, ok := st.media.byDest[dest]
	if !ok && st.load != nil && st.load.report != nil {
		st.warn(n, src, "image %q cannot be shown in a line of a list: put it in the role's purpose", dest)
		ok = true
	}
	if !ok && st.load != nil {
		var why string
		img, why = st.load.image(dest)
		if img == nil {
			st.warn(n, src, "image %q is not shown, only its description: %s", dest, why)
		}
		if st.media.byDest == nil {
			st.media.byDest, st.media.byName = map[string]*Image{}, map[string]*Image{}
		}
		st.media.byDest[dest] = img
		if img != nil {
			st.media.byName[img.Name] = img
		}
	}
	if img == nil {
		alt := plainText(n, src)
		parent := n.Parent()
		if alt != "" {
			parent.InsertBefore(parent, n, ast.NewString([]byte(alt)))
		}
		parent.RemoveChild(parent, n)
		return
	}
	st.markRelative()
	n.Destination = []byte(st.root + img.Name)
}

// markRelative records, while the pack loads, that the text links to the
// site's own files. Once loaded, a Markdown value is read by renderers in
// parallel (HTMLAt, Doc) and its media are never written again.
func (st *mdState) markRelative() {
	if st.load != nil {
		st.media.relative = true
	}
}

// labelNode is the text of an autolink's label: a segment of the source
// when label is one (so a warning can name its line), else a copy.
func labelNode(label, src []byte) ast.Node {
	if start := cap(src) - cap(label); len(label) > 0 && start >= 0 && start+len(label) <= len(src) &&
		&src[start] == &label[0] {
		return ast.NewTextSegment(text.NewSegment(start, start+len(label)))
	}
	return ast.NewString(bytes.Clone(label))
}

// unwrap replaces n by its children.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// plainText is the text of n's descendants, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(src))
			case *ast.String:
				b.Write(t.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

type linkClass int

const (
	linkRefused linkClass = iota
	linkExternal
	linkInternal
)

// sitePage matches a link to one of the pack's own pages, optionally with a
// fragment: the pages the site writes (docs/site.md).
var sitePage = regexp.MustCompile(`^(?:(?:index|raci|competence|review-team|chart|revisions|audit)\.html|(?:roles|people)/[A-Za-z0-9][A-Za-z0-9_-]*\.html)?(?:#[A-Za-z0-9_-]*)?$`)

// classifyLink decides a link destination (already freed of entities and
// backslash escapes by the parser). Browsers ignore tabs and line breaks in
// an address and compare schemes without case, so this does too.
func classifyLink(dest string) linkClass {
	d := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, strings.TrimSpace(dest))
	if d != dest || d == "" {
		return linkRefused
	}
	if sitePage.MatchString(d) {
		return linkInternal
	}
	scheme, rest, ok := strings.Cut(d, ":")
	if !ok {
		return linkRefused
	}
	switch strings.ToLower(scheme) {
	case "http", "https":
		// A host is required, and "http:\\host" style addresses refused.
		if !strings.HasPrefix(rest, "//") || len(rest) == 2 || strings.ContainsAny(rest, "\\ ") {
			return linkRefused
		}
		return linkExternal
	case "mailto":
		if rest == "" || strings.ContainsAny(rest, "\\ <>\"") {
			return linkRefused
		}
		return linkExternal
	}
	return linkRefused
}

// warn reports a problem with a link or image while loading; later parses
// of the same text (HTMLAt, Doc) say nothing.
func (st *mdState) warn(n ast.Node, src []byte, format string, args ...any) {
	if st.load == nil {
		return
	}
	st.load.warn(offsetOf(n), src, format, args...)
}

// offsetOf is the byte offset in the source of n's first text, or -1.
func offsetOf(n ast.Node) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off < 0 {
		// An image or link without text: its parent's first line.
		if p := n.Parent(); p != nil {
			for ; p != nil; p = p.Parent() {
				if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
					return p.Lines().At(0).Start
				}
			}
		}
	}
	return off
}

// tooDeep returns the first list or block quote of doc nested more than
// MaxMarkdownNesting deep, or nil.
func tooDeep(doc ast.Node) ast.Node {
	var deep ast.Node
	depth := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if k := n.Kind(); k != ast.KindList && k != ast.KindBlockquote {
			return ast.WalkContinue, nil
		}
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		if depth++; depth > MaxMarkdownNesting {
			deep = n
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return deep
}

// blockOffset is the byte offset in the source of the first line of text
// inside n, or -1 when it holds none.
func blockOffset(n ast.Node) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			off = c.Lines().At(0).Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return off
}

// fail reports an error in the Markdown value at the line holding offset
// off of its source, at the line's first character that is not a space.
// Where that line of the value cannot be found in the file as written (the
// value is on one line with "\n" escapes, or a line holds escapes), the
// error is given at the value's key.
func (ml *mdLoad) fail(off int, src []byte, format string, args ...any) {
	if ml.report != nil {
		ml.report(off, fmt.Sprintf(format, args...))
		return
	}
	pos := ml.pos
	keyLine := ml.l.sourceLine(pos)
	eq := strings.IndexByte(keyLine, '=') + 1
	if off >= 0 && off <= len(src) && eq > 0 {
		// A value written as """ or ''' alone after the key starts on
		// the next line.
		after := strings.TrimSpace(keyLine[eq:])
		long := after == `"""` || after == `'''`
		start := bytes.LastIndexByte(src[:off], '\n') + 1
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src) - start
		}
		line := string(src[start : start+end])
		at := pos
		at.Line += bytes.Count(src[:start], []byte("\n"))
		if long {
			at.Line++
		}
		if start == 0 && !long {
			// The value's first line starts after the key, on its line.
			if i := strings.Index(keyLine[eq:], line); i >= 0 && line != "" {
				at.Col = utf8.RuneCountInString(keyLine[:eq+i]) + 1 + leadingSpace(line)
				pos = at
			}
		} else if strings.HasPrefix(ml.l.sourceLine(at), line) {
			at.Col = 1 + leadingSpace(line)
			pos = at
		}
	}
	ml.l.errs.Add(pos, fmt.Sprintf(format, args...))
}

// leadingSpace is how many spaces and tabs begin line, in characters.
func leadingSpace(line string) int {
	return len(line) - len(strings.TrimLeft(line, " \t"))
}
