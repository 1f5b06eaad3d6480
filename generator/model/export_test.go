package model_test

import (
	"encoding/json"
	"testing"

	"github.com/rolepack/rolepack/internal/packtest"
)

// Every list docs/json.md documents as an array is an array in
// rolepack.json, even when empty: the minimal pack has roles without
// conflicts and the everyone-role has no assignments.
func TestExportArraysNeverNull(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	var doc map[string]any
	if err := json.Unmarshal(p.ExportJSON(), &doc); err != nil {
		t.Fatal(err)
	}
	isArray := func(where string, v any) {
		if _, ok := v.([]any); !ok {
			t.Errorf("%s is %v (%T), want an array", where, v, v)
		}
	}
	for _, k := range []string{"revisions", "people", "roles", "activities", "competence_scale", "competences", "competence_records", "acknowledgements"} {
		isArray(k, doc[k])
	}
	isArray("organisation.areas", doc["organisation"].(map[string]any)["areas"])
	isArray("document.distribution", doc["document"].(map[string]any)["distribution"])
	roles, _ := doc["roles"].([]any)
	if len(roles) == 0 {
		t.Fatal("no roles")
	}
	for _, r := range roles {
		role := r.(map[string]any)
		for _, k := range []string{"responsibilities", "authorities", "competence_requirements", "communication_internal", "communication_external", "references", "conflicts_with", "assignments"} {
			isArray(role["id"].(string)+"."+k, role[k])
		}
	}
	team, _ := doc["review_team"].(map[string]any)
	for _, k := range []string{"members", "meetings", "agenda", "duties"} {
		isArray("review_team."+k, team[k])
	}
}
