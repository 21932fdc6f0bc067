package schema

import (
	"go/token"
	"go/types"

	"github.com/invopop/jsonschema"
	"golang.org/x/tools/go/packages"

	"github.com/robusta-go/robusta/gen/model"
	rtschema "github.com/robusta-go/robusta/runtime/schema"
)

// Generator builds the schemas of one bundle's types. It holds an index of
// the bundle's packages with syntax and nothing that changes after New, so
// one Generator serves every action of a bundle, from any goroutine.
type Generator struct {
	fset *token.FileSet
	// syntax maps an import path to the loaded package that has syntax for
	// it: the roots, and any dependency loaded with syntax.
	syntax map[string]*packages.Package
}

// New indexes the packages of b for doc comment lookups.
func New(b *model.Bundle) *Generator {
	g := &Generator{fset: token.NewFileSet(), syntax: map[string]*packages.Package{}}
	// Only the root packages carry syntax (dependencies come from export
	// data), so there is no need to walk the import graph, which for a
	// bundle importing client-go is hundreds of packages.
	for _, p := range b.Packages {
		if len(p.Syntax) > 0 && p.Fset != nil {
			g.syntax[p.PkgPath] = p
		}
		if p.Fset != nil {
			g.fset = p.Fset
		}
	}
	return g
}

// Action returns the schema of a's params: an object with no properties that
// takes nothing when a has no params. The description is the params type's
// doc comment.
func (g *Generator) Action(a *model.Action) (*jsonschema.Schema, error) {
	if a.Params == nil {
		return &jsonschema.Schema{Type: "object", AdditionalProperties: jsonschema.FalseSchema}, nil
	}
	return g.Type(a.Params, "params "+a.Params.Obj().Name())
}

// Type returns the schema of t. owner names t in error messages, e.g.
// "params BashParams".
func (g *Generator) Type(t types.Type, owner string) (*jsonschema.Schema, error) {
	w := &walker{g: g, owner: owner}
	pos := token.NoPos
	if n, ok := types.Unalias(t).(*types.Named); ok {
		pos = n.Obj().Pos()
	}
	s := w.schema(t, site{pos: pos})
	if len(w.errs) > 0 {
		w.errs.Sort()
		return nil, w.errs
	}
	return s, nil
}

// ForAction returns a's params schema as deterministic JSON (sorted keys,
// two-space indent), the document the registry embeds.
func ForAction(b *model.Bundle, a *model.Action) ([]byte, error) {
	s, err := New(b).Action(a)
	if err != nil {
		return nil, err
	}
	return rtschema.Marshal(s)
}

// ForType returns the schema of t, to embed in a larger document.
func ForType(b *model.Bundle, t types.Type) (*jsonschema.Schema, error) {
	return New(b).Type(t, "type "+types.TypeString(t, pkgName))
}

// pkgName qualifies types by package name: "time.Duration", "api.PodEvent".
func pkgName(p *types.Package) string { return p.Name() }
