package tmplwalk_test

import (
	"slices"
	"strings"
	"testing"
	"text/template"
	"text/template/parse"

	"github.com/rolepack/rolepack/internal/tmplwalk"
)

// Every field, wherever it sits (an if's condition, a range's else, an
// argument, a template call, a chain), is visited once, inner before outer.
func TestWalkVisitsEveryField(t *testing.T) {
	src := `{{.A}}{{if .B}}{{range .C}}{{.D}}{{else}}{{.E}}{{end}}{{end}}` +
		`{{with .F}}{{printf "%s" .G}}{{end}}{{template "x" .H}}{{(.I).J}}{{define "x"}}{{.K}}{{end}}`
	tmpl := template.Must(template.New("t").Parse(src))
	var got []string
	for _, tt := range tmpl.Templates() {
		tmplwalk.Walk(tt.Root, func(n parse.Node) {
			switch n := n.(type) {
			case *parse.FieldNode:
				got = append(got, strings.Join(n.Ident, "."))
			case *parse.ChainNode:
				got = append(got, "chain:"+strings.Join(n.Field, "."))
			}
		})
	}
	slices.Sort(got)
	want := []string{"A", "B", "C", "D", "E", "F", "G", "H", "I", "K", "chain:J"}
	if !slices.Equal(got, want) {
		t.Errorf("visited %v, want %v", got, want)
	}

	var order []string
	tmplwalk.Walk(template.Must(template.New("c").Parse(`{{(.I).J}}`)).Root, func(n parse.Node) {
		switch n := n.(type) {
		case *parse.FieldNode:
			order = append(order, n.Ident[0])
		case *parse.ChainNode:
			order = append(order, n.Field[0])
		}
	})
	if !slices.Equal(order, []string{"I", "J"}) {
		t.Errorf("chain order %v, want the inner field first", order)
	}
	tmplwalk.Walk(nil, func(parse.Node) { t.Error("visited a nil tree") })
}
