package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
)

// AckTextVersion names the form of AckText. It is the first line of the
// text, so a digest made by one form is never taken for another's: a
// change of form changes every digest, and is a change of this constant.
const AckTextVersion = "rolepack acknowledgement text 1"

// AckText is what a person acknowledges: their duties as their brief
// states them, in the pack's text (a translated pack gives the text in its
// language), one fact a line. For every named seat they hold or deputise
// for: the role, the holder stood in for, the responsibilities, the
// authorities with their limits and amounts, the communication duties;
// their review-team seats with the team's duties; and their RACI letters.
//
// It leaves out what is not a duty: their name, job title and appointment
// dates, the document's version (so that a text unchanged since an earlier
// version is the same text, and an acknowledgement of it carries forward),
// and what rolepack says around the duties. It is computed from the
// resolved pack alone, so the same sources at any git revision give the
// same text. Every line is "key: value" with the value's line breaks and
// tabs replaced by spaces, so no text can forge another line.
func (p *Pack) AckText(person *Person) string {
	var b strings.Builder
	line := func(key, value string) {
		b.WriteString(key)
		b.WriteString(": ")
		b.WriteString(oneLine(value))
		b.WriteByte('\n')
	}
	b.WriteString(AckTextVersion + "\n")
	line("document", p.Document.ID)
	duties := func(r *Role) {
		for _, it := range r.Responsibilities {
			line("  responsibility", it.Text)
		}
		for _, a := range r.Authorities {
			line("  authority", a.Text)
			if a.Limit != "" {
				line("    limit", a.Limit)
			}
			if a.HasAmount {
				line("    amount", fmt.Sprintf("%g %s", a.Amount, a.Currency))
			}
			if a.DurationDays > 0 {
				line("    days", fmt.Sprint(a.DurationDays))
			}
			if a.DelegatedFrom != nil {
				line("    delegated from", a.DelegatedFrom.Name)
			}
		}
		for _, it := range r.CommunicateInternal {
			line("  tell internally", it.Text)
		}
		for _, it := range r.CommunicateExternal {
			line("  tell externally", it.Text)
		}
	}
	for _, a := range person.Holds {
		line("holds", a.Role.Name)
		duties(a.Role)
	}
	for _, a := range person.Deputises {
		holder := ""
		if a.Person != nil {
			holder = a.Person.Name
		}
		line("deputises", a.Role.Name+" / "+holder)
		duties(a.Role)
	}
	if t := p.ReviewTeam; t != nil {
		seated := false
		if t.Chair == person {
			line("chairs", t.Name)
			seated = true
		}
		for _, m := range t.Members {
			area := ""
			if m.Area != nil {
				area = m.Area.Name
			}
			if m.Person == person {
				line("member", t.Name+" / "+area)
				seated = true
			}
			if m.Deputy == person {
				holder := ""
				if m.Person != nil {
					holder = m.Person.Name
				}
				line("member deputy", t.Name+" / "+area+" / "+holder)
				seated = true
			}
		}
		if seated {
			for _, it := range t.Duties {
				line("  team duty", it.Text)
			}
		}
	}
	for _, act := range p.Activities {
		var letters string
		for _, l := range Letters {
			for _, a := range person.Holds {
				if strings.Contains(act.Letter(a.Role), l) && !strings.Contains(letters, l) {
					letters += l
				}
			}
		}
		if letters != "" {
			line("raci", act.Name+" / "+act.Process+" / "+letters)
		}
	}
	return b.String()
}

// AckDigest is the digest of AckText: "sha256:" and 64 hex digits.
func (p *Pack) AckDigest(person *Person) string {
	sum := sha256.Sum256([]byte(p.AckText(person)))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// oneLine is s with every line break and tab a space, and no space at
// either end.
func oneLine(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', '\t', '\v', '\f', '\u0085', '\u2028', '\u2029':
			return ' '
		}
		return r
	}, s))
}

// ackDigests holds the digests of the people's texts by language, made
// once per pack: a check of a ledger asks for each person's digest in the
// language they read, and a language other than the pack's text needs the
// translated pack.
type ackDigests struct {
	mu     sync.Mutex
	byLang map[string]map[string]string
	failed map[string]error
}

// AckDigestIn is the digest of the text person acknowledges in lang: the
// pack's own text in its own language (TextLanguage), else the
// translation's (Translated). ok is false when lang is not one of the
// pack's languages, or its translation cannot be made.
func (p *Pack) AckDigestIn(person *Person, lang string) (digest string, ok bool) {
	if person == nil {
		return "", false
	}
	d := p.ackDigests
	if d == nil {
		d = &ackDigests{}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.byLang == nil {
		d.byLang, d.failed = map[string]map[string]string{}, map[string]error{}
	}
	m, done := d.byLang[lang]
	if !done && d.failed[lang] == nil {
		src := p
		if text := p.TextLanguage; lang != text && !(text == "" && lang == p.Language) {
			base := p
			if p.translatedFrom != nil {
				base = p.translatedFrom
			}
			q, err := base.Translated(lang)
			if err != nil {
				d.failed[lang] = err
				return "", false
			}
			src = q
		}
		m = make(map[string]string, len(src.People))
		for _, q := range src.People {
			m[q.ID] = src.AckDigest(q)
		}
		d.byLang[lang] = m
	}
	digest, ok = m[person.ID]
	return digest, ok
}
