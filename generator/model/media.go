package model

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // decoders for the image formats a pack may show
	_ "image/jpeg" //
	_ "image/png"  //
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	_ "golang.org/x/image/webp" //

	"github.com/rolepack/rolepack/internal/safefile"
)

// Limits on an image a Markdown field shows, so a pack cannot make a build
// decode a picture larger than memory.
const (
	MaxImagePixels = 16 << 20 // 16 megapixels: 64 MiB once decoded
	MaxImageSide   = 10000    // pixels, either side
)

// imageFormats maps the extensions allowed for an image to the format its
// content must have. SVG is not allowed: it can carry script and fetch
// remote resources.
var imageFormats = map[string]string{
	".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif", ".webp": "webp",
}

// mdLoad is the part of the link policy that runs while loading: it reads
// images from the content directory and records warnings.
type mdLoad struct {
	l    *loader
	pos  Pos  // the key of the Markdown value
	long bool // the value starts on the line after the key (""" or ''')
	// report, when set, takes every problem as an error at byte offset
	// off of the value (an inline value: a refused link stops the build).
	report func(off int, msg string)
}

// markdown loads a Markdown value whose key is at pos (for warnings).
func (l *loader) markdown(pos Pos, src string) Markdown {
	if src == "" {
		return Markdown{}
	}
	st := &mdState{media: &mdMedia{}, load: &mdLoad{l: l, pos: pos, long: l.startsOnNextLine(pos)}}
	m := Markdown{Source: src, HTML: renderMarkdown(src, st)}
	if st.media.relative || len(st.media.byDest) > 0 {
		m.media = st.media
	}
	return m
}

// startsOnNextLine reports whether the value of the key at pos is a
// multi-line string that starts on the next line.
func (l *loader) startsOnNextLine(pos Pos) bool {
	line := l.sourceLine(pos)
	t := strings.TrimSpace(line)
	return strings.HasSuffix(t, `"""`) || strings.HasSuffix(t, `'''`)
}

// sourceLine is the text of the line at pos, or "".
func (l *loader) sourceLine(pos Pos) string {
	i, ok := slices.BinarySearchFunc(l.p.Files, pos.File, func(f SourceFile, p string) int { return strings.Compare(f.Path, p) })
	if !ok || pos.Line < 1 {
		return ""
	}
	data := l.p.Files[i].Data
	for range pos.Line - 1 {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return ""
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return string(data)
}

// warn records a warning at the line of offset off of the Markdown source.
func (ml *mdLoad) warn(off int, src []byte, format string, args ...any) {
	if ml.report != nil {
		ml.report(off, fmt.Sprintf(format, args...))
		return
	}
	pos := ml.pos
	if off >= 0 && off <= len(src) {
		if n := bytes.Count(src[:off], []byte("\n")); ml.long || n == 0 {
			pos.Line += n
			if ml.long {
				pos.Line++
			}
			if n > 0 || ml.long {
				pos.Col = 0
			}
		}
	}
	ml.l.p.Warnings = append(ml.l.p.Warnings, Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...)})
}

// image reads the image at dest, relative to the content directory, or
// says why it cannot be shown.
func (ml *mdLoad) image(dest string) (*Image, string) {
	l := ml.l
	rel, why := imagePath(dest)
	if why != "" {
		return nil, why
	}
	fileAt, read := slices.BinarySearchFunc(l.p.Files, rel, func(f SourceFile, p string) int { return strings.Compare(f.Path, p) })
	if read { // another field shows it too
		sum := sha256.Sum256(l.p.Files[fileAt].Data)
		for _, img := range l.p.Images {
			if strings.HasPrefix(img.Name, "media/"+hex.EncodeToString(sum[:8])+".") {
				return img, ""
			}
		}
		return nil, "it is not a PNG, JPEG, GIF or WebP image"
	}
	if l.dir == "" {
		return nil, "the pack has no content directory to take it from"
	}
	root, err := os.OpenRoot(l.dir)
	if err != nil {
		return nil, "cannot open the content directory"
	}
	defer root.Close()
	// os.Root refuses a path, or a symbolic link, that leads outside.
	data, err := safefile.ReadFileIn(root, rel, MaxFileBytes)
	switch {
	case errors.Is(err, safefile.ErrNotRegular):
		return nil, "it is not a regular file"
	case errors.Is(err, safefile.ErrTooLarge):
		return nil, fmt.Sprintf("it is larger than the %d MiB limit", MaxFileBytes>>20)
	case err != nil:
		return nil, "there is no such file inside the content directory"
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	want := imageFormats[strings.ToLower(path.Ext(rel))]
	switch {
	case err != nil:
		return nil, "it is not a PNG, JPEG, GIF or WebP image"
	case format != want:
		return nil, fmt.Sprintf("its content is %s, not what its extension says", strings.ToUpper(format))
	case cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxImageSide || cfg.Height > MaxImageSide ||
		cfg.Width*cfg.Height > MaxImagePixels:
		return nil, fmt.Sprintf("it is %d×%d pixels; the limit is %d pixels a side and %d megapixels", cfg.Width, cfg.Height, MaxImageSide, MaxImagePixels>>20)
	}
	sum := sha256.Sum256(data)
	img := &Image{
		Path: rel, Name: "media/" + hex.EncodeToString(sum[:8]) + "." + strings.TrimPrefix(strings.ToLower(path.Ext(rel)), "."),
		Format: format, Width: cfg.Width, Height: cfg.Height, Data: data,
	}
	// The stamp hashes Files: an image is part of what the outputs show.
	l.p.Files = slices.Insert(l.p.Files, fileAt, SourceFile{Path: rel, Data: data})
	for _, same := range l.p.Images {
		if same.Name == img.Name && same.Format == img.Format {
			return same, "" // two copies of one picture: the site keeps one
		}
	}
	l.p.Images = append(l.p.Images, img)
	return img, ""
}

// imagePath checks that dest is a plain relative path to an image file and
// returns it cleaned, or says why not.
func imagePath(dest string) (string, string) {
	switch {
	case dest == "":
		return "", "it has no file name"
	case strings.Contains(dest, ":") || strings.HasPrefix(dest, "/") || strings.Contains(dest, `\`):
		return "", "only image files inside the content directory are shown, nothing from another site or an absolute path"
	case strings.ContainsAny(dest, "?#"):
		return "", "an image file name cannot have a query or fragment"
	}
	ext := strings.ToLower(path.Ext(dest))
	if ext == ".svg" {
		return "", "SVG images are not allowed (they can run script and fetch other files); use PNG"
	}
	if imageFormats[ext] == "" {
		return "", "only .png, .jpg, .jpeg, .gif and .webp images are shown"
	}
	rel := path.Clean(dest)
	if !fs.ValidPath(rel) {
		return "", "the path leads outside the content directory"
	}
	for _, part := range strings.Split(rel, "/") {
		if strings.HasPrefix(part, ".") {
			return "", "hidden files and directories are not read"
		}
	}
	return rel, ""
}
