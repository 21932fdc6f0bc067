package config_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
)

var paramsAction = &registry.Action{
	Name:  "greet",
	Event: "api.ExecutionEvent",
	Schema: `{"type":"object","additionalProperties":false,"required":["who"],
		"properties":{"who":{"type":"string"},"cluster_name":{"type":"string"},"times":{"type":"integer","default":2}}}`,
	Bind: func(params []byte) (registry.Func, error) {
		return func(context.Context, api.ExecutionEvent) error { return nil }, nil
	},
}

func TestBindParams(t *testing.T) {
	global := config.Global{ClusterName: "prod", Values: map[string]any{"cluster_name": "prod", "unused": 1}}
	for in, want := range map[string]string{
		`{"who":"{{ env.HOME }}"}`:                   `{"cluster_name":"prod","times":2,"who":"{{ env.HOME }}"}`,
		`{"who":"x","cluster_name":"dev","times":5}`: `{"cluster_name":"dev","times":5,"who":"x"}`,
	} {
		fn, raw, err := config.BindParams(paramsAction, []byte(in), global)
		if err != nil || fn == nil {
			t.Fatalf("%s: %v", in, err)
		}
		if string(raw) != want {
			t.Errorf("%s: completed to %s, want %s", in, raw, want)
		}
	}
}

func TestBindParamsErrors(t *testing.T) {
	for in, want := range map[string][]string{
		``:                        {`missing required param "who" of action greet`},
		`null`:                    {`missing required param "who" of action greet`},
		`{"wh":1,"times":"many"}`: {`missing required param "who" of action greet`, `unknown param "wh" of action greet (did you mean "who"?)`, `param "times" of action greet: got string, want integer`},
		`{"who":`:                 {`yaml: did not find expected node content`},
	} {
		_, _, err := config.BindParams(paramsAction, []byte(in), config.Global{})
		var list config.ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("%q: got %v, want an ErrorList", in, err)
		}
		var got []string
		for _, e := range list {
			got = append(got, e.Msg)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", in, diff)
		}
	}
}

// Robusta's chart writes custom_annotations: [] in globalConfig for a
// mapping param; that empty list fills the param as {} (pydantic's dict([])),
// while a list with items is still a type error.
func TestBindParamsGlobalEmptyListAsMapping(t *testing.T) {
	a := *paramsAction
	a.Schema = `{"type":"object","properties":{"custom_annotations":{"type":"object","additionalProperties":{"type":"string"}},"tags":{"type":"array"}}}`
	global := config.Global{Values: map[string]any{"custom_annotations": []any{}, "tags": []any{}}}
	_, raw, err := config.BindParams(&a, nil, global)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"custom_annotations":{},"tags":[]}`; string(raw) != want {
		t.Errorf("completed to %s, want %s", raw, want)
	}
	global.Values["custom_annotations"] = []any{"a=b"}
	if _, _, err := config.BindParams(&a, nil, global); err == nil {
		t.Error("a non-empty list for a mapping param was accepted")
	}
}
