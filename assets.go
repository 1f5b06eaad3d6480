// Package rolepack holds the packs that ship inside the rolepack binary:
// the example pack (the default input, and "rolepack init --starter
// example") and the starters of "rolepack init". The default templates
// are package templates.
package rolepack

import (
	"embed"
	"io/fs"
)

//go:embed all:content all:templates/starters
var content embed.FS

// ExamplePack is the example pack, rooted at its content directory.
func ExamplePack() fs.FS {
	s, err := fs.Sub(content, "content")
	if err != nil {
		panic(err) // the directory is embedded at compile time
	}
	return s
}

// Starters are the names "rolepack init --starter" takes, the default
// first: "small", the pack of templates/starters/small, and "example", the example
// pack.
var Starters = []string{"small", "example"}

// StarterDate is the one date the small starter writes wherever it needs
// a date (appointments, the last review, the review meeting, competence
// records, the first revision). "rolepack init" replaces it with the date
// the pack starts on, so that a new pack is current whatever day it is
// made: a review meeting or a last review of a fixed date would be overdue
// some months later.
const StarterDate = "2026-11-02"

// Starter returns the starter pack of that name, one of Starters, rooted at
// its directory; ok is false for any other name.
func Starter(name string) (pack fs.FS, ok bool) {
	switch name {
	case "example":
		return ExamplePack(), true
	case "small":
		s, err := fs.Sub(content, "templates/starters/small")
		if err != nil {
			panic(err) // the directory is embedded at compile time
		}
		return s, true
	}
	return nil, false
}
