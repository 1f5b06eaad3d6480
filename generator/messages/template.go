package messages

import (
	"errors"
	"strings"
)

// piece is a part of a message: literal text, or a placeholder's name.
type piece struct {
	lit  string
	name string // non-empty for a placeholder
}

// parseTemplate splits a message into its pieces. "{name}" is a
// placeholder (name: a lowercase letter, then lowercase letters, digits
// and "_"); "{{" and "}}" stand for a brace. Anything else with a brace is
// an error, so that a typo such as "{total" never reaches paper.
func parseTemplate(s string) ([]piece, error) {
	var out []piece
	var lit strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '{' && i+1 < len(s) && s[i+1] == '{':
			lit.WriteByte('{')
			i++
		case c == '}' && i+1 < len(s) && s[i+1] == '}':
			lit.WriteByte('}')
			i++
		case c == '}':
			return nil, errors.New(`has a lone "}" (write "}}" for a brace)`)
		case c == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return nil, errors.New(`has a "{" that is not closed (write "{{" for a brace)`)
			}
			name := s[i+1 : i+end]
			if !isName(name) {
				return nil, errors.New(`has "{` + name + `}", which is not a placeholder: a name of lowercase letters, digits and "_" (write "{{" for a brace)`)
			}
			if lit.Len() > 0 {
				out = append(out, piece{lit: lit.String()})
				lit.Reset()
			}
			out = append(out, piece{name: name})
			i += end
		default:
			lit.WriteByte(c)
		}
	}
	if lit.Len() > 0 {
		out = append(out, piece{lit: lit.String()})
	}
	return out, nil
}

// isName reports whether s is a placeholder or key part name: a lowercase
// ASCII letter, then lowercase letters, digits and "_".
func isName(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// placeholders is the set of names a message's pieces use.
func placeholders(ps []piece) map[string]bool {
	m := map[string]bool{}
	for _, p := range ps {
		if p.name != "" {
			m[p.name] = true
		}
	}
	return m
}
