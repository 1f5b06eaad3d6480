package letters

import (
	"strings"

	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
)

// Kinds of letter, as the view names them.
const (
	Appointment = view.Appointment
	Deputy      = view.Deputy
)

// Letter is one letter to one person about one seat.
type Letter struct {
	Kind   string // Appointment or Deputy
	Person *view.Person
	Seat   view.Seat
	// File is the letter's path in the output directory, as the view names
	// it (view.LetterFile.File): the file the people output writes and the
	// site links to.
	File string
	// Signer signs for the organisation (see Appointer).
	Signer Signer
	Fields Fields
	title  string
}

// Title is the letter's heading and running title.
func (l Letter) Title() string { return l.title }

// Signer is who signs a letter for the organisation. Name is "" when the
// pack names no one: the letter then has a blank name line to fill in.
type Signer struct {
	Name string
	// Title is in the view's language: "<job title>, <role>" or
	// "<role>" (HolderTitle), "Top management (<role>)", "Top
	// management (document approver)", "Top management"
	// (letter.signer.*).
	Title string
}

// Appointer is who appoints to a seat and signs its letters for the
// organisation, in this order, skipping the appointee themselves (nobody
// signs their own appointment for the organisation):
//
//  1. the first active holder of the role the seat's role reports to;
//  2. else top management: the first active holder of the role at the top
//     of the role's reporting lines;
//  3. else the document's approver (who approves the roles on behalf of
//     top management);
//  4. else no one named: "Top management", with a blank name line.
func Appointer(v *view.View, s view.Seat, appointee *model.Person) Signer {
	holder := func(r *model.Role) *model.Person {
		if rv := v.Role(r); rv != nil {
			for _, seat := range rv.Seats {
				if seat.Person != appointee {
					return seat.Person
				}
			}
		}
		return nil
	}
	r, w := s.Role, v.Words
	if r.ReportsTo != nil {
		if p := holder(r.ReportsTo); p != nil {
			return Signer{Name: p.Name, Title: HolderTitle(w, p, r.ReportsTo)}
		}
	}
	if rv := v.Role(r); rv != nil && len(rv.Chain) > 0 {
		if top := rv.Chain[0]; top != r.ReportsTo {
			if p := holder(top); p != nil {
				return Signer{Name: p.Name, Title: w.Text("letter.signer.top_role", "role", top.Name)}
			}
		}
	}
	if a := v.Pack.Document.Approver; a != nil && a != appointee && a.IsActive() {
		return Signer{Name: a.Name, Title: w.Text("letter.signer.approver")}
	}
	return Signer{Title: w.Text("letter.signer.top")}
}

// HolderTitle is how the holder p of role signs: by their own job title
// with the role ("Chief Operating Officer, Senior Leadership Team"), which
// reads right whatever the role is (one person's office, a team several
// people sit on); by the role alone (letter.signer.holder_of) when the
// pack gives them no job title, or the role's name is their job title.
func HolderTitle(w *messages.Catalogue, p *model.Person, role *model.Role) string {
	job := strings.TrimSpace(p.JobTitle)
	if job == "" || strings.EqualFold(job, strings.TrimSpace(role.Name)) {
		return w.Text("letter.signer.holder_of", "role", role.Name)
	}
	return w.Text("letter.signer.holder_job", "job_title", job, "role", role.Name)
}

// For returns the letters of a person, one per file the view names for
// them (view.PersonFiles.Letters): one per seat they hold, then one per
// seat they deputise for.
func For(v *view.View, pv *view.Person) []Letter {
	if pv.Files == nil {
		return nil
	}
	var out []Letter
	for _, lf := range pv.Files.Letters {
		signer := Appointer(v, lf.Seat, pv.Person)
		out = append(out, Letter{Kind: lf.Kind, Person: pv, Seat: lf.Seat, File: lf.File, Signer: signer, Fields: fields(v, pv, lf.Seat, signer), title: lf.Title})
	}
	return out
}

func fields(v *view.View, pv *view.Person, s view.Seat, signer Signer) Fields {
	p, r, doc, w := v.Pack, s.Role, v.Pack.Document, v.Words
	appointed := ""
	if !s.Assignment.AppointedOn.IsZero() {
		appointed = w.Date(s.Assignment.AppointedOn.Time())
	}
	f := Fields{
		Organisation:   p.Organisation.Name,
		Person:         pv.Name,
		JobTitle:       pv.JobTitle,
		Role:           r.Name,
		Purpose:        strings.TrimSpace(r.Purpose.Source),
		AppointedOn:    appointed,
		Reference:      s.Assignment.Evidence,
		Holder:         s.Person.Name,
		Appointer:      signer.Name,
		AppointerTitle: signer.Title,
		Document:       doc.ID,
		DocumentTitle:  doc.Title,
		Version:        doc.Version,
	}
	if s.Deputy != nil && s.DeputyActive {
		f.Deputy = s.Deputy.Name
	}
	if r.ReportsTo != nil {
		f.ReportsTo = r.ReportsTo.Name
		if rv := v.Role(r.ReportsTo); rv != nil {
			var names []string
			for _, h := range rv.Holders() {
				names = append(names, h.Name)
			}
			f.ReportsToHolder = strings.Join(names, ", ")
		}
	}
	for _, it := range r.Responsibilities {
		f.Responsibilities = append(f.Responsibilities, model.InlineSource(it.Text))
	}
	for _, a := range r.Authorities {
		f.Authorities = append(f.Authorities, AuthorityText(v, a))
	}
	if rv := v.Role(r); rv != nil {
		f.Communication = rv.CommunicationLines()
	}
	for _, q := range r.Requirements {
		f.Competences = append(f.Competences, w.Text("letter.competence_level", "competence", q.Competence.Name, "level", p.LevelName(q.Level)))
	}
	return f
}

// AuthorityText is an authority with its limit, as letters and briefs
// print it in the view's language: "text (limit: …)", or the text alone
// when it has no limit; inline Markdown (model.InlineText), as the
// authority and its limit are.
func AuthorityText(v *view.View, a *model.Authority) string {
	if l := v.LimitMarkdown(a); l != "" {
		return model.InlineText(v.Words, "letter.authority_limit", "authority", model.InlineSource(a.Text), "limit", l)
	}
	return model.InlineSource(a.Text)
}
