package gen

import (
	"fmt"

	"github.com/robusta-go/robusta/gen/analyze"
	"github.com/robusta-go/robusta/gen/model"
)

// Notes are what a command prints about b besides errors: one line per
// built-in action that a repo's action replaces, naming both, so that a
// replacement is never a surprise, and one per //robusta:rbac directive
// that inference made redundant.
func Notes(b *model.Bundle) []string {
	if b == nil {
		return nil
	}
	var out []string
	for _, o := range b.Overrides {
		r := o.Replaced
		out = append(out, fmt.Sprintf("note: action %s of %s (%s) replaces the built-in %s.%s",
			o.Name, r.Pkg.PkgPath, analyze.Where(r.Pkg.Fset, r), o.Builtin.Pkg.PkgPath, o.Builtin.Decl.Name.Name))
	}
	for _, pos := range b.Redundant {
		p := b.Packages[0].Fset.Position(pos)
		out = append(out, fmt.Sprintf("note: %s: //robusta:rbac is redundant: the rules inferred from the action's code cover it", p))
	}
	return out
}
