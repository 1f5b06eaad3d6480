package history_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/diff"
	"github.com/rolepack/rolepack/generator/history"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// repo makes a git repository whose content/ holds archive, committed and
// tagged tag.
func repo(t *testing.T, archive, tag string) string {
	t.Helper()
	git := packtest.NeedTool(t, "git")
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	src := packtest.Write(t, archive)
	if err := os.CopyFS(content, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) {
		cmd := exec.Command(git, append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.invalid"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q")
	run("add", ".")
	run("commit", "-q", "-m", "v1.0")
	run("tag", tag)
	return content
}

// next is version 1.1 of the minimal pack: the ISM's responsibilities
// change; nothing else does.
func next(archive string) string {
	a := packtest.Edit(archive, "pack.toml", `version = "1.0"
status`, `version = "1.1"
status`)
	a = packtest.Edit(a, "pack.toml", `summary = "First issue."`, `summary = "First issue."
git_ref = "v1.0"

[[revision]]
version = "1.1"
date = 2026-10-01
author = "Ann Admin"
summary = "The ISM reports monthly."`)
	return packtest.Edit(a, "roles/ism.toml", `"Report ISMS performance"`, `"Report ISMS performance monthly"`)
}

func TestAcknowledgementsCarryForward(t *testing.T) {
	content := repo(t, packtest.Minimal, "v1.0")
	// The working tree moves on to 1.1.
	src := packtest.Write(t, next(packtest.Minimal))
	if err := os.RemoveAll(content); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(content, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	p, err := model.Load(content)
	if err != nil {
		t.Fatal(err)
	}
	h := history.Compute(context.Background(), content, p)
	if len(h.Problems) > 0 {
		t.Fatalf("problems: %v", h.Problems)
	}
	c := h.Changes["1.1"]
	if c == nil || len(c.Roles) != 1 || c.Roles[0].ID != "ism" {
		t.Fatalf("changes in 1.1: %+v", c)
	}
	if !h.ChangedRoles["ism"] || h.ChangedRoles["auditor"] {
		t.Errorf("changed roles %v", h.ChangedRoles)
	}
	for person, carried := range map[string]bool{"ann": false, "bob": false, "eve": true, "ceo-person": true} {
		a, ok := h.Acks[person]
		if !ok {
			t.Errorf("%s: no acknowledgement found", person)
			continue
		}
		if a.Carried != carried || a.Version != "1.0" {
			t.Errorf("%s: carried %v (version %s), want %v", person, a.Carried, a.Version, carried)
		}
		if !carried && !strings.Contains(strings.Join(a.Changed, "; "), "Report ISMS performance monthly") {
			t.Errorf("%s: changed %v", person, a.Changed)
		}
		// The texts behind the English, for the outputs' languages.
		if got := diff.Strings(a.ChangedText); !slices.Equal(got, a.Changed) {
			t.Errorf("%s: the texts say %q, the strings %q", person, got, a.Changed)
		}
	}
}

func TestUnreadableRefIsAProblem(t *testing.T) {
	content := repo(t, packtest.Minimal, "v1.0")
	src := packtest.Write(t, strings.Replace(next(packtest.Minimal), `git_ref = "v1.0"`, `git_ref = "no-such-tag"`, 1))
	os.RemoveAll(content)
	if err := os.CopyFS(content, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	p, err := model.Load(content)
	if err != nil {
		t.Fatal(err)
	}
	h := history.Compute(context.Background(), content, p)
	if len(h.Problems) != 1 || !strings.Contains(h.Problems[0].Message, "no-such-tag") {
		t.Errorf("problems %v", h.Problems)
	}
	if len(h.Acks) != 0 || len(h.Changes) != 0 {
		t.Errorf("without readable sources nothing carries: %v %v", h.Acks, h.Changes)
	}
}

func TestNoGitRefNoHistory(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	h := history.Compute(context.Background(), t.TempDir(), p)
	if len(h.Acks)+len(h.Changes)+len(h.Problems) != 0 {
		t.Errorf("history without git_refs: %+v", h)
	}
}

// archiveOf is the txtar archive of a pack directory of the repository.
func archiveOf(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".toml") {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		b.WriteString("-- " + filepath.ToSlash(rel) + " --\n" + string(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// A person is asked again when the text in the language they signed
// changed. Version 1.1 of the multilingual pack corrects the wording of an
// English responsibility of the ISM; the German translator confirms the
// German text unchanged (a new source hash, the same text), the Japanese
// one rewords it. The ISM's holder signed 1.0 in German, in Japanese or in
// English: only the German acknowledgement still covers their duties.
func TestAcknowledgementsCarryForwardInTheLanguageSigned(t *testing.T) {
	base := archiveOf(t, filepath.Join(packtest.ModuleRoot(t), "testdata", "packs", "multilingual"))
	oldHash, newHash := model.SourceHash("Report ISMS performance"), model.SourceHash("Report on ISMS performance")
	for _, tc := range []struct {
		lang    string
		carried bool
	}{{"de", true}, {"ja", false}, {"en", false}} {
		t.Run(tc.lang, func(t *testing.T) {
			v10 := packtest.Edit(base, "acknowledgements.toml", "person = \"ann\"\nversion = \"1.0\"", "person = \"ann\"\nversion = \"1.0\"\nlanguage = \""+tc.lang+"\"")
			content := repo(t, v10, "v1.0")
			v11 := packtest.Edit(next(v10), "roles/ism.toml", `"Report ISMS performance monthly"`, `"Report on ISMS performance"`)
			v11 = packtest.Edit(v11, "translations/de/roles/ism.toml", `source = "`+oldHash+`"`, `source = "`+newHash+`"`)
			v11 = packtest.Edit(v11, "translations/de/roles/ism.toml", `source_text = "Report ISMS performance"`, `source_text = "Report on ISMS performance"`)
			v11 = packtest.Edit(v11, "translations/ja/roles/ism.toml", `source = "`+oldHash+`"`, `source = "`+newHash+`"`)
			v11 = packtest.Edit(v11, "translations/ja/roles/ism.toml", `source_text = "Report ISMS performance"`, `source_text = "Report on ISMS performance"`)
			v11 = packtest.Edit(v11, "translations/ja/roles/ism.toml", `text = "ISMSのパフォーマンスを報告する"`, `text = "ISMSのパフォーマンスについて報告する"`)
			summary := model.SourceHash("The ISM reports monthly.")
			v11 = packtest.Edit(v11, "translations/de/pack.toml", `text = "Erstausgabe."`, "text = \"Erstausgabe.\"\n\n[[unit]]\nid = \"revision.1.1.summary\"\nsource = \""+summary+"\"\ntext = \"Der ISB berichtet monatlich.\"")
			v11 = packtest.Edit(v11, "translations/ja/pack.toml", `text = "初版。"`, "text = \"初版。\"\n\n[[unit]]\nid = \"revision.1.1.summary\"\nsource = \""+summary+"\"\ntext = \"ISMは毎月報告する。\"")
			src := packtest.Write(t, v11)
			if err := os.RemoveAll(content); err != nil {
				t.Fatal(err)
			}
			if err := os.CopyFS(content, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			p, err := model.Load(content)
			if err != nil {
				t.Fatal(err)
			}
			for _, lang := range []string{"de", "ja"} {
				if st := p.TranslationState(lang); len(st.Stale)+len(st.Missing) > 0 {
					t.Fatalf("%s translation of 1.1: %d stale, %d missing; want it current", lang, len(st.Stale), len(st.Missing))
				}
			}
			h := history.Compute(context.Background(), content, p)
			if len(h.Problems) > 0 {
				t.Fatalf("problems: %v", h.Problems)
			}
			a := h.Acks["ann"]
			if a.Carried != tc.carried || a.Version != "1.0" {
				t.Errorf("ann signed 1.0 in %s: carried %v, changed %v; want carried %v", tc.lang, a.Carried, a.Changed, tc.carried)
			}
			if tc.lang == "ja" {
				// What changed in the Japanese text, in Japanese.
				got := ""
				for _, x := range a.ChangedText {
					got += x.In(messages.Builtin("ja")) + "\n"
				}
				if !strings.Contains(got, "ISMSのパフォーマンスについて報告する") || !strings.Contains(got, "責任の文言の変更") || strings.Contains(got, "responsibility") {
					t.Errorf("ann's changes in Japanese: %q", got)
				}
			}
			if b := h.Acks["bob"]; b.Carried {
				t.Errorf("bob, the ISM's deputy, signed the English text, which changed; his acknowledgement carries forward")
			}
			if e := h.Acks["eve"]; !e.Carried {
				t.Errorf("eve, whose duties did not change, is asked again: %v", e.Changed)
			}
		})
	}
}
