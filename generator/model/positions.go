package model

import (
	"strconv"
	"strings"
)

// Positions is the position index of one TOML source, for tools that edit
// a source in place (rolepack import-workbook): where each key and array
// entry is written. Paths are written as in messages: "activity[2].accountable",
// "assignment[0].deputy".
type Positions struct{ ix *posIndex }

// IndexPositions indexes src, a source as the loader read it.
func IndexPositions(file string, src []byte) Positions {
	return Positions{indexPositions(file, src)}
}

// Find returns where path itself is written, and false when it is not
// (lookup would give an ancestor instead).
func (p Positions) Find(path string) (Pos, bool) {
	ix := p.ix
	n := int32(rootNode)
	for path != "" {
		var ok bool
		if path[0] == '[' {
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return Pos{}, false
			}
			i, err := strconv.Atoi(path[1:end])
			list := ix.entries[n]
			if err != nil || i < 0 || i >= len(list) {
				return Pos{}, false
			}
			n, path = list[i], path[end+1:]
			continue
		}
		path = strings.TrimPrefix(path, ".")
		end := strings.IndexAny(path, ".[")
		if end < 0 {
			end = len(path)
		}
		if n, ok = ix.children[childKey{n, path[:end]}]; !ok {
			return Pos{}, false
		}
		path = path[end:]
	}
	node := ix.nodes[n]
	if node.line == 0 {
		return Pos{}, false
	}
	return Pos{File: ix.file, Line: int(node.line), Col: int(node.col)}, true
}
