package check_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// The JSON report has the documented shape: exactly its keys, in their
// order, with findings as arrays even when empty and names printed as they
// are (no \u003c for <), ending in a newline.
func TestReportJSON(t *testing.T) {
	clean, err := check.Run(packtest.Load(t, packtest.Minimal), today).JSON("content")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(clean, []byte("{\n  \"content\": \"content\",\n  \"date\": \"2026-11-24\",\n  \"errors\": 0,\n  \"warnings\": 0,\n  \"partial\": false,\n  \"unresolved\": [],\n  \"findings\": [],\n  \"checklist\": [\n")) ||
		!bytes.HasSuffix(clean, []byte("\n}\n")) {
		t.Errorf("clean report:\n%s", clean)
	}

	r := &check.Report{Date: model.NewDate(2026, 11, 24), Errors: 1, Findings: []check.Finding{{
		Rule: "RP-ROLE-01", Severity: check.Error, Message: `The role "R&D <lab>" has no active holder.`,
		Fix: "add an [[assignment]]", Pos: model.Pos{File: "roles/rd.toml", Line: 1, Col: 1}, Item: check.ItemAssignment,
		Related: []model.Pos{{File: "raci.toml", Line: 7, Col: 3}}}},
		Unresolved: model.Errors{{Pos: model.Pos{File: "roles/ism.toml", Line: 18, Col: 10}, Message: `unknown person "anne"`}}}
	ann, ism := &model.Person{ID: "ann", Name: "Ann"}, &model.Role{ID: "ism"}
	r.SinglePoints = check.SinglePoints{
		People: []check.Overload{{Person: ann, Roles: []*model.Role{ism, {ID: "ceo"}}, Why: []string{"clause 5.3 (a)", "marked critical"}}},
		Roles:  []check.LoneRole{{Role: ism, Holder: ann, Pos: model.Pos{File: "roles/ism.toml", Line: 9}}},
		Seats:  []check.LoneSeat{{Name: "Senior leadership", Person: ann, Rule: "RP-MRT-04"}},
	}
	r.Checklist = []check.Item{{ID: check.ItemAssignment, Title: "t", Clause: "5.3", Status: check.NotMet, Findings: r.Findings, Evidence: []string{}}}
	out, err := r.JSON("my pack")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"message": "The role \"R&D <lab>\" has no active holder.",`) {
		t.Errorf("message not printed as it is:\n%s", out)
	}
	var doc struct {
		Content  string `json:"content"`
		Date     string `json:"date"`
		Errors   int    `json:"errors"`
		Warnings int    `json:"warnings"`
		Partial  bool   `json:"partial"`
		// Unresolved are the unknown references of a partial report.
		Unresolved []struct {
			File    string `json:"file"`
			Line    int    `json:"line"`
			Col     int    `json:"col"`
			Message string `json:"message"`
		} `json:"unresolved"`
		Findings []struct {
			Rule     string `json:"rule"`
			Severity string `json:"severity"`
			File     string `json:"file"`
			Line     int    `json:"line"`
			Related  []struct {
				File string `json:"file"`
				Line int    `json:"line"`
			} `json:"related"`
			Message string `json:"message"`
			Fix     string `json:"fix"`
			Item    string `json:"item"`
		} `json:"findings"`
		Checklist []struct {
			ID       string   `json:"id"`
			Title    string   `json:"title"`
			Clause   string   `json:"clause"`
			Status   string   `json:"status"`
			Findings []string `json:"findings"`
			Evidence []string `json:"evidence"`
		} `json:"checklist"`
		SinglePoints struct {
			People []struct {
				Person struct{ ID, Name string } `json:"person"`
				Roles  []string                  `json:"roles"`
				Why    []string                  `json:"why"`
			} `json:"people"`
			Roles []struct {
				Role   string                    `json:"role"`
				Holder struct{ ID, Name string } `json:"holder"`
				File   string                    `json:"file"`
				Line   int                       `json:"line"`
			} `json:"roles"`
			Seats []struct {
				Area   string                    `json:"area"`
				Name   string                    `json:"name"`
				Person struct{ ID, Name string } `json:"person"`
				Rule   string                    `json:"rule"`
			} `json:"seats"`
		} `json:"single_points"`
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("not the documented shape: %v\n%s", err, out)
	}
	f, it := doc.Findings[0], doc.Checklist[0]
	if doc.Content != "my pack" || f.File != "roles/rd.toml" || f.Line != 1 || f.Severity != "error" || f.Item != "assignment" ||
		it.Status != "not met" || len(it.Findings) != 1 || it.Findings[0] != "RP-ROLE-01" || it.Evidence == nil {
		t.Errorf("decoded %+v", doc)
	}
	if len(f.Related) != 1 || f.Related[0].File != "raci.toml" || f.Related[0].Line != 7 {
		t.Errorf("related places %+v", f.Related)
	}
	if !doc.Partial || len(doc.Unresolved) != 1 || doc.Unresolved[0].File != "roles/ism.toml" || doc.Unresolved[0].Line != 18 || doc.Unresolved[0].Col != 10 || doc.Unresolved[0].Message != `unknown person "anne"` {
		t.Errorf("partial %v, unresolved %+v", doc.Partial, doc.Unresolved)
	}
	sp := doc.SinglePoints
	if len(sp.People) != 1 || strings.Join(sp.People[0].Roles, " ") != "ism ceo" || sp.People[0].Person.ID != "ann" || len(sp.People[0].Why) != 2 ||
		len(sp.Roles) != 1 || sp.Roles[0].Role != "ism" || sp.Roles[0].Line != 9 ||
		len(sp.Seats) != 1 || sp.Seats[0].Area != "" || sp.Seats[0].Rule != "RP-MRT-04" {
		t.Errorf("single points %+v", sp)
	}
}
