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

// Message is one case of a rule: its wording is the findings catalogue's
// (generator/messages/catalogues/en/findings.toml), under Key: Key+".message"
// is the message, whose placeholders the rule fills by name where it fires,
// and Key+".fix" what to do about it. A rule with one case has one Message
// with an empty Case.
type Message struct {
	Case string // "" when the rule has one case; else a short name, such as "deputy"
	Key  string // the catalogue table of its message and fix, such as "finding.rp_asg_01.deputy"
	// Format and Fix are the wording of a case not yet in the catalogue
	// (Key ""): an English fmt format, filled with the rule's arguments in
	// order, and the fix. Such a case prints in English in every output.
	Format string
	Fix    string
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

// rules is the registry. Messages and fixes (in the findings catalogue)
// are shown to the ISMS manager word for word; change them only on purpose.
var rules = slices.Concat(firstRules, rulesOfIssue15, rulesOfIssue27, rulesOfIssue28, rulesOfIssue30)

// rulesOfIssue30 are the rules of issue #30: what each reader sees holds
// together.
var rulesOfIssue30 = []Rule{
	{
		ID: "RP-COMP-02", Severity: Warning, Item: ItemCompetence,
		Finds:    "a training-plan row is past its due date (`training_due_days` after the appointment — for a role held by everyone, after the person's `started_on`, else the effective date — or after the requirement's `added_on`); every output marks the row overdue. A gap against a role held by everyone is counted in RP-COMP-03 instead, unless its training is booked (`status = \"planned\"`): then here, at the booking",
		Remedy:   "hold the training and add its `[[record]]`; if it is booked, add the booking as a `[[record]]` with `status = \"planned\"` and its date",
		Messages: []Message{{Key: "finding.rp_comp_02"}},
	},
	{
		ID: "RP-COMP-03", Severity: Warning, Item: ItemCompetence,
		Finds:    "people lack a level that a role held by everyone requires (such as awareness training, A.6.3): one finding per requirement, at its line, counting the people, naming the first three and saying how many are past their due date; each of them is a row of the training plan",
		Remedy:   "train them, then import the completions from the LMS or HR export (`[[completions]]` in pack.toml) or add a `[[record]]` per person",
		Messages: []Message{{Key: "finding.rp_comp_03"}},
	},
	{
		ID: "RP-MRT-08", Severity: Warning, Item: ItemStructure,
		Finds:    "a review-team member represents an area but belongs to none (an external party, or a person without `area`), and the seat names no `agreement`",
		Remedy:   "name a member of the area, or the record under which they represent it: `agreement = \"…\"`",
		Messages: []Message{{Key: "finding.rp_mrt_08"}},
	},
}

// rulesOfIssue28 are the rules of issue #28: translations of the pack's
// own text kept true to the authoritative text (docs/languages.md). Stale
// and missing translations are errors, so an approved document is not
// issued in a language whose text no longer says what the approved text
// says.
var rulesOfIssue28 = []Rule{
	{
		ID: "RP-LANG-01", Severity: Error, Item: ItemCommunication,
		Finds:    "a translation made from an older source text: the source value changed since it was translated (its hash is not the `source` the translation records); the output shows the source text in its place",
		Remedy:   "have it translated again: `rolepack translations export --only stale`, then `import` (a translator who finds the translation still right confirms it unchanged)",
		Messages: []Message{{Key: "finding.rp_lang_01"}},
	},
	{
		ID: "RP-LANG-02", Severity: Error, Item: ItemCommunication,
		Finds:    "a translatable value with no translation in a language of pack.toml's `languages`; the output shows the source text in its place",
		Remedy:   "add its translation to `translations/<lang>/<source file>` (`rolepack translations export --only missing`, then `import`)",
		Messages: []Message{{Key: "finding.rp_lang_02"}},
	},
	{
		ID: "RP-LANG-03", Severity: Warning, Item: ItemCommunication,
		Finds:    "a translation of a value that no longer exists: the value was removed, or a list entry removed, or the unit id does not name a value of its source file",
		Remedy:   "remove the entry, or correct its `id`",
		Messages: []Message{{Key: "finding.rp_lang_03"}},
	},
}

// rulesOfIssue27 are the rules of issue #27: every script printed, or
// reported.
var rulesOfIssue27 = []Rule{
	{
		ID: "RP-FONT-01", Severity: Error, Item: ItemCommunication,
		Finds: "a value the documents print holds a character that no font of the pack has (a name in Japanese, Hebrew, Arabic, Hindi, Thai … without a `[[font]]` for its script, or an emoji): it would print as a box. " +
			"One finding per value, naming each missing script with a character of it",
		Remedy: "add the `[[font]]` the fix names ([format.md](format.md#font--typefaces-for-other-scripts) lists one per script), or remove the characters",
		Messages: []Message{
			{Case: "script", Key: "finding.rp_font_01.script"},
			{Case: "symbols", Key: "finding.rp_font_01.symbols"},
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
			{Case: "none", Key: "finding.rp_isms_01.none"},
			{Case: "unheld", Key: "finding.rp_isms_01.unheld"},
		},
	},
	{
		ID: "RP-ISMS-02", Severity: Error, Item: ItemDefinitions,
		Finds:  "the same for clause 5.3 (b), reporting ISMS performance to top management",
		Remedy: "`clause_5_3 = [… \"b\"]`",
		Messages: []Message{
			{Case: "none", Key: "finding.rp_isms_02.none"},
			{Case: "unheld", Key: "finding.rp_isms_02.unheld"},
		},
	},
	{
		ID: "RP-ROLE-01", Severity: Error, Item: ItemAssignment,
		Finds:    "a role has no active holder (roles with `held_by_everyone` are exempt)",
		Remedy:   "add an `[[assignment]]`",
		Messages: []Message{{Key: "finding.rp_role_01"}},
	},
	{
		ID: "RP-ASG-01", Severity: Error, Item: ItemAssignment,
		Finds:  "a leaver is still named: as holder, deputy, review-team member or chair",
		Remedy: "remove or replace them",
		Messages: []Message{
			{Case: "holder", Key: "finding.rp_asg_01.holder"},
			{Case: "deputy", Key: "finding.rp_asg_01.deputy"},
			{Case: "member", Key: "finding.rp_asg_01.member"},
			{Case: "chair", Key: "finding.rp_asg_01.chair"},
		},
	},
	{
		ID: "RP-ASG-02", Severity: Warning, Item: ItemAssignment,
		Finds:    "an appointment has no evidence reference",
		Remedy:   "`evidence = \"…\"`",
		Messages: []Message{{Key: "finding.rp_asg_02"}},
	},
	{
		ID: "RP-SOD-01", Severity: Error, Item: ItemClarity,
		Finds:    "one person holds two roles declared as conflicting (in either role's `conflicts_with`)",
		Remedy:   "appoint someone else to one of them",
		Messages: []Message{{Key: "finding.rp_sod_01"}},
	},
	{
		ID: "RP-RACI-01", Severity: Error, Item: ItemClarity,
		Finds:    "an activity has no Accountable role",
		Remedy:   "name exactly one",
		Messages: []Message{{Key: "finding.rp_raci_01"}},
	},
	{
		ID: "RP-RACI-02", Severity: Error, Item: ItemClarity,
		Finds:    "an activity has more than one Accountable role",
		Remedy:   "keep one",
		Messages: []Message{{Key: "finding.rp_raci_02"}},
	},
	{
		ID: "RP-RACI-03", Severity: Error, Item: ItemClarity,
		Finds:    "an activity has no Responsible role",
		Remedy:   "name at least one",
		Messages: []Message{{Key: "finding.rp_raci_03"}},
	},
	{
		ID: "RP-RACI-04", Severity: Error, Item: ItemClarity,
		Finds:    "an activity's Accountable role has no active holder",
		Remedy:   "appoint someone or change the role",
		Messages: []Message{{Key: "finding.rp_raci_04"}},
	},
	{
		ID: "RP-RESP-01", Severity: Warning, Item: ItemClarity,
		Finds:    "the same responsibility (ignoring case, spacing, punctuation and Markdown: a link by its label) is owned by two roles",
		Remedy:   "keep it in one role",
		Messages: []Message{{Key: "finding.rp_resp_01"}},
	},
	{
		ID: "RP-RESP-02", Severity: Warning, Item: ItemAuthority,
		Finds:    "a role has responsibilities but no authorities",
		Remedy:   "add `[[authority]]` entries with limits",
		Messages: []Message{{Key: "finding.rp_resp_02"}},
	},
	{
		ID: "RP-COMP-01", Severity: Warning, Item: ItemCompetence,
		Finds:    "a holder is below a level their role requires; every such gap is a row of the training plan (a gap against a role held by everyone is counted in RP-COMP-03)",
		Remedy:   "train, then add a `[[record]]`",
		Messages: []Message{{Key: "finding.rp_comp_01"}},
	},
	{
		ID: "RP-REV-01", Severity: Error, Item: ItemReview,
		Finds:    "the document's last review plus its interval is before today",
		Remedy:   "review it and update `last_review`",
		Messages: []Message{{Key: "finding.rp_rev_01"}},
	},
	{
		ID: "RP-REV-02", Severity: Error, Item: ItemReview,
		Finds:    "a role reviewed on its own (`last_review` in the role) is overdue likewise",
		Remedy:   "review the role",
		Messages: []Message{{Key: "finding.rp_rev_02"}},
	},
	{
		ID: "RP-ORG-01", Severity: Warning, Item: ItemStructure,
		Finds:    "the reporting lines have more than one top; raised at each role that reports to no one, other than the top of the largest tree",
		Remedy:   "set `reports_to` so they meet at top management",
		Messages: []Message{{Key: "finding.rp_org_01"}},
	},
	{
		ID: "RP-MRT-01", Severity: Error, Item: ItemStructure,
		Finds:    "there is no `review-team.toml`",
		Remedy:   "add the Management Review Team",
		Messages: []Message{{Key: "finding.rp_mrt_01"}},
	},
	{
		ID: "RP-MRT-02", Severity: Error, Item: ItemStructure,
		Finds:    "an in-scope area has no representative on the review team",
		Remedy:   "add a `[[member]]` for it",
		Messages: []Message{{Key: "finding.rp_mrt_02"}},
	},
	{
		ID: "RP-MRT-03", Severity: Warning, Item: ItemStructure,
		Finds:  "a review-team member has no deputy, or a deputy who has left",
		Remedy: "name a current deputy",
		Messages: []Message{
			{Case: "none", Key: "finding.rp_mrt_03.none"},
			{Case: "left", Key: "finding.rp_mrt_03.left"},
		},
	},
	{
		ID: "RP-MRT-04", Severity: Error, Item: ItemStructure,
		Finds:    "no review-team member is from senior leadership",
		Remedy:   "`senior_leadership = true` on one",
		Messages: []Message{{Key: "finding.rp_mrt_04"}},
	},
	{
		ID: "RP-MRT-05", Severity: Error, Item: ItemReview,
		Finds:  "no meetings, a gap between meetings longer than `meeting_interval_months` (plus 15 days' grace), or the last meeting longer ago than that",
		Remedy: "hold and record the meeting",
		Messages: []Message{
			{Case: "none", Key: "finding.rp_mrt_05.none"},
			{Case: "gap", Key: "finding.rp_mrt_05.gap"},
			{Case: "overdue", Key: "finding.rp_mrt_05.overdue"},
		},
	},
	{
		ID: "RP-COMM-01", Severity: Warning, Item: ItemUnderstanding,
		Finds:  "a person with a seat has not acknowledged the current version (one finding per person). A record of the acknowledgement ledger counts, whatever version it names, when its digest is that of the text of their duties now, in the language they read (an unchanged text carries forward by itself); a ledger record of the current version whose text has changed since is reported as such. An `[[acknowledgement]]` of an earlier version carries forward only when that version's `[[revision]]` names a `git_ref` git can read and nothing in their own duties changed since, in the language they signed; without a `git_ref`, or with one git cannot read, nothing can be compared and they are asked again ([changes.md](changes.md#targeted-re-acknowledgement))",
		Remedy: "have them sign; add an `[[acknowledgement]]`",
		Messages: []Message{
			{Case: "unsigned", Key: "finding.rp_comm_01.unsigned"},
			{Case: "changed", Key: "finding.rp_comm_01.changed"},
			{Case: "ledger", Key: "finding.rp_comm_01.ledger_changed"},
		},
	},
	{
		ID: "RP-COMM-02", Severity: Warning, Item: ItemUnderstanding,
		Finds:    "people who must acknowledge the current version (RP-COMM-01) have not done so by its due date: `ack_due_days` after the version's `effective_date`, else its `approval_date`; one finding, at that date, counting them and naming the first three. A pack without `ack_due_days`, or a document with neither date, has no due date",
		Remedy:   "remind them (`rolepack acks pending` lists them, with their links), or give more time with `ack_due_days` in `[document]`",
		Messages: []Message{{Key: "finding.rp_comm_02"}},
	},
	{
		ID: "RP-ACK-01", Severity: Error, Item: ItemUnderstanding,
		Finds:    "a line of the acknowledgement ledger (`acknowledgements.jsonl`) does not verify: it is not a record in the ledger's form, its hash does not match its fields (it was changed after it was written), its link to the line before is broken (a record was removed, inserted or reordered), or it is a last line cut short by a crash. The record is not counted ([acknowledgements.md](acknowledgements.md))",
		Remedy:   "restore the ledger from git (`git log -p acknowledgements.jsonl`); never edit it by hand; a torn last line is removed by `rolepack acks repair`",
		Messages: []Message{{Key: "finding.rp_ack_01"}},
	},
	{
		ID: "RP-ACK-02", Severity: Warning, Item: ItemUnderstanding,
		Finds:  "a record of the acknowledgement ledger names a person the pack does not have, another document, or a language the pack is not written in; it is not counted",
		Remedy: "add the person back to `people.toml` (with `status = \"left\"` if they left), or leave the record: the ledger is never edited",
		Messages: []Message{
			{Case: "person", Key: "finding.rp_ack_02.person"},
			{Case: "document", Key: "finding.rp_ack_02.document"},
			{Case: "language", Key: "finding.rp_ack_02.language"},
		},
	},
	{
		ID: "RP-DOC-01", Severity: Error, Item: ItemReview,
		Finds:    "the document is approved but has no approver or approval date",
		Remedy:   "set them, or set status to draft",
		Messages: []Message{{Key: "finding.rp_doc_01"}},
	},
	{
		ID: "RP-DOC-02", Severity: Error, Item: ItemReview,
		Finds:    "the effective date is before the approval date",
		Remedy:   "correct the dates",
		Messages: []Message{{Key: "finding.rp_doc_02"}},
	},
	{
		ID: "RP-DOC-03", Severity: Error, Item: ItemReview,
		Finds:    "the current version is not in the revision history",
		Remedy:   "add a `[[revision]]`",
		Messages: []Message{{Key: "finding.rp_doc_03"}},
	},
	{
		ID: "RP-INT-01", Severity: Warning, Item: ItemIntegration,
		Finds:    "no RACI activity covers one of the ISMS processes: risk, incident, audit, supplier, continuity, change, access (matched on the activity's `process`)",
		Remedy:   "add activities for it",
		Messages: []Message{{Key: "finding.rp_int_01"}},
	},
	{
		ID: "RP-LEAVE-01", Severity: Warning, Item: ItemAssignment,
		Finds:    "someone still named leaves within the notice window (`leaves_on`, `leaver_notice_days`, default 30): each seat they leave",
		Remedy:   "appoint a successor before the date",
		Messages: []Message{{Key: "finding.rp_leave_01"}},
	},
	{
		ID: "RP-LEAVE-02", Severity: Error, Item: ItemAssignment,
		Finds:    "someone's `leaves_on` date has passed but they are still active and named",
		Remedy:   "mark them as a leaver and replace them",
		Messages: []Message{{Key: "finding.rp_leave_02"}},
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
			{Case: "approval", Key: "finding.rp_date_01.approval"},
			{Case: "appointment", Key: "finding.rp_date_01.appointment"},
			{Case: "review", Key: "finding.rp_date_01.review"},
			{Case: "rolereview", Key: "finding.rp_date_01.rolereview"},
			{Case: "meeting", Key: "finding.rp_date_01.meeting"},
			{Case: "ack", Key: "finding.rp_date_01.ack"},
			{Case: "record", Key: "finding.rp_date_01.record"},
		},
	},
	{
		ID: "RP-VER-01", Severity: Error, Item: ItemUnderstanding,
		Finds:  "an acknowledgement is of a version that is not in the revision history, or is dated before that version's revision date",
		Remedy: "correct the version or the date",
		Messages: []Message{
			{Case: "unknown", Key: "finding.rp_ver_01.unknown"},
			{Case: "early", Key: "finding.rp_ver_01.early"},
		},
	},
	{
		ID: "RP-DEP-01", Severity: Warning, Item: ItemCompetence,
		Finds:    "a deputy is below a competence level the role they deputise for requires (a deputy stands in, so needs what the holder needs)",
		Remedy:   "train the deputy and add a `[[record]]`, or name another deputy",
		Messages: []Message{{Key: "finding.rp_dep_01"}},
	},
	{
		ID: "RP-DEP-02", Severity: Error, Item: ItemClarity,
		Finds:    "a deputy holds a role declared as conflicting with the role they deputise for",
		Remedy:   "name another deputy",
		Messages: []Message{{Key: "finding.rp_dep_02"}},
	},
	{
		ID: "RP-DEP-03", Severity: Warning, Item: ItemAssignment,
		Finds:    "a deputy is named for a holder who has left (the deputy stands in for nobody; comes with RP-ASG-01)",
		Remedy:   "appoint a successor, then name their deputy",
		Messages: []Message{{Key: "finding.rp_dep_03"}},
	},
	{
		ID: "RP-PPL-01", Severity: Error, Item: ItemAssignment,
		Finds:    "the same person is assigned twice to one role",
		Remedy:   "remove one `[[assignment]]`",
		Messages: []Message{{Key: "finding.rp_ppl_01"}},
	},
	{
		ID: "RP-PPL-02", Severity: Warning, Item: ItemAssignment,
		Finds:    "two people have the same name, so the document cannot tell them apart",
		Remedy:   "one employee of the HR export twice: give the people.toml entry `hr_id`; two people: add what tells them apart to one name",
		Messages: []Message{{Key: "finding.rp_ppl_02"}},
	},
	{
		ID: "RP-PPL-03", Severity: Error, Item: ItemAssignment,
		Finds:    "a leaver's appointment is dated after their leaving date (comes with RP-ASG-01)",
		Remedy:   "correct `appointed_on` or `left_on`",
		Messages: []Message{{Key: "finding.rp_ppl_03"}},
	},
	{
		ID: "RP-PPL-04", Severity: Warning, Item: ItemAssignment,
		Finds:  "the document's approver, or a person's line manager, has left",
		Remedy: "name a current approver or manager",
		Messages: []Message{
			{Case: "approver", Key: "finding.rp_ppl_04.approver"},
			{Case: "manager", Key: "finding.rp_ppl_04.manager"},
		},
	},
	{
		ID: "RP-MRT-06", Severity: Warning, Item: ItemStructure,
		Finds:    "the review team's chair is not one of its members (a chair who has left is RP-ASG-01)",
		Remedy:   "make the chair a member",
		Messages: []Message{{Key: "finding.rp_mrt_06"}},
	},
	{
		ID: "RP-MRT-07", Severity: Warning, Item: ItemStructure,
		Finds:    "a review-team member represents an area other than their own (`area` of the person), and the seat names no `agreement`",
		Remedy:   "correct the member's or the person's `area`, or name the record under which they represent it: `agreement = \"…\"`",
		Messages: []Message{{Key: "finding.rp_mrt_07"}},
	},
	{
		ID: "RP-RACI-05", Severity: Error, Item: ItemClarity,
		Finds:    "an activity's Accountable role is held by everyone, so no one person answers for it",
		Remedy:   "make a named role accountable",
		Messages: []Message{{Key: "finding.rp_raci_05"}},
	},
	{
		ID: "RP-RACI-06", Severity: Warning, Item: ItemIntegration,
		Finds:    "a role that people hold takes part in no RACI activity",
		Remedy:   "add it to the activities it does",
		Messages: []Message{{Key: "finding.rp_raci_06"}},
	},
	{
		ID: "RP-DEL-01", Severity: Error, Item: ItemAuthority,
		Finds:  "a delegated authority (`delegated_from`) exceeds the delegator's: a larger `amount`, another `currency`, or a longer `duration`",
		Remedy: "lower the delegated limit",
		Messages: []Message{
			{Case: "amount", Key: "finding.rp_del_01.amount"},
			{Case: "currency", Key: "finding.rp_del_01.currency"},
			{Case: "duration", Key: "finding.rp_del_01.duration"},
		},
	},
	{
		ID: "RP-DEL-02", Severity: Error, Item: ItemAuthority,
		Finds:  "a delegation chain does not end at a role holding the authority outright: the delegator has no `[[authority]]` with the same text, or the chain loops",
		Remedy: "delegate from a role that holds the authority",
		Messages: []Message{
			{Case: "missing", Key: "finding.rp_del_02.missing"},
			{Case: "loop", Key: "finding.rp_del_02.loop"},
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
// a programming error caught by the tests, never seen by a user. args are
// the message's and the fix's named placeholders, alternating names and
// values (Text), or, for a case with a Format, the format's arguments.
func finding(ref string, pos model.Pos, args ...any) Finding {
	c, ok := byRef[ref]
	if !ok {
		panic(fmt.Sprintf("check: rule %q is not in the registry (registry.go)", ref))
	}
	f := Finding{Rule: c.rule.ID, Severity: c.rule.Severity, Item: c.rule.Item, Pos: pos}
	if c.msg.Key == "" {
		f.Message, f.Fix = fmt.Sprintf(c.msg.Format, args...), c.msg.Fix
		return f
	}
	f.MessageText = text(c.msg.Key+".message", args...)
	f.FixText = text(c.msg.Key+".fix", args...)
	f.Message, f.Fix = f.MessageText.String(), f.FixText.String()
	return f
}

// findingCounting is finding for a case whose message is a plural message
// of count (count is its {count}).
func findingCounting(ref string, pos model.Pos, count int, args ...any) Finding {
	f := finding(ref, pos, args...)
	f.MessageText.Plural, f.MessageText.Count = true, count
	f.Message = f.MessageText.String()
	return f
}
