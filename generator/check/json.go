package check

import (
	"bytes"
	"encoding/json"

	"github.com/rolepack/rolepack/generator/model"
)

// JSON returns the report in the documented shape of "rolepack check
// --format json" (docs/checks.md): indented, with <, > and & left as they
// are, and a final newline. content is the content directory as the user
// named it; finding files are relative to it.
func (r *Report) JSON(content string) ([]byte, error) {
	type place struct {
		File string `json:"file"`
		Line int    `json:"line"`
	}
	type finding struct {
		Rule     string  `json:"rule"`
		Severity string  `json:"severity"`
		File     string  `json:"file"`
		Line     int     `json:"line"`
		Related  []place `json:"related,omitempty"`
		Message  string  `json:"message"`
		Fix      string  `json:"fix"`
		Item     string  `json:"item"`
	}
	type person struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	type overload struct {
		Person person   `json:"person"`
		Roles  []string `json:"roles"` // role ids
		Why    []string `json:"why"`
	}
	type loneRole struct {
		Role   string `json:"role"`
		Holder person `json:"holder"`
		File   string `json:"file"`
		Line   int    `json:"line"`
	}
	type loneSeat struct {
		Area   string `json:"area,omitempty"` // area id; absent for senior leadership
		Name   string `json:"name"`
		Person person `json:"person"`
		Rule   string `json:"rule"`
	}
	type singlePoints struct {
		People []overload `json:"people"`
		Roles  []loneRole `json:"roles"`
		Seats  []loneSeat `json:"seats"`
	}
	type item struct {
		ID       string   `json:"id"`
		Title    string   `json:"title"`
		Clause   string   `json:"clause"`
		Status   string   `json:"status"`
		Findings []string `json:"findings"` // rule ids
		Evidence []string `json:"evidence"`
	}
	type unresolved struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Col     int    `json:"col"`
		Message string `json:"message"`
	}
	out := struct {
		Content      string       `json:"content"`
		Date         string       `json:"date"`
		Errors       int          `json:"errors"`
		Warnings     int          `json:"warnings"`
		Partial      bool         `json:"partial"`
		Unresolved   []unresolved `json:"unresolved"`
		Findings     []finding    `json:"findings"`
		Checklist    []item       `json:"checklist"`
		SinglePoints singlePoints `json:"single_points"`
	}{Content: content, Date: r.Date.String(), Errors: r.Errors, Warnings: r.Warnings, Partial: r.Partial(), Unresolved: []unresolved{}, Findings: []finding{},
		SinglePoints: singlePoints{People: []overload{}, Roles: []loneRole{}, Seats: []loneSeat{}}}
	for _, d := range r.Unresolved {
		out.Unresolved = append(out.Unresolved, unresolved{d.Pos.File, d.Pos.Line, d.Pos.Col, d.Message})
	}
	for _, f := range r.Findings {
		var related []place
		for _, p := range f.Related {
			related = append(related, place{p.File, p.Line})
		}
		out.Findings = append(out.Findings, finding{f.Rule, string(f.Severity), f.Pos.File, f.Pos.Line, related, f.Message, f.Fix, f.Item})
	}
	who := func(p *model.Person) person { return person{p.ID, p.Name} }
	sp := &out.SinglePoints
	for _, o := range r.SinglePoints.People {
		ids := make([]string, len(o.Roles))
		for i, r := range o.Roles {
			ids[i] = r.ID
		}
		sp.People = append(sp.People, overload{who(o.Person), ids, o.Why})
	}
	for _, l := range r.SinglePoints.Roles {
		sp.Roles = append(sp.Roles, loneRole{l.Role.ID, who(l.Holder), l.Pos.File, l.Pos.Line})
	}
	for _, l := range r.SinglePoints.Seats {
		area := ""
		if l.Area != nil {
			area = l.Area.ID
		}
		sp.Seats = append(sp.Seats, loneSeat{area, l.Name, who(l.Person), l.Rule})
	}
	for _, it := range r.Checklist {
		ids := []string{}
		for _, f := range it.Findings {
			ids = append(ids, f.Rule)
		}
		out.Checklist = append(out.Checklist, item{it.ID, it.Title, it.Clause, string(it.Status), ids, it.Evidence})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
