package docs

import (
	"slices"
	"strings"

	"github.com/robusta-go/robusta/gen/model"
)

// writeVerbs change the cluster. An action whose rules hold one of them
// (delete_pod, drain, rollout_restart, and exec's create on pods/exec)
// widens the chart's ClusterRole beyond reading, so ACTIONS.md and the
// chart README say so where the action is listed.
var writeVerbs = []string{"create", "update", "patch", "delete", "deletecollection"}

// Writes returns the rules of the action called name that hold a write
// verb, each cut to its write verbs; none for an action that only reads.
func Writes(rbac []model.RBACRule, name string) []model.RBACRule {
	var out []model.RBACRule
	for _, r := range model.RulesOf(rbac, name) {
		var verbs []string
		for _, v := range r.Verbs {
			if v == "*" || slices.Contains(writeVerbs, v) {
				verbs = append(verbs, v)
			}
		}
		if len(verbs) > 0 {
			r.Verbs = verbs
			out = append(out, r)
		}
	}
	return out
}

// WriteNote is the Markdown note on an action that writes: its write
// rules, and that configuring it grants them.
func WriteNote(rbac []model.RBACRule, name string) string {
	if len(Writes(rbac, name)) == 0 {
		return ""
	}
	return "**Write action:** it changes the cluster (" + WriteRules(rbac, name) +
		"); configuring it adds these verbs to the chart's ClusterRole."
}

// WriteRules writes the action's write rules as ACTIONS.md does, "" when
// it has none.
func WriteRules(rbac []model.RBACRule, name string) string {
	return strings.Join(ruleTexts(Writes(rbac, name), false), "; ")
}

// writeMark tags a write action in an index table.
func writeMark(rbac []model.RBACRule, name string) string {
	if len(Writes(rbac, name)) == 0 {
		return ""
	}
	return " (writes)"
}
