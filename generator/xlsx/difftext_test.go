package xlsx_test

import (
	"slices"
	"testing"

	"github.com/rolepack/rolepack/generator/diff"
	"github.com/rolepack/rolepack/generator/history"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// The revision history's column of what each version changed, when the
// sources' history says it, is in the workbook's language: the header is
// the document's, the text the view's (view/difftext.go). Without a
// history the table keeps its four columns (the other tests).
func TestRevisionChangesInTheWorkbooksLanguage(t *testing.T) {
	for _, lang := range []string{"en", "de", "ja"} {
		a := packtest.Edit(packtest.Minimal, "pack.toml", "[organisation]", "language = \""+lang+"\"\n\n[organisation]")
		old := packtest.Load(t, a)
		a = packtest.Edit(a, "roles/ism.toml", `"Report ISMS performance"`, `"Report ISMS performance to top management", "Run the risk assessment"`)
		a = packtest.Edit(a, "raci.toml", "responsible = \"sysadmin\"\naccountable = \"ism\"", "responsible = \"ism\"\naccountable = \"ism\"")
		p := packtest.Load(t, a)
		c := diff.Compare(old, p)
		h := &history.History{Changes: map[string]*diff.Changes{"1.0": c}}
		v := view.New(p, testStamp(), nil, view.WithHistory(h))
		f, _ := renderView(t, v)
		var cells []string
		for _, sh := range f.GetSheetList() {
			rows, err := f.GetRows(sh)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				cells = append(cells, r...)
			}
		}
		for _, want := range []string{v.Words.Text("document.revisions.changes"), v.RevisionChanges(c)} {
			if !slices.Contains(cells, want) {
				t.Errorf("%s: no cell holds %q", lang, want)
			}
		}
		if lang != "en" && slices.Contains(cells, c.Headline()) {
			t.Errorf("%s: a cell holds the English %q", lang, c.Headline())
		}
	}
}
