package dist

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/internal/packtest"
)

// repoRoot is the directory of go.mod, two levels up.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatal(err)
	}
	return root
}

// fakeCompile writes a "binary" naming its target, in place of go build.
func fakeCompile(_ context.Context, t Target, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, []byte("binary for "+t.String()), 0o755)
}

// readArchive returns the names and contents of a tar.gz or zip's files.
func readArchive(t *testing.T, name string, data []byte) map[string]string {
	t.Helper()
	files := map[string]string{}
	if strings.HasSuffix(name, ".zip") {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			files[f.Name] = string(b)
		}
		return files
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(tr)
		files[h.Name] = string(b)
	}
	return files
}

// TestRunLayout runs Run with a stand-in for go build: one archive per
// target, named by version and platform, zip for Windows; each holds one
// directory of that name with the binary (.exe on Windows), the README and
// the fonts' licence; SHA256SUMS lists every archive with its hash.
func TestRunLayout(t *testing.T) {
	root := repoRoot(t)
	out := filepath.Join(t.TempDir(), "dist")
	names, err := Run(context.Background(), Options{Module: root, Out: out, Version: "1.2.3", Epoch: epoch, compile: fakeCompile})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"rolepack_1.2.3_linux_amd64.tar.gz", "rolepack_1.2.3_linux_arm64.tar.gz",
		"rolepack_1.2.3_darwin_amd64.tar.gz", "rolepack_1.2.3_darwin_arm64.tar.gz",
		"rolepack_1.2.3_windows_amd64.zip", "SHA256SUMS",
	}
	if !slices.Equal(names, want) {
		t.Fatalf("wrote %q, want %q", names, want)
	}
	ents, _ := os.ReadDir(out)
	if len(ents) != len(want) {
		t.Errorf("%s holds %d entries, want %d (no staging left)", out, len(ents), len(want))
	}
	readme, _ := os.ReadFile(filepath.Join(root, "README.md"))
	var sums []Sum
	for _, n := range want[:5] {
		data, err := os.ReadFile(filepath.Join(out, n))
		if err != nil {
			t.Fatal(err)
		}
		sums = append(sums, SumOf(n, data))
		top := strings.TrimSuffix(strings.TrimSuffix(n, ".zip"), ".tar.gz") + "/"
		tgt := strings.Split(strings.TrimPrefix(top[:len(top)-1], "rolepack_1.2.3_"), "_")
		bin := "rolepack"
		if tgt[0] == "windows" {
			bin += ".exe"
		}
		files := readArchive(t, n, data)
		if got := files[top+bin]; got != "binary for "+tgt[0]+"/"+tgt[1] {
			t.Errorf("%s: %s is %q", n, bin, got)
		}
		if files[top+"README.md"] != string(readme) {
			t.Errorf("%s: README.md is not the sources'", n)
		}
		if !strings.Contains(files[top+"fonts-OFL.txt"], "SIL Open Font License") {
			t.Errorf("%s: no fonts-OFL.txt", n)
		}
		if len(files) != 4 { // the directory and three files
			t.Errorf("%s: %d entries, want 4: %v", n, len(files), files)
		}
	}
	wantSums, _ := Sums(sums)
	if got, _ := os.ReadFile(filepath.Join(out, SumsName)); !bytes.Equal(got, wantSums) {
		t.Errorf("SHA256SUMS:\n%s\nwant\n%s", got, wantSums)
	}
}

// TestRunOut: Run writes into a new or empty directory, or replaces an
// earlier run's files (of another version too, so that SHA256SUMS lists
// what is there); a directory holding anything else is refused and left
// as it was, and a failed build leaves the earlier files.
func TestRunOut(t *testing.T) {
	root := repoRoot(t)
	run := func(out, version string, compile func(context.Context, Target, string) error) error {
		_, err := Run(context.Background(), Options{Module: root, Out: out, Version: version, Epoch: epoch,
			Targets: []Target{{"linux", "amd64"}}, compile: compile})
		return err
	}
	list := func(dir string) []string {
		ents, _ := os.ReadDir(dir)
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		return names
	}

	t.Run("empty and earlier", func(t *testing.T) {
		out := t.TempDir()
		if err := run(out, "1.0.0", fakeCompile); err != nil {
			t.Fatal(err)
		}
		if err := run(out, "1.0.1", fakeCompile); err != nil {
			t.Fatal(err)
		}
		if got, want := list(out), []string{"SHA256SUMS", "rolepack_1.0.1_linux_amd64.tar.gz"}; !slices.Equal(got, want) {
			t.Errorf("holds %q, want %q", got, want)
		}
	})
	t.Run("failed build", func(t *testing.T) {
		out := t.TempDir()
		if err := run(out, "1.0.0", fakeCompile); err != nil {
			t.Fatal(err)
		}
		before := list(out)
		fail := func(context.Context, Target, string) error { return errors.New("compiler broke") }
		if err := run(out, "1.0.1", fail); err == nil || !strings.Contains(err.Error(), "linux/amd64: compiler broke") {
			t.Errorf("error %v, want the compiler's, with the target", err)
		}
		if got := list(out); !slices.Equal(got, before) {
			t.Errorf("holds %q after a failure, want %q as before", got, before)
		}
	})
	for _, other := range []string{"notes.txt", "rolepack_1.0.0_linux_amd64.tar.gz.bak", "rolepack_x.zip/"} {
		t.Run("other "+other, func(t *testing.T) {
			out := t.TempDir()
			p := filepath.Join(out, other)
			var err error
			if strings.HasSuffix(other, "/") {
				err = os.Mkdir(p, 0o755)
			} else {
				err = os.WriteFile(p, []byte("keep me"), 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
			err = run(out, "1.0.0", fakeCompile)
			if err == nil || !strings.Contains(err.Error(), "which make dist did not write") {
				t.Errorf("error %v, want a refusal", err)
			}
			if got := list(out); len(got) != 1 {
				t.Errorf("holds %q, want only what was there", got)
			}
		})
	}
}

// TestRunRefusesBadVersions: the version goes into file names and the
// binary, so anything but a plain token is refused before building.
func TestRunRefusesBadVersions(t *testing.T) {
	for _, v := range []string{"", "1.0/2", "../x", "-v", "1.0 beta", "v\n1", strings.Repeat("1", 65)} {
		_, err := Run(context.Background(), Options{Module: repoRoot(t), Out: t.TempDir(), Version: v, Epoch: epoch, compile: fakeCompile})
		if err == nil || !strings.Contains(err.Error(), "version") {
			t.Errorf("version %q: error %v, want a refusal", v, err)
		}
	}
}

// TestRunRefusesATargetTwice: its archive would be written twice.
func TestRunRefusesATargetTwice(t *testing.T) {
	two := []Target{{"linux", "amd64"}, {"linux", "amd64"}}
	_, err := Run(context.Background(), Options{Module: repoRoot(t), Out: t.TempDir(), Version: "1.0.0", Epoch: epoch, Targets: two, compile: fakeCompile})
	if err == nil || !strings.Contains(err.Error(), "given twice") {
		t.Errorf("error %v, want a refusal", err)
	}
}

func TestParseTarget(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Target
		ok   bool
	}{
		{"linux/amd64", Target{"linux", "amd64"}, true},
		{"windows/amd64", Target{"windows", "amd64"}, true},
		{"darwin/arm64", Target{"darwin", "arm64"}, true},
		{"windows/arm64", Target{}, false},
		{"linux", Target{}, false},
		{"", Target{}, false},
	} {
		got, err := ParseTarget(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseTarget(%q) = %v, %v", tc.in, got, err)
		}
	}
}

// TestReproducible builds one target for real twice: once from this
// checkout and once from a copy of its files elsewhere, without .git, into
// two directories; the SHA256SUMS must be the same. Then the binary in the
// archive (of this machine's platform) must print the version. It compiles
// rolepack twice, so it runs with ROLEPACK_TEST_ALL=1 only.
func TestReproducible(t *testing.T) {
	if !packtest.Exhaustive() {
		t.Skip("compiles rolepack twice; runs with ROLEPACK_TEST_ALL=1 (make test-all)")
	}
	packtest.NeedTool(t, "git")
	root := repoRoot(t)
	target := Target{runtime.GOOS, runtime.GOARCH}
	if _, err := ParseTarget(target.String()); err != nil {
		target = Targets[0] // built and compared, but not run
	}
	copyDir := filepath.Join(t.TempDir(), "src")
	copyTree(t, root, copyDir)

	const version = "9.8.7-repro"
	var sums [2][]byte
	var outs [2]string
	for i, module := range []string{root, copyDir} {
		outs[i] = filepath.Join(t.TempDir(), "dist")
		_, err := Run(context.Background(), Options{Module: module, Out: outs[i], Version: version, Epoch: epoch,
			Targets: []Target{target}, Toolchain: "local"})
		if err != nil {
			t.Fatal(err)
		}
		sums[i], err = os.ReadFile(filepath.Join(outs[i], SumsName))
		if err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(sums[0], sums[1]) {
		t.Fatalf("two builds of the same sources differ:\n%s\n%s", sums[0], sums[1])
	}
	t.Logf("%s", sums[0])

	if target != (Target{runtime.GOOS, runtime.GOARCH}) {
		t.Logf("%s binaries do not run here; the version is not checked", target)
		return
	}
	name := ArchiveName(version, target)
	data, err := os.ReadFile(filepath.Join(outs[0], name))
	if err != nil {
		t.Fatal(err)
	}
	bin := "rolepack"
	if target.windows() {
		bin += ".exe"
	}
	files := readArchive(t, name, data)
	exe := filepath.Join(t.TempDir(), bin)
	if err := os.WriteFile(exe, []byte(files[archiveBase(version, target)+"/"+bin]), 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := exec.Command(exe, "version").CombinedOutput()
	if err != nil {
		t.Fatalf("rolepack version: %v\n%s", err, got)
	}
	if want := "rolepack " + version + "\n"; string(got) != want {
		t.Errorf("rolepack version printed %q, want %q", got, want)
	}
}

// copyTree copies the files git would commit (tracked, and untracked but
// not ignored) from src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	cmd := exec.Command("git", "-C", src, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	for _, name := range strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		from := filepath.Join(src, filepath.FromSlash(name))
		fi, err := os.Lstat(from)
		if errors.Is(err, os.ErrNotExist) {
			continue // deleted in the work tree
		}
		if err != nil {
			t.Fatal(err)
		}
		if !fi.Mode().IsRegular() {
			continue
		}
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		to := filepath.Join(dst, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, data, fi.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
}
