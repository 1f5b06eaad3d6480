package document

import "github.com/rolepack/rolepack/generator/messages"

// Words are the sentences that the documents and the site both say, kept
// here once so that no output words a fact its own way. Their text is the
// catalogue's (document.words.* in generator/messages/catalogues).
type Words struct {
	Vacant           string // a role nobody holds
	HeldByEveryone   string // a role everyone holds
	NoneRecorded     string // a role without authorities
	NoFindings       string // a clean audit report
	NoGaps           string // a competence matrix without gaps
	SinglePointsNote string // what the single points of failure are
	RACIRule         string // what every activity of the RACI has
}

// WordsOf are the shared sentences in the catalogue's language.
func WordsOf(w *messages.Catalogue) Words {
	return Words{
		Vacant:           w.Text("document.words.vacant"),
		HeldByEveryone:   w.Text("document.words.held_by_everyone"),
		NoneRecorded:     w.Text("document.words.none_recorded"),
		NoFindings:       w.Text("document.words.no_findings"),
		NoGaps:           w.Text("document.words.no_gaps"),
		SinglePointsNote: w.Text("document.words.single_points_note"),
		RACIRule:         w.Text("document.words.raci_rule"),
	}
}

// Shared are the shared sentences in English. An output in the view's
// language uses WordsOf(v.Words) instead.
var Shared = WordsOf(messages.Builtin(messages.Reference))
