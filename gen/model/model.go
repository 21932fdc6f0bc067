// Package model is what the generator's analysis produces and its emitters
// consume: the actions of a bundle with their Go types resolved. It holds
// data only; the packages that fill it (load, scan, analyze) and the ones
// that read it (emit, schema, values, docs) do not import each other.
package model

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/packages"
)

// Bundle is every action found in one generator run.
type Bundle struct {
	// Packages are the loaded root packages, in load order, with syntax
	// and type information.
	Packages []*packages.Package
	// Actions are sorted by name.
	Actions []*Action
	// API is the loaded runtime/api package (its types: the event types).
	API *types.Package
	// RBAC is every rule the bundle needs: each //robusta:rbac directive,
	// package-level and per action, and each action's inferred rules
	// (Inferred), sorted by package path and position.
	RBAC []RBACRule
	// Redundant are the //robusta:rbac directives on actions whose rules
	// the inferred ones already cover, by position.
	Redundant []token.Pos
	// Overrides are the built-in actions that an action of the repo
	// replaced by taking the same name, sorted by name. The built-in ones
	// are not in Actions.
	Overrides []Override
}

// Override is a built-in action replaced by a repo's action of the same
// name, as a Robusta playbook repo's action replaces a built-in one.
type Override struct {
	Name     string
	Builtin  *Action // dropped from the bundle
	Replaced *Action // the repo's, in the bundle
}

// RBACRule is one //robusta:rbac directive: Kubernetes API access the
// bundle needs at run time, in the terms of kubebuilder's RBAC markers. The
// chart folds the rules into the runner's ClusterRole.
type RBACRule struct {
	// Groups are API groups; "" is the core group.
	Groups        []string
	Resources     []string
	Verbs         []string
	ResourceNames []string
	// Pkg is the import path of the package that declares the rule.
	Pkg string
	// Action is the name of the action the rule is declared on; "" for a
	// package-level rule.
	Action string
	// Pos is the position of the directive; none when Inferred.
	Pos token.Pos
	// Inferred rules come from the action's code (gen/reach), not from a
	// directive.
	Inferred bool
}

// Action is one //robusta:action function.
type Action struct {
	// Name is the action's name in values.yaml.
	Name string
	// Pkg is the package that declares the function.
	Pkg *packages.Package
	// Decl is the function's declaration; Decl.Name positions errors.
	Decl *ast.FuncDecl
	// Directive is the position of the //robusta:action comment.
	Directive token.Pos
	Func      *types.Func
	// Doc is the function's doc comment, directives removed.
	Doc string
	// HasContext is true when the first parameter is a context.Context.
	HasContext bool
	// Event is the type of the event parameter: an interface of package
	// api (api.PodEvent) or a pointer to a concrete event
	// (*api.PodChangeEvent).
	Event types.Type
	// Params is the params struct type; nil when the action takes none.
	Params *types.Named
	// ParamsPointer is true when the function takes *Params.
	ParamsPointer bool
	// ReturnsError is true when the function returns error.
	ReturnsError bool
	// Triggers are the names of the triggers whose concrete event type
	// implements (or is) Event, sorted.
	Triggers []string
}

// EventName is Event as written in Go with the package named "api":
// "api.PodEvent", "*api.PodChangeEvent".
func (a *Action) EventName() string {
	return types.TypeString(a.Event, func(p *types.Package) string { return p.Name() })
}

// RulesOf returns the rules of rbac that the action called name needs, in
// order, each grant once: a directive that repeats an inferred rule (see
// Bundle.Redundant) adds nothing.
func RulesOf(rbac []RBACRule, name string) []RBACRule {
	var out []RBACRule
	for _, r := range rbac {
		if r.Action == name && !slices.ContainsFunc(out, r.sameGrant) {
			out = append(out, r)
		}
	}
	return out
}

func (r RBACRule) sameGrant(o RBACRule) bool {
	return slices.Equal(r.Groups, o.Groups) && slices.Equal(r.Resources, o.Resources) &&
		slices.Equal(r.Verbs, o.Verbs) && slices.Equal(r.ResourceNames, o.ResourceNames)
}
