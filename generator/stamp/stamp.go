// Package stamp computes the version stamp every output carries, so that a
// printed page, a spreadsheet and a web page can each be traced back to one
// revision of the sources.
package stamp

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/rolepack/rolepack/generator/fonts"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/templates"
)

// Where the build date came from.
const (
	FromSourceDateEpoch = "SOURCE_DATE_EPOCH"
	FromGit             = "git"
	FromClock           = "clock"
)

// Stamp identifies one build of one revision of a pack.
type Stamp struct {
	// Version is the document version from pack.toml.
	Version string `json:"version"`
	// ContentHash is the SHA-256, in hex, of what the outputs state
	// (ContentHash): a comment, a reformatted file or a column of the HR
	// export that no field reads leaves it as it was.
	ContentHash string `json:"content_hash"`
	// Commit is the git commit of the content's work tree, if any; Dirty is
	// set when the content has uncommitted changes.
	Commit string `json:"commit,omitempty"`
	Dirty  bool   `json:"dirty"`
	// BuildDate is "today" for the build and for every check. It comes from
	// SOURCE_DATE_EPOCH when set, else the last commit's date, else the clock.
	BuildDate  time.Time `json:"build_date"`
	DateSource string    `json:"build_date_source"`
	// Tool names the program that built the outputs, e.g. "rolepack 0.3.0".
	Tool string `json:"tool"`
	// Language is the language of the outputs that carry the stamp: the
	// pack's own, or one of its translations (output/<lang>/). Languages
	// are all the languages the pack is built in, its own first.
	Language  string   `json:"language"`
	Languages []string `json:"languages,omitempty"`
	// Fonts are the pack's [[font]] faces, each with where it came from
	// and its file's SHA-256, which ContentHash covers: a family found on
	// the machine is an input that the sources do not hold.
	Fonts []Font `json:"fonts,omitempty"`
}

// Font is one face a pack adds: its origin (a path inside the pack, or
// "system: <family>"), its style, and its file's SHA-256 in hex.
type Font struct {
	Origin string `json:"origin"`
	Style  string `json:"style"`
	SHA256 string `json:"sha256"`
}

// FontsOf lists faces as the stamp records them.
func FontsOf(faces []*fonts.Face) []Font {
	var out []Font
	for _, f := range faces {
		out = append(out, Font{Origin: f.Origin, Style: f.Style.String(), SHA256: f.SHA256})
	}
	return out
}

// Options are the inputs of Compute.
type Options struct {
	Dir         string // content directory, to ask git about
	ContentHash string // ContentHash of the pack
	Fonts       []Font // the pack's faces (FontsOf(pack.Fonts().Extra))
	Version     string // the document version
	// Languages are the pack's languages, its own first (model.Pack's).
	Languages []string
	Tool      string // e.g. "rolepack 0.3.0"
	Getenv    func(string) string
	Now       func() time.Time
}

// Compute returns the stamp for a pack. It fails only when
// SOURCE_DATE_EPOCH is set but is not a Unix time.
func Compute(o Options) (Stamp, error) {
	s := Stamp{Version: o.Version, ContentHash: o.ContentHash, Tool: o.Tool, Fonts: o.Fonts}
	if len(o.Languages) > 0 {
		s.Language = o.Languages[0]
	}
	if len(o.Languages) > 1 {
		s.Languages = o.Languages
	}
	s.Commit, s.Dirty = gitState(o.Dir)

	if t, ok, err := SourceDateEpoch(o.Getenv); err != nil {
		return Stamp{}, err
	} else if ok {
		s.BuildDate, s.DateSource = t, FromSourceDateEpoch
		return s, nil
	}
	if s.Commit != "" {
		if t, ok := gitCommitTime(o.Dir); ok {
			s.BuildDate, s.DateSource = t, FromGit
			return s, nil
		}
	}
	s.BuildDate, s.DateSource = o.Now().UTC().Truncate(time.Second), FromClock
	return s, nil
}

// SourceDateEpoch reads SOURCE_DATE_EPOCH through getenv: the one place
// it is parsed. ok is false when it is not set.
func SourceDateEpoch(getenv func(string) string) (t time.Time, ok bool, err error) {
	v := getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Time{}, false, nil
	}
	sec, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || sec < 0 {
		return time.Time{}, false, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a Unix time in seconds", v)
	}
	return time.Unix(sec, 0).UTC(), true, nil
}

// OutputVersion is the version of what rolepack's outputs say about a
// pack, which the content hash covers. Raise it when a change to rolepack
// makes an output state something else for the same sources (a new fact,
// another wording outside the message catalogues); not for a change of
// layout or of how a file is written, which leaves every statement as it
// was and every printed copy verifiable.
const OutputVersion = 1

// ContentHash is the content hash of a pack: the SHA-256 of what its
// outputs state, not of its source bytes. It covers the resolved pack in
// its canonical form (model.Pack.WriteCanonical), the message catalogue
// of each of its languages as loaded (built in and the pack's overrides),
// the templates the outputs are made with (built in and the pack's), the
// pack's font files, and OutputVersion. So a comment, reformatting, the
// order of keys or of files, or an HR export column that no field reads
// leaves it as it was; anything an output shows changes it. words are the
// catalogues of the pack's languages.
func ContentHash(p *model.Pack, words []*messages.Catalogue, faces []Font) string {
	h := sha256.New()
	fmt.Fprintf(h, "rolepack content\x00%d\x00", OutputVersion)
	p.WriteCanonical(h)
	for _, c := range words {
		c.WriteCanonical(h)
	}
	writeTemplates(h, templates.Files())
	for _, f := range p.Files { // sorted by path
		name, ok := strings.CutPrefix(f.Path, model.TemplatesDir+"/")
		if ok && !strings.HasPrefix(name, messages.OverrideDir+"/") {
			writeTemplate(h, "pack", name, f.Data)
		}
	}
	for _, f := range faces {
		fmt.Fprintf(h, "font\x00%s\x00%s\x00%s\x00", f.Origin, f.Style, f.SHA256)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// PackHash is ContentHash for a pack whose catalogues are not loaded
// yet: it loads them as a build does (with the pack's overrides). It fails
// only on a catalogue a build would refuse.
func PackHash(p *model.Pack) (string, error) {
	var words []*messages.Catalogue
	for _, lang := range p.Languages {
		c, err := messages.Load(lang, p.Templates())
		if err != nil {
			return "", err
		}
		words = append(words, c)
	}
	return ContentHash(p, words, FontsOf(p.Fonts().Extra)), nil
}

// writeTemplates writes the built-in templates to h, by path. Its files
// are compiled in: they can always be read.
func writeTemplates(h io.Writer, builtin fs.FS) {
	fs.WalkDir(builtin, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(builtin, name)
		writeTemplate(h, "builtin", name, data)
		return err
	})
}

// writeTemplate writes one template file to h. The pack's message
// overrides are not among them: the loaded catalogues stand for them,
// comments and layout left out.
func writeTemplate(h io.Writer, origin, name string, data []byte) {
	fmt.Fprintf(h, "template\x00%s\x00%s\x00%d\x00", origin, name, len(data))
	h.Write(data)
}

// ShortHash is the first 12 hex digits of the content hash.
func (s Stamp) ShortHash() string {
	if len(s.ContentHash) < 12 {
		return s.ContentHash
	}
	return s.ContentHash[:12]
}

// Date returns the build date as a calendar date: "today" for checks.
func (s Stamp) Date() model.Date { return model.DateOf(s.BuildDate) }

// In returns the stamp of the same build for the outputs in lang, one of
// the pack's languages.
func (s Stamp) In(lang string) Stamp {
	s.Language = lang
	return s
}

// String is the one-line stamp printed on every page, for example
// "v2.1 · 3f9a0c1b2d4e · git 1a2b3c4d5e6f+dirty · 2026-11-24", with the
// outputs' language after the version ("v2.1 de · …") when the pack is
// built in several languages or in one other than English.
func (s Stamp) String() string {
	v := "v" + s.Version
	if s.Language != "" && (len(s.Languages) > 1 || s.Language != "en") {
		v += " " + s.Language
	}
	parts := []string{v, s.ShortHash()}
	if s.Commit != "" {
		c := s.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		if s.Dirty {
			c += "+dirty"
		}
		parts = append(parts, "git "+c)
	}
	parts = append(parts, s.BuildDate.Format("2006-01-02"))
	return strings.Join(parts, " · ")
}

// TokenPrefix starts the stamp token embedded in the outputs, so that
// "rolepack verify" can tell which sources a copy was built from.
const TokenPrefix = "rolepack-stamp:"

// Token is the stamp in a form embedded in every output (the PDF's
// keywords, a meta element of each site page): "rolepack-stamp:" followed
// by the content hash, ":" and the query-escaped document version.
func (s Stamp) Token() string {
	return TokenPrefix + s.ContentHash + ":" + url.QueryEscape(s.Version)
}

// JSON returns the stamp as indented JSON, as written to stamp.json.
func (s Stamp) JSON() []byte {
	b, _ := json.MarshalIndent(s, "", "  ")
	return append(b, '\n')
}

func git(dir string, args ...string) (string, bool) {
	if _, err := exec.LookPath("git"); err != nil {
		return "", false
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return "", false
	}
	return strings.TrimSpace(out.String()), true
}

func gitState(dir string) (commit string, dirty bool) {
	inside, ok := git(dir, "rev-parse", "--is-inside-work-tree")
	if !ok || inside != "true" {
		return "", false
	}
	commit, ok = git(dir, "rev-parse", "HEAD")
	if !ok {
		return "", false
	}
	status, ok := git(dir, "status", "--porcelain", "--untracked-files=normal", "--", ".")
	return commit, ok && status != ""
}

func gitCommitTime(dir string) (time.Time, bool) {
	out, ok := git(dir, "log", "-1", "--format=%ct")
	if !ok {
		return time.Time{}, false
	}
	sec, err := strconv.ParseInt(out, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(sec, 0).UTC(), true
}
