package pipeline_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/generator/site"
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
// output/<lang>/ (the site in output/site/<lang>/), stamped with that
// language.
func TestTranslationsAreBuiltUnderTheirLanguage(t *testing.T) {
	dir := packtest.Write(t, multilingual())
	out := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.Build(context.Background(), options(dir, out)); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"", "de", "ja"} {
		for _, r := range pipeline.Outputs {
			for _, f := range r.Files() {
				at := filepath.Join(out, lang, f)
				if _, ok := r.(site.Renderer); ok {
					at = filepath.Join(out, f, lang) // the whole intranet in site/, isms/
				}
				if _, err := os.Stat(at); err != nil {
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

// The multilingual test pack (English, with German and Japanese
// translations) builds three full sets of outputs, each in its language
// and with its translated text: the German PDF names the ISM in German,
// the Japanese site page in Japanese, and each says what it translates.
func TestMultilingualPackBuildsEachLanguage(t *testing.T) {
	pdftotext := packtest.NeedTool(t, "pdftotext")
	dir := filepath.Join(packtest.ModuleRoot(t), "testdata", "packs", "multilingual")
	out := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.Build(context.Background(), options(dir, out)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ lang, role string }{
		{"", "Information Security Manager"},
		{"de", "Informationssicherheitsbeauftragter"},
		{"ja", "情報セキュリティ"},
	} {
		notice := "" // the notice's first words, in the translation's language
		if tc.lang != "" {
			notice = strings.Join(strings.Fields(messages.Builtin(tc.lang).Fragments("translation.notice")[0]), "")
		}
		pdf, err := exec.Command(pdftotext, "-enc", "UTF-8", filepath.Join(out, tc.lang, "roles-and-responsibilities.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		page, err := os.ReadFile(filepath.Join(out, "site", tc.lang, "roles", "ism.html"))
		if err != nil {
			t.Fatal(err)
		}
		texts := map[string]string{"PDF": string(pdf), "site page": string(page),
			"Word file": zipText(t, filepath.Join(out, tc.lang, "roles-and-responsibilities.docx")),
			"workbook":  zipText(t, filepath.Join(out, tc.lang, "raci-and-competence.xlsx"))}
		for what, text := range texts {
			if (what == "PDF" || what == "site page") && !strings.Contains(text, tc.role) {
				t.Errorf("%s %s does not name the ISM as %q", tc.lang, what, tc.role)
			}
			if notice != "" && !strings.Contains(strings.Join(strings.Fields(text), ""), notice) {
				t.Errorf("%s %s does not say it is a translation (%q)", tc.lang, what, notice)
			}
		}
		want := tc.lang
		if want == "" {
			want = "en"
		}
		if !strings.Contains(string(page), `<html lang="`+want+`"`) {
			t.Errorf("%s site page is not marked lang=%q", tc.lang, want)
		}
	}
}
