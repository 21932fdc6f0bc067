package scope

import "github.com/invopop/jsonschema"

// JSONSchema describes Values for github.com/invopop/jsonschema: a string or
// a list of strings, as the unmarshalers accept. Without it the reflected
// schema would say "array" and reject the common single-string form.
func (Values) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		OneOf: []*jsonschema.Schema{
			{Type: "string"},
			{Type: "array", Items: &jsonschema.Schema{Type: "string"}, MinItems: ptr(uint64(1))},
		},
	}
}

func ptr[T any](v T) *T { return &v }
