package check

import (
	"fmt"
	"slices"

	"github.com/rolepack/rolepack/generator/model"
)

// Rule is one audit-readiness rule, declared once in the registry below:
// its id, severity and checklist item, the line docs/checks.md shows for it,
// and the wording of every finding it raises. The rule table in
// docs/checks.md and the per-rule trip tests are derived from this list, so
// a rule cannot be added without its documentation and a test that fires it.
type Rule struct {
	ID       string   // stable, such as "RP-SOD-01"
	Severity Severity // of every finding the rule raises
	Item     string   // the checklist item its findings count against
	Finds    string   // what it finds, for the table in docs/checks.md (Markdown)
	Remedy   string   // the fix in a few words, for that table (Markdown)
	Messages []Message
}

// Message is one case of a rule, worded for the ISMS manager: the message,
// whose fmt verbs are filled in where the rule fires, and the fix. A rule
// with one case has one Message with an empty Case.
type Message struct {
	Case   string // "" when the rule has one case; else a short name, such as "deputy"
	Format string // fmt format of the message
	// Fix is what to do about it. It may end in a %s that the rule fills
	// with what to add (RP-FONT-01 names the font of the script).
	Fix string
}

// Ref is how the checks name the case they raise: "RP-SOD-01", or
// "RP-ASG-01/deputy" for a rule with several cases.
func (r Rule) Ref(m Message) string {
	if m.Case == "" {
		return r.ID
	}
	return r.ID + "/" + m.Case
}

// Rules returns the registry, in the order docs/checks.md lists it. The
// slice is a copy; the Messages it shares are not to be changed.
func Rules() []Rule { return slices.Clone(rules) }

// rules is the registry. Messages and fixes are shown to the ISMS manager
// word for word; change them only on purpose.
var rules = slices.Concat(firstRules, rulesOfIssue15, rulesOfIssue27, rulesOfIssue28)

// rulesOfIssue27 are the rules of issue #27: every script printed, or
// reported.
var rulesOfIssue27 = []Rule{
	{
		ID: "RP-FONT-01", Severity: Error, Item: ItemCommunication,
		Finds: "a value the documents print holds a character that no font of the pack has (a name in Japanese, Hebrew, Arabic, Hindi, Thai … without a `[[font]]` for its script, or an emoji): it would print as a box. " +
			"One finding per value, naming each missing script with a character of it",
		Remedy: "add the `[[font]]` the fix names ([format.md](format.md#font--typefaces-for-other-scripts) lists one per script), or remove the characters",
		Messages: []Message{
			{Case: "script", Format: "The %s %q has characters that no font of the pack can print: %s.",
				Fix: "add to pack.toml %s"},
			{Case: "symbols", Format: "The %s %q has characters that no font of the pack can print: %s.",
				Fix: "remove them: no font the PDF can embed has emoji; for other symbols add a [[font]] file that has them (docs/format.md)"},
		},
	},
}

// firstRules are the rules of the first release.
var firstRules = []Rule{
	{
		ID: "RP-ISMS-01", Severity: Error, Item: ItemDefinitions,
		Finds:  "no role carries clause 5.3 (a), making the ISMS conform, or the role carrying it has no active holder",
		Remedy: "`clause_5_3 = [\"a\", …]` on the role (usually the ISM) and appoint someone",
		Messages: []Message{
			{Case: "none", Format: "No role carries the clause %s duty of %s.",
				Fix: "add clause_5_3 = [\"a\"] to the role that carries it, usually the Information Security Manager"},
			{Case: "unheld", Format: "The clause %s duty (%s) is carried by %q, which has no active holder.",
				Fix: "appoint an active person to the role"},
		},
	},
	{
		ID: "RP-ISMS-02", Severity: Error, Item: ItemDefinitions,
		Finds:  "the same for clause 5.3 (b), reporting ISMS performance to top management",
		Remedy: "`clause_5_3 = [… \"b\"]`",
		Messages: []Message{
			{Case: "none", Format: "No role carries the clause %s duty of %s.",
				Fix: "add clause_5_3 = [\"b\"] to the role that carries it, usually the Information Security Manager"},
			{Case: "unheld", Format: "The clause %s duty (%s) is carried by %q, which has no active holder.",
				Fix: "appoint an active person to the role"},
		},
	},
	{
		ID: "RP-ROLE-01", Severity: Error, Item: ItemAssignment,
		Finds:  "a role has no active holder (roles with `held_by_everyone` are exempt)",
		Remedy: "add an `[[assignment]]`",
		Messages: []Message{{Format: "The role %q has no active holder.",
			Fix: "add an [[assignment]] naming a current member of staff"}},
	},
	{
		ID: "RP-ASG-01", Severity: Error, Item: ItemAssignment,
		Finds:  "a leaver is still named: as holder, deputy, review-team member or chair",
		Remedy: "remove or replace them",
		Messages: []Message{
			{Case: "holder", Format: "%s left on %s but is still assigned to %q.",
				Fix: "remove the assignment or appoint a successor: leavers still named in the document are the most common audit finding"},
			{Case: "deputy", Format: "The deputy for %s in %q, %s, has left the organisation.",
				Fix: "name a current person as deputy"},
			{Case: "member", Format: "%s left on %s but is still a member of the review team.",
				Fix: "replace the member"},
			{Case: "chair", Format: "%s left on %s but still chairs the review team.",
				Fix: "name a current member as chair"},
		},
	},
	{
		ID: "RP-ASG-02", Severity: Warning, Item: ItemAssignment,
		Finds:  "an appointment has no evidence reference",
		Remedy: "`evidence = \"…\"`",
		Messages: []Message{{Format: "The appointment of %s as %q has no evidence reference.",
			Fix: "add evidence = \"…\" with the appointment letter, contract or HR record reference"}},
	},
	{
		ID: "RP-SOD-01", Severity: Error, Item: ItemClarity,
		Finds:  "one person holds two roles declared as conflicting (in either role's `conflicts_with`)",
		Remedy: "appoint someone else to one of them",
		Messages: []Message{{Format: "%s holds both %q and %q, which are declared as conflicting.",
			Fix: "appoint someone else to one of the two roles (segregation of duties, A.5.3)"}},
	},
	{
		ID: "RP-RACI-01", Severity: Error, Item: ItemClarity,
		Finds:  "an activity has no Accountable role",
		Remedy: "name exactly one",
		Messages: []Message{{Format: "The activity %q has no Accountable role.",
			Fix: "name exactly one accountable role"}},
	},
	{
		ID: "RP-RACI-02", Severity: Error, Item: ItemClarity,
		Finds:  "an activity has more than one Accountable role",
		Remedy: "keep one",
		Messages: []Message{{Format: "The activity %q has %d Accountable roles; it must have exactly one.",
			Fix: "keep one accountable role; make the others responsible or consulted"}},
	},
	{
		ID: "RP-RACI-03", Severity: Error, Item: ItemClarity,
		Finds:  "an activity has no Responsible role",
		Remedy: "name at least one",
		Messages: []Message{{Format: "The activity %q has no Responsible role.",
			Fix: "name at least one responsible role"}},
	},
	{
		ID: "RP-RACI-04", Severity: Error, Item: ItemClarity,
		Finds:  "an activity's Accountable role has no active holder",
		Remedy: "appoint someone or change the role",
		Messages: []Message{{Format: "The activity %q is accountable to %q, which nobody holds.",
			Fix: "appoint someone to the role, or make another role accountable"}},
	},
	{
		ID: "RP-RESP-01", Severity: Warning, Item: ItemClarity,
		Finds:  "the same responsibility (ignoring case, spacing and punctuation) is owned by two roles",
		Remedy: "keep it in one role",
		Messages: []Message{{Format: "The responsibility %q is owned by both %q and %q.",
			Fix: "keep the responsibility in one role and refer to it from the other"}},
	},
	{
		ID: "RP-RESP-02", Severity: Warning, Item: ItemAuthority,
		Finds:  "a role has responsibilities but no authorities",
		Remedy: "add `[[authority]]` entries with limits",
		Messages: []Message{{Format: "The role %q has responsibilities but no authorities.",
			Fix: "add [[authority]] entries: what the holder may decide or approve, and the limits"}},
	},
	{
		ID: "RP-COMP-01", Severity: Warning, Item: ItemCompetence,
		Finds:  "a holder is below a level their role requires; every such gap is a row of the training plan",
		Remedy: "train, then add a `[[record]]`",
		Messages: []Message{{Format: "%s %s; %q requires level %d.",
			Fix: "record the training in the training plan and, once done, add a [[record]] in competences.toml"}},
	},
	{
		ID: "RP-REV-01", Severity: Error, Item: ItemReview,
		Finds:  "the document's last review plus its interval is before today",
		Remedy: "review it and update `last_review`",
		Messages: []Message{{Format: "The document was last reviewed on %s and was due for review on %s.",
			Fix: "review the document, then update last_review in pack.toml"}},
	},
	{
		ID: "RP-REV-02", Severity: Error, Item: ItemReview,
		Finds:  "a role reviewed on its own (`last_review` in the role) is overdue likewise",
		Remedy: "review the role",
		Messages: []Message{{Format: "The role %q was last reviewed on %s and was due on %s.",
			Fix: "review the role, then update its last_review"}},
	},
	{
		ID: "RP-ORG-01", Severity: Warning, Item: ItemStructure,
		Finds:  "the reporting lines have more than one top; raised at each role that reports to no one, other than the top of the largest tree",
		Remedy: "set `reports_to` so they meet at top management",
		Messages: []Message{{Format: "The role %q reports to no other role, so the reporting lines have %d tops; the main one is %q.",
			Fix: "set reports_to in this role so that it leads up to top management"}},
	},
	{
		ID: "RP-MRT-01", Severity: Error, Item: ItemStructure,
		Finds:  "there is no `review-team.toml`",
		Remedy: "add the Management Review Team",
		Messages: []Message{{Format: "The pack has no Management Review Team.",
			Fix: "add review-team.toml with the members, meetings, agenda and duties"}},
	},
	{
		ID: "RP-MRT-02", Severity: Error, Item: ItemStructure,
		Finds:  "an in-scope area has no representative on the review team",
		Remedy: "add a `[[member]]` for it",
		Messages: []Message{{Format: "The in-scope area %q has no representative on the review team.",
			Fix: "add a [[member]] representing the area, with a deputy"}},
	},
	{
		ID: "RP-MRT-03", Severity: Warning, Item: ItemStructure,
		Finds:  "a review-team member has no deputy, or a deputy who has left",
		Remedy: "name a current deputy",
		Messages: []Message{
			{Case: "none", Format: "%s (review team, %s) has no deputy.",
				Fix: "name a deputy = \"…\" who can attend in their place"},
			{Case: "left", Format: "The deputy of %s on the review team, %s, has left the organisation.",
				Fix: "name a current person as deputy"},
		},
	},
	{
		ID: "RP-MRT-04", Severity: Error, Item: ItemStructure,
		Finds:  "no review-team member is from senior leadership",
		Remedy: "`senior_leadership = true` on one",
		Messages: []Message{{Format: "No member of the review team is from senior leadership.",
			Fix: "mark a member of senior leadership with senior_leadership = true"}},
	},
	{
		ID: "RP-MRT-05", Severity: Error, Item: ItemReview,
		Finds:  "no meetings, a gap between meetings longer than `meeting_interval_months` (plus 15 days' grace), or the last meeting longer ago than that",
		Remedy: "hold and record the meeting",
		Messages: []Message{
			{Case: "none", Format: "The review team has no recorded meetings.",
				Fix: "record each meeting as a [[meeting]] with its minutes reference"},
			{Case: "gap", Format: "The review team did not meet between %s and %s, longer than %d months.",
				Fix: "meet at the agreed cadence and record every meeting"},
			{Case: "overdue", Format: "The review team last met on %s; with a %d-month cadence the next meeting was due by %s.",
				Fix: "hold the overdue review and record it"},
		},
	},
	{
		ID: "RP-COMM-01", Severity: Warning, Item: ItemUnderstanding,
		Finds:  "a person with a seat has not acknowledged the current version (one finding per person). When the version they last acknowledged names a readable `git_ref`, only a change to their own duties since asks them again; otherwise their acknowledgement carries forward",
		Remedy: "have them sign; add an `[[acknowledgement]]`",
		Messages: []Message{
			{Case: "unsigned", Format: "%s has not acknowledged version %s of the document.",
				Fix: "have them sign the acknowledgement sheet, then add an [[acknowledgement]]"},
			{Case: "changed", Format: "%s acknowledged version %s; their duties changed since (%s): they must acknowledge version %s.",
				Fix: "have them sign the acknowledgement sheet, which lists what changed since they last signed, then add an [[acknowledgement]]"},
		},
	},
	{
		ID: "RP-DOC-01", Severity: Error, Item: ItemReview,
		Finds:  "the document is approved but has no approver or approval date",
		Remedy: "set them, or set status to draft",
		Messages: []Message{{Format: "The document is approved but does not say %s.",
			Fix: "set approver and approval_date in [document], or set status = \"draft\""}},
	},
	{
		ID: "RP-DOC-02", Severity: Error, Item: ItemReview,
		Finds:  "the effective date is before the approval date",
		Remedy: "correct the dates",
		Messages: []Message{{Format: "The document takes effect on %s, before it was approved on %s.",
			Fix: "set effective_date on or after approval_date"}},
	},
	{
		ID: "RP-DOC-03", Severity: Error, Item: ItemReview,
		Finds:  "the current version is not in the revision history",
		Remedy: "add a `[[revision]]`",
		Messages: []Message{{Format: "The current version %s is not in the revision history.",
			Fix: "add a [[revision]] for the current version"}},
	},
	{
		ID: "RP-INT-01", Severity: Warning, Item: ItemIntegration,
		Finds:  "no RACI activity covers one of the ISMS processes: risk, incident, audit, supplier, continuity, change, access (matched on the activity's `process`)",
		Remedy: "add activities for it",
		Messages: []Message{{Format: "No RACI activity covers %s.",
			Fix: "add [[activity]] entries for the process, with its roles"}},
	},
	{
		ID: "RP-LEAVE-01", Severity: Warning, Item: ItemAssignment,
		Finds:  "someone still named leaves within the notice window (`leaves_on`, `leaver_notice_days`, default 30): each seat they leave",
		Remedy: "appoint a successor before the date",
		Messages: []Message{{Format: "%s leaves on %s, in %d days, and is %s.",
			Fix: "appoint a successor or name a new deputy before the leaving date; `rolepack leavers` lists every seat"}},
	},
	{
		ID: "RP-LEAVE-02", Severity: Error, Item: ItemAssignment,
		Finds:  "someone's `leaves_on` date has passed but they are still active and named",
		Remedy: "mark them as a leaver and replace them",
		Messages: []Message{{Format: "%s was due to leave on %s and is still %s.",
			Fix: "set status = \"leaver\" and left_on (or update the HR export), and appoint a successor"}},
	},
}

// rulesOfIssue15 are the rules of time, versions, deputies, people and
// seats, and delegation of authority.
var rulesOfIssue15 = []Rule{
	{
		ID: "RP-DATE-01", Severity: Error, Item: ItemReview,
		Finds:  "a date lies after the build date (\"today\"): the approval date, an appointment, the document's or a role's `last_review`, a meeting, an acknowledgement or a held competence record; such an acknowledgement does not count for RP-COMM-01, and such a meeting or review does not count towards the cadence",
		Remedy: "correct the date; record what happened only once it has",
		Messages: []Message{
			{Case: "approval", Format: "The document's approval_date is dated %s, after the build date %s.",
				Fix: "correct approval_date; a document is approved only once it has been signed"},
			{Case: "appointment", Format: "The appointment of %s as %q is dated %s, after the build date %s.",
				Fix: "correct appointed_on, or add the assignment once the appointment is made"},
			{Case: "review", Format: "The document's last_review is dated %s, after the build date %s.",
				Fix: "set last_review to the date of the review that took place"},
			{Case: "rolereview", Format: "The last_review of %q is dated %s, after the build date %s.",
				Fix: "set last_review to the date of the review that took place"},
			{Case: "meeting", Format: "The review-team meeting is dated %s, after the build date %s.",
				Fix: "record a meeting once it has taken place, with its minutes"},
			{Case: "ack", Format: "The acknowledgement by %s of version %s is dated %s, after the build date %s; it does not count.",
				Fix: "correct the date, or record the acknowledgement once it is signed"},
			{Case: "record", Format: "The competence record of %s for %s is dated %s, after the build date %s.",
				Fix: "correct the date, or mark training still to come with status = \"planned\""},
		},
	},
	{
		ID: "RP-VER-01", Severity: Error, Item: ItemUnderstanding,
		Finds:  "an acknowledgement is of a version that is not in the revision history, or is dated before that version's revision date",
		Remedy: "correct the version or the date",
		Messages: []Message{
			{Case: "unknown", Format: "%s acknowledged version %s, which is not in the revision history.",
				Fix: "correct the version, or add the [[revision]] in pack.toml"},
			{Case: "early", Format: "%s acknowledged version %s on %s, before that version was issued on %s.",
				Fix: "correct the date or the version of the acknowledgement"},
		},
	},
	{
		ID: "RP-DEP-01", Severity: Warning, Item: ItemCompetence,
		Finds:  "a deputy is below a competence level the role they deputise for requires (a deputy stands in, so needs what the holder needs)",
		Remedy: "train the deputy and add a `[[record]]`, or name another deputy",
		Messages: []Message{{Format: "%s, deputy for %s as %q, %s; the role requires level %d.",
			Fix: "train the deputy and add a [[record]] in competences.toml, or name a deputy who has the competence"}},
	},
	{
		ID: "RP-DEP-02", Severity: Error, Item: ItemClarity,
		Finds:  "a deputy holds a role declared as conflicting with the role they deputise for",
		Remedy: "name another deputy",
		Messages: []Message{{Format: "%s deputises for %q but holds %q, which is declared as conflicting with it.",
			Fix: "name a deputy who holds no conflicting role (segregation of duties, A.5.3)"}},
	},
	{
		ID: "RP-DEP-03", Severity: Warning, Item: ItemAssignment,
		Finds:  "a deputy is named for a holder who has left (the deputy stands in for nobody; comes with RP-ASG-01)",
		Remedy: "appoint a successor, then name their deputy",
		Messages: []Message{{Format: "%s is deputy for %s as %q, who left on %s.",
			Fix: "appoint a successor (the deputy, if suitable) and give the new assignment its deputy"}},
	},
	{
		ID: "RP-PPL-01", Severity: Error, Item: ItemAssignment,
		Finds:  "the same person is assigned twice to one role",
		Remedy: "remove one `[[assignment]]`",
		Messages: []Message{{Format: "%s is assigned to %q twice.",
			Fix: "remove the second [[assignment]]; keep the one with the appointment evidence"}},
	},
	{
		ID: "RP-PPL-02", Severity: Warning, Item: ItemAssignment,
		Finds:  "two people have the same name, so the document cannot tell them apart",
		Remedy: "add what tells them apart to one name",
		Messages: []Message{{Format: "%s and %s are both called %q.",
			Fix: "tell them apart in the name, such as a middle initial, or remove the duplicate [[person]]"}},
	},
	{
		ID: "RP-PPL-03", Severity: Error, Item: ItemAssignment,
		Finds:  "a leaver's appointment is dated after their leaving date (comes with RP-ASG-01)",
		Remedy: "correct `appointed_on` or `left_on`",
		Messages: []Message{{Format: "%s was appointed as %q on %s, after leaving on %s.",
			Fix: "correct appointed_on or left_on; an appointment after leaving cannot be"}},
	},
	{
		ID: "RP-PPL-04", Severity: Warning, Item: ItemAssignment,
		Finds:  "the document's approver, or a person's line manager, has left",
		Remedy: "name a current approver or manager",
		Messages: []Message{
			{Case: "approver", Format: "The document's approver, %s, left on %s.",
				Fix: "have a current member of top management approve the next version, and set approver"},
			{Case: "manager", Format: "The line manager of %s, %s, left on %s.",
				Fix: "set line_manager to their current manager"},
		},
	},
	{
		ID: "RP-MRT-06", Severity: Warning, Item: ItemStructure,
		Finds:  "the review team's chair is not one of its members (a chair who has left is RP-ASG-01)",
		Remedy: "make the chair a member",
		Messages: []Message{{Format: "The chair of the review team, %s, is not one of its members.",
			Fix: "add the chair as a [[member]] for their area, or name a member as chair"}},
	},
	{
		ID: "RP-MRT-07", Severity: Warning, Item: ItemStructure,
		Finds:  "a review-team member represents an area other than their own (`area` of the person)",
		Remedy: "correct the member's or the person's `area`",
		Messages: []Message{{Format: "%s represents %q on the review team but belongs to %q.",
			Fix: "set the member's area to the person's own, or correct area in people.toml"}},
	},
	{
		ID: "RP-RACI-05", Severity: Error, Item: ItemClarity,
		Finds:  "an activity's Accountable role is held by everyone, so no one person answers for it",
		Remedy: "make a named role accountable",
		Messages: []Message{{Format: "The activity %q is accountable to %q, a role held by everyone.",
			Fix: "make a role with named holders accountable; everyone may be responsible or informed"}},
	},
	{
		ID: "RP-RACI-06", Severity: Warning, Item: ItemIntegration,
		Finds:  "a role that people hold takes part in no RACI activity",
		Remedy: "add it to the activities it does",
		Messages: []Message{{Format: "The role %q is held but takes part in no RACI activity.",
			Fix: "name the role in the [[activity]] entries it is responsible, accountable, supporting, consulted or informed for"}},
	},
	{
		ID: "RP-DEL-01", Severity: Error, Item: ItemAuthority,
		Finds:  "a delegated authority (`delegated_from`) exceeds the delegator's: a larger `amount`, another `currency`, or a longer `duration`",
		Remedy: "lower the delegated limit",
		Messages: []Message{
			{Case: "amount", Format: "%q delegated from %q allows %s, more than the delegator's %s.",
				Fix: "lower amount to at most the delegator's, or raise the delegator's first"},
			{Case: "currency", Format: "%q delegated from %q is in %s but the delegator's limit is in %s.",
				Fix: "state the delegated amount in the delegator's currency, so the two can be compared"},
			{Case: "duration", Format: "%q delegated from %q lasts up to %s, longer than the delegator's %s.",
				Fix: "shorten duration to at most the delegator's"},
		},
	},
	{
		ID: "RP-DEL-02", Severity: Error, Item: ItemAuthority,
		Finds:  "a delegation chain does not end at a role holding the authority outright: the delegator has no `[[authority]]` with the same text, or the chain loops",
		Remedy: "delegate from a role that holds the authority",
		Messages: []Message{
			{Case: "missing", Format: "%q is delegated from %q, which has no authority of that name.",
				Fix: "add the authority, with the same text, to the delegating role, or correct delegated_from"},
			{Case: "loop", Format: "The delegation of %q loops: %s.",
				Fix: "end the chain at a role that holds the authority outright (without delegated_from)"},
		},
	},
}

// ruleCase is one Message of one Rule.
type ruleCase struct {
	rule *Rule
	msg  *Message
}

// byRef finds a rule case by its Ref, built once from the registry.
var byRef = func() map[string]ruleCase {
	m := map[string]ruleCase{}
	for i := range rules {
		r := &rules[i]
		for j := range r.Messages {
			m[r.Ref(r.Messages[j])] = ruleCase{r, &r.Messages[j]}
		}
	}
	return m
}()

// finding words a finding of the rule case ref. Every ref in this package
// is a literal that TestEveryRefIsRegistered resolves, so an unknown ref is
// a programming error caught by the tests, never seen by a user.
func finding(ref string, pos model.Pos, args ...any) Finding {
	c, ok := byRef[ref]
	if !ok {
		panic(fmt.Sprintf("check: rule %q is not in the registry (registry.go)", ref))
	}
	return Finding{Rule: c.rule.ID, Severity: c.rule.Severity, Item: c.rule.Item,
		Message: fmt.Sprintf(c.msg.Format, args...), Fix: c.msg.Fix, Pos: pos}
}

// findingFixing is finding with the fix's %s filled with what to add.
func findingFixing(ref string, pos model.Pos, add string, args ...any) Finding {
	f := finding(ref, pos, args...)
	f.Fix = fmt.Sprintf(f.Fix, add)
	return f
}
