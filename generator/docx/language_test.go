package docx_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// languageView is the view of a copy of the example pack whose pack.toml
// says language = lang, or, with words, the English pack in words's
// language (a translation).
func languageView(t *testing.T, lang string, words *messages.Catalogue) *view.View {
	t.Helper()
	dir := packtest.ExampleIn(t, "language = \""+lang+"\"")
	p, err := model.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var opts []view.Option
	if words != nil {
		opts = append(opts, view.WithWords(words))
	}
	return view.New(p, stampAt(p.Document.LastReview), nil, opts...)
}

var xmlText = regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>`)

// TestLanguage: the Word file of the example pack in German and Japanese
// records its language (dc:language, the styles' w:lang) and carries none
// of rolepack's English labels and furniture; a translation carries the
// notice.
func TestLanguage(t *testing.T) {
	for _, c := range []struct {
		lang, wlang string
		words       *messages.Catalogue
	}{
		{"de", `<w:lang w:val="de"/>`, nil},
		{"ja", `<w:lang w:val="en-GB" w:eastAsia="ja"/>`, nil},
		{"en", `<w:lang w:val="de"/>`, messages.Builtin("de")},
	} {
		v := languageView(t, c.lang, c.words)
		parts, _ := unzip(t, render(t, v))
		if core := string(parts["docProps/core.xml"]); !strings.Contains(core, "<dc:language>"+v.Lang+"</dc:language>") {
			t.Errorf("%s: core properties without dc:language %s: %s", v.Lang, v.Lang, core)
		}
		if !strings.Contains(string(parts["word/styles.xml"]), c.wlang) {
			t.Errorf("%s: the styles lack %s", v.Lang, c.wlang)
		}
		var text strings.Builder
		for _, name := range []string{"word/document.xml", "word/header1.xml", "word/footer1.xml"} {
			for _, m := range xmlText.FindAllStringSubmatch(string(parts[name]), -1) {
				text.WriteString(m[1])
				text.WriteString("\n")
			}
		}
		txt := text.String()
		for _, e := range []string{"Page ", "Uncontrolled when printed", "Stamp: ", "Legend:", "Field\n", "Value\n", "Contents\n",
			"Version stamp", "Approval date", "Each role is listed under the role it reports to"} {
			if strings.Contains(txt, e) {
				t.Errorf("%s: English %q in the Word file", v.Lang, e)
			}
		}
		notice := strings.Contains(txt, map[string]string{"de": "Maßgeblich ist", "ja": "正本"}[v.Lang])
		if translated := v.Lang != v.Pack.Language; notice != translated {
			t.Errorf("%s of a %s pack: translation notice %v", v.Lang, v.Pack.Language, notice)
		}
	}
}
