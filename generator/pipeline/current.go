package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/rolepack/rolepack/generator/fonts"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/internal/safefile"
)

// inputKey identifies everything a build's bytes depend on without loading
// the pack: every file of the content directory, the git state and build
// date the stamp would carry, the program, and the outputs selected. It is
// "" when the content directory holds anything the fast path does not
// judge (a link, a special file, a file over the size limit): the build
// then runs in full and the loader reports what is wrong.
func inputKey(o Options, outputs []string) string {
	h := sha256.New()
	ok := true
	err := filepath.WalkDir(o.Content, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(o.Content, p)
		if rel != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			ok = false
			return filepath.SkipAll
		}
		// Read as the loader reads: a file replaced by a pipe since the
		// directory was listed must not block.
		data, err := safefile.ReadFile(p, model.MaxFileBytes)
		if err != nil {
			ok = false
			return filepath.SkipAll
		}
		h.Write([]byte(filepath.ToSlash(rel) + "\x00"))
		h.Write(data)
		h.Write([]byte{0})
		return nil
	})
	if err != nil || !ok {
		return ""
	}
	if !hashFamilies(h, o.Content) {
		return ""
	}
	st, err := stamp.Compute(stamp.Options{Dir: o.Content, Tool: o.Tool, Getenv: o.getenv(), Now: o.now()})
	if err != nil {
		return ""
	}
	key, _ := json.Marshal(struct {
		Tree, Commit, Date, DateSource, Tool, ToolID string
		Dirty                                        bool
		Outputs                                      []string
	}{hex.EncodeToString(h.Sum(nil)), st.Commit, st.BuildDate.String(), st.DateSource, o.Tool, o.ToolID, st.Dirty, outputs})
	sum := sha256.Sum256(key)
	return hex.EncodeToString(sum[:])
}

// hashFamilies adds to h the files of the font families pack.toml names,
// found on the machine as the loader finds them: another version of a
// system font is another input, though the content directory is the same.
// It is false when a file cannot be read (the build then runs in full).
func hashFamilies(h hash.Hash, content string) bool {
	for _, family := range model.FamiliesNamed(content) {
		regular, bold := fonts.FindFamily(family)
		for _, f := range []*fonts.Installed{regular, bold} {
			if f == nil {
				continue
			}
			data, err := safefile.ReadFile(f.Path, fonts.MaxFileBytes)
			if err != nil {
				return false
			}
			sum := sha256.Sum256(data)
			fmt.Fprintf(h, "font\x00%s\x00%d\x00%x\x00", family, f.Index, sum)
		}
	}
	return true
}
