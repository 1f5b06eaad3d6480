package document

// Words are the sentences that the documents and the site both say, kept
// here once so that no output words a fact its own way. (The languages of
// issue #28 will give each its translations.)
type Words struct {
	Vacant           string // a role nobody holds
	HeldByEveryone   string // a role everyone holds
	NoneRecorded     string // a role without authorities
	NoFindings       string // a clean audit report
	NoGaps           string // a competence matrix without gaps
	SinglePointsNote string // what the single points of failure are
	RACIRule         string // what every activity of the RACI has
}

// Shared are the shared sentences, in English.
var Shared = Words{
	Vacant:           "Vacant: no one holds this role.",
	HeldByEveryone:   "Held by everyone in the organisation.",
	NoneRecorded:     "None recorded.",
	NoFindings:       "No findings.",
	NoGaps:           "No competence gaps: everyone with a seat meets the levels their seats require.",
	SinglePointsNote: "Not findings: places where losing one person would leave a critical role, a role or a review-team seat without cover. Plan a deputy or a second holder for each.",
	RACIRule:         "Each activity has exactly one Accountable role and at least one Responsible role.",
}
