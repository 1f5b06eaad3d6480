// Package rolepack holds the example pack that ships inside the rolepack
// binary: the default input and the starter pack of "rolepack init". The
// default templates are package templates.
package rolepack

import (
	"embed"
	"io/fs"
)

//go:embed all:content
var content embed.FS

// ExamplePack is the example pack, rooted at its content directory.
func ExamplePack() fs.FS {
	s, err := fs.Sub(content, "content")
	if err != nil {
		panic(err) // the directory is embedded at compile time
	}
	return s
}
