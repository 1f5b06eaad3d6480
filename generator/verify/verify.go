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
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf16"

	"github.com/rolepack/rolepack/generator/stamp"
)

// Token is the prefix of the stamp rolepack embeds in its PDFs (in the
// Keywords) and site pages (a meta element); see stamp.Stamp.Token.
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

// maxFile bounds what is read of a file to verify.
const maxFile = 512 << 20

// ErrNoStamp is returned for a file with no rolepack stamp in it.
var ErrNoStamp = errors.New("no rolepack stamp found: not built by rolepack, or built by a version before stamps were embedded")

// Read returns the stamp embedded in the file at path, judged by its
// extension: .pdf, .xlsx, .docx, .html.
func Read(path string) (Embedded, error) {
	f, err := os.Open(path)
	if err != nil {
		return Embedded{}, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err != nil {
		return Embedded{}, err
	}
	if len(data) > maxFile {
		return Embedded{}, fmt.Errorf("file is larger than %d MiB", maxFile>>20)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		return fromPDF(data)
	case ".xlsx", ".docx":
		return fromOffice(data)
	case ".html", ".htm":
		if e, ok := ParseToken(string(data)); ok {
			return e, nil
		}
		return Embedded{}, ErrNoStamp
	}
	return Embedded{}, fmt.Errorf("%s: not a file rolepack builds (.pdf, .xlsx, .docx or .html)", filepath.Base(path))
}

// fromPDF finds the token in the document information dictionary, written
// as a PDF string in plain bytes or in UTF-16 (as fpdf writes text).
func fromPDF(data []byte) (Embedded, error) {
	if e, ok := ParseToken(string(data)); ok {
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
	for _, f := range zr.File {
		if f.Name != "docProps/custom.xml" {
			continue
		}
		if f.UncompressedSize64 > 1<<20 {
			return Embedded{}, errors.New("docProps/custom.xml is too large")
		}
		rc, err := f.Open()
		if err != nil {
			return Embedded{}, err
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
		if err := xml.NewDecoder(io.LimitReader(rc, 1<<20)).Decode(&props); err != nil {
			return Embedded{}, err
		}
		var e Embedded
		for _, p := range props.Props {
			val := ""
			for _, in := range p.Inner {
				val += in.Text
			}
			switch p.Name {
			case "rolepack.content_hash":
				e.ContentHash = strings.TrimSpace(val)
			case "rolepack.version":
				e.Version = strings.TrimSpace(val)
			}
		}
		if e.ContentHash != "" {
			return e, nil
		}
	}
	return Embedded{}, ErrNoStamp
}

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
