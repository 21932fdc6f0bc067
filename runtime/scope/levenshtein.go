package scope

// levenshtein returns the edit distance between a and b, in runes: the
// fewest insertions, deletions and substitutions turning one into the other.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
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
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// suggest returns the candidate closest to name, or "" when none is close:
// within a third of name's length (at least 1). Ties go to the earliest
// candidate.
func suggest(name string, candidates ...[]string) string {
	limit := max(1, len([]rune(name))/3)
	best, bestDist := "", limit+1
	for _, list := range candidates {
		for _, c := range list {
			if d := levenshtein(name, c); d < bestDist {
				best, bestDist = c, d
			}
		}
	}
	return best
}
