package analyze

import (
	"go/token"

	"golang.org/x/tools/go/packages"

	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/gen/reach"
)

// inferRBAC adds to rules what each action's code reaches (gen/reach), and
// returns the positions of the directives on actions that the inferred
// rules already cover: kept in the bundle, since they grant nothing more,
// but reported, so that an author can drop them.
func inferRBAC(pkgs []*packages.Package, actions []*model.Action, rules []model.RBACRule) ([]model.RBACRule, []token.Pos) {
	ix := reach.NewIndex(pkgs)
	inferred := map[string][]model.RBACRule{}
	ours := map[string]bool{} // actions of a main module: a dependency's directives are not the user's to drop
	for _, a := range actions {
		ours[a.Name] = a.Pkg.Module == nil || a.Pkg.Module.Main
		for _, r := range ix.Rules(a.Func) {
			r.Pkg, r.Action = a.Pkg.PkgPath, a.Name
			inferred[a.Name] = append(inferred[a.Name], r)
			rules = append(rules, r)
		}
	}
	var redundant []token.Pos
	for _, r := range rules {
		if !r.Inferred && r.Action != "" && ours[r.Action] && reach.Covers(inferred[r.Action], r) {
			redundant = append(redundant, r.Pos)
		}
	}
	return rules, redundant
}
