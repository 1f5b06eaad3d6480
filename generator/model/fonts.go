package model

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/rolepack/rolepack/generator/fonts"
	"github.com/rolepack/rolepack/internal/safefile"
)

// Fonts is the faces the pack's documents may use: the built-in ones, then
// those of pack.toml's [[font]] entries, each read once, at load. Never
// nil: a pack without [[font]] (or one built by hand) has the built-in
// faces alone.
func (p *Pack) Fonts() *fonts.Set {
	if p.fonts == nil {
		return fonts.Builtin()
	}
	return p.fonts
}

// FamiliesNamed lists the font families pack.toml in dir names, without
// loading the pack: what a build's inputs include beyond the content
// directory (pipeline's unchanged-rebuild check). A pack.toml that cannot
// be read names none; the load reports why.
func FamiliesNamed(dir string) []string {
	data, err := readContentFile(dir, PackFile)
	if err != nil {
		return nil
	}
	var pack struct {
		Font []struct {
			Family string `toml:"family"`
		} `toml:"font"`
	}
	if _, err := toml.Decode(string(normalise(data)), &pack); err != nil {
		return nil
	}
	var out []string
	for _, f := range pack.Font {
		if f.Family != "" {
			out = append(out, f.Family)
		}
	}
	return out
}

var sha256RE = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)

// decodeFonts reads the [[font]] entries of pack.toml, in the order of
// preference they are written in, and resolves each to its faces.
func (l *loader) decodeFonts(o *obj) {
	var faces []*fonts.Face
	for _, e := range o.Tables("font", false, "[[font]]") {
		faces = append(faces, l.decodeFont(e)...)
		e.finish()
	}
	if len(faces) > 0 {
		l.p.fonts = fonts.WithExtra(faces)
	}
}

// decodeFont reads one [[font]]: a file inside the pack (and its bold
// face), or a family installed on the machine.
func (l *loader) decodeFont(e *obj) []*fonts.Face {
	file := e.String("file", false)
	bold := e.String("bold", false)
	index := e.Int("index", false, 0, 1000, 0)
	family := e.String("family", false)
	pin := e.String("sha256", false)
	switch {
	case e.has("file") && e.has("family"):
		e.errorf("family", "a [[font]] names a file or a family, not both: keep one, and write the other as its own [[font]]")
		return nil
	case !e.has("file") && !e.has("family"):
		e.errorf("", "a [[font]] needs file = \"fonts/….ttf\" (a font file inside the pack) or family = \"…\" (a family installed on the machine)")
		return nil
	case e.has("family") && e.has("bold"):
		e.errorf("bold", "\"bold\" is for a [[font]] file: a family's bold face is found with it")
		return nil
	case e.has("family") && e.has("index"):
		e.errorf("index", "\"index\" is for a [[font]] file, a face of a collection: a family is found by its name")
		return nil
	case pin != "" && !sha256RE.MatchString(pin):
		e.errorf("sha256", "\"sha256\" must be the 64 hexadecimal digits of the file's SHA-256 (sha256sum prints them)")
		return nil
	case file == "" && family == "":
		return nil // refused as text, reported
	}
	if family != "" {
		return l.familyFonts(e, family, strings.ToLower(pin))
	}
	var out []*fonts.Face
	if f := l.fileFont(e, "file", file, index, fonts.Regular); f != nil {
		if pin != "" && f.SHA256 != strings.ToLower(pin) {
			e.errorf("sha256", "font file %q: its sha256 is %s, pack.toml pins %s", file, f.SHA256, strings.ToLower(pin))
			return nil
		}
		out = append(out, f)
	}
	if bold != "" {
		if f := l.fileFont(e, "bold", bold, index, fonts.Bold); f != nil {
			out = append(out, f)
		}
	}
	return out
}

// fileFont reads face index of the font file rel inside the content
// directory, named by key k, under the rules of every file a pack names:
// no way out of the directory, a regular file, within fonts.MaxFileBytes.
// The file joins the pack's Files byte for byte, so that the stamp covers
// it.
func (l *loader) fileFont(e *obj, k, rel string, index int, style fonts.Style) *fonts.Face {
	clean := path.Clean(rel)
	if path.IsAbs(rel) || !fs.ValidPath(clean) || strings.Contains(rel, `\`) {
		e.errorf(k, "font file %q must be a path inside the content directory, with forward slashes", rel)
		return nil
	}
	if l.dir == "" {
		e.errorf(k, "font file %q: the pack has no content directory to read it from", rel)
		return nil
	}
	data, err := readFontFile(l.dir, clean)
	if err != nil {
		e.errorf(k, "font file %q: %v", rel, err)
		return nil
	}
	f, err := fonts.Parse(data, index)
	if err != nil {
		e.errorf(k, "font file %q is not a TrueType or OpenType font or collection that rolepack can read (%v)", rel, err)
		return nil
	}
	f.Style, f.Origin = style, clean
	if index > 0 {
		f.Origin += fmt.Sprintf(" (face %d)", index)
	}
	if at, read := slices.BinarySearchFunc(l.p.Files, clean, func(f SourceFile, p string) int { return strings.Compare(f.Path, p) }); !read {
		l.p.Files = slices.Insert(l.p.Files, at, SourceFile{Path: clean, Data: data})
	}
	return f
}

// readFontFile reads rel inside dir: os.Root keeps the path and its links
// inside, internal/safefile refuses what is not a regular file and what is
// over the limit before reading it.
func readFontFile(dir, rel string) ([]byte, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, errors.New("cannot open the content directory")
	}
	defer root.Close()
	data, err := safefile.ReadFileIn(root, rel, fonts.MaxFileBytes)
	var refused *safefile.Error
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, errors.New("there is no such file inside the content directory")
	case errors.As(err, &refused):
		return nil, errors.New(refused.Reason())
	case err != nil:
		return nil, errors.New("cannot read it: " + unwrapPathError(err))
	}
	return data, nil
}

// familyFonts finds family on the machine (fonts.FindFamily) and reads its
// regular face and, when it has one, its bold face. pin, when set, is the
// SHA-256 the regular face's file must have.
func (l *loader) familyFonts(e *obj, family, pin string) []*fonts.Face {
	regular, bold := fonts.FindFamily(family)
	if regular == nil {
		msg := fmt.Sprintf("font family %q not found on this machine", family)
		var hints []string
		installed := fonts.Families()
		near := nearestFamily(family, slices.DeleteFunc(fonts.Recommended(), func(f string) bool { return !slices.Contains(installed, f) }))
		if near == "" {
			near = nearestFamily(family, installed)
		}
		if near != "" {
			hints = append(hints, fmt.Sprintf("did you mean %q?", near))
		}
		if pkg := fonts.DebianPackage(family); pkg != "" {
			hints = append(hints, "on Debian: apt install "+pkg)
		}
		if len(hints) > 0 {
			msg += " (" + strings.Join(hints, "; ") + ")"
		} else {
			msg += fmt.Sprintf(" (searched %s; install it, or copy its files into the pack and name them with file = …)", strings.Join(fonts.SearchDirs(), ", "))
		}
		e.errorf("family", "%s", msg)
		return nil
	}
	var out []*fonts.Face
	for _, in := range []struct {
		found *fonts.Installed
		style fonts.Style
	}{{regular, fonts.Regular}, {bold, fonts.Bold}} {
		if in.found == nil {
			continue
		}
		readErr := false
		f, err := fonts.ReadInstalled(in.found.Path, in.found.Index, func(path string) ([]byte, error) {
			data, err := safefile.ReadFile(path, fonts.MaxFileBytes)
			readErr = err != nil
			return data, err
		})
		if err != nil && readErr {
			e.errorf("family", "font family %q: %v", family, err)
			return nil
		}
		if err != nil {
			e.errorf("family", "font family %q: %s cannot be read (%v)", family, in.found.Path, err)
			return nil
		}
		if in.style == fonts.Regular && pin != "" && f.SHA256 != pin {
			e.errorf("sha256", "font family %q: the file found is %s (sha256 %s), pack.toml pins %s: install the pinned version, or update sha256 once the new file is checked",
				family, in.found.Path, f.SHA256, pin)
			return nil
		}
		// The origin names the family, not the path: the same file
		// installed elsewhere on another machine is the same input.
		f.Style, f.Origin = in.style, "system: "+in.found.Family
		out = append(out, f)
	}
	return out
}

// nearestFamily is the family of installed a mistyped one most likely means:
// the nearest by edit distance, ignoring case, else the one it begins
// ("Noto Sans CJK" for "Noto Sans CJK JP").
func nearestFamily(family string, installed []string) string {
	lower := make([]string, len(installed))
	for i, f := range installed {
		lower[i] = strings.ToLower(f)
	}
	if s := suggest(strings.ToLower(family), lower); s != "" {
		return installed[slices.Index(lower, s)]
	}
	for i, f := range lower {
		if strings.HasPrefix(f, strings.ToLower(family)) {
			return installed[i]
		}
	}
	return ""
}
