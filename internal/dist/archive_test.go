package dist

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"strings"
	"testing"
	"time"
)

var epoch = time.Unix(1796623765, 0) // a commit time: 2026-12-07

// sample is given out of order, with nested directories, so that the
// writers have to sort and add directories.
func sample() []File {
	return []File{
		{Name: "top/rolepack", Exec: true, Data: []byte("\x7fELF binary")},
		{Name: "top/README.md", Data: []byte("# read me\n")},
		{Name: "top/docs/b.txt", Data: []byte("b")},
		{Name: "top/docs/a.txt", Data: bytes.Repeat([]byte("a"), 5000)},
		{Name: "top/LICENSE", Data: nil},
	}
}

// wantEntries is sample's entries as both formats must list them.
var wantEntries = []struct {
	name string
	mode fs.FileMode
	data string
}{
	{"top/", fs.ModeDir | 0o755, ""},
	{"top/LICENSE", 0o644, ""},
	{"top/README.md", 0o644, "# read me\n"},
	{"top/docs/", fs.ModeDir | 0o755, ""},
	{"top/docs/a.txt", 0o644, strings.Repeat("a", 5000)},
	{"top/docs/b.txt", 0o644, "b"},
	{"top/rolepack", 0o755, "\x7fELF binary"},
}

type writer func(io.Writer, []File, time.Time) error

func write(t *testing.T, w writer, files []File, mtime time.Time) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := w(&b, files, mtime); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestArchivesAreDeterministic: the same files give the same bytes, in any
// order they are given and whatever the time zone of the time; another
// time gives other bytes (the time is really in the archive).
func TestArchivesAreDeterministic(t *testing.T) {
	for _, tc := range []struct {
		name string
		w    writer
	}{{"tar.gz", WriteTarGz}, {"zip", WriteZip}} {
		t.Run(tc.name, func(t *testing.T) {
			a := write(t, tc.w, sample(), epoch)
			reversed := sample()
			for i, j := 0, len(reversed)-1; i < j; i, j = i+1, j-1 {
				reversed[i], reversed[j] = reversed[j], reversed[i]
			}
			b := write(t, tc.w, reversed, epoch.In(time.FixedZone("X", 5*3600+1800)))
			if !bytes.Equal(a, b) {
				t.Error("the same files twice gave different archives")
			}
			if c := write(t, tc.w, sample(), epoch.Add(2*time.Second)); bytes.Equal(a, c) {
				t.Error("another time gave the same archive")
			}
		})
	}
}

// TestTarGzReadsBack reads the tar.gz back with archive/tar: every entry in
// order, its type, mode, owner, time, and content; ustar format and a gzip
// header without name or time.
func TestTarGzReadsBack(t *testing.T) {
	data := write(t, WriteTarGz, sample(), epoch)
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if zr.Name != "" || !zr.ModTime.IsZero() || zr.OS != 255 {
		t.Errorf("gzip header: name %q, time %v, OS %d; want none, none, 255", zr.Name, zr.ModTime, zr.OS)
	}
	tr := tar.NewReader(zr)
	for i, want := range wantEntries {
		h, err := tr.Next()
		if err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
		if h.Name != want.name {
			t.Errorf("entry %d is %q, want %q", i, h.Name, want.name)
		}
		if h.FileInfo().Mode() != want.mode {
			t.Errorf("%s: mode %v, want %v", h.Name, h.FileInfo().Mode(), want.mode)
		}
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("%s: owner %d:%d (%q:%q), want 0:0 unnamed", h.Name, h.Uid, h.Gid, h.Uname, h.Gname)
		}
		if !h.ModTime.Equal(epoch) {
			t.Errorf("%s: time %v, want %v", h.Name, h.ModTime, epoch)
		}
		if h.Format != tar.FormatUSTAR {
			t.Errorf("%s: format %v, want ustar", h.Name, h.Format)
		}
		body, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		if string(body) != want.data {
			t.Errorf("%s: content %q, want %q", h.Name, body, want.data)
		}
	}
	if h, err := tr.Next(); err != io.EOF {
		t.Errorf("after the last entry: %v, %v; want EOF", h, err)
	}
}

// TestZipReadsBack reads the zip back with archive/zip: every entry in
// order, its mode (made on Unix, so that unzip keeps it), its time both as
// the MS-DOS time and the extended timestamp, and content.
func TestZipReadsBack(t *testing.T) {
	data := write(t, WriteZip, sample(), epoch)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(wantEntries) {
		t.Fatalf("%d entries, want %d", len(zr.File), len(wantEntries))
	}
	for i, want := range wantEntries {
		f := zr.File[i]
		if f.Name != want.name {
			t.Errorf("entry %d is %q, want %q", i, f.Name, want.name)
		}
		if f.Mode() != want.mode {
			t.Errorf("%s: mode %v, want %v", f.Name, f.Mode(), want.mode)
		}
		if f.CreatorVersion>>8 != 3 {
			t.Errorf("%s: made on system %d, want 3 (Unix)", f.Name, f.CreatorVersion>>8)
		}
		// Modified comes from the extended timestamp; the MS-DOS fields
		// hold the same time as UTC's wall clock, to two seconds.
		if !f.Modified.Equal(epoch) {
			t.Errorf("%s: time %v, want %v", f.Name, f.Modified, epoch)
		}
		dos := f.FileHeader
		dos.Modified = time.Time{}
		if got, want := dos.ModTime(), epoch.UTC().Truncate(2*time.Second); !got.Equal(want) {
			t.Errorf("%s: MS-DOS time %v, want %v", f.Name, got, want)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if string(body) != want.data {
			t.Errorf("%s: content %q, want %q", f.Name, body, want.data)
		}
	}
}

// TestArchiveRefuses: names that are not plain relative paths, a name
// twice, a name that is a file and a directory, and times neither format
// holds are errors in both writers, before anything is written.
func TestArchiveRefuses(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []File
		mtime time.Time
		want  string
	}{
		{"absolute", []File{{Name: "/etc/passwd"}}, epoch, "not a relative"},
		{"parent", []File{{Name: "a/../../b"}}, epoch, "not a relative"},
		{"dot", []File{{Name: "./a"}}, epoch, "not a relative"},
		{"backslash", []File{{Name: `a\b`}}, epoch, "not a relative"},
		{"empty", []File{{Name: ""}}, epoch, "not a relative"},
		{"trailing slash", []File{{Name: "a/"}}, epoch, "not a relative"},
		{"twice", []File{{Name: "a"}, {Name: "a"}}, epoch, "named twice"},
		{"file and dir", []File{{Name: "a"}, {Name: "a/b"}}, epoch, "both a file and a directory"},
		{"before 1980", []File{{Name: "a"}}, time.Unix(0, 0), "outside"},
		{"after 2107", []File{{Name: "a"}}, time.Date(2108, 1, 1, 0, 0, 0, 0, time.UTC), "outside"},
		{"ustar name too long", []File{{Name: strings.Repeat("n", 101)}}, epoch, "archive entry"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, w := range []writer{WriteTarGz, WriteZip} {
				var b bytes.Buffer
				err := w(&b, tc.files, tc.mtime)
				if tc.name == "ustar name too long" && err == nil {
					continue // only ustar has the limit; zip takes it
				}
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("error %v, want one saying %q", err, tc.want)
				}
			}
		})
	}
}

// TestSums: name order, two spaces, lower-case hex, as sha256sum prints;
// names that would break a line or name a path are refused.
func TestSums(t *testing.T) {
	got, err := Sums([]Sum{SumOf("b.zip", []byte("b")), SumOf("a.tar.gz", []byte(""))})
	if err != nil {
		t.Fatal(err)
	}
	want := "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a.tar.gz\n" +
		"3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  b.zip\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, bad := range [][]Sum{
		{SumOf("a\nb", nil)}, {SumOf("d/a", nil)}, {SumOf("", nil)}, {SumOf("a", nil), SumOf("a", nil)},
	} {
		if _, err := Sums(bad); err == nil {
			t.Errorf("Sums(%q) took it", bad[0].Name)
		}
	}
}
