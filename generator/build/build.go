// Package build writes a build's outputs safely: everything goes into a
// fresh staging directory beside the output directory, which replaces the
// old one only when every output succeeded. A failed or interrupted build
// leaves the previous output as it was.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Marker is the file whose presence shows that a directory was written by
// rolepack, and so may be replaced.
const Marker = "stamp.json"

const (
	stagingInfix = ".rolepack-new-"
	retiredInfix = ".rolepack-old-"
)

// Output is one renderer's share of a build.
type Output struct {
	Name   string
	Render func(w *Writer) error
}

// Options configure Run.
type Options struct {
	Out     string   // output directory
	Content string   // content directory, which Out must not overlap
	Outputs []Output // run concurrently
	// Partial keeps the previous build's files that this build did not
	// write (used when only some outputs are rebuilt).
	Partial bool
}

// Timing is how long one output took.
type Timing struct {
	Name     string
	Duration time.Duration
}

// Result describes a successful build.
type Result struct {
	Files     int // files in the new output
	Bytes     int64
	Unchanged int // files whose bytes were the same as before (kept, not rewritten)
	Timings   []Timing
	Swap      time.Duration
}

// CheckDirs refuses output directories that would destroy sources or
// unrelated files.
func CheckDirs(out, content string) error {
	absOut, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	absContent, err := filepath.Abs(content)
	if err != nil {
		return err
	}
	absOut, absContent = evalExisting(absOut), evalExisting(absContent)
	if absOut == filepath.Dir(absOut) {
		return fmt.Errorf("refusing to use the root directory %s as output", absOut)
	}
	if within(absContent, absOut) {
		if absOut == absContent {
			return fmt.Errorf("output directory %s is the content directory: choose another --out", out)
		}
		return fmt.Errorf("output directory %s contains the content directory %s: choose another --out", out, content)
	}
	if within(absOut, absContent) {
		return fmt.Errorf("output directory %s is inside the content directory %s: choose another --out", out, content)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("output directory: %w", err)
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err == nil {
		return nil
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			return fmt.Errorf("output directory %s is not empty and was not written by rolepack (no %s): empty it or choose another --out", out, Marker)
		}
	}
	return nil
}

// evalExisting resolves symbolic links in the longest existing prefix of p.
func evalExisting(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	parent := filepath.Dir(p)
	if parent == p {
		return p
	}
	return filepath.Join(evalExisting(parent), filepath.Base(p))
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// Run renders every output into a staging directory and swaps it in.
func Run(o Options) (Result, error) {
	var res Result
	if err := CheckDirs(o.Out, o.Content); err != nil {
		return res, err
	}
	out := filepath.Clean(o.Out)
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return res, fmt.Errorf("cannot create %s: %w", parent, unwrap(err))
	}
	removeStale(parent, base)
	staging, err := os.MkdirTemp(parent, "."+base+stagingInfix)
	if err != nil {
		return res, fmt.Errorf("cannot write beside the output directory: %w", unwrap(err))
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		os.RemoveAll(staging)
		return res, err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(staging)
		}
	}()

	w := &Writer{dir: staging, prev: out, written: map[string]bool{}}
	res.Timings = make([]Timing, len(o.Outputs))
	errs := make([]error, len(o.Outputs))
	var wg sync.WaitGroup
	for i, op := range o.Outputs {
		wg.Go(func() {
			start := time.Now()
			if err := op.Render(w); err != nil {
				errs[i] = fmt.Errorf("%s: %w", op.Name, err)
			}
			res.Timings[i] = Timing{op.Name, time.Since(start)}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return res, err
	}
	start := time.Now()
	if err := carryOver(out, staging, w.written, o.Partial); err != nil {
		return res, err
	}
	if err := swap(out, staging, parent, base); err != nil {
		return res, err
	}
	ok = true
	res.Swap = time.Since(start)
	res.Files, res.Bytes, res.Unchanged = w.files, w.bytes, w.unchanged
	return res, nil
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// removeStale deletes staging and retired directories left by builds that
// were killed part-way.
func removeStale(parent, base string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() && (strings.HasPrefix(n, "."+base+stagingInfix) || strings.HasPrefix(n, "."+base+retiredInfix)) {
			os.RemoveAll(filepath.Join(parent, n))
		}
	}
}

// carryOver links into the staging directory the previous output's entries
// that this build did not write: hidden files such as .gitignore always,
// and everything when the build is partial.
func carryOver(out, staging string, written map[string]bool, partial bool) error {
	entries, err := os.ReadDir(out)
	if err != nil {
		return nil // no previous output
	}
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(n, ".") && !partial {
			continue
		}
		if writtenUnder(written, n) {
			continue
		}
		if err := linkTree(filepath.Join(out, n), filepath.Join(staging, n)); err != nil {
			return fmt.Errorf("keeping %s: %w", n, unwrap(err))
		}
	}
	return nil
}

func writtenUnder(written map[string]bool, top string) bool {
	if written[top] {
		return true
	}
	for k := range written {
		if strings.HasPrefix(k, top+"/") {
			return true
		}
	}
	return false
}

// linkTree hard-links (or copies) src into dst.
func linkTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if os.Link(p, target) == nil {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// swap replaces out with staging. Between the two renames out is briefly
// absent; it is never half-written.
func swap(out, staging, parent, base string) error {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(staging, out)
	}
	retired, err := os.MkdirTemp(parent, "."+base+retiredInfix)
	if err != nil {
		return fmt.Errorf("cannot replace the output directory: %w", unwrap(err))
	}
	os.Remove(retired) // only the unique name is needed
	if err := os.Rename(out, retired); err != nil {
		return fmt.Errorf("cannot replace the output directory: %w", unwrap(err))
	}
	if err := os.Rename(staging, out); err != nil {
		os.Rename(retired, out)
		return fmt.Errorf("cannot replace the output directory: %w", unwrap(err))
	}
	os.RemoveAll(retired)
	return nil
}

// Writer receives the files of a build. It is safe for concurrent use.
type Writer struct {
	dir  string // staging directory
	prev string // previous output, to keep unchanged files as they were

	mu        sync.Mutex
	dirs      sync.Map // directories already created in the staging tree
	written   map[string]bool
	files     int
	unchanged int
	bytes     int64
}

// ValidName reports whether name is a clean, relative, slash-separated path
// that stays inside the output directory.
func ValidName(name string) bool {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") || strings.ContainsRune(name, 0) {
		return false
	}
	if path.Clean(name) != name {
		return false
	}
	return !slices.Contains(strings.Split(name, "/"), "..")
}

// WriteFile writes data to name (a slash-separated path relative to the
// output). When the previous output has the same bytes under that name, the
// old file is kept (hard-linked), so its modification time does not change.
func (w *Writer) WriteFile(name string, data []byte) error {
	if !ValidName(name) {
		return fmt.Errorf("refusing to write %q: not a plain relative path", name)
	}
	w.mu.Lock()
	if w.written[name] {
		w.mu.Unlock()
		return fmt.Errorf("%s written twice", name)
	}
	w.written[name] = true
	w.files++
	w.bytes += int64(len(data))
	w.mu.Unlock()

	target := filepath.Join(w.dir, filepath.FromSlash(name))
	if dir := filepath.Dir(target); dir != w.dir {
		if _, done := w.dirs.Load(dir); !done {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return unwrap(err)
			}
			w.dirs.Store(dir, true)
		}
	}
	old := filepath.Join(w.prev, filepath.FromSlash(name))
	if sameContent(old, data) && os.Link(old, target) == nil {
		w.mu.Lock()
		w.unchanged++
		w.mu.Unlock()
		return nil
	}
	if err := os.WriteFile(target, data, 0o644); err != nil {
		return unwrap(err)
	}
	return nil
}

func sameContent(p string, data []byte) bool {
	st, err := os.Lstat(p)
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(p)
	return err == nil && bytes.Equal(old, data)
}
