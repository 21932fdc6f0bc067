package scan

import "fmt"

// Known are the directive names of the //robusta: namespace.
var known = []string{"action", "rbac"}

// suggestDirective is the hint for an unknown directive name: the closest
// known one, else the list.
func suggestDirective(name string) string {
	if s := closest(name, known); s != "" {
		return fmt.Sprintf(" (did you mean //%s:%s?)", Tool, s)
	}
	return fmt.Sprintf(" (known: //%s:action, //%s:rbac)", Tool, Tool)
}

// suggest is the hint for an unknown argument key among keys.
func suggest(key string, keys []string, prefix string) string {
	if s := closest(key, keys); s != "" {
		return fmt.Sprintf(" (did you mean %s%s=?)", prefix, s)
	}
	list := ""
	for i, k := range keys {
		if i > 0 {
			list += ", "
		}
		list += k + "="
	}
	return " (known: " + list + ")"
}

// closest returns the candidate nearest to s, if it is near enough to be a
// typo: about a third of its letters changed at most, and at least one.
func closest(s string, candidates []string) string {
	best, bestDist := "", 0
	for _, c := range candidates {
		d := distance(s, c)
		if limit := max(1, (len(c)+1)/3); d <= limit && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the optimal string alignment distance between a and b, in
// runes: insertions, deletions, substitutions and transpositions of
// neighbours each count one, so "actoin" is one step from "action".
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
