package main

// A small GitHub Actions runner for docs/ci/github-actions.yml: jobs in
// the order of needs, step if: conditions and ${{ }} expressions
// evaluated, run: scripts with bash, uses: steps simulated. It knows the
// forms the recipe uses and fails the test on any other, so that a recipe
// that grows a new form is taught to the test rather than misread by it.

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// ghValue is an expression's value: nil, bool, float64, string, or an
// object (map[string]any) from a context.
type ghValue = any

// ghExpr evaluates one expression: context paths (github.event_name,
// steps.<id>.outputs.<name>), 'strings', numbers, true, false, null, ==,
// !=, !, &&, || (which yield an operand, as GitHub's do), parentheses, and
// the status functions success(), failure(), always(), cancelled().
type ghExpr struct {
	ctx        map[string]any
	jobFailed  bool // for the status functions
	toks       []string
	pos        int
	usedStatus bool
}

func (e *ghExpr) eval(src string) (ghValue, error) {
	toks, err := ghTokens(src)
	if err != nil {
		return nil, err
	}
	e.toks, e.pos, e.usedStatus = toks, 0, false
	v, err := e.or()
	if err == nil && e.pos < len(e.toks) {
		err = fmt.Errorf("unexpected %q", e.toks[e.pos])
	}
	if err != nil {
		return nil, fmt.Errorf("expression %q: %v", src, err)
	}
	return v, nil
}

// ghTokens splits an expression: 'string' (in which a doubled quote is
// one quote), a number, a name or dotted path (names may hold dashes, as
// in cache-hit), or one of the operators above. Any other character is an
// error.
func ghTokens(s string) ([]string, error) {
	var toks []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case c == '\'':
			j := i + 1
			for {
				k := strings.IndexByte(s[j:], '\'')
				if k < 0 {
					return nil, fmt.Errorf("unterminated string")
				}
				j += k + 1
				if j < len(s) && s[j] == '\'' {
					j++
					continue
				}
				break
			}
			toks = append(toks, s[i:j])
			i = j
		case strings.HasPrefix(s[i:], "==") || strings.HasPrefix(s[i:], "!=") || strings.HasPrefix(s[i:], "&&") || strings.HasPrefix(s[i:], "||"):
			toks = append(toks, s[i:i+2])
			i += 2
		case c == '!' || c == '(' || c == ')':
			toks = append(toks, s[i:i+1])
			i++
		case c >= '0' && c <= '9' || c == '_' || unicode.IsLetter(rune(c)):
			j := i
			for j < len(s) && (s[j] == '_' || s[j] == '-' || s[j] == '.' || s[j] >= '0' && s[j] <= '9' || unicode.IsLetter(rune(s[j]))) {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		default:
			return nil, fmt.Errorf("the test's evaluator does not know %q", s[i:])
		}
	}
	return toks, nil
}

func (e *ghExpr) peek() string {
	if e.pos < len(e.toks) {
		return e.toks[e.pos]
	}
	return ""
}

func (e *ghExpr) or() (ghValue, error) {
	v, err := e.and()
	for err == nil && e.peek() == "||" {
		e.pos++
		var w ghValue
		if w, err = e.and(); ghTruthy(v) {
			continue
		}
		v = w
	}
	return v, err
}

func (e *ghExpr) and() (ghValue, error) {
	v, err := e.unary()
	for err == nil && e.peek() == "&&" {
		e.pos++
		var w ghValue
		if w, err = e.unary(); !ghTruthy(v) {
			continue
		}
		v = w
	}
	return v, err
}

func (e *ghExpr) unary() (ghValue, error) {
	if e.peek() == "!" {
		e.pos++
		v, err := e.unary()
		return !ghTruthy(v), err
	}
	v, err := e.primary()
	if err != nil {
		return nil, err
	}
	if op := e.peek(); op == "==" || op == "!=" {
		e.pos++
		w, err := e.primary()
		if err != nil {
			return nil, err
		}
		eq, err := ghEqual(v, w)
		return eq == (op == "=="), err
	}
	return v, nil
}

func (e *ghExpr) primary() (ghValue, error) {
	tok := e.peek()
	e.pos++
	switch {
	case tok == "":
		return nil, fmt.Errorf("unexpected end")
	case tok == "(":
		v, err := e.or()
		if err == nil && e.peek() != ")" {
			err = fmt.Errorf("missing )")
		}
		e.pos++
		return v, err
	case tok[0] == '\'':
		return strings.ReplaceAll(tok[1:len(tok)-1], "''", "'"), nil
	case tok[0] >= '0' && tok[0] <= '9':
		f, err := strconv.ParseFloat(tok, 64)
		return f, err
	case tok == "true" || tok == "false":
		return tok == "true", nil
	case tok == "null":
		return nil, nil
	case e.peek() == "(":
		e.pos++
		if e.peek() != ")" {
			return nil, fmt.Errorf("the test's evaluator knows no function with arguments (%s)", tok)
		}
		e.pos++
		e.usedStatus = true
		switch tok {
		case "success":
			return !e.jobFailed, nil
		case "failure":
			return e.jobFailed, nil
		case "always":
			return true, nil
		case "cancelled":
			return false, nil
		}
		return nil, fmt.Errorf("the test's evaluator does not know the function %s()", tok)
	}
	parts := strings.Split(tok, ".")
	v, ok := e.ctx[parts[0]]
	if !ok {
		return nil, fmt.Errorf("the test's evaluator has no context %q", parts[0])
	}
	for _, p := range parts[1:] {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, nil
		}
		v = m[p]
	}
	return v, nil
}

// ghEqual compares as GitHub does: strings without regard to case, values
// of different types as numbers (so null equals the empty string and 0;
// NaN equals nothing).
func ghEqual(a, b ghValue) (bool, error) {
	if _, ok := a.(map[string]any); ok {
		return false, fmt.Errorf("comparing an object")
	}
	if _, ok := b.(map[string]any); ok {
		return false, fmt.Errorf("comparing an object")
	}
	switch x := a.(type) {
	case string:
		if y, ok := b.(string); ok {
			return strings.EqualFold(x, y), nil
		}
	case bool:
		if y, ok := b.(bool); ok {
			return x == y, nil
		}
	case nil:
		if b == nil {
			return true, nil
		}
	}
	return ghNumber(a) == ghNumber(b), nil
}

func ghNumber(v ghValue) float64 {
	switch x := v.(type) {
	case nil:
		return 0
	case bool:
		if x {
			return 1
		}
		return 0
	case float64:
		return x
	case string:
		s := strings.TrimSpace(x)
		if s == "" {
			return 0
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
	}
	return math.NaN()
}

func ghTruthy(v ghValue) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case float64:
		return x != 0 && !math.IsNaN(x)
	case string:
		return x != ""
	}
	return true
}

func ghString(v ghValue) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case bool:
		return strconv.FormatBool(x), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case string:
		return x, nil
	}
	return "", fmt.Errorf("an object in a string")
}

var ghTemplate = regexp.MustCompile(`\$\{\{(.*?)\}\}`)

// interp replaces each ${{ expression }} in a value; a value that is not a
// string is formatted as GitHub passes it (true, 0).
func (e *ghExpr) interp(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return ghString(v)
	}
	var err error
	out := ghTemplate.ReplaceAllStringFunc(s, func(m string) string {
		val, err2 := e.eval(ghTemplate.FindStringSubmatch(m)[1])
		if err2 == nil {
			m, err2 = ghString(val)
		}
		if err2 != nil && err == nil {
			err = err2
		}
		return m
	})
	if err == nil && strings.Contains(out, "${{") {
		err = fmt.Errorf("an unterminated expression in %q", s)
	}
	return out, err
}

// cond evaluates an if: (absent: success()). An expression that calls no
// status function is ANDed with success(), as GitHub does.
func (e *ghExpr) cond(v any) (bool, error) {
	switch x := v.(type) {
	case nil:
		return !e.jobFailed, nil
	case bool:
		return x && !e.jobFailed, nil
	case string:
		s := strings.TrimSpace(x)
		if strings.HasPrefix(s, "${{") && strings.HasSuffix(s, "}}") && strings.Count(s, "${{") == 1 {
			s = s[3 : len(s)-2]
		}
		val, err := e.eval(s)
		if err != nil {
			return false, err
		}
		if !e.usedStatus && e.jobFailed {
			return false, nil
		}
		return ghTruthy(val), nil
	}
	return false, fmt.Errorf("if: %v", v)
}

// TestGitHubExpressions: the evaluator's forms, and that it refuses
// others.
func TestGitHubExpressions(t *testing.T) {
	ctx := map[string]any{
		"github": map[string]any{"event_name": "pull_request", "repository": "Example/Pack",
			"event": map[string]any{"pull_request": map[string]any{"number": 7.0, "head": map[string]any{"repo": map[string]any{"full_name": "example/pack"}}}}},
		"steps": map[string]any{"rolepack-cache": map[string]any{"outputs": map[string]any{"cache-hit": "true"}}, "other": map[string]any{"outputs": map[string]any{}}},
		"vars":  map[string]any{},
		"env":   map[string]any{"ROLEPACK_VERSION": "v0.1.0"},
	}
	cases := []struct {
		expr string
		want ghValue
		err  string
	}{
		{"github.event_name == 'pull_request'", true, ""},
		{"github.event_name == 'PULL_REQUEST'", true, ""},
		{"github.event_name != 'pull_request' || github.event.pull_request.number == 7", true, ""},
		{"github.event.pull_request.head.repo.full_name == github.repository", true, ""},
		{"steps.rolepack-cache.outputs.cache-hit != 'true'", false, ""},
		{"steps.other.outputs.cache-hit != 'true'", true, ""},
		{"steps.missing.outputs.cache-hit", nil, ""},
		{"vars.ROLEPACK_RUNNER || 'ubuntu-24.04'", "ubuntu-24.04", ""},
		{"env.ROLEPACK_VERSION && 'x'", "x", ""},
		{"!(github.event_name == 'push')", true, ""},
		{"null == ''", true, ""},
		{"'it''s'", "it's", ""},
		{"github.event.pull_request.number", 7.0, ""},
		{"success() && always()", true, ""},
		{"contains(github.ref, 'main')", nil, "does not know"},
		{"format()", nil, "does not know the function"},
		{"github.run_number > 1", nil, "does not know"},
		{"secrets.TOKEN", nil, `no context "secrets"`},
		{"github.ref == 'x", nil, "unterminated"},
	}
	for _, c := range cases {
		e := &ghExpr{ctx: ctx}
		got, err := e.eval(c.expr)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: error %v, want one with %q", c.expr, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("%s: %v", c.expr, err)
		case c.err == "" && got != c.want:
			t.Errorf("%s = %#v, want %#v", c.expr, got, c.want)
		}
	}
	e := &ghExpr{ctx: ctx}
	if s, err := e.interp("rolepack-${{ env.ROLEPACK_VERSION }}-${{ github.event.pull_request.number }}"); err != nil || s != "rolepack-v0.1.0-7" {
		t.Errorf("interp = %q, %v", s, err)
	}
	e.jobFailed = true
	if ok, err := e.cond("github.event_name == 'pull_request'"); ok || err != nil {
		t.Errorf("after a failed step, an if: without a status function ran (%v)", err)
	}
	if ok, err := e.cond("${{ always() }}"); !ok || err != nil {
		t.Errorf("always() after a failed step: %v, %v", ok, err)
	}
}

// ghEvent is what triggers a run: a push to main, or a pull request from
// branch head into main, from the repository itself or from a fork.
type ghEvent struct {
	name string // "push" or "pull_request"
	head string
	fork bool

	editLastFails bool // gh cannot edit its last comment (the fake's switch)
	readOnly      bool // the token may not comment (Dependabot's pull requests)
}

// ghSim runs one workflow, any number of times; the cache outlives runs,
// scoped as GitHub scopes it (a run reads what its own ref or the default
// branch saved).
type ghSim struct {
	t      *testing.T
	wf     map[string]any
	order  []string // jobs, in the order needs allows
	repo   ciRepo
	bin    string
	caches map[string]ghCache
	store  string
}

type ghCache struct{ ref, file string }

const (
	ghRepository = "example/pack"
	ghPRNumber   = 7
)

func newGHSim(t *testing.T, py string, repo ciRepo, bin string) *ghSim {
	t.Helper()
	raw, err := readRecipe(py, githubRecipe, "", true)
	if err != nil {
		t.Fatal(err)
	}
	s := &ghSim{t: t, repo: repo, bin: bin, caches: map[string]ghCache{}, store: t.TempDir()}
	if err := json.Unmarshal(raw, &s.wf); err != nil {
		t.Fatal(err)
	}
	checkKeys(t, "the workflow", s.wf, "name", "on", "permissions", "env", "jobs")
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		t.Fatal(err)
	}
	names, err := orderedKeys(top["jobs"])
	if err != nil {
		t.Fatal(err)
	}
	// Topological order by needs, keeping the written order otherwise.
	done := map[string]bool{}
	for len(s.order) < len(names) {
		progress := false
		for _, n := range names {
			if done[n] {
				continue
			}
			ready := true
			for _, need := range stringList(mapAt(s.wf, "jobs")[n].(map[string]any)["needs"]) {
				ready = ready && done[need]
			}
			if ready {
				s.order, done[n], progress = append(s.order, n), true, true
			}
		}
		if !progress {
			t.Fatalf("jobs %v: a cycle or an unknown job in needs", names)
		}
	}
	return s
}

func stringList(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
		return out
	}
	return nil
}

// checkKeys fails the test on a key the simulator does not know.
func checkKeys(t *testing.T, what string, m map[string]any, known ...string) {
	t.Helper()
	for k := range m {
		if !slices.Contains(known, k) {
			t.Fatalf("%s: the test's simulator does not know %q: teach it (ci_github_test.go, ci_gitlab_test.go)", what, k)
		}
	}
}

// triggered reports whether the workflow runs for ev: on pull_request (any
// target) and on push to the branches listed.
func (s *ghSim) triggered(ev ghEvent) bool {
	on := mapOf(s.wf["on"])
	checkKeys(s.t, "on", on, "pull_request", "push")
	if ev.name == "pull_request" {
		_, ok := on["pull_request"]
		if ok && on["pull_request"] != nil {
			s.t.Fatalf("on.pull_request: the simulator knows no filters")
		}
		return ok
	}
	push := mapOf(on["push"])
	checkKeys(s.t, "on.push", push, "branches")
	return slices.Contains(stringList(push["branches"]), ev.head)
}

func (s *ghSim) run(ev ghEvent) *ciRun {
	t := s.t
	t.Helper()
	r := newCIRun(t, s.bin)
	for name, on := range map[string]bool{"edit-last-fails": ev.editLastFails, "gh-read-only": ev.readOnly} {
		if on {
			if err := os.WriteFile(filepath.Join(r.logs, name), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !s.triggered(ev) {
		return r
	}
	r.pipeline = true
	ref, base, head := "refs/heads/"+ev.head, "", ""
	event := map[string]any{}
	if ev.name == "pull_request" {
		ref, base, head = fmt.Sprintf("refs/pull/%d/merge", ghPRNumber), "main", ev.head
		from := ghRepository
		if ev.fork {
			from = "contributor/pack"
		}
		event["pull_request"] = map[string]any{
			"number": float64(ghPRNumber),
			"head":   map[string]any{"ref": ev.head, "sha": s.repo.sha[ev.head], "repo": map[string]any{"full_name": from}},
			"base":   map[string]any{"ref": "main", "sha": s.repo.sha["main"], "repo": map[string]any{"full_name": ghRepository}},
		}
	}
	github := map[string]any{
		"event_name": ev.name, "ref": ref, "base_ref": base, "head_ref": head,
		"repository": ghRepository, "token": "ghs_test-token", "event": event,
	}
	wfEnv := map[string]string{}
	base0 := &ghExpr{ctx: map[string]any{"github": github, "vars": map[string]any{}}}
	for k, v := range mapAt(s.wf, "env") {
		val, err := base0.interp(v)
		if err != nil {
			t.Fatalf("env.%s: %v", k, err)
		}
		wfEnv[k] = val
	}
	for _, name := range s.order {
		s.runJob(r, name, mapAt(s.wf, "jobs")[name].(map[string]any), github, wfEnv)
	}
	return r
}

func (s *ghSim) runJob(r *ciRun, name string, job map[string]any, github map[string]any, wfEnv map[string]string) {
	t := s.t
	checkKeys(t, "job "+name, job, "runs-on", "permissions", "steps", "needs", "if", "environment", "concurrency", "env")
	needsOK := true
	for _, n := range stringList(job["needs"]) {
		needsOK = needsOK && r.jobs[n] == "success"
	}
	e := &ghExpr{ctx: map[string]any{"github": github, "vars": map[string]any{}}, jobFailed: !needsOK}
	if ok, err := e.cond(job["if"]); err != nil {
		t.Fatalf("job %s: %v", name, err)
	} else if !ok {
		r.jobs[name] = "skipped"
		r.steps = append(r.steps, ciStep{job: name, name: "(job skipped)"})
		return
	}
	runsOn, err := e.interp(job["runs-on"])
	if err != nil {
		t.Fatalf("job %s: runs-on: %v", name, err)
	}
	if !regexp.MustCompile(`^ubuntu-[0-9]{2}\.[0-9]{2}$`).MatchString(runsOn) {
		t.Errorf("job %s runs on %q: want a pinned image, ubuntu-YY.MM", name, runsOn)
	}
	perms := map[string]string{}
	for k, v := range mapAt(job, "permissions") {
		perms[k] = fmt.Sprint(v)
	}
	jobDir := filepath.Join(r.dir, "jobs", name)
	home, work, temp := filepath.Join(jobDir, "home"), filepath.Join(jobDir, "work"), filepath.Join(jobDir, "temp")
	for _, d := range []string{home, work, temp} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{}
	for k, v := range wfEnv {
		env[k] = v
	}
	for k, v := range mapAt(job, "env") {
		if env[k], err = e.interp(v); err != nil {
			t.Fatalf("job %s: env.%s: %v", name, k, err)
		}
	}
	stepsCtx := map[string]any{}
	runner := map[string]any{"os": "Linux", "arch": "X64", "temp": temp}
	var extraPath []string
	failed := false
	var post []func()
	steps, _ := job["steps"].([]any)
	for i, st := range steps {
		step := mapOf(st)
		checkKeys(t, fmt.Sprintf("job %s step %d", name, i+1), step, "name", "id", "if", "uses", "with", "run", "env", "continue-on-error")
		envCtx := map[string]any{}
		for k, v := range env {
			envCtx[k] = v
		}
		e := &ghExpr{ctx: map[string]any{"github": github, "vars": map[string]any{}, "runner": runner, "env": envCtx, "steps": stepsCtx}, jobFailed: failed}
		stepEnv := map[string]string{}
		for k, v := range mapAt(step, "env") {
			val, err := e.interp(v)
			if err != nil {
				t.Fatalf("job %s step %d: env.%s: %v", name, i+1, k, err)
			}
			stepEnv[k], envCtx[k] = val, val
		}
		title, err := e.interp(step["name"])
		if err != nil {
			t.Fatalf("job %s step %d: name: %v", name, i+1, err)
		}
		id, _ := step["id"].(string)
		command, _ := step["run"].(string)
		uses, _ := step["uses"].(string)
		if uses != "" {
			command = "uses: " + uses
		}
		ok, err := e.cond(step["if"])
		if err != nil {
			t.Fatalf("job %s step %d: if: %v", name, i+1, err)
		}
		rec := ciStep{job: name, name: title, command: command}
		if !ok {
			r.steps = append(r.steps, rec)
			if id != "" {
				stepsCtx[id] = map[string]any{"outputs": map[string]any{}, "outcome": "skipped", "conclusion": "skipped"}
			}
			continue
		}
		if uses != "" && step["run"] != nil {
			t.Fatalf("job %s step %d has both uses and run", name, i+1)
		}
		outputs := map[string]any{}
		var success bool
		switch {
		case uses != "":
			with := map[string]string{}
			for k, v := range mapAt(step, "with") {
				if with[k], err = e.interp(v); err != nil {
					t.Fatalf("job %s step %d: with.%s: %v", name, i+1, k, err)
				}
			}
			success = s.uses(r, uses, with, ghJob{name: name, ref: github["ref"].(string), event: github, home: home, work: work, perms: perms, outputs: outputs, post: &post})
		default:
			if strings.Contains(command, "${{") {
				t.Errorf("job %s step %q: an expression inside run: is pasted into the script; pass it through env:", name, title)
			}
			files := map[string]string{}
			for _, f := range []string{"GITHUB_PATH", "GITHUB_ENV", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"} {
				files[f] = filepath.Join(temp, fmt.Sprintf("%s-%d", strings.ToLower(f), i))
				if err := os.WriteFile(files[f], nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			vars := map[string]string{
				"HOME": home, "LANG": "C.UTF-8", "TMPDIR": temp,
				"PATH":           strings.Join(append(append([]string{}, extraPath...), r.fakeBin, "/usr/local/bin", "/usr/bin", "/bin"), ":"),
				"CI":             "true",
				"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": github["event_name"].(string), "GITHUB_REF": github["ref"].(string),
				"GITHUB_BASE_REF": github["base_ref"].(string), "GITHUB_HEAD_REF": github["head_ref"].(string),
				"GITHUB_REPOSITORY": ghRepository, "GITHUB_WORKSPACE": work,
				"RUNNER_OS": "Linux", "RUNNER_ARCH": "X64", "RUNNER_TEMP": temp,
			}
			for k, v := range files {
				vars[k] = v
			}
			for _, m := range []map[string]string{env, stepEnv} {
				for k, v := range m {
					vars[k] = v
				}
			}
			var list []string
			for k, v := range vars {
				list = append(list, k+"="+v)
			}
			success = r.runScript(t, "bash", work, command, list)
			if data, _ := os.ReadFile(files["GITHUB_PATH"]); len(data) > 0 {
				for _, p := range strings.Split(strings.TrimSpace(string(data)), "\n") {
					extraPath = append([]string{p}, extraPath...)
				}
			}
			for _, f := range []string{"GITHUB_ENV", "GITHUB_OUTPUT"} {
				data, _ := os.ReadFile(files[f])
				for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
					if line == "" {
						continue
					}
					k, v, ok := strings.Cut(line, "=")
					if !ok {
						t.Fatalf("%s: the simulator knows only NAME=value lines, not %q", f, line)
					}
					if f == "GITHUB_ENV" {
						env[k] = v
					} else {
						outputs[k] = v
					}
				}
			}
			summary, _ := os.ReadFile(files["GITHUB_STEP_SUMMARY"])
			r.summary += string(summary)
		}
		rec.ran, rec.ok = true, success
		r.steps = append(r.steps, rec)
		outcome, conclusion := "success", "success"
		if !success {
			outcome = "failure"
			switch coe := step["continue-on-error"].(type) {
			case nil, bool:
				if coe != true {
					conclusion, failed = "failure", true
				}
			default:
				t.Fatalf("job %s step %d: continue-on-error %v: the simulator knows only true and false", name, i+1, coe)
			}
		}
		if id != "" {
			stepsCtx[id] = map[string]any{"outputs": outputs, "outcome": outcome, "conclusion": conclusion}
		}
	}
	if !failed {
		for _, p := range post {
			p()
		}
	}
	if environment := mapAt(job, "environment"); environment != nil {
		checkKeys(t, "job "+name+" environment", environment, "name", "url")
		e := &ghExpr{ctx: map[string]any{"github": github, "vars": map[string]any{}, "steps": stepsCtx}}
		if _, err := e.interp(environment["url"]); err != nil {
			t.Fatalf("job %s: environment.url: %v", name, err)
		}
	}
	r.jobs[name] = "success"
	if failed {
		r.jobs[name] = "failure"
	}
}

// ghJob is what a uses: step sees of its job.
type ghJob struct {
	name, ref  string
	event      map[string]any
	home, work string
	perms      map[string]string
	outputs    map[string]any
	post       *[]func()
}

// uses simulates the actions the recipe uses; any other is an error.
func (s *ghSim) uses(r *ciRun, uses string, with map[string]string, j ghJob) bool {
	t := s.t
	action, _, _ := strings.Cut(uses, "@")
	if !pinnedAction.MatchString(uses) {
		t.Errorf("uses %q: want one of GitHub's actions at a major tag or a commit", uses)
	}
	keys := func(known ...string) {
		for k := range with {
			if !slices.Contains(known, k) {
				t.Fatalf("%s: the simulator does not know the input %q", uses, k)
			}
		}
	}
	switch action {
	case "actions/checkout":
		keys("fetch-depth")
		if with["fetch-depth"] != "0" {
			t.Errorf("checkout: fetch-depth %q; diff needs the base revision: want 0 (the whole history)", with["fetch-depth"])
		}
		git(t, j.work, "clone", "-q", s.repo.origin, ".")
		if j.event["event_name"] == "pull_request" {
			// refs/pull/N/merge: the head merged into the base.
			pr := mapAt(mapAt(j.event, "event"), "pull_request")
			git(t, j.work, "checkout", "-q", "--detach", "origin/main")
			git(t, j.work, "merge", "-q", "--no-ff", "--no-edit", fmt.Sprint(mapAt(pr, "head")["sha"]))
		}
	case "actions/cache":
		keys("path", "key")
		p, key := with["path"], with["key"]
		if strings.ContainsAny(p, "\n*") || !strings.HasPrefix(p, "~/") {
			t.Fatalf("cache path %q: the simulator knows one file under ~/", p)
		}
		file := filepath.Join(j.home, filepath.FromSlash(p[2:]))
		r.cacheKeys = append(r.cacheKeys, key)
		if c, ok := s.caches[key]; ok && (c.ref == j.ref || c.ref == "refs/heads/main") {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := copyTree(c.file, file); err != nil {
				t.Fatal(err)
			}
			j.outputs["cache-hit"] = "true"
			return true
		}
		j.outputs["cache-hit"] = "false"
		*j.post = append(*j.post, func() {
			if _, err := os.Stat(file); err != nil {
				return // nothing to save: GitHub warns
			}
			saved := filepath.Join(s.store, fmt.Sprint(len(s.caches)))
			if err := copyTree(file, saved); err != nil {
				t.Fatal(err)
			}
			s.caches[key] = ghCache{ref: j.ref, file: saved}
		})
	case "actions/setup-go":
		keys("go-version", "cache")
		if !regexp.MustCompile(`^[0-9]+\.[0-9]+(\.[0-9]+)?$`).MatchString(with["go-version"]) {
			t.Errorf("setup-go: go-version %q: want a pinned Go version", with["go-version"])
		}
		if with["cache"] != "false" {
			t.Errorf("setup-go: cache %q: its cache is keyed on go.sum, which a pack repository does not have: want false", with["cache"])
		}
	case "actions/upload-artifact", "actions/upload-pages-artifact":
		name := with["name"]
		if action == "actions/upload-pages-artifact" {
			keys("path")
			name = "github-pages"
		} else {
			keys("name", "path", "retention-days")
		}
		src := filepath.Join(j.work, filepath.FromSlash(with["path"]))
		st, err := os.Stat(src)
		if err != nil {
			t.Errorf("%s: %v", uses, err)
			return false
		}
		if action == "actions/upload-pages-artifact" && !st.IsDir() {
			t.Errorf("%s: %s is not a directory", uses, with["path"])
		}
		dst := filepath.Join(r.dir, "artifacts", name)
		if err := copyTree(src, dst); err != nil {
			t.Fatal(err)
		}
		r.artifacts[name], r.from[name] = dst, with["path"]
	case "actions/deploy-pages":
		keys()
		if j.perms["pages"] != "write" || j.perms["id-token"] != "write" {
			t.Errorf("deploy-pages in job %s, whose permissions are %v: it needs pages: write and id-token: write", j.name, j.perms)
		}
		dir, ok := r.artifacts["github-pages"]
		if !ok {
			t.Errorf("deploy-pages: no github-pages artifact was uploaded")
			return false
		}
		r.published, r.pubFrom = dir, r.from["github-pages"]
		j.outputs["page_url"] = "https://example.github.io/pack/"
	default:
		t.Fatalf("uses %s: the test's simulator does not know this action", uses)
	}
	return true
}

func testGitHubRecipe(t *testing.T, py, bin, version string) {
	repo := newCIRepo(t)
	sim := newGHSim(t, py, repo, bin)

	if sim.triggered(ghEvent{name: "push", head: "feature"}) {
		t.Error("a push to a branch other than main runs the workflow; its pull request runs it already")
	}

	t.Run("push to main", func(t *testing.T) {
		sim.t = t
		cached := len(sim.caches) > 0
		r := sim.run(ghEvent{name: "push", head: "main"})
		defer dump(t, r)
		if !r.pipeline {
			t.Fatal("the event started no run")
		}
		if r.failed() || r.jobs["pack"] != "success" || r.jobs["deploy"] != "success" {
			t.Fatalf("jobs: %v", r.jobs)
		}
		installedPinned(t, r, version, !cached)
		if len(sim.caches) != 1 {
			t.Errorf("%d caches saved; want the rolepack binary", len(sim.caches))
		}
		if len(r.cacheKeys) != 1 || !strings.Contains(r.cacheKeys[0], version) {
			t.Errorf("cache keys %v: want one, holding the pinned version %s", r.cacheKeys, version)
		}
		if r.stepIndex("rolepack diff") >= 0 || r.readLog(t, "gh.log") != "" {
			t.Error("a push ran the pull request's diff or comment")
		}
		if r.stepIndex("rolepack build") < 0 {
			t.Error("the build did not run")
		}
		if r.from["roles-pack"] != "output/" {
			t.Errorf("the outputs' artifact is %q; want output/", r.from["roles-pack"])
		}
		if from := strings.TrimSuffix(r.pubFrom, "/"); from != "output/site" {
			t.Errorf("Pages received %q; want output/site", r.pubFrom)
		}
		checkPublished(t, r, r.artifacts["roles-pack"], "github")
	})

	prTests := []struct {
		name, head, role           string
		fork, checkFails, readOnly bool
	}{
		{"pull request", "feature", "System Administrator", false, false, false},
		{"pull request failing the check, gh unable to edit", "sod", "Internal Auditor", false, true, false},
		{"pull request from a fork", "feature", "System Administrator", true, false, false},
		{"pull request with a read-only token", "feature", "System Administrator", false, false, true},
	}
	for _, c := range prTests {
		t.Run(c.name, func(t *testing.T) {
			sim.t = t
			cached := len(sim.caches) > 0 // main's cache serves every pull request
			r := sim.run(ghEvent{name: "pull_request", head: c.head, fork: c.fork, editLastFails: c.checkFails, readOnly: c.readOnly})
			defer dump(t, r)
			if !r.pipeline {
				t.Fatal("the event started no run")
			}
			installedPinned(t, r, version, !cached)
			diff, check, build := r.stepIndex("rolepack diff"), r.stepIndex("rolepack check"), r.stepIndex("rolepack build")
			if diff < 0 || check < 0 || diff > check {
				t.Errorf("diff at step %d, check at %d: want the diff first", diff, check)
			}
			if !strings.Contains(r.summary, "### rolepack: changes") || !strings.Contains(r.summary, c.role) {
				t.Errorf("the job summary does not name %s:\n%s", c.role, r.summary)
			}
			comment := r.readLog(t, fmt.Sprintf("comment-%d.md", ghPRNumber))
			switch {
			case c.readOnly && (comment != "" || !strings.Contains(r.output.String(), "Resource not accessible")):
				t.Errorf("with a read-only token, gh did not fail, or a comment was posted:\n%s", comment)
			case c.readOnly:
			case c.fork && comment != "":
				t.Error("a pull request from a fork, whose token is read-only, was commented on")
			case c.fork && !strings.Contains(r.output.String(), "::notice title=rolepack::"):
				t.Error("a pull request from a fork: no notice says where the change is")
			case !c.fork && (comment != r.summary || !strings.Contains(comment, c.role)):
				t.Errorf("the comment is not the diff naming %s:\n%s", c.role, comment)
			case !c.fork && !strings.HasPrefix(r.readLog(t, "gh.log"), fmt.Sprintf("pr comment %d --edit-last", ghPRNumber)):
				t.Errorf("the comment was not first tried as an edit of the last one:\n%s", r.readLog(t, "gh.log"))
			}
			if c.checkFails {
				if r.jobs["pack"] != "failure" || build >= 0 {
					t.Errorf("a failing check: jobs %v, build at step %d; want the job failed before the build", r.jobs, build)
				}
			} else if r.jobs["pack"] != "success" || build < 0 || r.artifacts["roles-pack"] == "" {
				t.Errorf("jobs %v, build at step %d, artifacts %v", r.jobs, build, r.from)
			}
			if r.jobs["deploy"] != "skipped" || r.published != "" || r.artifacts["github-pages"] != "" {
				t.Errorf("a pull request published: jobs %v, artifacts %v", r.jobs, r.from)
			}
		})
	}
}
