package view

import (
	"github.com/rolepack/rolepack/generator/model"
)

// The facts of the model that the outputs print as words — the training
// plan's suggested action, who arranges it and by when, an authority's
// limit, a duration, an amount of money, a competence's kind — worded in
// the view's language (v.Words, the base catalogue's training, authority,
// duration, number and competence_kind tables). Every output prints them
// from here, so that the document, the briefs, the letters, the workbook
// and the site say them alike. The model keeps the facts (the kind of
// competence, the owner and why, the due date, the amount and currency,
// the duration in days); the wording of an amount, a duration and a limit
// is model's (AmountIn, DurationIn, LimitIn), which the checks and diff
// use too.

// TrainingAction is the suggested way to close a training plan's gap, by
// the kind of competence: "Complete ISO 27001 training to level 2
// Practitioner".
func (v *View) TrainingAction(t model.TrainingItem) string {
	w := v.words()
	if t.Competence == nil {
		return ""
	}
	name, level := t.Competence.Name, v.Pack.LevelName(t.Required)
	switch t.Competence.Kind {
	case "certification":
		return w.Text("training.action_certification", "competence", name)
	case "training":
		return w.Text("training.action_training", "competence", name, "level", level)
	case "education":
		return w.Text("training.action_education")
	case "experience":
		return w.Text("training.action_experience", "level", level)
	}
	return w.Text("training.action_other", "competence", name, "level", level)
}

// TrainingOwner names who arranges the training and why them: "Ann Admin
// (line manager)", "Carla Chief (holder of Chief Executive)"; "" when no
// one is known.
func (v *View) TrainingOwner(t model.TrainingItem) string {
	w := v.words()
	switch {
	case t.Owner == nil:
		return ""
	case t.OwnerBasis == model.OwnerLineManager:
		return w.Text("training.owner_line_manager", "name", t.Owner.Name)
	case t.OwnerBasis == model.OwnerRoleHolder && t.Role != nil && t.Role.ReportsTo != nil:
		return w.Text("training.owner_holder", "name", t.Owner.Name, "role", t.Role.ReportsTo.Name)
	}
	return t.Owner.Name
}

// TrainingDue is the due date as a table column prints it (yyyy-mm-dd),
// marked when it has passed and when the training is already planned or
// booked: "2026-12-01 (planned)", "2025-03-01 (overdue)", "planned"
// without a date; "" when neither is known.
func (v *View) TrainingDue(t model.TrainingItem) string {
	w := v.words()
	s := t.Due.String()
	switch {
	case v.TrainingOverdue(t) && t.Planned != nil:
		return w.Text("training.due_overdue_planned", "date", s)
	case v.TrainingOverdue(t):
		return w.Text("training.due_overdue", "date", s)
	case t.Planned == nil:
		return s
	case s == "":
		return w.Text("training.planned")
	}
	return w.Text("training.due_planned", "date", s)
}

// TrainingOverdue reports whether a training plan row is past its due
// date on the build date, the "today" of every check (RP-COMP-02).
func (v *View) TrainingOverdue(t model.TrainingItem) bool {
	return model.TrainingOverdue(t, v.Stamp.Date())
}

// TrainingStatus is a training plan row's status: "overdue" past its due
// date, else "planned" when the training is planned or booked, else
// "open".
func (v *View) TrainingStatus(t model.TrainingItem) string {
	switch {
	case v.TrainingOverdue(t):
		return v.words().Text("training.overdue")
	case t.Planned != nil:
		return v.words().Text("training.planned")
	}
	return v.words().Text("training.open")
}

// LimitText is an authority's limit in the view's language
// (model.Authority.LimitIn).
func (v *View) LimitText(a *model.Authority) string { return a.LimitIn(v.words()) }

// LimitMarkdown is LimitText as inline Markdown, for the outputs that
// render it (model.Authority.LimitMarkdownIn).
func (v *View) LimitMarkdown(a *model.Authority) string { return a.LimitMarkdownIn(v.words()) }

// Duration is a number of days in the view's language: "1 day", "30
// days", "2 weeks" (model.DurationIn).
func (v *View) Duration(days int) string { return model.DurationIn(v.words(), days) }

// Amount is an amount of money as the view's language writes it: "EUR
// 20,000.00", "20.000,00 EUR" (model.AmountIn).
func (v *View) Amount(amount float64, currency string) string {
	return model.AmountIn(v.words(), amount, currency)
}

// CompetenceKind is the kind of a competence in words ("training",
// "Schulung"); a kind rolepack does not know is printed as written.
func (v *View) CompetenceKind(kind string) string {
	w := v.words()
	switch kind {
	case "education":
		return w.Text("competence_kind.education")
	case "experience":
		return w.Text("competence_kind.experience")
	case "training":
		return w.Text("competence_kind.training")
	case "certification":
		return w.Text("competence_kind.certification")
	case "skill":
		return w.Text("competence_kind.skill")
	}
	return kind
}

// ChannelWord says how an acknowledgement of the ledger came, by its
// channel ("a signed sheet", "a personal link"); a channel rolepack does
// not know is printed as written.
func (v *View) ChannelWord(channel string) string {
	w := v.words()
	switch channel {
	case "paper":
		return w.Text("site.person.channel_paper")
	case "link":
		return w.Text("site.person.channel_link")
	case "sso":
		return w.Text("site.person.channel_sso")
	case "import":
		return w.Text("site.person.channel_import")
	}
	return channel
}
