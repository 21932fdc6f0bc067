package docs

import (
	"slices"
	"strings"

	"github.com/robusta-go/robusta/runtime/trigger"
)

// triggerList writes the accepted triggers compactly, in Robusta's order:
// "every trigger", "every Kubernetes change trigger", a kind's four
// triggers as on_<kind>_*, the rest by name.
func triggerList(accepted []string) string {
	specs := trigger.Specs()
	ok := func(s trigger.Spec) bool { return slices.Contains(accepted, s.Name) }
	change := func(s trigger.Spec) bool { return s.Class == trigger.Kubernetes || s.Class == trigger.AnyResource }
	if !slices.ContainsFunc(specs, func(s trigger.Spec) bool { return !ok(s) }) {
		return "every trigger"
	}
	var parts []string
	allChanges := !slices.ContainsFunc(specs, func(s trigger.Spec) bool { return change(s) && !ok(s) })
	if allChanges {
		parts = append(parts, "every Kubernetes change trigger (`on_<kind>_*`, `on_kubernetes_any_resource_*`)")
	}
	for i := 0; i < len(specs); {
		// A group is the plain triggers of one kind, or the any-resource
		// ones; a derived trigger (on_pod_crash_loop) is named on its own.
		j := i + 1
		for j < len(specs) && change(specs[i]) && !specs[i].Derived() && !specs[j].Derived() && specs[j].Class == specs[i].Class && specs[j].Kind == specs[i].Kind {
			j++
		}
		group := specs[i:j]
		i = j
		if allChanges && change(group[0]) {
			continue
		}
		if len(group) > 1 && !slices.ContainsFunc(group, func(s trigger.Spec) bool { return !ok(s) }) {
			parts = append(parts, "`"+commonPrefix(group)+"*`")
			continue
		}
		for _, s := range group {
			if ok(s) {
				parts = append(parts, "`"+s.Name+"`")
			}
		}
	}
	if len(parts) == 0 {
		return "none (the action runs only by name)"
	}
	return strings.Join(parts, ", ")
}

// commonPrefix is the names' longest common prefix that ends in "_":
// "on_pod_" for the pod triggers.
func commonPrefix(group []trigger.Spec) string {
	p := group[0].Name
	for _, s := range group[1:] {
		for !strings.HasPrefix(s.Name, p) {
			p = p[:len(p)-1]
		}
	}
	return p[:strings.LastIndex(p, "_")+1]
}
