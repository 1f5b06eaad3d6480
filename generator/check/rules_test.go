package check_test

import (
	"fmt"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/internal/packtest"
)

// Each case changes the minimal (clean) pack so that exactly one rule fires,
// once, at the expected place.
func TestEachRule(t *testing.T) {
	for _, tc := range []struct {
		rule, change, want string
	}{
		{"RP-ISMS-01", `-- roles/ism.toml --
id = "ism"
name = "Information Security Manager"
category = "Management"
purpose = "Runs the ISMS."
reports_to = "ceo"
clause_5_3 = ["b"]
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
`, "roles RP-ISMS-01 error"},
		{"RP-ISMS-02", `-- roles/ism.toml --
id = "ism"
name = "Information Security Manager"
category = "Management"
purpose = "Runs the ISMS."
reports_to = "ceo"
clause_5_3 = ["a"]
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
`, "roles RP-ISMS-02 error"},
		{"RP-ROLE-01", `-- roles/auditor.toml --
id = "auditor"
name = "Internal Auditor"
category = "Assurance"
purpose = "Audits the ISMS."
reports_to = "ceo"
responsibilities = ["Audit the ISMS"]

[[authority]]
text = "Access any record needed for an audit"

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
responsible = ["auditor", "ism"]
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
`, "roles/auditor.toml:1:1 RP-ROLE-01 error"},
		{"RP-ASG-01", `-- people.toml --
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

[[person]]
id = "fred"
name = "Fred Former"
job_title = "Clerk"
status = "leaver"
left_on = 2026-03-31
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
deputy = "fred"
`, "roles/sysadmin.toml:12:1 RP-ASG-01 error"},
		{"RP-ASG-02", `-- roles/sysadmin.toml --
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
deputy = "ann"
`, "roles/sysadmin.toml:12:1 RP-ASG-02 warning"},
		{"RP-SOD-01", `-- roles/auditor.toml --
id = "auditor"
name = "Internal Auditor"
category = "Assurance"
purpose = "Audits the ISMS."
reports_to = "ceo"
responsibilities = ["Audit the ISMS"]

[[authority]]
text = "Access any record needed for an audit"

[[assignment]]
person = "bob"
appointed_on = 2025-04-01
evidence = "Contract C-9"
deputy = "dora"
`, "roles/sysadmin.toml:12:1 RP-SOD-01 error"},
		{"RP-RACI-02", `-- raci.toml --
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
accountable = ["ism", "ceo"]

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
`, "raci.toml:10:1 RP-RACI-02 error"},
		{"RP-RACI-03", `-- raci.toml --
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
supporting = ["sysadmin"]
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
`, "raci.toml:10:1 RP-RACI-03 error"},
		{"RP-RESP-01", `-- roles/sysadmin.toml --
id = "sysadmin"
name = "System Administrator"
category = "Operations"
purpose = "Runs systems."
reports_to = "ism"
conflicts_with = ["auditor"]
responsibilities = ["Patch servers", "Report ISMS  performance."]

[[authority]]
text = "Restart services"

[[assignment]]
person = "bob"
appointed_on = 2025-03-01
evidence = "HR-3"
deputy = "ann"
`, "roles/sysadmin.toml:7:38 RP-RESP-01 warning"},
		{"RP-RESP-02", `-- roles/sysadmin.toml --
id = "sysadmin"
name = "System Administrator"
category = "Operations"
purpose = "Runs systems."
reports_to = "ism"
conflicts_with = ["auditor"]
responsibilities = ["Patch servers"]


[[assignment]]
person = "bob"
appointed_on = 2025-03-01
evidence = "HR-3"
deputy = "ann"
`, "roles/sysadmin.toml:7:1 RP-RESP-02 warning"},
		{"RP-COMP-01", `-- competences.toml --
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
level = 1
evidence = "Cert 123"
date = 2025-01-10
`, "roles/ism.toml:17:1 RP-COMP-01 warning"},
		{"RP-REV-01", `-- pack.toml --
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
last_review = 2025-10-01
distribution = ["All staff"]

[[revision]]
version = "1.0"
date = 2026-06-01
author = "Ann Admin"
summary = "First issue."
`, "pack.toml:24:1 RP-REV-01 error"},
		{"RP-REV-02", `-- roles/sysadmin.toml --
id = "sysadmin"
name = "System Administrator"
category = "Operations"
purpose = "Runs systems."
reports_to = "ism"
conflicts_with = ["auditor"]
last_review = 2025-06-01
review_interval_months = 6
responsibilities = ["Patch servers"]

[[authority]]
text = "Restart services"

[[assignment]]
person = "bob"
appointed_on = 2025-03-01
evidence = "HR-3"
deputy = "ann"
`, "roles/sysadmin.toml:7:1 RP-REV-02 error"},
		{"RP-ORG-01", `-- roles/auditor.toml --
id = "auditor"
name = "Internal Auditor"
category = "Assurance"
purpose = "Audits the ISMS."
responsibilities = ["Audit the ISMS"]

[[authority]]
text = "Access any record needed for an audit"

[[assignment]]
person = "eve"
appointed_on = 2025-04-01
evidence = "Contract C-9"
deputy = "dora"
`, "roles/auditor.toml:1:1 RP-ORG-01 warning"},
		{"RP-MRT-01", `-- review-team.toml --
DELETE
`, "review-team.toml RP-MRT-01 error"},
		{"RP-MRT-02", `-- review-team.toml --
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
area = "ops"
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
`, "review-team.toml:1:1 RP-MRT-02 error"},
		{"RP-MRT-03", `-- review-team.toml --
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
`, "review-team.toml:14:1 RP-MRT-03 warning"},
		{"RP-MRT-04", `-- review-team.toml --
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
`, "review-team.toml:1:1 RP-MRT-04 error"},
		{"RP-MRT-05", `-- review-team.toml --
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
date = 2026-08-01
minutes = "MIN-4"
`, "review-team.toml:31:1 RP-MRT-05 error"},
		{"RP-COMM-01", `-- acknowledgements.toml --
[[acknowledgement]]
person = "ceo-person"
version = "1.0"
date = 2026-06-20

[[acknowledgement]]
person = "ann"
version = "1.0"
date = 2026-06-20

[[acknowledgement]]
person = "dora"
version = "1.0"
date = 2026-06-20

[[acknowledgement]]
person = "eve"
version = "1.0"
date = 2026-06-20

`, "roles/sysadmin.toml:12:1 RP-COMM-01 warning"},
		{"RP-DOC-01", `-- pack.toml --
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
`, "pack.toml:17:1 RP-DOC-01 error"},
		{"RP-DOC-02", `-- pack.toml --
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
effective_date = 2026-05-15
review_interval_months = 12
last_review = 2026-06-01
distribution = ["All staff"]

[[revision]]
version = "1.0"
date = 2026-06-01
author = "Ann Admin"
summary = "First issue."
`, "pack.toml:22:1 RP-DOC-02 error"},
		{"RP-DOC-03", `-- pack.toml --
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
version = "0.9"
date = 2026-06-01
author = "Ann Admin"
summary = "First issue."
`, "pack.toml:16:1 RP-DOC-03 error"},
		{"RP-INT-01", `-- raci.toml --
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
process = "Identity"
responsible = "sysadmin"
accountable = "ism"
`, "raci.toml RP-INT-01 warning"},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			p := packtest.Load(t, packtest.With(packtest.Minimal, tc.change))
			r := check.Run(p, today)
			var got []string
			for _, f := range r.Findings {
				got = append(got, fmt.Sprintf("%s %s %s", f.Pos, f.Rule, f.Severity))
				if f.Message == "" || f.Fix == "" || f.Item == "" {
					t.Errorf("finding without message, fix or item: %+v", f)
				}
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("findings %q, want exactly [%s]", got, tc.want)
			}
		})
	}
}
