// Package rolepack holds the files that ship inside the rolepack binary: the
// example pack (the default input and the starter pack of "rolepack init")
// and the default templates and site assets.
package rolepack

import (
	"embed"
	"io/fs"
)

//go:embed all:content
var content embed.FS

//go:embed all:templates
var templates embed.FS

// ExamplePack is the example pack, rooted at its content directory.
func ExamplePack() fs.FS { return sub(content, "content") }

// Templates are the default templates and assets, rooted at templates/.
func Templates() fs.FS { return sub(templates, "templates") }

func sub(f fs.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // the directory is embedded at compile time
	}
	return s
}
