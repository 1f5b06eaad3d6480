// Package typo finds what a mistyped word most likely meant, for the
// "did you mean …?" of an error message: the loader's keys and ids, the
// letters' fields, the message catalogues' keys, and the command line's
// commands and flags (Nearest).
package typo

import "strings"

// Distance is the edit distance between a and b, counted in runes, with
// an adjacent transposition counting as one edit ("responsibilites").
// Strings longer than 64 runes are never typos of each other: their
// distance is very large, and costs nothing to find.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 1 << 20
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// Nearest is the candidate s most likely meant, or "" when none is near
// enough to be a typo of it: a candidate s begins (at least three
// letters: "import" for "import-workbook"), else the nearest by edit
// distance, ignoring case, when the distance is under a third of s plus
// two (at most three) and shorter than s, so that one letter is never
// taken for another ("x" is not a typo of "q"). Ties go to the earlier
// candidate. s itself is never suggested.
func Nearest(s string, candidates []string) string {
	for _, c := range candidates {
		if c == s {
			return ""
		}
	}
	ls := strings.ToLower(s)
	n := len([]rune(ls))
	if n >= 3 {
		prefixed := ""
		for _, c := range candidates {
			if strings.HasPrefix(strings.ToLower(c), ls) {
				if prefixed != "" {
					prefixed = ""
					break
				}
				prefixed = c
			}
		}
		if prefixed != "" {
			return prefixed
		}
	}
	best, bestD := "", min(n/3+2, 4)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if d := Distance(ls, lc); d < bestD && d < n {
			best, bestD = c, d
		}
	}
	return best
}
