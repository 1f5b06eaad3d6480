package document

import (
	"fmt"
	"strings"

	"github.com/rolepack/rolepack/generator/letters"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
)

// BriefTitle opens every brief: one person's roles and their
// acknowledgement.
const BriefTitle = "My information security roles"

// Sheet is one person's brief ("my roles"), which is also their page of
// the acknowledgement sheets: every seat they hold or deputise for with
// what they must do, what they may decide (with limits) and whom they
// tell; their review-team seats; their RACI letters; their competence
// gaps with the planned training; and the statement to sign.
type Sheet struct {
	Title string
	// Banner heads every page of the sheet, so that no page of it is
	// anonymous: whose sheet it is and of which document and version.
	Banner string
	Body   []Block
	// Statement is what the person signs, and Signer their lines: their
	// printed name, signature and date.
	Statement string
	Signer    Signer
}

// BriefOf is pv's sheet, built once per view: the acknowledgement sheets
// and pv's own brief typeset the same one (view.Memo).
func BriefOf(v *view.View, pv *view.Person) *Sheet {
	return v.Memo(sheetKey{pv}, func() any { return Brief(v, pv) }).(*Sheet)
}

type sheetKey struct{ *view.Person }

// Brief builds pv's sheet. In its body, level 3 headings title a seat or
// a part, level 4 ones lead into the list after them.
func Brief(v *view.View, pv *view.Person) *Sheet {
	doc := v.Pack.Document
	ref := fmt.Sprintf("%s, %s, version %s", doc.ID, doc.Title, doc.Version)
	s := &Sheet{
		Title:     BriefTitle,
		Banner:    fmt.Sprintf("Sheet of %s — %s version %s", pv.Name, doc.ID, doc.Version),
		Statement: fmt.Sprintf("I have read and understood my roles, responsibilities and authorities as described in %s version %s, and I accept them.", doc.ID, doc.Version),
		Signer:    Signer{Role: pv.Name, Lines: []Field{{"Name", pv.Name}, {"Signature", ""}, {"Date", ""}}},
	}
	b := &builder{v: v}
	fields := []Field{{"Name", pv.Name}, {"Job title", pv.JobTitle}}
	if pv.External {
		fields = append(fields, Field{"Company", pv.Company})
	}
	fields = append(fields, Field{"Document", ref})
	b.add(&Fields{Fields: fields})
	if e := pv.Earlier; e != nil && !e.Carried && len(e.Changed) > 0 {
		// What they are asked to sign again for (from the sources' git
		// history: see docs/changes.md).
		b.h(3, "Changed since you last signed (version "+e.Version+")")
		b.bullets(e.Changed)
	}
	for _, seat := range pv.Holds {
		b.seat(seat.Role.Name+" (appointed "+seat.Assignment.AppointedOn.String()+")", seat.Role)
	}
	for _, seat := range pv.Deputises {
		b.seat("Deputy for "+seat.Person.Name+" as "+seat.Role.Name, seat.Role)
	}
	if seats := pv.ReviewSeatNames(); len(seats) > 0 {
		b.h(3, "Management Review Team")
		b.bullets(seats)
		if t := v.ReviewTeam; t != nil && len(t.Duties) > 0 {
			b.h(4, "Duties")
			b.bullets(ItemTexts(t.Duties))
		}
	}
	if len(pv.Duties) > 0 {
		// Grouped by letter, so a role in thirty activities takes a few
		// lines, not a page.
		b.h(3, "My RACI duties")
		for _, l := range model.Letters {
			var acts []string
			for _, du := range pv.Duties {
				if strings.Contains(du.Letters, l) {
					acts = append(acts, du.Activity.Name)
				}
			}
			if len(acts) > 0 {
				b.h(4, fmt.Sprintf("%s — %s in %d %s", l, strings.ToLower(model.LetterNames[l]), len(acts), plural(len(acts), "activity", "activities")))
				b.add(&Paragraph{Style: Indented, Runs: []Run{{Text: strings.Join(acts, "; ")}}})
			}
		}
	}
	if len(pv.Gaps) > 0 {
		b.h(3, "My competence gaps and planned training")
		rows := make([][]string, len(pv.Gaps))
		for i, g := range pv.Gaps {
			need := g.Competence.Name + ": " + v.Pack.LevelName(g.Required) + " needed, " + v.Pack.LevelName(g.Held) + " held"
			if g.Deputising {
				need += " (as deputy " + g.Role.Name + ")"
			} else {
				need += " (for " + g.Role.Name + ")"
			}
			rows[i] = []string{need, g.Action, OrDash(g.OwnerText()), OrDash(g.DueText())}
		}
		b.table([]Column{{"Gap", Text}, {"Planned training", Text}, {"Owner", Name}, {"Due", Date}}, rows)
	}
	s.Body = b.body
	return s
}

// seat is one seat of a brief: its title, what the holder must do, may
// decide (with the limit) and whom they tell.
func (b *builder) seat(title string, r *model.Role) {
	b.h(3, title)
	if len(r.Responsibilities) > 0 {
		b.h(4, "Must do")
		b.bullets(ItemTexts(r.Responsibilities))
	}
	if len(r.Authorities) > 0 {
		b.h(4, "May decide")
		auth := make([]string, len(r.Authorities))
		for i, a := range r.Authorities {
			auth[i] = letters.AuthorityText(a)
		}
		b.bullets(auth)
	}
	if lines := b.v.Role(r).CommunicationLines(); len(lines) > 0 {
		b.h(4, "Tells")
		b.bullets(lines)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Letter is an appointment letter: its text (the letter's template filled
// in, Markdown, converted with its headings) and the two signature blocks,
// the organisation's and the addressee's, each with the signer's printed
// name.
type Letter struct {
	Title   string
	Running string // the running header: the title and the addressee
	Body    []Block
	Signers [2]Signer
}

// NewLetter builds a letter from its filled-in template text.
func NewLetter(v *view.View, l letters.Letter, body string) *Letter {
	accept := "Accepted by the appointee"
	if l.Kind == letters.Deputy {
		accept = "Accepted by the deputy"
	}
	sign := func(heading, capacity, name string) Signer {
		s := Signer{Role: heading, Lines: []Field{{"Name", name}, {"Signature", ""}, {"Date", ""}}}
		if capacity != "" {
			s.Capacity = capacity
		}
		return s
	}
	return &Letter{
		Title:   l.Title(),
		Running: l.Title() + " — " + l.Person.Name,
		Body:    MarkdownHeadings(model.Markdown{Source: body}),
		Signers: [2]Signer{
			sign("For "+v.Pack.Organisation.Name, l.Signer.Title, l.Signer.Name),
			sign(accept, "", l.Person.Name),
		},
	}
}
