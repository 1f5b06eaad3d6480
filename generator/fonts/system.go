package fonts

import (
	"cmp"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

// MaxFileBytes is the largest font file rolepack reads, in a pack or on
// the machine: the CJK collections are about 20–30 MiB, and a file beyond
// the limit is refused rather than read into memory.
const MaxFileBytes = 64 << 20

// DirsEnv names the environment variable that replaces the directories
// searched for a [[font]] family: a path list, as PATH is written.
const DirsEnv = "ROLEPACK_FONT_DIRS"

// Installed is one face of a font file found on the machine.
type Installed struct {
	Path   string
	Index  int // the face's number in a collection (.ttc, .otc); 0 otherwise
	Family string
	Weight float32 // 400 regular, 700 bold
	Italic bool
}

// SearchDirs are the directories a family is looked for in: those of
// ROLEPACK_FONT_DIRS when it is set, else the system's and the user's font
// directories.
func SearchDirs() []string {
	if v := os.Getenv(DirsEnv); v != "" {
		return filepath.SplitList(v)
	}
	var dirs []string
	if runtime.GOOS == "darwin" {
		dirs = []string{"/Library/Fonts", "/System/Library/Fonts"}
	} else {
		dirs = []string{"/usr/share/fonts", "/usr/local/share/fonts"}
	}
	if home, err := os.UserHomeDir(); err == nil {
		if runtime.GOOS == "darwin" {
			dirs = append(dirs, filepath.Join(home, "Library", "Fonts"))
		} else {
			dirs = append(dirs, filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, ".fonts"))
		}
	}
	return dirs
}

// scans holds one scan per list of directories, each made once per
// process, when a pack first asks for a family: a build that names no
// family never walks the font directories.
var scans sync.Map // string (the directories, joined) → func() []Installed

// installed is every face found in dirs.
func installed(dirs []string) []Installed {
	key := strings.Join(dirs, "\x00")
	scan, _ := scans.LoadOrStore(key, sync.OnceValue(func() []Installed { return scanDirs(dirs) }))
	return scan.(func() []Installed)()
}

// FindFamily looks for family (case-insensitively) in SearchDirs and
// returns its regular face (upright, the weight nearest 400 below 600) and
// its bold face (upright, weight 600 or more, nearest 700), or nil for
// either it does not have. A collection's lowest-numbered face is
// preferred, then the first path.
func FindFamily(family string) (regular, bold *Installed) {
	for _, f := range installed(SearchDirs()) {
		if f.Italic || !strings.EqualFold(f.Family, family) {
			continue
		}
		f := f
		if f.Weight < 600 {
			if regular == nil || better(f, *regular, 400) {
				regular = &f
			}
		} else if bold == nil || better(f, *bold, 700) {
			bold = &f
		}
	}
	return regular, bold
}

// better reports whether a is a better choice than b for weight.
func better(a, b Installed, weight float32) bool {
	da, db := abs(a.Weight-weight), abs(b.Weight-weight)
	if da != db {
		return da < db
	}
	if a.Index != b.Index {
		return a.Index < b.Index
	}
	return a.Path < b.Path
}

func abs(x float32) float32 { return max(x, -x) }

// Families lists the family names found in SearchDirs, sorted, each once:
// what a mistyped family is compared with.
func Families() []string {
	var out []string
	for _, f := range installed(SearchDirs()) {
		out = append(out, f.Family)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// scanDirs reads the name of every face of every font file under dirs.
// Only each file's header and its name, OS/2 and head tables are read;
// files are read in parallel.
func scanDirs(dirs []string) []Installed {
	var paths []string
	for _, dir := range dirs {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil // a directory that is not there, or not readable
			}
			if !d.IsDir() && isFontFile(p) {
				paths = append(paths, p)
			}
			return nil
		})
	}
	found := make([][]Installed, len(paths))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(len(paths), 1)) {
		wg.Go(func() {
			for i := range next {
				found[i] = describeFile(paths[i])
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	out := slices.Concat(found...)
	slices.SortStableFunc(out, func(a, b Installed) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Index, b.Index))
	})
	return out
}

// isFontFile reports the extensions of TrueType and OpenType fonts and
// collections.
func isFontFile(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".ttf", ".otf", ".ttc", ".otc":
		return true
	}
	return false
}

// describeFile names the faces of one file, or none when it is not a
// regular file within the limit, or not a font.
func describeFile(p string) []Installed {
	// Judge the type before opening: opening a named pipe would block.
	info, err := os.Stat(p)
	if err != nil || !info.Mode().IsRegular() || info.Size() > MaxFileBytes {
		return nil
	}
	f, err := os.Open(p)
	if err != nil {
		return nil
	}
	defer f.Close()
	loaders, err := ot.NewLoaders(f)
	if err != nil {
		return nil
	}
	var out []Installed
	var buf []byte
	for i, ld := range loaders {
		var desc font.Description
		desc, buf = font.Describe(ld, buf)
		if desc.Family == "" {
			continue
		}
		out = append(out, Installed{
			Path: p, Index: i, Family: desc.Family,
			Weight: float32(desc.Aspect.Weight), Italic: desc.Aspect.Style == font.StyleItalic,
		})
	}
	return out
}

// ReadInstalled reads face index of the font file at path, found on the
// machine, and parses it: once per process while the file keeps its size
// and modification time, since a build, each rebuild of `rolepack serve`
// and the tests load the same system faces again and again (a CJK
// collection is 19 MB to read, hash and parse). read reads the file (with
// the caller's limits); the face returned is the caller's own copy, to
// set its Style and Origin.
func ReadInstalled(path string, index int, read func(string) ([]byte, error)) (*Face, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	key := installedKey{path, index, info.Size(), info.ModTime().UnixNano()}
	f, ok := readFaces.get(key)
	if !ok {
		data, err := read(path)
		if err != nil {
			return nil, err
		}
		if f, err = Parse(data, index); err != nil {
			return nil, err
		}
		readFaces.put(key, f)
	}
	c := *f
	return &c, nil
}

type installedKey struct {
	path        string
	index       int
	size, mtime int64
}

var readFaces faceCache[installedKey]
