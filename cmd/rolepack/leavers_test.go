package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/internal/packtest"
)

// salaryMarker is in the Salary column of every HR fixture.
const salaryMarker = "SALARY-MARKER-93731"

// Only the mapped columns of an HR export are read: a pack built from an
// export with a Salary column (and a Home Address) holds its values in no
// output file: every file is searched raw, zip containers (workbook, Word)
// entry by entry, and PDFs as pdftotext reads them.
func TestHRColumnsNotCopied(t *testing.T) {
	for _, preset := range []string{"bamboohr", "personio"} {
		t.Run(preset, func(t *testing.T) {
			dir := packtest.Write(t, packtest.HR(t, preset))
			out := filepath.Join(t.TempDir(), "out")
			_, err := pipeline.Build(context.Background(), pipeline.Options{
				Content: dir, Out: out, Tool: "rolepack test",
				Getenv: func(k string) string {
					if k == "SOURCE_DATE_EPOCH" {
						return "1795478400"
					}
					return ""
				},
				Now: time.Now,
			})
			if err != nil {
				t.Fatal(err)
			}
			files := 0
			filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				files++
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				for _, text := range [][]byte{data, unzipText(t, p, data)} {
					if bytes.Contains(text, []byte(salaryMarker)) || bytes.Contains(text, []byte("Main Street")) {
						t.Errorf("%s holds a value of an unmapped HR column", p)
					}
				}
				return nil
			})
			if files < 5 {
				t.Fatalf("only %d output files", files)
			}
		})
	}
}

// unzipText returns the inflated content of a workbook or Word file (zip
// entries) or a PDF (flate streams); nil for other files.
func unzipText(t *testing.T, path string, data []byte) []byte {
	switch {
	case strings.HasSuffix(path, ".xlsx"), strings.HasSuffix(path, ".docx"):
		return zipEntries(t, data)
	case strings.HasSuffix(path, ".pdf"):
		// Text in the PDF is glyph ids: read it back as text.
		text, err := exec.Command(packtest.NeedTool(t, "pdftotext"), "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", path, err)
		}
		return text
	}
	return nil
}

func zipEntries(t *testing.T, data []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var all []byte
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(io.LimitReader(rc, 256<<20))
		rc.Close()
		all = append(all, b...)
	}
	return all
}
