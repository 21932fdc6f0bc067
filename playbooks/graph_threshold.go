package playbooks

import (
	"regexp"
	"strconv"
	"strings"
)

type threshold struct {
	label string // "> 0.5"
	value float64
}

// trailingComparison is "<expr> <op> <number>" at the end of a query.
var trailingComparison = regexp.MustCompile(`^(.+?)\s*(>=|<=|>|<)\s*([-+]?(?:[0-9]*\.)?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*$`)

// splitThreshold splits "expr > 0.5" into expr and the threshold, when the
// comparison is the query's outermost operation: not inside parentheses,
// braces or brackets, and expr holds no other top-level comparison or
// set operator (in "a > 1 unless b < 2" the last comparison binds only b,
// so the split would change the query's meaning). A "bool" comparison
// yields 0 or 1, not the series, and is left whole.
func splitThreshold(query string) (string, threshold, bool) {
	m := trailingComparison.FindStringSubmatch(query)
	if m == nil || strings.HasSuffix(strings.TrimSpace(m[1]), "bool") || !topLevelAlone(m[1]) {
		return "", threshold{}, false
	}
	v, err := strconv.ParseFloat(m[3], 64)
	if err != nil {
		return "", threshold{}, false
	}
	return strings.TrimSpace(m[1]), threshold{label: m[2] + " " + m[3], value: v}, true
}

// topLevelAlone reports whether expr is balanced and has no comparison or
// and/or/unless outside brackets and strings.
func topLevelAlone(expr string) bool {
	depth := 0
	var quote byte
	for i := 0; i < len(expr); i++ {
		c := expr[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'' || c == '`':
			quote = c
		case c == '(' || c == '{' || c == '[':
			depth++
		case c == ')' || c == '}' || c == ']':
			depth--
			if depth < 0 {
				return false
			}
		case depth == 0 && (c == '>' || c == '<' || c == '=' && i+1 < len(expr) && expr[i+1] == '=' || c == '!' && i+1 < len(expr) && expr[i+1] == '='):
			return false
		case depth == 0 && isWordStart(expr, i):
			for _, w := range []string{"and", "or", "unless"} {
				if strings.HasPrefix(expr[i:], w) && (i+len(w) == len(expr) || !isIdentByte(expr[i+len(w)])) {
					return false
				}
			}
		}
	}
	return depth == 0 && quote == 0
}

func isWordStart(s string, i int) bool { return i == 0 || !isIdentByte(s[i-1]) }

func isIdentByte(c byte) bool {
	return c == '_' || c == ':' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
