package chart_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	santhosh "github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/gen/chart"
	"github.com/robusta-go/robusta/gen/values"
	"github.com/robusta-go/robusta/runtime/config"
)

// chartSchema returns the good bundle's chart schema, decoded.
func chartSchema(t *testing.T) (raw []byte, doc map[string]any) {
	t.Helper()
	raw, err := chart.Schema(goodBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	return raw, doc
}

// TestTopLevelKeys: the chart's values.yaml has exactly the top-level keys
// of the schema (the runner's keys and config.ChartKeys), "global" and
// config.RobustaKeys aside; and config.ChartKeys are the chart's own.
func TestTopLevelKeys(t *testing.T) {
	b := goodBundle(t)
	var vals map[string]any
	if err := yaml.Unmarshal(fileData(t, b, "values.yaml"), &vals); err != nil {
		t.Fatal(err)
	}
	doc, err := values.Document(b)
	if err != nil {
		t.Fatal(err)
	}
	var schemaKeys []string
	for p := doc.Properties.Oldest(); p != nil; p = p.Next() {
		// Robusta's ignored keys are in the schema so that a Robusta
		// values file validates, not in the chart's values.yaml.
		if p.Key != "global" && !slices.Contains(config.RobustaKeys, p.Key) {
			schemaKeys = append(schemaKeys, p.Key)
		}
	}
	valueKeys := slices.Sorted(func(yield func(string) bool) {
		for k := range vals {
			if !yield(k) {
				return
			}
		}
	})
	slices.Sort(schemaKeys)
	if !slices.Equal(valueKeys, schemaKeys) {
		t.Errorf("values.yaml's top-level keys\n  %v\ndiffer from the schema's\n  %v", valueKeys, schemaKeys)
	}
	keys, err := chart.ChartKeySchemas()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range config.ChartKeys {
		if _, ok := keys[k]; !ok && k != "global" {
			t.Errorf("config.ChartKeys has %q, chartkeys.schema.json does not", k)
		}
		if _, ok := vals[k]; !ok && k != "global" {
			t.Errorf("config.ChartKeys has %q, values.yaml does not", k)
		}
	}
}

func TestSchemaDescribesChartKeys(t *testing.T) {
	_, doc := chartSchema(t)
	if doc["$schema"] != values.Draft07 || doc["additionalProperties"] != false {
		t.Errorf("root: $schema %v, additionalProperties %v; want draft-07 and false", doc["$schema"], doc["additionalProperties"])
	}
	props := doc["properties"].(map[string]any)
	if g, _ := props["global"].(map[string]any); g["type"] != "object" {
		t.Errorf("global = %v; want an object", props["global"])
	}
	open := []string{"resources", "affinity", "nodeSelector", "podAnnotations", "tolerations", "global"}
	for _, k := range config.ChartKeys {
		s, _ := props[k].(map[string]any)
		if s["type"] == nil {
			t.Errorf("chart key %s has no type: %v", k, props[k])
		}
		if s["description"] == nil {
			t.Errorf("chart key %s has no description", k)
		}
		if s["type"] == "object" && !slices.Contains(open, k) && s["additionalProperties"] != false {
			t.Errorf("chart key %s takes any property", k)
		}
	}
	pullPolicy := props["image"].(map[string]any)["properties"].(map[string]any)["pullPolicy"].(map[string]any)
	if !slices.Equal(pullPolicy["enum"].([]any), []any{"Always", "IfNotPresent", "Never"}) {
		t.Errorf("image.pullPolicy enum = %v", pullPolicy["enum"])
	}
}

// TestSchemaHasBundleActions: the chart validates this bundle's actions,
// not the built-in ones.
func TestSchemaHasBundleActions(t *testing.T) {
	b := goodBundle(t)
	_, doc := chartSchema(t)
	pb := doc["definitions"].(map[string]any)["playbook"].(map[string]any)
	actions := pb["properties"].(map[string]any)["actions"].(map[string]any)["items"].(map[string]any)["properties"].(map[string]any)
	for _, a := range b.Actions {
		if actions[a.Name] == nil {
			t.Errorf("action %s is not in the chart schema", a.Name)
		}
	}
	if len(actions) != len(b.Actions) {
		t.Errorf("the chart schema has %d actions, the bundle %d", len(actions), len(b.Actions))
	}
}

// TestSchemaDraftSafe: only local references and keywords that mean the
// same in draft-07 and 2020-12; it compiles under both, and accepts the
// chart's own values.yaml.
func TestSchemaDraftSafe(t *testing.T) {
	raw, _ := chartSchema(t)
	for _, kw := range []string{`"$defs"`, `"prefixItems"`, `"unevaluatedProperties"`, `"dependentSchemas"`, `"$id"`} {
		if bytes.Contains(raw, []byte(kw)) {
			t.Errorf("the schema uses %s", kw)
		}
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if r, ok := v["$ref"].(string); ok && !strings.HasPrefix(r, "#/definitions/") {
				t.Errorf("non-local $ref %q", r)
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	walk(doc)

	var vals any
	if err := yaml.Unmarshal(fileData(t, goodBundle(t), "values.yaml"), &vals); err != nil {
		t.Fatal(err)
	}
	inst := roundTrip(t, vals)
	for _, draft := range []*santhosh.Draft{santhosh.Draft7, santhosh.Draft2020} {
		var d map[string]any
		if err := json.Unmarshal(raw, &d); err != nil {
			t.Fatal(err)
		}
		if draft == santhosh.Draft2020 {
			delete(d, "$schema") // as Helm 3.18.5+ reads a schema without one
		}
		c := santhosh.NewCompiler()
		c.DefaultDraft(draft)
		if err := c.AddResource("values.schema.json", d); err != nil {
			t.Fatal(err)
		}
		s, err := c.Compile("values.schema.json")
		if err != nil {
			t.Fatalf("%v: %v", draft, err)
		}
		if err := s.Validate(inst); err != nil {
			t.Errorf("%v: the chart's values.yaml is invalid: %v", draft, err)
		}
	}
}

// roundTrip turns a YAML value into the JSON value santhosh validates.
func roundTrip(t *testing.T, v any) any {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := santhosh.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}
