package config

import (
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/internal/diag"
)

// The loader reports its problems with the module's one positioned-error
// list. These aliases are this package's names for it: code outside the
// module (a playbook repo's tests, a runner built from another module)
// cannot import internal/diag, but can still write config.ErrorList and
// errors.As(err, new(*config.Error)).
type (
	// Pos is a position in the values file. Line and Col count from 1.
	Pos = diag.Position
	// Error is one problem in the values file, "file:line:col: message".
	Error = diag.Error
	// ErrorList is every problem Load found, sorted by position, one per
	// line. It is returned as the error of Load, never empty, and unwraps
	// to its *Error values.
	ErrorList = diag.List
)

// errorf records a problem at node n.
func (ld *loader) errorf(n *yaml.Node, format string, args ...any) {
	ld.errs.Add(ld.pos(n), fmt.Sprintf(format, args...))
}

// pos is the position of n; an unknown position is 1:1, so that every
// problem of a values file points into it.
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
