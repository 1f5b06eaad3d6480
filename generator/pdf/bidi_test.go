package pdf_test

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/letters"
	"github.com/rolepack/rolepack/generator/pdf"
)

// TestRightToLeftNameInAParagraph: in a letter's running text ("Dear محمد
// عبد الله,"), the words of a right-to-left name are shown right to left,
// its first word rightmost, as in the running header and the tables,
// and the comma after it stays at its end.
func TestRightToLeftNameInAParagraph(t *testing.T) {
	need(t, "pdftotext")
	f := fixtureNamed(t, "second")
	tmpl, err := letters.Load(f.Model.Templates())
	if err != nil {
		t.Fatal(err)
	}
	for _, pv := range f.View.Seated {
		if pv.Name != "محمد عبد الله" {
			continue
		}
		l := letters.For(f.View, pv)[0]
		body, err := tmpl.Appointment.Execute(l.Fields)
		if err != nil {
			t.Fatal(err)
		}
		data, err := pdf.Letter(f.View, l, body)
		if err != nil {
			t.Fatal(err)
		}
		pages := readBoxes(t, write(t, data))
		for _, line := range pages[0].lines() {
			if len(line.Words) == 0 || line.Words[0].Text != "Dear" {
				continue
			}
			x := map[string]float64{}
			for _, w := range line.Words {
				x[strings.TrimSuffix(w.Text, ",")] = w.X0
			}
			if !(x["محمد"] > x["عبد"] && x["عبد"] > x["الله"]) {
				t.Errorf("the name's words are not shown right to left: %v", x)
			}
			last := line.Words[len(line.Words)-1].Text
			if !strings.HasSuffix(last, ",") || strings.TrimSuffix(last, ",") != "محمد" {
				t.Errorf("the line ends with %q, want the name's first word with the comma after it", last)
			}
			return
		}
		t.Fatal("no line starting with Dear")
	}
	t.Fatal("the second pack has no محمد عبد الله")
}
