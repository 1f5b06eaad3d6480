package stamp

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/packtest"
)

// hashOf loads the pack in dir and returns its content hash.
func hashOf(t *testing.T, dir string) string {
	t.Helper()
	p, err := model.Load(dir)
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	h, err := PackHash(p)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func hashOfArchive(t *testing.T, archive string) string {
	t.Helper()
	return hashOf(t, packtest.Write(t, archive))
}

// rewrite applies edit to every TOML file of a copy of the pack in dir and
// returns the copy.
func rewrite(t *testing.T, dir string, edit func(string) string) string {
	t.Helper()
	out := t.TempDir()
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		target := filepath.Join(out, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".toml") {
			data = []byte(edit(string(data)))
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// outsideStrings calls line for each line of a TOML file that is not
// inside a multi-line string, and keeps the others as they are.
func outsideStrings(src string, line func(string) string) string {
	lines := strings.Split(src, "\n")
	inside := false
	for i, l := range lines {
		wasInside := inside
		if (strings.Count(l, `"""`)+strings.Count(l, `'''`))%2 == 1 {
			inside = !inside
		}
		if !wasInside && !inside {
			lines[i] = line(l)
		}
	}
	return strings.Join(lines, "\n")
}

// simpleKey is a one-line key = value whose value is a plain string, a
// number, a date, a boolean or a one-line array.
var simpleKey = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*) = ("[^"\\]*"|-?[0-9][0-9.:T-]*|true|false|\[[^\]]*\])$`)

// Ways of writing the same sources that change nothing an output shows.
var cosmetic = map[string]func(string) string{
	"comments everywhere": func(s string) string {
		s = outsideStrings(s, func(l string) string {
			if strings.TrimSpace(l) == "" {
				return l
			}
			return l + " # reviewed"
		})
		return "# A comment above everything,\n# which moves every line down.\n\n" + s
	},
	"keys in another order": func(s string) string {
		lines := strings.Split(outsideStrings(s, func(l string) string { return l }), "\n")
		for i := 0; i < len(lines); {
			j := i
			for j < len(lines) && simpleKey.MatchString(lines[j]) {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				lines[a], lines[b] = lines[b], lines[a]
			}
			i = max(j, i+1)
		}
		return strings.Join(lines, "\n")
	},
	"other spacing and quotes": func(s string) string {
		return outsideStrings(s, func(l string) string {
			m := simpleKey.FindStringSubmatch(l)
			if m == nil {
				return l
			}
			v := m[2]
			if strings.HasPrefix(v, `"`) && !strings.Contains(v, "'") {
				v = "'" + strings.Trim(v, `"`) + "'"
			}
			return m[1] + "   =\t" + v + "   "
		})
	},
	"CRLF line ends": func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") },
}

// The content hash is of what the outputs state: writing the same sources
// another way leaves it as it was, in every pack of the set, translations
// included.
func TestContentHashIgnoresHowSourcesAreWritten(t *testing.T) {
	dirs := map[string]string{
		"minimal": packtest.Write(t, packtest.Minimal),
		"example": filepath.Join(packtest.ModuleRoot(t), "content"),
		"second":  filepath.Join(packtest.ModuleRoot(t), "testdata", "packs", "second"),
	}
	for name, dir := range dirs {
		want := hashOf(t, dir)
		for how, edit := range cosmetic {
			t.Run(name+"/"+how, func(t *testing.T) {
				copied := rewrite(t, dir, edit)
				if name == "minimal" {
					// The edit must have done something.
					a, _ := os.ReadFile(filepath.Join(dir, "people.toml"))
					b, _ := os.ReadFile(filepath.Join(copied, "people.toml"))
					if bytes.Equal(a, b) {
						t.Fatal("the edit changed nothing")
					}
				}
				if got := hashOf(t, copied); got != want {
					t.Errorf("content hash %.12s, was %.12s", got, want)
				}
			})
		}
	}
}

// A column of the HR export that no field reads (salary, home address) is
// not content: a weekly export refresh that changes only such columns
// keeps every printed copy current. A column a field reads is content.
func TestContentHashIgnoresUnreadHRColumns(t *testing.T) {
	base := packtest.HR(t, "bamboohr")
	want := hashOfArchive(t, base)
	unread := strings.ReplaceAll(base, "SALARY-MARKER-93731", "65000")
	unread = strings.ReplaceAll(unread, "1 Main Street", "9 Other Road")
	if unread == base {
		t.Fatal("the fixture has no salary or address to change")
	}
	if got := hashOfArchive(t, unread); got != want {
		t.Errorf("a salary and an address changed the content hash")
	}
	read := strings.Replace(base, "Chief Executive,Management", "Chief Executive Officer,Management", 1)
	if read == base {
		t.Fatal("no job title to change")
	}
	if got := hashOfArchive(t, read); got == want {
		t.Errorf("a job title the outputs print left the content hash as it was")
	}
}

func pngOf(t *testing.T, c color.Color) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for x := range 4 {
		for y := range 4 {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Anything an output shows changes the content hash: a name, a duty, an
// acknowledgement, the revision history, a picture, a template, a message
// the pack overrides, a translation.
func TestContentHashFollowsWhatOutputsShow(t *testing.T) {
	withImage := func(c color.Color) string {
		return packtest.Edit(packtest.Minimal, "roles/sysadmin.toml", `purpose = "Runs systems."`, `purpose = "Runs systems. ![The racks](media/racks.png)"`) +
			"-- media/racks.png --\n" + pngOf(t, c) + "\n"
	}
	variants := map[string]string{
		"as it is":         packtest.Minimal,
		"a name":           packtest.Edit(packtest.Minimal, "people.toml", "Carla Chief", "Carla Chiefe"),
		"a duty":           packtest.Edit(packtest.Minimal, "roles/sysadmin.toml", `"Patch servers"`, `"Patch every server"`),
		"an authority":     packtest.Edit(packtest.Minimal, "roles/ism.toml", `limit = "for up to 48 hours"`, `limit = "for up to 24 hours"`),
		"an appointment":   packtest.Edit(packtest.Minimal, "roles/ism.toml", "appointed_on = 2025-02-01", "appointed_on = 2025-02-02"),
		"a revision":       packtest.Edit(packtest.Minimal, "pack.toml", `summary = "First issue."`, `summary = "The first issue."`),
		"an image":         withImage(color.White),
		"another image":    withImage(color.Black),
		"a site template":  packtest.Minimal + "-- templates/site/style.css --\nbody{color:#123}\n",
		"another template": packtest.Minimal + "-- templates/site/style.css --\nbody{color:#124}\n",
		"a message":        packtest.Minimal + "-- templates/messages/en.toml --\n[site.download]\npdf = \"PDF file\"\n",
		"another message":  packtest.Minimal + "-- templates/messages/en.toml --\n[site.download]\npdf = \"Portable document\"\n",
	}
	seen := map[string]string{}
	for name, archive := range variants {
		h := hashOfArchive(t, archive)
		if other, ok := seen[h]; ok {
			t.Errorf("%s and %s have one content hash", name, other)
		}
		seen[h] = name
	}

	// A message override's comment is not content.
	commented := packtest.Minimal + "-- templates/messages/en.toml --\n# Our word for it.\n[site.download]\npdf = 'PDF file' # short\n"
	if h := hashOfArchive(t, commented); seen[h] != "a message" {
		t.Errorf("a comment in a message override changed the content hash")
	}
}

// A translation is content of the outputs in its language: changing one
// current translation's text changes the hash.
func TestContentHashCoversTranslations(t *testing.T) {
	dir := filepath.Join(packtest.ModuleRoot(t), "testdata", "packs", "second")
	want := hashOf(t, dir)
	p, err := model.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	b := p.TranslationState("fr").Current[0]
	file := b.T.File
	changed := rewrite(t, dir, func(s string) string { return s })
	path := filepath.Join(changed, filepath.FromSlash(file))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	quoted := strings.ReplaceAll(b.T.Text, `"`, `\"`)
	if !strings.Contains(string(data), quoted) {
		t.Skipf("the translation %q is not written as one basic string in %s", b.T.Text, file)
	}
	os.WriteFile(path, []byte(strings.Replace(string(data), quoted, quoted+" (révisé)", 1)), 0o644)
	if got := hashOf(t, changed); got == want {
		t.Errorf("a changed French translation left the content hash as it was")
	}
}

// The pack's font files are content: another file of the same family,
// found on another machine, is another hash.
func TestContentHashCoversFonts(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	h, err := PackHash(p)
	if err != nil {
		t.Fatal(err)
	}
	a := Font{Origin: "system: Noto Sans CJK JP", Style: "regular", SHA256: strings.Repeat("a", 64)}
	b := a
	b.SHA256 = strings.Repeat("b", 64)
	seen := map[string]bool{h: true}
	for _, faces := range [][]Font{{a}, {b}} {
		got := ContentHash(p, nil, faces)
		if seen[got] {
			t.Errorf("faces %v: a hash seen before", faces)
		}
		seen[got] = true
	}
}

// BenchmarkContentHash is the cost of the content hash of the example
// pack, taken once per build and per check (docs/performance.md).
func BenchmarkContentHash(b *testing.B) {
	p, err := model.Load(filepath.Join(packtest.ModuleRoot(b), "content"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := PackHash(p); err != nil {
			b.Fatal(err)
		}
	}
}
