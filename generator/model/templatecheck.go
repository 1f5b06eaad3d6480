package model

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/rolepack/rolepack/templates"
)

// overridable lists the files under templates/ that a pack may replace:
// exactly the default templates and assets built into rolepack.
func overridable() []string {
	var names []string
	_ = fs.WalkDir(templates.Files(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, TemplatesDir+"/"+p)
		}
		return nil
	})
	return names
}

// checkTemplates reports files under templates/ that replace nothing: a
// misspelt override would otherwise be ignored without a word.
func checkTemplates(files []SourceFile, errs *Errors) {
	var valid []string
	for _, f := range files {
		if !strings.HasPrefix(f.Path, TemplatesDir+"/") {
			continue
		}
		if valid == nil {
			valid = overridable()
		}
		if slices.Contains(valid, f.Path) || isCatalogue(f.Path) || isLetterIn(f.Path, valid) {
			continue
		}
		msg := "unknown template override: it replaces no default file; the files that can be overridden are " + strings.Join(valid, ", ") + ", templates/messages/<language>.toml, and a letter of any language, templates/letters/<language>/<letter>.md"
		if sug := suggest(f.Path, valid); sug != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", sug)
		}
		errs.Add(Pos{File: f.Path}, msg)
	}
}

// isCatalogue reports whether p is a pack's message catalogue,
// templates/messages/<language>.toml: it overrides messages of a language
// rolepack ships or adds a language, and generator/messages checks it.
func isCatalogue(p string) bool {
	tag, ok := strings.CutPrefix(p, TemplatesDir+"/messages/")
	if !ok {
		return false
	}
	tag, ok = strings.CutSuffix(tag, ".toml")
	return ok && languageTag.MatchString(tag)
}

// isLetterIn reports whether p is a letter template of a language,
// templates/letters/<language>/<letter>.md, for a letter rolepack has a
// default of: a pack writes its letters in a language rolepack ships no
// letters for (one it adds with templates/messages/) this way.
func isLetterIn(p string, valid []string) bool {
	rest, ok := strings.CutPrefix(p, TemplatesDir+"/letters/")
	if !ok {
		return false
	}
	tag, file, ok := strings.Cut(rest, "/")
	return ok && languageTag.MatchString(tag) && slices.Contains(valid, TemplatesDir+"/letters/"+file)
}
