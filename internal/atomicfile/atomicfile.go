// Package atomicfile writes a file so that a reader, or a crash, sees the
// old content or the new, never part of either: the commands that edit a
// pack's sources at the user's request (import-workbook, translations
// import) write through it.
package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
)

// Write replaces dst with data: a temporary file in the same directory,
// synced, then renamed over it, keeping dst's permissions (0644 for a new
// file, whose directory is made).
func Write(dst string, data []byte) error {
	mode := os.FileMode(0o644)
	if st, err := os.Stat(dst); err == nil {
		mode = st.Mode().Perm()
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".rolepack-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer os.Remove(name) // a no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(name, dst)
}
