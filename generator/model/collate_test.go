package model

import (
	"fmt"
	"strings"
	"testing"
)

// TestSortByPerson checks the order every output lists people in: the
// collation of the sort name, then the id; the entries of one person keep
// their order (a person's rows of the training plan), and an entry with
// no person comes first.
func TestSortByPerson(t *testing.T) {
	ann := &Person{ID: "ann", Name: "Ann Ek"}
	emile := &Person{ID: "emile", Name: "Émile Zola"}
	ellen := &Person{ID: "e2", Name: "Ellen Berg", SortName: "Berg, Ellen"}
	twinA := &Person{ID: "b", Name: "Oskar Ek"}
	twinB := &Person{ID: "a", Name: "Oskar Ek"}
	eleni := &Person{ID: "eleni", Name: "Ελένη Παπά"}
	type row struct {
		p    *Person
		what string
	}
	rows := []row{
		{eleni, "1"}, {ann, "first"}, {twinA, "1"}, {emile, "1"}, {nil, "none"},
		{ann, "second"}, {twinB, "1"}, {ellen, "1"}, {ann, "third"},
	}
	// Enough rows of one person that the sort cannot be a plain
	// insertion sort, which would keep them in order by itself.
	for i := range 100 {
		rows = append(rows, row{twinA, fmt.Sprint("x", i)}, row{eleni, fmt.Sprint("x", i)})
	}
	SortByPerson("", rows, func(r row) *Person { return r.p })
	for i, j := 0, 0; i < len(rows); i++ {
		if rows[i].p == twinA && strings.HasPrefix(rows[i].what, "x") {
			if want := fmt.Sprint("x", j); rows[i].what != want {
				t.Fatalf("row %d of b is %s, want %s: one person's rows lost their order", j, rows[i].what, want)
			}
			j++
		}
	}
	var got []string
	for _, r := range rows {
		if strings.HasPrefix(r.what, "x") {
			continue
		}
		if r.p == nil {
			got = append(got, "<nil>")
			continue
		}
		got = append(got, r.p.ID+":"+r.what)
	}
	want := "<nil> ann:first ann:second ann:third e2:1 emile:1 a:1 b:1 eleni:1"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("order\n got %s\nwant %s", g, want)
	}
}

// People sort by the collation of the outputs' language: "Öberg" beside
// "Oberg" in German, after "Zander" in Swedish; Japanese names in kana
// order in Japanese.
func TestSortFollowsTheLanguage(t *testing.T) {
	people := func(names ...string) []*Person {
		var ps []*Person
		for i, n := range names {
			ps = append(ps, &Person{ID: fmt.Sprint("p", i), Name: n})
		}
		return ps
	}
	names := func(ps []*Person) string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Name)
		}
		return strings.Join(out, ", ")
	}
	for _, tc := range []struct{ lang, want string }{
		{"de", "Oberg, Öberg, Olsen, Zander"},
		{"sv", "Oberg, Olsen, Zander, Öberg"},
		{"", "Oberg, Öberg, Olsen, Zander"},
	} {
		ps := people("Zander", "Öberg", "Olsen", "Oberg")
		SortPeople(tc.lang, ps)
		if got := names(ps); got != tc.want {
			t.Errorf("%q: %s; want %s", tc.lang, got, tc.want)
		}
	}
	ps := people("わたなべ", "あべ", "かとう")
	SortPeople("ja", ps)
	if got := names(ps); got != "あべ, かとう, わたなべ" {
		t.Errorf("ja: %s; want the gojūon order あべ, かとう, わたなべ", got)
	}
}
