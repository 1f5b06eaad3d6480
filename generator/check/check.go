// Package check finds, in a loaded pack, what an ISO/IEC 27001 auditor would
// find wrong with the organisation's information-security roles, and
// summarises it as the clause 5.3 audit-readiness checklist that every
// output shows.
//
// "Today" is the stamp's build date, passed in, so a check is reproducible.
package check

import "github.com/rolepack/rolepack/generator/model"

// Severity of a finding.
type Severity string

// Severities. An error stops the build of an approved document.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Finding is one problem an auditor would raise.
type Finding struct {
	Rule     string    `json:"rule"`     // stable id, such as "RP-SOD-01"
	Severity Severity  `json:"severity"` // error or warning
	Message  string    `json:"message"`  // for a non-programmer
	Fix      string    `json:"fix"`      // what to do about it
	Pos      model.Pos `json:"pos"`      // the source it is about: the line to edit
	// Related are other places the finding concerns, such as the
	// assignment that needs the competence record to add at Pos.
	Related []model.Pos `json:"related,omitempty"`
	Item    string      `json:"item"` // checklist item id it belongs to
	// MessageText and FixText are Message and Fix in no language yet: an
	// output renders them in its reader's (view.FindingMessage). Empty
	// (no Key) for a finding not worded by the catalogue.
	MessageText Text `json:"-"`
	FixText     Text `json:"-"`
}

// Status of a checklist item.
type Status string

// Checklist statuses.
const (
	Met        Status = "met"
	Partly     Status = "partly met" // warnings only
	NotMet     Status = "not met"    // at least one error
	NotChecked Status = "not checked"
	// NoEvidence is an item without findings whose evidence counts
	// nothing ("0 communication duties"): never "met" without evidence.
	NoEvidence Status = "no evidence"
)

// Item is one line of the clause 5.3 audit-readiness checklist.
type Item struct {
	ID       string    `json:"id"`       // e.g. "assignment"
	Title    string    `json:"title"`    // e.g. "Roles are assigned to named people"
	Clause   string    `json:"clause"`   // e.g. "5.3, A.5.2"
	Status   Status    `json:"status"`   // derived from the findings
	Findings []Finding `json:"findings"` // behind the status
	Evidence []string  `json:"evidence"` // pointers to evidence recorded in the pack
	// Notes are Evidence in no language yet, one for each (view.Evidence);
	// the title and status are worded by the catalogue from ID and Status.
	Notes []Text `json:"-"`
}

// Report is the result of checking a pack.
type Report struct {
	Date      model.Date `json:"date"` // "today" used by the checks
	Findings  []Finding  `json:"findings"`
	Checklist []Item     `json:"checklist"`
	Errors    int        `json:"errors"`
	Warnings  int        `json:"warnings"`
	// SinglePoints is where one person's loss would break the roles.
	SinglePoints SinglePoints `json:"single_points"`
	// Unresolved are the unknown references of a pack checked without
	// them (model.LoadPartial, set by pipeline.Load for `rolepack check`):
	// the report is then partial, of the rest of the pack.
	Unresolved model.Errors `json:"unresolved,omitempty"`
	// Unacknowledged are the seated people who must still acknowledge the
	// Acks is every seated person's acknowledgement of the current
	// version as RP-COMM-01 judged it (Acknowledgements), in the pack's
	// order: the outputs say from it whether a person's acknowledgement is
	// on record, and which record counts.
	Acks []AckStatus `json:"-"`
	// current version: those RP-COMM-01 reports, in the pack's order of
	// people. rolepack acks links and pending ask them.
	Unacknowledged []*model.Person `json:"-"`
}

// Partial reports whether the pack was checked without some of its
// references (Unresolved).
func (r *Report) Partial() bool { return len(r.Unresolved) > 0 }

// Clean reports whether there are no findings at all (and, for a partial
// report, nothing unresolved).
func (r *Report) Clean() bool { return r.Errors+r.Warnings == 0 && !r.Partial() }
