package scope

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

func TestValuesUnmarshal(t *testing.T) {
	tests := []struct {
		name, json, yaml string
		want             Values
	}{
		{"string", `"a.*"`, `a.*`, Values{"a.*"}},
		{"list", `["a", "b"]`, "[a, b]", Values{"a", "b"}},
		{"block list", `["a","b"]`, "- a\n- b\n", Values{"a", "b"}},
		{"empty list", `[]`, `[]`, Values{}},
		{"empty string", `""`, `""`, Values{""}},
		{"null", `null`, `null`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var j Values
			if err := json.Unmarshal([]byte(tt.json), &j); err != nil {
				t.Fatalf("JSON: %v", err)
			}
			if diff := cmp.Diff(tt.want, j); diff != "" {
				t.Errorf("JSON (-want +got):\n%s", diff)
			}
			var n yaml.Node
			if err := yaml.Unmarshal([]byte(tt.yaml), &n); err != nil {
				t.Fatal(err)
			}
			var y Values
			if err := y.UnmarshalYAML(n.Content[0]); err != nil {
				t.Fatalf("YAML: %v", err)
			}
			if diff := cmp.Diff(tt.want, y); diff != "" {
				t.Errorf("YAML (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValuesUnmarshalRejects(t *testing.T) {
	for _, in := range []string{`1`, `true`, `{"a":"b"}`, `[1]`, `["a", null]`, `[["a"]]`} {
		var v Values
		if err := json.Unmarshal([]byte(in), &v); !errors.Is(err, errValuesShape) {
			t.Errorf("JSON %s: err = %v, want %v", in, err, errValuesShape)
		}
	}
	for _, in := range []string{`{a: b}`, `[a, [b]]`, `[a, null]`, `[a, {b: c}]`} {
		var v Values
		if err := yaml.Unmarshal([]byte(in), &v); !errors.Is(err, errValuesShape) {
			t.Errorf("YAML %s: err = %v, want %v", in, err, errValuesShape)
		}
	}
	var v Values
	if err := json.Unmarshal([]byte(`["a"`), &v); err == nil {
		t.Error("truncated JSON: no error")
	}
}

func TestParamsDecode(t *testing.T) {
	want := Params{
		Include: []Entry{
			{"name": {"api-.*", "web"}, "namespace": {"prod"}},
			{"labels": {"team=sre, tier!=db"}},
		},
		Exclude: []Entry{{"name": {"123"}}},
	}
	const y = `
include:
  - name: [api-.*, web]
    namespace: prod
  - labels: "team=sre, tier!=db"
exclude:
  - name: 123
`
	const j = `{
  "include": [
    {"name": ["api-.*", "web"], "namespace": "prod"},
    {"labels": "team=sre, tier!=db"}
  ],
  "exclude": [{"name": "123"}]
}`
	var fromYAML, fromJSON Params
	if err := yaml.Unmarshal([]byte(y), &fromYAML); err != nil {
		t.Fatalf("YAML: %v", err)
	}
	if err := json.Unmarshal([]byte(j), &fromJSON); err != nil {
		t.Fatalf("JSON: %v", err)
	}
	if diff := cmp.Diff(want, fromYAML); diff != "" {
		t.Errorf("YAML (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, fromJSON); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
}

func TestParamsDecodeYAMLAliasAndNull(t *testing.T) {
	const y = `
include:
  - name: &names [a, b]
    namespace:
  - name: *names
`
	var p Params
	if err := yaml.Unmarshal([]byte(y), &p); err != nil {
		t.Fatal(err)
	}
	want := Params{Include: []Entry{{"name": {"a", "b"}, "namespace": nil}, {"name": {"a", "b"}}}}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The null value decodes, and Compile reports it.
	_, err := Compile(p, ObjectPlain, ObjectMaps)
	want2 := []problem{{[]string{"include", "0", "namespace"}, ErrNoValues.Error()}}
	if diff := cmp.Diff(want2, problems(t, err)); diff != "" {
		t.Errorf("Compile errors (-want +got):\n%s", diff)
	}
}

func TestValuesJSONSchema(t *testing.T) {
	b, err := json.Marshal(Values{}.JSONSchema())
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"oneOf":[{"type":"string"},{"items":{"type":"string"},"minItems":1,"type":"array"}]}`
	var got, w any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(w, got); diff != "" {
		t.Errorf("schema (-want +got):\n%s", diff)
	}
}
