package model_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// nestedList is a Markdown list nested depth levels deep, one item a line,
// each indented two spaces more than the one before.
func nestedList(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i) + "- level " + strconv.Itoa(i+1) + "\n")
	}
	return b.String()
}

// TestMarkdownNestingLimit: a purpose or scope whose lists or quotes nest
// deeper than model.MaxMarkdownNesting is refused when the pack loads, at
// the file, line and column of the first item beyond the limit (or at the
// key when the value is written on one line with "\n" escapes), with what
// to do; nesting up to the limit loads.
func TestMarkdownNestingLimit(t *testing.T) {
	purpose := func(value string) string {
		return packtest.Edit(packtest.Minimal, "roles/ism.toml", `purpose = "Runs the ISMS."`, value)
	}
	const msg = ": a list or quote is nested more than 9 levels deep here; the limit is 9 (as deep as Word numbers lists): indent it less, or split the list"
	for _, tc := range []struct {
		name, archive, want string
	}{
		{"list at the limit", purpose("purpose = \"\"\"\nRuns the ISMS.\n\n" + nestedList(model.MaxMarkdownNesting) + "\"\"\""), ""},
		{"quote at the limit", purpose("purpose = '''\n" + strings.Repeat(">", model.MaxMarkdownNesting) + " Runs the ISMS.'''"), ""},
		// Line 4 holds the key; the value starts on line 5, the list on
		// line 7, its tenth level on line 16, indented 18 spaces.
		{"list one beyond", purpose("purpose = \"\"\"\nRuns the ISMS.\n\n" + nestedList(model.MaxMarkdownNesting+1) + "\"\"\""), "roles/ism.toml:16:19" + msg},
		{"list thirty deep", purpose("purpose = '''\nRuns the ISMS.\n\n" + nestedList(30) + "'''"), "roles/ism.toml:16:19" + msg},
		{"on the key's line", purpose(`purpose = """` + strings.Repeat("- ", 30) + "x\"\"\""), "roles/ism.toml:4:14" + msg},
		{"quotes", purpose("purpose = '''\nIntro.\n" + strings.Repeat("> ", 12) + "deep'''"), "roles/ism.toml:6:1" + msg},
		{"quote inside lists", purpose("purpose = '''\n" + nestedList(8) + strings.Repeat("  ", 8) + ">> deep\n'''"), "roles/ism.toml:13:17" + msg},
		{"escaped line breaks", purpose(`purpose = "` + strings.ReplaceAll(nestedList(12), "\n", `\n`) + `"`), "roles/ism.toml:4:1" + msg},
		{"scope", packtest.Edit(packtest.Minimal, "pack.toml", `scope = "The ISMS covers *all* services."`, "scope = \"\"\"\n"+nestedList(10)+"\"\"\""), "pack.toml:13:19" + msg},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := model.Load(packtest.Write(t, tc.archive))
			var errs model.Errors
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("refused:\n%v", err)
			case tc.want == "":
			case !errors.As(err, &errs):
				t.Fatalf("got %v, want %q", err, tc.want)
			case len(errs) != 1 || errs[0].String() != tc.want:
				t.Errorf("got\n%v\nwant\n%s", err, tc.want)
			}
		})
	}
}
