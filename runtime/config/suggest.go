package config

import "fmt"

// levenshtein is the edit distance between a and b, in runes.
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

// maxSuggestLen bounds the names worth a suggestion: no identifier is this
// long, and edit distance is quadratic.
const maxSuggestLen = 128

// suggest returns the candidate closest to name, or "" when none is close
// enough to be a typo: within max(2, len(name)/3) edits. Ties go to the
// earliest candidate.
func suggest(name string, candidates []string) string {
	if len(name) > maxSuggestLen {
		return ""
	}
	limit := max(2, len([]rune(name))/3)
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if c == name {
			continue
		}
		if d := levenshtein(name, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// didYouMean is " (did you mean \"x\"?)" for the closest candidate, or "".
func didYouMean(name string, candidates []string) string {
	if s := suggest(name, candidates); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}
