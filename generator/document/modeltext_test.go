package document_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/letters"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// The controlled document and the briefs print the training plan, the
// authorities' limits and the competences' kinds as the view words them
// in the reader's language (view/modeltext.go), and none of the model's
// English. The second pack has gaps, owners, planned training, amounts,
// durations and delegations; it is built in its French and Chinese
// translations, and its English text with German and Japanese fixed
// words.
func TestModelTextsInDocuments(t *testing.T) {
	p, err := model.Load(filepath.Join(packtest.ModuleRoot(t), "testdata", "packs", "second"))
	if err != nil {
		t.Fatal(err)
	}
	english := []string{"(line manager)", "(holder of", "(planned)", "training to level", "(training or coaching)",
		"(mentoring or shadowing)", "delegated by", "for up to", " days", " weeks", "Obtain the"}
	for _, lang := range []string{"de", "fr", "ja", "zh-Hans"} {
		t.Run(lang, func(t *testing.T) {
			tp := p
			if slices.Contains(p.Languages, lang) {
				if tp, err = p.Translated(lang); err != nil {
					t.Fatal(err)
				}
			}
			v := view.New(tp, st, check.Run(tp, tp.Document.LastReview), view.WithWords(messages.Builtin(lang)))
			doc := document.New(v).Text()
			texts := map[string]string{"document": doc}
			// The training plan is personal: its rows are in each person's
			// brief (below), never in the controlled document all staff
			// read.
			var want []string
			for _, g := range v.Competence.Plan {
				for _, s := range []string{v.TrainingAction(g), v.TrainingOwner(g), v.TrainingDue(g)} {
					if s != "" && strings.Contains(doc, s) {
						t.Errorf("the document holds a training plan row's %q", s)
					}
				}
			}
			limits, planned := 0, 0
			for _, g := range v.Competence.Plan {
				if g.Planned != nil {
					planned++
				}
			}
			for _, r := range tp.Roles {
				for _, a := range r.Authorities {
					if l := v.LimitText(a); l != "" {
						want = append(want, l)
						limits++
					}
				}
				for _, q := range r.Requirements {
					want = append(want, v.CompetenceKind(q.Competence.Kind))
				}
			}
			if len(v.Competence.Plan) == 0 || planned == 0 || limits == 0 {
				t.Fatalf("%d gaps, %d planned, %d limits: the test needs some of each", len(v.Competence.Plan), planned, limits)
			}
			for _, s := range want {
				if s != "" && !strings.Contains(doc, s) {
					t.Errorf("the document lacks %q", s)
				}
			}
			for _, pv := range v.Seated {
				brief := document.Brief(v, pv).Text()
				texts["brief of "+pv.ID] = brief
				for _, g := range pv.Gaps {
					for _, s := range []string{v.TrainingAction(g), v.TrainingOwner(g), v.TrainingDue(g)} {
						if s != "" && !strings.Contains(brief, s) {
							t.Errorf("%s's brief lacks %q", pv.ID, s)
						}
					}
				}
				for _, s := range pv.Holds {
					for _, a := range s.Role.Authorities {
						if s := document.InlineText(letters.AuthorityText(v, a)); !strings.Contains(brief, s) {
							t.Errorf("%s's brief lacks %q", pv.ID, s)
						}
					}
				}
			}
			if tp == p {
				return // the pack's own English text says "for up to", "days"…
			}
			for name, txt := range texts {
				for _, e := range english {
					if strings.Contains(txt, e) {
						t.Errorf("%s: English %q", name, e)
					}
				}
			}
		})
	}
}
