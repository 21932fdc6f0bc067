package config

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/schema"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// The test registry: hand-written registry.Action values shaped like what
// robusta-gen emits, each Accepts a real type assertion and each Bind a
// registry.Decode into the params struct.

type bashParams struct {
	BashCommand string `json:"bash_command"`
}

type echoParams struct {
	Message       string `json:"message,omitempty"`
	PrometheusURL string `json:"prometheus_url,omitempty"`
	ClusterName   string `json:"cluster_name,omitempty"`
}

type levelParams struct {
	Level   string `json:"level"`
	Retries int    `json:"retries"`
	Period  string `json:"period,omitempty"`
}

type failParams struct {
	Fail bool `json:"fail,omitempty"`
}

// accepts is the adapter's type assertion.
func accepts[E any](e api.ExecutionEvent) bool {
	_, ok := e.(E)
	return ok
}

// triggersFor lists, sorted, the triggers whose event acc takes: what the
// generator decides with the type checker.
func triggersFor(acc func(api.ExecutionEvent) bool) []string {
	var names []string
	for i := range trigger.Specs() {
		if acc(zeroEvent(&trigger.Specs()[i])) {
			names = append(names, trigger.Specs()[i].Name)
		}
	}
	slices.Sort(names)
	return names
}

// bind decodes the params into P and returns a Func that does nothing.
func bind[P any](check func(P) error) func([]byte) (registry.Func, error) {
	return func(raw []byte) (registry.Func, error) {
		var p P
		if err := registry.Decode(raw, &p); err != nil {
			return nil, err
		}
		if check != nil {
			if err := check(p); err != nil {
				return nil, err
			}
		}
		return func(context.Context, api.ExecutionEvent) error { return nil }, nil
	}
}

func action[E any, P any](name, event, schemaDoc string, check func(P) error) registry.Action {
	acc := accepts[E]
	return registry.Action{
		Name:     name,
		Func:     "testpb." + name,
		Event:    event,
		Triggers: triggersFor(acc),
		Schema:   schemaDoc,
		Accepts:  acc,
		Bind:     bind(check),
	}
}

var (
	bashSchema  = `{"type":"object","properties":{"bash_command":{"type":"string"}},"required":["bash_command"],"additionalProperties":false}`
	echoSchema  = `{"type":"object","properties":{"message":{"type":"string","default":"hello"},"prometheus_url":{"type":"string"},"cluster_name":{"type":"string"}},"additionalProperties":false}`
	failSchema  = `{"type":"object","properties":{"fail":{"type":"boolean"}},"additionalProperties":false}`
	levelSchema = `{"type":"object","properties":{` +
		`"level":{"enum":["info","debug","warning"],"default":"info"},` +
		`"retries":{"type":"integer","minimum":0,"default":3},` +
		`"period":{"type":"string","pattern":` + durationPatternJSON + `}},` +
		`"additionalProperties":false}`
)

var durationPatternJSON = func() string {
	b, err := json.Marshal(schema.DurationPattern)
	if err != nil {
		panic(err)
	}
	return string(b)
}()

func testActions(t testing.TB) *registry.Set {
	t.Helper()
	s, err := registry.NewSet(registry.Package{
		Path: "example.com/testpb",
		Actions: []registry.Action{
			action[api.PodEvent, bashParams]("pod_bash_enricher", "api.PodEvent", bashSchema, nil),
			action[api.ExecutionEvent, echoParams]("echo", "api.ExecutionEvent", echoSchema, nil),
			action[api.ExecutionEvent, levelParams]("log_level", "api.ExecutionEvent", levelSchema, nil),
			action[*api.PodChangeEvent, struct{}]("pod_change_differ", "*api.PodChangeEvent", "", nil),
			action[api.ExecutionEvent, failParams]("fail_bind", "api.ExecutionEvent", failSchema, func(p failParams) error {
				if p.Fail {
					return errors.New("told to fail")
				}
				return nil
			}),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// testEnv is the environment of the tests.
func testEnv(name string) (string, bool) {
	v, ok := map[string]string{"SLACK_API_KEY": "xoxb-1", "CLUSTER": "prod-eu", "CMD": "ls -al /"}[name]
	return v, ok
}
