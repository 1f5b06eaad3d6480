package importxlsx

import (
	"bytes"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/rolepack/rolepack/generator/model"
)

// source is one TOML file and the edits planned for it.
type source struct {
	path  string
	data  []byte // normalised, as the loader read it
	pos   model.Positions
	edits []edit
}

// edit sets key of the table at path table to value (TOML text), or
// removes it when value is "".
type edit struct {
	table, key, value string
	sheet             string
	row               int
}

// tableKeys are the keys an edited table may have: the new key is added
// after the last of them.
var tableKeys = []string{"id", "name", "process", "clause", "responsible", "accountable", "supporting", "consulted", "informed",
	"person", "appointed_on", "evidence", "deputy"}

// splice replaces data[start:end] with text.
type splice struct {
	start, end int
	text       string
}

// apply returns the source with its edits made; everything else is kept
// byte for byte. Comments survive an edit: a value rewritten keeps the
// comment after it on its line, and the comments inside a value written
// over several lines stand as comment lines above its key; a key removed
// leaves its comments as lines of their own where it stood. A key new to
// a table that names a role a removed key of the table named (a letter
// moved, S → R) takes the removed key's line, with its comment; any other
// new key is added after the table's last key.
func (s *source) apply() ([]byte, error) {
	var splices []splice
	// The lines of removed keys, per table, in the order of the edits,
	// that a new key of the same table may take.
	type freed struct {
		start, end int    // the removed key's lines
		indent     string // the key's indentation
		inner      string // the comments inside its value, as lines
		trailing   string // the comment after its value, "" if none
		old        string // its value
		taken      bool
	}
	lines := map[string][]*freed{}
	type added struct {
		e    edit
		head int
	}
	var adds []added
	for _, e := range s.edits {
		tp, ok := s.pos.Find(e.table)
		if !ok {
			return nil, fmt.Errorf("%s: %s is not where the sources were read from", s.path, e.table)
		}
		head := s.lineStart(tp.Line)
		if !bytes.HasPrefix(bytes.TrimLeft(s.data[head:], " \t"), []byte("[[")) {
			return nil, fmt.Errorf("%s:%d: the entry is written as an inline table, which import-workbook does not rewrite: make the edit of %s row %d by hand", s.path, tp.Line, e.sheet, e.row)
		}
		kp, exists := s.pos.Find(e.table + "." + e.key)
		switch {
		case exists:
			start := s.offset(kp)
			vs, ve, err := s.valueSpan(start)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", s.path, kp.Line, err)
			}
			ls := s.lineStart(kp.Line)
			indent := string(s.data[ls:start])
			inner := commentLines(s.data, vs, ve, indent)
			if e.value == "" {
				end := s.lineEnd(ve)
				lines[e.table] = append(lines[e.table], &freed{start: ls, end: end, indent: indent, inner: inner,
					trailing: strings.TrimRight(string(s.data[ve:end]), " \t\r\n"), old: string(s.data[vs:ve])})
				continue
			}
			splices = append(splices, splice{vs, ve, e.value})
			if inner != "" {
				splices = append(splices, splice{ls, ls, inner})
			}
		case e.value != "":
			adds = append(adds, added{e, head})
		}
	}
	for _, a := range adds {
		// The line a removed key of the table leaves, when a role it named
		// moves to the new key: its comment is about that role.
		if i := slices.IndexFunc(lines[a.e.table], func(f *freed) bool { return !f.taken && sharesString(f.old, a.e.value) }); i >= 0 {
			f := lines[a.e.table][i]
			f.taken = true
			splices = append(splices, splice{f.start, f.end, f.inner + f.indent + a.e.key + " = " + a.e.value + f.trailing + "\n"})
			continue
		}
		last := -1
		for _, k := range tableKeys {
			if p, ok := s.pos.Find(a.e.table + "." + k); ok {
				_, ve, err := s.valueSpan(s.offset(p))
				if err != nil {
					return nil, fmt.Errorf("%s:%d: %v", s.path, p.Line, err)
				}
				last = max(last, ve)
			}
		}
		at := s.lineEnd(a.head)
		if last >= 0 {
			at = s.lineEnd(last)
		}
		text := a.e.key + " = " + a.e.value + "\n"
		if at > 0 && s.data[at-1] != '\n' {
			text = "\n" + text
		}
		splices = append(splices, splice{at, at, text})
	}
	for _, table := range slices.Sorted(maps.Keys(lines)) {
		for _, f := range lines[table] {
			if f.taken {
				continue
			}
			// The key goes; its comments stay where it stood.
			text := f.inner
			if c := strings.TrimLeft(f.trailing, " \t"); c != "" {
				text += f.indent + c + "\n"
			}
			splices = append(splices, splice{f.start, f.end, text})
		}
	}
	// From the end, so that offsets hold; an insertion at the end of a
	// removed key's lines goes after them, so it comes first.
	slices.SortStableFunc(splices, func(a, b splice) int {
		if a.start != b.start {
			return b.start - a.start
		}
		return (b.end - b.start) - (a.end - a.start)
	})
	out := slices.Clone(s.data)
	for _, sp := range splices {
		out = slices.Concat(out[:sp.start], []byte(sp.text), out[sp.end:])
	}
	return out, nil
}

// quoted matches a TOML basic string without escapes: a role id.
var quoted = regexp.MustCompile(`"[^"\\]*"`)

// sharesString says whether the TOML values a and b have a string in
// common.
func sharesString(a, b string) bool {
	for _, q := range quoted.FindAllString(a, -1) {
		if slices.Contains(quoted.FindAllString(b, -1), q) {
			return true
		}
	}
	return false
}

// commentLines is the comments inside the value d[from:to] (an array
// written over several lines), each as a line of its own with indent.
func commentLines(d []byte, from, to int, indent string) string {
	var out strings.Builder
	for i := from; i < to; {
		switch d[i] {
		case '"', '\'':
			end, err := skipString(d, i)
			if err != nil || end > to {
				return out.String()
			}
			i = end
			continue
		case '#':
			end := i
			for end < to && d[end] != '\n' {
				end++
			}
			out.WriteString(indent + strings.TrimRight(string(d[i:end]), " \t\r") + "\n")
			i = end
			continue
		}
		i++
	}
	return out.String()
}

// lineStart is the offset of the first byte of line n (1-based).
func (s *source) lineStart(n int) int {
	off := 0
	for line := 1; line < n; line++ {
		i := bytes.IndexByte(s.data[off:], '\n')
		if i < 0 {
			return len(s.data)
		}
		off += i + 1
	}
	return off
}

// lineEnd is the offset just past the newline ending the line holding off.
func (s *source) lineEnd(off int) int {
	i := bytes.IndexByte(s.data[off:], '\n')
	if i < 0 {
		return len(s.data)
	}
	return off + i + 1
}

// offset turns a position (columns counted in characters) into a byte offset.
func (s *source) offset(p model.Pos) int {
	off := s.lineStart(p.Line)
	for col := 1; col < p.Col && off < len(s.data); col++ {
		_, n := utf8.DecodeRune(s.data[off:])
		off += n
	}
	return off
}

// valueSpan finds the value of the key written at off: its first byte and
// the byte after it.
func (s *source) valueSpan(off int) (int, int, error) {
	d := s.data
	eq := bytes.IndexByte(d[off:], '=')
	if eq < 0 {
		return 0, 0, fmt.Errorf("no \"=\" after the key")
	}
	i := off + eq + 1
	for i < len(d) && (d[i] == ' ' || d[i] == '\t') {
		i++
	}
	start := i
	end, err := skipValue(d, i)
	return start, end, err
}

// skipValue returns the offset after the TOML value starting at i.
func skipValue(d []byte, i int) (int, error) {
	if i >= len(d) {
		return 0, fmt.Errorf("the value is missing")
	}
	switch d[i] {
	case '"', '\'':
		return skipString(d, i)
	case '[', '{':
		closer := map[byte]byte{'[': ']', '{': '}'}
		var stack []byte
		for i < len(d) {
			c := d[i]
			switch {
			case c == '"' || c == '\'':
				end, err := skipString(d, i)
				if err != nil {
					return 0, err
				}
				i = end
				continue
			case c == '#':
				for i < len(d) && d[i] != '\n' {
					i++
				}
				continue
			case c == '[' || c == '{':
				stack = append(stack, closer[c])
			case c == ']' || c == '}':
				if len(stack) == 0 || stack[len(stack)-1] != c {
					return 0, fmt.Errorf("unbalanced brackets")
				}
				stack = stack[:len(stack)-1]
				if len(stack) == 0 {
					return i + 1, nil
				}
			}
			i++
		}
		return 0, fmt.Errorf("an array or table is not closed")
	}
	end := i
	for end < len(d) && d[end] != '\n' && d[end] != '#' {
		end++
	}
	for end > i && (d[end-1] == ' ' || d[end-1] == '\t' || d[end-1] == '\r') {
		end--
	}
	return end, nil
}

func skipString(d []byte, i int) (int, error) {
	q := d[i]
	if i+2 < len(d) && d[i+1] == q && d[i+2] == q {
		end := bytes.Index(d[i+3:], []byte{q, q, q})
		if end < 0 {
			return 0, fmt.Errorf("a multi-line string is not closed")
		}
		end += i + 6
		for end < len(d) && d[end] == q {
			end++
		}
		return end, nil
	}
	for j := i + 1; j < len(d); j++ {
		switch d[j] {
		case '\\':
			if q == '"' {
				j++
			}
		case q:
			return j + 1, nil
		case '\n':
			return 0, fmt.Errorf("a string is not closed on its line")
		}
	}
	return 0, fmt.Errorf("a string is not closed")
}
