package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/rolepack/rolepack/generator/textsafe"
)

// JSON writes the changes as indented JSON (docs/json.md).
func (c *Changes) JSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Schema string `json:"schema"`
		*Changes
	}{"rolepack-diff/1", c})
}

// Counts summarises the changes in a few numbers.
func (c *Changes) counts() (added, removed, changed, letters, people int) {
	for _, r := range c.Roles {
		switch r.Kind {
		case Added:
			added++
		case Removed:
			removed++
		default:
			changed++
		}
	}
	return added, removed, changed, len(c.RACI), len(c.Affected)
}

// Headline is the one-line summary: what changed, in counts.
func (c *Changes) Headline() string { return c.HeadlineText().String() }

// HeadlineText is Headline as a text, for an output to render in its
// reader's language.
func (c *Changes) HeadlineText() Text {
	if c.Empty() {
		return text("diff.headline.none")
	}
	added, removed, changed, letters, people := c.counts()
	var parts []Text
	if added > 0 {
		parts = append(parts, plural("diff.headline.roles_added", added))
	}
	if removed > 0 {
		parts = append(parts, plural("diff.headline.roles_removed", removed))
	}
	if changed > 0 {
		parts = append(parts, plural("diff.headline.roles_changed", changed))
	}
	if letters > 0 {
		parts = append(parts, plural("diff.headline.letters", letters))
	}
	if n := len(c.Document); n > 0 {
		parts = append(parts, plural("diff.headline.document", n))
	}
	if n := len(c.ReviewTeam); n > 0 {
		parts = append(parts, plural("diff.headline.review_team", n))
	}
	if n := len(c.People); n > 0 {
		parts = append(parts, plural("diff.headline.people", n))
	}
	if n := len(c.StaleTranslations); n > 0 {
		parts = append(parts, plural("diff.headline.translations", n))
	}
	if len(parts) == 0 {
		parts = append(parts, text("diff.headline.activities"))
	}
	return text("diff.headline.summary", "changes", List{Sep: "diff.sep.list", Items: parts},
		"affected", plural("diff.headline.affected", people))
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Summary is a one-paragraph draft of a [[revision]] summary.
func (c *Changes) Summary() string {
	if c.Empty() {
		return "No change to roles, holders or RACI."
	}
	var s []string
	for _, r := range c.Roles {
		switch r.Kind {
		case Added:
			s = append(s, "added the role "+r.Name)
		case Removed:
			s = append(s, "removed the role "+r.Name)
		default:
			var bits []string
			if r.OldName != "" {
				bits = append(bits, "renamed from "+r.OldName)
			}
			if n := len(r.Lines); n > 0 {
				bits = append(bits, count(n, "duty or authority revised", "duties and authorities revised"))
			}
			if n := len(r.Requirements); n > 0 {
				bits = append(bits, count(n, "competence requirement changed", "competence requirements changed"))
			}
			for _, h := range r.Holders {
				switch h.Kind {
				case Added:
					bits = append(bits, "appointed "+h.Name)
				case Removed:
					bits = append(bits, h.Name+" stood down")
				default:
					bits = append(bits, "deputy of "+h.Name+" changed")
				}
			}
			if len(r.Fields) > 0 && len(bits) == 0 {
				bits = append(bits, "details revised")
			}
			if len(bits) > 0 {
				s = append(s, r.Name+": "+strings.Join(bits, ", "))
			}
		}
	}
	if n := len(c.RACI); n > 0 {
		s = append(s, "RACI: "+count(n, "letter changed", "letters changed"))
	}
	if len(c.ReviewTeam) > 0 {
		s = append(s, "Management Review Team updated")
	}
	if len(s) == 0 {
		s = append(s, "document control updated")
	}
	out := strings.Join(s, "; ") + "."
	return strings.ToUpper(out[:1]) + out[1:]
}

// Text writes the changes for a terminal: every value escaped, one change
// a line.
func (c *Changes) Text(w io.Writer) error {
	p := func(format string, args ...any) {
		for i, a := range args {
			if s, ok := a.(string); ok {
				args[i] = textsafe.Line(s)
			}
		}
		fmt.Fprintf(w, format, args...)
	}
	p("%s → %s: %s\n", c.From, c.To, c.Headline())
	for _, f := range c.Document {
		p("document %s: %s → %s\n", f.Name, orNone(f.Old), orNone(f.New))
	}
	for _, r := range c.Roles {
		switch {
		case r.Kind == Added:
			p("\n+ role %s (%s)\n", r.Name, r.ID)
		case r.Kind == Removed:
			p("\n- role %s (%s)\n", r.Name, r.ID)
		case r.OldName != "":
			p("\n~ role %s (%s), renamed from %s\n", r.Name, r.ID, r.OldName)
		default:
			p("\n~ role %s (%s)\n", r.Name, r.ID)
		}
		for _, f := range r.Fields {
			p("    %s: %s → %s\n", f.Name, orNone(f.Old), orNone(f.New))
		}
		for _, l := range r.Lines {
			p("    %s\n", lineSentence(l))
		}
		for _, q := range r.Requirements {
			p("    competence %s: level %s → %s\n", q.Name, orNone(q.Old), orNone(q.New))
		}
		for _, h := range r.Holders {
			p("    %s\n", holderSentence(h))
		}
	}
	if len(c.RACI) > 0 {
		p("\nRACI\n")
		for _, l := range c.RACI {
			p("    %s × %s: %s → %s\n", l.ActivityName, l.RoleName, orNone(l.Old), orNone(l.New))
		}
	}
	for _, a := range c.Activities {
		p("activity %s (%s) %s%s\n", a.Name, a.ID, a.Kind, fieldsText(a.Fields))
	}
	for _, x := range c.ReviewTeam {
		p("review team: %s %s%s\n", x.Name, x.Kind, fieldsText(x.Fields))
	}
	for _, x := range c.People {
		p("person %s (%s) %s%s\n", x.Name, x.ID, x.Kind, fieldsText(x.Fields))
	}
	if len(c.StaleTranslations) > 0 {
		p("\nTranslations made stale (to translate again)\n")
		for _, v := range c.StaleTranslations {
			p("    %s\n", v.line())
			p("        %s → %s\n", shorten(v.Old), shorten(v.New))
		}
	}
	if len(c.Affected) > 0 {
		p("\nAffected people (to acknowledge again)\n")
		for _, a := range c.Affected {
			p("    %s: %s\n", a.Name, strings.Join(a.What, "; "))
		}
	}
	return nil
}

func holderSentence(h HolderChange) string {
	switch h.Kind {
	case Added:
		s := "appointed " + h.Name
		if h.Appointed != "" {
			s += " on " + h.Appointed
		}
		if h.NewDeputy != "" {
			s += ", deputy " + h.NewDeputyName
		}
		return s
	case Removed:
		return "removed " + h.Name
	}
	if h.OldDeputy == h.NewDeputy {
		return h.Name + ": appointed on " + h.Appointed
	}
	return h.Name + ": deputy " + orNone(h.OldDeputyName) + " → " + orNone(h.NewDeputyName)
}

func fieldsText(fs []Field) string {
	var parts []string
	for _, f := range fs {
		parts = append(parts, f.Name+" "+orNone(f.Old)+" → "+orNone(f.New))
	}
	if len(parts) == 0 {
		return ""
	}
	return ": " + strings.Join(parts, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// Markdown writes the changes as a pull-request comment: a summary line,
// who is affected, then one collapsible section per role. Every value from
// the sources is escaped, so a name cannot add markup, links or HTML.
func (c *Changes) Markdown(w io.Writer) error {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	p("### rolepack: changes from %s to %s\n\n", md(c.From), md(c.To))
	p("%s\n\n", md(c.Headline()))
	if len(c.Affected) > 0 {
		p("**Who is affected** (asked to acknowledge again):\n\n")
		for _, a := range c.Affected {
			p("- **%s**: %s\n", md(a.Name), md(strings.Join(a.What, "; ")))
		}
		p("\n")
	}
	if len(c.Document) > 0 {
		p("**Document control**: ")
		var parts []string
		for _, f := range c.Document {
			parts = append(parts, md(f.Name)+" "+md(orNone(f.Old))+" → "+md(orNone(f.New)))
		}
		p("%s\n\n", strings.Join(parts, "; "))
	}
	for _, r := range c.Roles {
		title := md(r.Name)
		switch {
		case r.Kind == Added:
			title += " — added"
		case r.Kind == Removed:
			title += " — removed"
		case r.OldName != "":
			title += " — renamed from " + md(r.OldName)
		}
		p("<details><summary>%s</summary>\n\n", title)
		for _, f := range r.Fields {
			p("- %s: %s → %s\n", md(f.Name), md(orNone(f.Old)), md(orNone(f.New)))
		}
		for _, l := range r.Lines {
			switch l.Kind {
			case Added:
				p("- ➕ %s: %s\n", md(l.List), md(l.New))
			case Removed:
				p("- ➖ %s: ~~%s~~\n", md(l.List), md(l.Old))
			default:
				p("- ✏️ %s: ~~%s~~ → %s\n", md(l.List), md(l.Old), md(l.New))
			}
		}
		for _, q := range r.Requirements {
			p("- competence %s: level %s → %s\n", md(q.Name), md(orNone(q.Old)), md(orNone(q.New)))
		}
		for _, h := range r.Holders {
			p("- %s\n", md(holderSentence(h)))
		}
		p("\n</details>\n\n")
	}
	if len(c.RACI) > 0 {
		p("<details><summary>RACI: %s</summary>\n\n| activity | role | before | after |\n|---|---|---|---|\n", md(count(len(c.RACI), "letter changed", "letters changed")))
		for _, l := range c.RACI {
			p("| %s | %s | %s | %s |\n", md(l.ActivityName), md(l.RoleName), md(orNone(l.Old)), md(orNone(l.New)))
		}
		p("\n</details>\n\n")
	}
	var other []string
	for _, a := range c.Activities {
		other = append(other, "activity "+md(a.Name)+" "+a.Kind+md(fieldsText(a.Fields)))
	}
	for _, x := range c.ReviewTeam {
		other = append(other, "review team: "+md(x.Name)+" "+x.Kind+md(fieldsText(x.Fields)))
	}
	for _, x := range c.People {
		other = append(other, "person "+md(x.Name)+" "+x.Kind+md(fieldsText(x.Fields)))
	}
	if len(other) > 0 {
		p("<details><summary>Activities, people and the review team</summary>\n\n")
		for _, o := range other {
			p("- %s\n", o)
		}
		p("\n</details>\n")
	}
	if len(c.StaleTranslations) > 0 {
		p("\n<details><summary>Translations made stale: %s</summary>\n\n", md(count(len(c.StaleTranslations), "value", "values")))
		for _, v := range c.StaleTranslations {
			p("- %s (~~%s~~ → %s)\n", md(v.line()), md(shorten(v.Old)), md(shorten(v.New)))
		}
		p("\n</details>\n")
	}
	return nil
}

// md escapes text for Markdown and the HTML a comment may hold: markup
// characters become backslash escapes or entities, and line breaks and
// control characters are shown, not obeyed.
func md(s string) string {
	s = textsafe.Line(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\\', '`', '*', '_', '[', ']', '|', '~', '#':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// shorten cuts a value to 60 characters for a line of the report.
func shorten(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
