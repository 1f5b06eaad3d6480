package docx

import (
	"fmt"
	"strings"
)

// Colours of the document's own text, as in the PDF.
const (
	headingColour = "14325F"
	quietColour   = "5A5A5A"
	borderColour  = "AAB2BE"
)

// styles returns word/styles.xml. Headings are Word's built-in heading
// styles (style ids Heading1–3, names "heading 1"–"heading 3", outline
// levels 0–2), so the navigation pane, the contents field and other tools
// recognise them; the contents entries are the built-in "toc 1" and
// "toc 2".
func styles(pg page, lang string) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:styles ` + wNS + `>`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:lang ` + langAttrs(lang) + `/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="100" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	para := func(id, name, basedOn, pPr, rPr string, extra string) {
		b.WriteString(`<w:style w:type="paragraph"`)
		if id == "Normal" {
			b.WriteString(` w:default="1"`)
		}
		b.WriteString(` w:styleId="` + id + `"><w:name w:val="` + name + `"/>`)
		if basedOn != "" {
			b.WriteString(`<w:basedOn w:val="` + basedOn + `"/>`)
		}
		b.WriteString(extra)
		if pPr != "" {
			b.WriteString(`<w:pPr>` + pPr + `</w:pPr>`)
		}
		if rPr != "" {
			b.WriteString(`<w:rPr>` + rPr + `</w:rPr>`)
		}
		b.WriteString(`</w:style>`)
	}
	const next = `<w:next w:val="Normal"/>`
	const builtIn = `<w:uiPriority w:val="9"/><w:qFormat/>`
	para("Normal", "Normal", "", "", "", `<w:qFormat/>`)
	para("Title", "Title", "Normal", `<w:spacing w:before="1800" w:after="240"/>`, `<w:b/><w:color w:val="`+headingColour+`"/><w:sz w:val="44"/><w:szCs w:val="44"/>`, next+`<w:qFormat/>`)
	para("Subtitle", "Subtitle", "Normal", `<w:spacing w:after="160"/>`, `<w:sz w:val="24"/><w:szCs w:val="24"/>`, next+`<w:qFormat/>`)
	para("ControlHeading", "Document Control Heading", "Normal", `<w:keepNext/><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr><w:spacing w:before="480" w:after="160"/>`, `<w:b/><w:sz w:val="22"/>`, next)
	for level, size := range []int{32, 26, 21} {
		n := itoa(level + 1)
		para("Heading"+n, "heading "+n, "Normal",
			fmt.Sprintf(`<w:keepNext/><w:keepLines/><w:spacing w:before="%d" w:after="120"/><w:outlineLvl w:val="%d"/>`, []int{360, 300, 200}[level], level),
			fmt.Sprintf(`<w:b/><w:color w:val="%s"/><w:sz w:val="%d"/><w:szCs w:val="%d"/>`, headingColour, size, size), next+builtIn)
	}
	para("TOCHeading", "TOC Heading", "Heading1", `<w:outlineLvl w:val="9"/>`, "", next+`<w:uiPriority w:val="39"/><w:qFormat/>`)
	para("TOC1", "toc 1", "Normal", `<w:spacing w:before="80" w:after="40"/>`, `<w:b/>`, next+`<w:uiPriority w:val="39"/>`)
	para("TOC2", "toc 2", "Normal", `<w:spacing w:after="20"/><w:ind w:left="284"/>`, "", next+`<w:uiPriority w:val="39"/>`)
	para("Header", "header", "Normal", `<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="B4B4B4"/></w:pBdr><w:spacing w:after="0"/>`, `<w:color w:val="`+quietColour+`"/><w:sz w:val="16"/><w:szCs w:val="16"/>`, "")
	para("Footer", "footer", "Normal", `<w:spacing w:after="0"/>`, `<w:color w:val="`+quietColour+`"/><w:sz w:val="15"/><w:szCs w:val="15"/>`, "")
	para("ListParagraph", "List Paragraph", "Normal", `<w:spacing w:after="40"/><w:ind w:left="720"/><w:contextualSpacing/>`, "", `<w:uiPriority w:val="34"/><w:qFormat/>`)
	para("Label", "Label", "Normal", `<w:tabs><w:tab w:val="left" w:pos="2552"/></w:tabs><w:spacing w:after="40"/><w:ind w:left="2552" w:hanging="2552"/>`, "", "")
	para("Meta", "Role Details", "Normal", "", `<w:i/><w:sz w:val="18"/><w:szCs w:val="18"/>`, "")
	para("TableText", "Table Text", "Normal", `<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>`, `<w:sz w:val="17"/><w:szCs w:val="17"/>`, "")
	para("TableGap", "Table Gap", "Normal", `<w:spacing w:after="60" w:line="240" w:lineRule="auto"/>`, `<w:sz w:val="8"/><w:szCs w:val="8"/>`, "")
	para("SignRole", "Signatory", "Normal", `<w:keepNext/><w:spacing w:before="600" w:after="120"/>`, `<w:b/><w:sz w:val="22"/>`, "")
	para("SignLine", "Signature Line", "Normal", `<w:keepNext/><w:tabs><w:tab w:val="left" w:pos="1701"/><w:tab w:val="left" w:leader="underscore" w:pos="`+itoa(min(7371, pg.textWidth()))+`"/></w:tabs><w:spacing w:before="360" w:after="0"/>`, "", "")

	b.WriteString(`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>`)
	b.WriteString(`<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:color w:val="1F4F8F"/><w:u w:val="single"/></w:rPr></w:style>`)
	b.WriteString(`<w:style w:type="character" w:styleId="Code"><w:name w:val="Code"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/><w:sz w:val="18"/></w:rPr></w:style>`)
	b.WriteString(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	border := `w:val="single" w:sz="4" w:space="0" w:color="` + borderColour + `"`
	b.WriteString(`<w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>` +
		`<w:top ` + border + `/><w:left ` + border + `/><w:bottom ` + border + `/><w:right ` + border + `/><w:insideH ` + border + `/><w:insideV ` + border + `/>` +
		`</w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`</w:styles>`)
	return b.String()
}

// numbering returns word/numbering.xml: one bulleted list definition
// (instance bulletNum) and one decimal definition, with an instance per
// ordered list that restarts at its start number (starts[i] for instance
// firstOrderedNum+i).
func numbering(starts []int) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:numbering ` + wNS + `>`)
	for id, kind := range []string{"bullet", "decimal"} {
		b.WriteString(`<w:abstractNum w:abstractNumId="` + itoa(id) + `"><w:multiLevelType w:val="hybridMultilevel"/>`)
		for l := 0; l <= maxListLevel; l++ {
			text := "%" + itoa(l+1) + "."
			if kind == "bullet" {
				text = []string{"•", "–"}[l%2]
			}
			fmt.Fprintf(&b, `<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="%d" w:hanging="360"/></w:pPr></w:lvl>`,
				l, kind, text, listIndent(l))
		}
		b.WriteString(`</w:abstractNum>`)
	}
	b.WriteString(`<w:num w:numId="` + itoa(bulletNum) + `"><w:abstractNumId w:val="0"/></w:num>`)
	for i, start := range starts {
		b.WriteString(`<w:num w:numId="` + itoa(firstOrderedNum+i) + `"><w:abstractNumId w:val="1"/>`)
		for l := 0; l <= maxListLevel; l++ {
			fmt.Fprintf(&b, `<w:lvlOverride w:ilvl="%d"><w:startOverride w:val="%d"/></w:lvlOverride>`, l, max(start, 0))
		}
		b.WriteString(`</w:num>`)
	}
	b.WriteString(`</w:numbering>`)
	return b.String()
}
