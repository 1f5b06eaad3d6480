package view_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// modelView is the minimal pack's view in lang.
func modelView(t *testing.T, lang string) *view.View {
	t.Helper()
	p := packtest.Load(t, packtest.Minimal)
	return view.New(p, stamp.Stamp{}, &check.Report{}, view.WithWords(messages.Builtin(lang)))
}

// modelItems are training plan rows of every kind of competence, owner
// and due date. The names are not English words, so that an English word
// found in a text is the catalogue's.
func modelItems() []model.TrainingItem {
	boss := &model.Person{Name: "Zoë Zylberg"}
	top := &model.Role{Name: "Ödön Qvist"}
	role := &model.Role{Name: "Xaver Yüksel", ReportsTo: top}
	planned := &model.Record{Status: model.RecordPlanned}
	var out []model.TrainingItem
	for i, kind := range append(model.CompetenceKinds, "") {
		it := model.TrainingItem{
			Person: &model.Person{Name: "Åsa Ørn"}, Role: role,
			Competence: &model.Competence{Name: "Qzx" + strconv.Itoa(i), Kind: kind}, Required: 2, Held: 1,
		}
		switch i % 3 {
		case 0:
			it.Owner, it.OwnerBasis = boss, model.OwnerLineManager
		case 1:
			it.Owner, it.OwnerBasis = boss, model.OwnerRoleHolder
		}
		if i%2 == 0 {
			it.Due = model.NewDate(2026, 12, 1)
		}
		if i%4 < 2 {
			it.Planned = planned
		}
		out = append(out, it)
	}
	return out
}

// modelAuthorities are limits of every shape: amounts in currencies of 0,
// 2 and 3 decimals, durations of days and weeks, a free-text limit, a
// delegation from a role and from an id the pack lacks.
func modelAuthorities() []*model.Authority {
	from := &model.Role{Name: "Ödön Qvist"}
	return []*model.Authority{
		{Text: "a", HasAmount: true, Amount: 20000, Currency: "EUR"},
		{Text: "b", HasAmount: true, Amount: 2500.5, Currency: "EUR", DurationDays: 14, DelegatedFrom: from},
		{Text: "c", DurationDays: 1, Limit: "Qzx", DelegatedFromID: "qzx-role"},
		{Text: "d", DurationDays: 30},
		{Text: "e", HasAmount: true, Amount: 3000000, Currency: "JPY", DurationDays: 7},
		{Text: "f", HasAmount: true, Amount: 1250.5, Currency: "KWD"},
		{Text: "g"},
	}
}

// modelTexts are every text modeltext.go words, for the rows and limits
// above and a few durations and amounts.
func modelTexts(v *view.View) []string {
	var out []string
	for _, it := range modelItems() {
		out = append(out, v.TrainingAction(it), v.TrainingOwner(it), v.TrainingDue(it), v.TrainingStatus(it))
	}
	for _, a := range modelAuthorities() {
		out = append(out, v.LimitText(a))
	}
	for _, d := range []int{1, 2, 6, 7, 14, 21, 30, 365} {
		out = append(out, v.Duration(d))
	}
	for _, k := range model.CompetenceKinds {
		out = append(out, v.CompetenceKind(k))
	}
	return append(out, v.Amount(20000, "EUR"), v.Amount(-12.5, "USD"), v.Amount(1234567, ""))
}

// areaPieces are the literal pieces of the English messages of the base
// catalogue's training, authority, duration and competence_kind tables
// that lang words otherwise: the text between placeholders, trimmed of
// spaces and punctuation, at least two letters long.
func areaPieces(t *testing.T, lang string) []string {
	t.Helper()
	en, w := messages.Builtin("en"), messages.Builtin(lang)
	placeholder := regexp.MustCompile(`\{[a-z_]+\}`)
	var out []string
	for _, key := range en.Keys() {
		if !strings.HasPrefix(key, "training.") && !strings.HasPrefix(key, "authority.") &&
			!strings.HasPrefix(key, "duration.") && !strings.HasPrefix(key, "competence_kind.") {
			continue
		}
		for _, n := range []int{1, 2} {
			e, l := en.Plural(key, n), w.Plural(key, n)
			if !strings.HasPrefix(key, "duration.") {
				e, l = en.Text(key), w.Text(key)
			}
			if e == l {
				continue // the same word in both (Dutch "training")
			}
			for _, piece := range placeholder.Split(e, -1) {
				piece = strings.Trim(piece, " ;:,.()")
				// A piece the language's own message has is its word too
				// (French "certification").
				if len([]rune(piece)) >= 2 && strings.ContainsAny(piece, "abcdefghijklmnopqrstuvwxyz") && !strings.Contains(l, piece) {
					out = append(out, piece)
				}
			}
		}
	}
	if len(out) < 20 {
		t.Fatalf("%s: only %d English pieces to look for", lang, len(out))
	}
	return out
}

// In every language but English, the training plan's words, an
// authority's limit, durations, amounts and competence kinds leave no
// English word of theirs and no placeholder unfilled.
func TestModelTextsInTheReadersLanguage(t *testing.T) {
	word := func(s, piece string) bool {
		for i := strings.Index(s, piece); i >= 0; {
			before, after := s[:i], s[i+len(piece):]
			lb := before == "" || !isLetter(before[len(before)-1])
			la := after == "" || !isLetter(after[0])
			if lb && la {
				return true
			}
			j := strings.Index(after, piece)
			if j < 0 {
				break
			}
			i += len(piece) + j
		}
		return false
	}
	for _, lang := range messages.Languages() {
		if lang == "en" {
			continue
		}
		t.Run(lang, func(t *testing.T) {
			v := modelView(t, lang)
			pieces := areaPieces(t, lang)
			for _, s := range modelTexts(v) {
				if strings.Contains(s, "{") || strings.Contains(s, "}") {
					t.Errorf("%q: a placeholder left", s)
				}
				for _, p := range pieces {
					if word(s, p) {
						t.Errorf("%q: English %q left", s, p)
					}
				}
			}
		})
	}
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// The English wording is what the model printed before it was worded by
// the catalogue, so the English outputs do not change.
func TestModelTextsEnglish(t *testing.T) {
	v := modelView(t, "en")
	for _, a := range modelAuthorities() {
		if got, want := v.LimitText(a), a.LimitText(); got != want {
			t.Errorf("limit %q, want the model's %q", got, want)
		}
		if a.HasAmount {
			if got, want := v.Amount(a.Amount, a.Currency), model.FormatAmount(a.Amount, a.Currency); got != want {
				t.Errorf("amount %q, want the model's %q", got, want)
			}
		}
	}
	for d := 1; d <= 70; d++ {
		if got, want := v.Duration(d), model.FormatDuration(d); got != want {
			t.Errorf("%d days: %q, want %q", d, got, want)
		}
	}
	items := modelItems()
	for i, want := range []string{
		"Record the qualification, or agree an equivalent with HR",
		"Gain supervised experience to level 2 Practitioner (mentoring or shadowing)",
		"Complete Qzx2 training to level 2 Practitioner",
		"Obtain the Qzx3 certification",
		"Develop Qzx4 to level 2 Practitioner (training or coaching)",
		"Develop Qzx5 to level 2 Practitioner (training or coaching)",
	} {
		if got := v.TrainingAction(items[i]); got != want {
			t.Errorf("action %q, want %q", got, want)
		}
	}
	for i, want := range []string{
		"Zoë Zylberg (line manager)", "Zoë Zylberg (holder of Ödön Qvist)", "", "Zoë Zylberg (line manager)",
	} {
		if got := v.TrainingOwner(items[i]); got != want {
			t.Errorf("owner %d %q, want %q", i, got, want)
		}
	}
	for i, want := range []string{"2026-12-01 (planned)", "planned", "2026-12-01", ""} {
		if got := v.TrainingDue(items[i]); got != want {
			t.Errorf("due %d %q, want %q", i, got, want)
		}
	}
	if got := v.TrainingStatus(items[0]) + " " + v.TrainingStatus(items[2]); got != "planned open" {
		t.Errorf("statuses %q", got)
	}
}

// Amounts and durations as each language writes them: its decimal
// separator and grouping, the code where its business documents put it,
// and the plural form the count asks for.
func TestAmountsAndDurations(t *testing.T) {
	for _, tc := range []struct {
		lang   string
		amount float64
		code   string
		want   string
	}{
		{"en", 20000, "EUR", "EUR\u00a020,000.00"},
		{"en", 1250.5, "KWD", "KWD\u00a01,250.500"},
		{"en", 3000000, "JPY", "JPY\u00a03,000,000"},
		{"en", -12.5, "USD", "USD\u00a0-12.50"},
		{"en", 1234567, "", "1,234,567.00"},
		{"de", 20000, "EUR", "20.000,00\u00a0EUR"},
		{"de", 2500.5, "EUR", "2.500,50\u00a0EUR"},
		{"fr", 20000, "EUR", "20\u202f000,00\u00a0EUR"},
		{"es", 1234.5, "EUR", "1234,50\u00a0EUR"},
		{"es", 20000, "EUR", "20.000,00\u00a0EUR"},
		{"it", 20000, "EUR", "20.000,00\u00a0EUR"},
		{"nl", 20000, "EUR", "EUR\u00a020.000,00"},
		{"pt", 20000, "BRL", "BRL\u00a020.000,00"},
		{"ja", 3000000, "JPY", "JPY\u00a03,000,000"},
		{"zh-Hans", 20000, "CNY", "CNY\u00a020,000.00"},
	} {
		if got := modelView(t, tc.lang).Amount(tc.amount, tc.code); got != tc.want {
			t.Errorf("%s: %v %s is %q, want %q", tc.lang, tc.amount, tc.code, got, tc.want)
		}
	}
	for _, tc := range []struct {
		lang string
		days int
		want string
	}{
		{"en", 1, "1 day"}, {"en", 7, "1 week"}, {"en", 14, "2 weeks"}, {"en", 30, "30 days"},
		{"de", 1, "1 Tag"}, {"de", 2, "2 Tage"}, {"de", 7, "1 Woche"}, {"de", 21, "3 Wochen"},
		{"fr", 1, "1 jour"}, {"fr", 30, "30 jours"}, {"fr", 14, "2 semaines"},
		{"es", 1, "1 día"}, {"it", 7, "1 settimana"}, {"nl", 10, "10 dagen"}, {"pt", 14, "2 semanas"},
		{"ja", 14, "2週間"}, {"ja", 1, "1日"}, {"zh-Hans", 30, "30天"}, {"zh-Hans", 7, "1周"},
	} {
		if got := modelView(t, tc.lang).Duration(tc.days); got != tc.want {
			t.Errorf("%s: %d days is %q, want %q", tc.lang, tc.days, got, tc.want)
		}
	}
	a := modelAuthorities()[1]
	for lang, want := range map[string]string{
		"en":      "up to EUR\u00a02,500.50; for up to 2 weeks; delegated by the Ödön Qvist",
		"de":      "bis zu 2.500,50\u00a0EUR; für bis zu 2 Wochen; delegiert von der Rolle „Ödön Qvist“",
		"fr":      "jusqu'à 2\u202f500,50\u00a0EUR\u202f; pendant 2 semaines au plus\u202f; déléguée par le rôle «\u00a0Ödön Qvist\u00a0»",
		"ja":      "EUR\u00a02,500.50まで；最長2週間；「Ödön Qvist」から委譲",
		"zh-Hans": "不超过EUR\u00a02,500.50；期限最长2周；由“Ödön Qvist”委派",
	} {
		if got := modelView(t, lang).LimitText(a); got != want {
			t.Errorf("%s: limit %q, want %q", lang, got, want)
		}
	}
}
