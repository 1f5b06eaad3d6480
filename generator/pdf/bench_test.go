package pdf_test

import (
	"testing"

	"github.com/rolepack/rolepack/generator/letters"
	"github.com/rolepack/rolepack/generator/pdf"
)

// BenchmarkBrief and BenchmarkLetter time one person's brief and one
// appointment letter of the example pack: the unit of the per-person
// output, thousands of which a large organisation builds (issue #27 sets
// a millisecond each as the target; docs/performance.md).
func BenchmarkBrief(b *testing.B) {
	f := fixtureNamed(b, "example")
	pv := f.View.Seated[0]
	b.ResetTimer()
	for b.Loop() {
		if _, err := pdf.Brief(f.View, pv); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLetter(b *testing.B) {
	f := fixtureNamed(b, "example")
	tmpl, err := letters.Load(f.Model.Templates())
	if err != nil {
		b.Fatal(err)
	}
	var l letters.Letter
	for _, pv := range f.View.Seated {
		if ls := letters.For(f.View, pv); len(ls) > 0 {
			l = ls[0]
			break
		}
	}
	body, err := tmpl.Appointment.Execute(l.Fields)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := pdf.Letter(f.View, l, body); err != nil {
			b.Fatal(err)
		}
	}
}
