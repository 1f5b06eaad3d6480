// Package crash turns a panic into an ordinary error. A bug in one output
// (an index out of range on a source nobody foresaw) must not print a
// stack trace, kill the process and leave a half-built staging directory
// behind: the build fails like any other, with the output and, where it is
// known, the file that was being made.
//
// Recovery only works in the goroutine that panicked, so code that starts
// goroutines guards each one (or each job of a worker) itself.
package crash

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/rolepack/rolepack/generator/textsafe"
)

// Error is a recovered panic.
type Error struct {
	Output string // the output that failed ("pdf"), or "" when not an output
	File   string // the file it was making, relative to the output directory, when known
	Value  any    // what was passed to panic
	Stack  []byte // where it happened, for a bug report; never printed by rolepack
}

// maxValue bounds how much of the panic's value a message quotes: it may
// hold a whole source value.
const maxValue = 300

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		fmt.Fprintf(&b, "building %s: ", e.File)
	}
	b.WriteString("internal error")
	if e.Output != "" {
		fmt.Fprintf(&b, " in the %s output", e.Output)
	}
	v := textsafe.Line(fmt.Sprint(e.Value))
	if len(v) > maxValue {
		v = strings.ToValidUTF8(v[:maxValue], "") + "…"
	}
	fmt.Fprintf(&b, ": %s; please report it", v)
	return b.String()
}

// Unwrap returns the panic's value when it is an error (a runtime.Error,
// for example), so errors.As can tell what kind of bug it was.
func (e *Error) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// Guard calls f and returns its error, or an *Error when f panics. output
// and file say what f was making; either may be "". Guards nest: an inner
// one returns the panic as an error, so the innermost, most precise file
// is the one reported.
func Guard(output, file string, f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &Error{Output: output, File: file, Value: v, Stack: debug.Stack()}
		}
	}()
	return f()
}
