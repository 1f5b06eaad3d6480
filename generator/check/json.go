package check

import (
	"bytes"
	"encoding/json"
)

// JSON returns the report in the documented shape of "rolepack check
// --format json" (docs/checks.md): indented, with <, > and & left as they
// are, and a final newline. content is the content directory as the user
// named it; finding files are relative to it.
func (r *Report) JSON(content string) ([]byte, error) {
	type finding struct {
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
		File     string `json:"file"`
		Line     int    `json:"line"`
		Message  string `json:"message"`
		Fix      string `json:"fix"`
		Item     string `json:"item"`
	}
	type item struct {
		ID       string   `json:"id"`
		Title    string   `json:"title"`
		Clause   string   `json:"clause"`
		Status   string   `json:"status"`
		Findings []string `json:"findings"` // rule ids
		Evidence []string `json:"evidence"`
	}
	out := struct {
		Content   string    `json:"content"`
		Date      string    `json:"date"`
		Errors    int       `json:"errors"`
		Warnings  int       `json:"warnings"`
		Findings  []finding `json:"findings"`
		Checklist []item    `json:"checklist"`
	}{Content: content, Date: r.Date.String(), Errors: r.Errors, Warnings: r.Warnings, Findings: []finding{}}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, finding{f.Rule, string(f.Severity), f.Pos.File, f.Pos.Line, f.Message, f.Fix, f.Item})
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
