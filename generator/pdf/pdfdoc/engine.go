package pdfdoc

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"github.com/rolepack/rolepack/generator/fonts"
)

// Engine turns text into positioned glyphs: it splits a line into runs of
// one direction (the Unicode bidirectional algorithm, go-text/bidi), one
// script and one face (the first face of the style's chain that has the
// character: fonts.Set.Chain), shapes each run (HarfBuzz, go-text/shaping)
// and orders the runs for display. One Engine serves every document of a
// build, from any goroutine: a line is shaped once and its result shared.
type Engine struct {
	set    *fonts.Set
	chains [4][]*fonts.Face

	mu          sync.Mutex
	lines       map[lineKey]*Line
	cachedBytes int

	pool sync.Pool // of *shaper

	infoMu sync.Mutex
	infos  map[*fonts.Face]*faceInfo

	wordMu    sync.Mutex
	words     map[wordKey]*Run
	wordBytes int

	filesMu sync.Mutex
	files   map[[32]byte]*fontFile
}

// maxCachedLines and maxCachedBytes (an estimate of the memory they take)
// bound the shaped lines, and the shaped words, an Engine keeps: past
// either a cache starts again, so memory stays bounded whatever the pack
// holds. A glyph takes about 40 bytes: 24 MiB holds about 600,000.
const (
	maxCachedLines = 1 << 17
	maxCachedBytes = 24 << 20
)

// size estimates the memory a shaped line takes.
func (l *Line) size(text string) int {
	n := 64 + len(text)
	for _, r := range l.Runs {
		n += 96 + len(r.Text) + 40*len(r.Glyphs)
		for _, g := range r.Glyphs {
			n += len(g.Text)
		}
	}
	return n
}

type lineKey struct {
	style fonts.Style
	text  string
}

// NewEngine makes the engine of a font set.
func NewEngine(set *fonts.Set) *Engine {
	e := &Engine{set: set, lines: map[lineKey]*Line{}}
	for s := range e.chains {
		e.chains[s] = set.Chain(fonts.Style(s))
	}
	e.pool.New = func() any { return &shaper{faces: map[*font.Font]*font.Face{}} }
	return e
}

// Fonts is the engine's font set.
func (e *Engine) Fonts() *fonts.Set { return e.set }

// shaper is what shaping needs that may not be shared between goroutines:
// HarfBuzz's buffers and go-text's faces (which cache glyph lookups).
type shaper struct {
	hb    shaping.HarfbuzzShaper
	faces map[*font.Font]*font.Face
}

func (s *shaper) face(f *fonts.Face) *font.Face {
	ff, ok := s.faces[f.Font]
	if !ok {
		ff = font.NewFace(f.Font)
		s.faces[f.Font] = ff
	}
	return ff
}

// Glyph is one shaped glyph, in the units of its face (Face.Font.Upem()).
type Glyph struct {
	ID               uint16
	Advance          int32
	XOffset, YOffset int32
	// Text is what the glyph copies out as (its ToUnicode entry).
	Text string
	// Actual, on the first glyph of a cluster of Span glyphs in a
	// left-to-right run that are not its characters one to one (a
	// Devanagari conjunct, a Thai vowel in two parts), is the cluster's
	// text: the writer marks those glyphs with it (ActualText).
	Actual string
	Span   int
}

// Run is a piece of a line in one face and direction, its glyphs in
// display order (left to right).
type Run struct {
	Face   *fonts.Face
	Glyphs []Glyph
	// Text is the run's text in logical order.
	Text string
	// RTL is set for a right-to-left run.
	RTL bool
	// Complex is set when a cluster of the run is marked with its text
	// (Glyph.Actual).
	Complex bool
	// Advance is the run's width in 1000ths of the font size.
	Advance float64
	// Missing counts the characters no face has (drawn as .notdef).
	Missing int
}

// Line is a shaped line of text, its runs in display order.
type Line struct {
	Runs []Run
	// Width is the line's width in 1000ths of the font size.
	Width float64
}

// Width is the width of text in style, in 1000ths of the font size.
func (e *Engine) Width(text string, style fonts.Style) float64 {
	return e.Shape(text, style).Width
}

// RuneWidth is the width of r alone in style, in 1000ths of the font
// size: the layout adds these up to find where to break a word too long
// for its line.
func (e *Engine) RuneWidth(r rune, style fonts.Style) float64 {
	var b [utf8.UTFMax]byte
	n := utf8.EncodeRune(b[:], r)
	return e.Shape(string(b[:n]), style).Width
}

// Shape shapes one line of text (no line breaks) in style.
func (e *Engine) Shape(text string, style fonts.Style) *Line {
	if style > fonts.Mono {
		style = fonts.Regular
	}
	key := lineKey{style, text}
	e.mu.Lock()
	l, ok := e.lines[key]
	e.mu.Unlock()
	if ok {
		return l
	}
	s := e.pool.Get().(*shaper)
	l = e.shape(s, text, e.chains[style])
	e.pool.Put(s)
	size := l.size(text)
	e.mu.Lock()
	if len(e.lines) >= maxCachedLines || e.cachedBytes+size > maxCachedBytes {
		clear(e.lines)
		e.cachedBytes = 0
	}
	e.lines[key] = l
	e.cachedBytes += size
	e.mu.Unlock()
	return l
}

// faceMap resolves a character to the first face of a chain that has it.
type faceMap struct {
	s      *shaper
	chain  []*fonts.Face
	byFace map[*font.Face]*fonts.Face
}

func (m *faceMap) ResolveFace(r rune) *font.Face {
	for _, f := range m.chain {
		ff := m.s.face(f)
		if _, ok := ff.NominalGlyph(r); ok {
			m.byFace[ff] = f
			return ff
		}
	}
	ff := m.s.face(m.chain[0])
	m.byFace[ff] = m.chain[0]
	return ff
}

func (e *Engine) shape(s *shaper, text string, chain []*fonts.Face) *Line {
	runes := []rune(text)
	line := &Line{}
	if len(runes) == 0 {
		return line
	}
	var levels []bidi.Run
	if mayBeRTL(runes) {
		var p bidi.Paragraph
		levels = levelRuns(runes, p.Segment(runes, bidi.LeftToRight))
	} else {
		// No right-to-left character: one run, left to right.
		levels = []bidi.Run{{Start: 0, End: len(runes), Level: 0}}
	}
	fm := &faceMap{s: s, chain: chain, byFace: map[*font.Face]*fonts.Face{}}
	type piece struct {
		run   Run
		level bidi.Level
	}
	var pieces []piece
	for _, br := range levels {
		dir := di.DirectionLTR
		if !br.IsLeftToRight() {
			dir = di.DirectionRTL
		}
		for _, sc := range splitByScript(runes, br.Start, br.End) {
			in := shaping.Input{Text: runes, RunStart: sc.start, RunEnd: sc.end, Direction: dir, Script: sc.script, Size: 0}
			for _, part := range shaping.SplitByFace(in, fm) {
				face := fm.byFace[part.Face]
				pieces = append(pieces, piece{run: e.shapeWords(s, runes, part, face), level: br.Level})
			}
		}
	}
	// Display order (rule L2 of the algorithm): from the highest level
	// down to the lowest odd one, reverse every sequence of runs at that
	// level or higher.
	maxLevel, minOdd := bidi.Level(0), bidi.Level(127)
	for _, p := range pieces {
		maxLevel = max(maxLevel, p.level)
		if p.level%2 == 1 {
			minOdd = min(minOdd, p.level)
		}
	}
	for lv := maxLevel; lv >= minOdd && lv > 0; lv-- {
		for i := 0; i < len(pieces); {
			if pieces[i].level < lv {
				i++
				continue
			}
			j := i
			for j < len(pieces) && pieces[j].level >= lv {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				pieces[a], pieces[b] = pieces[b], pieces[a]
			}
			i = j
		}
	}
	for _, p := range pieces {
		line.Runs = append(line.Runs, p.run)
		line.Width += p.run.Advance
	}
	return line
}

// shapeWords shapes a run of one direction, script and face word by
// word: each word with the spaces after it is shaped once per engine and
// its glyphs shared by every line that holds it (no shaping acts across
// a space), then the words are put together in display order.
func (e *Engine) shapeWords(s *shaper, runes []rune, part shaping.Input, face *fonts.Face) Run {
	rtl := part.Direction == di.DirectionRTL
	var words []*Run
	start := part.RunStart
	for i := part.RunStart; i < part.RunEnd; i++ {
		if runes[i] == ' ' && (i+1 == part.RunEnd || runes[i+1] != ' ') {
			words = append(words, e.word(s, runes[start:i+1], part, face))
			start = i + 1
		}
	}
	if start < part.RunEnd {
		words = append(words, e.word(s, runes[start:part.RunEnd], part, face))
	}
	if len(words) == 1 {
		// One word: its cached glyphs are shared, never changed.
		out := *words[0]
		out.Text = string(runes[part.RunStart:part.RunEnd])
		return out
	}
	if rtl {
		slices.Reverse(words)
	}
	out := Run{Face: face, Text: string(runes[part.RunStart:part.RunEnd]), RTL: rtl}
	n := 0
	for _, w := range words {
		n += len(w.Glyphs)
	}
	out.Glyphs = make([]Glyph, 0, n)
	for _, w := range words {
		out.Glyphs = append(out.Glyphs, w.Glyphs...)
		out.Advance += w.Advance
		out.Missing += w.Missing
		out.Complex = out.Complex || w.Complex
	}
	return out
}

type wordKey struct {
	face   *fonts.Face
	rtl    bool
	script language.Script
	text   string
}

// word shapes one word, from the engine's cache when it can.
func (e *Engine) word(s *shaper, word []rune, part shaping.Input, face *fonts.Face) *Run {
	key := wordKey{face, part.Direction == di.DirectionRTL, part.Script, string(word)}
	e.wordMu.Lock()
	r, ok := e.words[key]
	e.wordMu.Unlock()
	if ok {
		return r
	}
	in := part
	in.Text, in.RunStart, in.RunEnd = word, 0, len(word)
	in.Size = fixed.I(int(face.Font.Upem()))
	run := e.run(s, word, in, s.hb.Shape(in), face)
	r = &run
	size := 128 + 2*len(key.text) + 40*len(r.Glyphs)
	e.wordMu.Lock()
	if e.words == nil || len(e.words) >= maxCachedLines || e.wordBytes+size > maxCachedBytes {
		e.words = map[wordKey]*Run{}
		e.wordBytes = 0
	}
	e.words[key] = r
	e.wordBytes += size
	e.wordMu.Unlock()
	return r
}

// run converts a shaped output into a Run. Each glyph gets the text it
// stands for (its ToUnicode entry): in a cluster of several glyphs (a base
// and its marks, a conjunct), a glyph that is the font's own glyph for one
// of the cluster's characters stands for that character, and the first
// other glyph for the rest. A left-to-right run with such a cluster is
// also marked for ActualText. A right-to-left run is not: readers put its
// glyphs back in logical order themselves, and would turn ActualText
// around a second time.
func (e *Engine) run(s *shaper, runes []rune, in shaping.Input, out shaping.Output, face *fonts.Face) Run {
	rtl := in.Direction == di.DirectionRTL
	r := Run{Face: face, Text: string(runes[in.RunStart:in.RunEnd]), RTL: rtl}
	ff := s.face(face)
	total := int32(0)
	r.Glyphs = make([]Glyph, len(out.Glyphs))
	for i, g := range out.Glyphs {
		r.Glyphs[i] = Glyph{
			ID:      uint16(g.GlyphID),
			Advance: int32(g.Advance.Round()),
			XOffset: int32(g.XOffset.Round()),
			YOffset: int32(g.YOffset.Round()),
		}
		if g.GlyphID == 0 {
			r.Missing++
		}
		total += r.Glyphs[i].Advance
	}
	// Glyphs of one cluster are neighbours in the output.
	for i := 0; i < len(out.Glyphs); {
		j := i + 1
		for j < len(out.Glyphs) && out.Glyphs[j].TextIndex() == out.Glyphs[i].TextIndex() {
			j++
		}
		g := out.Glyphs[i]
		end := min(g.TextIndex()+max(g.RunesCount(), 1), len(runes))
		cluster := runes[min(g.TextIndex(), end):end]
		if j-i == 1 {
			r.Glyphs[i].Text = string(cluster)
			if rtl && len(cluster) > 1 {
				// A ligature of a right-to-left run (lam-alef): readers
				// turn right-to-left text round character by character,
				// so its characters are given in display order.
				rev := slices.Clone(cluster)
				slices.Reverse(rev)
				r.Glyphs[i].Text = string(rev)
			}
			if m, ok := mirrors[string(cluster)]; ok && rtl {
				// Shaping drew the mirrored glyph ("(" read right to
				// left looks like ")"): the glyph copies out as what it
				// shows, one entry per glyph for the whole document.
				r.Glyphs[i].Text = m
			}
		} else {
			if !rtl {
				r.Complex = true
				r.Glyphs[i].Actual, r.Glyphs[i].Span = string(cluster), j-i
			} else {
				// Right to left: the whole cluster on its base glyph.
				base := i
				for k := i; k < j; k++ {
					if out.Glyphs[k].Advance != 0 {
						base = k
						break
					}
				}
				r.Glyphs[base].Text = string(cluster)
				i = j
				continue
			}
			claimed := make([]bool, len(cluster))
			for k := i; k < j; k++ {
				for c, ch := range cluster {
					if gid, ok := ff.NominalGlyph(ch); ok && !claimed[c] && uint16(gid) == r.Glyphs[k].ID {
						claimed[c] = true
						r.Glyphs[k].Text = string(ch)
						break
					}
				}
			}
			var rest []rune
			for c, ch := range cluster {
				if !claimed[c] {
					rest = append(rest, ch)
				}
			}
			for k := i; k < j && len(rest) > 0; k++ {
				if r.Glyphs[k].Text == "" {
					r.Glyphs[k].Text = string(rest)
					rest = nil
				}
			}
		}
		i = j
	}
	r.Advance = float64(total) * 1000 / float64(face.Font.Upem())
	return r
}

type scriptRun struct {
	start, end int
	script     language.Script
}

// splitByScript cuts runes[start:end] where the script changes; common
// characters (spaces, digits, punctuation) and combining marks belong to
// the run around them.
func splitByScript(runes []rune, start, end int) []scriptRun {
	var out []scriptRun
	cur := scriptRun{start: start, script: language.Common}
	for i := start; i < end; i++ {
		sc := language.LookupScript(runes[i])
		if sc == language.Common || sc == language.Inherited || sc == language.Unknown {
			continue
		}
		if cur.script == language.Common {
			cur.script = sc
			continue
		}
		if sc != cur.script {
			cur.end = i
			out = append(out, cur)
			cur = scriptRun{start: i, script: sc}
		}
	}
	if cur.script == language.Common {
		cur.script = language.Latin
	}
	cur.end = end
	return append(out, cur)
}

// levelRuns is the bidi runs of a left-to-right line cut where the level
// changes. go-text/bidi resolves a level for every character but joins
// neighbouring runs of one direction, so "2024 and more" after a Hebrew
// name comes as one left-to-right run whose number is at level 2 (it
// belongs with the Hebrew before it) and whose words are at level 0: the
// run is cut after its leading number.
func levelRuns(runes []rune, runs bidi.Runs) []bidi.Run {
	var out []bidi.Run
	for i := range runs.NumRuns() {
		r := runs.Run(i)
		if r.Level != 2 {
			out = append(out, r)
			continue
		}
		end := r.Start
		for j := r.Start; j < r.End; j++ {
			c := runes[j]
			if unicode.IsDigit(c) {
				end = j + 1
				continue
			}
			if !strings.ContainsRune(".,:/%+-  ", c) {
				break
			}
		}
		if end == r.Start || end == r.End {
			out = append(out, r)
			continue
		}
		out = append(out, bidi.Run{Start: r.Start, End: end, Level: 2}, bidi.Run{Start: end, End: r.End, Level: 0})
	}
	return out
}

// mirrors are the brackets whose glyph is mirrored in right-to-left text.
var mirrors = map[string]string{
	"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<",
	"«": "»", "»": "«", "‹": "›", "›": "‹",
}

// mayBeRTL reports whether runes hold a character of a right-to-left
// script or a bidirectional control: only then is the line given to the
// bidirectional algorithm.
func mayBeRTL(runes []rune) bool {
	for _, r := range runes {
		switch {
		case r < 0x0590:
		case r <= 0x08ff, r >= 0xfb1d && r <= 0xfdff, r >= 0xfe70 && r <= 0xfeff,
			r >= 0x10800 && r <= 0x10fff, r >= 0x1e800 && r <= 0x1efff,
			r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return true
		}
	}
	return false
}

// Levels gives the bidirectional embedding level of each rune of a line of
// text set left to right (0 for left to right, 1 for right to left, 2 for
// a number inside right-to-left text), or nil when it has no
// right-to-left character: a layout that places a line's words itself
// orders them for display by these levels (ReorderLevels).
func Levels(text string) []int8 {
	runes := []rune(text)
	if !mayBeRTL(runes) {
		return nil
	}
	var p bidi.Paragraph
	out := make([]int8, len(runes))
	for _, r := range levelRuns(runes, p.Segment(runes, bidi.LeftToRight)) {
		for i := r.Start; i < r.End; i++ {
			out[i] = int8(r.Level)
		}
	}
	return out
}

// ReorderLevels gives the display order of items at the given levels, by
// rule L2 of the bidirectional algorithm: from the highest level down to
// the lowest odd one, every sequence at that level or higher is reversed.
func ReorderLevels(levels []int8) []int {
	order := make([]int, len(levels))
	for i := range order {
		order[i] = i
	}
	maxLevel, minOdd := int8(0), int8(127)
	for _, l := range levels {
		maxLevel = max(maxLevel, l)
		if l%2 == 1 {
			minOdd = min(minOdd, l)
		}
	}
	for lv := maxLevel; lv >= minOdd && lv > 0; lv-- {
		for i := 0; i < len(order); {
			if levels[order[i]] < lv {
				i++
				continue
			}
			j := i
			for j < len(order) && levels[order[j]] >= lv {
				j++
			}
			slices.Reverse(order[i:j])
			i = j
		}
	}
	return order
}
