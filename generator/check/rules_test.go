package check_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/internal/packtest"
)

// trip is a change to the minimal (clean) pack that makes one case of one
// rule fire, once, at a known place.
type trip struct {
	pack string   // packtest.Minimal with one change
	want string   // the finding it must raise, as "pos RULE severity"
	also []string // findings that cannot be avoided with it (say why where set)
}

// tripOptions are the check options a trip case runs with, when it needs
// what the sources' history would say.
var tripOptions = map[string]check.Options{"RP-COMM-01/changed": carriedExceptAnn}

// version11 is the minimal pack at version 1.1, everyone's last
// acknowledgement being of 1.0.
var version11 = packtest.Edit(packtest.Edit(packtest.Minimal, "pack.toml", "version = \"1.0\"\nstatus", "version = \"1.1\"\nstatus"),
	"pack.toml", "summary = \"First issue.\"", "summary = \"First issue.\"\ngit_ref = \"v1.0\"\n\n[[revision]]\nversion = \"1.1\"\ndate = 2026-10-01\nauthor = \"Ann Admin\"\nsummary = \"The ISM reports monthly.\"")

// carriedExceptAnn says, as the sources' history would, that only Ann's
// duties changed since 1.0.
var carriedExceptAnn = check.Options{Carried: map[string]check.CarriedAck{
	"ceo-person": {Version: "1.0", Carried: true}, "bob": {Version: "1.0", Carried: true},
	"eve": {Version: "1.0", Carried: true}, "dora": {Version: "1.0", Carried: true},
	"ann": {Version: "1.0", Changed: []string{"Information Security Manager: responsibility reworded: Report ISMS performance → Report ISMS performance monthly"}},
}}

// lowerLevel is the minimal pack with Ann's record at level 1 where her
// role asks for 2: a gap, due 90 days after her appointment of 2025, and
// so overdue.
var lowerLevel = packtest.Edit(packtest.Minimal, "competences.toml", "level = 2\nevidence = \"Cert 123\"", "level = 1\nevidence = \"Cert 123\"")

// withLeaver is the minimal pack plus Fred, who left on 2026-03-31 and is
// named nowhere yet.
var withLeaver = packtest.Edit(packtest.Minimal, "people.toml", "company = \"Audit Partners\"", "company = \"Audit Partners\"\n\n[[person]]\nid = \"fred\"\nname = \"Fred Former\"\njob_title = \"Clerk\"\nstatus = \"leaver\"\nleft_on = 2026-03-31")

// allStaff is a role held by everyone (so it needs no holder and raises no
// RP-ROLE-01) that carries the clause 5.3 duty given as %s.
const allStaff = "-- roles/staff.toml --\nid = \"staff\"\nname = \"All staff\"\ncategory = \"Staff\"\npurpose = \"Works safely.\"\nreports_to = \"ceo\"\nheld_by_everyone = true\nclause_5_3 = [\"%s\"]\nresponsibilities = [\"Report incidents\"]\n\n[[authority]]\ntext = \"Stop unsafe work\"\n"

// awareness is the minimal pack with a role held by everyone that asks
// for security awareness (its [[requirement]] at roles/staff.toml:13),
// which nobody has a record of.
var awareness = packtest.Edit(packtest.With(packtest.Minimal, fmt.Sprintf(allStaff, "a")+"\n[[requirement]]\ncompetence = \"awareness\"\nlevel = 1\n"),
	"competences.toml", "[[record]]\nperson = \"ann\"", "[[competence]]\nid = \"awareness\"\nname = \"Security awareness\"\nkind = \"training\"\n\n[[record]]\nperson = \"ann\"")

// meetings is every meeting of the minimal pack's review team.
const meetings = "[[meeting]]\ndate = 2026-01-20\nminutes = \"MIN-1\"\n\n[[meeting]]\ndate = 2026-04-20\nminutes = \"MIN-2\"\n\n[[meeting]]\ndate = 2026-07-20\nminutes = \"MIN-3\"\n\n[[meeting]]\ndate = 2026-10-20\nminutes = \"MIN-4\"\n"

// bobsAck is bob's acknowledgement in the minimal pack.
const bobsAck = "person = \"bob\"\nversion = \"1.0\"\ndate = 2026-06-20"

// withSpend is the minimal pack with a structured authority of the CEO
// that the ISM's can be delegated from; it checks clean.
var withSpend = packtest.Edit(packtest.Minimal, "roles/ceo.toml", "text = \"Approve the policy\"\n", "text = \"Approve the policy\"\n\n[[authority]]\ntext = \"Approve spending\"\namount = 10000\ncurrency = \"EUR\"\nduration = \"P30D\"\n")

// delegated adds to withSpend an authority of the ISM written as body.
func delegated(body string) string {
	return packtest.Edit(withSpend, "roles/ism.toml", "limit = \"for up to 48 hours\"\n", "limit = \"for up to 48 hours\"\n\n[[authority]]\n"+body)
}

// ledgerFile is an acknowledgements.jsonl of recs, sealed in order, as a
// file of a txtar archive.
func ledgerFile(recs ...ledger.Record) string {
	var b strings.Builder
	var prev *ledger.Record
	for _, r := range recs {
		r = r.Sealed(prev)
		prev = &r
		b.Write(r.Line())
		b.WriteByte('\n')
	}
	return "-- " + ledger.File + " --\n" + b.String()
}

// ack is a ledger record of the minimal pack's document for person, of a
// text whose digest is text.
func ack(person, version, lang, text string) ledger.Record {
	return ledger.Record{Person: person, Document: "ISMS-05", Version: version, Language: lang, Text: text,
		Time: "2026-10-01T10:00:00Z", Channel: ledger.Link, Evidence: "token t1"}
}

// otherText is the digest of no one's text.
var otherText = "sha256:" + strings.Repeat("0", 64)

// withoutAck is the minimal pack with ann's acknowledgement removed.
var withoutAck = packtest.Edit(packtest.Minimal, "acknowledgements.toml", "[[acknowledgement]]\nperson = \"ann\"\nversion = \"1.0\"\ndate = 2026-06-20\n", "")

// trips holds one case for every rule case of the registry, keyed by its
// Ref. TestEveryRuleTrips fails for a registered rule case without one.
var trips = map[string]trip{
	"RP-ISMS-01/none":     {packtest.Edit(packtest.Minimal, "roles/ism.toml", "clause_5_3 = [\"a\", \"b\"]", "clause_5_3 = [\"b\"]"), "roles/ism.toml:1:1 RP-ISMS-01 error", nil},
	"RP-ISMS-02/none":     {packtest.Edit(packtest.Minimal, "roles/ism.toml", "clause_5_3 = [\"a\", \"b\"]", "clause_5_3 = [\"a\"]"), "roles/ism.toml:1:1 RP-ISMS-02 error", nil},
	"RP-ROLE-01":          {packtest.Edit(packtest.Minimal, "roles/auditor.toml", "[[assignment]]\nperson = \"eve\"\nappointed_on = 2025-04-01\nevidence = \"Contract C-9\"\ndeputy = \"dora\"\n", ""), "roles/auditor.toml:1:1 RP-ROLE-01 error", nil},
	"RP-ASG-01/deputy":    {packtest.Edit(withLeaver, "roles/sysadmin.toml", "deputy = \"ann\"", "deputy = \"fred\""), "roles/sysadmin.toml:16:1 RP-ASG-01 error", nil},
	"RP-ASG-02":           {packtest.Edit(packtest.Minimal, "roles/sysadmin.toml", "evidence = \"HR-3\"\n", ""), "roles/sysadmin.toml:12:1 RP-ASG-02 warning", nil},
	"RP-SOD-01":           {packtest.Edit(packtest.Minimal, "roles/auditor.toml", "person = \"eve\"", "person = \"bob\""), "roles/sysadmin.toml:12:1 RP-SOD-01 error", nil},
	"RP-RACI-02":          {packtest.Edit(packtest.Minimal, "raci.toml", "accountable = \"ism\"\n\n[[activity]]\nid = \"internal-audit\"", "accountable = [\"ism\", \"ceo\"]\n\n[[activity]]\nid = \"internal-audit\""), "raci.toml:15:1 RP-RACI-02 error", nil},
	"RP-RACI-03":          {packtest.Edit(packtest.Minimal, "raci.toml", "responsible = [\"sysadmin\"]\n", "supporting = [\"sysadmin\"]\n"), "raci.toml:10:1 RP-RACI-03 error", nil},
	"RP-RESP-01":          {packtest.Edit(packtest.Minimal, "roles/sysadmin.toml", "responsibilities = [\"Patch servers\"]", "responsibilities = [\"Patch servers\", \"Report ISMS  performance.\"]"), "roles/sysadmin.toml:7:38 RP-RESP-01 warning", nil},
	"RP-RESP-02":          {packtest.Edit(packtest.Minimal, "roles/sysadmin.toml", "[[authority]]\ntext = \"Restart services\"\n", ""), "roles/sysadmin.toml:7:1 RP-RESP-02 warning", nil},
	"RP-COMP-01":          {packtest.Edit(lowerLevel, "pack.toml", "[organisation]", "training_due_days = 3650\n\n[organisation]"), "competences.toml:18:1 RP-COMP-01 warning", nil},
	"RP-COMP-02":          {lowerLevel, "competences.toml:18:1 RP-COMP-02 warning", []string{"competences.toml:18:1 RP-COMP-01 warning"}},
	"RP-COMP-03":          {awareness, "roles/staff.toml:13:1 RP-COMP-03 warning", nil},
	"RP-REV-01":           {packtest.Edit(packtest.Minimal, "pack.toml", "last_review = 2026-06-01", "last_review = 2025-10-01"), "pack.toml:24:1 RP-REV-01 error", nil},
	"RP-REV-02":           {packtest.Edit(packtest.Minimal, "roles/sysadmin.toml", "conflicts_with = [\"auditor\"]", "conflicts_with = [\"auditor\"]\nlast_review = 2025-06-01\nreview_interval_months = 6"), "roles/sysadmin.toml:7:1 RP-REV-02 error", nil},
	"RP-ORG-01":           {packtest.Edit(packtest.Minimal, "roles/auditor.toml", "reports_to = \"ceo\"\n", ""), "roles/auditor.toml:2:1 RP-ORG-01 warning", nil},
	"RP-MRT-01":           {packtest.With(packtest.Minimal, "-- review-team.toml --\nDELETE\n"), "review-team.toml RP-MRT-01 error", nil},
	"RP-MRT-02":           {packtest.Edit(packtest.Minimal, "pack.toml", "[document]", "[[area]]\nid = \"sales\"\nname = \"Sales\"\n\n[document]"), "review-team.toml:1:1 RP-MRT-02 error", nil},
	"RP-MRT-03/none":      {packtest.Edit(packtest.Minimal, "review-team.toml", "deputy = \"bob\"\n", ""), "review-team.toml:14:1 RP-MRT-03 warning", nil},
	"RP-MRT-04":           {packtest.Edit(packtest.Minimal, "review-team.toml", "senior_leadership = true\n", ""), "review-team.toml:1:1 RP-MRT-04 error", nil},
	"RP-MRT-05/overdue":   {packtest.Edit(packtest.Minimal, "review-team.toml", "date = 2026-10-20", "date = 2026-08-01"), "review-team.toml:31:1 RP-MRT-05 error", nil},
	"RP-COMM-01/unsigned": {packtest.Edit(packtest.Minimal, "acknowledgements.toml", "person = \"bob\"", "person = \"dora\""), "roles/sysadmin.toml:12:1 RP-COMM-01 warning", nil},
	"RP-COMM-01/changed":  {version11, "roles/ism.toml:17:1 RP-COMM-01 warning", nil},
	"RP-DOC-01":           {packtest.Edit(packtest.Minimal, "pack.toml", "approver = \"ceo-person\"\n", ""), "pack.toml:17:1 RP-DOC-01 error", nil},
	"RP-DOC-02":           {packtest.Edit(packtest.Minimal, "pack.toml", "effective_date = 2026-06-15", "effective_date = 2026-05-15"), "pack.toml:22:1 RP-DOC-02 error", nil},
	"RP-DOC-03":           {packtest.Edit(packtest.Minimal, "pack.toml", "version = \"1.0\"\ndate", "version = \"0.9\"\ndate"), "pack.toml:16:1 RP-DOC-03 error", nil},
	"RP-INT-01":           {packtest.Edit(packtest.Minimal, "raci.toml", "process = \"Access control\"", "process = \"Identity\""), "raci.toml:54:1 RP-INT-01 warning", nil},
	"RP-ISMS-01/unheld":   {packtest.With(packtest.Edit(packtest.Minimal, "roles/ism.toml", "clause_5_3 = [\"a\", \"b\"]", "clause_5_3 = [\"b\"]"), fmt.Sprintf(allStaff, "a")), "roles/staff.toml:7:1 RP-ISMS-01 error", nil},
	"RP-ISMS-02/unheld":   {packtest.With(packtest.Edit(packtest.Minimal, "roles/ism.toml", "clause_5_3 = [\"a\", \"b\"]", "clause_5_3 = [\"a\"]"), fmt.Sprintf(allStaff, "b")), "roles/staff.toml:7:1 RP-ISMS-02 error", nil},
	"RP-ASG-01/holder":    {packtest.Edit(withLeaver, "roles/sysadmin.toml", "deputy = \"ann\"\n", "deputy = \"ann\"\n\n[[assignment]]\nperson = \"fred\"\nappointed_on = 2025-05-01\nevidence = \"HR-4\"\n"), "roles/sysadmin.toml:18:1 RP-ASG-01 error", nil},
	"RP-ASG-01/member":    {packtest.Edit(withLeaver, "review-team.toml", "deputy = \"bob\"\n", "deputy = \"bob\"\n\n[[member]]\nperson = \"fred\"\narea = \"it\"\ndeputy = \"bob\"\n"), "review-team.toml:19:1 RP-ASG-01 error", nil},
	"RP-RACI-01":          {packtest.Edit(packtest.Minimal, "raci.toml", "responsible = [\"sysadmin\"]\naccountable = \"ism\"\n", "responsible = [\"sysadmin\"]\n"), "raci.toml:10:1 RP-RACI-01 error", nil},
	// A role nobody holds is RP-ROLE-01 whatever it is accountable for:
	// the two rules test the same thing of the role.
	"RP-RACI-04":             {packtest.Edit(packtest.Edit(packtest.Minimal, "roles/auditor.toml", "[[assignment]]\nperson = \"eve\"\nappointed_on = 2025-04-01\nevidence = \"Contract C-9\"\ndeputy = \"dora\"\n", ""), "raci.toml", "responsible = \"auditor\"\naccountable = \"ceo\"", "responsible = \"auditor\"\naccountable = \"auditor\""), "raci.toml:17:1 RP-RACI-04 error", []string{"roles/auditor.toml:1:1 RP-ROLE-01 error"}},
	"RP-MRT-03/left":         {packtest.Edit(withLeaver, "review-team.toml", "deputy = \"bob\"", "deputy = \"fred\""), "review-team.toml:14:1 RP-MRT-03 warning", nil},
	"RP-MRT-05/none":         {packtest.Edit(packtest.Minimal, "review-team.toml", meetings, ""), "review-team.toml:1:1 RP-MRT-05 error", nil},
	"RP-ASG-01/chair":        {packtest.Edit(withLeaver, "review-team.toml", "chair = \"ceo-person\"", "chair = \"fred\""), "review-team.toml:1:1 RP-ASG-01 error", nil},
	"RP-DATE-01/approval":    {packtest.Edit(packtest.Minimal, "pack.toml", "approval_date = 2026-06-01\neffective_date = 2026-06-15", "approval_date = 2026-12-01\neffective_date = 2026-12-15"), "pack.toml:21:1 RP-DATE-01 error", nil},
	"RP-DATE-01/appointment": {packtest.Edit(packtest.Minimal, "roles/sysadmin.toml", "appointed_on = 2025-03-01", "appointed_on = 2026-12-01"), "roles/sysadmin.toml:14:1 RP-DATE-01 error", nil},
	"RP-DATE-01/review":      {packtest.Edit(packtest.Minimal, "pack.toml", "last_review = 2026-06-01", "last_review = 2026-12-01"), "pack.toml:24:1 RP-DATE-01 error", nil},
	"RP-DATE-01/rolereview":  {packtest.Edit(packtest.Minimal, "roles/sysadmin.toml", "conflicts_with = [\"auditor\"]", "conflicts_with = [\"auditor\"]\nlast_review = 2026-12-01"), "roles/sysadmin.toml:7:1 RP-DATE-01 error", nil},
	"RP-DATE-01/meeting":     {packtest.Edit(packtest.Minimal, "review-team.toml", "minutes = \"MIN-4\"", "minutes = \"MIN-4\"\n\n[[meeting]]\ndate = 2027-01-20\nminutes = \"MIN-5\""), "review-team.toml:35:1 RP-DATE-01 error", nil},
	// An acknowledgement not yet signed does not count.
	"RP-DATE-01/ack":    {packtest.Edit(packtest.Minimal, "acknowledgements.toml", bobsAck, "person = \"bob\"\nversion = \"1.0\"\ndate = 2026-12-20"), "acknowledgements.toml:14:1 RP-DATE-01 error", []string{"roles/sysadmin.toml:12:1 RP-COMM-01 warning"}},
	"RP-DATE-01/record": {packtest.Edit(packtest.Minimal, "competences.toml", "date = 2025-01-10", "date = 2026-12-10"), "competences.toml:18:1 RP-DATE-01 error", nil},
	"RP-VER-01/unknown": {packtest.Edit(packtest.Minimal, "acknowledgements.toml", bobsAck, bobsAck+"\n\n[[acknowledgement]]\nperson = \"bob\"\nversion = \"0.9\"\ndate = 2026-05-20"), "acknowledgements.toml:18:1 RP-VER-01 error", nil},
	"RP-VER-01/early":   {packtest.Edit(packtest.Minimal, "acknowledgements.toml", bobsAck, "person = \"bob\"\nversion = \"1.0\"\ndate = 2026-05-20"), "acknowledgements.toml:14:1 RP-VER-01 error", nil},
	"RP-DEP-01":         {packtest.Edit(packtest.Minimal, "competences.toml", "level = 2\nevidence = \"Cert 456\"", "level = 1\nevidence = \"Cert 456\""), "competences.toml:25:1 RP-DEP-01 warning", nil},
	"RP-DEP-02":         {packtest.Edit(packtest.Minimal, "roles/auditor.toml", "deputy = \"dora\"", "deputy = \"bob\""), "roles/auditor.toml:15:1 RP-DEP-02 error", nil},
	// A holder who has left is RP-ASG-01 whoever deputises.
	"RP-DEP-03": {packtest.Edit(withLeaver, "roles/sysadmin.toml", "deputy = \"ann\"\n", "deputy = \"ann\"\n\n[[assignment]]\nperson = \"fred\"\nappointed_on = 2025-05-01\nevidence = \"HR-4\"\ndeputy = \"ann\"\n"), "roles/sysadmin.toml:22:1 RP-DEP-03 warning", []string{"roles/sysadmin.toml:18:1 RP-ASG-01 error"}},
	"RP-PPL-01": {packtest.Edit(packtest.Minimal, "roles/sysadmin.toml", "deputy = \"ann\"\n", "deputy = \"ann\"\n\n[[assignment]]\nperson = \"bob\"\nappointed_on = 2025-06-01\nevidence = \"HR-5\"\n"), "roles/sysadmin.toml:19:1 RP-PPL-01 error", nil},
	// A name in a script the built-in faces lack, and an emoji.
	"RP-FONT-01/script":  {packtest.Edit(packtest.Minimal, "people.toml", `name = "Dora Deputy"`, `name = "田中 ドーラ"`), "people.toml:23:1 RP-FONT-01 error", nil},
	"RP-FONT-01/symbols": {packtest.Edit(packtest.Minimal, "roles/ism.toml", `"Report ISMS performance"`, `"Report ISMS performance 📈"`), "roles/ism.toml:7:49 RP-FONT-01 error", nil},
	"RP-PPL-02":          {packtest.Edit(packtest.Minimal, "people.toml", "company = \"Audit Partners\"", "company = \"Audit Partners\"\n\n[[person]]\nid = \"bob-two\"\nname = \"Bob  Builder\"\njob_title = \"Clerk\""), "people.toml:35:1 RP-PPL-02 warning", nil},
	// A leaver still assigned is RP-ASG-01 whenever appointed.
	"RP-PPL-03":          {packtest.Edit(withLeaver, "roles/sysadmin.toml", "deputy = \"ann\"\n", "deputy = \"ann\"\n\n[[assignment]]\nperson = \"fred\"\nappointed_on = 2026-04-15\nevidence = \"HR-4\"\n"), "roles/sysadmin.toml:20:1 RP-PPL-03 error", []string{"roles/sysadmin.toml:18:1 RP-ASG-01 error"}},
	"RP-PPL-04/approver": {packtest.Edit(withLeaver, "pack.toml", "approver = \"ceo-person\"", "approver = \"fred\""), "pack.toml:20:1 RP-PPL-04 warning", nil},
	"RP-PPL-04/manager":  {packtest.Edit(withLeaver, "people.toml", "line_manager = \"ann\"", "line_manager = \"fred\""), "people.toml:14:1 RP-PPL-04 warning", nil},
	"RP-MRT-06":          {packtest.Edit(packtest.Minimal, "review-team.toml", "chair = \"ceo-person\"", "chair = \"bob\""), "review-team.toml:1:1 RP-MRT-06 warning", nil},
	"RP-MRT-08":          {externalMember(""), "review-team.toml:21:1 RP-MRT-08 warning", nil},
	"RP-MRT-07":          {packtest.Edit(packtest.Minimal, "people.toml", "job_title = \"Security Manager\"\narea = \"it\"", "job_title = \"Security Manager\"\narea = \"ops\""), "review-team.toml:16:1 RP-MRT-07 warning", nil},
	"RP-RACI-05":         {packtest.With(packtest.Edit(packtest.Minimal, "raci.toml", "process = \"Access control\"\nresponsible = \"sysadmin\"\naccountable = \"ism\"", "process = \"Access control\"\nresponsible = \"sysadmin\"\naccountable = \"staff\""), fmt.Sprintf(allStaff, "a")), "raci.toml:59:1 RP-RACI-05 error", nil},
	"RP-RACI-06":         {packtest.Edit(packtest.Minimal, "raci.toml", "responsible = \"auditor\"", "responsible = \"ism\""), "roles/auditor.toml:2:1 RP-RACI-06 warning", nil},
	"RP-DEL-01/amount":   {delegated("text = \"Approve spending\"\namount = 20000\ncurrency = \"EUR\"\ndelegated_from = \"ceo\"\n"), "roles/ism.toml:15:1 RP-DEL-01 error", nil},
	"RP-DEL-01/currency": {delegated("text = \"Approve spending\"\namount = 5000\ncurrency = \"NOK\"\ndelegated_from = \"ceo\"\n"), "roles/ism.toml:16:1 RP-DEL-01 error", nil},
	"RP-DEL-01/duration": {delegated("text = \"Approve  spending.\"\nduration = 60\ndelegated_from = \"ceo\"\n"), "roles/ism.toml:15:1 RP-DEL-01 error", nil},
	"RP-DEL-02/missing":  {delegated("text = \"Approve hiring\"\ndelegated_from = \"ceo\"\n"), "roles/ism.toml:15:1 RP-DEL-02 error", nil},
	"RP-DEL-02/loop":     {delegated("text = \"Approve spending\"\namount = 100\ncurrency = \"EUR\"\ndelegated_from = \"ism\"\n"), "roles/ism.toml:17:1 RP-DEL-02 error", nil},
	"RP-MRT-05/gap":      {packtest.Edit(packtest.Minimal, "review-team.toml", "date = 2026-04-20", "date = 2026-03-01"), "review-team.toml:27:1 RP-MRT-05 error", nil},
	"RP-LEAVE-01":        {packtest.Edit(packtest.Minimal, "people.toml", "company = \"Audit Partners\"", "company = \"Audit Partners\"\nleaves_on = 2026-12-10"), "roles/auditor.toml:11:1 RP-LEAVE-01 warning", nil},
	"RP-LEAVE-02":        {packtest.Edit(packtest.Minimal, "people.toml", "company = \"Audit Partners\"", "company = \"Audit Partners\"\nleaves_on = 2026-11-01"), "roles/auditor.toml:11:1 RP-LEAVE-02 error", nil},
	// The ledger: a line that is no record, records of someone, something
	// or some language the pack does not have, and a record of ann's
	// acknowledgement of the current version whose text is not hers now.
	"RP-ACK-01":          {packtest.With(packtest.Minimal, "-- "+ledger.File+" --\n{\"n\":1}\n"), ledger.File + ":1 RP-ACK-01 error", nil},
	"RP-ACK-02/person":   {packtest.With(packtest.Minimal, ledgerFile(ack("nobody", "1.0", "en", otherText))), ledger.File + ":1 RP-ACK-02 warning", nil},
	"RP-ACK-02/document": {packtest.With(packtest.Minimal, ledgerFile(ack("ann", "1.0", "en", otherText), func() ledger.Record { r := ack("bob", "1.0", "en", otherText); r.Document = "OTHER-1"; return r }())), ledger.File + ":2 RP-ACK-02 warning", nil},
	"RP-ACK-02/language": {packtest.With(packtest.Minimal, ledgerFile(ack("ann", "1.0", "de", otherText))), ledger.File + ":1 RP-ACK-02 warning", nil},
	"RP-COMM-01/ledger":  {packtest.With(withoutAck, ledgerFile(ack("ann", "1.0", "en", otherText))), "roles/ism.toml:17:1 RP-COMM-01 warning", nil},
	"RP-COMM-02":         {packtest.Edit(withoutAck, "pack.toml", "review_interval_months = 12", "review_interval_months = 12\nack_due_days = 30"), "pack.toml:22:1 RP-COMM-02 warning", []string{"roles/ism.toml:17:1 RP-COMM-01 warning"}},
}

// Every case of every registered rule has a trip case, and it raises that
// case of that rule and nothing else: the registry cannot grow a rule that
// no test fires, and a wrong format (a missing argument) shows.
func TestEveryRuleTrips(t *testing.T) {
	registered := map[string]bool{}
	for _, rule := range check.Rules() {
		for _, m := range rule.Messages {
			ref := rule.Ref(m)
			registered[ref] = true
			t.Run(ref, func(t *testing.T) {
				tc, ok := trips[ref]
				if !ok {
					t.Fatalf("%s has no trip case: add to trips in generator/check/rules_test.go a change of packtest.Minimal that makes it fire", ref)
				}
				r := check.RunWith(packtest.Load(t, tc.pack), today, tripOptions[ref])
				var got []string
				var own *check.Finding
				for i, f := range r.Findings {
					s := fmt.Sprintf("%s %s %s", f.Pos, f.Rule, f.Severity)
					got = append(got, s)
					if s == tc.want {
						own = &r.Findings[i]
					}
					if f.Message == "" || f.Fix == "" || f.Item == "" || strings.Contains(f.Message, "%!") {
						t.Errorf("finding without message, fix or item, or with a bad format: %+v", f)
					}
				}
				want := append([]string{tc.want}, tc.also...)
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Fatalf("findings %q, want exactly %q", got, want)
				}
				// The finding is worded by its case's catalogue messages, with
				// every placeholder filled.
				fixed := own.MessageText.Key == m.Key+".message" && own.FixText.Key == m.Key+".fix"
				if m.Key == "" { // a case worded by Format and Fix; a Fix ending in %s names what to add
					fixed = own.Fix == m.Fix || strings.HasSuffix(m.Fix, "%s") && strings.HasPrefix(own.Fix, strings.TrimSuffix(m.Fix, "%s")) && len(own.Fix) > len(m.Fix)
				}
				if own.Rule != rule.ID || own.Severity != rule.Severity || own.Item != rule.Item || !fixed {
					t.Errorf("finding %+v is not case %q of %s (key %q, item %s)", *own, m.Case, rule.ID, m.Key, rule.Item)
				}
				if leftover.MatchString(own.Message) || leftover.MatchString(own.Fix) {
					t.Errorf("a placeholder is left unfilled in %q or %q", own.Message, own.Fix)
				}
				if m.Key != "" {
					inEveryLanguage(t, own.MessageText, own.FixText)
				}
			})
		}
	}
	for ref := range trips {
		if !registered[ref] {
			t.Errorf("trip case %s is for no registered rule case", ref)
		}
	}
}

// leftover is a placeholder no argument filled.
var leftover = regexp.MustCompile(`\{[a-z][a-z0-9_]*\}`)

// inEveryLanguage checks that each text renders in every shipped language
// with every placeholder filled and no key left as itself, and, in German,
// not as the English text.
func inEveryLanguage(t *testing.T, texts ...check.Text) {
	t.Helper()
	for _, lang := range messages.Languages() {
		c := messages.Builtin(lang)
		for _, x := range texts {
			got := x.In(c)
			if leftover.MatchString(got) || strings.Contains(got, "finding.") || got == "" {
				t.Errorf("%s: %s renders as %q", lang, x.Key, got)
			}
			if lang == "de" && got == x.String() {
				t.Errorf("de: %s is the English text %q", x.Key, got)
			}
		}
	}
}

// An acknowledgement of an earlier version dated after today has not been
// signed yet (RP-DATE-01): it carries nothing forward, though nothing in
// the person's duties changed.
func TestFutureAcknowledgementCarriesNothing(t *testing.T) {
	p := packtest.Load(t, version11)
	opts := check.Options{Carried: map[string]check.CarriedAck{}}
	for id, ca := range carriedExceptAnn.Carried {
		opts.Carried[id] = ca
	}
	opts.Carried["eve"] = check.CarriedAck{Version: "1.0", Date: today.AddDays(10), Carried: true}
	r := check.RunWith(p, today, opts)
	var eve bool
	for _, f := range r.Findings {
		if f.Rule == "RP-COMM-01" && strings.Contains(f.Message, "Eve") {
			eve = true
		}
	}
	if !eve {
		t.Errorf("Eve's acknowledgement of 1.0, dated after today, carried forward: %+v", r.Findings)
	}
}

// TestMissingRecordPointsAtTheSeat: a finding about a record to add (a
// competence record, an acknowledgement) for a person who has none points
// at the seat that needs the record (the file it belongs in has no line
// for it), lists the requirement among its related places, and its fix
// says which record to add.
func TestMissingRecordPointsAtTheSeat(t *testing.T) {
	cases := []struct {
		name, file, record, rule, pos string
		related                       []string
		fix                           string
	}{
		{"holder", "competences.toml", "[[record]]\nperson = \"ann\"\ncompetence = \"iso27001\"\nlevel = 2\nevidence = \"Cert 123\"\ndate = 2025-01-10\n", "RP-COMP-01",
			"roles/ism.toml:17:1", []string{"roles/ism.toml:13:1"},
			`add to competences.toml: [[record]] person = "ann" competence = "iso27001" level = 2 date = YYYY-MM-DD evidence = "certificate or training record"`},
		{"deputy", "competences.toml", "[[record]]\nperson = \"bob\"\ncompetence = \"iso27001\"\nlevel = 2\nevidence = \"Cert 456\"\ndate = 2025-03-10\n", "RP-DEP-01",
			"roles/ism.toml:21:1", []string{"roles/ism.toml:13:1"},
			`add to competences.toml: [[record]] person = "bob" competence = "iso27001" level = 2 date = YYYY-MM-DD evidence = "certificate or training record"`},
		{"acknowledgement", "acknowledgements.toml", "[[acknowledgement]]\n" + bobsAck, "RP-COMM-01",
			"roles/sysadmin.toml:12:1", nil,
			`add to acknowledgements.toml: [[acknowledgement]] person = "bob" version = "1.0" date = YYYY-MM-DD`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := check.Run(packtest.Load(t, packtest.Edit(packtest.Minimal, tc.file, tc.record, "")), today)
			var own *check.Finding
			for i, f := range r.Findings {
				if f.Pos.Line == 0 {
					t.Errorf("finding without a line: %s %s", f.Pos, f.Rule)
				}
				if f.Rule == tc.rule {
					own = &r.Findings[i]
				}
			}
			if own == nil {
				t.Fatalf("no %s in %+v", tc.rule, r.Findings)
			}
			var related []string
			for _, p := range own.Related {
				related = append(related, p.String())
			}
			if own.Pos.String() != tc.pos || !slices.Equal(related, tc.related) {
				t.Errorf("%s at %s, related %q; want %s, related %q", tc.rule, own.Pos, related, tc.pos, tc.related)
			}
			if !strings.Contains(own.Fix, tc.fix) {
				t.Errorf("fix %q does not say %q", own.Fix, tc.fix)
			}
		})
	}
}

// externalMember is the minimal pack with Eve, an external auditor who
// belongs to no area, on the review team for IT, under agreement (or none).
func externalMember(agreement string) string {
	seat := "\n[[member]]\nperson = \"eve\"\narea = \"it\"\ndeputy = \"dora\"\n"
	if agreement != "" {
		seat += "agreement = \"" + agreement + "\"\n"
	}
	return packtest.Edit(packtest.Minimal, "review-team.toml", "deputy = \"bob\"\n", "deputy = \"bob\"\n"+seat)
}

// A seat held by someone not of its area passes when it names the record
// under which they represent it, for an external party (RP-MRT-08) and a
// person of another area (RP-MRT-07) alike.
func TestReviewSeatByAgreement(t *testing.T) {
	other := packtest.Edit(packtest.Minimal, "people.toml", "job_title = \"Security Manager\"\narea = \"it\"", "job_title = \"Security Manager\"\narea = \"ops\"")
	other = packtest.Edit(other, "review-team.toml", "person = \"ann\"\narea = \"it\"\n", "person = \"ann\"\narea = \"it\"\nagreement = \"Group shared-services agreement GSA-2, clause 3\"\n")
	for name, archive := range map[string]string{"external": externalMember("Audit engagement letter AEL-2026, clause 7"), "other area": other} {
		p := packtest.Load(t, archive)
		for _, f := range check.Run(p, packtest.PacksAsOf).Findings {
			if f.Rule == "RP-MRT-07" || f.Rule == "RP-MRT-08" {
				t.Errorf("%s: %s at %s despite the agreement", name, f.Rule, f.Pos)
			}
		}
	}
}

// The checklist never says "met" without evidence: an item without
// findings whose evidence counts nothing ("0 communication duties") is
// "no evidence", in every output's status words.
func TestNoMetWithoutEvidence(t *testing.T) {
	silent := packtest.Edit(packtest.Minimal, "roles/ceo.toml", "\n[communication]\ninternal = [\"The information security policy, to all staff at its issue\"]\n", "\n")
	for archive, want := range map[string]check.Status{packtest.Minimal: check.Met, silent: check.NoEvidence} {
		r := check.Run(packtest.Load(t, archive), today)
		for _, it := range r.Checklist {
			if it.ID == check.ItemCommunication && it.Status != want {
				t.Errorf("communication with notes %v: %s, want %s", it.Evidence, it.Status, want)
			}
		}
	}
	if check.StatusKey(check.NoEvidence) == "" {
		t.Error("no catalogue key for the status")
	}
}
