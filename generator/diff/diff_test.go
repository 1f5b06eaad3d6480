package diff_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/diff"
	"github.com/rolepack/rolepack/internal/packtest"
)

// changed is the minimal pack after a typical pull request: a
// responsibility reworded, a limit raised, a responsibility added, the
// sysadmin's deputy changed, a new holder appointed, a RACI letter moved
// and a role renamed.
func changed() string {
	a := packtest.Minimal
	a = packtest.Edit(a, "roles/ism.toml", `"Report ISMS performance"`, `"Report ISMS performance to top management", "Run the risk assessment"`)
	a = packtest.Edit(a, "roles/ism.toml", `limit = "for up to 48 hours"`, `limit = "for up to 72 hours"`)
	a = packtest.Edit(a, "roles/sysadmin.toml", `deputy = "ann"`, `deputy = "dora"`)
	a = packtest.Edit(a, "roles/auditor.toml", `name = "Internal Auditor"`, `name = "Internal Audit Lead"`)
	a = packtest.Edit(a, "raci.toml", `responsible = "sysadmin"
accountable = "ism"`, `responsible = "ism"
accountable = "ism"`)
	a = packtest.Edit(a, "roles/sysadmin.toml", `deputy = "dora"`, `deputy = "dora"

[[assignment]]
person = "dora"
appointed_on = 2026-09-01
evidence = "HR-9"`)
	return a
}

func TestCompare(t *testing.T) {
	old := packtest.Load(t, packtest.Minimal)
	new := packtest.Load(t, changed())
	c := diff.Compare(old, new)
	var text bytes.Buffer
	if err := c.Text(&text); err != nil {
		t.Fatal(err)
	}
	out := text.String()
	for _, want := range []string{
		"responsibility reworded: Report ISMS performance → Report ISMS performance to top management",
		"responsibility added: Run the risk assessment",
		"authority reworded: Stop a risky change (limit: for up to 48 hours) → Stop a risky change (limit: for up to 72 hours)",
		"~ role Internal Audit Lead (auditor), renamed from Internal Auditor",
		"Bob Builder: deputy Ann Admin → Dora Deputy",
		"appointed Dora Deputy on 2026-09-01",
		"Respond to security incidents × System Administrator: R → (none)",
		"Respond to security incidents × Information Security Manager: A → RA",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "removed: Report ISMS performance") {
		t.Errorf("a reworded line was shown as removed:\n%s", out)
	}
	affected := map[string]string{}
	for _, a := range c.Affected {
		affected[a.Person] = strings.Join(a.What, "; ")
	}
	for person, want := range map[string]string{
		"ann":  "gains Responsible for “Respond to security incidents”",
		"bob":  "no longer Responsible for “Respond to security incidents”",
		"dora": "appointed System Administrator",
		"eve":  "renamed",
	} {
		if !strings.Contains(affected[person], want) {
			t.Errorf("%s: affected %q, want %q", person, affected[person], want)
		}
	}
	if _, ok := affected["ceo-person"]; ok {
		t.Errorf("the CEO's duties did not change, yet: %s", affected["ceo-person"])
	}
}

func TestNoChange(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	c := diff.Compare(p, packtest.Load(t, packtest.Minimal))
	if !c.Empty() || len(c.Affected) != 0 {
		t.Errorf("identical packs differ: %+v", c)
	}
	if !strings.HasPrefix(c.Headline(), "No changes") {
		t.Errorf("headline %q", c.Headline())
	}
}

func TestJSONShape(t *testing.T) {
	c := diff.Compare(packtest.Load(t, packtest.Minimal), packtest.Load(t, changed()))
	var b bytes.Buffer
	if err := c.JSON(&b); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got["schema"] != "rolepack-diff/1" {
		t.Errorf("schema %v", got["schema"])
	}
	for _, k := range []string{"document", "roles", "raci", "activities", "people", "review_team", "affected"} {
		if _, ok := got[k].([]any); !ok {
			t.Errorf("%s is %T, want an array", k, got[k])
		}
	}
}

// A hostile role name cannot add markup to the pull-request comment.
func TestMarkdownEscapes(t *testing.T) {
	hostile := `<img src=x onerror=alert(1)> [click](https://evil.example) **bold** </details>`
	new := packtest.Load(t, packtest.Edit(packtest.Minimal, "roles/auditor.toml", `name = "Internal Auditor"`, `name = "`+strings.ReplaceAll(hostile, `"`, `\"`)+`"`))
	c := diff.Compare(packtest.Load(t, packtest.Minimal), new)
	var b bytes.Buffer
	if err := c.Markdown(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, live := range []string{"<img", " [click](", "**bold**", "</details> ["} {
		if strings.Contains(out, live) {
			t.Errorf("markdown holds live %q:\n%s", live, out)
		}
	}
	if strings.Count(out, "<details>") != strings.Count(out, "</details>") {
		t.Errorf("unbalanced details:\n%s", out)
	}
	if !strings.Contains(out, "renamed from Internal Auditor") {
		t.Errorf("markdown lacks the rename:\n%s", out)
	}
}

func TestSummary(t *testing.T) {
	c := diff.Compare(packtest.Load(t, packtest.Minimal), packtest.Load(t, changed()))
	s := c.Summary()
	for _, want := range []string{"Information Security Manager: 3 duties and authorities revised", "appointed Dora Deputy", "RACI: 2 letters changed"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary %q lacks %q", s, want)
		}
	}
	if strings.Contains(s, "\n") {
		t.Errorf("summary is not one paragraph: %q", s)
	}
}
