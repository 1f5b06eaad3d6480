package pipeline_test

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/view"
)

// wordBlock is a paragraph (its style and text) or a table (its cells'
// text, row by row) of the Word file's body, in document order.
type wordBlock struct {
	style, text string
	rows        [][]string
}

// wordBlocks reads the body of the Word file's document.xml. Nested
// tables do not occur in rolepack's documents; a cell's paragraphs are
// joined by line breaks.
func wordBlocks(t *testing.T, path string) []wordBlock {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var doc io.ReadCloser
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			if doc, err = f.Open(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if doc == nil {
		t.Fatal("no word/document.xml")
	}
	defer doc.Close()
	var (
		blocks            []wordBlock
		para, style, cell strings.Builder
		row               []string
		table             [][]string
		inTable, inText   bool
	)
	d := xml.NewDecoder(doc)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "tbl":
				inTable, table = true, nil
			case "tr":
				row = nil
			case "tc":
				cell.Reset()
			case "p":
				para.Reset()
				style.Reset()
			case "pStyle":
				for _, a := range e.Attr {
					if a.Name.Local == "val" {
						style.WriteString(a.Value)
					}
				}
			case "t":
				inText = true
			case "tab":
				para.WriteByte('\t')
			case "br":
				para.WriteByte('\n')
			}
		case xml.CharData:
			if inText {
				para.Write(e)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "t":
				inText = false
			case "p":
				if inTable {
					if cell.Len() > 0 {
						cell.WriteByte('\n')
					}
					cell.WriteString(para.String())
				} else {
					blocks = append(blocks, wordBlock{style: style.String(), text: para.String()})
				}
			case "tc":
				row = append(row, cell.String())
			case "tr":
				table = append(table, row)
			case "tbl":
				inTable = false
				blocks = append(blocks, wordBlock{rows: table})
			}
		}
	}
	return blocks
}

var (
	wordRoleHeading = regexp.MustCompile(`^3\.\d+ (.+)$`)
	// A holder's cell: the name, then "(external, company)" for an
	// external party and "(left date)" for a former holder.
	wordExternal = regexp.MustCompile(` \(external, [^()]*\)`)
)

// factsFromWord reads the Word file's role sections (holders and deputies
// from each role's Holders table), competence summary (who is in the
// matrix, in order) and training plan.
func factsFromWord(t *testing.T, out string, ref facts) facts {
	blocks := wordBlocks(t, filepath.Join(out, view.WordFile))
	got := facts{holders: map[string][]string{}, deputies: map[[2]string]string{}}
	roleID, personID := byName(ref.roleName), byName(ref.personName)
	person := func(name string) string {
		id, ok := personID[strings.Join(strings.Fields(name), " ")]
		if !ok || id == "" {
			t.Errorf("word: %q names no one, or two people", name)
		}
		return id
	}
	// nextTable returns the first table after block i, before the next
	// heading of level 1 or 2.
	nextTable := func(i int) [][]string {
		for _, b := range blocks[i+1:] {
			if b.rows != nil {
				return b.rows
			}
			if b.style == "Heading1" || b.style == "Heading2" {
				return nil
			}
		}
		return nil
	}
	role := ""
	for i, b := range blocks {
		switch {
		case b.style == "Heading1":
			role = ""
		case b.style == "Heading2":
			role = ""
			if m := wordRoleHeading.FindStringSubmatch(b.text); m != nil {
				role = roleID[m[1]]
				if role == "" {
					t.Errorf("word: heading %q names no role, or two", b.text)
				}
			}
		case role != "" && b.style == "Heading3" && b.text == "Holders":
			rows := nextTable(i)
			for _, r := range rows[min(1, len(rows)):] { // the first row is the header
				if len(r) != 4 {
					t.Errorf("word: role %s: a holders row of %d cells: %q", role, len(r), r)
					continue
				}
				if strings.Contains(r[0], " (left ") {
					continue // a former holder
				}
				holder := person(wordExternal.ReplaceAllString(r[0], ""))
				got.holders[role] = append(got.holders[role], holder)
				if d := r[3]; d != "—" && !strings.HasSuffix(d, " (left)") {
					got.deputies[[2]string{role, holder}] = person(d)
				}
			}
			slices.Sort(got.holders[role])
		case b.style == "Heading3" && (b.text == "Competence summary (held/required)" || b.text == "Training plan" || b.text == "Findings"):
			// All staff read the Word file: no person's levels, gaps or
			// training, and no finding with its place and fix (#30).
			t.Errorf("word: a section %q", b.text)
		}
	}
	return got
}
