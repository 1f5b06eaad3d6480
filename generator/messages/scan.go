package messages

import (
	"strconv"
	"strings"
)

// pos is where something is written in a catalogue file: line and column
// from 1, the column counted in characters. The zero pos means the file as
// a whole.
type pos struct{ line, col int }

// scanKeys returns where each key of a TOML document is written, by the
// key's path joined with ".": a table header's keys at the header, a key
// of a key/value pair (dotted or not, also inside an inline table) at its
// first character. BurntSushi/toml does not expose the positions of
// decoded keys, hence this scanner.
//
// It runs before the TOML parser, to bound its work: deep is set when
// values or keys nest deeper than maxNesting (the parser's work for one
// value grows with the square of its depth, and a catalogue needs three
// levels). Positions are used only once the parser accepted the document,
// so the scanner can be lenient: it never fails, it reads every byte at
// most a few times, and a construct it misreads costs at most a position
// (the caller then falls back to the nearest ancestor's).
func scanKeys(src string) (at map[string]pos, deep bool) {
	s := &scanner{src: src, line: 1, col: 1, at: map[string]pos{}}
	var table []string
	for s.i < len(s.src) {
		s.skipSpace(true)
		if s.i >= len(s.src) {
			break
		}
		switch c := s.src[s.i]; {
		case c == '[':
			p := s.pos() // a header is where its "[" is
			double := strings.HasPrefix(s.src[s.i:], "[[")
			s.advance(1)
			if double {
				s.advance(1)
			}
			table = s.key()
			s.record(nil, table, p)
			s.skipLine()
		default:
			before := s.i
			s.pair(table)
			if s.i == before { // not a key: never loop
				s.advance(1)
			}
		}
	}
	return s.at, s.deep
}

// maxNesting is how deep keys and values may nest in a catalogue: each
// part of a dotted key or header and each array or inline table is one.
const maxNesting = 8

type scanner struct {
	src       string
	i         int
	line, col int
	at        map[string]pos
	depth     int
	deep      bool
}

// nest enters an array or inline table; false (and the rest of the input
// skipped) when that is too deep.
func (s *scanner) nest() bool {
	s.depth++
	if s.depth > maxNesting {
		s.deep = true
		s.i = len(s.src)
		return false
	}
	return true
}

func (s *scanner) pos() pos { return pos{s.line, s.col} }

// advance moves n bytes on, counting lines and characters.
func (s *scanner) advance(n int) {
	for ; n > 0 && s.i < len(s.src); n-- {
		c := s.src[s.i]
		s.i++
		switch {
		case c == '\n':
			s.line++
			s.col = 1
		case c&0xC0 != 0x80: // not a UTF-8 continuation byte
			s.col++
		}
	}
}

// record notes the position of every prefix of prefix+key not yet seen.
func (s *scanner) record(prefix, key []string, p pos) {
	path := append(append([]string(nil), prefix...), key...)
	for n := len(prefix) + 1; n <= len(path); n++ {
		k := strings.Join(path[:n], ".")
		if _, ok := s.at[k]; !ok {
			s.at[k] = p
		}
	}
}

// skipSpace skips blanks and comments, and newlines too if lines is set.
func (s *scanner) skipSpace(lines bool) {
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case ' ', '\t', '\r':
			s.advance(1)
		case '\n':
			if !lines {
				return
			}
			s.advance(1)
		case '#':
			s.skipLine()
		default:
			return
		}
	}
}

// skipLine moves to the end of the line (not past its newline).
func (s *scanner) skipLine() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.advance(1)
	}
}

// key reads a key, dotted or not, its parts bare or quoted.
func (s *scanner) key() []string {
	var parts []string
	for s.i < len(s.src) {
		s.skipSpace(false)
		if s.i >= len(s.src) {
			break
		}
		switch c := s.src[s.i]; {
		case c == '"' || c == '\'':
			raw := s.quoted(c)
			if c == '"' {
				if u, err := strconv.Unquote(`"` + raw + `"`); err == nil {
					raw = u
				}
			}
			parts = append(parts, raw)
		case isBare(c):
			start := s.i
			for s.i < len(s.src) && isBare(s.src[s.i]) {
				s.advance(1)
			}
			parts = append(parts, s.src[start:s.i])
		default:
			return parts
		}
		if len(parts) > maxNesting {
			s.deep = true
			s.i = len(s.src)
			return parts
		}
		s.skipSpace(false)
		if s.i < len(s.src) && s.src[s.i] == '.' {
			s.advance(1)
			continue
		}
		return parts
	}
	return parts
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// quoted reads a one-line string opened by q and returns what is between
// the quotes, escapes left as written.
func (s *scanner) quoted(q byte) string {
	s.advance(1)
	start := s.i
	for s.i < len(s.src) && s.src[s.i] != q && s.src[s.i] != '\n' {
		if q == '"' && s.src[s.i] == '\\' {
			s.advance(1)
		}
		s.advance(1)
	}
	raw := s.src[start:min(s.i, len(s.src))]
	s.advance(1)
	return raw
}

// pair reads "key = value" within table.
func (s *scanner) pair(table []string) {
	p := s.pos()
	k := s.key()
	if len(k) == 0 {
		return
	}
	s.record(table, k, p)
	s.skipSpace(false)
	if s.i < len(s.src) && s.src[s.i] == '=' {
		s.advance(1)
	}
	s.skipSpace(false)
	s.value(append(append([]string(nil), table...), k...))
}

// value skips a value, recording the keys of inline tables under path.
func (s *scanner) value(path []string) {
	if s.i >= len(s.src) {
		return
	}
	rest := s.src[s.i:]
	switch {
	case strings.HasPrefix(rest, `"""`), strings.HasPrefix(rest, `'''`):
		q := rest[:3]
		s.advance(3)
		for s.i < len(s.src) && !strings.HasPrefix(s.src[s.i:], q) {
			if q[0] == '"' && s.src[s.i] == '\\' {
				s.advance(1)
			}
			s.advance(1)
		}
		s.advance(3)
		// A closing delimiter may be followed by one or two more quotes.
		for s.i < len(s.src) && s.src[s.i] == q[0] {
			s.advance(1)
		}
	case rest[0] == '"' || rest[0] == '\'':
		s.quoted(rest[0])
	case rest[0] == '[':
		s.items(']', func() { s.value(append(path, "[]")) }) // entries' inline tables: no key path
	case rest[0] == '{':
		s.items('}', func() { s.pair(path) })
	default: // number, boolean, date
		for s.i < len(s.src) && !strings.ContainsRune(" \t\r\n,]}#", rune(s.src[s.i])) {
			s.advance(1)
		}
	}
}

// items scans the comma-separated items of an array or inline table, each
// with item, up to and past close; nesting is bounded (nest).
func (s *scanner) items(close byte, item func()) {
	defer func() { s.depth-- }()
	if !s.nest() {
		return
	}
	s.advance(1)
	for s.i < len(s.src) {
		s.skipSpace(true)
		if s.i >= len(s.src) || s.src[s.i] == close {
			break
		}
		if s.src[s.i] == ',' {
			s.advance(1)
			continue
		}
		before := s.i
		item()
		if s.i == before {
			s.advance(1)
		}
	}
	s.advance(1)
}
