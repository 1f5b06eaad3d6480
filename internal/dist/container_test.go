package dist

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	line int
	cmd  string // upper case
	args string
}

func parseDockerfile(t *testing.T, text string) []instruction {
	t.Helper()
	var out []instruction
	var cur strings.Builder
	start := 0
	for i, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if cur.Len() == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if cur.Len() == 0 {
			start = i + 1
		}
		if strings.HasSuffix(trimmed, `\`) {
			cur.WriteString(strings.TrimSuffix(trimmed, `\`) + " ")
			continue
		}
		cur.WriteString(trimmed)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, instruction{start, strings.ToUpper(cmd), strings.TrimSpace(args)})
		cur.Reset()
	}
	if cur.Len() > 0 {
		t.Fatalf("Dockerfile ends inside a continued line")
	}
	return out
}

// isPinned reports whether an image reference names one image: it has a
// digest, or a tag holding a release number (1.26.8, 13.4) or a date
// (20260406), not a moving name such as "latest", "trixie-slim" or "13".
func isPinned(image string) bool {
	m := imageRE.FindStringSubmatch(image)
	return m != nil && (m[2] != "" || versionTagRE.MatchString(m[1]))
}

var (
	imageRE      = regexp.MustCompile(`^[a-z0-9./-]+(?::([A-Za-z0-9._-]+))?(@sha256:[0-9a-f]{64})?$`)
	versionTagRE = regexp.MustCompile(`\d+\.\d+|\d{8}`)
)

// TestDockerfile reads the container recipe for what a build cannot show
// here (there is no container runtime on the test machines): every base
// image pinned, the Go one to go.mod's Go release; nothing fetched by ADD
// or by hand; the binary built with make dist's flags and environment, so
// that it is the same program; Debian packages from a dated snapshot, with
// git and the Noto fonts; a non-root user last, /pack as the working
// directory, rolepack as the entrypoint; and the build context keeping out
// output/ (every person's letters) and .git.
func TestDockerfile(t *testing.T) {
	root := repoRoot(t)
	raw, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	ins := parseDockerfile(t, string(raw))
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(gomod)
	if goVersion == nil {
		t.Fatal("go.mod has no go line")
	}

	stages := map[string]bool{}
	var user, workdir, entrypoint string
	var froms, goBuilds int
	for _, in := range ins {
		switch in.cmd {
		case "FROM":
			froms++
			f := strings.Fields(in.args)
			for len(f) > 0 && strings.HasPrefix(f[0], "--") {
				f = f[1:]
			}
			if len(f) == 0 {
				t.Fatalf("Dockerfile:%d: FROM without an image", in.line)
			}
			image := f[0]
			if len(f) == 3 && strings.EqualFold(f[1], "AS") {
				stages[f[2]] = true
			}
			if stages[image] && len(f) == 1 {
				continue // an earlier stage
			}
			if !isPinned(image) {
				t.Errorf("Dockerfile:%d: base image %q is not pinned to a version or digest", in.line, image)
			}
			if strings.HasPrefix(image, "golang:") && !strings.HasPrefix(image, "golang:"+string(goVersion[1])+"-") {
				t.Errorf("Dockerfile:%d: %s is not go.mod's Go %s: the image's binary would differ from make dist's", in.line, image, goVersion[1])
			}
			// Each stage starts as root; only the last stage's USER counts.
			user = ""
		case "ADD":
			t.Errorf("Dockerfile:%d: ADD %s: use COPY of files in the context (ADD fetches URLs and unpacks archives)", in.line, in.args)
		case "RUN":
			for _, fetch := range []string{"curl ", "wget ", "://"} {
				if strings.Contains(in.args, fetch) && !strings.Contains(in.args, "snapshot.debian.org") {
					t.Errorf("Dockerfile:%d: RUN fetches something itself (%q): only go mod download and apt may", in.line, fetch)
				}
			}
			if strings.Contains(in.args, "go build") {
				goBuilds++
				want := "go " + strings.Join(BuildArgs(`${VERSION}`)[:4], " ") + ` "` + BuildArgs(`${VERSION}`)[4] + `"`
				if !strings.Contains(in.args, want) {
					t.Errorf("Dockerfile:%d: the go build is not make dist's: want %s", in.line, want)
				}
				for _, env := range buildEnv(Target{}, "") {
					if k, _, _ := strings.Cut(env, "="); k == "GOOS" || k == "GOARCH" || k == "GOTOOLCHAIN" {
						continue
					}
					if !regexp.MustCompile(`(^|\s)` + regexp.QuoteMeta(env) + `(\s|$)`).MatchString(in.args) {
						t.Errorf("Dockerfile:%d: the go build does not set %s as make dist does", in.line, env)
					}
				}
			}
			if strings.Contains(in.args, "apt-get install") {
				if !strings.Contains(in.args, "snapshot.debian.org/archive/debian/${DEBIAN_SNAPSHOT}") {
					t.Errorf("Dockerfile:%d: apt does not install from the dated snapshot", in.line)
				}
				if !regexp.MustCompile(`install -y --no-install-recommends git\b`).MatchString(in.args) {
					t.Errorf("Dockerfile:%d: git is not installed (the stamp's commit, diff, history)", in.line)
				}
			}
		case "ARG":
			if strings.HasPrefix(in.args, "DEBIAN_SNAPSHOT=") && !regexp.MustCompile(`^DEBIAN_SNAPSHOT=\d{8}T\d{6}Z$`).MatchString(in.args) {
				t.Errorf("Dockerfile:%d: %s is not a snapshot.debian.org time", in.line, in.args)
			}
			if v, ok := strings.CutPrefix(in.args, "FONTS="); ok {
				for _, pkg := range []string{"fonts-noto-core", "fonts-noto-cjk"} {
					if !strings.Contains(v, pkg) {
						t.Errorf("Dockerfile:%d: FONTS lacks %s (docs/format.md's table of families)", in.line, pkg)
					}
				}
			}
		case "USER":
			user = in.args
		case "WORKDIR":
			workdir = in.args
		case "ENTRYPOINT":
			entrypoint = in.args
		}
	}
	if froms < 2 {
		t.Errorf("%d FROM lines, want a build stage and a runtime stage", froms)
	}
	if goBuilds != 1 {
		t.Errorf("%d go build commands, want 1", goBuilds)
	}
	name, _, _ := strings.Cut(user, ":")
	if name == "" || name == "root" || strings.Trim(name, "0") == "" {
		t.Errorf("the image runs as %q, want a non-root user", user)
	} else if strings.Trim(name, "0123456789") != "" {
		t.Errorf("USER %s: want a numeric id, which a runtime can tell is not root without the image's passwd", user)
	}
	if workdir != "/pack" {
		t.Errorf("WORKDIR %q, want /pack", workdir)
	}
	var ep []string
	if err := json.Unmarshal([]byte(entrypoint), &ep); err != nil || len(ep) != 1 || filepath.Base(ep[0]) != "rolepack" {
		t.Errorf("ENTRYPOINT %s, want the exec form of rolepack alone", entrypoint)
	}

	ignore, err := os.ReadFile(filepath.Join(root, ".dockerignore"))
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]bool{}
	for _, l := range strings.Split(string(ignore), "\n") {
		lines[strings.TrimSpace(l)] = true
	}
	for _, must := range []string{"output", ".git", "dist", "bin"} {
		if !lines[must] {
			t.Errorf(".dockerignore does not keep %s out of the build context", must)
		}
	}
}

// TestPinnedPattern: what counts as pinned.
func TestPinnedPattern(t *testing.T) {
	for image, want := range map[string]bool{
		"golang:1.26.8-trixie":          true,
		"debian:trixie-20260406-slim":   true,
		"debian:13.4-slim":              true,
		"debian@sha256:" + hex64:        true,
		"debian:trixie@sha256:" + hex64: true,
		"debian:trixie-slim":            false,
		"debian:latest":                 false,
		"debian":                        false,
		"golang:${GO}":                  false,
	} {
		if got := isPinned(image); got != want {
			t.Errorf("%s pinned: %v, want %v", image, got, want)
		}
	}
}

const hex64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
