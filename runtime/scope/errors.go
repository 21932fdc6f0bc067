package scope

import (
	"errors"
	"strings"
)

// Sentinel errors wrapped by the Err of an *Error, for errors.Is.
var (
	ErrUnknownAttribute = errors.New("unknown attribute")
	ErrEmptyEntry       = errors.New("empty entry: give at least one attribute")
	ErrNoValues         = errors.New("no value: give a regex or a list of regexes")
	ErrMalformedPair    = errors.New("malformed pair")
	ErrBadRegex         = errors.New("invalid regex")
)

// Error locates a problem: Path is the JSON path inside the scope, e.g.
// []string{"include", "0", "labels"}. When an attribute has several values
// the path ends with the index of the offending one.
type Error struct {
	Path []string
	Err  error
}

// Error prints the path in JSON-path style, then the message:
// "include[0].labels: malformed pair ...".
func (e *Error) Error() string {
	p := formatPath(e.Path)
	if p == "" {
		return e.Err.Error()
	}
	return p + ": " + e.Err.Error()
}

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// formatPath renders a path as include[0].labels: numeric elements as
// [n], others joined with dots.
func formatPath(path []string) string {
	var b strings.Builder
	for i, p := range path {
		switch {
		case isIndex(p):
			b.WriteString("[" + p + "]")
		case i > 0:
			b.WriteString("." + p)
		default:
			b.WriteString(p)
		}
	}
	return b.String()
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
