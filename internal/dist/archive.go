// Package dist makes rolepack's release files: the command compiled for
// each platform, packed in a tar.gz or zip archive, and a SHA256SUMS file
// (make dist; docs/release.md).
//
// Every byte of these files is decided by the inputs, never by the machine,
// the day or the archiver installed: the archives are written here, in Go,
// with their entries sorted, one fixed time (the commit's), one owner and
// two modes, and compressed at a fixed level.
package dist

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// File is one file to put in an archive.
type File struct {
	// Name is the path inside the archive: slash-separated, relative, with
	// no "." or ".." element. The directories above it get their own
	// entries.
	Name string
	// Exec marks an executable: mode 0755 instead of 0644.
	Exec bool
	Data []byte
}

// The modes every entry has: files 0644, executables and directories 0755.
const (
	modeFile = 0o644
	modeExec = 0o755
	modeDir  = 0o755
)

// The range of times both formats can hold: a zip stores MS-DOS dates
// (1980 to 2107), and a ustar header an 11-digit octal number of seconds.
var (
	minTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
)

// entry is a file or a directory of an archive, with its mode decided.
type entry struct {
	name string // directories end in "/"
	dir  bool
	mode fs.FileMode
	data []byte
}

// entries checks files and returns every entry of the archive in name
// order: the files, and each directory above one of them.
func entries(files []File, mtime time.Time) ([]entry, error) {
	if mtime.Before(minTime) || mtime.After(maxTime) {
		return nil, fmt.Errorf("archive time %s is outside what tar and zip both hold (1980 to 2107)", mtime.UTC().Format(time.RFC3339))
	}
	seen := map[string]bool{} // file names
	dirs := map[string]bool{}
	var out []entry
	for _, f := range files {
		if !fs.ValidPath(f.Name) || f.Name == "." || strings.Contains(f.Name, `\`) {
			return nil, fmt.Errorf("archive entry %q: not a relative slash-separated path", f.Name)
		}
		if seen[f.Name] {
			return nil, fmt.Errorf("archive entry %q: named twice", f.Name)
		}
		seen[f.Name] = true
		mode := fs.FileMode(modeFile)
		if f.Exec {
			mode = modeExec
		}
		out = append(out, entry{name: f.Name, mode: mode, data: f.Data})
		for d := path.Dir(f.Name); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	for d := range dirs {
		if seen[d] {
			return nil, fmt.Errorf("archive entry %q: both a file and a directory", d)
		}
		out = append(out, entry{name: d + "/", dir: true, mode: fs.ModeDir | modeDir})
	}
	// Byte order of the names: the same on every machine, and a directory
	// ("d/") comes before its own files ("d/…"), which it prefixes.
	slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	return out, nil
}

// WriteTarGz writes files to w as a gzip-compressed ustar archive: entries
// in name order, every time mtime, owner and group 0 without names, modes
// 0644 and 0755, and a gzip header without a name or time.
func WriteTarGz(w io.Writer, files []File, mtime time.Time) error {
	es, err := entries(files, mtime)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(zw)
	t := mtime.UTC().Truncate(time.Second)
	for _, e := range es {
		h := &tar.Header{
			Name:    e.name,
			Mode:    int64(e.mode.Perm()),
			ModTime: t,
			Format:  tar.FormatUSTAR,
		}
		if e.dir {
			h.Typeflag = tar.TypeDir
		} else {
			h.Typeflag = tar.TypeReg
			h.Size = int64(len(e.data))
		}
		if err := tw.WriteHeader(h); err != nil {
			return fmt.Errorf("archive entry %q: %w", e.name, err)
		}
		if _, err := tw.Write(e.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return zw.Close()
}

// WriteZip writes files to w as a zip archive: entries in name order, every
// time mtime (in UTC, both as the MS-DOS time and the extended timestamp),
// Unix modes 0644 and 0755, files deflated at the best compression.
func WriteZip(w io.Writer, files []File, mtime time.Time) error {
	es, err := entries(files, mtime)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	t := mtime.UTC().Truncate(time.Second)
	for _, e := range es {
		h := &zip.FileHeader{Name: e.name, Modified: t, Method: zip.Deflate}
		if e.dir {
			h.Method = zip.Store
		}
		h.SetMode(e.mode)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("archive entry %q: %w", e.name, err)
		}
		if _, err := fw.Write(e.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// Sum is one line of a SHA256SUMS file.
type Sum struct {
	Name string
	Hash [sha256.Size]byte
}

// SumOf returns the Sum of data under name.
func SumOf(name string, data []byte) Sum {
	return Sum{Name: name, Hash: sha256.Sum256(data)}
}

// Sums returns the text of a SHA256SUMS file: one line per file in name
// order, the hash in lower-case hexadecimal, two spaces and the name, as
// "sha256sum" prints it and "sha256sum -c" reads it.
func Sums(sums []Sum) ([]byte, error) {
	sorted := slices.Clone(sums)
	slices.SortFunc(sorted, func(a, b Sum) int { return strings.Compare(a.Name, b.Name) })
	var b bytes.Buffer
	for i, s := range sorted {
		if s.Name == "" || strings.ContainsAny(s.Name, "\n\r\\/") {
			return nil, fmt.Errorf("checksum name %q: not a plain file name", s.Name)
		}
		if i > 0 && sorted[i-1].Name == s.Name {
			return nil, fmt.Errorf("checksum name %q: named twice", s.Name)
		}
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(s.Hash[:]), s.Name)
	}
	return b.Bytes(), nil
}
