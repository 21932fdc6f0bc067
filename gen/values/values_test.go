package values_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/gen/schema/schematest"
	"github.com/robusta-go/robusta/gen/values"
	"github.com/robusta-go/robusta/runtime/trigger"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixture loads the whole fixture module once per test binary.
var fixture = func() func(testing.TB) *model.Bundle {
	var once sync.Once
	var b *model.Bundle
	return func(tb testing.TB) *model.Bundle {
		once.Do(func() { b = schematest.Load(tb, "./good", "./other", "./bad") })
		if b == nil {
			tb.Fatal("fixture did not load")
		}
		return b
	}
}()

// bundle is the fixture without its broken action.
func bundle(tb testing.TB) *model.Bundle { return schematest.Without(fixture(tb), "broken") }

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the golden file (-want +got; go test -update rewrites it):\n%s", name, diff)
	}
}

func TestGolden(t *testing.T) {
	b := bundle(t)
	got, err := values.Schema(b)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "values.schema.json", got)
	for _, a := range b.Actions {
		got, err := values.ActionSchemaFile(b, a)
		if err != nil {
			t.Fatalf("%s: %v", a.Name, err)
		}
		golden(t, filepath.Join("actions", a.Name+".schema.json"), got)
	}
}

func TestDeterministic(t *testing.T) {
	b := bundle(t)
	first, err := values.Schema(b)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		again, err := values.Schema(b)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatal("a second run wrote different bytes")
		}
	}
}

// TestCompatibilityRules checks the shape of Contract 2: one rule per
// distinct accepted-trigger set, none for actions that take every trigger.
func TestCompatibilityRules(t *testing.T) {
	doc := decode(t, mustSchema(t, bundle(t)))
	pb := doc["definitions"].(map[string]any)["playbook"].(map[string]any)
	type rule struct{ Actions, Triggers []any }
	var got []rule
	for _, r := range pb["allOf"].([]any) {
		r := r.(map[string]any)
		acts := dig(r, "if", "properties", "actions", "contains", "propertyNames", "enum").([]any)
		trs := dig(r, "then", "properties", "triggers", "items", "propertyNames", "enum").([]any)
		got = append(got, rule{acts, trs})
	}
	// The pod triggers, Robusta's derived pod triggers among them, sorted.
	pod := []any{"on_container_oom_killed", "on_image_pull_backoff", "on_pod_all_changes", "on_pod_crash_loop", "on_pod_create", "on_pod_delete", "on_pod_evicted", "on_pod_oom_killed", "on_pod_update"}
	want := []rule{
		{[]any{"any_change"}, changeTriggers()},
		{[]any{"deployment_size"}, []any{"on_deployment_all_changes", "on_deployment_create", "on_deployment_delete", "on_deployment_update", "on_prometheus_alert"}},
		{[]any{"everything"}, pod},
		{[]any{"pod_bash_enricher"}, append(pod[:len(pod):len(pod)], "on_prometheus_alert")},
		{[]any{"tick"}, []any{"on_schedule"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
}

// TestNoTriggers: an action no trigger can run gets a rule that allows no
// triggers, so every playbook using it fails.
func TestNoTriggers(t *testing.T) {
	b := schematest.Subset(bundle(t), "echo")
	lonely := *b.Actions[0]
	lonely.Name, lonely.Triggers = "lonely", nil
	b.Actions = append(b.Actions, &lonely)
	v := compile(t, mustSchema(t, b), false)
	check(t, v, "lonely", false, "customPlaybooks:\n- triggers: [{on_pod_update: {}}]\n  actions: [{lonely: {}}]\n")
	check(t, v, "echo", true, "customPlaybooks:\n- triggers: [{on_pod_update: {}}]\n  actions: [{echo: {}}]\n")
}

// TestErrors: every params error of the bundle comes back, each once even
// when two actions share the bad type.
func TestErrors(t *testing.T) {
	b := fixture(t)
	broken := schematest.Action(t, b, "broken")
	twin := *broken
	twin.Name = "broken_twin"
	b = schematest.Subset(b, "broken", "echo")
	b.Actions = append(b.Actions, &twin)
	_, err := values.Schema(b)
	if err == nil {
		t.Fatal("no error")
	}
	msgs := strings.Split(err.Error(), "\n")
	if len(msgs) != 11 {
		t.Errorf("want the 11 errors of package bad once each, got %d:\n%v", len(msgs), err)
	}
	for _, m := range msgs {
		if !strings.Contains(m, "bad.go:") {
			t.Errorf("error without a position: %s", m)
		}
	}
}

func changeTriggers() []any {
	var out []any
	for _, n := range sortedNames() {
		s, _ := trigger.Lookup(n)
		if s.Class == trigger.Kubernetes || s.Class == trigger.AnyResource {
			out = append(out, n)
		}
	}
	return out
}

func mustSchema(t *testing.T, b *model.Bundle) []byte {
	t.Helper()
	doc, err := values.Schema(b)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func decode(t *testing.T, doc []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func dig(v any, path ...string) any {
	for _, p := range path {
		m, _ := v.(map[string]any)
		v = m[p]
	}
	return v
}

// TestKeywordSubset: only keywords draft-07 validators and
// yaml-language-server know, and only local references that resolve.
func TestKeywordSubset(t *testing.T) {
	doc := decode(t, mustSchema(t, bundle(t)))
	defs := doc["definitions"].(map[string]any)
	banned := map[string]bool{
		"$defs": true, "prefixItems": true, "unevaluatedProperties": true, "unevaluatedItems": true,
		"dependentSchemas": true, "dependentRequired": true, "$dynamicRef": true, "$anchor": true, "$id": true,
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if banned[k] {
					t.Errorf("%s: keyword %s", path, k)
				}
				if k == "$ref" {
					name, ok := strings.CutPrefix(x.(string), "#/definitions/")
					if _, found := defs[name]; !ok || !found {
						t.Errorf("%s: $ref %v does not name a definition", path, x)
					}
				}
				walk(path+"/"+k, x)
			}
		case []any:
			for _, x := range v {
				walk(path+"[]", x)
			}
		}
	}
	walk("", doc)
	if doc["$schema"] != values.Draft07 {
		t.Errorf("$schema = %v", doc["$schema"])
	}
}
