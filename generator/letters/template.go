// Package letters holds what an appointment letter says: the letters each
// person is sent (one per seat they hold, one per seat they deputise for),
// who signs them for the organisation, and the Markdown templates their
// text comes from, with the fixed set of fields a template may use.
//
// rolepack ships the templates in every language it has a catalogue for
// (templates/letters/<lang>/…, English's at templates/letters/…). A pack
// may replace a template: templates/letters/appointment.md and deputy.md
// for its authoritative language, templates/letters/<lang>/… for any
// language (see LoadFor). A template is parsed and every field it
// names is checked against the set below before anything is rendered, so
// a misspelt field is an error at its file and line, never an empty gap
// in a letter.
package letters

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/tmplwalk"
	"github.com/rolepack/rolepack/internal/typo"
	"github.com/rolepack/rolepack/templates"
)

// Template file names, relative to templates/.
const (
	AppointmentTemplate = "letters/appointment.md"
	DeputyTemplate      = "letters/deputy.md"
)

// Fields are what a letter template may use, as {{.Name}}. Text fields are
// plain text made safe for Markdown (a "*" in a name prints as "*"); the
// lists are for {{range}}, each item plain text; Purpose is the role's
// purpose as the pack wrote it, in Markdown.
type Fields struct {
	Organisation string
	// Person is the addressee: the appointee, or the deputy.
	Person   string
	JobTitle string
	// Role is the role's name; Purpose its purpose (Markdown).
	Role    string
	Purpose string
	// AppointedOn is the date of the appointment (of the holder's
	// assignment, for a deputy letter), as a long date in the letter's
	// language ("1 March 2024", "1. März 2024").
	AppointedOn string
	// Reference is the assignment's evidence (a contract or HR record), or
	// "" when the pack records none.
	Reference string
	// Holder is the person holding the seat (the addressee on an
	// appointment letter, the person deputised for on a deputy letter).
	Holder string
	// Deputy is the seat's deputy, or "" when it has none.
	Deputy string
	// ReportsTo is the role the role reports to ("" at the top) and
	// ReportsToHolder the names of its active holders ("" when vacant).
	ReportsTo       string
	ReportsToHolder string
	// Appointer and AppointerTitle are who signs for the organisation:
	// see Appointer.
	Appointer      string
	AppointerTitle string
	// Responsibilities, Authorities (each with its limit: "text (limit:
	// …)"), Communication ("Internal: …", "External: …") and Competences
	// ("name (minimum level)") of the role, their fixed words in the
	// letter's language. The first three are inline Markdown, as the
	// sources write them (docs/format.md, "Markdown in a line"); the
	// letter prints their emphasis, code and links.
	Responsibilities []string
	Authorities      []string
	Communication    []string
	Competences      []string
	// Document, DocumentTitle and Version identify the controlled
	// document the letter refers to.
	Document      string
	DocumentTitle string
	Version       string
}

// FieldNames lists the fields a template may use, in the order of Fields.
func FieldNames() []string {
	t := reflect.TypeFor[Fields]()
	names := make([]string, t.NumField())
	for i := range names {
		names[i] = t.Field(i).Name
	}
	return names
}

// Template is a parsed letter template whose fields have been checked.
type Template struct {
	path string // as the user edits it: "templates/letters/appointment.md"
	t    *template.Template
}

// Templates are the two letter templates of a pack.
type Templates struct {
	Appointment, Deputy *Template
}

// Load reads the English letter templates, as a pack written in English
// has them: the pack's override of each (overrides is the pack's
// templates/ directory, or nil) or else the default built into rolepack,
// and parses and checks them. See LoadFor for the letters of a language.
func Load(overrides fs.FS) (Templates, error) {
	return LoadFor(overrides, messages.Reference, messages.Reference)
}

// LoadFor reads the letter templates of language lang for a pack whose
// authoritative language is source, and parses and checks them. Each
// template is the first of:
//
//  1. the pack's templates/letters/<lang>/<name>.md;
//  2. when lang is the pack's authoritative language, the pack's
//     templates/letters/<name>.md (the override a pack has always had);
//  3. rolepack's default of the language, templates/letters/<lang>/<name>.md
//     (English's is templates/letters/<name>.md);
//  4. rolepack's English default, for a language a pack added without
//     letters of its own.
func LoadFor(overrides fs.FS, lang, source string) (Templates, error) {
	var ts Templates
	for _, x := range []struct {
		name string
		dst  **Template
	}{{AppointmentTemplate, &ts.Appointment}, {DeputyTemplate, &ts.Deputy}} {
		name, src, err := read(overrides, x.name, lang, lang == source)
		if err != nil {
			return Templates{}, err
		}
		if *x.dst, err = Parse("templates/"+name, string(src)); err != nil {
			return Templates{}, err
		}
	}
	return ts, nil
}

// LangPath is where the letter template name ("letters/appointment.md")
// of language lang is: "letters/de/appointment.md".
func LangPath(name, lang string) string {
	dir, file := path.Split(name)
	return dir + lang + "/" + file
}

// read returns the template name of language lang and the path it was
// read from, relative to templates/, in LoadFor's order; authoritative
// says lang is the pack's own language.
func read(overrides fs.FS, name, lang string, authoritative bool) (string, []byte, error) {
	var tries []string
	if lang != "" {
		tries = append(tries, LangPath(name, lang))
	}
	if authoritative {
		tries = append(tries, name)
	}
	if overrides != nil {
		for _, n := range tries {
			if data, err := fs.ReadFile(overrides, n); err == nil {
				return n, data, nil
			}
		}
	}
	if lang != "" && lang != messages.Reference {
		if data, err := fs.ReadFile(templates.Files(), LangPath(name, lang)); err == nil {
			return LangPath(name, lang), data, nil
		}
	}
	data, err := fs.ReadFile(templates.Files(), name)
	if err != nil {
		return "", nil, fmt.Errorf("templates/%s: the default template is missing from this build of rolepack: %w", name, err)
	}
	return name, data, nil
}

var parseErrRE = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:\d+:)? ?`)

// Parse parses a letter template and checks that every field it names is
// one of Fields. Problems come back as model.Errors at path (the file as
// the user edits it, "templates/letters/appointment.md"), line and column.
func Parse(path, src string) (*Template, error) {
	var errs model.Errors
	t, err := template.New(path).Option("missingkey=error").Parse(src)
	if err != nil {
		// "template: p:3: unexpected …" → line 3, "unexpected …"
		msg, line := err.Error(), 0
		if m := parseErrRE.FindStringSubmatchIndex(msg); m != nil {
			line, _ = strconv.Atoi(msg[m[4]:m[5]])
			msg = msg[m[1]:]
		}
		errs.Add(model.Pos{File: path, Line: line}, msg+" (fix the template's {{…}} syntax)")
		return nil, errs
	}
	allowed := FieldNames()
	for _, tt := range t.Templates() {
		if tt.Tree == nil || tt.Root == nil {
			continue
		}
		// Every field reference: {{.Name}}, {{$.Name}} and the fields of
		// a pipeline's commands. Inside {{range}} and {{with}} the dot is
		// an item, a string: a field there is as wrong as anywhere, so
		// every reference is checked against Fields alike.
		tmplwalk.Walk(tt.Root, func(n parse.Node) {
			ident := fieldOf(n)
			if len(ident) == 0 {
				return
			}
			line, col := position(src, int(n.Position()))
			at := model.Pos{File: path, Line: line, Col: col}
			switch {
			case !slices.Contains(allowed, ident[0]):
				msg := fmt.Sprintf("unknown field %q", "."+ident[0])
				if s := closest(ident[0], allowed); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", "."+s)
				}
				errs.Add(at, msg+"; a letter template may use "+fieldList(allowed))
			case len(ident) > 1:
				errs.Add(at, fmt.Sprintf("%q has no fields: .%s is text or a list of text", "."+strings.Join(ident, "."), ident[0]))
			}
		})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return &Template{path: path, t: t}, nil
}

func fieldList(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "." + n
	}
	return strings.Join(out, ", ")
}

// fieldOf returns the field path a node refers to ("Name" for .Name and
// $.Name), or nil.
func fieldOf(n parse.Node) []string {
	switch n := n.(type) {
	case *parse.FieldNode:
		return n.Ident
	case *parse.VariableNode:
		if len(n.Ident) > 1 && n.Ident[0] == "$" {
			return n.Ident[1:]
		}
	case *parse.ChainNode:
		return n.Field
	}
	return nil
}

// position turns a byte offset of src into a line and a column (in
// characters), both from 1.
func position(src string, offset int) (line, col int) {
	offset = min(max(offset, 0), len(src))
	before := src[:offset]
	start := strings.LastIndexByte(before, '\n') + 1
	return 1 + strings.Count(before, "\n"), 1 + len([]rune(before[start:]))
}

// closest suggests the allowed name nearest to a misspelt one (same
// letters ignoring case, or at most two edits), or "".
func closest(name string, allowed []string) string {
	best, bestD := "", 3
	for _, a := range allowed {
		if strings.EqualFold(a, name) {
			return a
		}
		if d := typo.Distance(strings.ToLower(a), strings.ToLower(name)); d < bestD {
			best, bestD = a, d
		}
	}
	return best
}

// Execute fills the template with f and returns the letter's Markdown.
func (t *Template) Execute(f Fields) (string, error) {
	var b bytes.Buffer
	if err := t.t.Execute(&b, escaped(f)); err != nil {
		return "", fmt.Errorf("%s: %w", t.path, err)
	}
	return b.String(), nil
}

// Path is the template's file as a user edits it.
func (t *Template) Path() string { return t.path }

// escaped returns f with every text value escaped for Markdown, so names
// and texts print as written (Purpose, the responsibilities, authorities
// and communication duties are Markdown already).
func escaped(f Fields) Fields {
	e := func(s string) string { return Escape(s) }
	list := func(xs []string) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = e(x)
		}
		return out
	}
	g := f
	g.Organisation, g.Person, g.JobTitle, g.Role = e(f.Organisation), e(f.Person), e(f.JobTitle), e(f.Role)
	g.AppointedOn, g.Reference, g.Holder, g.Deputy = e(f.AppointedOn), e(f.Reference), e(f.Holder), e(f.Deputy)
	g.ReportsTo, g.ReportsToHolder, g.Appointer, g.AppointerTitle = e(f.ReportsTo), e(f.ReportsToHolder), e(f.Appointer), e(f.AppointerTitle)
	g.Document, g.DocumentTitle, g.Version = e(f.Document), e(f.DocumentTitle), e(f.Version)
	// Responsibilities, Authorities and Communication are inline
	// Markdown already (model.InlineSource, model.InlineText): only a
	// line break, which would end the line they are written on, goes.
	inline := func(xs []string) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(x)
		}
		return out
	}
	g.Responsibilities, g.Authorities = inline(f.Responsibilities), inline(f.Authorities)
	g.Communication, g.Competences = inline(f.Communication), list(f.Competences)
	return g
}

// Escape makes plain text literal in Markdown: every ASCII punctuation
// character gets a backslash (CommonMark allows it before any of them),
// and a line break becomes a space, so a value cannot start a list,
// heading or emphasis, or end the paragraph it is written in.
func Escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 128 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
