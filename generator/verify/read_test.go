package verify

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/internal/safefile"
)

const testHash = "3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f"

// officeFile is a zip holding docProps/custom.xml with the given
// properties, as the workbook and Word file carry their stamp.
func officeFile(t testing.TB, props string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("docProps/custom.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><Properties xmlns:vt="vt">` + props + `</Properties>`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func stampProps(hash, version string) string {
	return `<property name="rolepack.content_hash"><vt:lpwstr>` + hash + `</vt:lpwstr></property>` +
		`<property name="rolepack.version"><vt:lpwstr>` + version + `</vt:lpwstr></property>`
}

// utf16PDF is a PDF whose information dictionary holds the token in
// UTF-16, as fpdf writes it.
func utf16PDF(token string) []byte {
	b := []byte("%PDF-1.4\n/Keywords (\xfe\xff")
	for _, r := range token {
		b = append(b, 0, byte(r))
	}
	return append(b, ")\n%%EOF\n"...)
}

func TestReadFindsTheStamp(t *testing.T) {
	dir := t.TempDir()
	token := Token + testHash + ":1.0+rc"
	files := map[string][]byte{
		"page.html":  []byte(`<!doctype html><meta name="rolepack-stamp" content="` + token + `">`),
		"plain.pdf":  []byte("%PDF-1.4\n/Keywords (" + token + ")\n%%EOF\n"),
		"wide.pdf":   utf16PDF(token),
		"book.xlsx":  officeFile(t, stampProps(testHash, "1.0 rc")),
		"Word.DOCX":  officeFile(t, stampProps(testHash, "1.0 rc")),
		"other.html": []byte("<p>nothing</p>"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name := range files {
		e, err := Read(filepath.Join(dir, name))
		if name == "other.html" {
			if err != ErrNoStamp {
				t.Errorf("%s: %v, %v; want ErrNoStamp", name, e, err)
			}
			continue
		}
		if err != nil || e.ContentHash != testHash || e.Version != "1.0 rc" {
			t.Errorf("%s: %+v, %v", name, e, err)
		}
	}
}

// Every refusal and failure names the file; ErrNoStamp alone does not,
// the command saying "FILE: unknown: …".
func TestReadErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"notes.txt":   []byte("x"),
		"broken.xlsx": []byte("PK\x03\x04 truncated"),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range map[string]string{
		"notes.txt":   ": not a file rolepack builds (.pdf, .xlsx, .docx or .html)",
		"broken.xlsx": ": not a readable Office file: zip: not a valid zip file",
		"missing.pdf": ": no such file or directory",
	} {
		p := filepath.Join(dir, name)
		if _, err := Read(p); err == nil || err.Error() != p+want {
			t.Errorf("got  %v\nwant %s%s", err, p, want)
		}
	}
}

// A directory, a device, or a link to one, is refused from its type,
// unread: /dev/zero would never end.
func TestReadRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{filepath.Join(dir, "site.html"): "a directory"}
	if err := os.Mkdir(filepath.Join(dir, "site.html"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.pdf")); err == nil {
			cases[filepath.Join(dir, "zero.pdf")] = "a character device"
		}
	}
	for p, kind := range cases {
		_, err := Read(p)
		if want := p + ": not a regular file (" + kind + "); rolepack reads only regular files"; !errors.Is(err, safefile.ErrNotRegular) || err.Error() != want {
			t.Errorf("got  %v\nwant %s", err, want)
		}
	}
}

// A file of gigabytes is refused from its size, before it is read: a
// sparse file of 3 GiB, whose reading took 1.27 GB of memory before it
// was refused as too large.
func TestReadRefusesAHugeFileUnread(t *testing.T) {
	dir := t.TempDir()
	for name, limit := range map[string]string{"huge.pdf": "512 MiB", "huge.html": "512 MiB", "huge.xlsx": "64 MiB", "huge.docx": "64 MiB"} {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(3 << 30); err != nil {
			f.Close()
			t.Skip("no sparse files here:", err)
		}
		f.Close()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err = Read(p)
		runtime.ReadMemStats(&after)
		if want := p + ": file is 3 GiB, larger than the " + limit + " limit"; !errors.Is(err, safefile.ErrTooLarge) || err.Error() != want {
			t.Errorf("got  %v\nwant %s", err, want)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
			t.Errorf("%s: refusing it allocated %d bytes", name, grew)
		}
	}
}

// An Office file's custom properties are bounded whatever their zip
// entry declares, and only the first copy is read.
func TestOfficePropertiesAreBounded(t *testing.T) {
	big := officeFile(t, strings.Repeat(`<property name="x"><vt:lpwstr>a</vt:lpwstr><vt:lpwstr>b</vt:lpwstr></property>`, 30000))
	if _, err := fromOffice(big); err == nil || !strings.Contains(err.Error(), "docProps/custom.xml is too large") {
		t.Errorf("got %v", err)
	}
	// A second docProps/custom.xml, with a stamp, is not looked at.
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, props := range []string{"", stampProps(testHash, "1.0")} {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: "docProps/custom.xml", Method: zip.Deflate})
		w.Write([]byte(`<Properties xmlns:vt="vt">` + props + `</Properties>`))
	}
	zw.Close()
	if _, err := fromOffice(b.Bytes()); err != ErrNoStamp {
		t.Errorf("got %v", err)
	}
}
