package values

import (
	"reflect"
	"slices"
	"strings"

	"github.com/invopop/jsonschema"

	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/gen/schema"
	"github.com/robusta-go/robusta/internal/diag"
	"github.com/robusta-go/robusta/runtime/api"
	rtschema "github.com/robusta-go/robusta/runtime/schema"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// playbook is the schema of one playbook; it adds the trigger filter
// definitions to defs.
func playbook(g *schema.Generator, b *model.Bundle, defs map[string]*jsonschema.Schema) (*jsonschema.Schema, error) {
	actions, err := actionParams(g, b)
	if err != nil {
		return nil, err
	}
	one := uint64(1)
	p := jsonschema.NewProperties()
	p.Set("triggers", &jsonschema.Schema{
		Type: "array", MinItems: &one, Items: single(triggerFilters(defs)),
		Description: "What runs the playbook: each element is one trigger with its filters.",
	})
	p.Set("actions", &jsonschema.Schema{
		Type: "array", MinItems: &one, Items: single(actions),
		Description: "What the playbook does, in order: each element is one action with its params.",
	})
	p.Set("sinks", nullable(&jsonschema.Schema{
		Type: "array", Items: &jsonschema.Schema{Type: "string"},
		Description: "Names of the sinks the findings go to; absent or null means every default sink.",
	}))
	p.Set("stop", &jsonschema.Schema{Type: "boolean", Description: "Whether later playbooks skip the event once this one ran."})
	p.Set("name", &jsonschema.Schema{Type: "string", Description: "The playbook's name in logs and metrics, and for disabledPlaybooks."})
	return &jsonschema.Schema{
		Type:                 "object",
		Properties:           p,
		Required:             []string{"triggers", "actions"},
		AdditionalProperties: jsonschema.FalseSchema,
		AllOf:                compatibility(b),
	}, nil
}

// actionParams is every action's params schema by action name, described
// by the action's doc comment.
func actionParams(g *schema.Generator, b *model.Bundle) (map[string]*jsonschema.Schema, error) {
	var errs diag.List
	props := map[string]*jsonschema.Schema{}
	for _, a := range b.Actions {
		s, err := g.Action(a)
		if err != nil {
			errs.Collect(diag.Position{}, err)
			continue
		}
		if a.Doc != "" {
			s.Description = a.Doc
		}
		if len(s.Required) == 0 {
			s = nullable(s)
		}
		props[a.Name] = s
	}
	// A type shared by several actions is reported once.
	errs.Sort()
	return props, errs.Err()
}

// triggerFilters is a reference per trigger to its filter definition, which
// it adds to defs: one per filter type, not per trigger.
func triggerFilters(defs map[string]*jsonschema.Schema) map[string]*jsonschema.Schema {
	names := map[reflect.Type]string{}
	props := map[string]*jsonschema.Schema{}
	for _, s := range trigger.Specs() {
		name, ok := names[s.Params]
		if !ok {
			name = "trigger." + s.Params.Name()
			for _, taken := defs[name]; taken; _, taken = defs[name] {
				name += "_"
			}
			names[s.Params] = name
			def := nullable(rtschema.Reflect(s.Params))
			def.Description = "Filters of a trigger; null or {} fires on everything."
			defs[name] = def
		}
		props[s.Name] = &jsonschema.Schema{Ref: ref(name).Ref, Description: triggerDoc(s)}
	}
	return props
}

// triggerDoc describes a trigger for editors' hovers.
func triggerDoc(s trigger.Spec) string {
	what := s.Doc
	switch {
	case what != "":
	case s.Class == trigger.Kubernetes:
		what = "Fires when a " + s.Kind + " is " + opsDoc(s.Ops) + "."
	case s.Class == trigger.AnyResource:
		what = "Fires when any watched resource is " + opsDoc(s.Ops) + "."
	case s.Class == trigger.Alert:
		what = "Fires when Alertmanager sends an alert."
	case s.Class == trigger.Schedule:
		what = "Fires on a schedule: fixed_delay_repeat or cron_schedule_repeat."
	}
	return what + " Actions get a *api." + s.Event + "."
}

func opsDoc(ops []api.Operation) string {
	words := make([]string, len(ops))
	for i, op := range ops {
		words[i] = string(op) + "d"
	}
	if len(words) == 1 {
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// compatibility is one if/then rule per group of actions that accept the
// same triggers, all triggers excepted (see the package doc).
func compatibility(b *model.Bundle) []*jsonschema.Schema {
	all := slices.Sorted(slices.Values(trigger.Names()))
	type group struct{ actions, triggers []any }
	var groups []*group
	byKey := map[string]*group{}
	for _, a := range b.Actions {
		accepts := slices.Sorted(slices.Values(a.Triggers))
		if slices.Equal(accepts, all) {
			continue
		}
		key := strings.Join(accepts, ",")
		g, ok := byKey[key]
		if !ok {
			g = &group{triggers: anys(accepts)}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.actions = append(g.actions, a.Name)
	}
	var rules []*jsonschema.Schema
	for _, g := range groups {
		rules = append(rules, &jsonschema.Schema{If: ifAny(g.actions), Then: onlyTriggers(g.triggers)})
	}
	return rules
}

// ifAny matches a playbook with at least one of the actions named.
func ifAny(actions []any) *jsonschema.Schema {
	one := uint64(1)
	p := jsonschema.NewProperties()
	p.Set("actions", &jsonschema.Schema{Contains: &jsonschema.Schema{
		Type: "object", MinProperties: &one, PropertyNames: &jsonschema.Schema{Enum: actions},
	}})
	return &jsonschema.Schema{Properties: p, Required: []string{"actions"}}
}

// onlyTriggers allows only the triggers named; none when there are none.
func onlyTriggers(triggers []any) *jsonschema.Schema {
	t := &jsonschema.Schema{Items: &jsonschema.Schema{PropertyNames: &jsonschema.Schema{Enum: triggers}}}
	if len(triggers) == 0 {
		zero := uint64(0)
		t = &jsonschema.Schema{MaxItems: &zero}
	}
	p := jsonschema.NewProperties()
	p.Set("triggers", t)
	return &jsonschema.Schema{Properties: p}
}

func anys(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
