package verify

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/internal/safefile"
)

// fuzzExts are the kinds of file Read judges by extension, and one it
// refuses.
var fuzzExts = []string{".pdf", ".xlsx", ".docx", ".html", ".htm", ".txt"}

// FuzzRead runs verify's Read over odd files: random bytes, truncated or
// patched PDFs, zips and pages, and files of gigabytes (sparse) whatever
// their bytes. It must never panic, every error but ErrNoStamp must name
// the file, and memory must stay bounded: what one Read allocates is at
// most a few times the file plus the 1 MiB of custom properties it may
// inflate.
func FuzzRead(f *testing.F) {
	token := Token + testHash + ":1.0"
	office := officeFile(f, stampProps(testHash, "1.0"))
	seeds := [][]byte{
		nil,
		[]byte("%PDF-1.4\n/Keywords (" + token + ")\n%%EOF\n"),
		utf16PDF(token),
		utf16PDF(token)[:30],
		[]byte(`<meta name="rolepack-stamp" content="` + token + `">`),
		[]byte(`<meta content="` + Token + `zz">`),
		office,
		office[:len(office)/2],
		office[len(office)-22:], // the end-of-directory record alone
		hugeDeclaredSizes(office),
		hugeDirectory(office),
	}
	for _, s := range seeds {
		for kind := range len(fuzzExts) {
			f.Add(uint8(kind), s)
		}
	}
	f.Add(uint8(0x80), []byte("%PDF")) // a sparse PDF of 3 GiB
	f.Add(uint8(0x81), office)         // a sparse workbook of 3 GiB
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		p := filepath.Join(dir, "file"+fuzzExts[int(kind&0x7f)%len(fuzzExts)])
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		huge := kind&0x80 != 0
		if huge {
			if err := os.Truncate(p, 3<<30); err != nil {
				t.Skip("no sparse files here:", err)
			}
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := Read(p)
		runtime.ReadMemStats(&after)
		if grew, most := after.TotalAlloc-before.TotalAlloc, uint64(8*len(data)+64<<20); grew > most {
			t.Errorf("Read of %d bytes allocated %d bytes (at most %d)", len(data), grew, most)
		}
		switch {
		case huge && !strings.HasSuffix(p, ".txt") && !errors.Is(err, safefile.ErrTooLarge):
			t.Errorf("a 3 GiB file was not refused as too large: %v", err)
		case err != nil && err != ErrNoStamp && !strings.HasPrefix(err.Error(), p+": "):
			t.Errorf("the error does not name the file: %v", err)
		}
	})
}

// hugeDeclaredSizes is zip with every size in its central directory
// claiming 4 GiB.
func hugeDeclaredSizes(zipData []byte) []byte {
	b := bytes.Clone(zipData)
	for i := 0; i+46 <= len(b); i++ {
		if binary.LittleEndian.Uint32(b[i:]) == 0x02014b50 { // central directory header
			binary.LittleEndian.PutUint32(b[i+20:], 0xffffffff) // compressed size
			binary.LittleEndian.PutUint32(b[i+24:], 0xfffffffe) // uncompressed size
		}
	}
	return b
}

// hugeDirectory is zip whose end-of-directory record claims 65,535
// entries in a directory of 4 GiB.
func hugeDirectory(zipData []byte) []byte {
	b := bytes.Clone(zipData)
	if i := bytes.LastIndex(b, []byte("PK\x05\x06")); i >= 0 && i+22 <= len(b) {
		binary.LittleEndian.PutUint16(b[i+8:], 0xffff)
		binary.LittleEndian.PutUint16(b[i+10:], 0xffff)
		binary.LittleEndian.PutUint32(b[i+12:], 0xfffffff0)
	}
	return b
}
