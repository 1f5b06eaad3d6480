// Package verify tells, for a file rolepack built — the PDF, the workbook,
// the Word document or a site page — which version of the sources it came
// from, read from the stamp embedded in it, and whether that is the
// current version, a superseded one, or unknown. It works offline.
package verify

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/internal/safefile"
)

// Token is the prefix of the stamp rolepack embeds in its PDFs (in the
// document information, RolepackStamp and Keywords) and site pages (a meta
// element); see stamp.Stamp.Token.
const Token = stamp.TokenPrefix

// Embedded is the stamp found in a file.
type Embedded struct {
	ContentHash string // SHA-256 of the sources, hex
	Version     string // the document version
}

// ParseToken reads a token made by stamp.Stamp.Token out of s.
func ParseToken(s string) (Embedded, bool) {
	i := strings.Index(s, Token)
	if i < 0 {
		return Embedded{}, false
	}
	m := tokenRE.FindStringSubmatch(s[i:])
	if m == nil {
		return Embedded{}, false
	}
	v, err := url.QueryUnescape(m[2])
	if err != nil {
		return Embedded{}, false
	}
	return Embedded{ContentHash: m[1], Version: v}, true
}

var tokenRE = regexp.MustCompile(`^rolepack-stamp:([0-9a-f]{64}):([A-Za-z0-9%._~+-]*)`)

// Limits on a file to verify, far above what rolepack builds (the L
// synthetic pack's largest page is 12 MB, its PDF 6 MB, its workbook and
// Word file 0.5 MB). A PDF or page is read in one allocation of its size
// and searched in place. An Office file's zip directory costs about three
// times the file's size to read, so it gets the limit of the workbook
// import (importxlsx.MaxWorkbookBytes).
const (
	maxFile   = 512 << 20
	maxOffice = 64 << 20
)

// maxToken bounds the stretch of a file after the token's prefix that is
// parsed for it: the hash and an escaped version.
const maxToken = 8 << 10

// ErrNoStamp is returned for a file with no rolepack stamp in it.
var ErrNoStamp = errors.New("no rolepack stamp found: not built by rolepack, or built by a version before stamps were embedded")

// Read returns the stamp embedded in the file at path, judged by its
// extension: .pdf, .xlsx, .docx, .html. A named pipe, a device, a
// directory or a file over the limit is refused from its type and size,
// before anything is read (internal/safefile). Errors other than
// ErrNoStamp name the path.
func Read(path string) (Embedded, error) {
	ext := strings.ToLower(filepath.Ext(path))
	limit := int64(maxFile)
	switch ext {
	case ".pdf", ".html", ".htm":
	case ".xlsx", ".docx":
		limit = maxOffice
	default:
		return Embedded{}, fmt.Errorf("%s: not a file rolepack builds (.pdf, .xlsx, .docx or .html)", path)
	}
	data, err := safefile.ReadFile(path, limit)
	if err != nil {
		return Embedded{}, err
	}
	e, err := parse(ext, data)
	if err != nil && err != ErrNoStamp {
		err = fmt.Errorf("%s: %w", path, err)
	}
	return e, err
}

// parse reads the stamp out of a file's bytes, by its extension.
func parse(ext string, data []byte) (Embedded, error) {
	switch ext {
	case ".pdf":
		return fromPDF(data)
	case ".xlsx", ".docx":
		return fromOffice(data)
	}
	if e, ok := tokenIn(data); ok {
		return e, nil
	}
	return Embedded{}, ErrNoStamp
}

// tokenIn is ParseToken on bytes, without copying the whole file into a
// string.
func tokenIn(data []byte) (Embedded, bool) {
	i := bytes.Index(data, []byte(Token))
	if i < 0 {
		return Embedded{}, false
	}
	return ParseToken(string(data[i:min(len(data), i+maxToken)]))
}

// fromPDF finds the token in the document information dictionary, written
// as a PDF string in plain bytes or in UTF-16 with its byte-order mark
// (as the PDF writer writes text beyond ASCII).
func fromPDF(data []byte) (Embedded, error) {
	if e, ok := tokenIn(data); ok {
		return e, nil
	}
	// UTF-16BE: every ASCII byte preceded by a zero.
	var wide bytes.Buffer
	for _, b := range []byte(Token) {
		wide.WriteByte(0)
		wide.WriteByte(b)
	}
	i := bytes.Index(data, wide.Bytes())
	if i < 0 {
		return Embedded{}, ErrNoStamp
	}
	var units []uint16
	for j := i; j+1 < len(data) && len(units) < 512; j += 2 {
		if data[j] == '\\' || data[j+1] == '\\' {
			break // an escape: the token is ASCII and needs none
		}
		u := uint16(data[j])<<8 | uint16(data[j+1])
		if u == ')' {
			break
		}
		units = append(units, u)
	}
	if e, ok := ParseToken(string(utf16.Decode(units))); ok {
		return e, nil
	}
	return Embedded{}, ErrNoStamp
}

// fromOffice reads the rolepack.* custom properties of a workbook or Word
// document (docProps/custom.xml).
func fromOffice(data []byte) (Embedded, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Embedded{}, fmt.Errorf("not a readable Office file: %v", err)
	}
	// Only the first docProps/custom.xml: an Office file has one, and
	// thousands of copies would each be inflated.
	i := slices.IndexFunc(zr.File, func(f *zip.File) bool { return f.Name == "docProps/custom.xml" })
	if i < 0 {
		return Embedded{}, ErrNoStamp
	}
	f := zr.File[i]
	if f.UncompressedSize64 > maxProps {
		return Embedded{}, errors.New("docProps/custom.xml is too large")
	}
	rc, err := f.Open()
	if err != nil {
		return Embedded{}, fmt.Errorf("docProps/custom.xml: %v", err)
	}
	defer rc.Close()
	var props struct {
		Props []struct {
			Name  string `xml:"name,attr"`
			Inner []struct {
				Text string `xml:",chardata"`
			} `xml:",any"`
		} `xml:"property"`
	}
	// The declared size may lie: what is inflated is bounded too.
	if err := xml.NewDecoder(io.LimitReader(rc, maxProps)).Decode(&props); err != nil {
		return Embedded{}, fmt.Errorf("docProps/custom.xml: %v", err)
	}
	var e Embedded
	for _, p := range props.Props {
		var val strings.Builder
		for _, in := range p.Inner {
			val.WriteString(in.Text)
		}
		switch p.Name {
		case "rolepack.content_hash":
			e.ContentHash = strings.TrimSpace(val.String())
		case "rolepack.version":
			e.Version = strings.TrimSpace(val.String())
		}
	}
	if e.ContentHash == "" {
		return Embedded{}, ErrNoStamp
	}
	return e, nil
}

// maxProps bounds docProps/custom.xml; rolepack writes a few hundred bytes.
const maxProps = 1 << 20

// Verdicts.
const (
	Current    = "current"    // built from the sources as they are
	Superseded = "superseded" // an earlier version of the document
	Unknown    = "unknown"    // not a version the sources know
)

// Pack is what Judge needs to know of the current sources.
type Pack struct {
	ContentHash string
	Version     string
	Status      string   // draft, approved, superseded
	Versions    []string // the revision history's versions, oldest first
}

// Judgement is the verdict on a file and the sentence that explains it.
type Judgement struct {
	Verdict string
	Message string
}

// Judge compares a file's stamp with the current sources.
func Judge(e Embedded, cur Pack) Judgement {
	switch {
	case e.ContentHash == cur.ContentHash && cur.Status == "approved":
		return Judgement{Current, fmt.Sprintf("current: version %s, approved, built from the sources as they are (content %s)", e.Version, short(e.ContentHash))}
	case e.ContentHash == cur.ContentHash:
		return Judgement{Current, fmt.Sprintf("current sources, but version %s is %s, not approved: not a controlled copy (content %s)", e.Version, orUnset(cur.Status), short(e.ContentHash))}
	}
	idx := func(v string) int {
		for i, x := range cur.Versions {
			if x == v {
				return i
			}
		}
		return -1
	}
	i := idx(e.Version)
	switch {
	case e.Version == cur.Version:
		return Judgement{Unknown, fmt.Sprintf("version %s, like the current sources, but built from other content (%s, the sources are %s): the sources changed without a new version, or the file is not from these sources", e.Version, short(e.ContentHash), short(cur.ContentHash))}
	case i >= 0 && i+1 < len(cur.Versions):
		return Judgement{Superseded, fmt.Sprintf("superseded: version %s was superseded by version %s; the current version is %s", e.Version, cur.Versions[i+1], cur.Version)}
	case i >= 0:
		return Judgement{Superseded, fmt.Sprintf("superseded: version %s; the current version is %s", e.Version, cur.Version)}
	}
	return Judgement{Unknown, fmt.Sprintf("unknown: version %s (content %s) is not in these sources' revision history", e.Version, short(e.ContentHash))}
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

func orUnset(s string) string {
	if s == "" {
		return "unset"
	}
	return s
}
