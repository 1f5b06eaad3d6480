package check

import (
	"strconv"
	"strings"
	"sync"

	"github.com/rolepack/rolepack/generator/messages"
)

// Text is an audit text in no language yet: a key of the findings
// catalogue (generator/messages/catalogues/<lang>/findings.toml) and its
// named arguments. The checks keep each finding's message and fix, each
// evidence note and each single-points line as a Text, so that an output
// renders it in its reader's language (view.FindingMessage and the like);
// the English strings of Finding.Message, Item.Evidence and the rest are
// the same Texts rendered with the English catalogue, for the command
// line and the JSON report.
//
// Args alternate names and values, as messages.Catalogue.Text takes them.
// A value is pack text (a string: a name, an id, a version, a path, printed
// as it is), a number (an int, printed with the language's grouping), a
// model.Date (printed as its ISO 8601 form in every language), a Text (an
// English word of rolepack's own, such as a field label, rendered in the
// same language), or a List of Texts.
type Text struct {
	Key    string
	Plural bool // a plural message: Count picks its form
	Count  int
	Args   []any
}

// List is a list of texts joined by the separator message Sep (a key of
// the findings catalogue, such as "finding.sep.semicolon").
type List struct {
	Sep   string
	Items []Text
}

// Wording is a text that renders itself in a language: a Text, or
// another package's (generator/diff's description of a change), which a
// Text may take as an argument.
type Wording interface {
	In(c *messages.Catalogue) string
}

// Joined is wordings joined by the separator message Sep (a key of the
// findings catalogue).
type Joined struct {
	Sep   string
	Items []Wording
}

// In renders each item in the language of c and joins them.
func (j Joined) In(c *messages.Catalogue) string {
	parts := make([]string, len(j.Items))
	for i, w := range j.Items {
		parts[i] = w.In(c)
	}
	return strings.Join(parts, c.Text(j.Sep))
}

// text is the Text of message key with args.
func text(key string, args ...any) Text { return Text{Key: key, Args: args} }

// plural is the Text of plural message key for count, with args.
func plural(key string, count int, args ...any) Text {
	return Text{Key: key, Plural: true, Count: count, Args: args}
}

// In renders t in the language of c. A Text without a key is "".
func (t Text) In(c *messages.Catalogue) string {
	if t.Key == "" {
		return ""
	}
	args := make([]any, len(t.Args))
	copy(args, t.Args)
	for i := 1; i < len(args); i += 2 {
		switch v := args[i].(type) {
		case Text:
			args[i] = v.In(c)
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

// English is rolepack's English catalogue, in which the check package
// words its findings for the command line and the JSON report.
var English = sync.OnceValue(func() *messages.Catalogue { return messages.Builtin(messages.Reference) })

// String is t in English.
func (t Text) String() string { return t.In(English()) }

// quoted is s as Go's %q prints it, without the outer quotes: the
// catalogue's message holds the quotation marks of its language
// ("{role}", „{role}“, 「{role}」), and the value keeps %q's escapes, so
// that a name with a quote or a control character in it cannot garble a
// terminal or the report.
func quoted(s string) string {
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}
