package model

import (
	"cmp"
	"slices"
	"strings"

	"github.com/rolepack/rolepack/generator/textsafe"
)

// Diagnostic is one problem found in a pack, at a place in its sources.
type Diagnostic struct {
	Pos     Pos    `json:"pos"`
	Message string `json:"message"`
}

// String is the diagnostic as one line of text, "file:line:col: message",
// with control characters of the path or message escaped, so a hostile file
// name or value can neither drive the terminal nor forge a second line.
func (d Diagnostic) String() string {
	return textsafe.Line(d.Pos.String()) + ": " + textsafe.Line(d.Message)
}

// Errors is every problem found while loading a pack, in file and line
// order. A Load that returns Errors has written nothing and returns no Pack.
type Errors []Diagnostic

// Add records a problem.
func (e *Errors) Add(p Pos, msg string) { *e = append(*e, Diagnostic{Pos: p, Message: msg}) }

func (e Errors) Error() string {
	lines := make([]string, len(e))
	for i, d := range e {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// sort orders the problems by file, line and column and drops exact repeats.
func (e *Errors) sort() {
	slices.SortStableFunc(*e, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
		)
	})
	*e = slices.Compact(*e)
}
