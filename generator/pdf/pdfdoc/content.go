package pdfdoc

import (
	"fmt"
	"strconv"
)

// content is a page's content stream being drawn: operators as bytes,
// and text runs kept as shaped lines until the file is written, when
// their glyph ids are renumbered for each font's subset.
type content struct {
	parts []part
	buf   []byte
}

type part struct {
	raw  []byte
	text *textOp
}

// textOp is a shaped line drawn from (x, y), in points from the bottom
// left, at size points in colour.
type textOp struct {
	line  *Line
	x, y  float64
	size  float64
	color [3]int
}

func (c *content) op(s string) { c.buf = append(c.buf, s...) }

func (c *content) opf(format string, args ...any) { c.buf = fmt.Appendf(c.buf, format, args...) }

// color sets the stroking or the non-stroking colour.
func (c *content) color(rgb [3]int, stroke bool) {
	op := "rg"
	if stroke {
		op = "RG"
	}
	c.buf = appendColor(c.buf, rgb)
	c.buf = append(c.buf, ' ')
	c.buf = append(c.buf, op...)
	c.buf = append(c.buf, '\n')
}

func appendColor(b []byte, rgb [3]int) []byte {
	for i, v := range rgb {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendFloat(b, float64(max(0, min(255, v)))/255, 'f', 3, 64)
	}
	return b
}

func (c *content) text(l *Line, x, y, size float64, color [3]int) {
	if len(l.Runs) == 0 {
		return
	}
	c.flush()
	c.parts = append(c.parts, part{text: &textOp{line: l, x: x, y: y, size: size, color: color}})
}

// flush ends the bytes written so far as a part.
func (c *content) flush() {
	if len(c.buf) > 0 {
		c.parts = append(c.parts, part{raw: c.buf})
		c.buf = nil
	}
}
