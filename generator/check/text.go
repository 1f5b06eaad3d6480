package check

import "github.com/rolepack/rolepack/generator/messages"

// Text is an audit text in no language yet: a key of the findings
// catalogue (generator/messages/catalogues/<lang>/findings.toml) and its
// named arguments (messages.Text). The checks keep each finding's message
// and fix, each evidence note and each single-points line as a Text, so
// that an output renders it in its reader's language (view.FindingMessage
// and the like); the English strings of Finding.Message, Item.Evidence and
// the rest are the same Texts in English, for the command line and the
// JSON report. A value may also be a model.Date (printed as its ISO 8601
// form in every language).
type Text = messages.Text

// List is a list of texts joined by a separator message of the findings
// catalogue, such as "finding.sep.semicolon".
type List = messages.List

// Wording is a text that words itself in a language (messages.Wording).
type Wording = messages.Wording

// Joined is wordings joined by a separator message.
type Joined = messages.Joined

// English is rolepack's English catalogue, in which the check package
// words its findings for the command line and the JSON report.
func English() *messages.Catalogue { return messages.English() }

// quoted is s as %q prints it, without the outer quotes (messages.Quoted).
func quoted(s string) string { return messages.Quoted(s) }

// text is the Text of message key with args.
func text(key string, args ...any) Text { return Text{Key: key, Args: args} }

// plural is the Text of plural message key for count, with args.
func plural(key string, count int, args ...any) Text {
	return Text{Key: key, Plural: true, Count: count, Args: args}
}
