package messages

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Error is one fault of a catalogue, at the place a person must edit: the
// file as the pack's author knows it ("templates/messages/de.toml"), the
// line and column (0 when the fault is the file's as a whole).
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Col))
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

// Errors is every fault found in a catalogue, sorted by file and position,
// so that its author fixes them in one pass rather than one build each.
type Errors []*Error

// Error lists the faults one per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// sortErrors orders faults by file and position, keeping the order they
// were found in at one position.
func sortErrors(es Errors) {
	slices.SortStableFunc(es, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}
