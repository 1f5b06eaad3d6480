package model_test

import (
	"testing"

	"github.com/rolepack/rolepack/internal/packtest"
)

// PersonByHRID finds a person by the hr_id people.toml gives them, in any
// case (rolepack acks import finds people by it).
func TestPersonByHRID(t *testing.T) {
	p := packtest.Load(t, numbered(numberedPeople, numberedCSV, ""))
	for id, want := range map[string]string{"1002": "ann", " 1002": "", "1005": "", "ann": ""} {
		got := ""
		if x := p.PersonByHRID(id); x != nil {
			got = x.ID
		}
		if got != want {
			t.Errorf("PersonByHRID(%q) = %q, want %q", id, got, want)
		}
	}
}
