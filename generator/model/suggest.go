package model

import "github.com/rolepack/rolepack/internal/typo"

// suggest returns the candidate nearest to s by edit distance, or "" when
// none is near enough to be a plausible typo.
func suggest(s string, candidates []string) string {
	best, bestD := "", len(s)/3+2
	if bestD > 4 {
		bestD = 4
	}
	for _, c := range candidates {
		if d := typo.Distance(s, c); d < bestD || (d == bestD && best != "" && c < best) {
			best, bestD = c, d
		}
	}
	if best == s {
		return ""
	}
	return best
}
