package analyze

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/gen/scan"
	"github.com/robusta-go/robusta/internal/diag"
)

// Scanned is a package with the directives scan found in it.
type Scanned struct {
	Pkg   *packages.Package
	Found scan.Result
	// Builtin marks the built-in playbooks: an action of another package
	// with the same name replaces one of theirs instead of clashing.
	Builtin bool
}

// Bundle analyses the actions of pkgs against the event types of api (nil
// when it could not be loaded: then only the directives' placement has
// been checked, and the bundle has no actions).
func Bundle(fset *token.FileSet, api *packages.Package, pkgs []Scanned) (*model.Bundle, diag.List) {
	b := &model.Bundle{}
	for _, s := range pkgs {
		b.Packages = append(b.Packages, s.Pkg)
	}
	if api == nil || api.Types == nil {
		return b, nil
	}
	b.API = api.Types
	ev, diags := newEvents(api.Types)
	builtin := map[*model.Action]bool{}
	for _, s := range pkgs {
		if s.Pkg.Types == nil || s.Pkg.TypesInfo == nil {
			continue // its errors are reported already
		}
		c := &checker{fset: fset, pkg: s.Pkg, events: ev}
		for _, f := range s.Found.Actions {
			if unparsed(fset, s.Pkg, f.Decl) {
				// The parser's partial tree would yield false complaints
				// (an empty parameter list); its own error says enough.
				continue
			}
			if a := c.action(f); a != nil {
				b.Actions = append(b.Actions, a)
				builtin[a] = s.Builtin
			}
		}
		if len(s.Found.Actions) > 0 {
			c.registryName()
		}
		diags.Append(c.diags)
	}
	b.Actions, b.Overrides = overrides(b.Actions, builtin)
	for _, s := range pkgs {
		// After the overrides: a replaced action's rules go with it.
		b.RBAC = append(b.RBAC, rbacRules(s, b.Actions)...)
	}
	diags.Append(duplicates(fset, b.Actions))
	slices.SortStableFunc(b.Actions, func(x, y *model.Action) int { return cmp.Compare(x.Name, y.Name) })
	b.RBAC, b.Redundant = inferRBAC(b.Packages, b.Actions, b.RBAC)
	slices.SortStableFunc(b.RBAC, func(x, y model.RBACRule) int {
		return cmp.Or(cmp.Compare(x.Pkg, y.Pkg), cmp.Compare(x.Pos, y.Pos))
	})
	return b, diags
}

// unparsed reports whether the file declaring n has a syntax error.
func unparsed(fset *token.FileSet, p *packages.Package, n ast.Node) bool {
	file := fset.Position(n.Pos()).Filename
	for _, e := range p.Errors {
		if e.Kind == packages.ParseError && strings.HasPrefix(e.Pos, file+":") {
			return true
		}
	}
	return false
}

// rbacRules completes the package's rules with their package and action.
// A rule on an action that failed analysis is dropped with it.
func rbacRules(s Scanned, actions []*model.Action) []model.RBACRule {
	var out []model.RBACRule
	for _, r := range s.Found.RBAC {
		rule := r.Rule
		rule.Pkg = s.Pkg.PkgPath
		if r.Decl != nil {
			i := slices.IndexFunc(actions, func(a *model.Action) bool { return a.Decl == r.Decl })
			if i < 0 {
				continue
			}
			rule.Action = actions[i].Name
		}
		out = append(out, rule)
	}
	return out
}

// duplicates reports each action whose name another action also has, at
// its own position, naming the others.
func duplicates(fset *token.FileSet, actions []*model.Action) diag.List {
	var l diag.List
	byName := map[string][]*model.Action{}
	for _, a := range actions {
		byName[a.Name] = append(byName[a.Name], a)
	}
	for _, a := range actions {
		same := byName[a.Name]
		if len(same) < 2 {
			continue
		}
		var others []string
		for _, o := range same {
			if o != a {
				others = append(others, fmt.Sprintf("%s.%s (%s)", o.Pkg.PkgPath, o.Decl.Name.Name, Where(fset, o)))
			}
		}
		l.Errorf(diag.At(fset.Position(namePos(a))), "duplicate action name %q: also declared by %s", a.Name, strings.Join(others, ", "))
	}
	return l
}

func namePos(a *model.Action) token.Pos { return a.Decl.Name.Pos() }

// Where is an action's position with the file name relative to its
// module's root, stable across machines.
func Where(fset *token.FileSet, a *model.Action) string {
	p := fset.Position(namePos(a))
	if m := a.Pkg.Module; m != nil && m.Dir != "" {
		if rel, err := filepath.Rel(m.Dir, p.Filename); err == nil && !strings.HasPrefix(rel, "..") {
			p.Filename = filepath.ToSlash(rel)
		}
	}
	return p.String()
}
