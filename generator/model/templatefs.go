package model

import (
	"bytes"
	"io/fs"
	"strings"
	"time"
)

// Templates returns the pack's own templates (the files under templates/
// in the content directory, as read by Load), rooted at templates/, or nil
// when it has none. Renderers use these bytes, the same ones the content
// hash covers, rather than reading the directory again.
func (p *Pack) Templates() fs.FS {
	m := memFS{}
	for _, f := range p.Files {
		if name, ok := strings.CutPrefix(f.Path, TemplatesDir+"/"); ok {
			m[name] = f.Data
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// memFS is a read-only file system of regular files held in memory. It
// supports Open and ReadFile of files, which is all templates need.
type memFS map[string][]byte

func (m memFS) Open(name string) (fs.File, error) {
	data, ok := m[name]
	if !ok || !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &memFile{Reader: bytes.NewReader(data), name: name, size: int64(len(data))}, nil
}

func (m memFS) ReadFile(name string) ([]byte, error) {
	data, ok := m[name]
	if !ok {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	return bytes.Clone(data), nil
}

type memFile struct {
	*bytes.Reader
	name string
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *memFile) Close() error               { return nil }
func (f *memFile) Name() string               { return f.name[strings.LastIndex(f.name, "/")+1:] }
func (f *memFile) Size() int64                { return f.size }
func (f *memFile) Mode() fs.FileMode          { return 0o444 }
func (f *memFile) ModTime() time.Time         { return time.Time{} }
func (f *memFile) IsDir() bool                { return false }
func (f *memFile) Sys() any                   { return nil }
