package model_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

func TestInlineForms(t *testing.T) {
	cases := []struct {
		src, plain, html string
	}{
		{"Set the policy", "Set the policy", "Set the policy"},
		{"Set the **information security** policy", "Set the information security policy", "Set the <strong>information security</strong> policy"},
		{"Follow *the* `ISMS-01` [policy](https://intranet.example/p)", "Follow the ISMS-01 policy",
			`Follow <em>the</em> <code>ISMS-01</code> <a href="https://intranet.example/p" class="external" rel="noopener noreferrer external">policy<span class="vh"> (external link)</span><span class="ext" aria-hidden="true">↗</span></a>`},
		{"Tell the [team](raci.html#a-1)", "Tell the team", `Tell the <a href="../raci.html#a-1">team</a>`},
		// Blocks are printed as written.
		{"- not a list", "- not a list", "- not a list"},
		{"1. Approve **all**", "1. Approve **all**", "1. Approve **all**"},
		{"# Heading", "# Heading", "# Heading"},
		{"a < b & c", "a < b & c", "a &lt; b &amp; c"},
		{"Keep <b>bold</b> <script>x</script>", "Keep <b>bold</b> <script>x</script>", "Keep &lt;b&gt;bold&lt;/b&gt; &lt;script&gt;x&lt;/script&gt;"},
		{"See <https://x.example/a>", "See https://x.example/a", `See <a href="https://x.example/a" class="external" rel="noopener noreferrer external">https://x.example/a<span class="vh"> (external link)</span><span class="ext" aria-hidden="true">↗</span></a>`},
		{`Keep \*stars\*`, "Keep *stars*", "Keep *stars*"},
	}
	for _, c := range cases {
		if got := model.InlinePlain(c.src); got != c.plain {
			t.Errorf("InlinePlain(%q) = %q, want %q", c.src, got, c.plain)
		}
		if got := string(model.InlineHTML(c.src, "../")); got != c.html {
			t.Errorf("InlineHTML(%q) = %q, want %q", c.src, got, c.html)
		}
	}
}

func TestInlineLinkPolicyIsAnError(t *testing.T) {
	cases := []struct {
		edit [3]string
		want string // file:line:col and message part; "" for no error
	}{
		{[3]string{"roles/ceo.toml", `responsibilities = ["Set`, `responsibilities = ["See [x](javascript:alert(1)) Set`}, `roles/ceo.toml:5:27: link to "javascript:alert(1)" is not allowed`},
		{[3]string{"roles/ceo.toml", `text = "Approve the policy"`, `text = "Approve the [policy](file:///etc/passwd)"`}, `roles/ceo.toml:8:22: link to "file:///etc/passwd" is not allowed`},
		{[3]string{"roles/ceo.toml", `text = "Approve the policy"`, "text = \"Approve the policy\"\nlimit = \"see ![x](images/x.png)\""}, `roles/ceo.toml:9:16: image "images/x.png" cannot be shown`},
		{[3]string{"roles/ceo.toml", `responsibilities = ["Set`, `responsibilities = ["Keep <b>bold</b> [x](javascript:x) Set`}, `roles/ceo.toml:5:40: link to "javascript:x" is not allowed`},
		{[3]string{"roles/ceo.toml", `responsibilities = ["Set`, `responsibilities = ["See [policy](https://example.com/p), [mail](mailto:a@example.com) and [raci](raci.html#x). Set`}, ""},
		{[3]string{"roles/ceo.toml", `responsibilities = ["Set`, `responsibilities = ["- [x](javascript:x) Set`}, ""}, // a block: printed as written
	}
	for _, c := range cases {
		dir := packtest.Write(t, packtest.Edit(packtest.Minimal, c.edit[0], c.edit[1], c.edit[2]))
		_, err := model.Load(dir)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if c.want == "" {
			if err != nil {
				t.Errorf("%s: %v", c.edit[2], err)
			}
			continue
		}
		if !strings.Contains(filepath.ToSlash(got), c.want) {
			t.Errorf("%s:\n got %s\nwant %s", c.edit[2], got, c.want)
		}
	}
}

// The words around inline Markdown are escaped, the Markdown kept: a
// limit's free text keeps its link, a role's name its asterisks.
func TestInlineTextAndLimit(t *testing.T) {
	en := messages.Builtin(messages.Reference)
	got := model.InlineText(en, "letter.authority_limit", "authority", "Approve *spend*", "limit", "see [rules](https://x.example)")
	if want := "Approve *spend* \\(limit\\: see [rules](https://x.example)\\)"; got != want {
		t.Errorf("InlineText = %q, want %q", got, want)
	}
	a := &model.Authority{Limit: "as the [rules](https://x.example) say", HasAmount: true, Amount: 500, Currency: "EUR",
		DelegatedFrom: &model.Role{Name: "*Chief*"}}
	md := a.LimitMarkdownIn(en)
	if plain, want := model.InlinePlain(md), "up to EUR\u00a0500.00; as the rules say; delegated by the *Chief*"; plain != want {
		t.Errorf("LimitMarkdownIn = %q, plain %q, want %q", md, plain, want)
	}
	if a.LimitText() != "up to EUR\u00a0500.00; as the [rules](https://x.example) say; delegated by the *Chief*" {
		t.Errorf("LimitText = %q: the limit as written", a.LimitText())
	}
}
