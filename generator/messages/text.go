package messages

import (
	"strconv"
	"strings"
)

// Text is a message not yet rendered: a key and its named arguments. A
// package that composes sentences before anyone knows their reader's
// language — the checks' findings and checklist (generator/check), what
// changed between versions (generator/diff) — keeps them as Texts, so
// that each output renders them in its own language, and the command
// line in English.
//
// Args alternate names and values, as Catalogue.Text takes them. A value
// is pack text (a string: a name, an id, a version, a path, printed as it
// is), a number (an int, printed with the language's grouping), a Text (a
// word of rolepack's own, rendered in the same language), a List of Texts,
// or any other Wording (an amount, an authority's limit).
type Text struct {
	Key    string
	Plural bool // a plural message: Count picks its form
	Count  int
	Args   []any
}

// List is a list of texts joined by the separator message Sep.
type List struct {
	Sep   string
	Items []Text
}

// Wording is anything that words itself in a language: a Text, a Joined,
// or another package's (model's amounts and limits). A Text takes one as
// an argument.
type Wording interface {
	In(c *Catalogue) string
}

// Joined is wordings joined by the separator message Sep.
type Joined struct {
	Sep   string
	Items []Wording
}

// In renders each item in the language of c and joins them.
func (j Joined) In(c *Catalogue) string {
	parts := make([]string, len(j.Items))
	for i, w := range j.Items {
		parts[i] = w.In(c)
	}
	return strings.Join(parts, c.Text(j.Sep))
}

// In renders t in the language of c. A Text without a key is "".
func (t Text) In(c *Catalogue) string {
	if t.Key == "" {
		return ""
	}
	args := make([]any, len(t.Args))
	copy(args, t.Args)
	for i := 1; i < len(args); i += 2 {
		switch v := args[i].(type) {
		case List:
			parts := make([]string, len(v.Items))
			for j, it := range v.Items {
				parts[j] = it.In(c)
			}
			args[i] = strings.Join(parts, c.Text(v.Sep))
		case Wording:
			args[i] = v.In(c)
		}
	}
	if t.Plural {
		return c.Plural(t.Key, t.Count, args...)
	}
	return c.Text(t.Key, args...)
}

// Keys are the message keys t renders: its own and its arguments'.
func (t Text) Keys() []string {
	if t.Key == "" {
		return nil
	}
	keys := []string{t.Key}
	for i := 1; i < len(t.Args); i += 2 {
		switch v := t.Args[i].(type) {
		case Text:
			keys = append(keys, v.Keys()...)
		case List:
			keys = append(keys, v.Sep)
			for _, it := range v.Items {
				keys = append(keys, it.Keys()...)
			}
		}
	}
	return keys
}

// String is t in English, as the command line and the JSON reports word it.
func (t Text) String() string { return t.In(English()) }

// English is rolepack's English catalogue, without a pack's overrides.
func English() *Catalogue { return Builtin(Reference) }

// Quoted is s as Go's %q prints it, without the outer quotes: a message
// holds the quotation marks of its language ("{role}", „{role}“,
// 「{role}」), and the value keeps %q's escapes, so that a name with a
// quote or a control character in it cannot garble a terminal.
func Quoted(s string) string {
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}
