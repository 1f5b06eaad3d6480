package main

import (
	"bytes"
	"encoding/json"
	"testing"
)

// The JSON output has exactly the shape documented in docs/checks.md.
func TestCheckJSONShape(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795478400")
	var out, errb bytes.Buffer
	code := run([]string{"check", "--format", "json", "--content", "../../testdata/findings-pack"}, &out, &errb)
	if code != exitPack {
		t.Fatalf("exit %d, want 1; stderr %s", code, errb.String())
	}
	var doc struct {
		Content  string `json:"content"`
		Date     string `json:"date"`
		Errors   int    `json:"errors"`
		Warnings int    `json:"warnings"`
		Partial  bool   `json:"partial"`
		// Unresolved lists the unknown references of a partial result.
		Unresolved []struct {
			File, Message string
			Line, Col     int
		} `json:"unresolved"`
		Findings []struct {
			Rule, Severity, File, Message, Fix, Item string
			Line                                     int
			Related                                  []struct {
				File string
				Line int
			}
		} `json:"findings"`
		Checklist []struct {
			ID, Title, Clause, Status string
			Findings, Evidence        []string
		} `json:"checklist"`
		SinglePoints struct {
			People []struct {
				Person struct{ ID, Name string }
				Roles  []string
				Why    []string
			}
			Roles []struct {
				Role   string
				Holder struct{ ID, Name string }
				File   string
				Line   int
			}
			Seats []struct {
				Area, Name, Rule string
				Person           struct{ ID, Name string }
			}
		} `json:"single_points"`
	}
	dec := json.NewDecoder(&out)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("not the documented shape: %v", err)
	}
	if doc.Partial || doc.Unresolved == nil || len(doc.Unresolved) != 0 {
		t.Errorf("partial %v, unresolved %v: want false and []", doc.Partial, doc.Unresolved)
	}
	if doc.Date != "2026-11-24" || doc.Errors+doc.Warnings != len(doc.Findings) || len(doc.Checklist) != 10 {
		t.Errorf("date %s, %d+%d vs %d findings, %d checklist items", doc.Date, doc.Errors, doc.Warnings, len(doc.Findings), len(doc.Checklist))
	}
	for _, f := range doc.Findings {
		if f.Rule == "" || (f.Severity != "error" && f.Severity != "warning") || f.File == "" || f.Message == "" || f.Fix == "" || f.Item == "" {
			t.Errorf("incomplete finding %+v", f)
		}
	}
	if len(doc.SinglePoints.Roles) == 0 || doc.SinglePoints.Roles[0].Holder.ID == "" {
		t.Errorf("single points %+v, want the system administrator with no deputy", doc.SinglePoints)
	}
	statuses := map[string]bool{}
	for _, it := range doc.Checklist {
		statuses[it.Status] = true
	}
	if !statuses["not met"] {
		t.Errorf("no checklist item is 'not met': %v", statuses)
	}
}
