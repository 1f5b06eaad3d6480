package ackservice

import (
	"encoding/csv"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/textsafe"
)

// Link is one person's personal link.
type Link struct {
	Person  *model.Person
	URL     string
	Token   Token
	Expires time.Time
}

// TextLanguage is the language a pack's text is written in, the
// language of its links.
func TextLanguage(p *model.Pack) string {
	if p.TextLanguage != "" {
		return p.TextLanguage
	}
	return p.Language
}

// CheckBaseURL refuses a base URL that is not an absolute http(s) URL
// without query or fragment.
func CheckBaseURL(base string) (*url.URL, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, fmt.Errorf("--base-url %q is not an http or https URL without query, fragment or user (for example https://acks.intranet.example/)", base)
	}
	return u, nil
}

// Links makes a link for each of people to acknowledge the current
// version of p, in the pack's text language, valid until expires. base is
// the service's public URL; a link is base + "a/" + the token.
func Links(p *model.Pack, people []*model.Person, secret []byte, base *url.URL, expires time.Time) []Link {
	lang := TextLanguage(p)
	prefix := strings.TrimSuffix(base.String(), "/") + "/a/"
	var links []Link
	for _, person := range people {
		digest, ok := p.AckDigestIn(person, lang)
		if !ok {
			continue
		}
		t := Token{Person: person.ID, Document: p.Document.ID, Version: p.Document.Version, Language: lang, Text: digest, Expires: expires.Unix(), ID: NewID()}
		links = append(links, Link{Person: person, URL: prefix + Sign(secret, t), Token: t, Expires: expires.UTC()})
	}
	return links
}

// WriteCSV writes links as a CSV for mail-merge: a header, then name,
// e-mail, link and expiry (UTC, to the second) a row. A cell that a
// spreadsheet would take for a formula (beginning with = + - @, a tab or
// a carriage return) gets a leading apostrophe.
func WriteCSV(w io.Writer, links []Link) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"name", "email", "link", "expires"}); err != nil {
		return err
	}
	for _, l := range links {
		row := []string{l.Person.Name, l.Person.Email, l.URL, l.Expires.Format(time.RFC3339)}
		for i := range row {
			row[i] = textsafe.CSVCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
