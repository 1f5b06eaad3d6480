package model_test

import (
	"testing"

	"github.com/rolepack/rolepack/generator/model"
)

// The example pack is the default input and the starter pack: it must load.
func TestExamplePackLoads(t *testing.T) {
	p, err := model.Load("../../content")
	if err != nil {
		t.Fatalf("example pack:\n%v", err)
	}
	if len(p.Roles) < 12 || len(p.People) < 25 || len(p.Activities) < 30 || len(p.Competences) < 12 {
		t.Errorf("example pack too small: %d roles, %d people, %d activities, %d competences",
			len(p.Roles), len(p.People), len(p.Activities), len(p.Competences))
	}
}
