package view

import (
	"math"
	"strconv"
	"strings"

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
// the duration in days); the English of model.Authority.LimitText and
// model.FormatAmount is the command line's and the checks'.

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
// marked when the training is already planned or booked: "2026-12-01
// (planned)", "planned" without a date; "" when neither is known.
func (v *View) TrainingDue(t model.TrainingItem) string {
	w := v.words()
	s := t.Due.String()
	if t.Planned == nil {
		return s
	}
	if s == "" {
		return w.Text("training.planned")
	}
	return w.Text("training.due_planned", "date", s)
}

// TrainingStatus is a training plan row's status: "planned" when the
// training is planned or booked, else "open".
func (v *View) TrainingStatus(t model.TrainingItem) string {
	if t.Planned != nil {
		return v.words().Text("training.planned")
	}
	return v.words().Text("training.open")
}

// LimitText is the limit of an authority: the amount and duration, then
// the pack's free-text limit, then where it is delegated from, joined by
// the language's separator: "up to EUR 20,000.00; for up to 2 weeks;
// delegated by the Chief Executive"; "" when there is none.
func (v *View) LimitText(a *model.Authority) string {
	w := v.words()
	var parts []string
	if a.HasAmount {
		parts = append(parts, w.Text("authority.up_to", "amount", v.Amount(a.Amount, a.Currency)))
	}
	if a.DurationDays > 0 {
		parts = append(parts, w.Text("authority.for_up_to", "duration", v.Duration(a.DurationDays)))
	}
	if a.Limit != "" {
		parts = append(parts, a.Limit)
	}
	if a.DelegatedFrom != nil {
		parts = append(parts, w.Text("authority.delegated_by_role", "role", a.DelegatedFrom.Name))
	} else if a.DelegatedFromID != "" {
		parts = append(parts, w.Text("authority.delegated_by_id", "id", a.DelegatedFromID))
	}
	return strings.Join(parts, w.Text("authority.separator"))
}

// Duration is a number of days for a reader: "1 day", "30 days", or
// weeks when it is a whole number of them ("1 week", "2 weeks").
func (v *View) Duration(days int) string {
	if days > 0 && days%7 == 0 {
		return v.words().Plural("duration.weeks", days/7)
	}
	return v.words().Plural("duration.days", days)
}

// Amount is an amount of money as the language writes it: the digits
// grouped by number.group, as many decimals as the currency has after
// number.decimal, and the ISO 4217 code where number.amount puts it:
// "EUR 20,000.00", "20.000,00 EUR", "JPY 3,000,000". The code, not a
// symbol, because "$" and "kr" name several currencies; no currency, the
// number alone.
func (v *View) Amount(amount float64, currency string) string {
	w := v.words()
	s := strconv.FormatFloat(math.Abs(amount), 'f', model.CurrencyDigits(currency), 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if amount < 0 {
		b.WriteByte('-')
	}
	if n, err := strconv.Atoi(whole); err == nil {
		b.WriteString(w.Number(n))
	} else {
		b.WriteString(whole) // beyond an int: printed as it is
	}
	if frac != "" {
		b.WriteString(w.Text("number.decimal"))
		b.WriteString(frac)
	}
	if currency == "" {
		return b.String()
	}
	return w.Text("number.amount", "amount", b.String(), "currency", currency)
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
