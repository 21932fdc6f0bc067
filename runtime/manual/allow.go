package manual

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
)

// AllowedActions is what a manual run may use: every action of cfg's
// playbooks, then extra (--trigger-allow-actions), sorted and without
// duplicates. An extra name that is not compiled in is an error, with the
// closest name: a typo must not silently leave an action out.
func AllowedActions(cfg *config.Config, extra []string, set *registry.Set) ([]string, error) {
	var names []string
	for _, pb := range cfg.Playbooks {
		for _, a := range pb.Actions {
			names = append(names, a.Action.Name)
		}
	}
	for _, n := range extra {
		if _, ok := set.Lookup(n); !ok {
			return nil, fmt.Errorf("--trigger-allow-actions: unknown action %q%s", n, config.DidYouMean(n, set.Names()))
		}
		names = append(names, n)
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}

// action returns the action req names, if a manual run may use it. An
// action compiled in but not allowed is refused with 403 rather than
// called unknown, so that the operator sees which list to extend; the
// suggestions for an unknown name come from the allowed ones only.
func (h *Handler) action(name string) (*registry.Action, error) {
	a, ok := h.Actions.Lookup(name)
	switch {
	case ok && slices.Contains(h.Allowed, name):
		return a, nil
	case ok:
		return nil, fail(http.StatusForbidden, "action %s is not allowed: a manual run may use only the actions of the loaded config and of --trigger-allow-actions", name)
	}
	return nil, fail(http.StatusBadRequest, "unknown action %q%s", name, config.DidYouMean(name, h.Allowed))
}
