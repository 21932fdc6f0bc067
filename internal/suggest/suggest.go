package suggest

import (
	"strings"
)

// MaxLen bounds the names, in bytes, worth a suggestion.
const MaxLen = 128

// Closest returns the candidate closest to name, or "" when none is close
// enough to be a typo (see the package doc). A candidate equal to name is
// skipped: it is the name itself, known somewhere else, not a correction.
func Closest(name string, candidates []string) string {
	if len(name) > MaxLen {
		return ""
	}
	n := len([]rune(name))
	limit := max(2, n/3)
	if n < 4 {
		limit = 1 // two changes to a name this short make any other word
	}
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if c == name || len(c) > MaxLen {
			continue
		}
		if d := Distance(name, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// Distance is the optimal string alignment distance between a and b, in
// runes, ignoring case: insertions, deletions, substitutions and
// transpositions of neighbours each count one, so "actoin" is one step
// from "action" and "Name" none from "name".
func Distance(a, b string) int {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	// Three rows are enough: a transposition looks two rows back.
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
