package reach

import (
	"cmp"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/robusta-go/robusta/gen/model"
)

// Index holds the function bodies the walk can follow: those of the
// packages loaded with syntax.
type Index struct {
	decls map[*types.Func]body
}

type body struct {
	decl *ast.FuncDecl
	info *types.Info
}

// NewIndex indexes every function and method declared in pkgs.
func NewIndex(pkgs []*packages.Package) *Index {
	ix := &Index{decls: map[*types.Func]body{}}
	for _, p := range pkgs {
		if p.TypesInfo == nil {
			continue
		}
		for _, f := range p.Syntax {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
					if fn, ok := p.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						ix.decls[fn] = body{fd, p.TypesInfo}
					}
				}
			}
		}
	}
	return ix
}

// Rules returns the rules fn can reach, merged per group and resource,
// sorted, each marked Inferred; nil when it reaches no API operation.
func (ix *Index) Rules(fn *types.Func) []model.RBACRule {
	seen := map[*types.Func]bool{}
	verbs := map[[2]string]map[string]bool{} // {group, resource} -> verbs
	add := func(r model.RBACRule) {
		for _, g := range r.Groups {
			for _, res := range r.Resources {
				k := [2]string{g, res}
				if verbs[k] == nil {
					verbs[k] = map[string]bool{}
				}
				for _, v := range r.Verbs {
					verbs[k][v] = true
				}
			}
		}
	}
	var visit func(*types.Func)
	visit = func(fn *types.Func) {
		fn = fn.Origin() // an instance of a generic helper walks its body
		if seen[fn] {
			return
		}
		seen[fn] = true
		if rules, ok := apiRules[fn.FullName()]; ok {
			for _, r := range rules {
				add(r)
			}
			return
		}
		if r, ok := clientRule(fn); ok {
			add(r)
			return
		}
		b, ok := ix.decls[fn]
		if !ok {
			return // a dependency's, or an interface method: not followed
		}
		ast.Inspect(b.decl.Body, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if callee, ok := b.info.Uses[id].(*types.Func); ok {
					visit(callee)
				}
			}
			return true
		})
	}
	visit(fn)
	return merged(verbs)
}

// merged turns the verb sets into one rule per group and resource.
func merged(verbs map[[2]string]map[string]bool) []model.RBACRule {
	var out []model.RBACRule
	for k, vs := range verbs {
		var list []string
		for v := range vs {
			list = append(list, v)
		}
		slices.Sort(list)
		out = append(out, model.RBACRule{Groups: []string{k[0]}, Resources: []string{k[1]}, Verbs: list, Inferred: true})
	}
	slices.SortFunc(out, func(a, b model.RBACRule) int {
		return cmp.Or(cmp.Compare(a.Groups[0], b.Groups[0]), cmp.Compare(a.Resources[0], b.Resources[0]))
	})
	return out
}

// Covers reports whether the inferred rules grant everything r asks for:
// every group, resource and verb (r has no resource names; a wildcard is
// never covered, since inference names things exactly).
func Covers(inferred []model.RBACRule, r model.RBACRule) bool {
	if len(r.ResourceNames) > 0 {
		return false
	}
	for _, g := range r.Groups {
		for _, res := range r.Resources {
			for _, v := range r.Verbs {
				if !slices.ContainsFunc(inferred, func(i model.RBACRule) bool {
					return slices.Contains(i.Groups, g) && slices.Contains(i.Resources, res) && slices.Contains(i.Verbs, v)
				}) {
					return false
				}
			}
		}
	}
	return !strings.Contains(strings.Join(r.Verbs, ","), "*")
}
