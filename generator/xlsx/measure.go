package xlsx

import (
	"math"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// How wide text is in the workbook's typeface, so that a row is as tall
// as its wrapped text and a rotated header as long as its lines. Neither
// Excel nor LibreOffice sizes the rows of a generated file when it opens
// it: a row left at the default height under a cell that wraps onto two
// lines has the second line printed over the next row.
//
// Every style names Calibri; LibreOffice sets it in Carlito, which has the
// same advance widths. The widths below are those advances, in units of
// 1/2048 em, for the printable ASCII characters, measured from the regular
// and the bold face.
var (
	calibriRegular = [95]uint16{
		463, 667, 821, 1020, 1038, 1464, 1397, 452, 621, 621, 1020, 1020, 511, 627, 517, 791,
		1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 548, 548, 1020, 1020, 1020, 949,
		1831, 1185, 1114, 1092, 1260, 1000, 941, 1292, 1276, 516, 653, 1064, 861, 1751, 1322, 1356,
		1058, 1378, 1112, 941, 998, 1314, 1162, 1822, 1063, 998, 959, 628, 791, 628, 1020, 1020,
		596, 981, 1076, 866, 1076, 1019, 625, 964, 1076, 470, 490, 931, 470, 1636, 1076, 1080,
		1076, 1076, 714, 801, 686, 1076, 925, 1464, 887, 927, 809, 644, 943, 644, 1020,
	}
	calibriBold = [95]uint16{
		463, 667, 898, 1020, 1038, 1493, 1443, 478, 638, 638, 1020, 1020, 528, 627, 547, 880,
		1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 565, 565, 1020, 1020, 1020, 949,
		1840, 1241, 1148, 1084, 1291, 999, 940, 1305, 1292, 546, 678, 1120, 866, 1790, 1349, 1385,
		1090, 1405, 1153, 968, 1014, 1337, 1211, 1856, 1128, 1064, 979, 665, 880, 665, 1020, 1020,
		615, 1011, 1099, 857, 1099, 1031, 648, 971, 1099, 503, 523, 983, 503, 1666, 1099, 1101,
		1099, 1099, 728, 817, 710, 1099, 969, 1526, 941, 970, 814, 704, 973, 704, 1020,
	}
)

// Widths, in 1/2048 em, of what the tables above do not hold: a letter of
// another script (Greek, Cyrillic, Arabic, Indic…) is taken as wide as a
// wide Latin capital, more than most of them are, so that a line is
// never thought shorter than it prints; a wide character (wide) is a
// whole em, as the CJK faces set it.
const (
	otherWidth = 1400
	emWidth    = 2048
)

// runeWidth is the advance of r in 1/2048 em. A letter with a diacritic
// is as wide as its base letter; a combining mark or an invisible
// character takes no room.
func runeWidth(r rune, bold bool) int {
	table := &calibriRegular
	if bold {
		table = &calibriBold
	}
	switch {
	case r >= ' ' && r <= '~':
		return int(table[r-' '])
	case r == '\u00a0':
		return int(table[0])
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Cc):
		return 0
	case wide(r):
		return emWidth
	}
	if d := norm.NFD.String(string(r)); d != "" {
		if b := []rune(d)[0]; b >= ' ' && b <= '~' {
			return int(table[b-' '])
		}
	}
	return otherWidth
}

// tallLineHeight is the height of a line of 11-point text in a script
// Calibri lacks (Chinese, Japanese, Korean, Arabic, Thai, Georgian…):
// the faces a spreadsheet falls back to for it set taller lines.
const tallLineHeight = 17

// lineHeightOf is the height in points of a line of text at 11 points:
// lineHeight, or tallLineHeight when text holds a letter Calibri lacks.
func lineHeightOf(text string) float64 {
	for _, r := range text {
		if r > 0x24F && unicode.IsLetter(r) && !unicode.In(r, unicode.Greek, unicode.Cyrillic, unicode.Latin) {
			return tallLineHeight
		}
	}
	return lineHeight
}

// textPoints is the width of s in points at size.
func textPoints(s string, bold bool, size float64) float64 {
	units := 0
	for _, r := range s {
		units += runeWidth(r, bold)
	}
	return float64(units) * size / 2048
}

// columnPoints is the room for text in a column width wide (in widths of
// the digit 0, as a sheet stores it), in points. Excel draws a column of
// width w as w×7 pixels of 96 dpi for Calibri 11 and leaves a few pixels
// of padding; LibreOffice draws it about 5% wider. The narrower of the
// two is the room: a row sized for it holds its text in both.
func columnPoints(width float64) float64 {
	px := math.Floor(7*width+0.5) - 5
	return max(px, 1) * 0.75
}

// wrappedLines is the number of lines text takes when wrapped in a column
// width wide, in Calibri at size (bold or not): at its newlines, then at
// spaces and around wide characters (breakable), a word longer than a line
// broken where it reaches the edge, as a spreadsheet wraps it.
func wrappedLines(text string, width float64, bold bool, size float64) int {
	room := columnPoints(width)
	space := textPoints(" ", bold, size)
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		lines++
		used := 0.0 // the line's width so far; 0 for a line not begun
		for _, word := range strings.Fields(para) {
			for i, piece := range breakable(word) {
				gap := space
				if i > 0 {
					gap = 0 // no space between the pieces of a word
				}
				n := textPoints(piece, bold, size)
				switch {
				case used == 0:
				case used+gap+n <= room:
					n += used + gap
				default:
					lines++
				}
				for n > room { // longer than a line: broken at the edge
					lines++
					n -= room
				}
				used = max(n, math.SmallestNonzeroFloat64)
			}
		}
	}
	return lines
}

// Rotated headers: a name turned a quarter turn in a narrow column, on at
// most two lines side by side, as long as the longer line, which the
// header row's height must hold.
const (
	// rotatedPad is the room, in points, beyond a rotated name's longer
	// line: the cell's padding at both ends.
	rotatedPad = 20
	// maxRotated is the longest a rotated name's line may be, in points:
	// a taller header would take most of a landscape page. Beyond it the
	// columns are numbered (rotatedHeader).
	maxRotated = 180
	// minRotated is the least height of a row of rotated names.
	minRotated = 48
	// numberedHeight is the height of a row of numbered column headers.
	numberedHeight = 30
)

// rotatedHeader is how a row of rotated names is printed: the height of
// the row, which holds every name on at most two lines, or, when a name
// does not fit in maxRotated that way, numbered: each column headed by its
// number, with a key of number and name beside the grid. A column whose
// name is cut on paper cannot be told apart from its neighbours.
func rotatedHeader(names []string) (height float64, numbered bool) {
	longest := 0.0
	for _, n := range names {
		longest = max(longest, twoLineLength(n, true, 11))
	}
	if longest > maxRotated {
		return numberedHeight, true
	}
	return max(math.Ceil(longest+rotatedPad), minRotated), false
}

// twoLineLength is the length, in points at size, of the longer line of s
// broken onto at most two lines at a place a line may break (a space, or
// beside a wide character), the lines as even as they can be. A name
// without such a place is one line.
func twoLineLength(s string, bold bool, size float64) float64 {
	type piece struct{ width, gap float64 } // gap: the space before it
	var pieces []piece
	space := textPoints(" ", bold, size)
	for _, w := range strings.Fields(s) {
		for i, p := range breakable(w) {
			gap := 0.0
			if i == 0 && len(pieces) > 0 {
				gap = space
			}
			pieces = append(pieces, piece{textPoints(p, bold, size), gap})
		}
	}
	total := 0.0
	for _, p := range pieces {
		total += p.gap + p.width
	}
	best, first := total, 0.0
	for i := 0; i+1 < len(pieces); i++ {
		first += pieces[i].gap + pieces[i].width
		second := total - first - pieces[i+1].gap
		best = min(best, max(first, second))
	}
	return best
}
