package site_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/internal/packtest"
)

// searchEntry is an entry of the search index, as search.js reads it.
type searchEntry struct {
	Kind  string `json:"k"`
	Text  string `json:"t"`
	Sub   string `json:"s,omitempty"`
	URL   string `json:"u"`
	Extra string `json:"x,omitempty"`
}

// runSearch runs the site's search.js in node over a built site's index
// (or over entries), and returns the links of the results of each query,
// best first, and the folded form of each of folds.
func runSearch(t *testing.T, files map[string][]byte, entries []searchEntry, queries, folds []string) ([][]string, []string) {
	t.Helper()
	node := packtest.NeedTool(t, "node")
	dir := t.TempDir()
	job := map[string]any{"queries": queries, "folds": folds, "entries": entries}
	for _, name := range []string{"search.js", "search-index.js"} {
		if files["site/"+name] == nil {
			continue
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, files["site/"+name], 0o644); err != nil {
			t.Fatal(err)
		}
		job[map[string]string{"search.js": "script", "search-index.js": "index"}[name]] = p
	}
	jobData, _ := json.Marshal(job)
	jobFile := filepath.Join(dir, "job.json")
	if err := os.WriteFile(jobFile, jobData, 0o644); err != nil {
		t.Fatal(err)
	}
	driver, err := filepath.Abs("testdata/search_driver.js")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, driver, jobFile).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var res struct {
		Results [][]string
		Folds   []string
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("node printed %q: %v", out, err)
	}
	return res.Results, res.Folds
}

// siteScript returns only the site's search.js, for searches over entries
// of a test's own.
func siteScript(t *testing.T) map[string][]byte {
	files := build(t, packtest.Load(t, packtest.Minimal), site.Options{})
	return map[string][]byte{"site/search.js": files["site/search.js"]}
}

// Each folding rule, on its own: what a reader types and the native
// spelling fold to the same text.
func TestSearchFolding(t *testing.T) {
	pairs := [][2]string{
		{"Weiß", "weiss"}, {"Søren", "soren"}, {"Ærøskøbing", "aeroskobing"}, {"Łódź", "lodz"},
		{"Zoë Ñúñez", "zoe nunez"}, {"Wiśniewska", "wisniewska"}, {"Dvořák", "dvorak"}, {"Þórsdóttir", "thorsdottir"},
		{"Παπαδόπουλος", "papadopoulos"}, {"Παπαδοπουλος", "papadopoulos"}, {"Ελένη", "eleni"}, {"Ευάγγελος", "evangelos"},
		{"Коваленко", "kovalenko"}, {"Олена", "olena"}, {"Шевченко", "shevchenko"}, {"Ђорђевић", "djordjevic"},
		{"A.5.24", "a.5.24"},
	}
	var in []string
	for _, p := range pairs {
		in = append(in, p[0])
	}
	_, folded := runSearch(t, siteScript(t), nil, nil, in)
	for i, p := range pairs {
		if folded[i] != p[1] {
			t.Errorf("fold(%q) = %q, want %q", p[0], folded[i], p[1])
		}
	}
	// ü is found as u and as ue.
	entries := []searchEntry{{Kind: "Person", Text: "Jörg Müller", URL: "people/mueller.html"}, {Kind: "Person", Text: "Anna Muster", URL: "people/muster.html"}}
	results, _ := runSearch(t, siteScript(t), entries, []string{"Muller", "Mueller", "joerg mu", "MÜLLER"}, nil)
	for i, r := range results {
		if len(r) != 1 || r[0] != "people/mueller.html" {
			t.Errorf("query %d finds %v, want only Jörg Müller", i, r)
		}
	}
}

// The ranking: the exact title, then titles starting with the query, then
// people's names, then other titles, then any other text.
func TestSearchRanking(t *testing.T) {
	entries := []searchEntry{
		{Kind: "Activity", Text: "Ship goods", Sub: "Bergen office", URL: "a-other-text"},
		{Kind: "Responsibility", Text: "Brief the Data Berg team", Sub: "Some role", URL: "r-other-title"},
		{Kind: "Person", Text: "Anna Berg", URL: "p-person"},
		{Kind: "Role", Text: "Bergen Site Lead", URL: "r-prefix"},
		{Kind: "Role", Text: "Berg", URL: "r-exact"},
		{Kind: "Role", Text: "Auditor", URL: "r-unrelated", Extra: "auditor A.5.35"},
	}
	results, _ := runSearch(t, siteScript(t), entries, []string{"berg", "a.5.35", "5.35"}, nil)
	want := [][]string{{"r-exact", "r-prefix", "p-person", "r-other-title", "a-other-text"}, {"r-unrelated"}, {"r-unrelated"}}
	for i := range want {
		if !slices.Equal(results[i], want[i]) {
			t.Errorf("query %d: %v, want %v", i, results[i], want[i])
		}
	}
}

// On the example and second packs: every role's and every person's exact
// name puts its page first; ids and clause references are found; names
// typed without their accents, or Greek and Cyrillic names typed in Latin
// letters, find the person.
func TestSearchPacks(t *testing.T) {
	second, err := model.Load("../../testdata/packs/second")
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]*model.Pack{"example": example(t), "second": second} {
		t.Run(name, func(t *testing.T) {
			files := build(t, p, site.Options{})
			var queries, wants []string
			names := map[string]int{}
			for _, person := range p.People {
				if person.IsActive() {
					names[person.Name]++
				}
			}
			for _, r := range p.Roles {
				queries, wants = append(queries, r.Name, r.ID), append(wants, "roles/"+r.ID+".html", "roles/"+r.ID+".html")
			}
			for _, person := range p.People {
				if person.IsActive() && names[person.Name] == 1 {
					queries, wants = append(queries, person.Name), append(wants, "people/"+person.ID+".html")
				}
			}
			found := map[string]string{ // what a reader types → a page it must find among the first results
				"example:Zoe Nunez":          "people/zoe-nunez.html",
				"example:Soren":              "people/",
				"example:Eleni Papadopoulou": "people/",
				"example:Ελενη Παπαδοπουλου": "people/",
				"example:Dmitrii Ivanov":     "people/",
				"example:A.5.1":              "roles/",
				"example:6.1.2":              "roles/",
				"example:risk-method":        "raci.html#risk-method",
				"second:Wisniewska":          "people/",
				"second:Lukasz Zielinski":    "people/",
				"second:Saether":             "people/",
				"second:Soren Kjaer":         "people/",
				"second:Olena Kovalenko":     "people/",
				"second:Papadopoulos":        "people/",
				"second:A.5.24":              "roles/",
			}
			var extra []string
			for k := range found {
				if pk, q, _ := cut(k); pk == name {
					extra = append(extra, q)
				}
			}
			slices.Sort(extra)
			results, _ := runSearch(t, files, nil, append(queries, extra...), nil)
			for i, q := range queries {
				if len(results[i]) == 0 || results[i][0] != wants[i] {
					t.Errorf("%q: first result %v, want %s", q, results[i], wants[i])
				}
			}
			for i, q := range extra {
				r := results[len(queries)+i]
				want := found[name+":"+q]
				if len(r) == 0 || !hasPrefix(r[0], want) {
					t.Errorf("%q: results %v, want %s… first", q, r, want)
				}
			}
		})
	}
}

func cut(s string) (string, string, bool) {
	for i := range s {
		if s[i] == ':' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }
