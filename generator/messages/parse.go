package messages

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// MaxFileSize is the largest catalogue file rolepack reads. A complete
// catalogue is a few tens of kilobytes; the cap bounds the parser's work
// and memory on a file that is not one.
const MaxFileSize = 1 << 20

// message is one resolved message: a text, or a plural message's forms by
// CLDR category.
type message struct {
	text  []piece
	forms map[string][]piece // nil for a text
}

// entry is a message as a file writes it, with its position.
type entry struct {
	key    string
	at     pos
	plural bool
	text   string
	forms  map[string]string
	formAt map[string]pos
}

// file is one parsed catalogue file.
type file struct {
	name    string
	entries map[string]*entry
	at      map[string]pos // every key and table header
}

// errorf adds a fault at p of f's file.
func (f *file) errorf(errs *Errors, p pos, format string, args ...any) {
	*errs = append(*errs, &Error{File: f.name, Line: p.line, Col: p.col, Msg: fmt.Sprintf(format, args...)})
}

// where is the position of key, else of its nearest ancestor written in
// the file, else the file's start.
func (f *file) where(key string) pos {
	for k := key; k != ""; {
		if p, ok := f.at[k]; ok {
			return p
		}
		i := strings.LastIndexByte(k, '.')
		if i < 0 {
			break
		}
		k = k[:i]
	}
	return pos{1, 1}
}

// parseFile reads a catalogue file's messages. It checks what the file
// alone can tell: size, encoding, TOML syntax, the shape of keys and
// values, and each plural message's forms being CLDR categories with an
// "other". What the messages must say (keys, placeholders, the language's
// categories) is checkAgainst's.
func parseFile(name string, data []byte) (*file, Errors) {
	f := &file{name: name, entries: map[string]*entry{}}
	var errs Errors
	if len(data) > MaxFileSize {
		f.errorf(&errs, pos{}, "the file is larger than %d KiB: a catalogue is a few tens of kilobytes", MaxFileSize>>10)
		return f, errs
	}
	if !utf8.Valid(data) {
		f.errorf(&errs, invalidUTF8(data), "the file is not valid UTF-8: save it as UTF-8")
		return f, errs
	}
	src := string(data)
	at, deep := scanKeys(src)
	if deep {
		f.errorf(&errs, pos{}, "keys or values nest more than %d deep: a catalogue needs a group, a key and plural forms", maxNesting)
		return f, errs
	}
	f.at = at
	var tree map[string]any
	if _, err := toml.Decode(src, &tree); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			f.errorf(&errs, pos{pe.Position.Line, max(pe.Position.Col, 1)}, "%s", pe.Message)
		} else {
			f.errorf(&errs, pos{}, "%v", err)
		}
		return f, errs
	}
	f.walk(&errs, "", tree)
	sortErrors(errs)
	return f, errs
}

// walk turns a decoded table into entries, one per message.
func (f *file) walk(errs *Errors, prefix string, table map[string]any) {
	for _, k := range slices.Sorted(maps.Keys(table)) {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		at := f.where(key)
		if !isName(k) {
			f.errorf(errs, at, "%q is not a message key: each part of a key is lowercase letters, digits and \"_\", starting with a letter", key)
			continue
		}
		switch v := table[k].(type) {
		case string:
			if isCategory(k) {
				f.errorf(errs, at, "%q is a plural form outside a plural message: a plural message is a table of forms with an \"other\" form", key)
				continue
			}
			f.entries[key] = &entry{key: key, at: at, text: v}
		case map[string]any:
			if !f.isPlural(v) {
				f.walk(errs, key, v)
				continue
			}
			e := &entry{key: key, at: at, plural: true, forms: map[string]string{}, formAt: map[string]pos{}}
			for _, form := range slices.Sorted(maps.Keys(v)) {
				fat := f.where(key + "." + form)
				s, ok := v[form].(string)
				switch {
				case !isCategory(form):
					f.errorf(errs, fat, "plural message %q has a form %q: the forms are the CLDR categories %s", key, form, strings.Join(categories, ", "))
				case !ok:
					f.errorf(errs, fat, "form %q of %q is not a text", form, key)
				default:
					e.forms[form] = s
					e.formAt[form] = fat
				}
			}
			if _, ok := v["other"]; !ok {
				f.errorf(errs, at, "plural message %q has no \"other\" form: every plural message needs one", key)
			}
			f.entries[key] = e
		default:
			f.errorf(errs, at, "%q is a %s: a message is a text, or a table of plural forms", key, tomlKind(v))
		}
	}
}

// isPlural reports whether a table is a plural message: one with an
// "other" form, or whose keys are all CLDR categories (a plural message
// that lacks its "other"). The category names are kept for plural forms:
// no message key is named "one" or "other".
func (f *file) isPlural(t map[string]any) bool {
	if _, ok := t["other"]; ok {
		return true
	}
	for k := range t {
		if !isCategory(k) {
			return false
		}
	}
	return len(t) > 0
}

func tomlKind(v any) string {
	switch v.(type) {
	case []any, []map[string]any:
		return "list"
	case int64, float64:
		return "number"
	case bool:
		return "boolean"
	}
	return "date or time"
}

// invalidUTF8 is the position of the first byte of data that is not UTF-8.
func invalidUTF8(data []byte) pos {
	p := pos{1, 1}
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n <= 1 {
			return p
		}
		if r == '\n' {
			p.line++
			p.col = 1
		} else {
			p.col++
		}
		data = data[n:]
	}
	return p
}
