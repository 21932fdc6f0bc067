package schema_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/gen/schema"
	"github.com/robusta-go/robusta/gen/schema/schematest"
	rtschema "github.com/robusta-go/robusta/runtime/schema"
)

// TestRules checks each rule of the walk on the fixture's Everything type,
// one property at a time; the golden file has the whole document.
func TestRules(t *testing.T) {
	b := fixture(t)
	got, err := schema.ForAction(b, schematest.Action(t, b, "everything"))
	if err != nil {
		t.Fatal(err)
	}
	doc := decode(t, got)
	p := doc["properties"].(map[string]any)
	duration := withDefault(t, durationSchema(t), "30s")
	target := `{"type": "object", "additionalProperties": false, "required": ["namespace"], "properties": {
		"namespace": {"type": "string", "description": "Namespace is the target's namespace."},
		"labels": {"type": "object", "additionalProperties": {"type": "string"}, "description": "Labels to match."}}`
	for _, tc := range []struct{ rule, prop, want string }{
		{"untagged exported field: Go name", "NoTag", `{"type": "string"}`},
		{"embedded struct inlined", "verbose", `{"type": "boolean", "description": "Verbose turns on chatter."}`},
		{"unexported embedded struct: exported fields inlined", "visible", `{"type": "string", "description": "Visible is promoted from an unexported embedded struct."}`},
		{"embedded pointer inlined", "extra_note", `{"type": "string", "description": "ExtraNote is promoted through a pointer."}`},
		{"embedded with a json name: a property", "tagged", `{"type": "object", "additionalProperties": false, "required": ["inner"], "properties": {"inner": {"type": "string"}}, "description": "Tagged is embedded under a json name: it is a property, not inlined."}`},
		{"shallower field shadows the embedded one", "name", `{"type": "string", "description": "Name is the shown name.", "minLength": 1, "maxLength": 63, "pattern": "^[a-z]+$", "examples": ["web"]}`},
		{"int default parsed as a number", "count", `{"type": "integer", "default": 8, "minimum": 1, "maximum": 100}`},
		{"float", "ratio", `{"type": "number", "default": 0.5, "exclusiveMaximum": 1}`},
		{"bool default", "enabled", `{"type": "boolean", "default": true}`},
		{"unsigned", "size", `{"type": "integer", "minimum": 0}`},
		{"time.Duration: a duration string", "timeout", string(duration)},
		{"time.Time: date-time", "since", `{"type": "string", "format": "date-time"}`},
		{"enum from constants, doc from the type", "level", `{"type": "string", "enum": ["info", "warn"], "default": "info", "description": "Level is how loud a message is."}`},
		{"numeric enum in declaration order", "priority", `{"type": "integer", "enum": [2, 1], "description": "Priority is a numeric enum."}`},
		{"enum tag replaces the constants", "mode", `{"type": "string", "enum": ["fast", "slow"], "description": "Level is how loud a message is."}`},
		{"nested struct inlined", "target", target + `, "description": "Target is where to look."}`},
		{"pointer: same schema, doc from the type", "optional", target + `, "description": "Target names a namespace."}`},
		{"slice of structs", "targets", `{"type": "array", "items": ` + target + `, "description": "Target names a namespace."}}`},
		{"slice tags: array keys on the array, the rest on items", "tags", `{"type": "array", "minItems": 1, "uniqueItems": true, "default": ["a"], "items": {"type": "string", "enum": ["a", "b"]}}`},
		{"array", "pair", `{"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}`},
		{"[]byte: base64 string", "data", `{"type": "string", "contentEncoding": "base64"}`},
		{"map[string]any with a JSON default", "settings", `{"type": "object", "additionalProperties": true, "default": {"a": 1}}`},
		{"map with a named string key", "counts", `{"type": "object", "additionalProperties": {"type": "integer"}}`},
		{"json.RawMessage: anything", "raw", `true`},
		{"interface{}: anything", "anything", `true`},
		{"scope.Values: string or list", "names", `{"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]}`},
		{"enum from a package without syntax: no description", "phase", `{"type": "string", "enum": ["Pending", "Running", "Succeeded", "Failed", "Unknown"]}`},
		{"custom UnmarshalJSON: anything", "limits", `{"type": "object", "additionalProperties": true}`},
		{",string: a string", "port", `{"type": "string"}`},
		{"title, description and format tags", "text", `{"type": "string", "title": "Text", "description": "From the tag.", "format": "hostname"}`},
		{"jsonschema_description", "legacy", `{"type": "string", "description": "From jsonschema_description."}`},
		{"escaped comma in a tag", "pattern", `{"type": "string", "pattern": "^a,b$"}`},
		{"required tag on a pointer", "forced", `{"type": "string"}`},
		{"generic instance: fields substituted, docs from the origin", "wrapped", `{"type": "object", "additionalProperties": false, "required": ["value"], "description": "Wrapper is generic.", "properties": {"value": {"type": "integer", "description": "Value is the wrapped value."}}}`},
		{"alias: the aliased type's schema", "aliased", target + `, "description": "Target names a namespace."}`},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			var want any
			if err := json.Unmarshal([]byte(tc.want), &want); err != nil {
				t.Fatalf("bad want: %v", err)
			}
			if diff := cmp.Diff(want, p[tc.prop]); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.prop, diff)
			}
		})
	}
	for _, gone := range []string{"Skipped", "Hidden", "internal", "dup", "Dup", "Common", "Left"} {
		if _, ok := p[gone]; ok {
			t.Errorf("property %s should not exist", gone)
		}
	}
	wantReq := []any{"name", "target", "forced", "NoTag"}
	if diff := cmp.Diff(wantReq, doc["required"]); diff != "" {
		t.Errorf("required (-want +got):\n%s", diff)
	}
	if doc["additionalProperties"] != false {
		t.Errorf("additionalProperties = %v, want false", doc["additionalProperties"])
	}
	if doc["description"] != "Everything exercises every rule of the schema walk.\n\nIt is the params of the everything action." {
		t.Errorf("description = %q", doc["description"])
	}
}

// durationSchema is runtime/schema's duration schema, which the
// generator's must equal.
func durationSchema(t *testing.T) []byte {
	t.Helper()
	b, err := rtschema.Marshal(rtschema.Duration())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// withDefault adds a default to a schema document.
func withDefault(t *testing.T, doc []byte, v any) []byte {
	t.Helper()
	m := decode(t, doc)
	m["default"] = v
	return mustJSON(t, m)
}
