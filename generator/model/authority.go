package model

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/rolepack/rolepack/generator/messages"
)

// DefaultTrainingDueDays is the training_due_days of a pack that does not
// set it: a quarter, long enough to book a course, short enough for an
// auditor to accept as a plan.
const DefaultTrainingDueDays = 90

// currencyDigits gives the minor-unit digits of the ISO 4217 currencies
// that do not have two. Any other three-letter upper-case code is taken as
// a currency with two (ISO 4217 adds codes; rolepack does not keep the list).
var currencyDigits = map[string]int{
	"BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0,
	"PYG": 0, "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
	"BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
	"CLF": 4, "UYW": 4,
}

var currencyRE = regexp.MustCompile(`^[A-Z]{3}$`)

// CurrencyDigits returns the number of decimals amounts in the currency are
// written with.
func CurrencyDigits(code string) int {
	if d, ok := currencyDigits[code]; ok {
		return d
	}
	return 2
}

// FormatAmount writes an amount for its currency in English, as the
// command line and the checks' English print it: the ISO 4217 code, a
// no-break space, then the amount grouped in thousands with commas and as
// many decimals as the currency has ("EUR 25,000.00", "JPY 3,000,000",
// "KWD 1,250.500"). The outputs word it in their language (AmountIn).
func FormatAmount(amount float64, currency string) string {
	return AmountIn(messages.Builtin(messages.Reference), amount, currency)
}

// AmountIn is an amount of money as the language of c writes it: the
// digits grouped by number.group, as many decimals as the currency has
// after number.decimal, and the ISO 4217 code where number.amount puts
// it: "EUR 20,000.00", "20.000,00 EUR", "JPY 3,000,000". The code, not a
// symbol, because "$" and "kr" name several currencies; with no currency,
// the number alone.
func AmountIn(c *messages.Catalogue, amount float64, currency string) string {
	s := strconv.FormatFloat(math.Abs(amount), 'f', CurrencyDigits(currency), 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if amount < 0 {
		b.WriteByte('-')
	}
	if n, err := strconv.Atoi(whole); err == nil {
		b.WriteString(c.Number(n))
	} else {
		b.WriteString(whole) // beyond an int: printed as it is
	}
	if frac != "" {
		b.WriteString(c.Text("number.decimal"))
		b.WriteString(frac)
	}
	if currency == "" {
		return b.String()
	}
	return c.Text("number.amount", "amount", b.String(), "currency", currency)
}

// FormatDuration writes a number of days in English (the command line,
// LimitText): "30 days", "1 day", "2 weeks" when it is a whole number of
// weeks. The outputs word it in their language (DurationIn).
func FormatDuration(days int) string {
	return DurationIn(messages.Builtin(messages.Reference), days)
}

// DurationIn is a number of days as the language of c says it: "1 day",
// "30 days", or weeks when it is a whole number of them ("1 week", "2
// weeks").
func DurationIn(c *messages.Catalogue, days int) string {
	if days > 0 && days%7 == 0 {
		return c.Plural("duration.weeks", days/7)
	}
	return c.Plural("duration.days", days)
}

var durationRE = regexp.MustCompile(`^P(\d{1,5})([DW])$`)

// parseDuration reads an ISO 8601 duration of days or weeks ("P30D",
// "P2W") as days. Months and years are refused: their length in days
// varies, so two of them cannot be compared.
func parseDuration(s string) (int, bool) {
	m := durationRE.FindStringSubmatch(strings.ToUpper(strings.TrimSpace(s)))
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	if m[2] == "W" {
		n *= 7
	}
	return n, n > 0
}

// LimitText is the limit of an authority in English, as the command line
// prints it (LimitIn).
func (a *Authority) LimitText() string {
	return a.LimitIn(messages.Builtin(messages.Reference))
}

// LimitIn is the limit of an authority as every output prints it, in the
// language of c: the structured amount and duration, worded, then the
// free-text limit, then where it is delegated from; "" when there is none.
func (a *Authority) LimitIn(c *messages.Catalogue) string {
	var parts []string
	if a.HasAmount {
		parts = append(parts, c.Text("authority.up_to", "amount", AmountIn(c, a.Amount, a.Currency)))
	}
	if a.DurationDays > 0 {
		parts = append(parts, c.Text("authority.for_up_to", "duration", DurationIn(c, a.DurationDays)))
	}
	if a.Limit != "" {
		parts = append(parts, a.Limit)
	}
	if a.DelegatedFrom != nil {
		parts = append(parts, c.Text("authority.delegated_by_role", "role", a.DelegatedFrom.Name))
	} else if a.DelegatedFromID != "" {
		parts = append(parts, c.Text("authority.delegated_by_id", "id", a.DelegatedFromID))
	}
	return strings.Join(parts, c.Text("authority.separator"))
}

// LimitMarkdownIn is LimitIn as inline Markdown, for the outputs that
// render it (the document's runs, the site's HTML, the letters): the
// catalogue's words and names escaped, the free-text limit as written
// (InlineSource).
func (a *Authority) LimitMarkdownIn(c *messages.Catalogue) string {
	var parts []string
	if a.HasAmount {
		parts = append(parts, EscapeInline(c.Text("authority.up_to", "amount", AmountIn(c, a.Amount, a.Currency))))
	}
	if a.DurationDays > 0 {
		parts = append(parts, EscapeInline(c.Text("authority.for_up_to", "duration", DurationIn(c, a.DurationDays))))
	}
	if a.Limit != "" {
		parts = append(parts, InlineSource(a.Limit))
	}
	if a.DelegatedFrom != nil {
		parts = append(parts, EscapeInline(c.Text("authority.delegated_by_role", "role", a.DelegatedFrom.Name)))
	} else if a.DelegatedFromID != "" {
		parts = append(parts, EscapeInline(c.Text("authority.delegated_by_id", "id", a.DelegatedFromID)))
	}
	return strings.Join(parts, EscapeInline(c.Text("authority.separator")))
}

// Delegator returns the delegator's authority this one is delegated from:
// the delegating role's authority with the same text (compared ignoring
// case, spacing and punctuation), or nil when there is none.
func (a *Authority) Delegator() *Authority {
	if a.DelegatedFrom == nil {
		return nil
	}
	key := authorityKey(InlinePlain(a.Text))
	for _, x := range a.DelegatedFrom.Authorities {
		if authorityKey(InlinePlain(x.Text)) == key {
			return x
		}
	}
	return nil
}

func authorityKey(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}), " ")
}
