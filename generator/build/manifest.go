package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/rolepack/rolepack/generator/stamp"
)

// ManifestFile lists every file of an output with its size and SHA-256,
// and the key of the inputs it was built from. A build whose key matches an
// intact output has nothing to do. It holds no times, so the same inputs
// give the same bytes.
const ManifestFile = "manifest.json"

// maxManifest bounds how much of a manifest is read (an L build lists some
// 21,000 files in about 3 MiB).
const maxManifest = 64 << 20

// Manifest is the content of ManifestFile.
type Manifest struct {
	Schema string `json:"schema"`
	// Key identifies what the output was built from: the sources' hash,
	// the stamp, the program and the outputs selected (see Options.Key).
	Key   string         `json:"key"`
	Files []ManifestItem `json:"files"`
	// Fonts are the pack's [[font]] faces the documents were set with,
	// each with its origin and its file's SHA-256 (stamp.Font).
	Fonts []stamp.Font `json:"fonts,omitempty"`
}

// ManifestItem is one file of the output.
type ManifestItem struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

const manifestSchema = "rolepack-manifest/1"

// Current reports whether the output in dir was built with key and every
// file it lists is still there, a regular file of the size it had and not
// modified after the manifest was written. That quick check (the one make
// uses) costs one stat per file; it is how an unchanged rebuild finishes
// without rendering or writing anything.
func Current(dir, key string) bool {
	if key == "" {
		return false
	}
	mst, err := os.Lstat(filepath.Join(dir, ManifestFile))
	if err != nil || !mst.Mode().IsRegular() {
		return false
	}
	m, err := ReadManifest(dir)
	if err != nil || m.Key != key {
		return false
	}
	written := mst.ModTime()
	for _, it := range m.Files {
		st, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(it.Path)))
		if err != nil || !st.Mode().IsRegular() || st.Size() != it.Size || st.ModTime().After(written) {
			return false
		}
	}
	return true
}

// ReadManifest reads the manifest of the output in dir.
func ReadManifest(dir string) (Manifest, error) {
	var m Manifest
	f, err := os.Open(filepath.Join(dir, ManifestFile))
	if err != nil {
		return m, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxManifest+1))
	if err != nil {
		return m, err
	}
	if len(data) > maxManifest {
		return m, errors.New("manifest too large")
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, err
	}
	if m.Schema != manifestSchema {
		return m, errors.New("not a rolepack manifest")
	}
	return m, nil
}

// writeManifest lists the staged output (written and carried-over files)
// into its manifest. Hashes of files this build wrote come from the
// writer; a carried-over file is read.
func writeManifest(staging, key string, hashes map[string]string, faces []stamp.Font) error {
	m := Manifest{Schema: manifestSchema, Key: key, Files: []ManifestItem{}, Fonts: faces}
	err := filepath.WalkDir(staging, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(staging, p)
		rel = filepath.ToSlash(rel)
		if rel == ManifestFile || rel == stagingToken {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		it := ManifestItem{Path: rel, Size: info.Size(), SHA256: hashes[rel]}
		if it.SHA256 == "" {
			if it.SHA256, err = hashFile(p); err != nil {
				return err
			}
		}
		m.Files = append(m.Files, it)
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(m.Files, func(a, b ManifestItem) int { return cmpString(a.Path, b.Path) })
	data, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	// A partial build carried the old manifest over as a hard link: write
	// a new file, never through the link into the previous output.
	target := filepath.Join(staging, ManifestFile)
	if err := os.Remove(target); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.WriteFile(target, append(data, '\n'), 0o644)
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func hashFile(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func hashBytes(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}
