package site_test

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/generator/synth"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

// These tests check that the site states what the view states (issue 12:
// the outputs had each worked out their own view of the pack).

// synthPack generates and loads a synthetic pack of the given number of
// roles; edit, if given, rewrites its RACI file first.
func synthPack(t *testing.T, roles int, edit func(raci string) string) *model.Pack {
	t.Helper()
	files, err := synth.Generate(synth.Options{Size: synth.Size{Roles: roles, People: 4*roles + 60, Activities: 2 * roles, Competences: 12},
		Seed: 3, AsOf: model.NewDate(2026, 6, 30), Findings: 4})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range files {
		data := f.Data
		if f.Path == "raci.toml" && edit != nil {
			data = []byte(edit(string(data)))
		}
		name := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := model.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var (
	letterSpanRE = regexp.MustCompile(`<span class="letter ?([^"]*)">([^<]*)</span>`)
	partsRE      = regexp.MustCompile(`(?s)<dt><span class="letter[^"]*">([A-Z]+)</span>.*?</dt><dd>(.*?)</dd>`)
	roleLinkRE   = regexp.MustCompile(`href="[./]*roles/([^"]+)\.html"`)
)

// A role named twice under one letter shows that letter once, in every
// cell of every page, in the grid (4 roles) and in the listing (45 roles).
func TestNoDoubledLetters(t *testing.T) {
	small := packtest.Load(t, packtest.Edit(packtest.Minimal, "raci.toml", `responsible = ["sysadmin"]`, `responsible = ["sysadmin", "sysadmin"]`))
	large := synthPack(t, 45, func(raci string) string {
		return regexp.MustCompile(`(?m)^responsible = ("[^"]+")$`).ReplaceAllString(raci, `responsible = [$1, $1]`)
	})
	for name, p := range map[string]*model.Pack{"grid": small, "listing": large} {
		t.Run(name, func(t *testing.T) {
			v := view.New(p, st, check.Run(p, st.Date()))
			if v.RACI.Grid != (name == "grid") {
				t.Fatalf("grid = %v for %d roles", v.RACI.Grid, len(v.RACI.Roles))
			}
			files := build(t, p, site.Options{})
			spans := 0
			for page, data := range files {
				for _, m := range letterSpanRE.FindAllStringSubmatch(string(data), -1) {
					spans++
					if m[2] == "" || m[2] != view.Fold(m[2]) {
						t.Errorf("%s: RACI cell %q (want each letter once, in R A S C I order)", page, m[2])
					}
					if want, _ := view.CellColour(m[2]); view.Palette[strings.ToUpper(strings.TrimPrefix(m[1], "l-"))] != want {
						t.Errorf("%s: RACI cell %q has class %q, not the colour view.CellColour gives it", page, m[2], m[1])
					}
				}
			}
			if spans == 0 {
				t.Fatal("no letters found on any page")
			}
			raci := string(files["site/raci.html"])
			if name == "listing" {
				parts := partsRE.FindAllStringSubmatch(raci, -1)
				if len(parts) == 0 {
					t.Fatal("raci.html has no listing")
				}
				for _, m := range parts {
					seen := map[string]bool{}
					for _, l := range roleLinkRE.FindAllStringSubmatch(m[2], -1) {
						if seen[l[1]] {
							t.Errorf("raci.html: %s listed twice under %s", l[1], m[1])
						}
						seen[l[1]] = true
					}
				}
			}
			// The role page and the RACI page agree on the doubled role.
			if name == "grid" && !strings.Contains(string(files["site/roles/sysadmin.html"]), `<a href="../raci.html#patching">Patch servers</a></td><td>Operations</td><td><span class="letter l-r">R</span>`) {
				t.Error("sysadmin's page does not show a single R for patching")
			}
		})
	}
}

// seatsPack is the minimal pack with Rita, who holds no role but chairs and
// sits on the Management Review Team, and Sam, who has no seat at all.
func seatsPack(t *testing.T) *model.Pack {
	a := packtest.Edit(packtest.Minimal, "people.toml", "[[person]]\nid = \"eve\"", `[[person]]
id = "rita"
name = "Rita Review"
job_title = "Quality Director"
area = "ops"

[[person]]
id = "sam"
name = "Sam Staff"
job_title = "Clerk"
area = "ops"

[[person]]
id = "eve"`)
	a = packtest.Edit(a, "review-team.toml", `chair = "ceo-person"`, `chair = "rita"`)
	a = packtest.Edit(a, "review-team.toml", "[[meeting]]", `[[member]]
person = "rita"
area = "ops"
deputy = "dora"
senior_leadership = true

[[meeting]]`)
	return packtest.Load(t, a)
}

// A review-team member who holds no role has a seat: their page names it
// and the chair, asks for their acknowledgement, and does not say they
// have no role.
func TestReviewSeatOnPersonPage(t *testing.T) {
	files := build(t, seatsPack(t), site.Options{})
	page := "site/people/rita.html"
	assertContains(t, files, page, "Chair of the Management Review Team", "Member for Operations (senior leadership)",
		`deputy <a href="../people/dora.html">Dora Deputy</a>`, "Not yet acknowledged")
	if strings.Contains(string(files[page]), "No named role") {
		t.Errorf("%s says No named role for a review-team member", page)
	}
	// Dora deputises for Rita on the team, and Carla no longer chairs.
	assertContains(t, files, "site/people/dora.html", `Deputy for <a href="../people/rita.html">Rita Review</a>, member for Operations`)
	if strings.Contains(string(files["site/people/ceo-person.html"]), "Chair of the") {
		t.Error("the former chair's page still says Chair")
	}
}

// Someone with no seat is not asked to acknowledge: their page shows no
// acknowledgement state, and does say they have no named role.
func TestNoSeatNoAcknowledgement(t *testing.T) {
	files := build(t, seatsPack(t), site.Options{})
	page := "site/people/sam.html"
	assertContains(t, files, page, "No named role")
	if s := strings.ToLower(mainOf(string(files[page]))); strings.Contains(s, "acknowledg") {
		t.Errorf("%s shows an acknowledgement state for someone with no seat", page)
	}
	assertContains(t, files, "site/people/ann.html", "Acknowledged version 1.0 on <time>2026-06-20</time>")
}

var letterRuleRE = regexp.MustCompile(`\.l-([a-z])\{background:([^;}]+);color:([^;}]+)\}`)

// The letter colours on every page are view.Palette's, and the default
// stylesheet sets none of its own.
func TestLetterColoursArePalette(t *testing.T) {
	files := build(t, example(t), site.Options{})
	for page, data := range files {
		if !strings.HasSuffix(page, ".html") {
			continue
		}
		rules := letterRuleRE.FindAllStringSubmatch(string(data), -1)
		if len(rules) != len(model.Letters) {
			t.Errorf("%s: %d letter colour rules, want %d", page, len(rules), len(model.Letters))
			continue
		}
		for _, m := range rules {
			want, ok := view.Palette[strings.ToUpper(m[1])]
			if !ok || m[2] != want.Fill || m[3] != want.Text {
				t.Errorf("%s: .l-%s is %s on %s, palette says %s on %s", page, m[1], m[3], m[2], want.Text, want.Fill)
			}
		}
	}
	if regexp.MustCompile(`\.l-[a-z]\s*\{`).Match(files["site/style.css"]) {
		t.Error("style.css sets letter colours of its own")
	}
}

var (
	chartBoxRE     = regexp.MustCompile(`<a href="roles/([^"]+)\.html" tabindex="-1"><rect x="[^"]*" y="([^"]*)" width="[^"]*" height="([^"]*)"[^>]*/><text class="name"[^>]*>(.*?)</text><text [^>]*class="sub">([^<]*)</text>`)
	chartItemRE    = regexp.MustCompile(`<li><a href="roles/([^"]+)\.html" tabindex="-1">([^<]*)</a> <span class="limit">([^<]*)</span>`)
	tspanRE        = regexp.MustCompile(`<tspan x="[^"]*" y="([^"]*)">([^<]*)</tspan>`)
	chartDrawingRE = regexp.MustCompile(`(?s)<div class="(chart-(?:wide|medium))">(.*?)\n</div>\n`)
)

// Every drawing of the chart (one per column width) has every role once,
// with its full name in lines that sit inside its box and its holder count
// in words: for the example, a 45-role synthetic pack, and a name with a
// word longer than a line.
func TestChartFullNames(t *testing.T) {
	longWord := packtest.Load(t, packtest.Edit(packtest.Minimal, "roles/sysadmin.toml", `name = "System Administrator"`,
		`name = "Informatiebeveiligingsfunctionaris voor de systemen"`))
	for name, p := range map[string]*model.Pack{"example": example(t), "synthetic-45": synthPack(t, 45, nil), "long-word": longWord} {
		t.Run(name, func(t *testing.T) {
			files := build(t, p, site.Options{})
			v := view.New(p, st, nil)
			chart := string(files["site/chart.html"])
			drawings := chartDrawingRE.FindAllStringSubmatch(chart, -1)
			if len(drawings) != 2 {
				t.Fatalf("%d drawings, want 2 (wide, medium)", len(drawings))
			}
			for _, d := range drawings {
				drawn := map[string]string{}
				holders := map[string]string{}
				for _, m := range chartBoxRE.FindAllStringSubmatch(d[2], -1) {
					top, height := number(t, m[2]), number(t, m[3])
					var text strings.Builder
					for _, l := range tspanRE.FindAllStringSubmatch(m[4], -1) {
						if y := number(t, l[1]); y <= top || y >= top+height {
							t.Errorf("%s: %s: line %q at y %v is outside its box (%v + %v)", d[1], m[1], l[2], y, top, height)
						}
						text.WriteString(html.UnescapeString(l[2]))
					}
					if _, dup := drawn[m[1]]; dup {
						t.Errorf("%s: %s drawn twice", d[1], m[1])
					}
					drawn[m[1]], holders[m[1]] = text.String(), m[5]
				}
				for _, m := range chartItemRE.FindAllStringSubmatch(d[2], -1) {
					if _, dup := drawn[m[1]]; dup {
						t.Errorf("%s: %s drawn twice", d[1], m[1])
					}
					drawn[m[1]], holders[m[1]] = html.UnescapeString(m[2]), m[3]
				}
				for _, r := range v.Roles {
					got, ok := drawn[r.ID]
					if !ok {
						t.Errorf("%s: %s is not drawn", d[1], r.ID)
						continue
					}
					if want := strings.Join(strings.Fields(r.Name), " "); got != want {
						t.Errorf("%s: %s: box says %q, want %q", d[1], r.ID, got, want)
					}
					if holders[r.ID] != r.HolderCount() {
						t.Errorf("%s: %s: holders %q, want %q", d[1], r.ID, holders[r.ID], r.HolderCount())
					}
				}
			}
			if strings.Contains(chart, "holder(s)") {
				t.Error("chart says holder(s)")
			}
		})
	}
}

func number(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return f
}

// mainOf returns the <main> element of a page: what the page says, without
// the header and the footer every page shares.
func mainOf(page string) string {
	_, rest, _ := strings.Cut(page, "<main")
	body, _, _ := strings.Cut(rest, "</main>")
	return body
}

// A draft names its approver as the one who is to approve it, never
// "Approved by"; an approved document says who approved it and when.
func TestApprovalWording(t *testing.T) {
	draft := packtest.Edit(packtest.Minimal, "pack.toml", `status = "approved"`, `status = "draft"`)
	draft = packtest.Edit(draft, "pack.toml", "approval_date = 2026-06-01\n", "")
	files := build(t, packtest.Load(t, draft), site.Options{})
	home := string(files["site/index.html"])
	if strings.Contains(home, "Approved by") {
		t.Error("the home page of a draft says Approved by")
	}
	assertContains(t, files, "site/index.html", "To be approved by", "not yet approved")
	files = build(t, packtest.Load(t, packtest.Minimal), site.Options{})
	assertContains(t, files, "site/index.html", "<dt>Approved by</dt>", "on <time>2026-06-01</time>")
}
