package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Structural limits of one source file, checked by scanSource before the
// TOML parser sees the file. They bound the work and memory of parsing: a
// file within them is parsed in time and space linear in its size.
const (
	// MaxNesting is how deep values may nest: each array, inline table and
	// part of a dotted key or table header ([a.b] is two) is one level.
	// Sources need three at most; the parser's work for one value grows
	// with the square of its depth.
	MaxNesting = 8
	// MaxKeysPerTable is how many keys one table section ([x], [[x]], the
	// top of a file or an inline table) may set.
	MaxKeysPerTable = 1000
	// MaxLineBytes is the length of one line of a source, in bytes. It
	// leaves room for a long text value written with escapes.
	MaxLineBytes = 256 << 10
	// MaxValueWeight bounds the keys, table headers and array entries of
	// one file, each counted by its nesting depth (a key of a [[person]]
	// counts 2). The parser allocates about a kilobyte per value, so this
	// bounds its memory; the largest file of the L synthetic pack (20,000
	// people) weighs about a quarter of it.
	MaxValueWeight = 1_500_000
)

// MaxListLength (decode.go) also bounds every array value: no array
// written in a source may have more entries.

// posIndex maps key paths of one TOML file to where they are written, so
// that validation errors can name a line. BurntSushi/toml does not expose
// positions of decoded keys, hence this small scanner.
//
// Paths join keys with "."; the n-th entry of an array of tables or of an
// array value is written key[n], as in "assignment[1].person" or
// "responsibilities[3]". The index is a tree of nodes, one per key or entry,
// so that a deep path costs one node rather than a copy of its prefix.
type posIndex struct {
	file     string
	nodes    []posNode
	children map[childKey]int32 // keys of tables
	entries  map[int32][]int32  // entries of arrays, in order
}

// posNode is one key or array entry; line 0 means its position is unknown.
type posNode struct {
	line, col int32
}

type childKey struct {
	parent int32
	key    string
}

const rootNode = 0

func newPosIndex(file string) *posIndex {
	return &posIndex{file: file, nodes: []posNode{{}}, children: map[childKey]int32{}, entries: map[int32][]int32{}}
}

func (ix *posIndex) child(parent int32, key string) int32 {
	k := childKey{parent, key}
	if n, ok := ix.children[k]; ok {
		return n
	}
	ix.nodes = append(ix.nodes, posNode{})
	n := int32(len(ix.nodes) - 1)
	ix.children[k] = n
	return n
}

func (ix *posIndex) newEntry(array int32) int32 {
	ix.nodes = append(ix.nodes, posNode{})
	n := int32(len(ix.nodes) - 1)
	ix.entries[array] = append(ix.entries[array], n)
	return n
}

// lookup returns where path is written, or where its nearest written
// ancestor is, or the start of the file.
func (ix *posIndex) lookup(path string) Pos {
	best := Pos{File: ix.file, Line: 1, Col: 1}
	n := int32(rootNode)
	for path != "" {
		var ok bool
		if path[0] == '[' {
			end := strings.IndexByte(path, ']')
			if end < 0 {
				break
			}
			i, err := strconv.Atoi(path[1:end])
			list := ix.entries[n]
			if err != nil || i < 0 || i >= len(list) {
				break
			}
			n, path = list[i], path[end+1:]
		} else {
			path = strings.TrimPrefix(path, ".")
			end := strings.IndexAny(path, ".[")
			if end < 0 {
				end = len(path)
			}
			if n, ok = ix.children[childKey{n, path[:end]}]; !ok {
				break
			}
			path = path[end:]
		}
		if p := ix.nodes[n]; p.line > 0 {
			best = Pos{File: ix.file, Line: int(p.line), Col: int(p.col)}
		}
	}
	return best
}

// limitError is a structural limit that a source exceeds.
type limitError struct {
	pos Pos
	msg string
}

// container is an array or inline table the scanner is inside of.
type container struct {
	kind  byte  // '[' or '{'
	node  int32 // the array or table in the index
	depth int   // nesting level of the container itself
	count int   // entries or keys so far
	line  int   // where it starts, for messages
	col   int
}

// scanner walks a source once, left to right, with an explicit stack of
// open containers: no recursion, so nesting cannot overflow the goroutine
// stack, and the column is counted as it goes rather than recounted.
//
// It is forgiving: on malformed input it stops recording and reports no
// limit, leaving the error to the TOML parser.
type scanner struct {
	src       []byte
	i         int
	line, col int
	lineStart int
	ix        *posIndex
	stack     []container
	table     int32 // the table of the current [header] section
	depth     int   // nesting level of that table
	keys      int   // keys set in that section
	weight    int   // values so far, each counted by its depth
	limit     *limitError
	stop      bool // malformed input or a limit: nothing more to learn
}

// indexPositions returns the position index of a source, ignoring limits.
func indexPositions(file string, src []byte) *posIndex {
	ix, _ := scanSource(file, src)
	return ix
}

// scanSource indexes the positions of a source and checks it against the
// structural limits, in one pass linear in its length. The scan stops at
// the first limit exceeded.
func scanSource(file string, src []byte) (*posIndex, *limitError) {
	s := &scanner{src: src, line: 1, col: 1, ix: newPosIndex(file)}
	s.run()
	return s.ix, s.limit
}

func (s *scanner) here() Pos { return Pos{File: s.ix.file, Line: s.line, Col: s.col} }

func (s *scanner) exceed(p Pos, format string, args ...any) {
	if s.limit == nil {
		s.limit = &limitError{pos: p, msg: fmt.Sprintf(format, args...)}
	}
	s.stop = true
}

func (s *scanner) record(n int32, p Pos) {
	if node := &s.ix.nodes[n]; node.line == 0 {
		node.line, node.col = int32(p.Line), int32(p.Col)
	}
}

func (s *scanner) eof() bool { return s.stop || s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.i]
}

func (s *scanner) advance() {
	c := s.src[s.i]
	s.i++
	switch {
	case c == '\n':
		s.line++
		s.col = 1
		s.lineStart = s.i
	case c&0xC0 != 0x80: // not a UTF-8 continuation byte: a new character
		s.col++
	}
	if s.i-s.lineStart > MaxLineBytes {
		s.exceed(Pos{File: s.ix.file, Line: s.line, Col: 1}, "line is longer than %d KiB, the limit for one line; break it up", MaxLineBytes>>10)
	}
}

// skipSpace skips blanks and comments, and newlines too when nl is set.
func (s *scanner) skipSpace(nl bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			s.advance()
		case c == '\n' && nl:
			s.advance()
		case c == '#':
			s.skipLine()
		default:
			return
		}
	}
}

func (s *scanner) skipLine() {
	for !s.eof() && s.peek() != '\n' {
		s.advance()
	}
}

func (s *scanner) malformed() { s.stop = true }

func (s *scanner) run() {
	for !s.eof() {
		if len(s.stack) == 0 {
			s.statement()
			continue
		}
		top := &s.stack[len(s.stack)-1]
		s.skipSpace(true)
		if s.eof() {
			return
		}
		closer := byte(']')
		if top.kind == '{' {
			closer = '}'
		}
		if s.peek() == closer {
			s.advance()
			s.endValue()
			continue
		}
		if top.count > 0 {
			if s.peek() != ',' {
				s.malformed() // entries must be separated by commas
				return
			}
			s.advance()
			s.skipSpace(true)
			if s.peek() == closer {
				continue // a trailing comma
			}
		}
		top.count++
		if top.kind == '[' {
			if top.count > MaxListLength {
				s.exceed(s.here(), "array has more than %d entries (it starts at line %d, column %d); the limit is %d: split it", MaxListLength, top.line, top.col, MaxListLength)
				return
			}
			if s.tooDeep(top.depth+1, s.here()) {
				return
			}
			entry := s.ix.newEntry(top.node)
			s.record(entry, s.here())
			s.value(entry, top.depth+1)
			continue
		}
		if top.count > MaxKeysPerTable {
			s.exceed(s.here(), "inline table has more than %d keys; the limit is %d", MaxKeysPerTable, MaxKeysPerTable)
			return
		}
		start := s.here()
		keys := s.keyPath()
		if len(keys) == 0 || s.peek() != '=' {
			s.malformed()
			return
		}
		s.advance()
		if s.tooDeep(top.depth+len(keys), start) {
			return
		}
		n := s.walk(top.node, keys)
		s.record(n, start)
		s.value(n, top.depth+len(keys))
	}
}

// endValue closes the innermost container; back at the top level, the rest
// of the line holds nothing but a comment.
func (s *scanner) endValue() {
	s.stack = s.stack[:len(s.stack)-1]
	if len(s.stack) == 0 {
		s.skipLine()
	}
}

// statement reads a table header or the start of a key/value line.
func (s *scanner) statement() {
	s.skipSpace(true)
	if s.eof() {
		return
	}
	start := s.here()
	if s.peek() == '[' {
		s.advance()
		array := s.peek() == '['
		if array {
			s.advance()
		}
		keys := s.keyPath()
		if s.tooDeep(len(keys), start) {
			return
		}
		s.table = s.header(keys, array)
		s.depth = len(keys)
		s.keys = 0
		s.record(s.table, start)
		s.skipLine()
		return
	}
	keys := s.keyPath()
	if len(keys) == 0 || s.peek() != '=' {
		s.skipLine()
		return
	}
	s.advance()
	s.keys++
	if s.keys > MaxKeysPerTable {
		s.exceed(start, "table has more than %d keys; the limit is %d: split it", MaxKeysPerTable, MaxKeysPerTable)
		return
	}
	if s.tooDeep(s.depth+len(keys), start) {
		return
	}
	n := s.walk(s.table, keys)
	s.record(n, start)
	s.value(n, s.depth+len(keys))
	if len(s.stack) == 0 {
		s.skipLine()
	}
}

// walk follows a dotted key from the table at.
func (s *scanner) walk(at int32, keys []string) int32 {
	for _, k := range keys {
		at = s.ix.child(at, k)
	}
	return at
}

// header resolves a table header's keys: a key naming an array of tables
// stands for its last entry, and [[x]] adds an entry to x.
func (s *scanner) header(keys []string, array bool) int32 {
	n := int32(rootNode)
	for i, k := range keys {
		n = s.ix.child(n, k)
		if i == len(keys)-1 && array {
			n = s.ix.newEntry(n)
		} else if list := s.ix.entries[n]; len(list) > 0 {
			n = list[len(list)-1]
		}
	}
	return n
}

// keyPath reads a dotted key up to "=", "]" or the end of the line.
func (s *scanner) keyPath() []string {
	var keys []string
	start := s.here()
	for {
		s.skipSpace(false)
		if s.eof() {
			return keys
		}
		switch c := s.peek(); c {
		case '"', '\'':
			keys = append(keys, s.str(true))
		case '=', ']', '\n':
			for s.peek() == ']' {
				s.advance()
			}
			return keys
		case '.':
			s.advance()
		default:
			start := s.i
			for !s.eof() && isBare(s.peek()) {
				s.advance()
			}
			if s.i == start {
				return keys
			}
			keys = append(keys, string(s.src[start:s.i]))
		}
		if len(keys) > MaxNesting {
			s.exceed(start, "key has more than %d dotted parts; the limit is %d", MaxNesting, MaxNesting)
			return keys
		}
	}
}

func isBare(c byte) bool {
	return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// tooDeep counts a value at nesting level depth, written at p, and reports
// whether it is beyond MaxNesting or the file beyond MaxValueWeight.
func (s *scanner) tooDeep(depth int, p Pos) bool {
	if depth > MaxNesting {
		s.exceed(p, "values nest more than %d levels deep (arrays, inline tables and dotted keys each count); the limit is %d", MaxNesting, MaxNesting)
		return true
	}
	if s.weight += depth; s.weight > MaxValueWeight {
		s.exceed(p, "file holds too many values: keys and array entries, each counted by its nesting depth, add up to more than %d here; split the file", MaxValueWeight)
		return true
	}
	return false
}

// value starts reading the value of node n, at nesting level depth: a
// string or scalar is skipped, an array or inline table is opened.
func (s *scanner) value(n int32, depth int) {
	s.skipSpace(false)
	switch c := s.peek(); c {
	case '"', '\'':
		s.str(false)
	case '[', '{':
		s.stack = append(s.stack, container{kind: c, node: n, depth: depth, line: s.line, col: s.col})
		s.advance()
	default:
		start := s.i
		for !s.eof() {
			switch s.peek() {
			case ',', ']', '}', '\n', '#':
				if s.i == start {
					s.malformed() // no value at all
				}
				return
			}
			s.advance()
		}
	}
}

// str reads a basic, literal or multi-line string; it returns its raw body
// when keep is set (for keys), and nothing otherwise (values are only
// skipped, so their text is not copied).
func (s *scanner) str(keep bool) string {
	q := s.peek()
	multi := s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q
	quotes := 1
	if multi {
		quotes = 3
	}
	for range quotes {
		s.advance()
	}
	start := s.i
	body := func(end int) string {
		if !keep {
			return ""
		}
		return string(s.src[start:end])
	}
	for !s.eof() {
		c := s.peek()
		if c == '\\' && q == '"' {
			s.advance()
			if !s.eof() {
				s.advance()
			}
			continue
		}
		if c == '\n' && !multi {
			return body(s.i)
		}
		if c == q {
			if !multi {
				b := body(s.i)
				s.advance()
				return b
			}
			if s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q {
				// Up to two extra quotes may close a multi-line string.
				end := s.i + 3
				for end < len(s.src) && end < s.i+5 && s.src[end] == q {
					end++
				}
				b := body(end - 3)
				for s.i < end && !s.eof() {
					s.advance()
				}
				return b
			}
		}
		s.advance()
	}
	return body(s.i)
}

// join joins a table path and a key as the paths of the index are written.
func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}
