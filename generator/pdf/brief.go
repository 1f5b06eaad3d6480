package pdf

import (
	"fmt"
	"github.com/rolepack/rolepack/generator/document"
	"strings"

	"github.com/rolepack/rolepack/generator/letters"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/view"
)

// BriefTitle opens every brief: one person's roles and their
// acknowledgement.
const BriefTitle = "My information security roles"

// Brief typesets one person's brief alone (their people/<id>/brief.pdf):
// the same pages as their sheet in the combined acknowledgement sheets.
func Brief(v *view.View, pv *view.Person) ([]byte, error) {
	if v == nil || v.Pack == nil {
		return nil, fmt.Errorf("pdf: no pack")
	}
	// A brief is set in regular and bold only.
	d := newDocFonts(v, "My roles — "+v.Pack.Document.Title, fontSet{})
	d.pageLabel = func() string { return fmt.Sprintf("Sheet page %d of {nb}", d.f.PageNo()) }
	d.brief(pv)
	if err := d.f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return d.bytes()
}

// brief is a person's "my roles" sheet: every seat they hold or deputise
// for with what they must do, what they may decide (with limits) and whom
// they tell; their review-team seats; their RACI letters; their competence
// gaps with the planned training; and the acknowledgement to sign. It
// starts a page; every page of it carries their name (the banner).
func (d *doc) brief(pv *view.Person) {
	f, doc := d.f, d.p.Document
	d.sheetBanner(pv)
	f.AddPage()
	f.Bookmark(pv.Name, 0, -1)
	d.styled(BriefTitle, "B", 15, 8)
	f.Ln(1)
	d.label("Name", pv.Name)
	d.label("Job title", pv.JobTitle)
	if pv.External {
		d.label("Company", pv.Company)
	}
	d.label("Document", fmt.Sprintf("%s, %s, version %s", doc.ID, doc.Title, doc.Version))
	f.Ln(2)
	if e := pv.Earlier; e != nil && !e.Carried && len(e.Changed) > 0 {
		// What they are asked to sign again for (from the sources' git
		// history: see docs/changes.md).
		d.subhead("Changed since you last signed (version " + e.Version + ")")
		d.bullets(e.Changed)
	}
	for _, s := range pv.Holds {
		d.seatBrief(s.Role.Name+" (appointed "+s.Assignment.AppointedOn.String()+")", s.Role)
	}
	for _, s := range pv.Deputises {
		d.seatBrief("Deputy for "+s.Person.Name+" as "+s.Role.Name, s.Role)
	}
	if seats := pv.ReviewSeatNames(); len(seats) > 0 {
		d.subhead("Management Review Team")
		d.bullets(seats)
		if t := d.v.ReviewTeam; t != nil && len(t.Duties) > 0 {
			d.lead("Duties")
			d.bullets(document.ItemTexts(t.Duties))
		}
	}
	if len(pv.Duties) > 0 {
		// Grouped by letter, so a role in thirty activities takes a few
		// lines, not a page.
		d.subhead("My RACI duties")
		for _, l := range model.Letters {
			var acts []string
			for _, du := range pv.Duties {
				if strings.Contains(du.Letters, l) {
					acts = append(acts, du.Activity.Name)
				}
			}
			if len(acts) > 0 {
				d.lead(fmt.Sprintf("%s — %s in %d %s", l, strings.ToLower(model.LetterNames[l]), len(acts), plural(len(acts), "activity", "activities")))
				d.flow(d.measure(strings.Join(acts, "; "), "", bodySize, lineH, 5))
				f.Ln(1)
			}
		}
		f.Ln(2)
	}
	if len(pv.Gaps) > 0 {
		d.subhead("My competence gaps and planned training")
		rows := make([][]string, len(pv.Gaps))
		for i, g := range pv.Gaps {
			owner, due := document.OrDash(g.OwnerText()), document.OrDash(g.DueText())
			need := g.Competence.Name + ": " + d.p.LevelName(g.Required) + " needed, " + d.p.LevelName(g.Held) + " held"
			if g.Deputising {
				need += " (as deputy " + g.Role.Name + ")"
			} else {
				need += " (for " + g.Role.Name + ")"
			}
			rows[i] = []string{need, g.Action, owner, due}
		}
		d.table([]column{{"Gap"}, {"Planned training"}, {"Owner"}, {"Due"}}, rows)
	}
	// The statement and the lines to sign stay together.
	statement := d.measure(fmt.Sprintf("I have read and understood my roles, responsibilities and authorities as described in %s version %s, and I accept them.", doc.ID, doc.Version), "", bodySize, lineH, 0)
	d.place(4 + float64(len(statement.lines))*lineH + 1 + 2*12)
	f.Ln(4)
	d.flow(statement)
	f.Ln(1)
	d.signLine("Signature", "")
	d.signLine("Date", "")
}

// seatBrief prints one seat of a brief: its title, what the holder must
// do, may decide (with the limit) and whom they tell.
func (d *doc) seatBrief(title string, r *model.Role) {
	d.subhead(title)
	if len(r.Responsibilities) > 0 {
		d.lead("Must do")
		d.bullets(document.ItemTexts(r.Responsibilities))
	}
	if len(r.Authorities) > 0 {
		d.lead("May decide")
		auth := make([]string, len(r.Authorities))
		for i, a := range r.Authorities {
			auth[i] = letters.AuthorityText(a)
		}
		d.bullets(auth)
	}
	if lines := d.v.Role(r).CommunicationLines(); len(lines) > 0 {
		d.lead("Tells")
		d.bullets(lines)
	}
}

// lead is a bold line of body size introducing a list, kept with it.
func (d *doc) lead(text string) {
	f := d.f
	b := d.measure(text, "B", bodySize, lineH, 0)
	d.keepWithNext(float64(len(b.lines))*lineH, func() {
		l, _, _, _ := f.GetMargins()
		d.drawLines(b, 0, len(b.lines), l)
		f.SetFont(sans, "", bodySize)
	})
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
