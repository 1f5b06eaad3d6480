// Package pipeline is a build from end to end: load and resolve the
// sources, stamp them, check them, apply the policy that an approved
// document with audit errors is not built, compute the view once, and run
// every selected output into a staged directory that replaces the old
// output only when all succeeded. A renderer that panics fails the build
// with an error naming it (internal/crash); it never ends the process.
//
//	sources ─▶ model.Load ─▶ stamp ─▶ check.Run ─▶ view.New ─▶ renderers ─▶ build.Run (stage, swap)
//
// The command is a thin layer over Load and Build: it parses flags and
// prints.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rolepack/rolepack/generator/build"
	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/docx"
	"github.com/rolepack/rolepack/generator/history"
	"github.com/rolepack/rolepack/generator/jsonout"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pdf"
	"github.com/rolepack/rolepack/generator/render"
	"github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/crash"
)

// Outputs is the registry of every output, in build order. The first,
// json, is always built: its stamp.json marks the directory as rolepack's.
var Outputs = []render.Renderer{
	jsonout.Renderer{},
	pdf.Renderer{},
	pdf.PeopleRenderer{},
	xlsx.Renderer{},
	docx.Renderer{},
	site.Renderer{Edition: site.Staff},
	site.Renderer{Edition: site.ISMS},
}

// OutputNames returns the names --only accepts, in build order.
func OutputNames() []string {
	names := make([]string, len(Outputs))
	for i, r := range Outputs {
		names[i] = r.Name()
	}
	return names
}

// Options configure Load and Build.
type Options struct {
	Content string // the pack's source directory
	Out     string // the output directory (Build only)
	// Only names the outputs to rebuild; the others are kept from the
	// previous build. Empty means every output.
	Only []string
	// Tool names the program for the stamp, such as "rolepack 0.3.0".
	Tool string
	// Getenv and Now are the environment and the clock (for
	// SOURCE_DATE_EPOCH and the build date); nil means the process's.
	Getenv func(string) string
	Now    func() time.Time
	// ToolID identifies the program's build (a hash of its executable),
	// so that a rebuilt rolepack never takes an old output as current.
	ToolID string
	// Force rebuilds even when the output is current.
	Force bool
	// Partial (Load only, for `rolepack check`) checks a pack whose only
	// problems are unknown references: resolved without them
	// (model.LoadPartial), and they are in Loaded.Unresolved. Build never
	// builds such a pack: it ignores Partial.
	Partial bool
}

func (o Options) getenv() func(string) string {
	if o.Getenv == nil {
		return osGetenv
	}
	return o.Getenv
}

func (o Options) now() func() time.Time {
	if o.Now == nil {
		return time.Now
	}
	return o.Now
}

// UsageError is a mistake in how the pipeline was called (an unknown
// output, an output directory that must not be used, a bad
// SOURCE_DATE_EPOCH), as opposed to a problem of the pack.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// BlockedError is returned by Build when the document is approved but the
// checks found errors: an approved document is never built with them.
type BlockedError struct{ Report *check.Report }

func (e *BlockedError) Error() string {
	return fmt.Sprintf("the document is approved but has %d audit %s", e.Report.Errors, plural(e.Report.Errors, "error", "errors"))
}

// Loaded is a pack that loaded, with its stamp and check report.
type Loaded struct {
	Content string
	Pack    *model.Pack
	Stamp   stamp.Stamp
	Report  *check.Report
	// History is what git says of the revisions' git_refs (empty when
	// none is given or readable).
	History *history.History
	// Words are the message catalogues of the pack's languages, by tag.
	Words map[string]*messages.Catalogue
	// checkOptions are the options the checks ran with, for the checks of
	// each translation.
	checkOptions check.Options
	// Took is how long loading, stamping and checking took.
	Took time.Duration
	// Unresolved, with Options.Partial, are the unknown references the
	// pack was checked without: the report is then of part of the pack.
	Unresolved model.Errors
}

// CheckOptions are the options the checks ran with: what git history
// carries forward (for rolepack acks pending, which must ask exactly whom
// RP-COMM-01 asks).
func (l *Loaded) CheckOptions() check.Options { return l.checkOptions }

// Load reads, resolves, stamps and checks the pack in o.Content. Problems
// of the pack come back as model.Errors (every one, with file and line); a
// missing content directory wraps model.ErrNoContent.
func Load(ctx context.Context, o Options) (*Loaded, error) {
	start := time.Now()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var p *model.Pack
	var unresolved model.Errors
	var err error
	if o.Partial {
		p, unresolved, err = model.LoadPartial(o.Content)
	} else {
		p, err = model.Load(o.Content)
	}
	if err != nil {
		return nil, err
	}
	if err := checkTemplates(p); err != nil {
		return nil, err
	}
	words, err := loadWords(p)
	if err != nil {
		return nil, err
	}
	var catalogues []*messages.Catalogue
	for _, lang := range p.Languages {
		catalogues = append(catalogues, words[lang])
	}
	faces := stamp.FontsOf(p.Fonts().Extra)
	st, err := stamp.Compute(stamp.Options{
		Dir: o.Content, ContentHash: stamp.ContentHash(p, catalogues, faces), Fonts: faces, Version: p.Document.Version, Languages: p.Languages,
		Tool: o.Tool, Getenv: o.getenv(), Now: o.now(),
	})
	if err != nil {
		return nil, &UsageError{err}
	}
	// What the sources' git history says: changes per version, and whose
	// acknowledgement of an earlier version still covers their duties.
	h := history.Compute(ctx, o.Content, p)
	p.Warnings = append(p.Warnings, h.Problems...)
	carried := map[string]check.CarriedAck{}
	for id, a := range h.Acks {
		ca := check.CarriedAck{Version: a.Version, Date: a.Date, Carried: a.Carried, Changed: a.Changed}
		for _, t := range a.ChangedText {
			ca.ChangedText = append(ca.ChangedText, t)
		}
		carried[id] = ca
	}
	opts := check.Options{Carried: carried, Printed: messageTexts(p, words)}
	rep := check.RunWith(p, st.Date(), opts)
	rep.Unresolved = unresolved
	return &Loaded{Content: o.Content, Pack: p, Stamp: st, Report: rep, History: h, Words: words, checkOptions: opts, Took: time.Since(start), Unresolved: unresolved}, nil
}

// messageTexts are the fixed words of each language the pack is built in
// that the PDFs print, one printed text per language, at the place the
// language is named: a
// Japanese pack without a font for Japanese is reported as a Japanese
// name would be (RP-FONT-01), not printed as boxes.
func messageTexts(p *model.Pack, words map[string]*messages.Catalogue) []model.PrintedText {
	var out []model.PrintedText
	for _, lang := range p.Languages {
		c := words[lang]
		var b strings.Builder
		for _, key := range c.Keys() {
			if strings.HasPrefix(key, "site.") || strings.HasPrefix(key, "workbook.") {
				continue // shown by a browser or a spreadsheet program, with the reader's fonts
			}
			for _, f := range c.Fragments(key) {
				b.WriteString(f)
				b.WriteString(" · ")
			}
		}
		out = append(out, model.PrintedText{Pos: p.LanguagePos[lang], Label: check.MessagesLabel(lang), Text: b.String()})
	}
	return out
}

// loadWords loads the message catalogue of each language the pack builds,
// with the pack's overrides (templates/messages/<lang>.toml). A fault of an
// override, or a language with no catalogue, is the pack's error at its
// line.
func loadWords(p *model.Pack) (map[string]*messages.Catalogue, error) {
	words := map[string]*messages.Catalogue{}
	var errs model.Errors
	for _, lang := range p.Languages {
		c, err := messages.Load(lang, p.Templates())
		var merrs messages.Errors
		var merr *messages.Error
		switch {
		case err == nil:
			words[lang] = c
		case errors.As(err, &merrs):
			for _, e := range merrs {
				errs.Add(model.Pos{File: e.File, Line: e.Line, Col: e.Col}, e.Msg)
			}
		case errors.As(err, &merr):
			errs.Add(model.Pos{File: merr.File, Line: merr.Line, Col: merr.Col}, merr.Msg)
		default:
			errs.Add(p.LanguagePos[lang], err.Error())
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return words, nil
}

// checkTemplates has every output whose templates a pack may override
// check them (render.TemplateChecker), so that a broken template is found
// by check as by build, before anything is written.
func checkTemplates(p *model.Pack) error {
	var all model.Errors
	for _, r := range Outputs {
		tc, ok := r.(render.TemplateChecker)
		if !ok {
			continue
		}
		var errs model.Errors
		switch err := crash.Guard(r.Name(), "", func() error { return tc.CheckTemplates(p.Templates()) }); {
		case err == nil:
		case errors.As(err, &errs):
			all = append(all, errs...)
		default:
			return err
		}
	}
	if len(all) > 0 {
		return all
	}
	return nil
}

// Result describes a successful build.
type Result struct {
	*Loaded
	build.Result
	// Outputs are the names of the outputs rendered.
	Outputs []string
	// Current is set when the output was already built from the same
	// inputs and is intact: nothing was loaded, rendered or written, and
	// Loaded is nil.
	Current bool
}

// Build loads the pack and writes the selected outputs into o.Out. When
// it fails, the previous output is left as it was.
func Build(ctx context.Context, o Options) (Result, error) {
	selected, err := Select(o.Only)
	if err != nil {
		return Result{}, err
	}
	if err := build.CheckDirs(o.Out, o.Content); err != nil {
		return Result{}, &UsageError{err}
	}
	var names []string
	for _, r := range selected {
		names = append(names, r.Name())
	}
	key := inputKey(o, names)
	if !o.Force && build.Current(o.Out, key) {
		return Result{Outputs: names, Current: true}, nil
	}
	o.Partial = false // a pack with unknown references is never built
	l, err := Load(ctx, o)
	if err != nil {
		return Result{}, err
	}
	if l.Report.Blocking(l.Pack.Document.Status) {
		return Result{Loaded: l}, &BlockedError{Report: l.Report}
	}
	var outs []build.Output
	editions := siteEditions(selected)
	// The pack's own language at the top of the output, as a pack in one
	// language has it; each translation in output/<lang>/ and its site in
	// output/site/<lang>/ (layout.go), written by the same renderers from
	// a view of the translated pack.
	for i, lang := range l.Pack.Languages {
		p, rep := l.Pack, l.Report
		if i > 0 {
			if p, err = l.Pack.Translated(lang); err != nil {
				return Result{Loaded: l}, err
			}
			// The same checks of the translated pack: the same findings at
			// the same places, naming roles and activities as this
			// language's outputs do.
			rep = check.RunWith(p, l.Stamp.Date(), l.checkOptions)
		}
		v := view.New(p, l.Stamp.In(lang), rep, view.WithHistory(l.History), view.WithWords(l.Words[lang]))
		for _, r := range selected {
			name := r.Name()
			if i > 0 {
				name += " (" + lang + ")"
			}
			outs = append(outs, build.Output{Name: name, Render: func(w *build.Writer) error {
				pw := placed(w, r, l.Pack.Language, lang, editions)
				return crash.Guard(name, soleFile(r), func() error { return r.Render(ctx, v, pw) })
			}})
		}
	}
	res, err := build.Run(build.Options{Out: o.Out, Content: o.Content, Outputs: outs, Partial: len(o.Only) > 0, Key: key, Fonts: l.Stamp.Fonts})
	if err != nil {
		return Result{Loaded: l}, err
	}
	return Result{Loaded: l, Result: res, Outputs: names}, nil
}

// soleFile is the file (or directory) an output writes when it writes
// just one, so that a panic in it can be reported against that file;
// otherwise "", and the renderer names the file itself where it knows.
func soleFile(r render.Renderer) string {
	if f := r.Files(); len(f) == 1 {
		return f[0]
	}
	return ""
}

// Select returns the registered outputs named in only, with json always
// first, and, when the site is named, the outputs whose files the site
// links (it holds a copy of each); every output when only is empty.
func Select(only []string) ([]render.Renderer, error) {
	if len(only) == 0 {
		return slices.Clone(Outputs), nil
	}
	want := map[string]bool{Outputs[0].Name(): true}
	for _, n := range only {
		n = strings.TrimSpace(n)
		if !slices.Contains(OutputNames(), n) {
			return nil, &UsageError{fmt.Errorf("unknown output %q (choose from %s)", n, strings.Join(OutputNames(), ", "))}
		}
		want[n] = true
	}
	var out []render.Renderer
	for _, r := range Outputs {
		if want[r.Name()] {
			out = append(out, r)
		}
	}
	return withSiteDownloads(out), nil
}

// IsPackError reports whether err is a problem of the pack's sources (exit
// status 1) rather than of how rolepack was called.
func IsPackError(err error) bool {
	var errs model.Errors
	return errors.As(err, &errs)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
