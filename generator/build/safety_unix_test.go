//go:build unix

package build

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// entry is what a snapshot records of one path: enough to tell any change
// a build could make to it.
type entry struct {
	Mode   fs.FileMode
	Target string // a symbolic link's target
	Data   string // a regular file's bytes
}

// snapshot walks root without following symbolic links and records every
// entry, root included.
func snapshot(t *testing.T, root string) map[string]entry {
	t.Helper()
	snap := map[string]entry{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		e := entry{Mode: info.Mode()}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			if e.Target, err = os.Readlink(p); err != nil {
				return err
			}
		case info.Mode().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			e.Data = string(b)
		}
		rel, _ := filepath.Rel(root, p)
		snap[rel] = e
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func assertSameTree(t *testing.T, before, after map[string]entry) {
	t.Helper()
	for _, p := range slices.Sorted(maps.Keys(before)) {
		if a, ok := after[p]; !ok {
			t.Errorf("%s was removed", p)
		} else if a != before[p] {
			t.Errorf("%s changed: %+v → %+v", p, before[p], a)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s appeared", p)
		}
	}
}

// makeHome creates what a fresh home directory looks like: only dot-files,
// a private .ssh, a symbolic link, a FIFO, mode 0700.
func makeHome(t *testing.T, dir string) {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Mkdir(dir, 0o700))
	must(os.WriteFile(filepath.Join(dir, ".bashrc"), []byte("export EDITOR=vi\n"), 0o644))
	must(os.Mkdir(filepath.Join(dir, ".ssh"), 0o700))
	must(os.WriteFile(filepath.Join(dir, ".ssh", "id_ed25519"), []byte("-----BEGIN OPENSSH PRIVATE KEY-----\nnot a real key\n"), 0o600))
	must(os.Symlink("../elsewhere/notes", filepath.Join(dir, ".notes")))
	must(syscall.Mkfifo(filepath.Join(dir, ".fifo"), 0o600))
	// Modes are set explicitly: the umask must not decide what is tested.
	must(os.Chmod(dir, 0o700))
	must(os.Chmod(filepath.Join(dir, ".ssh"), 0o700))
}

// TestForeignDirectoriesAreLeftAlone builds into directories rolepack did
// not write, directly and through symbolic links, and checks that each is
// refused and that nothing under the test's root changed: every entry, its
// mode, link target and bytes.
func TestForeignDirectoriesAreLeftAlone(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, root string) string // returns --out
		want  string
	}{
		{"home directory with only dot-files", func(t *testing.T, root string) string {
			makeHome(t, filepath.Join(root, "home"))
			return filepath.Join(root, "home")
		}, "not written by rolepack (no stamp.json)"},
		{"symbolic link to a home directory", func(t *testing.T, root string) string {
			makeHome(t, filepath.Join(root, "home"))
			os.Symlink("home", filepath.Join(root, "out"))
			return filepath.Join(root, "out")
		}, "is a symbolic link (to home)"},
		{"symbolic link to a rolepack output", func(t *testing.T, root string) string {
			os.Mkdir(filepath.Join(root, "real"), 0o755)
			os.WriteFile(filepath.Join(root, "real", Marker), []byte(stampText), 0o644)
			os.Symlink("real", filepath.Join(root, "out"))
			return filepath.Join(root, "out")
		}, "is a symbolic link"},
		{"a stamp.json that is not rolepack's", func(t *testing.T, root string) string {
			makeHome(t, filepath.Join(root, "home"))
			os.WriteFile(filepath.Join(root, "home", Marker), []byte(`{"tool": "other 1.0", "version": "1"}`), 0o644)
			return filepath.Join(root, "home")
		}, "stamp.json is not rolepack's stamp"},
		{"an empty stamp.json object", func(t *testing.T, root string) string {
			makeHome(t, filepath.Join(root, "home"))
			os.WriteFile(filepath.Join(root, "home", Marker), []byte(`{}`), 0o644)
			return filepath.Join(root, "home")
		}, "stamp.json is not rolepack's stamp"},
		{"a stamp.json with the right tool but no hash", func(t *testing.T, root string) string {
			makeHome(t, filepath.Join(root, "home"))
			os.WriteFile(filepath.Join(root, "home", Marker), []byte(`{"tool": "rolepack 1", "build_date": "2026-11-24T00:00:00Z"}`), 0o644)
			return filepath.Join(root, "home")
		}, "stamp.json is not rolepack's stamp"},
		{"stamp.json a symbolic link to a real stamp", func(t *testing.T, root string) string {
			makeHome(t, filepath.Join(root, "home"))
			os.WriteFile(filepath.Join(root, "real-stamp.json"), []byte(stampText), 0o644)
			os.Symlink("../real-stamp.json", filepath.Join(root, "home", Marker))
			return filepath.Join(root, "home")
		}, "stamp.json is not a regular file"},
		{"stamp.json a directory", func(t *testing.T, root string) string {
			makeHome(t, filepath.Join(root, "home"))
			os.Mkdir(filepath.Join(root, "home", Marker), 0o755)
			return filepath.Join(root, "home")
		}, "stamp.json is not a regular file"},
		{".gitignore a symbolic link", func(t *testing.T, root string) string {
			os.Mkdir(filepath.Join(root, "out"), 0o700)
			os.Symlink("../secret", filepath.Join(root, "out", ".gitignore"))
			return filepath.Join(root, "out")
		}, "not written by rolepack (no stamp.json)"},
		{".gitignore and another dot-file", func(t *testing.T, root string) string {
			os.Mkdir(filepath.Join(root, "out"), 0o700)
			os.WriteFile(filepath.Join(root, "out", ".gitignore"), []byte("*\n"), 0o644)
			os.WriteFile(filepath.Join(root, "out", ".bashrc"), []byte("x\n"), 0o644)
			return filepath.Join(root, "out")
		}, "not written by rolepack (no stamp.json)"},
		{"--out a regular file", func(t *testing.T, root string) string {
			os.WriteFile(filepath.Join(root, "out"), []byte("keep me"), 0o600)
			return filepath.Join(root, "out")
		}, "is not a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			content := filepath.Join(root, "content")
			os.Mkdir(content, 0o755)
			out := tc.setup(t, root)
			before := snapshot(t, root)
			_, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{Marker: stampText, "a.txt": "x"})}})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
			if err != nil && !strings.Contains(err.Error(), "choose another --out") {
				t.Errorf("the message does not say what to do: %v", err)
			}
			assertSameTree(t, before, snapshot(t, root))
		})
	}
}

// TestOutputModeIsKept: a private output directory stays private across a
// rebuild, and a new one is created 0755.
func TestOutputModeIsKept(t *testing.T) {
	content, out := setup(t)
	build := func() {
		t.Helper()
		if _, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{Marker: stampText, "a.txt": "x"})}}); err != nil {
			t.Fatal(err)
		}
	}
	build()
	if st, _ := os.Lstat(out); st.Mode().Perm() != 0o755 {
		t.Errorf("new output has mode %v, want 0755", st.Mode().Perm())
	}
	if err := os.Chmod(out, 0o700); err != nil {
		t.Fatal(err)
	}
	build()
	if st, _ := os.Lstat(out); st.Mode().Perm() != 0o700 {
		t.Errorf("rebuilt output has mode %v, want 0700", st.Mode().Perm())
	}
}

// TestEmptyOutputIsReplaced: an existing empty directory may be used, and
// keeps its mode.
func TestEmptyOutputIsReplaced(t *testing.T) {
	content, out := setup(t)
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	os.Chmod(out, 0o700)
	if _, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{Marker: stampText})}}); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(out); st.Mode().Perm() != 0o700 {
		t.Errorf("mode %v, want 0700", st.Mode().Perm())
	}
	assertNoStaging(t, filepath.Dir(out))
}

// TestStaleCleanupTakesOnlyRolepackLeftovers: beside --out, only
// directories with rolepack's exact naming and contents are removed.
func TestStaleCleanupTakesOnlyRolepackLeftovers(t *testing.T) {
	content, out := setup(t)
	parent := filepath.Dir(out)
	mk := func(name string, files map[string]string) string {
		t.Helper()
		dir := filepath.Join(parent, name)
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for n, data := range files {
			if err := os.WriteFile(filepath.Join(dir, n), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	removed := []string{
		mk(".output"+stagingInfix+"11", map[string]string{stagingToken: stagingTokenText, "a.txt": "half"}),
		mk(".output"+retiredInfix+"12", map[string]string{Marker: stampText, "a.txt": "old"}),
		mk(".output"+stagingInfix+"13", nil),
	}
	mk(".output"+stagingInfix+"21", map[string]string{"notes.txt": "mine"})                      // foreign contents
	mk(".output"+stagingInfix+"22", map[string]string{stagingToken: "something else"})           // not the token
	mk(".output"+stagingInfix+"backup", map[string]string{stagingToken: stagingTokenText})       // not rolepack's name
	mk(".other"+stagingInfix+"23", map[string]string{stagingToken: stagingTokenText})            // another output's
	mk(".output"+retiredInfix+"24", map[string]string{Marker: `{"tool":"other"}`, "a.txt": "x"}) // fake stamp
	// A link with rolepack's name, to a directory that looks like a
	// leftover: neither the link nor its target is touched.
	home := filepath.Join(t.TempDir(), "home")
	makeHome(t, home)
	os.WriteFile(filepath.Join(home, stagingToken), []byte(stagingTokenText), 0o644)
	os.Symlink(home, filepath.Join(parent, ".output"+stagingInfix+"25"))

	homeBefore := snapshot(t, home)
	before := snapshot(t, parent)
	if _, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{Marker: stampText})}}); err != nil {
		t.Fatal(err)
	}
	after := snapshot(t, parent)
	for _, dir := range removed {
		if _, err := os.Lstat(dir); err == nil {
			t.Errorf("leftover %s not removed", filepath.Base(dir))
		}
	}
	for p, e := range before {
		if strings.HasPrefix(p, "output") || slices.ContainsFunc(removed, func(r string) bool {
			rel, _ := filepath.Rel(parent, r)
			return p == rel || strings.HasPrefix(p, rel+"/")
		}) || p == "." {
			continue
		}
		if after[p] != e {
			t.Errorf("%s changed or removed", p)
		}
	}
	assertSameTree(t, homeBefore, snapshot(t, home))
}

// TestSwapChecksOutAgain: --out is checked again just before the swap, so
// a directory that appears, or a link that replaces the output, while the
// renderers run is not replaced.
func TestSwapChecksOutAgain(t *testing.T) {
	for _, tc := range []struct {
		name    string
		earlier bool // a rolepack output exists before the build
		during  func(t *testing.T, out, home string)
		want    string
	}{
		{"a home directory appears at --out", false, func(t *testing.T, out, home string) {
			makeHome(t, out)
		}, "not written by rolepack"},
		{"the output is replaced by a link to a home directory", true, func(t *testing.T, out, home string) {
			if err := os.RemoveAll(out); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(home, out); err != nil {
				t.Fatal(err)
			}
		}, "is a symbolic link"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			content, out := setup(t)
			home := filepath.Join(t.TempDir(), "home")
			makeHome(t, home)
			if tc.earlier {
				if _, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{Marker: stampText})}}); err != nil {
					t.Fatal(err)
				}
			}
			homeBefore := snapshot(t, home)
			var before map[string]entry
			meddle := Output{Name: "meddler", Render: func(w *Writer) error {
				tc.during(t, out, home)
				before = snapshot(t, filepath.Dir(out))
				return nil
			}}
			_, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{Marker: stampText}), meddle}})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			after := snapshot(t, filepath.Dir(out))
			for p := range after { // the staging directory, created before the meddling, is gone
				if strings.Contains(p, stagingInfix) {
					delete(after, p)
				}
			}
			for p := range before {
				if strings.Contains(p, stagingInfix) {
					delete(before, p)
				}
			}
			assertSameTree(t, before, after)
			assertSameTree(t, homeBefore, snapshot(t, home))
			assertNoStaging(t, filepath.Dir(out))
		})
	}
}

// TestGitignorePlaceholderIsKept: the repository's output/ holds only a
// .gitignore; the first build accepts it and keeps the file as it was.
func TestGitignorePlaceholderIsKept(t *testing.T) {
	content, out := setup(t)
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	ignore := filepath.Join(out, ".gitignore")
	if err := os.WriteFile(ignore, []byte("*\n!.gitignore\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Lstat(ignore)
	if _, err := Run(Options{Out: out, Content: content, Outputs: []Output{files(map[string]string{Marker: stampText})}}); err != nil {
		t.Fatal(err)
	}
	after, err := os.Lstat(ignore)
	if err != nil || !os.SameFile(before, after) || after.Mode() != before.Mode() || read(t, ignore) != "*\n!.gitignore\n" {
		t.Errorf(".gitignore not kept as it was: %v", err)
	}
}
