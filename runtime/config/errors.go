package config

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Pos is a position in the values file. Line and Col count from 1.
type Pos struct {
	File      string
	Line, Col int
}

// String renders the position as "file:line:col".
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// Error is one problem in the values file.
type Error struct {
	Pos Pos
	Msg string
}

// Error renders the problem as "file:line:col: message".
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ErrorList is every problem Load found, sorted by position. It is
// returned as the error of Load, never empty.
type ErrorList []*Error

// Error prints one problem per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems, so that errors.As finds an *Error.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// sortDedup sorts the list by position, then message, and drops exact
// repeats: a problem found twice (a node reached through two aliases, a
// mapping read by two passes) is still reported once.
func (l ErrorList) sortDedup() ErrorList {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			strings.Compare(a.Msg, b.Msg),
		)
	})
	return slices.CompactFunc(l, func(a, b *Error) bool { return *a == *b })
}

// errorf records a problem at node n.
func (ld *loader) errorf(n *yaml.Node, format string, args ...any) {
	ld.errs = append(ld.errs, &Error{Pos: ld.pos(n), Msg: fmt.Sprintf(format, args...)})
}

// pos is the position of n; an unknown position is 1:1.
func (ld *loader) pos(n *yaml.Node) Pos {
	p := Pos{File: ld.file, Line: 1, Col: 1}
	if n != nil && n.Line > 0 {
		p.Line = n.Line
		if n.Column > 0 {
			p.Col = n.Column
		}
	}
	return p
}
