package config

import (
	"encoding/json"
	"errors"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/scope"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// loadTriggers checks a playbook's triggers and compiles them. It returns
// the spec of every trigger whose name is known, for the compatibility
// check of the actions, even when its filters have problems.
func (ld *loader) loadTriggers(e *entry, pb *Playbook) []*trigger.Spec {
	var specs []*trigger.Spec
	for _, el := range ld.nonEmpty(e) {
		te, misindented, ok := ld.element(el, "triggers", "a trigger", "filters")
		if !ok {
			continue
		}
		spec, ok := trigger.Lookup(te.Name)
		if !ok {
			ld.errorf(te.Key, "unknown trigger %q%s", te.Name, didYouMean(te.Name, trigger.Names()))
			continue
		}
		specs = append(specs, spec)
		if misindented {
			continue
		}
		if t := ld.loadTrigger(spec, te); t != nil {
			pb.Triggers = append(pb.Triggers, t)
		}
	}
	return specs
}

// loadTrigger validates a trigger's filters against the schema of its
// params type, then compiles them.
func (ld *loader) loadTrigger(spec *trigger.Spec, te entry) *trigger.Trigger {
	mark := len(ld.errs)
	t := newTarget(spec.Name, "filter", "for", te.Key, te.Value)
	s, err := schemaOfType(spec.Params)
	if err != nil {
		ld.errorf(te.Key, "%s: %v", spec.Name, err)
		return nil
	}
	v, ok := ld.convert(te.Value, false)
	if v == nil && ok {
		v = map[string]any{}
	}
	if !ok {
		return nil
	}
	ld.validate(t, s, v)
	valid := len(ld.errs) == mark
	// Compile even when the schema found problems: its own checks (label
	// selectors, regexes, the schedule's one form) are independent, and
	// reporting them now saves the user a round trip.
	raw, err := json.Marshal(v)
	if err != nil {
		ld.errorf(te.Key, "%s: encoding filters: %v", spec.Name, err)
		return nil
	}
	tr, err := trigger.Compile(spec, raw, trigger.WithCustomResources(ld.cfg.CustomResources))
	if err != nil {
		for _, e := range unjoin(err) {
			var pe *trigger.PathError
			switch {
			case errors.As(e, &pe):
				if t.covered(pe.Path) {
					continue
				}
				key, val := t.find(pe.Path)
				if len(pe.Path) == 0 || errors.Is(pe.Err, scope.ErrUnknownAttribute) {
					val = key
				}
				ld.errorf(val, "%s: %v", t.where(pe.Path), pe.Err)
			case valid: // else a decoding error the schema already explained
				ld.errorf(te.Key, "%s: %v", t.where(nil), e)
			}
		}
		return nil
	}
	if !valid {
		return nil
	}
	return tr
}

// zeroEvent is an event of the concrete type spec's trigger produces, for
// asking an action's Accepts.
func zeroEvent(spec *trigger.Spec) api.ExecutionEvent {
	switch spec.Class {
	case trigger.Kubernetes, trigger.AnyResource:
		return trigger.NewChangeEvent(spec, api.OperationUpdate, nil, nil)
	case trigger.Alert:
		return &api.PrometheusAlertEvent{}
	case trigger.Schedule:
		return &api.ScheduledEvent{}
	}
	return nil
}
