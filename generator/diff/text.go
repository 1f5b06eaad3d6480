package diff

import "github.com/rolepack/rolepack/generator/messages"

// Text is a change description in no language yet: a key of the diff
// catalogue (generator/messages/catalogues/<lang>/diff.toml) and its named
// arguments (messages.Text), as for the audit texts. Every description the
// outputs print (the headline of a version's changes, what changed in a
// person's duties) is kept as a Text, so that an output renders it in its
// reader's language (view/difftext.go); the English strings of
// Changes.Headline, Affected.What and the command line's report are the
// same Texts in English. For a translation's outputs the packs compared
// are the translated ones, so their text is already in that language.
type Text = messages.Text

// List is a list of texts joined by a separator message such as
// "diff.sep.list".
type List = messages.List

// English is rolepack's English catalogue, in which the diff package words
// its changes for the command line, the JSON output and the history.
func English() *messages.Catalogue { return messages.English() }

// Strings are texts in English.
func Strings(ts []Text) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.String()
	}
	return out
}

// quoted is s as %q prints it, without the outer quotes (messages.Quoted).
func quoted(s string) string { return messages.Quoted(s) }

// text is the Text of message key with args.
func text(key string, args ...any) Text { return Text{Key: key, Args: args} }

// plural is the Text of plural message key for count, with args.
func plural(key string, count int, args ...any) Text {
	return Text{Key: key, Plural: true, Count: count, Args: args}
}
