package config

import (
	"encoding/json"
	"slices"

	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// loadActions checks a playbook's actions against the registry and binds
// them.
func (ld *loader) loadActions(e *entry, specs []*trigger.Spec, pb *Playbook) {
	for _, el := range ld.nonEmpty(e) {
		ae, misindented, ok := ld.element(el, "actions", "an action", "params")
		if !ok {
			continue
		}
		a, ok := ld.lookupAction(ae.Name)
		if !ok {
			var names []string
			if ld.actions != nil {
				names = ld.actions.Names()
			}
			ld.errorf(ae.Key, "unknown action %q%s", ae.Name, didYouMean(ae.Name, names))
			continue
		}
		if misindented {
			ld.checkCompat(a, ae, specs)
			continue
		}
		if act, ok := ld.loadAction(a, ae, specs); ok {
			pb.Actions = append(pb.Actions, act)
		}
	}
}

func (ld *loader) lookupAction(name string) (*registry.Action, bool) {
	if ld.actions == nil {
		return nil, false
	}
	return ld.actions.Lookup(name)
}

// loadAction checks that a can run on every trigger of the playbook,
// completes its params (globalConfig, then schema defaults), validates and
// binds them.
func (ld *loader) loadAction(a *registry.Action, ae entry, specs []*trigger.Spec) (Action, bool) {
	mark := len(ld.errs)
	ld.checkCompat(a, ae, specs)
	t := newTarget("action "+a.Name, "param", "of", ae.Key, ae.Value)
	v, ok := ld.convert(ae.Value, true)
	if v == nil && ok {
		v = map[string]any{}
	}
	s, err := ld.actionSchema(a)
	switch {
	case err != nil:
		ld.errorf(ae.Key, "action %s has an invalid params schema: %v", a.Name, err)
	case !ok:
	case s == nil:
		ld.noParams(t, v)
	default:
		if params, isMap := v.(map[string]any); isMap {
			ld.complete(t, s, params)
		}
		ld.validate(t, s, v)
	}
	if len(ld.errs) > mark {
		return Action{}, false
	}
	raw, err := json.Marshal(v)
	if err != nil {
		ld.errorf(ae.Key, "action %s: encoding params: %v", a.Name, err)
		return Action{}, false
	}
	if a.Bind == nil {
		ld.errorf(ae.Key, "action %s cannot be bound: the registry gives no Bind", a.Name)
		return Action{}, false
	}
	run, err := a.Bind(raw)
	if err != nil {
		ld.errorf(ae.Key, "action %s: %v", a.Name, err)
		return Action{}, false
	}
	return Action{Action: a, Run: run, Params: raw, Pos: ld.pos(ae.Key)}, true
}

// checkCompat reports each trigger of the playbook whose event a cannot
// take. The registry's trigger list and a's own type assertion must agree.
func (ld *loader) checkCompat(a *registry.Action, ae entry, specs []*trigger.Spec) {
	var seen []string
	for _, spec := range specs {
		if slices.Contains(seen, spec.Name) {
			continue
		}
		seen = append(seen, spec.Name)
		if a.AcceptsTrigger(spec.Name) && (a.Accepts == nil || a.Accepts(zeroEvent(spec))) {
			continue
		}
		ld.errorf(ae.Key, "action %s takes %s and cannot run on %s (api.%s)", a.Name, a.Event, spec.Name, spec.Event)
	}
}

// noParams reports every param given to an action that takes none.
func (ld *loader) noParams(t *target, v any) {
	params, isMap := v.(map[string]any)
	if !isMap {
		ld.errorf(t.value, "%s takes no params, got %s", t.owner, describe(t.value))
		return
	}
	for _, e := range entries(resolve(t.value), nil) {
		if _, ok := params[e.Name]; ok {
			ld.errorf(e.Key, "unknown param %q of %s (%s takes no params)", e.Name, t.owner, t.owner)
		}
	}
}

// complete fills in the params the playbook does not set: first from
// globalConfig keys that are properties of the schema (as Robusta merges
// globalConfig into every action's params), then from the schema's
// defaults.
func (ld *loader) complete(t *target, s *paramSchema, params map[string]any) {
	names, defaults := s.topProperties()
	for _, name := range names {
		if _, set := params[name]; set {
			continue
		}
		if g, ok := ld.global[name]; ok {
			if gv, ok := ld.cfg.Global.Values[name]; ok {
				params[name] = emptyListAsMapping(s.at("/properties/"+name), gv)
				t.top[name] = g
				continue
			}
		}
		if d, ok := defaults[name]; ok {
			params[name] = d
		}
	}
}

// emptyListAsMapping turns a globalConfig value [] into {} where the param
// takes a mapping. Robusta's own chart writes `custom_annotations: []` in
// globalConfig for a Dict[str, str] param, and pydantic accepts it because
// dict([]) is {}; refusing it would refuse Robusta's unchanged values. Only
// the empty list is taken: any other list under a mapping param stays a
// type error the schema reports.
func emptyListAsMapping(prop map[string]any, v any) any {
	if l, ok := v.([]any); ok && len(l) == 0 && prop["type"] == "object" {
		return map[string]any{}
	}
	return v
}
