package model

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// posIndex maps key paths of one TOML file to where they are written, so
// that validation errors can name a line. BurntSushi/toml does not expose
// positions of decoded keys, hence this small scanner.
//
// Paths join keys with "."; the n-th entry of an array of tables or of an
// array value is written key[n], as in "assignment[1].person" or
// "responsibilities[3]". The scanner is forgiving: on malformed input it
// records what it can and never fails (the TOML parser reports the error).
type posIndex struct {
	file string
	pos  map[string]Pos
}

func (ix *posIndex) lookup(path string) Pos {
	for {
		if p, ok := ix.pos[path]; ok {
			return p
		}
		i := strings.LastIndexAny(path, ".[")
		if i <= 0 {
			return Pos{File: ix.file, Line: 1, Col: 1}
		}
		path = path[:i]
	}
}

type scanner struct {
	src       []byte
	i         int
	line      int
	lineStart int
	ix        *posIndex
	arrays    map[string]int // resolved array-of-tables path -> entries so far
	isArray   map[string]bool
}

func indexPositions(file string, src []byte) *posIndex {
	ix := &posIndex{file: file, pos: map[string]Pos{}}
	s := &scanner{src: src, line: 1, ix: ix, arrays: map[string]int{}, isArray: map[string]bool{}}
	s.document()
	return ix
}

func (s *scanner) here() Pos {
	col := utf8.RuneCount(s.src[s.lineStart:s.i]) + 1
	return Pos{File: s.ix.file, Line: s.line, Col: col}
}

func (s *scanner) record(path string, p Pos) {
	if _, seen := s.ix.pos[path]; !seen {
		s.ix.pos[path] = p
	}
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.i]
}

func (s *scanner) advance() {
	if s.src[s.i] == '\n' {
		s.line++
		s.lineStart = s.i + 1
	}
	s.i++
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
			for !s.eof() && s.peek() != '\n' {
				s.advance()
			}
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

func (s *scanner) document() {
	var table string
	for {
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
			table = s.resolve(keys, array)
			s.record(table, start)
			s.skipLine()
			continue
		}
		keys := s.keyPath()
		if len(keys) == 0 || s.peek() != '=' {
			s.skipLine()
			continue
		}
		s.advance()
		path := join(table, strings.Join(keys, "."))
		s.record(path, start)
		s.value(path)
		s.skipLine()
	}
}

// resolve turns a table header's keys into an indexed path.
func (s *scanner) resolve(keys []string, array bool) string {
	var path string
	for n, k := range keys {
		path = join(path, k)
		if n == len(keys)-1 && array {
			i := s.arrays[path]
			s.arrays[path] = i + 1
			s.isArray[path] = true
			path += "[" + strconv.Itoa(i) + "]"
		} else if s.isArray[path] {
			path += "[" + strconv.Itoa(s.arrays[path]-1) + "]"
		}
	}
	return path
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// keyPath reads a dotted key up to "=", "]" or the end of the line.
func (s *scanner) keyPath() []string {
	var keys []string
	for {
		s.skipSpace(false)
		if s.eof() {
			return keys
		}
		switch c := s.peek(); c {
		case '"', '\'':
			keys = append(keys, s.str())
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
	}
}

func isBare(c byte) bool {
	return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// value skips one value, recording the positions of array elements and
// inline-table keys beneath path.
func (s *scanner) value(path string) {
	s.skipSpace(false)
	switch s.peek() {
	case '"', '\'':
		s.str()
	case '[':
		s.advance()
		for n := 0; ; n++ {
			s.skipSpace(true)
			if s.eof() {
				return
			}
			if s.peek() == ']' {
				s.advance()
				return
			}
			elem := path + "[" + strconv.Itoa(n) + "]"
			s.record(elem, s.here())
			before := s.i
			s.value(elem)
			s.skipSpace(true)
			if s.peek() == ',' {
				s.advance()
			} else if s.i == before {
				s.advance() // malformed: make progress
			}
		}
	case '{':
		s.advance()
		for {
			s.skipSpace(false)
			if s.eof() || s.peek() == '\n' {
				return
			}
			if s.peek() == '}' {
				s.advance()
				return
			}
			start := s.here()
			keys := s.keyPath()
			if s.peek() != '=' {
				s.skipLine()
				return
			}
			s.advance()
			key := join(path, strings.Join(keys, "."))
			s.record(key, start)
			s.value(key)
			s.skipSpace(false)
			if s.peek() == ',' {
				s.advance()
			}
		}
	default:
		for !s.eof() {
			switch s.peek() {
			case ',', ']', '}', '\n', '#':
				return
			}
			s.advance()
		}
	}
}

// str reads a basic, literal or multi-line string and returns its raw body.
func (s *scanner) str() string {
	q := s.peek()
	multi := strings.HasPrefix(string(s.src[s.i:min(s.i+3, len(s.src))]), strings.Repeat(string(q), 3))
	if multi {
		s.i += 3
	} else {
		s.advance()
	}
	start := s.i
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
			return string(s.src[start:s.i])
		}
		if c == q {
			if !multi {
				body := string(s.src[start:s.i])
				s.advance()
				return body
			}
			if s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q {
				// Up to two extra quotes may close a multi-line string.
				end := s.i + 3
				for end < len(s.src) && end < s.i+5 && s.src[end] == q {
					end++
				}
				body := string(s.src[start : end-3])
				s.i = end
				return body
			}
		}
		s.advance()
	}
	return string(s.src[start:s.i])
}
