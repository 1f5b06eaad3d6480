package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/textsafe"
	"github.com/rolepack/rolepack/generator/xliff"
	"github.com/rolepack/rolepack/internal/safefile"
	"github.com/rolepack/rolepack/internal/typo"
)

// This file is the translators' round trip (docs/languages.md): status,
// export to XLIFF 2.0, and import back into translations/<lang>/…; the
// work is generator/xliff's, the flags and the printing are here.

const translationsAbout = `Work with the translations of the pack's own text (docs/languages.md):

  status   per language, how many values are translated, stale (translated
           from an older source text) and missing, and which
  export   write an XLIFF 2.0 file of one language for a translator's tool
           (Trados, memoQ, Phrase, Weblate, OmegaT with Okapi)
  import   write a translated XLIFF file back into translations/<lang>/…

Run "rolepack translations <subcommand> --help" for its flags.
Exit codes: 0 success, 1 the pack does not load or a unit is refused, 2 misuse.`

func runTranslations(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return misuse("translations needs a subcommand: status, export or import")
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprintf(stdout, "Usage: rolepack translations status|export|import [flags]\n\n%s\n", translationsAbout)
		return flag.ErrHelp
	case "status":
		return runTranslationsStatus(args[1:], stdout, stderr)
	case "export":
		return runTranslationsExport(args[1:], stdout, stderr)
	case "import":
		return runTranslationsImport(args[1:], stdout, stderr)
	}
	if s := typo.Nearest(args[0], []string{"status", "export", "import"}); s != "" {
		return misuse("unknown subcommand %q of translations (did you mean %q?)", args[0], s)
	}
	return misuse("unknown subcommand %q of translations (choose from status, export, import)", args[0])
}

func runTranslationsStatus(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("translations status", "translations status [--content DIR] [--lang LANG] [--list]",
		`Print, for each translation of the pack (pack.toml's languages), how many
of its values are translated, stale (translated from an older source text)
and missing, and how many translations translate a value that no longer
exists. With --list, each stale, missing and orphaned one, at its file and
line. Writes nothing.

Exit codes: 0 (whatever the counts), 1 the pack does not load, 2 misuse.`, stdout)
	content := fs.String("content", "content", "the pack's source `DIR`")
	lang := fs.String("lang", "", "only the translation into `LANG`")
	list := fs.Bool("list", false, "list each stale, missing and orphaned value")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	p, err := loadDir(*content, *content, stderr)
	if err != nil {
		return err
	}
	langs, err := translationLangs(p, *lang)
	if err != nil {
		return err
	}
	if len(langs) == 0 {
		fmt.Fprintf(stdout, "The pack is written in %s and translated into no other language (pack.toml's languages).\n", p.Language)
		return nil
	}
	fmt.Fprintf(stdout, "%d translatable values in %s (the authoritative text).\n", len(p.Units()), p.Language)
	for _, l := range langs {
		st := p.TranslationState(l)
		fmt.Fprintf(stdout, "%-8s %d translated, %d stale, %d missing, %d orphaned\n", l, len(st.Current), len(st.Stale), len(st.Missing), len(st.Orphans))
		if !*list {
			continue
		}
		for _, b := range st.Stale {
			fmt.Fprintf(stdout, "  stale     %s  %s of %s\n", joinDisplay(*content, b.T.Pos.String()), textsafe.Line(b.Unit.ID), b.Unit.Source)
		}
		for _, u := range st.Missing {
			fmt.Fprintf(stdout, "  missing   %s  %s: %q\n", joinDisplay(*content, u.Pos.String()), textsafe.Line(u.ID), shortText(u.Text))
		}
		for _, t := range st.Orphans {
			fmt.Fprintf(stdout, "  orphaned  %s  %s\n", joinDisplay(*content, t.Pos.String()), textsafe.Line(t.ID))
		}
	}
	return nil
}

// translationLangs is the translation named by --lang, or every one.
func translationLangs(p *model.Pack, lang string) ([]string, error) {
	tr := p.Languages[1:]
	if lang == "" {
		return tr, nil
	}
	if !slices.Contains(tr, lang) {
		if lang == p.Language {
			return nil, misuse("%s is the language the sources are written in, not a translation", lang)
		}
		if len(tr) == 0 {
			return nil, misuse("the pack is translated into no language: add %q to languages in pack.toml", lang)
		}
		return nil, misuse("%s is not a translation of the pack (languages: %s)", lang, strings.Join(tr, ", "))
	}
	return []string{lang}, nil
}

func shortText(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:60]) + "…"
	}
	return s
}

func runTranslationsExport(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("translations export", "translations export --lang LANG [--content DIR] [--only all|stale|missing|todo] [-o FILE.xlf]",
		`Write the pack's translatable values as an XLIFF 2.0 file for a translator:
one <file> per source file, one <unit> per value (its id is the unit id of
the translation files), the source text, and the current translation as
the target when there is one. The segment's state is "final" for a current
translation, "initial" for a stale one (its target is the translation of
the older text, given as a note "previous-source" when the entry records
it) and for a missing one (no target). The hash of the source text is the
note "source-hash".

The translator's tool sets a unit's state to "translated" (or "reviewed",
"final") when it is done; "rolepack translations import" reads those.

Exit codes: 0 written, 1 the pack does not load, 2 misuse.`, stdout)
	content := fs.String("content", "content", "the pack's source `DIR`")
	lang := fs.String("lang", "", "the translation's `LANG`uage (required)")
	only := fs.String("only", "all", "which values: all, stale, missing, or todo (stale and missing)")
	out := fs.String("o", "", "write to `FILE` instead of stdout")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	if *lang == "" {
		return misuse("translations export needs --lang, the language to translate into")
	}
	if !slices.Contains([]string{"all", "stale", "missing", "todo"}, *only) {
		return misuse("--only is %q; choose all, stale, missing or todo", *only)
	}
	p, err := loadDir(*content, *content, stderr)
	if err != nil {
		return err
	}
	if _, err := translationLangs(p, *lang); err != nil {
		return err
	}
	data, n := xliff.Export(p, *lang, *only)
	if *out == "" {
		_, err := stdout.Write(data)
		return err
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return failed("%v", err)
	}
	fmt.Fprintf(stderr, "Wrote %d %s to %s.\n", n, plural(n, "unit", "units"), textsafe.Line(*out))
	return nil
}

func runTranslationsImport(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("translations import", "translations import [--content DIR] [--dry-run] FILE.xlf",
		`Write the translations of an XLIFF 2.0 file (as "translations export"
wrote it, translated) into translations/<lang>/<source file>. A unit is
read when its segment's state is "translated", "reviewed" or "final" and it
has a target; "initial" units are left alone. Only the entries whose text
or source changed are edited, in place: the rest of each file, comments
included, stays byte for byte; a new entry is appended to its file (the
file is made when there is none). Each entry records the hash of the
source text the translator saw, and that text (source_text).

A unit whose source text is no longer the pack's (the source changed
while it was being translated) is refused, by its unit id, and so is a
unit the pack does not have; then nothing is written.

Exit codes: 0 written (or nothing to write, or --dry-run), 1 the pack does
not load, a unit is refused or the file is not XLIFF 2.0, 2 misuse.`, stdout)
	content := fs.String("content", "content", "the pack's source `DIR`")
	dryRun := fs.Bool("dry-run", false, "say what would change and write nothing")
	rest, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return misuse("translations import needs the translated file: FILE.xlf")
	}
	p, err := loadDir(*content, *content, stderr)
	if err != nil {
		return err
	}
	data, err := safefile.ReadFile(rest[0], xliff.MaxBytes)
	if err != nil {
		return failed("%v", err)
	}
	doc, err := xliff.Read(data)
	if err != nil {
		return failed("%s %v", textsafe.Line(rest[0]), err)
	}
	if doc.SrcLang != p.Language {
		return failed("%s translates from %q, but the pack is written in %q", rest[0], doc.SrcLang, p.Language)
	}
	if _, err := translationLangs(p, doc.TrgLang); err != nil {
		return err
	}
	plan, refused := xliff.PlanImport(p, doc)
	if len(refused) > 0 {
		for _, r := range refused {
			fmt.Fprintln(stderr, textsafe.Line(r))
		}
		return failed("%d %s refused; nothing written", len(refused), plural(len(refused), "unit", "units"))
	}
	if plan.Edited+plan.Added == 0 {
		fmt.Fprintln(stdout, "The file holds no changes to the translations.")
		return nil
	}
	paths := slices.Sorted(maps.Keys(plan.Files))
	what := fmt.Sprintf("%d changed and %d new %s in %d %s", plan.Edited, plan.Added, plural(plan.Added, "translation", "translations"), len(paths), plural(len(paths), "file", "files"))
	if *dryRun {
		fmt.Fprintf(stdout, "--dry-run: %s (%s); nothing written.\n", what, textsafe.Line(strings.Join(paths, ", ")))
		return nil
	}
	if err := plan.Write(*content); err != nil {
		return failed("%v", err)
	}
	fmt.Fprintf(stdout, "Wrote %s: %s\n", what, textsafe.Line(strings.Join(paths, ", ")))
	return nil
}
