package stamp

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/internal/packtest"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func clock() time.Time { return time.Date(2030, 1, 2, 3, 4, 5, 6, time.UTC) }

func TestSourceDateEpochWins(t *testing.T) {
	s, err := Compute(Options{Dir: t.TempDir(), ContentHash: strings.Repeat("c", 64), Version: "2.1", Tool: "rolepack t",
		Getenv: env(map[string]string{"SOURCE_DATE_EPOCH": "1795478400"}), Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.BuildDate.Format(time.RFC3339); got != "2026-11-24T00:00:00Z" || s.DateSource != FromSourceDateEpoch {
		t.Errorf("build date %s from %s", got, s.DateSource)
	}
	if s.Date().String() != "2026-11-24" {
		t.Errorf("date %s", s.Date())
	}
	if s.Commit != "" || s.Dirty {
		t.Errorf("outside git: commit %q dirty %v", s.Commit, s.Dirty)
	}
	if got := s.String(); got != "v2.1 · "+s.ContentHash[:12]+" · 2026-11-24" {
		t.Errorf("String() = %q", got)
	}
}

func TestBadSourceDateEpoch(t *testing.T) {
	_, err := Compute(Options{ContentHash: strings.Repeat("c", 64), Getenv: env(map[string]string{"SOURCE_DATE_EPOCH": "yesterday"}), Now: clock})
	if err == nil || !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH") {
		t.Errorf("err = %v", err)
	}
}

func TestClockFallback(t *testing.T) {
	s, err := Compute(Options{Dir: t.TempDir(), ContentHash: strings.Repeat("c", 64), Getenv: env(nil), Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	if s.DateSource != FromClock || !s.BuildDate.Equal(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("%v from %s", s.BuildDate, s.DateSource)
	}
}

func TestGitCommitAndDirty(t *testing.T) {
	packtest.NeedTool(t, "git")
	dir := t.TempDir()
	gitRun := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.org"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_COMMITTER_DATE=2026-03-01T10:00:00Z", "GIT_AUTHOR_DATE=2026-03-01T10:00:00Z")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	gitRun("init", "-q")
	os.WriteFile(filepath.Join(dir, "pack.toml"), []byte("a = 1\n"), 0o644)
	gitRun("add", ".")
	gitRun("commit", "-q", "-m", "first")
	s, err := Compute(Options{Dir: dir, ContentHash: strings.Repeat("c", 64), Version: "1", Getenv: env(nil), Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Commit) != 40 || s.Dirty {
		t.Errorf("commit %q dirty %v", s.Commit, s.Dirty)
	}
	if s.DateSource != FromGit || s.BuildDate.Format(time.RFC3339) != "2026-03-01T10:00:00Z" {
		t.Errorf("date %v from %s", s.BuildDate, s.DateSource)
	}
	os.WriteFile(filepath.Join(dir, "pack.toml"), []byte("a = 2\n"), 0o644)
	s, _ = Compute(Options{Dir: dir, ContentHash: strings.Repeat("c", 64), Version: "1", Getenv: env(nil), Now: clock})
	if !s.Dirty || !strings.Contains(s.String(), "+dirty") {
		t.Errorf("uncommitted change not flagged: %s", s)
	}
}

// The one-line stamp names the outputs' language when the pack has several
// or is not in English, so that a printed page says which language it is.
func TestStampNamesItsLanguage(t *testing.T) {
	day := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	s := Stamp{Version: "2.1", ContentHash: strings.Repeat("ab", 32), BuildDate: day, Language: "en"}
	if got := s.String(); got != "v2.1 · abababababab · 2026-12-07" {
		t.Errorf("English-only pack: %q", got)
	}
	s.Languages = []string{"en", "de"}
	if got := s.In("de").String(); got != "v2.1 de · abababababab · 2026-12-07" {
		t.Errorf("German translation: %q", got)
	}
	if got := s.String(); got != "v2.1 en · abababababab · 2026-12-07" {
		t.Errorf("English of a multilingual pack: %q", got)
	}
	if got := (Stamp{Version: "1", ContentHash: "ab", BuildDate: day, Language: "ja"}).String(); got != "v1 ja · ab · 2026-12-07" {
		t.Errorf("Japanese-only pack: %q", got)
	}
}
