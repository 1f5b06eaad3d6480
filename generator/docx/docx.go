// Package docx writes the controlled Roles, Responsibilities and
// Authorities document as a Word file, for reviewers who edit with tracked
// changes and comments. It holds the PDF's sections in the PDF's order,
// from the same view, as real Word structure: built-in heading styles, a
// contents field, tables whose header row repeats, Word lists, a running
// header and footer with page fields, and the version stamp in the
// document's custom properties.
//
// The WordprocessingML is written here, small and specific to this
// document; every string from the sources passes through esc.
package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"github.com/rolepack/rolepack/generator/document"
	"strings"
	"time"

	"github.com/rolepack/rolepack/generator/render"
	"github.com/rolepack/rolepack/generator/view"
)

// Language is the language tag of an English document (w:lang,
// dc:language): rolepack's English is British English.
const Language = "en-GB"

// LanguageTag is the document's language as Word records it: the view's
// language (v.Lang), English as Language.
func LanguageTag(v *view.View) string {
	if v.Lang == "" || v.Lang == "en" {
		return Language
	}
	return v.Lang
}

// langAttrs are the attributes of the w:lang element of the styles'
// default run properties and of w:themeFontLang: the language of the
// text. Chinese, Japanese and Korean are the language of East Asian text
// (w:eastAsia), with the Western text in the document (names, ids) in
// English, as Word's own Japanese and Chinese templates set it: a w:val
// of "ja" has word processors break Latin words anywhere.
func langAttrs(tag string) string {
	switch strings.SplitN(tag, "-", 2)[0] {
	case "ja", "zh", "ko":
		return `w:val="` + Language + `" w:eastAsia="` + tag + `"`
	}
	return `w:val="` + tag + `"`
}

// Custom property names that hold the version stamp (docProps/custom.xml),
// for a tool that checks which sources a copy was built from.
const (
	PropContentHash = "rolepack.content_hash"
	PropVersion     = "rolepack.version"
	PropStamp       = "rolepack.stamp"
	PropTool        = "rolepack.tool"
	PropBuildDate   = "rolepack.build_date"
	PropCommit      = "rolepack.commit"
	PropDocumentID  = "rolepack.document_id"
)

// Renderer writes the Word document.
type Renderer struct{}

// Name implements render.Renderer.
func (Renderer) Name() string { return "docx" }

// Files implements render.Renderer.
func (Renderer) Files() []string { return []string{view.WordFile} }

// Render implements render.Renderer.
func (Renderer) Render(ctx context.Context, v *view.View, w render.Writer) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	data, err := Document(v)
	if err != nil {
		return err
	}
	return w.WriteFile(view.WordFile, data)
}

// page is the geometry of a page, in twentieths of a point (twips).
type page struct {
	width, height            int
	left, right, top, bottom int
	header, footer           int
}

// pageOf returns the portrait page of the pack's paper size, with the
// PDF's margins (18 mm at the sides).
func pageOf(paper string) page {
	pg := page{width: 11906, height: 16838} // A4
	if paper == "letter" {
		pg = page{width: 12240, height: 15840}
	}
	pg.left, pg.right, pg.top, pg.bottom = 1021, 1021, 1474, 1588
	pg.header, pg.footer = 567, 567
	return pg
}

func (pg page) textWidth() int { return pg.width - pg.left - pg.right }

// turned is the page turned a quarter: landscape, with the same margins
// at its sides.
func (pg page) turned() page {
	t := pg
	t.width, t.height = pg.height, pg.width
	return t
}

// Document renders the controlled document of the view as a .docx. The
// same view gives the same bytes.
func Document(v *view.View) ([]byte, error) {
	if v == nil || v.Pack == nil {
		return nil, fmt.Errorf("docx: no pack")
	}
	pg := pageOf(v.Pack.Document.Paper)
	// The content is written first, to learn the sections the contents
	// field lists; the cover and contents go in front of it.
	d := document.Of(v)
	main := &writer{body: &body{width: pg.textWidth()}, v: v, page: pg}
	main.content(d)
	front := &writer{body: &body{width: pg.textWidth()}, v: v, page: pg}
	front.front(d, main.toc)

	var doc strings.Builder
	doc.WriteString(xmlHeader)
	doc.WriteString(`<w:document ` + wNS + `><w:body>`)
	doc.WriteString(front.b.String())
	doc.WriteString(main.b.String())
	doc.WriteString(main.sectPr(main.landscape))
	doc.WriteString(`</w:body></w:document>`)

	parts := []part{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"docProps/core.xml", coreProps(v)},
		{"docProps/custom.xml", customProps(v)},
		{"word/document.xml", doc.String()},
		{"word/_rels/document.xml.rels", documentRels(main.links)},
		{"word/styles.xml", styles(pg, LanguageTag(v))},
		{"word/numbering.xml", numbering(main.lists)},
		{"word/settings.xml", settings(LanguageTag(v))},
		{"word/header1.xml", header(v, pg)},
		{"word/footer1.xml", footer(v, pg)},
		{"word/header2.xml", header(v, pg.turned())},
		{"word/footer2.xml", footer(v, pg.turned())},
	}
	return pack(parts, v.Stamp.BuildDate)
}

// part is one file of the package.
type part struct{ name, data string }

// pack zips the parts in their given order, each with the same time, so
// that the bytes depend on nothing but the parts.
func pack(parts []part, when time.Time) ([]byte, error) {
	// A zip entry's time cannot be before 1980.
	if min := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC); when.Before(min) {
		when = min
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, p := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: when.UTC()})
		if err != nil {
			return nil, fmt.Errorf("docx: %w", err)
		}
		if _, err := fw.Write([]byte(p.data)); err != nil {
			return nil, fmt.Errorf("docx: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	return out.Bytes(), nil
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// wNS declares the namespaces of the parts of word/.
const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w10="urn:schemas-microsoft-com:office:word"`

const contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>` +
	`</Types>`

const packageRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>` +
	`</Relationships>`

func documentRels(links []string) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	for _, r := range [][3]string{
		{"rIdStyles", "styles", "styles.xml"}, {"rIdNumbering", "numbering", "numbering.xml"},
		{"rIdSettings", "settings", "settings.xml"}, {"rIdHeader", "header", "header1.xml"},
		{"rIdFooter", "footer", "footer1.xml"}, {"rIdHeaderL", "header", "header2.xml"},
		{"rIdFooterL", "footer", "footer2.xml"},
	} {
		b.WriteString(`<Relationship Id="` + r[0] + `" Type="` + rel + r[1] + `" Target="` + r[2] + `"/>`)
	}
	for i, l := range links {
		b.WriteString(`<Relationship Id="rIdLink` + itoa(i+1) + `" Type="` + rel + `hyperlink" Target="` + esc(l) + `" TargetMode="External"/>`)
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

// settings asks Word to update the fields (the contents' page numbers)
// when the document is opened. Word reads the elements of a part in the
// schema's order only, here as in every part.
func settings(lang string) string {
	return xmlHeader + `<w:settings ` + wNS + `>` +
		`<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>` +
		`<w:updateFields w:val="true"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
		`<w:themeFontLang ` + langAttrs(lang) + `/></w:settings>`
}

// w3cdtf formats a time as the core properties want it.
func w3cdtf(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

func coreProps(v *view.View) string {
	d, st := v.Pack.Document, v.Stamp
	when := w3cdtf(st.BuildDate)
	return xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(d.Title) + `</dc:title>` +
		`<dc:subject>` + esc(v.Words.Text("document.pdf.subject")) + `</dc:subject>` +
		`<dc:creator>` + esc(v.Pack.Organisation.Name) + `</dc:creator>` +
		`<cp:keywords>` + esc(v.Words.Text("document.pdf.keywords", "id", d.ID, "version", d.Version)) + `</cp:keywords>` +
		`<dc:identifier>` + esc(d.ID) + `</dc:identifier>` +
		`<dc:language>` + LanguageTag(v) + `</dc:language>` +
		`<cp:lastModifiedBy>` + esc(st.Tool) + `</cp:lastModifiedBy>` +
		`<cp:version>` + esc(d.Version) + `</cp:version>` +
		`<cp:contentStatus>` + esc(statusWord(v)) + `</cp:contentStatus>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + when + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + when + `</dcterms:modified>` +
		`</cp:coreProperties>`
}

// statusWord is the document's status as the core properties record it:
// "Draft" in English, the language's word in capitals otherwise (the
// catalogue's status words are capitals).
func statusWord(v *view.View) string {
	s := v.Pack.Document.Status
	if s == "" {
		return ""
	}
	if v.Lang != "" && v.Lang != "en" {
		return document.StatusWord(v)
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// customProps holds the version stamp, one property per field, so that a
// copy of the file says which sources and which build it came from.
func customProps(v *view.View) string {
	st := v.Stamp
	var b strings.Builder
	b.WriteString(xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`)
	for i, kv := range [][2]string{
		{PropContentHash, st.ContentHash}, {PropVersion, st.Version}, {PropStamp, st.String()},
		{PropTool, st.Tool}, {PropBuildDate, w3cdtf(st.BuildDate)}, {PropCommit, commit(st.Commit, st.Dirty)},
		{PropDocumentID, v.Pack.Document.ID},
	} {
		// The format id is the one every custom property set uses.
		fmt.Fprintf(&b, `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="%d" name="%s"><vt:lpwstr>%s</vt:lpwstr></property>`, i+2, kv[0], esc(kv[1]))
	}
	b.WriteString(`</Properties>`)
	return b.String()
}

func commit(c string, dirty bool) string {
	if c != "" && dirty {
		return c + "+dirty"
	}
	return c
}

// header is the running header: the title and, at the right margin, the
// document id and version. A draft's header also anchors the watermark, a
// VML text shape behind the page's text, as Word's own watermarks are.
func header(v *view.View, pg page) string {
	fu := document.NewFurniture(v, v.Pack.Document.Title)
	var b body
	b.pOpen("Header", `<w:tabs><w:tab w:val="clear" w:pos="4513"/><w:tab w:val="clear" w:pos="9026"/><w:tab w:val="right" w:pos="`+itoa(pg.textWidth())+`"/></w:tabs>`)
	if mark := fu.Watermark; mark != "" {
		b.raw(`<w:r>` + watermarkShape(mark, pg) + `</w:r>`)
	}
	b.runXML(plainRun(fu.HeaderLeft))
	b.raw("<w:r><w:tab/></w:r>")
	b.runXML(plainRun(fu.HeaderRight))
	b.raw("</w:p>")
	return xmlHeader + `<w:hdr ` + wNS + `>` + b.b.String() + `</w:hdr>`
}

// watermarkShape is a VML WordArt shape of plain text (shape type 136),
// turned 45 degrees and centred on the page's margins. The shape type's
// formulas are those of the standard plain-text WordArt shape.
func watermarkShape(mark string, pg page) string {
	widthPt := float64(pg.textWidth()) / 20
	heightPt := widthPt / float64(len(mark)) * 1.2
	return `<w:pict><v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">` +
		`<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>` +
		`<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>` +
		`<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>` +
		fmt.Sprintf(`<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;width:%.1fpt;height:%.1fpt;rotation:315;z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#c82828" stroked="f">`, widthPt, heightPt) +
		`<v:fill opacity=".15"/><v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt;font-weight:bold" string="` + esc(mark) + `"/>` +
		`<w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict>`
}

// footer is the running footer: version, status and classification with
// "Page X of Y" (PAGE and NUMPAGES fields) on the first line; the stamp
// and "Uncontrolled when printed" on the second.
func footer(v *view.View, pg page) string {
	fu := document.NewFurniture(v, v.Pack.Document.Title)
	tabs := `<w:tabs><w:tab w:val="clear" w:pos="4513"/><w:tab w:val="clear" w:pos="9026"/><w:tab w:val="right" w:pos="` + itoa(pg.textWidth()) + `"/></w:tabs>`
	var b body
	b.pOpen("Footer", tabs)
	b.runXML(plainRun(fu.FooterLeft))
	b.raw("<w:r><w:tab/></w:r>")
	// "Page X of Y" with Word's PAGE and NUMPAGES fields in place of the
	// numbers.
	// numbers, in the order the language puts them.
	page := document.PageOf(v.Words, "\x00", "\x01")
	for page != "" {
		k := strings.IndexAny(page, "\x00\x01")
		if k < 0 {
			b.runXML(plainRun(page))
			break
		}
		if k > 0 {
			b.runXML(plainRun(page[:k]))
		}
		field := " PAGE "
		if page[k] == 1 {
			field = " NUMPAGES "
		}
		b.raw(`<w:fldSimple w:instr="` + field + `"><w:r><w:t>1</w:t></w:r></w:fldSimple>`)
		page = page[k+1:]
	}
	b.raw("</w:p>")
	b.pOpen("Footer", tabs)
	b.runXML(plainRun(fu.Stamp))
	b.raw("<w:r><w:tab/></w:r>")
	b.runXML(plainRun(fu.Uncontrolled))
	b.raw("</w:p>")
	return xmlHeader + `<w:ftr ` + wNS + `>` + b.b.String() + `</w:ftr>`
}
