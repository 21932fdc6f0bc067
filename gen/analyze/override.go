package analyze

import (
	"cmp"
	"slices"

	"github.com/robusta-go/robusta/gen/model"
)

// overrides drops each built-in action that a non-built-in action also
// names, and returns what is left with the replacements, sorted by name.
// A playbook repo's action replaces a built-in of the same name, as in
// Robusta, so that a repo can ship its own pod_bash_enricher; two repo
// actions of one name stay a clash, which duplicates reports.
func overrides(actions []*model.Action, builtin map[*model.Action]bool) ([]*model.Action, []model.Override) {
	repo := map[string]*model.Action{}
	for _, a := range actions {
		if !builtin[a] {
			if _, seen := repo[a.Name]; !seen {
				repo[a.Name] = a
			}
		}
	}
	var out []model.Override
	kept := actions[:0:0]
	for _, a := range actions {
		if by := repo[a.Name]; builtin[a] && by != nil {
			out = append(out, model.Override{Name: a.Name, Builtin: a, Replaced: by})
			continue
		}
		kept = append(kept, a)
	}
	slices.SortFunc(out, func(x, y model.Override) int { return cmp.Compare(x.Name, y.Name) })
	return kept, out
}
