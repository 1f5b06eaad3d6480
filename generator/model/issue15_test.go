package model

import "testing"

// A mistyped id is suggested transliterated, not with its letters dropped.
func TestSlugifyTransliterates(t *testing.T) {
	for in, want := range map[string]string{
		"jürgen-weiss":     "juergen-weiss",
		"Jürgen Weiß":      "juergen-weiss",
		"Søren Kjær":       "soren-kjaer",
		"José Álvarez":     "jose-alvarez",
		"Łukasz Zieliński": "lukasz-zielinski",
		"Internal Auditor": "internal-auditor",
		"Αθηνά":            "",
	} {
		if got := slugify(in); got != want {
			t.Errorf("slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

// Amounts print for their currency; durations parse in days and weeks only.
func TestAmountsAndDurations(t *testing.T) {
	for _, tc := range []struct {
		amount   float64
		currency string
		want     string
	}{
		{25000, "EUR", "EUR\u00a025,000.00"},
		{3000000, "JPY", "JPY\u00a03,000,000"},
		{1250.5, "KWD", "KWD\u00a01,250.500"},
		{999.994, "NOK", "NOK\u00a0999.99"},
		{0, "VND", "VND\u00a00"},
	} {
		if got := FormatAmount(tc.amount, tc.currency); got != tc.want {
			t.Errorf("FormatAmount(%v, %s) = %q, want %q", tc.amount, tc.currency, got, tc.want)
		}
	}
	for in, want := range map[string]int{"P30D": 30, "p2w": 14, "P0D": 0, "P1M": 0, "30": 0, "P1Y": 0} {
		if got, _ := parseDuration(in); got != want {
			t.Errorf("parseDuration(%q) = %d, want %d", in, got, want)
		}
	}
}
