package model

// suggest returns the candidate nearest to s by edit distance, or "" when
// none is near enough to be a plausible typo.
func suggest(s string, candidates []string) string {
	best, bestD := "", len(s)/3+2
	if bestD > 4 {
		bestD = 4
	}
	for _, c := range candidates {
		if d := distance(s, c); d < bestD || (d == bestD && best != "" && c < best) {
			best, bestD = c, d
		}
	}
	if best == s {
		return ""
	}
	return best
}

// distance is the Levenshtein distance between a and b, counted in runes,
// with adjacent transpositions counting as one edit.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 1 << 20 // long strings are never typos of each other
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
