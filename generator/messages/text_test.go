package messages

import (
	"slices"
	"testing"
)

// A Text renders its arguments in its own language: a nested Text, a
// List joined by its separator message, any other Wording; and names
// every key it renders.
func TestTextRendersInItsLanguage(t *testing.T) {
	page := Text{Key: "common.page_of", Args: []any{"n", 3, "total", 12}}
	gaps := Text{Key: "common.gaps", Plural: true, Count: 1}
	list := List{Sep: "common.list_separator", Items: []Text{page, gaps}}
	outer := Text{Key: "common.version", Args: []any{"version", list}}
	for lang, want := range map[string]string{
		"en": "Version Page 3 of 12, 1 gap",
		"de": "Version Seite 3 von 12, 1 Lücke",
	} {
		if got := outer.In(mustLoad(t, lang)); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if got := outer.String(); got != "Version Page 3 of 12, 1 gap" {
		t.Errorf("String() = %q", got)
	}
	joined := Joined{Sep: "common.list_separator", Items: []Wording{page, gaps}}
	if got := (Text{Key: "common.version", Args: []any{"version", joined}}).In(mustLoad(t, "ja")); got != mustLoad(t, "ja").Text("common.version", "version", page.In(mustLoad(t, "ja"))+"、"+gaps.In(mustLoad(t, "ja"))) {
		t.Errorf("ja joined: %q", got)
	}
	if got := outer.Keys(); !slices.Equal(got, []string{"common.version", "common.list_separator", "common.page_of", "common.gaps"}) {
		t.Errorf("Keys() = %q", got)
	}
	if got := Quoted("a \"b\"\n"); got != `a \"b\"\n` {
		t.Errorf("Quoted = %q", got)
	}
	if (Text{}).In(English()) != "" {
		t.Error("a Text without a key renders as something")
	}
}
