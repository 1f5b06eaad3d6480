package site_test

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

var (
	rotRE = regexp.MustCompile(`<th scope="col" class="rot">`)
	numRE = regexp.MustCompile(`<th scope="col" class="num">`)
	keyRE = regexp.MustCompile(`(?s)<ol class="key" aria-labelledby="(raci|comp)-key">(.*?)</ol>`)
)

// TestNumberedGrids: on every pack of the set, each grid (the RACI, the
// competence matrix) turns its column names exactly when the view says
// they fit, and otherwise numbers its columns, one per role or
// competence, with a key above the grid naming each in column order (the
// RACI's linked to the role's page).
func TestNumberedGrids(t *testing.T) {
	for _, lp := range packtest.LoadAll(t) {
		t.Run(lp.Name, func(t *testing.T) {
			v := view.New(lp.Model, st, check.Run(lp.Model, st.Date()))
			w := &mapWriter{files: map[string][]byte{}}
			if err := site.Build(v, site.Options{}, w); err != nil {
				t.Fatal(err)
			}
			keys := map[string]string{}
			for _, page := range []string{"site/raci.html", "site/competence.html"} {
				for _, m := range keyRE.FindAllStringSubmatch(string(w.files[page]), -1) {
					keys[m[1]] = m[2]
				}
			}
			var roles, comps []string
			for _, r := range v.RACI.Roles {
				roles = append(roles, `<li><a href="roles/`+r.ID+`.html">`+html.EscapeString(r.Name)+`</a></li>`)
			}
			for _, c := range v.Competence.Competences {
				comps = append(comps, `<li>`+html.EscapeString(c.Name)+`</li>`)
			}
			for _, g := range []struct {
				page, key string
				grid      bool // shown as a grid at all
				numbered  bool
				entries   []string
			}{
				{"site/raci.html", "raci", v.RACI.Grid, v.RACI.Numbered, roles},
				{"site/competence.html", "comp", true, v.Competence.Numbered, comps},
			} {
				page := string(w.files[g.page])
				rot, num := len(rotRE.FindAllString(page, -1)), len(numRE.FindAllString(page, -1))
				switch {
				case !g.grid:
					if rot+num > 0 || keys[g.key] != "" {
						t.Errorf("%s: a listing, with grid headers or a key", g.page)
					}
				case g.numbered:
					if rot != 0 || num != len(g.entries) {
						t.Errorf("%s: %d turned and %d numbered headers, want %d numbered", g.page, rot, num, len(g.entries))
					}
					if got, want := keys[g.key], strings.Join(g.entries, ""); got != want {
						t.Errorf("%s: the key is\n%.300s\nwant\n%.300s", g.page, got, want)
					}
				default:
					if num != 0 || rot != len(g.entries) || keys[g.key] != "" {
						t.Errorf("%s: %d turned and %d numbered headers and key %q, want %d turned and no key", g.page, rot, num, keys[g.key], len(g.entries))
					}
				}
			}
		})
	}
}
