package staticset

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sync"

	santhosh "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/registry"
	rtschema "github.com/robusta-go/robusta/runtime/schema"
	"github.com/robusta-go/robusta/runtime/trigger"
)

var apiPath = reflect.TypeFor[api.ExecutionEvent]().PkgPath()

// New returns the set of b's actions. schema returns an action's params
// schema, "" when it takes none, as the generated registry embeds it.
func New(b *model.Bundle, schema func(*model.Action) string) (*registry.Set, error) {
	pkgs := map[string]*registry.Package{}
	var order []string
	for _, a := range b.Actions {
		path := a.Pkg.PkgPath
		if pkgs[path] == nil {
			pkgs[path] = &registry.Package{Path: path}
			order = append(order, path)
		}
		pkgs[path].Actions = append(pkgs[path].Actions, action(a, schema(a)))
	}
	list := make([]registry.Package, len(order))
	for i, p := range order {
		list[i] = *pkgs[p]
	}
	set, err := registry.NewSet(list...)
	if err != nil {
		return nil, fmt.Errorf("building the action set: %w", err)
	}
	return set, nil
}

func action(a *model.Action, schema string) registry.Action {
	events := map[string]bool{}
	for _, name := range a.Triggers {
		if s, ok := trigger.Lookup(name); ok {
			events[s.Event] = true
		}
	}
	compiled := sync.OnceValues(func() (*santhosh.Schema, error) {
		return rtschema.Compile("urn:robusta:action:"+a.Name, []byte(schema))
	})
	return registry.Action{
		Name:     a.Name,
		Func:     a.Pkg.Name + "." + a.Func.Name(),
		Doc:      a.Doc,
		Event:    a.EventName(),
		Triggers: a.Triggers,
		Schema:   schema,
		Accepts: func(e api.ExecutionEvent) bool {
			t := reflect.TypeOf(e)
			return t != nil && t.Kind() == reflect.Pointer && t.Elem().PkgPath() == apiPath && events[t.Elem().Name()]
		},
		Bind: func(params []byte) (registry.Func, error) {
			if err := check(params, schema, compiled); err != nil {
				return nil, err
			}
			return func(context.Context, api.ExecutionEvent) error { return nil }, nil
		},
	}
}

// check validates params against the schema; with no schema, only an
// empty object is valid, as the generated Bind decodes into struct{}.
func check(params []byte, schema string, compiled func() (*santhosh.Schema, error)) error {
	if len(bytes.TrimSpace(params)) == 0 {
		params = []byte("{}")
	}
	v, err := santhosh.UnmarshalJSON(bytes.NewReader(params))
	if err != nil {
		return fmt.Errorf("reading params: %w", err)
	}
	if schema == "" {
		if m, ok := v.(map[string]any); !ok || len(m) > 0 {
			raw, _ := json.Marshal(v)
			return fmt.Errorf("the action takes no params, got %s", raw)
		}
		return nil
	}
	s, err := compiled()
	if err != nil {
		return err
	}
	return s.Validate(v)
}
