package pdf_test

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/internal/packtest"
)

// rect is a rectangle drawn on a page (a table cell), in pdftotext's
// coordinates: points from the top-left corner.
type rect struct{ X0, Y0, X1, Y1 float64 }

var rectRE = regexp.MustCompile(`(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re [BbSsFf]\b`)

// pageRects reads the rectangles each page draws, from the page contents
// that qpdf writes uncompressed (--qdf), leaving out those drawn under a
// transformation (turned text and its marks).
func pageRects(t testing.TB, path string, heights []float64) [][]rect {
	t.Helper()
	qpdf := packtest.NeedTool(t, "qpdf")
	qdf := filepath.Join(t.TempDir(), "qdf.pdf")
	if out, err := exec.Command(qpdf, "--qdf", "--object-streams=disable", path, qdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, out)
	}
	data, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	rects := make([][]rect, len(heights))
	page := -1
	depth, transformedAt := 0, -1
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		line := sc.Text()
		if n, ok := strings.CutPrefix(line, "%% Contents for page "); ok {
			page, _ = strconv.Atoi(strings.TrimSpace(n))
			page--
			depth, transformedAt = 0, -1
			continue
		}
		if page < 0 || page >= len(heights) {
			continue
		}
		switch {
		case line == "q":
			depth++
			continue
		case line == "Q":
			if depth == transformedAt {
				transformedAt = -1
			}
			depth--
			continue
		case strings.HasSuffix(line, " cm") && depth > 0 && transformedAt < 0:
			transformedAt = depth
			continue
		}
		if transformedAt >= 0 {
			continue
		}
		for _, m := range rectRE.FindAllStringSubmatch(line, -1) {
			x, _ := strconv.ParseFloat(m[1], 64)
			y, _ := strconv.ParseFloat(m[2], 64)
			w, _ := strconv.ParseFloat(m[3], 64)
			h, _ := strconv.ParseFloat(m[4], 64)
			x0, x1 := min(x, x+w), max(x, x+w)
			y0, y1 := min(y, y+h), max(y, y+h)
			H := heights[page]
			rects[page] = append(rects[page], rect{x0, H - y1, x1, H - y0})
		}
	}
	return rects
}

// checkCells asserts invariant (2b): every word that sits in a table cell
// (the smallest drawn rectangle holding its centre) lies inside that cell.
func checkCells(t testing.TB, name, path string, pages []bboxPage) {
	t.Helper()
	heights := make([]float64, len(pages))
	for i, p := range pages {
		heights[i] = p.Height
	}
	rects := pageRects(t, path, heights)
	errs := 0
	for pi, p := range pages {
		for _, l := range p.lines() {
			for _, w := range l.Words {
				cx, cy := (w.X0+w.X1)/2, (w.Y0+w.Y1)/2
				var cell *rect
				for i, r := range rects[pi] {
					if cx >= r.X0 && cx <= r.X1 && cy >= r.Y0 && cy <= r.Y1 {
						if cell == nil || (r.X1-r.X0)*(r.Y1-r.Y0) < (cell.X1-cell.X0)*(cell.Y1-cell.Y0) {
							cell = &rects[pi][i]
						}
					}
				}
				if cell == nil {
					continue
				}
				if w.X0 < cell.X0-0.5 || w.X1 > cell.X1+0.5 || w.Y0 < cell.Y0-1.5 || w.Y1 > cell.Y1+1.5 {
					if errs++; errs <= 10 {
						t.Errorf("%s: page %d: %q at (%.1f,%.1f)–(%.1f,%.1f) leaves its cell (%.1f,%.1f)–(%.1f,%.1f)",
							name, pi+1, w.Text, w.X0, w.Y0, w.X1, w.Y1, cell.X0, cell.Y0, cell.X1, cell.Y1)
					}
				}
			}
		}
	}
}
