package pipeline_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/internal/packtest"
)

// multilingual is the minimal pack, as a draft, built in English (its own
// language), German and Japanese.
func multilingual() string {
	p := packtest.Edit(packtest.Minimal, "pack.toml", "[organisation]", "language = \"en\"\nlanguages = [\"en\", \"de\", \"ja\"]\n\n[organisation]")
	return packtest.Edit(p, "pack.toml", `status = "approved"`, `status = "draft"`)
}

// A pack in several languages has its own language's outputs where a
// pack in one language has them, and every output of each translation in
// output/<lang>/, stamped with that language.
func TestTranslationsAreBuiltUnderTheirLanguage(t *testing.T) {
	dir := packtest.Write(t, multilingual())
	out := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.Build(context.Background(), options(dir, out)); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"", "de", "ja"} {
		for _, r := range pipeline.Outputs {
			for _, f := range r.Files() {
				if _, err := os.Stat(filepath.Join(out, lang, f)); err != nil {
					t.Errorf("%s: %v", r.Name(), err)
				}
			}
		}
		data, err := os.ReadFile(filepath.Join(out, lang, "stamp.json"))
		if err != nil {
			t.Fatal(err)
		}
		var st struct {
			Language  string   `json:"language"`
			Languages []string `json:"languages"`
		}
		if err := json.Unmarshal(data, &st); err != nil {
			t.Fatal(err)
		}
		want := lang
		if lang == "" {
			want = "en"
		}
		if st.Language != want || strings.Join(st.Languages, " ") != "en de ja" {
			t.Errorf("%s stamp.json: language %q, languages %v; want %q of en de ja", filepath.Join(lang, "stamp.json"), st.Language, st.Languages, want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "en")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the pack's own language is at the top of the output, not in en/: %v", err)
	}
}

// A language rolepack has no messages for, and a fault of a pack's
// catalogue, are the pack's errors at their lines.
func TestLanguageFaultsAreThePacksErrors(t *testing.T) {
	for _, tc := range []struct {
		name, archive, want string
	}{
		{"unknown language", packtest.Edit(packtest.Minimal, "pack.toml", "[organisation]", "language = \"sv\"\n\n[organisation]"),
			`pack.toml:1:1: no messages for language "sv"`},
		{"unknown translation", packtest.Edit(multilingual(), "pack.toml", `"ja"]`, `"xx"]`),
			`pack.toml:2:26: no messages for language "xx"`},
		{"override fault", multilingual() + "-- templates/messages/de.toml --\n[document]\nresponsibilites = \"Pflichten\"\n",
			`templates/messages/de.toml:2:1: unknown message key "document.responsibilites" (did you mean "document.responsibilities"?)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := pipeline.Load(context.Background(), options(packtest.Write(t, tc.archive), ""))
			var errs model.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("err = %v; want the pack's errors", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v\nwant it to hold %s", err, tc.want)
			}
		})
	}
}

// The fixed words of a language need a font as a name in its script
// does: a pack in Japanese without a font for Japanese has RP-FONT-01 at
// the line that names the language, and an approved one is not built.
func TestMessagesNeedTheirFont(t *testing.T) {
	dir := packtest.Write(t, packtest.Edit(packtest.Minimal, "pack.toml", "[organisation]", "language = \"ja\"\n\n[organisation]"))
	out := filepath.Join(t.TempDir(), "out")
	_, err := pipeline.Build(context.Background(), options(dir, out))
	var blocked *pipeline.BlockedError
	if !errors.As(err, &blocked) {
		t.Fatalf("err = %v; want the approved Japanese pack blocked", err)
	}
	var found bool
	for _, f := range blocked.Report.Findings {
		if f.Rule == "RP-FONT-01" && f.Pos.String() == "pack.toml:1:1" && strings.Contains(f.Message, "messages of rolepack in ja") && strings.Contains(f.Fix, "Noto Sans CJK JP") {
			found = true
		}
	}
	if !found {
		t.Errorf("findings %+v; want RP-FONT-01 at pack.toml:1:1 for the ja messages, naming a CJK font", blocked.Report.Findings)
	}
}
