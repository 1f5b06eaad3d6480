package importxlsx

import (
	"archive/zip"
	"encoding/xml"
	"regexp"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/xlsx"
)

// How the import knows a workbook rolepack built. rolepack records its
// stamp and language as custom document properties (docProps/custom.xml),
// which not every program keeps when it saves the workbook (openpyxl drops
// them). The stamp is also printed on the document-control sheet, and the
// sheets are named in the workbook's language, so a workbook without the
// properties is recognised by what it shows: its language by the sheet
// names of the catalogues (the pack's own, then every shipped one), its
// content hash by its form on that sheet.

// contentHashProperty is the custom property that records the content hash.
const contentHashProperty = "rolepack.content_hash"

// customProps reads rolepack's custom document properties (name → value)
// from the first docProps/custom.xml of the archive, before excelize opens
// it; none when the workbook has none or they do not parse.
func customProps(data []byte) map[string]string {
	out := map[string]string{}
	zr, err := newZip(data)
	if err != nil {
		return out
	}
	i := slices.IndexFunc(zr.File, func(f *zip.File) bool { return partName(f.Name) == customPropsPart })
	if i < 0 {
		return out
	}
	props := map[string]string{}
	name := ""
	err = walk(zr.File[i], "part "+quote(customPropsPart), func(tok xml.Token, depth int) error {
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 2 {
				name = ""
				if n, _ := attr(t, "name"); t.Name.Local == "property" && strings.HasPrefix(n, "rolepack.") {
					name = n
				}
			}
		case xml.EndElement:
			if depth == 2 {
				name = ""
			}
		case xml.CharData:
			if name != "" && depth == 3 {
				props[name] += string(t)
			}
		}
		return nil
	})
	if err != nil {
		return out
	}
	for k, v := range props {
		if v = strings.TrimSpace(v); v != "" {
			out[k] = v
		}
	}
	return out
}

// sheetsOf lists the names of the workbook's sheets; none when its
// workbook part cannot be read (the damage check then says why).
func sheetsOf(data []byte) []string {
	zr, err := newZip(data)
	if err != nil {
		return nil
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[partName(f.Name)] = f
	}
	_, listed, err := listSheets(parts)
	if err != nil {
		return nil
	}
	names := make([]string, len(listed))
	for i, s := range listed {
		names[i] = s.name
	}
	return names
}

// catalogue is the catalogue of lang the pack builds with: the shipped
// one with the pack's overrides, or rolepack's own words when the pack's
// no longer load.
func catalogue(p *model.Pack, lang string) *messages.Catalogue {
	words, err := messages.Load(lang, p.Templates())
	if err != nil {
		return messages.Builtin(lang)
	}
	return words
}

// languageOf is the language of the workbook's fixed words: the one it
// records (xlsx.LanguageProperty), else the first of the pack's languages
// and then of the shipped ones whose names of the document-control sheet,
// the role register and the RACI sheet the workbook all has. A workbook
// that records none and matches none is read as English, as an older
// rolepack's workbook is.
func languageOf(p *model.Pack, props map[string]string, sheets []string) (string, *messages.Catalogue) {
	if lang := props[xlsx.LanguageProperty]; lang != "" {
		return lang, catalogue(p, lang)
	}
	has := func(name string) bool {
		return slices.ContainsFunc(sheets, func(s string) bool { return strings.EqualFold(s, name) })
	}
	seen := map[string]bool{}
	for _, lang := range slices.Concat(p.Languages, messages.Languages()) {
		if seen[lang] {
			continue
		}
		seen[lang] = true
		words := catalogue(p, lang)
		names := xlsx.SheetNames(words)
		if has(names[sheetIndex(xlsx.SheetDocument)]) && has(names[sheetIndex(xlsx.SheetRegister)]) && has(names[sheetIndex(xlsx.SheetRACI)]) {
			return lang, words
		}
	}
	return messages.Reference, catalogue(p, messages.Reference)
}

func sheetIndex(sheet string) int { return slices.Index(xlsx.Sheets, sheet) }

// contentHashForm is how a content hash is written: 64 hex digits.
var contentHashForm = regexp.MustCompile(`^[0-9a-f]{64}$`)

// printedHash is the content hash printed on the document-control sheet:
// the value beside the label words gives it (workbook.stamp.content_hash),
// else the one value of the sheet that has a content hash's form; "" when
// there is none, or several that differ.
func printedHash(f *excelize.File, sheet string, words *messages.Catalogue) string {
	rows, err := readRows(f, sheet)
	if err != nil {
		return ""
	}
	label := words.Text("workbook.stamp.content_hash")
	var found []string
	for _, row := range rows {
		for i, cell := range row {
			cell = strings.TrimSpace(cell)
			if !contentHashForm.MatchString(cell) {
				continue
			}
			if i > 0 && strings.TrimSpace(row[0]) == label {
				return cell
			}
			if !slices.Contains(found, cell) {
				found = append(found, cell)
			}
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	return ""
}
