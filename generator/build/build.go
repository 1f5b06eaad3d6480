// Package build writes a build's outputs safely: everything goes into a
// fresh staging directory beside the output directory, which replaces the
// old one only when every output succeeded. A failed or interrupted build
// leaves the previous output as it was.
package build

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/internal/crash"
)

// Marker is the file whose presence shows that a directory was written by
// rolepack, and so may be replaced.
const Marker = "stamp.json"

const (
	stagingInfix = ".rolepack-new-"
	retiredInfix = ".rolepack-old-"
)

// stagingToken is a file every staging directory holds until the swap, so
// that a directory left by an interrupted build can be told from one that
// merely has a similar name.
const (
	stagingToken     = ".rolepack-staging"
	stagingTokenText = "rolepack staging directory: a build in progress or an interrupted one; safe to delete\n"
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
	// Key identifies the inputs of the build; when set, the output gets a
	// manifest (ManifestFile) under that key, so that Current can tell a
	// later build with the same key that there is nothing to do.
	Key string
	// Fonts are the pack's faces, which the manifest lists.
	Fonts []stamp.Font
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
// unrelated files. --out may be missing, an empty directory, or a directory
// that carries rolepack's stamp (see Owned); anything else is refused, and so
// is a symbolic link, whatever it points to: the swap would replace the
// link's target as a whole.
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
	return Owned(out)
}

// Owned returns nil when dir may be replaced by a build: it does not exist,
// it is an empty directory (a dot-file counts as content), or it is a real
// directory (not a symbolic link) holding a stamp.json that is a regular file
// and parses as rolepack's stamp. Otherwise the error says what to do.
//
// One placeholder is allowed in an otherwise empty directory: a .gitignore
// that is a regular file, as the repository's output/ holds. A build keeps
// it (see carryOver), so nothing is lost.
func Owned(dir string) error {
	info, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output directory: %w", unwrap(err))
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		target, _ := os.Readlink(dir)
		return fmt.Errorf("output directory %s is a symbolic link (to %s): rolepack replaces --out as a whole, so give the real directory instead, or choose another --out", dir, target)
	}
	if !info.IsDir() {
		return fmt.Errorf("output %s exists and is not a directory: choose another --out", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("output directory: %w", unwrap(err))
	}
	if len(entries) == 0 || len(entries) == 1 && isPlaceholder(dir, entries[0]) {
		return nil
	}
	if err := checkStamp(filepath.Join(dir, Marker)); err != nil {
		return fmt.Errorf("output directory %s is not empty and was not written by rolepack (%v): empty it or choose another --out", dir, err)
	}
	return nil
}

// isPlaceholder reports whether e is a .gitignore that is a regular file.
func isPlaceholder(dir string, e fs.DirEntry) bool {
	if e.Name() != ".gitignore" {
		return false
	}
	info, err := os.Lstat(filepath.Join(dir, e.Name()))
	return err == nil && info.Mode().IsRegular()
}

// maxStamp bounds how much of a stamp.json is read; rolepack's is a few
// hundred bytes.
const maxStamp = 64 << 10

// checkStamp returns nil when p is a regular file (not a link) holding the
// stamp rolepack writes: a tool starting with "rolepack ", a SHA-256 content
// hash and a build date.
func checkStamp(p string) error {
	info, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no %s", Marker)
	}
	if err != nil {
		return unwrap(err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", Marker)
	}
	if info.Size() > maxStamp {
		return fmt.Errorf("%s is too large to be rolepack's", Marker)
	}
	f, err := os.Open(p)
	if err != nil {
		return unwrap(err)
	}
	defer f.Close()
	// The file opened must be the one inspected, not a link put in its place.
	if opened, err := f.Stat(); err != nil || !os.SameFile(info, opened) {
		return fmt.Errorf("%s changed while it was read", Marker)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxStamp+1))
	if err != nil {
		return unwrap(err)
	}
	var st stamp.Stamp
	if err := json.Unmarshal(data, &st); err != nil {
		return fmt.Errorf("%s is not rolepack's stamp", Marker)
	}
	if !strings.HasPrefix(st.Tool, "rolepack ") || !isSHA256(st.ContentHash) || st.BuildDate.IsZero() {
		return fmt.Errorf("%s is not rolepack's stamp", Marker)
	}
	return nil
}

func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
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
	out, err := filepath.Abs(o.Out)
	if err != nil {
		return res, err
	}
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
	if err := os.WriteFile(filepath.Join(staging, stagingToken), []byte(stagingTokenText), 0o644); err != nil {
		os.RemoveAll(staging)
		return res, fmt.Errorf("cannot write beside the output directory: %w", unwrap(err))
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(staging)
		}
	}()

	w := &Writer{dir: staging, written: map[string]bool{}, hashes: map[string]string{}}
	if st, err := os.Lstat(out); err == nil && st.IsDir() {
		w.prev = out
	}
	res.Timings = make([]Timing, len(o.Outputs))
	errs := make([]error, len(o.Outputs))
	var wg sync.WaitGroup
	for i, op := range o.Outputs {
		wg.Go(func() {
			start := time.Now()
			// A panic here would end the process before the staging
			// directory is removed: it fails this output instead.
			err := crash.Guard(op.Name, "", func() error { return op.Render(w) })
			var ce *crash.Error
			switch {
			case errors.As(err, &ce):
				errs[i] = err // it names the output already
			case err != nil:
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
	if o.Key != "" {
		if err := writeManifest(staging, o.Key, w.hashes, o.Fonts); err != nil {
			return res, fmt.Errorf("writing the manifest: %w", unwrap(err))
		}
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
// were killed part-way. A directory is removed only when its name is exactly
// the one rolepack gives it (".<out>.rolepack-new-<digits>" or
// "-old-<digits>") and its contents are rolepack's: see leftover.
func removeStale(parent, base string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		p := filepath.Join(parent, e.Name())
		if leftoverName(e.Name(), base) && leftover(p) {
			removeTree(p)
		}
	}
}

// leftoverName reports whether name is a staging or retired directory name
// that rolepack would create beside base.
func leftoverName(name, base string) bool {
	for _, infix := range []string{stagingInfix, retiredInfix} {
		digits, ok := strings.CutPrefix(name, "."+base+infix)
		if ok && digits != "" && strings.Trim(digits, "0123456789") == "" {
			return true
		}
	}
	return false
}

// leftover reports whether p is a real directory (not a symbolic link) that
// rolepack left: it holds the staging token, or it is empty or carries
// rolepack's stamp (a retired output, or a staging directory killed just
// before its swap).
func leftover(p string) bool {
	info, err := os.Lstat(p)
	if err != nil || !info.IsDir() {
		return false
	}
	token := filepath.Join(p, stagingToken)
	if st, err := os.Lstat(token); err == nil && st.Mode().IsRegular() && st.Size() == int64(len(stagingTokenText)) {
		if data, err := os.ReadFile(token); err == nil && string(data) == stagingTokenText {
			return true
		}
	}
	return Owned(p) == nil
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
		if n == stagingToken || !strings.HasPrefix(n, ".") && !partial {
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
// absent; it is never half-written. Just before the swap out is checked
// again (it must still be missing, empty or rolepack's, and not a link), and
// the new directory takes over its permissions. Renames act on names, never
// through symbolic links.
func swap(out, staging, parent, base string) error {
	if err := os.Remove(filepath.Join(staging, stagingToken)); err != nil {
		return fmt.Errorf("cannot finish the staging directory: %w", unwrap(err))
	}
	info, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return os.Rename(staging, out)
	}
	if err := Owned(out); err != nil {
		return err
	}
	if err := os.Chmod(staging, info.Mode()&(fs.ModePerm|fs.ModeSetgid|fs.ModeSticky)); err != nil {
		return fmt.Errorf("cannot keep the output directory's permissions: %w", unwrap(err))
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
	// The retired tree is removed only if it is still what was checked; if
	// something else took its place meanwhile, it is left where it is.
	if leftover(retired) {
		removeTree(retired)
	}
	return nil
}

// removeTree deletes a leftover directory, its stamp and staging token last,
// so that a removal cut short still leaves a directory the next build
// recognises (and finishes removing). os.RemoveAll does not follow symbolic
// links inside the tree.
func removeTree(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if n := e.Name(); n != Marker && n != stagingToken {
			if err := os.RemoveAll(filepath.Join(dir, n)); err != nil {
				return
			}
		}
	}
	os.Remove(filepath.Join(dir, Marker))
	os.Remove(filepath.Join(dir, stagingToken))
	os.Remove(dir)
}

// Writer receives the files of a build. It is safe for concurrent use.
type Writer struct {
	// root is the writer a Sub writes through, with prefix before each
	// name; nil for the build's own writer.
	root   *Writer
	prefix string

	dir  string // staging directory
	prev string // previous output, to keep unchanged files as they were; "" when none

	mu        sync.Mutex
	dirs      sync.Map // directories already created in the staging tree
	written   map[string]bool
	hashes    map[string]string // SHA-256 of each file written, for the manifest
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
// It does not keep data after it returns: the caller may reuse it.
func (w *Writer) WriteFile(name string, data []byte) error {
	if !ValidName(name) {
		return fmt.Errorf("refusing to write %q: not a plain relative path", name)
	}
	if w.root != nil {
		return w.root.WriteFile(w.prefix+name, data)
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
	sum := hashBytes(data)
	w.mu.Lock()
	w.hashes[name] = sum
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
	if w.prev != "" {
		old := filepath.Join(w.prev, filepath.FromSlash(name))
		if sameContent(old, data) && os.Link(old, target) == nil {
			w.mu.Lock()
			w.unchanged++
			w.mu.Unlock()
			return nil
		}
	}
	return unwrap(createFile(target, data))
}

// Sub is a writer whose files go under dir/ of w's output: a translation's
// outputs are written by the same renderers into output/<lang>/.
func (w *Writer) Sub(dir string) *Writer {
	if w.root != nil {
		return w.root.Sub(strings.TrimSuffix(w.prefix, "/") + "/" + dir)
	}
	return &Writer{root: w, prefix: dir + "/"}
}

func sameContent(p string, data []byte) bool {
	st, err := os.Lstat(p)
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(p)
	return err == nil && bytes.Equal(old, data)
}
