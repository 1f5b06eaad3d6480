package main

// A small GitLab CI runner for docs/ci/gitlab-ci.yml: workflow and job
// rules evaluated, stages in order, default: and inherit:, variables
// expanded, each job in a fresh clone with the artifacts of the jobs it
// depends on and its cache, before_script and script run as one shell
// script, artifacts and cache kept on success; the job called pages
// publishes its public artifact. It knows the forms the recipe uses and
// fails the test on any other.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// glExpr evaluates a rules: if: — $VARIABLE (alone: defined and not
// empty), "string" or 'string', null, ==, !=, &&, || and parentheses.
// Anything else (=~, !~, a regular expression) is an error.
type glExpr struct {
	vars map[string]string
	toks []string
	pos  int
}

var glToken = regexp.MustCompile(`^(\s+|\$[A-Za-z_][A-Za-z0-9_]*|"[^"]*"|'[^']*'|==|!=|&&|\|\||\(|\)|null\b)`)

func (e *glExpr) eval(src string) (bool, error) {
	e.toks, e.pos = nil, 0
	for s := src; s != ""; {
		m := glToken.FindString(s)
		if m == "" {
			return false, fmt.Errorf("rules if %q: the test's evaluator does not know %q", src, s)
		}
		if strings.TrimSpace(m) != "" {
			e.toks = append(e.toks, m)
		}
		s = s[len(m):]
	}
	v, err := e.or()
	if err == nil && e.pos < len(e.toks) {
		err = fmt.Errorf("unexpected %q", e.toks[e.pos])
	}
	if err != nil {
		return false, fmt.Errorf("rules if %q: %v", src, err)
	}
	return v, nil
}

func (e *glExpr) peek() string {
	if e.pos < len(e.toks) {
		return e.toks[e.pos]
	}
	return ""
}

func (e *glExpr) or() (bool, error) {
	v, err := e.and()
	for err == nil && e.peek() == "||" {
		e.pos++
		var w bool
		w, err = e.and()
		v = v || w
	}
	return v, err
}

func (e *glExpr) and() (bool, error) {
	v, err := e.cmp()
	for err == nil && e.peek() == "&&" {
		e.pos++
		var w bool
		w, err = e.cmp()
		v = v && w
	}
	return v, err
}

func (e *glExpr) cmp() (bool, error) {
	if e.peek() == "(" {
		e.pos++
		v, err := e.or()
		if err == nil && e.peek() != ")" {
			err = fmt.Errorf("missing )")
		}
		e.pos++
		return v, err
	}
	a, aVar, err := e.operand()
	if err != nil {
		return false, err
	}
	op := e.peek()
	if op != "==" && op != "!=" {
		if !aVar {
			return false, fmt.Errorf("a value alone must be a variable")
		}
		return a != nil && *a != "", nil
	}
	e.pos++
	b, _, err := e.operand()
	if err != nil {
		return false, err
	}
	eq := (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
	return eq == (op == "=="), nil
}

// operand returns a value (nil: undefined, or null) and whether it was a
// variable.
func (e *glExpr) operand() (*string, bool, error) {
	tok := e.peek()
	e.pos++
	switch {
	case tok == "":
		return nil, false, fmt.Errorf("unexpected end")
	case tok == "null":
		return nil, false, nil
	case tok[0] == '$':
		if v, ok := e.vars[tok[1:]]; ok {
			return &v, true, nil
		}
		return nil, true, nil
	case tok[0] == '"' || tok[0] == '\'':
		s := tok[1 : len(tok)-1]
		return &s, false, nil
	}
	return nil, false, fmt.Errorf("unexpected %q", tok)
}

// TestGitLabRules: the rules evaluator's forms, and that it refuses
// others.
func TestGitLabRules(t *testing.T) {
	vars := map[string]string{"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main", "CI_DEFAULT_BRANCH": "main", "EMPTY": ""}
	cases := []struct {
		expr string
		want bool
		err  string
	}{
		{`$CI_PIPELINE_SOURCE == "merge_request_event"`, false, ""},
		{`$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH`, true, ""},
		{`$CI_PIPELINE_SOURCE == 'push' && $CI_COMMIT_BRANCH != "main"`, false, ""},
		{`$CI_MERGE_REQUEST_IID || $CI_COMMIT_BRANCH`, true, ""},
		{`$EMPTY`, false, ""},
		{`$UNDEFINED == null`, true, ""},
		{`$EMPTY == null`, false, ""},
		{`($UNDEFINED || $CI_COMMIT_BRANCH) && $CI_PIPELINE_SOURCE == "push"`, true, ""},
		{`$CI_COMMIT_BRANCH =~ /^main$/`, false, "does not know"},
		{`"main"`, false, "must be a variable"},
	}
	for _, c := range cases {
		e := &glExpr{vars: vars}
		got, err := e.eval(c.expr)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: error %v, want one with %q", c.expr, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("%s: %v", c.expr, err)
		case c.err == "" && got != c.want:
			t.Errorf("%s = %v, want %v", c.expr, got, c.want)
		}
	}
}

// glEvent is what starts a pipeline: a push of branch (or of a tag), a
// schedule, or a merge request from branch into main; noteToken is
// whether the project's ROLEPACK_NOTE_TOKEN reaches it (not from a fork).
type glEvent struct {
	source    string // push, merge_request_event, schedule
	branch    string
	tag       string
	openMR    bool // a push of a branch that has a merge request
	noteToken bool
}

// glSim runs one .gitlab-ci.yml any number of times; the cache outlives
// runs, kept apart for protected refs (main) and others, as GitLab does.
type glSim struct {
	t      *testing.T
	ci     map[string]any
	keys   []string // top-level keys, in the order written
	vars   []string // global variables, in the order written
	repo   ciRepo
	bin    string
	caches map[string]string // key → stored copy of the cached paths
	store  string
}

const (
	glAPI       = "https://gitlab.example.com/api/v4"
	glMRIID     = "7"
	glNoteToken = "glpat-test-token"
)

func newGLSim(t *testing.T, py string, repo ciRepo, bin string) *glSim {
	t.Helper()
	raw, err := readRecipe(py, gitlabRecipe, "", false)
	if err != nil {
		t.Fatal(err)
	}
	s := &glSim{t: t, repo: repo, bin: bin, caches: map[string]string{}, store: t.TempDir()}
	if err := json.Unmarshal(raw, &s.ci); err != nil {
		t.Fatal(err)
	}
	if s.keys, err = orderedKeys(raw); err != nil {
		t.Fatal(err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		t.Fatal(err)
	}
	if top["variables"] != nil {
		if s.vars, err = orderedKeys(top["variables"]); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range s.keys {
		switch k {
		case "include", "image", "services", "before_script", "after_script", "cache":
			t.Fatalf("top-level %s: the test's simulator does not know it", k)
		}
	}
	return s
}

// predefined returns the variables GitLab gives a pipeline for ev.
func (s *glSim) predefined(ev glEvent) map[string]string {
	v := map[string]string{
		"CI": "true", "GITLAB_CI": "true", "CI_DEFAULT_BRANCH": "main",
		"CI_SERVER_URL": "https://gitlab.example.com", "CI_API_V4_URL": glAPI,
		"CI_PROJECT_ID": "42", "CI_PROJECT_PATH": "example/pack",
		"CI_PIPELINE_SOURCE": ev.source,
	}
	switch {
	case ev.source == "merge_request_event":
		v["CI_COMMIT_REF_NAME"], v["CI_COMMIT_SHA"] = ev.branch, s.repo.sha[ev.branch]
		v["CI_MERGE_REQUEST_IID"] = glMRIID
		v["CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"] = ev.branch
		v["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"] = "main"
		v["CI_MERGE_REQUEST_DIFF_BASE_SHA"] = git(s.t, s.repo.origin, "merge-base", "main", ev.branch)
		v["CI_COMMIT_REF_PROTECTED"] = "false"
		if ev.noteToken {
			v["ROLEPACK_NOTE_TOKEN"] = glNoteToken
		}
	case ev.tag != "":
		v["CI_COMMIT_TAG"], v["CI_COMMIT_REF_NAME"], v["CI_COMMIT_SHA"] = ev.tag, ev.tag, s.repo.sha["main"]
		v["CI_COMMIT_REF_PROTECTED"] = "true"
	default:
		v["CI_COMMIT_BRANCH"], v["CI_COMMIT_REF_NAME"], v["CI_COMMIT_SHA"] = ev.branch, ev.branch, s.repo.sha[ev.branch]
		v["CI_COMMIT_REF_PROTECTED"] = fmt.Sprint(ev.branch == "main")
		if ev.openMR {
			v["CI_OPEN_MERGE_REQUESTS"] = "example/pack!" + glMRIID
		}
	}
	return v
}

// rules reports whether rules let a pipeline or job in (no rules: yes).
func (s *glSim) rules(what string, rules any, vars map[string]string) bool {
	t := s.t
	if rules == nil {
		return true
	}
	list, ok := rules.([]any)
	if !ok {
		t.Fatalf("%s: rules is not a list", what)
	}
	for _, r := range list {
		rule := mapOf(r)
		checkKeys(t, what+" rule", rule, "if", "when")
		match := true
		if cond, ok := rule["if"].(string); ok {
			var err error
			if match, err = (&glExpr{vars: vars}).eval(cond); err != nil {
				t.Fatalf("%s: %v", what, err)
			}
		}
		if match {
			switch when := rule["when"]; when {
			case nil, "on_success", "always":
				return true
			case "never":
				return false
			default:
				t.Fatalf("%s: the simulator does not know when: %v", what, when)
			}
		}
	}
	return false
}

// expand replaces $NAME and ${NAME} in a variable's value; a name not
// defined is an error (GitLab would leave it, which hides a typo).
func (s *glSim) expand(what string, v any, vars map[string]string) string {
	str, ok := v.(string)
	if !ok {
		str = fmt.Sprint(v)
	}
	out := os.Expand(str, func(name string) string {
		val, ok := vars[name]
		if !ok {
			s.t.Fatalf("%s: $%s is not defined", what, name)
		}
		return val
	})
	return out
}

func (s *glSim) run(ev glEvent) *ciRun {
	t := s.t
	t.Helper()
	r := newCIRun(t, s.bin)
	pre := s.predefined(ev)
	workflow := mapAt(s.ci, "workflow")
	checkKeys(t, "workflow", workflow, "rules")
	if !s.rules("workflow", workflow["rules"], pre) {
		return r
	}
	r.pipeline = true
	stages := stringList(s.ci["stages"])
	if stages == nil {
		stages = []string{"build", "test", "deploy"}
	}
	var jobs []string
	for _, k := range s.keys {
		switch {
		case k == "workflow" || k == "stages" || k == "variables" || k == "default" || strings.HasPrefix(k, "."):
		default:
			jobs = append(jobs, k)
		}
	}
	stageOf := map[string]int{}
	for _, name := range jobs {
		stage, _ := mapAt(s.ci, name)["stage"].(string)
		if stage == "" {
			stage = "test"
		}
		i := slices.Index(stages, stage)
		if i < 0 {
			t.Fatalf("job %s: stage %q is not in stages %v", name, stage, stages)
		}
		stageOf[name] = i
	}
	inPipeline := map[string]bool{}
	for _, name := range jobs {
		inPipeline[name] = s.rules("job "+name, mapAt(s.ci, name)["rules"], pre)
	}
	for i := range stages {
		for _, name := range jobs {
			if stageOf[name] != i || !inPipeline[name] {
				continue
			}
			job := mapAt(s.ci, name)
			var deps []string
			if job["needs"] != nil {
				deps = stringList(job["needs"])
				for _, d := range deps {
					if !inPipeline[d] {
						t.Fatalf("job %s needs %s, which is not in this pipeline", name, d)
					}
				}
			} else {
				for _, d := range jobs {
					if inPipeline[d] && stageOf[d] < i {
						deps = append(deps, d)
					}
				}
			}
			ready := true
			for _, d := range deps {
				ready = ready && r.jobs[d] == "success"
			}
			if !ready {
				r.jobs[name] = "skipped"
				continue
			}
			s.runJob(r, name, job, pre, deps)
		}
	}
	return r
}

func (s *glSim) runJob(r *ciRun, name string, job map[string]any, pre map[string]string, deps []string) {
	t := s.t
	checkKeys(t, "job "+name, job, "stage", "rules", "needs", "inherit", "image", "variables", "cache", "before_script", "script", "artifacts")
	inherit := mapAt(job, "inherit")
	checkKeys(t, "job "+name+" inherit", inherit, "default")
	def := mapAt(s.ci, "default")
	checkKeys(t, "default", def, "image", "cache", "before_script")
	if v, ok := inherit["default"]; ok && v != false {
		t.Fatalf("job %s: inherit default %v: the simulator knows only false", name, v)
	} else if ok {
		def = nil
	}
	pick := func(k string) any {
		if v, ok := job[k]; ok {
			return v
		}
		return def[k]
	}

	jobDir := filepath.Join(r.dir, "jobs", name)
	home, work, temp := filepath.Join(jobDir, "home"), filepath.Join(jobDir, "work"), filepath.Join(jobDir, "temp")
	for _, d := range []string{home, work, temp} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	vars := map[string]string{"CI_PROJECT_DIR": work, "CI_JOB_NAME": name}
	for k, v := range pre {
		vars[k] = v
	}
	for _, k := range s.vars {
		vars[k] = s.expand("variables."+k, mapAt(s.ci, "variables")[k], vars)
	}
	for k, v := range mapAt(job, "variables") {
		vars[k] = s.expand("job "+name+" variables."+k, v, vars)
	}
	if vars["GIT_DEPTH"] != "0" {
		t.Errorf("job %s: GIT_DEPTH %q; diff needs the target branch's history: want \"0\"", name, vars["GIT_DEPTH"])
	}
	git(t, work, "clone", "-q", s.repo.origin, ".")
	git(t, work, "checkout", "-q", "--detach", vars["CI_COMMIT_SHA"])
	for _, d := range deps {
		if stored, ok := r.artifacts[d]; ok {
			if err := copyTree(stored, work); err != nil {
				t.Fatal(err)
			}
		}
	}

	cacheKey := ""
	var cachePaths []string
	if c := mapOf(pick("cache")); c != nil {
		checkKeys(t, "job "+name+" cache", c, "key", "paths")
		cacheKey = s.expand("job "+name+" cache key", c["key"], vars)
		if vars["CI_COMMIT_REF_PROTECTED"] == "true" {
			cacheKey += "-protected"
		} else {
			cacheKey += "-non_protected"
		}
		cachePaths = stringList(c["paths"])
		r.cacheKeys = append(r.cacheKeys, cacheKey)
		if stored, ok := s.caches[cacheKey]; ok {
			if err := copyTree(stored, work); err != nil {
				t.Fatal(err)
			}
		}
	}

	image, _ := pick("image").(string)
	if !pinnedImage.MatchString(image) {
		t.Errorf("job %s: image %q: want a version tag or a digest", name, image)
	}
	shell, prologue := "bash", "set -eo pipefail\n"
	if strings.HasPrefix(image, "alpine:") || strings.HasPrefix(image, "busybox:") {
		shell, prologue = "sh", "set -e\n" // no bash in these images
	}
	var script strings.Builder
	script.WriteString(prologue)
	for _, part := range []string{"before_script", "script"} {
		lines, ok := pick(part).([]any)
		if pick(part) != nil && !ok {
			t.Fatalf("job %s: %s is not a list", name, part)
		}
		for _, l := range lines {
			line, ok := l.(string)
			if !ok {
				t.Fatalf("job %s: %s: the simulator knows only strings, not %v", name, part, l)
			}
			script.WriteString(line + "\n")
		}
	}
	env := []string{"PATH=" + r.fakeBin + ":/usr/local/bin:/usr/bin:/bin", "HOME=" + home, "LANG=C.UTF-8", "TMPDIR=" + temp}
	for k, v := range vars {
		env = append(env, k+"="+v)
	}
	ok := r.runScript(t, shell, work, script.String(), env)
	r.steps = append(r.steps, ciStep{job: name, name: name, command: script.String(), ran: true, ok: ok})
	if !ok {
		r.jobs[name] = "failure"
		return
	}
	r.jobs[name] = "success"

	if a := mapAt(job, "artifacts"); a != nil {
		checkKeys(t, "job "+name+" artifacts", a, "paths", "expire_in", "expose_as")
		stored := filepath.Join(r.dir, "artifacts", name)
		paths := stringList(a["paths"])
		for _, p := range paths {
			if strings.ContainsAny(p, "*?[") {
				t.Fatalf("job %s: artifact path %q: the simulator knows no patterns", name, p)
			}
			if err := copyTree(filepath.Join(work, filepath.FromSlash(p)), filepath.Join(stored, filepath.FromSlash(p))); err != nil {
				t.Errorf("job %s: artifact %s: %v", name, p, err)
			}
		}
		r.artifacts[name], r.from[name] = stored, strings.Join(paths, " ")
		if name == "pages" && slices.Contains(paths, "public") {
			r.published, r.pubFrom = filepath.Join(stored, "public"), "public"
		}
	}
	if cacheKey != "" {
		saved := filepath.Join(s.store, cacheKey)
		for _, p := range cachePaths {
			src := filepath.Join(work, filepath.FromSlash(p))
			if _, err := os.Stat(src); err == nil {
				if err := copyTree(src, filepath.Join(saved, filepath.FromSlash(p))); err != nil {
					t.Fatal(err)
				}
				s.caches[cacheKey] = saved
			}
		}
	}
}

func testGitLabRecipe(t *testing.T, py, bin, version string) {
	repo := newCIRepo(t)
	sim := newGLSim(t, py, repo, bin)

	// One pipeline for each merge request and each commit on main, none
	// for a branch push (with or without a merge request) or a tag.
	for _, c := range []struct {
		name string
		ev   glEvent
		want bool
	}{
		{"push to main", glEvent{source: "push", branch: "main"}, true},
		{"schedule on main", glEvent{source: "schedule", branch: "main"}, true},
		{"merge request", glEvent{source: "merge_request_event", branch: "feature"}, true},
		{"push to a branch with a merge request", glEvent{source: "push", branch: "feature", openMR: true}, false},
		{"push to a branch", glEvent{source: "push", branch: "feature"}, false},
		{"tag", glEvent{source: "push", tag: "v1.0"}, false},
	} {
		if got := sim.rules("workflow", mapAt(sim.ci, "workflow")["rules"], sim.predefined(c.ev)); got != c.want {
			t.Errorf("%s: pipeline %v, want %v", c.name, got, c.want)
		}
	}

	t.Run("push to main", func(t *testing.T) {
		sim.t = t
		_, cached := sim.caches["rolepack-"+version+"-protected"]
		r := sim.run(glEvent{source: "push", branch: "main"})
		defer dump(t, r)
		if !r.pipeline {
			t.Fatal("the event started no run")
		}
		if r.failed() || r.jobs["rolepack"] != "success" || r.jobs["pages"] != "success" {
			t.Fatalf("jobs: %v", r.jobs)
		}
		if _, ok := r.jobs["changes"]; ok {
			t.Error("a push to main ran the merge request's changes job")
		}
		installedPinned(t, r, version, !cached)
		for _, k := range r.cacheKeys {
			if !strings.Contains(k, version) {
				t.Errorf("cache key %q does not hold the pinned version %s", k, version)
			}
		}
		if r.stepIndex("rolepack build") < 0 {
			t.Error("the build did not run")
		}
		if r.from["rolepack"] != "output/" {
			t.Errorf("the rolepack job's artifacts are %q; want output/", r.from["rolepack"])
		}
		checkPublished(t, r, filepath.Join(r.artifacts["rolepack"], "output"), "gitlab")
	})

	for _, c := range []struct {
		name, branch, role string
		token, checkFails  bool
	}{
		{"merge request", "feature", "System Administrator", true, false},
		{"merge request failing the check", "sod", "Internal Auditor", true, true},
		{"merge request from a fork", "feature", "System Administrator", false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			sim.t = t
			_, cached := sim.caches["rolepack-"+version+"-non_protected"]
			r := sim.run(glEvent{source: "merge_request_event", branch: c.branch, noteToken: c.token})
			defer dump(t, r)
			if !r.pipeline {
				t.Fatal("the event started no run")
			}
			installedPinned(t, r, version, !cached)
			diff, check := r.stepIndex("rolepack diff"), r.stepIndex("rolepack check")
			if diff < 0 || check < 0 || diff > check {
				t.Errorf("diff at %d, check at %d: want the diff first", diff, check)
			}
			if needs := stringList(mapAt(sim.ci, "changes")["needs"]); len(needs) > 0 {
				t.Errorf("the changes job needs %v: it must not wait for the check", needs)
			}
			if r.jobs["changes"] != "success" {
				t.Fatalf("jobs: %v", r.jobs)
			}
			md, err := os.ReadFile(filepath.Join(r.artifacts["changes"], "diff.md"))
			if err != nil || !strings.Contains(string(md), "### rolepack: changes") || !strings.Contains(string(md), c.role) {
				t.Errorf("the diff.md artifact does not name %s (%v):\n%s", c.role, err, md)
			}
			note, url := r.readLog(t, "note.md"), strings.TrimSpace(r.readLog(t, "note-url"))
			switch {
			case c.token && (note != string(md) || url != glAPI+"/projects/42/merge_requests/"+glMRIID+"/notes"):
				t.Errorf("the note posted to %q is not diff.md:\n%s", url, note)
			case !c.token && r.readLog(t, "curl.log") != "":
				t.Errorf("without a token, curl ran: %s", r.readLog(t, "curl.log"))
			case !c.token && !strings.Contains(r.output.String(), "no ROLEPACK_NOTE_TOKEN"):
				t.Error("without a token, nothing says where the change is")
			}
			if c.checkFails {
				if r.jobs["rolepack"] != "failure" || r.artifacts["rolepack"] != "" || strings.Contains(r.output.String(), "built output") {
					t.Errorf("a failing check: jobs %v; want the rolepack job failed before the build", r.jobs)
				}
			} else if r.jobs["rolepack"] != "success" || r.artifacts["rolepack"] == "" {
				t.Errorf("jobs %v, artifacts %v", r.jobs, r.from)
			}
			if _, ok := r.jobs["pages"]; ok || r.published != "" {
				t.Errorf("a merge request published: jobs %v", r.jobs)
			}
		})
	}
}
