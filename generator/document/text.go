package document

import (
	"fmt"
	"strings"

	"github.com/rolepack/rolepack/generator/view"
)

// Text is the document as plain text, one block after another, each
// marked with its kind: what the document says, without typesetting. The
// tests keep it as a golden file per test pack, and compare each writer's
// output with it.
func (d *Document) Text() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("[cover]\n%s\n%s\n%s\n", d.Cover.Organisation, d.Cover.Title, d.Cover.Subtitle)
	if d.Cover.Notice != "" {
		w("[notice] %s\n", d.Cover.Notice)
	}
	w("[fields] %s\n", d.Cover.ControlTitle)
	for _, f := range d.Cover.Control {
		w("  %s: %s\n", f.Label, f.Value)
	}
	w("[contents] %s\n", d.Contents)
	for _, h := range d.Headings() {
		w("  %s%s\n", strings.Repeat("  ", h.Level-1), h.Text)
	}
	writeBlocks(&b, d.Body, "")
	return b.String()
}

// Text is the sheet as plain text, for tests.
func (s *Sheet) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "[banner] %s\n[title] %s\n", s.Banner, s.Title)
	if s.Notice != "" {
		fmt.Fprintf(&b, "[notice] %s\n", s.Notice)
	}
	writeBlocks(&b, s.Body, "")
	fmt.Fprintf(&b, "[statement] %s\n", s.Statement)
	writeBlocks(&b, []Block{&Signatures{Signers: []Signer{s.Signer}}}, "")
	return b.String()
}

// Text is the letter as plain text, for tests.
func (l *Letter) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "[title] %s\n", l.Title)
	if l.Notice != "" {
		fmt.Fprintf(&b, "[notice] %s\n", l.Notice)
	}
	writeBlocks(&b, l.Body, "")
	writeBlocks(&b, []Block{&Signatures{Signers: l.Signers[:]}}, "")
	return b.String()
}

// Headings are the headings the contents list: levels 1 and 2.
func (d *Document) Headings() []*Heading {
	var out []*Heading
	for _, bl := range d.Body {
		if h, ok := bl.(*Heading); ok && h.Level <= 2 {
			out = append(out, h)
		}
	}
	return out
}

func writeBlocks(b *strings.Builder, blocks []Block, indent string) {
	w := func(format string, args ...any) { b.WriteString(indent); fmt.Fprintf(b, format, args...) }
	for _, bl := range blocks {
		switch x := bl.(type) {
		case *Heading:
			w("%s %s\n", strings.Repeat("#", x.Level), x.Text)
		case *PageBreak:
			if x.Landscape {
				w("[page landscape]\n")
			} else {
				w("[page]\n")
			}
		case *Paragraph:
			style := map[Style]string{Body: "", Meta: "[meta] ", Notice: "[notice] ", Indented: "[indented] "}[x.Style]
			w("%s%s\n", style, RunsText(x.Runs))
		case *List:
			for i, item := range x.Items {
				marker := "-"
				if x.Ordered {
					marker = fmt.Sprintf("%d.", x.Start+i)
				}
				if len(item) == 1 {
					if p, ok := item[0].(*Paragraph); ok && p.Style == Body {
						w("%s %s\n", marker, RunsText(p.Runs))
						continue
					}
				}
				w("%s\n", marker)
				writeBlocks(b, item, indent+"  ")
			}
		case *Fields:
			for _, f := range x.Fields {
				w("%s: %s\n", f.Label, f.Value)
			}
		case *Table:
			var head []string
			for _, c := range x.Columns {
				head = append(head, c.Title+" ("+kindNames[c.Kind]+")")
			}
			w("[table] %s\n", strings.Join(head, " | "))
			for _, r := range x.Rows {
				w("  | %s\n", strings.ReplaceAll(strings.Join(r, " | "), "\n", " / "))
			}
		case *Legend:
			var l []string
			for i, c := range x.Letters {
				l = append(l, c.Text+" = "+x.Names[i])
			}
			w("[legend] %s\n", strings.Join(l, ", "))
		case *Grid:
			w("[grid] %s | %s | %s\n", x.ActivityTitle, x.ClauseTitle, strings.Join(x.Roles, " | "))
			for _, g := range x.Groups {
				w("  [group] %s\n", g.Process)
				for _, r := range g.Rows {
					var cells []string
					for _, c := range r.Cells {
						cells = append(cells, OrDash(c.Text))
					}
					w("  | %s | %s | %s\n", r.Activity, r.Clause, strings.Join(cells, " "))
				}
			}
		case *Chart:
			w("[chart]\n")
			var walk func(ns []*view.ChartNode, depth int)
			walk = func(ns []*view.ChartNode, depth int) {
				for _, n := range ns {
					w("  %s%s — %s\n", strings.Repeat("  ", depth), n.Role.Name, n.Role.HolderSummary())
					walk(n.Children, depth+1)
				}
			}
			walk(x.Chart.Roots, 0)
		case *Signatures:
			for _, s := range x.Signers {
				w("[signature] %s\n", s.Role)
				if s.Capacity != "" {
					w("  (%s)\n", s.Capacity)
				}
				for _, l := range s.Lines {
					w("  %s: %s\n", l.Label, l.Value)
				}
			}
		default:
			w("[unknown block %T]\n", bl)
		}
	}
}

var kindNames = map[Kind]string{Text: "text", Name: "name", Date: "date", Token: "token", Number: "number", RACILetter: "letter"}

// RunsText is the text of runs, as a reader reads it.
func RunsText(runs []Run) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return strings.TrimSpace(b.String())
}
