// Command hugosite writes a Hugo site equivalent to rolepack's site for the
// same pack — a page per role and per active person, with the same data —
// so bench/hugo.sh can time both generators on the same number of pages.
//
// Usage: go run ./bench/hugosite OUTPUT/rolepack.json HUGO-SITE-DIR
//
// It reads only the documented JSON export (docs/json.md).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

type export struct {
	Organisation struct {
		Name string `json:"name"`
	} `json:"organisation"`
	People []struct {
		ID       string `json:"id"`
		Name     string `json:"name"`
		JobTitle string `json:"job_title"`
		Status   string `json:"status"`
	} `json:"people"`
	Roles []struct {
		ID               string   `json:"id"`
		Name             string   `json:"name"`
		Category         string   `json:"category"`
		Purpose          string   `json:"purpose"`
		ReportsTo        string   `json:"reports_to"`
		Responsibilities []string `json:"responsibilities"`
		Authorities      []struct {
			Text, Limit string
		} `json:"authorities"`
		Assignments []struct {
			Person, Deputy, Evidence string
			AppointedOn              string `json:"appointed_on"`
		} `json:"assignments"`
	} `json:"roles"`
	Activities []struct {
		ID, Name, Process string
		Roles             map[string][]string `json:"roles"`
	} `json:"activities"`
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: hugosite rolepack.json SITE-DIR")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	check(err)
	var x export
	check(json.Unmarshal(data, &x))
	dir := os.Args[2]

	write(dir, "hugo.toml", fmt.Sprintf("baseURL = '/'\nrelativeURLs = true\ntitle = %q\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n", x.Organisation.Name))
	write(dir, "layouts/_default/baseof.html", `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav><a href="{{ "/" | relURL }}">Home</a></nav><main>{{ block "main" . }}{{ end }}</main><footer>{{ site.Title }}</footer></body></html>
`)
	write(dir, "layouts/_default/single.html", `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .Params.category }}<p>{{ . }}</p>{{ end }}
{{ .Content }}
{{ with .Params.responsibilities }}<h2>Responsibilities</h2><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.authorities }}<h2>Authorities</h2><ul>{{ range . }}<li>{{ .text }} {{ .limit }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.holders }}<h2>Holders</h2><ul>{{ range . }}<li><a href="{{ printf "/people/%s/" . | relURL }}">{{ . }}</a></li>{{ end }}</ul>{{ end }}
{{ with .Params.roles }}<h2>Roles</h2><ul>{{ range . }}<li><a href="{{ printf "/roles/%s/" . | relURL }}">{{ . }}</a></li>{{ end }}</ul>{{ end }}
{{ with .Params.activities }}<h2>RACI</h2><table>{{ range . }}<tr><td>{{ .name }}</td><td>{{ .letter }}</td></tr>{{ end }}</table>{{ end }}
{{ end }}
`)
	write(dir, "layouts/_default/list.html", `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`)
	write(dir, "layouts/index.html", `{{ define "main" }}<h1>{{ site.Title }}</h1><ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`)

	type duty struct {
		Name   string `json:"name"`
		Letter string `json:"letter"`
	}
	roleDuties := map[string][]duty{}
	for _, a := range x.Activities {
		for letter, ids := range a.Roles {
			for _, id := range ids {
				roleDuties[id] = append(roleDuties[id], duty{a.Name, letter})
			}
		}
	}
	personRoles := map[string][]string{}
	write(dir, "content/roles/_index.md", "---\ntitle: Roles\n---\n")
	for _, r := range x.Roles {
		var holders []string
		for _, a := range r.Assignments {
			holders = append(holders, a.Person)
			personRoles[a.Person] = append(personRoles[a.Person], r.ID)
		}
		front := map[string]any{
			"title": r.Name, "category": r.Category, "responsibilities": r.Responsibilities,
			"authorities": r.Authorities, "holders": holders, "activities": roleDuties[r.ID],
		}
		page(dir, "content/roles/"+r.ID+".md", front, r.Purpose)
	}
	write(dir, "content/people/_index.md", "---\ntitle: People\n---\n")
	for _, p := range x.People {
		if p.Status != "active" {
			continue
		}
		page(dir, "content/people/"+p.ID+".md", map[string]any{"title": p.Name, "roles": personRoles[p.ID]}, p.JobTitle)
	}
}

// page writes a content file with JSON front matter, which Hugo accepts.
func page(dir, name string, front map[string]any, body string) {
	fm, err := json.MarshalIndent(front, "", " ")
	check(err)
	write(dir, name, string(fm)+"\n\n"+strings.TrimSpace(body)+"\n")
}

func write(dir, name, s string) {
	p := filepath.Join(dir, filepath.FromSlash(name))
	check(os.MkdirAll(filepath.Dir(p), 0o755))
	check(os.WriteFile(p, []byte(s), 0o644))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "hugosite:", err)
		os.Exit(1)
	}
}
