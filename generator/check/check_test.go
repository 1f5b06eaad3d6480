package check_test

import (
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

var today = model.NewDate(2026, 11, 24)

func TestCleanPacks(t *testing.T) {
	for name, load := range map[string]func() *model.Pack{
		"minimal": func() *model.Pack { return packtest.Load(t, packtest.Minimal) },
		"example": func() *model.Pack {
			p, err := model.Load("../../content")
			if err != nil {
				t.Fatal(err)
			}
			return p
		},
	} {
		r := check.Run(load(), today)
		for _, f := range r.Findings {
			t.Errorf("%s: %s %s %s: %s", name, f.Pos, f.Rule, f.Severity, f.Message)
		}
		for _, it := range r.Checklist {
			if it.Status != check.Met {
				t.Errorf("%s: checklist %s is %s", name, it.ID, it.Status)
			}
			if len(it.Evidence) == 0 {
				t.Errorf("%s: checklist %s has no evidence", name, it.ID)
			}
		}
	}
}
