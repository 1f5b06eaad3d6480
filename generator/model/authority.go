package model

import (
	"math"
	"regexp"
	"strconv"
	"strings"
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
// command line and the checks' English print it (the outputs word it in
// their language, view.View.Amount): the ISO 4217 code, a no-break space, then the amount grouped in thousands
// with commas and as many decimals as the currency has ("EUR 25,000.00",
// "JPY 3,000,000", "KWD 1,250.500"). The code, not a symbol, because "$"
// and "kr" name several currencies.
func FormatAmount(amount float64, currency string) string {
	digits := CurrencyDigits(currency)
	s := strconv.FormatFloat(math.Abs(amount), 'f', digits, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if amount < 0 {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	if currency == "" {
		return b.String()
	}
	return currency + "\u00a0" + b.String()
}

// FormatDuration writes a number of days for a reader of English (the
// command line, LimitText): "30 days", "1 day", "2 weeks" when it is a
// whole number of weeks. The outputs use view.View.Duration.
func FormatDuration(days int) string {
	switch {
	case days == 1:
		return "1 day"
	case days%7 == 0 && days >= 14:
		return strconv.Itoa(days/7) + " weeks"
	case days == 7:
		return "1 week"
	}
	return strconv.Itoa(days) + " days"
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

// LimitText is the limit of an authority in English, as `rolepack diff`
// prints it: the structured amount and duration, formatted, then the
// free-text limit, then where it is delegated from; "" when there is none.
// The outputs print view.View.LimitText, in their language.
func (a *Authority) LimitText() string {
	var parts []string
	if a.HasAmount {
		parts = append(parts, "up to "+FormatAmount(a.Amount, a.Currency))
	}
	if a.DurationDays > 0 {
		parts = append(parts, "for up to "+FormatDuration(a.DurationDays))
	}
	if a.Limit != "" {
		parts = append(parts, a.Limit)
	}
	if a.DelegatedFrom != nil {
		parts = append(parts, "delegated by the "+a.DelegatedFrom.Name)
	} else if a.DelegatedFromID != "" {
		parts = append(parts, "delegated by "+a.DelegatedFromID)
	}
	return strings.Join(parts, "; ")
}

// Delegator returns the delegator's authority this one is delegated from:
// the delegating role's authority with the same text (compared ignoring
// case, spacing and punctuation), or nil when there is none.
func (a *Authority) Delegator() *Authority {
	if a.DelegatedFrom == nil {
		return nil
	}
	key := authorityKey(a.Text)
	for _, x := range a.DelegatedFrom.Authorities {
		if authorityKey(x.Text) == key {
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
