// Package schema turns the runtime's own parameter types (trigger filters,
// sink params) into JSON Schemas with invopop/jsonschema, and compiles
// schemas for validation with santhosh-tekuri/jsonschema. Action params are
// different: robusta-gen builds their schemas from go/types, because
// reflection would need the playbook packages compiled into the generator.
//
// Schemas stay within the keyword subset that draft-07 validators (Helm
// before 3.18.5) and yaml-language-server understand: no $defs references
// (everything is inlined), no 2020-12-only keywords.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/invopop/jsonschema"
	santhosh "github.com/santhosh-tekuri/jsonschema/v6"
)

// DurationPattern is what a time.Duration param accepts: Go's duration
// syntax, e.g. "90s", "1h30m".
const DurationPattern = `^-?([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$|^0$`

// Reflect returns the schema of t, inlined, with additionalProperties false
// on every struct.
func Reflect(t reflect.Type) *jsonschema.Schema {
	r := jsonschema.Reflector{
		Anonymous:      true,
		DoNotReference: true,
		ExpandedStruct: true,
		Mapper:         mapType,
		// invopop keys the types it meets by bare name, so file.Params and
		// scope.Params would be one type (invopop#42); qualify the names.
		Namer: func(t reflect.Type) string {
			if t.Name() == "" {
				return ""
			}
			return strings.ReplaceAll(t.PkgPath(), "/", ".") + "." + t.Name()
		},
	}
	s := r.ReflectFromType(t)
	s.Version = "" // the enclosing document declares the draft
	return s
}

func mapType(t reflect.Type) *jsonschema.Schema {
	switch t {
	case reflect.TypeFor[time.Duration]():
		return Duration()
	}
	return nil
}

// Duration is the schema of a time.Duration: a duration string.
func Duration() *jsonschema.Schema {
	return &jsonschema.Schema{Type: "string", Pattern: DurationPattern, Description: "A duration such as 30s, 5m or 1h30m."}
}

// StringOrList is the schema of a value that is one string or a list of
// them. (scope.Values describes itself through its JSONSchema method.)
func StringOrList() *jsonschema.Schema {
	return &jsonschema.Schema{OneOf: []*jsonschema.Schema{
		{Type: "string"},
		{Type: "array", Items: &jsonschema.Schema{Type: "string"}},
	}}
}

// Marshal encodes s with sorted keys and two-space indent, so that the
// output is byte-for-byte stable.
func Marshal(s *jsonschema.Schema) ([]byte, error) {
	raw, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("encoding schema: %w", err)
	}
	// Round-trip through a generic value: encoding/json sorts map keys,
	// which invopop's ordered properties do not.
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("re-reading schema: %w", err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encoding schema: %w", err)
	}
	return buf.Bytes(), nil
}

// Compile compiles a schema document for validation. url names it in
// errors; the document must not reference other documents.
func Compile(url string, doc []byte) (*santhosh.Schema, error) {
	v, err := santhosh.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return nil, fmt.Errorf("reading schema %s: %w", url, err)
	}
	c := santhosh.NewCompiler()
	c.DefaultDraft(santhosh.Draft7)
	if err := c.AddResource(url, v); err != nil {
		return nil, fmt.Errorf("adding schema %s: %w", url, err)
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("compiling schema %s: %w", url, err)
	}
	return s, nil
}

// CompileType reflects t and compiles the result.
func CompileType(url string, t reflect.Type) (*santhosh.Schema, error) {
	doc, err := Marshal(Reflect(t))
	if err != nil {
		return nil, err
	}
	return Compile(url, doc)
}
