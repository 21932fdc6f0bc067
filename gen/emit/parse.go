package emit

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"

	"github.com/robusta-go/robusta/internal/diag"
)

// Listing is what a registry file lists: the package path and the names of
// its actions, in the file's order. It is the part of the file a build
// checks against the sources, read back without compiling anything.
type Listing struct {
	// File is the registry's path, as given to ParseRegistry.
	File string
	// Path is the Path field of the Package literal.
	Path    string
	Actions []Listed
}

// Listed is one action of a Listing.
type Listed struct {
	Name string
	// Pos is the position of the Name field's value in the file.
	Pos diag.Position
}

// ErrNotRegistry is wrapped by every error of ParseRegistry about a file
// that parses as Go but is not a registry this package writes (edited by
// hand, or written by another tool).
var ErrNotRegistry = errors.New("not a robusta-gen registry")

// ParseRegistry reads back what Registry wrote: the Path field and the Name
// fields of the Actions field of `var Actions = registry.Package{...}`.
// src is the file's content; nil reads it from path. It parses only, with
// go/parser and no type checking: a build runs it on every playbook
// package and must stay cheap. It lives beside Registry so that the writer
// and the reader of the format change together (TestRegistryRoundTrip).
func ParseRegistry(path string, src []byte) (*Listing, error) {
	fset := token.NewFileSet()
	var from any
	if src != nil {
		from = src
	}
	f, err := parser.ParseFile(fset, path, from, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("parsing registry: %w", err)
	}
	lit := actionsVar(f)
	if lit == nil {
		return nil, notRegistry("declares no var Actions = registry.Package{...}")
	}
	l := &Listing{File: path}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		switch {
		case isIdent(kv.Key, "Path"):
			if l.Path, _, ok = stringLit(kv.Value); !ok {
				return nil, notRegistry("Path is not a string literal")
			}
		case isIdent(kv.Key, "Actions"):
			list, ok := kv.Value.(*ast.CompositeLit)
			if !ok {
				return nil, notRegistry("Actions is not a literal list")
			}
			for _, a := range list.Elts {
				name, pos, ok := nameField(a)
				if !ok {
					return nil, notRegistry("an action has no literal Name")
				}
				l.Actions = append(l.Actions, Listed{Name: name, Pos: diag.At(fset.Position(pos))})
			}
		}
	}
	return l, nil
}

func notRegistry(why string) error { return fmt.Errorf("%w: %s", ErrNotRegistry, why) }

// actionsVar finds the composite literal assigned to the package-level
// Actions.
func actionsVar(f *ast.File) *ast.CompositeLit {
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if n.Name != "Actions" || i >= len(vs.Values) {
					continue
				}
				if lit, ok := vs.Values[i].(*ast.CompositeLit); ok {
					return lit
				}
			}
		}
	}
	return nil
}

// nameField reads Name: "..." out of one registry.Action literal.
func nameField(e ast.Expr) (string, token.Pos, bool) {
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return "", token.NoPos, false
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok && isIdent(kv.Key, "Name") {
			return stringLit(kv.Value)
		}
	}
	return "", token.NoPos, false
}

// stringLit is the value of a string literal.
func stringLit(e ast.Expr) (string, token.Pos, bool) {
	bl, ok := e.(*ast.BasicLit)
	if !ok || bl.Kind != token.STRING {
		return "", token.NoPos, false
	}
	s, err := strconv.Unquote(bl.Value)
	return s, bl.Pos(), err == nil
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}
