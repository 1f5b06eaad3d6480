package diff

import (
	"strconv"
	"strings"
	"sync"

	"github.com/rolepack/rolepack/generator/messages"
)

// Text is a change description in no language yet: a key of the diff
// catalogue (generator/messages/catalogues/<lang>/diff.toml) and its named
// arguments, as check.Text is for the audit texts. Every description the
// outputs print (the headline of a version's changes, what changed in a
// person's duties) is kept as a Text, so that an output renders it in its
// reader's language (view/difftext.go); the English strings of
// Changes.Headline, Affected.What and the command line's report are the
// same Texts rendered with rolepack's English catalogue.
//
// Args alternate names and values, as messages.Catalogue.Text takes them.
// A value is pack text (a string: a name, a responsibility, a version,
// printed as it is; for a translation's outputs the packs compared are the
// translated ones, so it is already in the reader's language), a number
// (an int, printed with the language's grouping), a Text (an English word
// of rolepack's own, such as a RACI letter's name, rendered in the same
// language), or a List of Texts.
type Text struct {
	Key    string
	Plural bool // a plural message: Count picks its form
	Count  int
	Args   []any
}

// List is a list of texts joined by the separator message Sep (a key such
// as "diff.sep.list").
type List struct {
	Sep   string
	Items []Text
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
		case interface {
			In(*messages.Catalogue) string
		}:
			args[i] = v.In(c) // a wording of model's, such as an authority's limit
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

// English is rolepack's English catalogue, in which the diff package words
// its changes for the command line, the JSON output and the history.
var English = sync.OnceValue(func() *messages.Catalogue { return messages.Builtin(messages.Reference) })

// String is t in English.
func (t Text) String() string { return t.In(English()) }

// Strings are texts in English.
func Strings(ts []Text) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.String()
	}
	return out
}

// quoted is s as Go's %q prints it, without the outer quotes: the
// catalogue's message holds the quotation marks of its language, and the
// value keeps %q's escapes (as `"%q renamed %q"` printed them).
func quoted(s string) string {
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}
