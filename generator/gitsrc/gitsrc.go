// Package gitsrc reads a pack as it was at a git revision, from the
// repository's objects, without a checkout: the files are written into a
// private temporary directory, and the pack is then read from there by the
// same loader, with the same limits, as any content directory.
package gitsrc

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/rolepack/rolepack/generator/model"
)

// Limits on what one revision may hold, so that a hostile history cannot
// exhaust the machine: at most MaxFiles files under the content directory,
// each at most model.MaxFontBytes (a font of the pack; the loader holds
// a source to model.MaxFileBytes), MaxTotalBytes together.
const (
	MaxFiles      = 20000
	MaxTotalBytes = 512 << 20
)

// ErrNotGit is returned when the content directory is not in a git
// repository, or git is not installed.
var ErrNotGit = errors.New("not in a git repository (or git is not installed)")

// Snapshot is a pack directory written from a revision.
type Snapshot struct {
	// Dir holds the content directory's files as they were at the
	// revision. Remove it with Close.
	Dir string
	// Rev is the revision as given, and Commit the commit it names.
	Rev, Commit string
}

// Close removes the snapshot's files.
func (s *Snapshot) Close() error { return os.RemoveAll(s.Dir) }

// Read writes the files of the content directory content (a path inside a
// git work tree) as they were at rev into a new temporary directory.
func Read(ctx context.Context, content, rev string) (*Snapshot, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("revision %q may not start with '-'", rev)
	}
	prefix, err := git(ctx, content, nil, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, ErrNotGit
	}
	prefix = strings.TrimSpace(prefix)
	commit, err := git(ctx, content, nil, "rev-parse", "--verify", "--quiet", rev+"^{commit}")
	if err != nil {
		return nil, fmt.Errorf("unknown revision %q", rev)
	}
	commit = strings.TrimSpace(commit)
	top, err := git(ctx, content, nil, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, ErrNotGit
	}
	top = strings.TrimSpace(top)
	args := []string{"ls-tree", "-r", "-z", "--full-tree", commit}
	if prefix != "" {
		args = append(args, "--", strings.TrimSuffix(prefix, "/"))
	}
	list, err := git(ctx, top, nil, args...)
	if err != nil {
		return nil, fmt.Errorf("listing %s at %s: %v", content, rev, err)
	}
	var entries []entry
	for _, rec := range strings.Split(list, "\x00") {
		if rec == "" {
			continue
		}
		meta, name, ok := strings.Cut(rec, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) != 3 {
			continue
		}
		if f[1] != "blob" {
			continue // a submodule is not part of a pack
		}
		rel := strings.TrimPrefix(name, prefix)
		if rel == name && prefix != "" || !validPath(rel) {
			continue
		}
		entries = append(entries, entry{f[0], f[2], rel})
	}
	if len(entries) > MaxFiles {
		return nil, fmt.Errorf("%s at %s holds %d files; the limit is %d", content, rev, len(entries), MaxFiles)
	}
	dir, err := os.MkdirTemp("", "rolepack-rev-")
	if err != nil {
		return nil, err
	}
	snap := &Snapshot{Dir: dir, Rev: rev, Commit: commit}
	if err := snap.write(ctx, top, entries); err != nil {
		snap.Close()
		return nil, err
	}
	return snap, nil
}

// validPath accepts clean relative slash paths only.
func validPath(p string) bool {
	return p != "" && !strings.HasPrefix(p, "/") && path.Clean(p) == p && !strings.HasPrefix(p, "../") && p != ".." && !strings.Contains(p, "\x00")
}

// entry is a file of the tree: its mode, blob id and path under the
// content directory.
type entry struct{ mode, object, name string }

func (s *Snapshot) write(ctx context.Context, top string, entries []entry) error {
	var in bytes.Buffer
	for _, e := range entries {
		in.WriteString(e.object + "\n")
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", "-C", top, "cat-file", "--batch")
	cmd.Stdin = &in
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return ErrNotGit
	}
	defer cmd.Wait()
	r := bufio.NewReader(out)
	var total int64
	for _, e := range entries {
		header, err := r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("reading %s: %v", e.name, err)
		}
		f := strings.Fields(header)
		if len(f) != 3 {
			return fmt.Errorf("reading %s: %s", e.name, strings.TrimSpace(header))
		}
		size, err := strconv.ParseInt(f[2], 10, 64)
		if err != nil {
			return fmt.Errorf("reading %s: bad size", e.name)
		}
		total += size
		// A font file of the pack may be larger than a source; which
		// files are fonts is for the loader to say, so any file may be.
		if size > max(model.MaxFileBytes, model.MaxFontBytes) || total > MaxTotalBytes {
			return fmt.Errorf("%s at %s: file is larger than the %d MiB limit for one file of a pack", e.name, s.Rev, max(model.MaxFileBytes, model.MaxFontBytes)>>20)
		}
		data := make([]byte, size)
		if _, err := io.ReadFull(r, data); err != nil {
			return fmt.Errorf("reading %s: %v", e.name, err)
		}
		if _, err := r.Discard(1); err != nil { // the newline after each object
			return err
		}
		target := filepath.Join(s.Dir, filepath.FromSlash(e.name))
		if err := os.MkdirAll(filepath.Dir(target), 0o700); err != nil {
			return err
		}
		if e.mode == "120000" {
			// A link stays a link, so the loader judges it as it would in
			// a work tree (a link out of the content directory is refused).
			if err := os.Symlink(string(data), target); err != nil {
				return err
			}
			continue
		}
		if err := os.WriteFile(target, data, 0o600); err != nil {
			return err
		}
	}
	return nil
}

func git(ctx context.Context, dir string, stdin io.Reader, args ...string) (string, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return "", ErrNotGit
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Stdin = stdin
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s", strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}
