package document

import (
	"strings"

	"github.com/rolepack/rolepack/generator/letters"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
)

// Sheet is one person's brief ("my roles"): every seat they hold or
// deputise for with what they must do, what they may decide (with limits)
// and whom they tell; their review-team seats; their RACI letters; their
// competence gaps with the planned training; and the statement to sign.
// Their page of the acknowledgement sheets is the same without the gaps:
// that file holds every seated person's page and is published with the
// controlled document, and a person's gaps are for them and the ISMS
// manager (docs/readers.md).
type Sheet struct {
	Title string
	// Banner heads every page of the sheet, so that no page of it is
	// anonymous: whose sheet it is and of which document and version.
	Banner string
	// Notice is the translation notice of a translated sheet, or "".
	Notice string
	Body   []Block
	// Statement is what the person signs, and Signer their lines: their
	// printed name, signature and date.
	Statement string
	Signer    Signer
}

// BriefOf is pv's brief, built once per view (view.Memo).
func BriefOf(v *view.View, pv *view.Person) *Sheet {
	return v.Memo(sheetKey{pv, false}, func() any { return Brief(v, pv) }).(*Sheet)
}

// SignOffSheetOf is pv's page of the acknowledgement sheets, built once
// per view: their brief without their competence gaps.
func SignOffSheetOf(v *view.View, pv *view.Person) *Sheet {
	return v.Memo(sheetKey{pv, true}, func() any { return sheet(v, pv, false) }).(*Sheet)
}

type sheetKey struct {
	*view.Person
	signOff bool
}

// Brief builds pv's brief. In its body, level 3 headings title a seat or
// a part, level 4 ones lead into the list after them.
func Brief(v *view.View, pv *view.Person) *Sheet { return sheet(v, pv, true) }

// sheet builds pv's sheet, with their gaps and training when gaps is set.
func sheet(v *view.View, pv *view.Person, gaps bool) *Sheet {
	doc, w := v.Pack.Document, v.Words
	ref := w.Text("brief.document_ref", "id", doc.ID, "title", doc.Title, "version", doc.Version)
	s := &Sheet{
		Title:     w.Text("brief.title"),
		Banner:    w.Text("brief.banner", "person", pv.Name, "id", doc.ID, "version", doc.Version),
		Notice:    v.TranslationNotice(),
		Statement: w.Text("brief.statement", "id", doc.ID, "version", doc.Version),
		Signer:    Signer{Role: pv.Name, Lines: SignLines(w, pv.Name)},
	}
	b := &builder{v: v, w: w}
	fields := []Field{{w.Text("signature.name"), pv.Name}, {w.Text("brief.job_title"), pv.JobTitle}}
	if pv.External {
		fields = append(fields, Field{w.Text("brief.company"), pv.Company})
	}
	fields = append(fields, Field{w.Text("brief.document"), ref})
	b.add(&Fields{Fields: fields})
	if e := pv.Earlier; e != nil && !e.Carried && len(e.Changed) > 0 {
		// What they are asked to sign again for (from the sources' git
		// history: see docs/changes.md).
		b.h(3, w.Text("brief.changed", "version", e.Version))
		b.bullets(v.ChangedSince(e))
	}
	for _, seat := range pv.Holds {
		b.seat(w.Text("brief.seat_held", "role", seat.Role.Name, "date", LongDate(v, seat.Assignment.AppointedOn)), seat.Role)
	}
	for _, seat := range pv.Deputises {
		b.seat(w.Text("document.seat.deputy_for", "person", seat.Person.Name, "role", seat.Role.Name), seat.Role)
	}
	if seats := pv.ReviewSeatNames(); len(seats) > 0 {
		b.h(3, w.Text("document.section.review_team"))
		b.bullets(seats)
		if t := v.ReviewTeam; t != nil && len(t.Duties) > 0 {
			b.h(4, w.Text("document.review_team.duties"))
			b.bullets(ItemTexts(t.Duties))
		}
	}
	if len(pv.Duties) > 0 {
		// Grouped by letter, so a role in thirty activities takes a few
		// lines, not a page.
		b.h(3, w.Text("brief.raci"))
		for _, l := range model.Letters {
			var acts []string
			for _, du := range pv.Duties {
				if strings.Contains(du.Letters, l) {
					acts = append(acts, du.Activity.Name)
				}
			}
			if len(acts) > 0 {
				b.h(4, raciLine(w, l, len(acts)))
				b.add(&Paragraph{Style: Indented, Runs: []Run{{Text: strings.Join(acts, "; ")}}})
			}
		}
	}
	if gaps && len(pv.Gaps) > 0 {
		b.h(3, w.Text("brief.gaps"))
		rows := make([][]string, len(pv.Gaps))
		for i, g := range pv.Gaps {
			key := "brief.gap_for"
			if g.Deputising {
				key = "brief.gap_deputy"
			}
			need := w.Text(key, "competence", g.Competence.Name, "required", v.Pack.LevelName(g.Required), "held", v.Pack.LevelName(g.Held), "role", g.Role.Name)
			rows[i] = []string{need, v.TrainingAction(g), OrDash(v.TrainingOwner(g)), OrDash(v.TrainingDue(g))}
		}
		b.table([]Column{{w.Text("brief.gap"), Text}, {w.Text("brief.training"), Text}, {w.Text("brief.owner"), Name}, {w.Text("brief.due"), Date}}, rows)
	}
	s.Body = b.body
	return s
}

// raciLine leads into the activities a person has letter l in: "R —
// responsible in 3 activities".
func raciLine(w *messages.Catalogue, l string, n int) string {
	switch l {
	case model.Responsible:
		return w.Plural("brief.raci_r", n)
	case model.Accountable:
		return w.Plural("brief.raci_a", n)
	case model.Supporting:
		return w.Plural("brief.raci_s", n)
	case model.Consulted:
		return w.Plural("brief.raci_c", n)
	case model.Informed:
		return w.Plural("brief.raci_i", n)
	}
	return l + " — " + w.Number(n)
}

// seat is one seat of a brief: its title, what the holder must do, may
// decide (with the limit) and whom they tell.
func (b *builder) seat(title string, r *model.Role) {
	w := b.w
	b.h(3, title)
	if len(r.Responsibilities) > 0 {
		b.h(4, w.Text("brief.must_do"))
		b.inlineBullets(ItemMarkdown(r.Responsibilities))
	}
	if len(r.Authorities) > 0 {
		b.h(4, w.Text("brief.may_decide"))
		auth := make([]string, len(r.Authorities))
		for i, a := range r.Authorities {
			auth[i] = letters.AuthorityText(b.v, a)
		}
		b.inlineBullets(auth)
	}
	if lines := b.v.Role(r).CommunicationLines(); len(lines) > 0 {
		b.h(4, w.Text("brief.tells"))
		b.inlineBullets(lines)
	}
}

// Letter is an appointment letter: its text (the letter's template filled
// in, Markdown, converted with its headings) and the two signature blocks,
// the organisation's and the addressee's, each with the signer's printed
// name.
type Letter struct {
	Title   string
	Running string // the running header: the title and the addressee
	// Notice is the translation notice of a translated letter, or "".
	Notice  string
	Body    []Block
	Signers [2]Signer
}

// NewLetter builds a letter from its filled-in template text.
func NewLetter(v *view.View, l letters.Letter, body string) *Letter {
	w := v.Words
	accept := w.Text("letter.accepted_appointee")
	if l.Kind == letters.Deputy {
		accept = w.Text("letter.accepted_deputy")
	}
	sign := func(heading, capacity, name string) Signer {
		return Signer{Role: heading, Capacity: capacity, Lines: SignLines(w, name)}
	}
	return &Letter{
		Title:   l.Title(),
		Running: l.Title() + " — " + l.Person.Name,
		Notice:  v.TranslationNotice(),
		Body:    MarkdownHeadings(model.Markdown{Source: body}),
		Signers: [2]Signer{
			sign(w.Text("letter.for_organisation", "organisation", v.Pack.Organisation.Name), l.Signer.Title, l.Signer.Name),
			sign(accept, "", l.Person.Name),
		},
	}
}
