package config

import (
	"encoding/json"
	"fmt"

	"github.com/robusta-go/robusta/runtime/registry"
	"gopkg.in/yaml.v3"
)

// BindParams checks params, a JSON document given at run time (the manual
// trigger's action_params), for action a exactly as Load checks a
// playbook's action: globalConfig values of global fill in the schema's
// properties the params leave out, then the schema's defaults, then the
// whole document is validated against the schema. Empty or null params
// mean none. Unlike the values file, {{ env.X }} references are not
// expanded: params from a request must not read the runner's environment.
//
// It returns the bound action and the completed params. On failure the
// error is an ErrorList with every problem; positions are in params, in a
// file named "action_params".
func BindParams(a *registry.Action, params []byte, global Global) (registry.Func, []byte, error) {
	ld := newLoader("action_params", nil, nil)
	ld.cfg.Global = global
	for name := range global.Values {
		ld.global[name] = entry{Name: name}
	}
	key := &yaml.Node{Kind: yaml.ScalarNode, Value: a.Name, Line: 1, Column: 1}
	value := &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	if len(params) > 0 {
		doc, ok := ld.parse(params)
		if !ok {
			return nil, nil, ld.finish()
		}
		if n := resolve(doc); n != nil && n.Kind != 0 && !isNull(n) {
			value = n
		}
	}
	t := newTarget("action "+a.Name, "param", "of", key, value)
	v, ok := ld.convert(value, false)
	if !ok {
		return nil, nil, ld.finish()
	}
	if v == nil {
		v = map[string]any{}
	}
	s, err := ld.actionSchema(a)
	switch {
	case err != nil:
		return nil, nil, fmt.Errorf("action %s has an invalid params schema: %w", a.Name, err)
	case s == nil:
		ld.noParams(t, v)
	default:
		if m, isMap := v.(map[string]any); isMap {
			ld.complete(t, s, m)
		}
		ld.validate(t, s, v)
	}
	if len(ld.errs) > 0 {
		return nil, nil, ld.finish()
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, nil, fmt.Errorf("action %s: encoding params: %w", a.Name, err)
	}
	if a.Bind == nil {
		return nil, nil, fmt.Errorf("action %s cannot be bound: the registry gives no Bind", a.Name)
	}
	run, err := a.Bind(raw)
	if err != nil {
		return nil, nil, fmt.Errorf("action %s: %w", a.Name, err)
	}
	return run, raw, nil
}

// DidYouMean is ` (did you mean "x"?)` for the candidate closest to name,
// or "" when none is close enough to be a typo; the loader's suggestion,
// for run-time input such as the manual trigger's action and sink names.
func DidYouMean(name string, candidates []string) string { return didYouMean(name, candidates) }
