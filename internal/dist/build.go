package dist

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Target is a platform to build for, as GOOS and GOARCH.
type Target struct{ OS, Arch string }

func (t Target) String() string { return t.OS + "/" + t.Arch }

// Targets are the platforms of a release, in the order they are built.
var Targets = []Target{
	{"linux", "amd64"}, {"linux", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"windows", "amd64"},
}

// ParseTarget reads "GOOS/GOARCH"; only the platforms of Targets are
// accepted, since only their build settings are fixed here.
func ParseTarget(s string) (Target, error) {
	for _, t := range Targets {
		if t.String() == s {
			return t, nil
		}
	}
	var names []string
	for _, t := range Targets {
		names = append(names, t.String())
	}
	return Target{}, fmt.Errorf("unknown target %q (one of %s)", s, strings.Join(names, ", "))
}

// windows reports whether the target's archive is a zip and its binary an
// .exe.
func (t Target) windows() bool { return t.OS == "windows" }

// ArchiveName is the name of the target's archive for version.
func ArchiveName(version string, t Target) string {
	ext := ".tar.gz"
	if t.windows() {
		ext = ".zip"
	}
	return archiveBase(version, t) + ext
}

func archiveBase(version string, t Target) string {
	return "rolepack_" + version + "_" + t.OS + "_" + t.Arch
}

// SumsName is the name of the checksum file.
const SumsName = "SHA256SUMS"

// versionRE is what a version may be: it goes into file names and the
// binary, so letters, digits and ". _ + -" only.
var versionRE = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$`)

// BuildArgs are the arguments of "go build" (without -o and the package)
// for a release binary printing version. The Dockerfile's build uses the
// same (TestDockerfile), so that its binary is the linux one of make dist.
//
//   - -trimpath: no path of the machine that built it.
//   - -buildvcs=false: the git state is not read; the version, from git
//     describe, says which commit it is, and a tree without .git (such as a
//     container build's context) builds the same bytes.
//   - -s -w: no symbol table or DWARF; -buildid=: no build ID, which would
//     hash the inputs' action IDs (the same here, but nothing needs it).
func BuildArgs(version string) []string {
	return []string{"build", "-trimpath", "-buildvcs=false",
		"-ldflags", "-s -w -buildid= -X main.version=" + version}
}

// buildEnv is the environment of each "go build", on top of the caller's:
// everything the Go command reads that changes the binary is set here, so
// that a setting of the machine or the shell cannot.
func buildEnv(t Target, toolchain string) []string {
	return []string{
		"CGO_ENABLED=0", // no C toolchain, a static binary
		"GOOS=" + t.OS, "GOARCH=" + t.Arch,
		"GOAMD64=v1", "GOARM64=v8.0", // the baseline instruction sets
		"GOFLAGS=", "GOEXPERIMENT=", // no flags or experiments from the shell
		"GOWORK=off", // no go.work in a parent directory
		"GOTOOLCHAIN=" + toolchain,
	}
}

// Options says what Run builds.
type Options struct {
	// Module is the directory of rolepack's go.mod (the sources).
	Module string
	// Out is where the archives and SHA256SUMS go: a new or empty directory,
	// or one holding only an earlier run's files, which are replaced.
	Out string
	// Version is what "rolepack version" prints and the archives are named
	// by; Epoch is the time of every archive entry (the commit's).
	Version string
	Epoch   time.Time
	// Targets to build; none means all of Targets.
	Targets []Target
	// Go is the go command (default "go"). Toolchain is GOTOOLCHAIN for the
	// builds: by default "go" and go.mod's go version (or its toolchain
	// line), so that the commit names the compiler too; "local" uses the
	// one installed.
	Go        string
	Toolchain string
	// Log gets a line per file written, and the Go version used.
	Log io.Writer

	// compile builds one binary to dst; tests replace the Go command.
	compile func(ctx context.Context, t Target, dst string) error
}

// Run builds every target's archive and the checksum file into o.Out, and
// returns their names. The archives are made in a directory beside them and
// moved in only when all are made: on an error, Out is as it was.
func Run(ctx context.Context, o Options) ([]string, error) {
	if !versionRE.MatchString(o.Version) {
		return nil, fmt.Errorf("version %q: want letters, digits and . _ + - only, at most 64", o.Version)
	}
	if o.Go == "" {
		o.Go = "go"
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if len(o.Targets) == 0 {
		o.Targets = Targets
	}
	for i, t := range o.Targets {
		if slices.Contains(o.Targets[:i], t) {
			return nil, fmt.Errorf("target %s given twice", t)
		}
	}
	old, err := earlierRun(o.Out)
	if err != nil {
		return nil, err
	}
	if o.compile == nil {
		if o.Toolchain == "" {
			tc, err := goModToolchain(ctx, o.Go, o.Module)
			if err != nil {
				return nil, err
			}
			o.Toolchain = tc
		}
		gv, err := goOutput(ctx, o.Go, o.Module, []string{"GOTOOLCHAIN=" + o.Toolchain, "GOWORK=off"}, "env", "GOVERSION")
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(o.Log, "building rolepack %s with %s\n", o.Version, gv)
		o.compile = func(ctx context.Context, t Target, dst string) error {
			args := append(BuildArgs(o.Version), "-o", dst, "./cmd/rolepack")
			_, err := goOutput(ctx, o.Go, o.Module, buildEnv(t, o.Toolchain), args...)
			return err
		}
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return nil, err
	}
	stage, err := os.MkdirTemp(o.Out, ".dist-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(stage)

	docs, err := extraFiles(o.Module)
	if err != nil {
		return nil, err
	}
	var sums []Sum
	var names []string
	for _, t := range o.Targets {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		name, data, err := archive(ctx, o, t, stage, docs)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t, err)
		}
		if err := os.WriteFile(filepath.Join(stage, name), data, 0o644); err != nil {
			return nil, err
		}
		sums = append(sums, SumOf(name, data))
		names = append(names, name)
		fmt.Fprintf(o.Log, "%s\n", filepath.Join(o.Out, name))
	}
	sumText, err := Sums(sums)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(stage, SumsName), sumText, 0o644); err != nil {
		return nil, err
	}
	names = append(names, SumsName)
	// Every file is made: the earlier run's files give way to them.
	for _, n := range old {
		if err := os.Remove(filepath.Join(o.Out, n)); err != nil {
			return nil, err
		}
	}
	for _, n := range names {
		if err := os.Rename(filepath.Join(stage, n), filepath.Join(o.Out, n)); err != nil {
			return nil, err
		}
	}
	fmt.Fprintf(o.Log, "%s\n", filepath.Join(o.Out, SumsName))
	return names, nil
}

// archive compiles t and returns its archive's name and bytes.
func archive(ctx context.Context, o Options, t Target, stage string, docs []File) (string, []byte, error) {
	bin := "rolepack"
	if t.windows() {
		bin += ".exe"
	}
	dst := filepath.Join(stage, t.OS+"_"+t.Arch, bin)
	if err := o.compile(ctx, t, dst); err != nil {
		return "", nil, err
	}
	data, err := os.ReadFile(dst)
	if err != nil {
		return "", nil, err
	}
	if err := os.RemoveAll(filepath.Dir(dst)); err != nil {
		return "", nil, err
	}
	top := archiveBase(o.Version, t) + "/"
	files := []File{{Name: top + bin, Exec: true, Data: data}}
	for _, d := range docs {
		files = append(files, File{Name: top + d.Name, Data: d.Data})
	}
	var buf bytes.Buffer
	if t.windows() {
		err = WriteZip(&buf, files, o.Epoch)
	} else {
		err = WriteTarGz(&buf, files, o.Epoch)
	}
	return ArchiveName(o.Version, t), buf.Bytes(), err
}

// extraFiles are the files each archive carries beside the binary, by the
// name they have in it: the README, the LICENSE when the sources have one,
// and the licence of the Noto Sans faces built into the binary, which asks
// to travel with them.
func extraFiles(module string) ([]File, error) {
	var files []File
	for _, f := range []struct {
		src, name string
		required  bool
	}{
		{"README.md", "README.md", true},
		{"LICENSE", "LICENSE", false},
		{"generator/fonts/files/OFL.txt", "fonts-OFL.txt", true},
	} {
		data, err := os.ReadFile(filepath.Join(module, filepath.FromSlash(f.src)))
		if errors.Is(err, os.ErrNotExist) && !f.required {
			continue
		}
		if err != nil {
			return nil, err
		}
		files = append(files, File{Name: f.name, Data: data})
	}
	return files, nil
}

// isDistFile reports whether name is one Run writes.
func isDistFile(name string) bool {
	if name == SumsName {
		return true
	}
	return strings.HasPrefix(name, "rolepack_") &&
		(strings.HasSuffix(name, ".tar.gz") || strings.HasSuffix(name, ".zip")) &&
		!strings.ContainsAny(name, "/\\")
}

// earlierRun returns the files of an earlier run in dir, which Run replaces;
// any other file or directory there is an error, so that pointing Out at
// the wrong directory loses nothing. A missing dir is a new one.
func earlierRun(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var old []string
	for _, e := range ents {
		if !e.Type().IsRegular() || !isDistFile(e.Name()) {
			return nil, fmt.Errorf("%s holds %s, which make dist did not write: give a new or empty directory", dir, strconv.Quote(e.Name()))
		}
		old = append(old, e.Name())
	}
	return old, nil
}

// goModToolchain returns the toolchain go.mod names: its toolchain line, or
// else "go" and its go line.
func goModToolchain(ctx context.Context, goCmd, module string) (string, error) {
	out, err := goOutput(ctx, goCmd, module, []string{"GOTOOLCHAIN=local", "GOWORK=off"}, "mod", "edit", "-json")
	if err != nil {
		return "", err
	}
	var mod struct{ Go, Toolchain string }
	if err := json.Unmarshal([]byte(out), &mod); err != nil {
		return "", fmt.Errorf("go mod edit -json: %w", err)
	}
	if mod.Toolchain != "" {
		return mod.Toolchain, nil
	}
	if mod.Go == "" {
		return "", errors.New("go.mod has no go line")
	}
	return "go" + mod.Go, nil
}

// goOutput runs the go command in dir with env added to the caller's, and
// returns its output; a failure carries what it printed.
func goOutput(ctx context.Context, goCmd, dir string, env []string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, goCmd, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s %s: %v\n%s", goCmd, strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(stdout.String()), nil
}
