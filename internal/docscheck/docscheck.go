// Package docscheck finds the faults that creep into a repository's prose
// unseen: merge-conflict markers left in a file, and relative links or
// #anchors in Markdown that lead nowhere. The tests run it over the
// tracked files, so that a bad merge or a renamed heading fails make test
// instead of reaching a reader.
package docscheck

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// Problem is one fault, at a file's line.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg) }

// Files is a set of files by slash-separated path relative to the
// repository root.
type Files map[string][]byte

// ConflictMarkers reports the lines of the text files in fs that a merge
// left unresolved: "<<<<<<< ", ">>>>>>> " and "||||||| " at the start of a
// line, and "=======" alone on a line between them. (A lone "=======" is
// also a Markdown heading underline, so it counts only inside a conflict.)
// Binary files (a NUL byte or invalid UTF-8) are passed over.
func ConflictMarkers(fs Files) []Problem {
	var out []Problem
	for _, name := range sortedNames(fs) {
		data := fs[name]
		if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
			continue
		}
		open := false
		for i, line := range strings.Split(string(data), "\n") {
			line = strings.TrimSuffix(line, "\r")
			switch {
			case isMarker(line, "<<<<<<<"):
				open = true
				out = append(out, Problem{name, i + 1, "merge-conflict marker " + quoteShort(line) + ": resolve the conflict"})
			case isMarker(line, "|||||||"):
				out = append(out, Problem{name, i + 1, "merge-conflict marker " + quoteShort(line) + ": resolve the conflict"})
			case open && line == "=======":
				out = append(out, Problem{name, i + 1, "merge-conflict separator \"=======\": resolve the conflict"})
			case isMarker(line, ">>>>>>>"):
				open = false
				out = append(out, Problem{name, i + 1, "merge-conflict marker " + quoteShort(line) + ": resolve the conflict"})
			}
		}
	}
	return out
}

// isMarker reports a line that is the marker alone or the marker, a space
// and a label ("<<<<<<< HEAD").
func isMarker(line, marker string) bool {
	return line == marker || strings.HasPrefix(line, marker+" ")
}

func quoteShort(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// Links reports every relative link or image of the Markdown files in fs
// (names ending in ".md") whose target is not in fs, and every #anchor,
// within a file or into another Markdown file, that names no heading
// there. Links with a scheme (https:, mailto:) or to a host (//…) are not
// followed; links inside code are not links.
func Links(fs Files) []Problem {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	docs := map[string]*parsed{}
	parse := func(name string) *parsed {
		if d, ok := docs[name]; ok {
			return d
		}
		src := fs[name]
		d := &parsed{src: src, root: md.Parser().Parse(text.NewReader(src)), anchors: map[string]bool{}}
		d.collect()
		docs[name] = d
		return d
	}
	var out []Problem
	for _, name := range sortedNames(fs) {
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		d := parse(name)
		for _, l := range d.links {
			if msg := check(fs, name, l.dest, parse); msg != "" {
				out = append(out, Problem{name, l.line, msg})
			}
		}
	}
	return out
}

// check returns what is wrong with a link from file from, or "".
func check(fs Files, from, dest string, parse func(string) *parsed) string {
	if dest == "" || strings.HasPrefix(dest, "//") {
		return ""
	}
	u, err := url.Parse(dest)
	if err != nil {
		return fmt.Sprintf("link %q does not parse: %v", dest, err)
	}
	if u.Scheme != "" || u.Host != "" {
		return ""
	}
	target := from
	if u.Path != "" {
		if strings.HasPrefix(u.Path, "/") {
			return fmt.Sprintf("link %q is absolute: make it relative to %s", dest, from)
		}
		target = path.Clean(path.Join(path.Dir(from), u.Path))
		if _, ok := fs[target]; !ok && !isDir(fs, target) {
			return fmt.Sprintf("link %q: %s does not exist", dest, target)
		}
	}
	if u.Fragment == "" || !strings.HasSuffix(target, ".md") {
		return ""
	}
	if _, ok := fs[target]; !ok {
		return ""
	}
	if !parse(target).anchors[u.Fragment] {
		return fmt.Sprintf("link %q: %s has no heading with the anchor #%s", dest, target, u.Fragment)
	}
	return ""
}

// isDir reports whether some file of fs lies under dir.
func isDir(fs Files, dir string) bool {
	for name := range fs {
		if strings.HasPrefix(name, dir+"/") {
			return true
		}
	}
	return false
}

type link struct {
	dest string
	line int
}

type parsed struct {
	src     []byte
	root    ast.Node
	links   []link
	anchors map[string]bool
}

// collect gathers the links and the heading anchors of a parsed file.
func (d *parsed) collect() {
	seen := map[string]int{}
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			a := Anchor(plain(n, d.src))
			if k := seen[a]; k > 0 {
				d.anchors[fmt.Sprintf("%s-%d", a, k)] = true
			} else {
				d.anchors[a] = true
			}
			seen[a]++
		case *ast.Link:
			d.links = append(d.links, link{string(n.Destination), d.lineOf(n)})
		case *ast.Image:
			d.links = append(d.links, link{string(n.Destination), d.lineOf(n)})
		case *ast.RawHTML, *ast.HTMLBlock:
			for _, id := range htmlIDs(n, d.src) {
				d.anchors[id] = true
			}
		}
		return ast.WalkContinue, nil
	})
}

// lineOf is the line of an inline node: that of its first text, else the
// first line of the block holding it.
func (d *parsed) lineOf(n ast.Node) int {
	start := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			start = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	for p := n; start < 0 && p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			start = p.Lines().At(0).Start
		}
	}
	if start < 0 {
		return 1
	}
	return 1 + bytes.Count(d.src[:start], []byte("\n"))
}

// plain is a heading's text as a reader sees it: code spans keep their
// text, emphasis and links lose their markup.
func plain(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// htmlIDs returns the id and name attributes of raw HTML, the other way a
// Markdown file makes an anchor (<a id="x"></a>).
func htmlIDs(n ast.Node, src []byte) []string {
	var raw []byte
	switch n := n.(type) {
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			raw = append(raw, seg.Value(src)...)
		}
	case *ast.HTMLBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			raw = append(raw, seg.Value(src)...)
		}
	}
	var ids []string
	s := string(raw)
	for _, attr := range []string{` id="`, ` name="`} {
		for rest := s; ; {
			i := strings.Index(rest, attr)
			if i < 0 {
				break
			}
			rest = rest[i+len(attr):]
			if j := strings.IndexByte(rest, '"'); j >= 0 {
				ids = append(ids, rest[:j])
				rest = rest[j:]
			}
		}
	}
	return ids
}

// Anchor is the fragment a heading gets on the common Markdown hosts
// (GitHub, GitLab): lower case; letters, digits, marks, "_" and "-" kept;
// each space a "-"; everything else dropped. A repeated heading takes
// "-1", "-2"… after it (Links handles that).
func Anchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func sortedNames(fs Files) []string {
	names := make([]string, 0, len(fs))
	for n := range fs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
