package gen

import (
	"fmt"
	"path/filepath"
	"strings"

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
		pos := r.Pkg.Fset.Position(r.Decl.Name.Pos())
		if m := r.Pkg.Module; m != nil && m.Dir != "" {
			// Relative to the module: what its author recognises.
			if rel, err := filepath.Rel(m.Dir, pos.Filename); err == nil && !strings.HasPrefix(rel, "..") {
				pos.Filename = filepath.ToSlash(rel)
			}
		}
		out = append(out, fmt.Sprintf("note: action %s of %s (%s) replaces the built-in %s.%s",
			o.Name, r.Pkg.PkgPath, pos, o.Builtin.Pkg.PkgPath, o.Builtin.Decl.Name.Name))
	}
	for _, pos := range b.Redundant {
		p := b.Packages[0].Fset.Position(pos)
		out = append(out, fmt.Sprintf("note: %s: //robusta:rbac is redundant: the rules inferred from the action's code cover it", p))
	}
	return out
}
