// Package packtest writes small packs, given inline as txtar archives, into
// temporary directories, in the style of Hugo's integration tests.
package packtest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/rolepack/rolepack/generator/model"
)

// Write writes the files of a txtar archive under a new temporary directory
// and returns the directory.
func Write(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	if err := writeArchive(dir, archive); err != nil {
		t.Fatal(err)
	}
	return dir
}

// writeArchive writes the files of a txtar archive under dir.
func writeArchive(dir, archive string) error {
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// With returns archive with the files of overrides replacing (or adding to)
// its files. A file in overrides whose content is "DELETE\n" is removed.
func With(archive string, overrides string) string {
	base := txtar.Parse([]byte(archive))
	over := txtar.Parse([]byte(overrides))
	for _, o := range over.Files {
		found := false
		for i := range base.Files {
			if base.Files[i].Name == o.Name {
				base.Files[i].Data, found = o.Data, true
			}
		}
		if !found {
			base.Files = append(base.Files, o)
		}
	}
	kept := base.Files[:0]
	for _, f := range base.Files {
		if strings.TrimSpace(string(f.Data)) != "DELETE" {
			kept = append(kept, f)
		}
	}
	base.Files = kept
	return string(txtar.Format(base))
}

// Load writes archive and loads it, failing the test on any load error.
func Load(t testing.TB, archive string) *model.Pack {
	t.Helper()
	p, err := model.Load(Write(t, archive))
	if err != nil {
		t.Fatalf("loading pack:\n%v", err)
	}
	return p
}

// Minimal is a small pack that loads cleanly and passes every audit check:
// two areas, five people, four roles, eight activities (one per ISMS process), a review team with
// four quarterly meetings. Tests start from it and change one thing.
const Minimal = `-- pack.toml --
[organisation]
name = "Example Ltd"
scope = "The ISMS covers *all* services."

[[area]]
id = "ops"
name = "Operations"

[[area]]
id = "it"
name = "IT"

[document]
id = "ISMS-05"
title = "Roles and Responsibilities"
version = "1.0"
status = "approved"
classification = "Internal"
owner = "ism"
approver = "ceo-person"
approval_date = 2026-06-01
effective_date = 2026-06-15
review_interval_months = 12
last_review = 2026-06-01
distribution = ["All staff"]

[[revision]]
version = "1.0"
date = 2026-06-01
author = "Ann Admin"
summary = "First issue."
-- people.toml --
[[person]]
id = "ceo-person"
name = "Carla Chief"
job_title = "Chief Executive"
area = "ops"

[[person]]
id = "ann"
name = "Ann Admin"
job_title = "Security Manager"
area = "it"
line_manager = "ceo-person"

[[person]]
id = "bob"
name = "Bob Builder"
job_title = "Administrator"
area = "it"
line_manager = "ann"

[[person]]
id = "dora"
name = "Dora Deputy"
job_title = "Operations Lead"
area = "ops"
line_manager = "ceo-person"

[[person]]
id = "eve"
name = "Eve Auditor"
job_title = "Auditor"
external = true
company = "Audit Partners"
-- roles/ceo.toml --
id = "ceo"
name = "Chief Executive"
category = "Top management"
purpose = "Leads the organisation."
responsibilities = ["Set the information security policy"]

[[authority]]
text = "Approve the policy"

[[assignment]]
person = "ceo-person"
appointed_on = 2025-01-01
evidence = "HR-1"
deputy = "dora"

[communication]
internal = ["The information security policy, to all staff at its issue"]
-- roles/ism.toml --
id = "ism"
name = "Information Security Manager"
category = "Management"
purpose = "Runs the ISMS."
reports_to = "ceo"
clause_5_3 = ["a", "b"]
responsibilities = ["Keep the ISMS conformant", "Report ISMS performance"]

[[authority]]
text = "Stop a risky change"
limit = "for up to 48 hours"

[[requirement]]
competence = "iso27001"
level = 2

[[assignment]]
person = "ann"
appointed_on = 2025-02-01
evidence = "HR-2"
deputy = "bob"
-- roles/sysadmin.toml --
id = "sysadmin"
name = "System Administrator"
category = "Operations"
purpose = "Runs systems."
reports_to = "ism"
conflicts_with = ["auditor"]
responsibilities = ["Patch servers"]

[[authority]]
text = "Restart services"

[[assignment]]
person = "bob"
appointed_on = 2025-03-01
evidence = "HR-3"
deputy = "ann"
-- roles/auditor.toml --
id = "auditor"
name = "Internal Auditor"
category = "Assurance"
purpose = "Audits the ISMS."
reports_to = "ceo"
responsibilities = ["Audit the ISMS"]

[[authority]]
text = "Access any record needed for an audit"

[[assignment]]
person = "eve"
appointed_on = 2025-04-01
evidence = "Contract C-9"
deputy = "dora"
-- raci.toml --
[[activity]]
id = "risk-assessment"
name = "Assess information security risks"
process = "Risk management"
clause = "6.1.2"
responsible = "ism"
accountable = "ceo"
informed = ["sysadmin"]

[[activity]]
id = "patching"
name = "Patch servers"
process = "Operations"
responsible = ["sysadmin"]
accountable = "ism"

[[activity]]
id = "internal-audit"
name = "Run the internal audit"
process = "Internal audit"
clause = "9.2"
responsible = "auditor"
accountable = "ceo"
consulted = ["ism"]

[[activity]]
id = "incident-response"
name = "Respond to security incidents"
process = "Incident management"
responsible = "sysadmin"
accountable = "ism"

[[activity]]
id = "supplier-review"
name = "Review supplier security"
process = "Supplier management"
responsible = "ism"
accountable = "ceo"

[[activity]]
id = "continuity-test"
name = "Test the continuity plan"
process = "Business continuity"
responsible = "sysadmin"
accountable = "ism"

[[activity]]
id = "change-approval"
name = "Approve changes"
process = "Change management"
responsible = "ism"
accountable = "ceo"

[[activity]]
id = "access-review"
name = "Review access rights"
process = "Access control"
responsible = "sysadmin"
accountable = "ism"
-- competences.toml --
[[level]]
level = 0
name = "None"

[[level]]
level = 1
name = "Aware"

[[level]]
level = 2
name = "Practitioner"

[[competence]]
id = "iso27001"
name = "ISO/IEC 27001 implementation"
kind = "training"

[[record]]
person = "ann"
competence = "iso27001"
level = 2
evidence = "Cert 123"
date = 2025-01-10

[[record]]
person = "bob"
competence = "iso27001"
level = 2
evidence = "Cert 456"
date = 2025-03-10
-- review-team.toml --
name = "Management Review Team"
chair = "ceo-person"
reports_to = "Board"
cadence = "Quarterly"
agenda = ["Status of actions"]
duties = ["Approve policies"]

[[member]]
person = "ceo-person"
area = "ops"
deputy = "dora"
senior_leadership = true

[[member]]
person = "ann"
area = "it"
deputy = "bob"

[[meeting]]
date = 2026-01-20
minutes = "MIN-1"

[[meeting]]
date = 2026-04-20
minutes = "MIN-2"

[[meeting]]
date = 2026-07-20
minutes = "MIN-3"

[[meeting]]
date = 2026-10-20
minutes = "MIN-4"
-- acknowledgements.toml --
[[acknowledgement]]
person = "ceo-person"
version = "1.0"
date = 2026-06-20

[[acknowledgement]]
person = "ann"
version = "1.0"
date = 2026-06-20

[[acknowledgement]]
person = "bob"
version = "1.0"
date = 2026-06-20

[[acknowledgement]]
person = "eve"
version = "1.0"
date = 2026-06-20

[[acknowledgement]]
person = "dora"
version = "1.0"
date = 2026-06-20
`

// Edit returns archive with the first occurrence of old replaced by new in
// the named file, for tests that change one line of a pack. It panics when
// old is not there, so a stale test fails loudly.
func Edit(archive, file, old, new string) string {
	a := txtar.Parse([]byte(archive))
	for i, f := range a.Files {
		if f.Name == file {
			if !strings.Contains(string(f.Data), old) {
				panic(fmt.Sprintf("packtest.Edit: %q not in %s", old, file))
			}
			a.Files[i].Data = []byte(strings.Replace(string(f.Data), old, new, 1))
			return string(txtar.Format(a))
		}
	}
	panic("packtest.Edit: no file " + file)
}
