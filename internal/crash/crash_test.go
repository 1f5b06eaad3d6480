package crash_test

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/internal/crash"
)

func TestGuardTurnsAPanicIntoAnError(t *testing.T) {
	err := crash.Guard("pdf", "roles-and-responsibilities.pdf", func() error {
		var s []int
		_ = s[:len(s)-1] // slice bounds out of range [:-1]
		return nil
	})
	want := "building roles-and-responsibilities.pdf: internal error in the pdf output: runtime error: slice bounds out of range [:-1]; please report it"
	if err == nil || err.Error() != want {
		t.Fatalf("got  %v\nwant %s", err, want)
	}
	var ce *crash.Error
	if !errors.As(err, &ce) || !strings.Contains(string(ce.Stack), "crash_test.go") {
		t.Errorf("the stack is not kept for a report: %v", err)
	}
	var re runtime.Error
	if !errors.As(err, &re) {
		t.Error("the runtime error is not unwrapped")
	}
}

func TestGuardPassesErrorsThrough(t *testing.T) {
	plain := errors.New("plain")
	if err := crash.Guard("xlsx", "", func() error { return plain }); err != plain {
		t.Errorf("got %v", err)
	}
	if err := crash.Guard("xlsx", "", func() error { return nil }); err != nil {
		t.Errorf("got %v", err)
	}
}

// The innermost guard names the file; an outer one leaves its error alone.
func TestGuardsNest(t *testing.T) {
	err := crash.Guard("site", "", func() error {
		return crash.Guard("site", "site/roles/ism.html", func() error { panic("boom") })
	})
	if want := "building site/roles/ism.html: internal error in the site output: boom; please report it"; err == nil || err.Error() != want {
		t.Errorf("got %v", err)
	}
}

// A panic's value is quoted on one line, escaped and cut short: it may be
// a source value.
func TestMessageIsOneSafeLine(t *testing.T) {
	err := crash.Guard("", "", func() error { panic("line one\nline two\x1b[2J" + strings.Repeat("é", 1000)) })
	msg := err.Error()
	if strings.ContainsAny(msg, "\n\x1b") || len(msg) > 400 || !strings.HasPrefix(msg, `internal error: line one\nline two\x1b[2J`) || !strings.HasSuffix(msg, "…; please report it") {
		t.Errorf("got %q", msg)
	}
	if err := crash.Guard("", "", func() error { panic(nil) }); err == nil {
		t.Error("panic(nil) was not recovered")
	}
}
