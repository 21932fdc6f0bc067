package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	santhosh "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/schema"
)

// paramSchema is a compiled params schema together with its document, which
// the loader reads for property names (suggestions) and defaults.
type paramSchema struct {
	compiled *santhosh.Schema
	doc      any // decoded with UseNumber
}

// newParamSchema compiles doc, naming it url.
func newParamSchema(url string, doc []byte) (*paramSchema, error) {
	compiled, err := schema.Compile(url, doc)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("reading schema %s: %w", url, err)
	}
	return &paramSchema{compiled: compiled, doc: v}, nil
}

// typeSchemas caches the schemas of the runtime's own params types (trigger
// filters, sink params): they never change, so every Load shares them.
var typeSchemas = struct {
	sync.Mutex
	m map[reflect.Type]*paramSchema
}{m: map[reflect.Type]*paramSchema{}}

// schemaOfType returns the compiled schema of t, reflecting it the first
// time.
func schemaOfType(t reflect.Type) (*paramSchema, error) {
	typeSchemas.Lock()
	defer typeSchemas.Unlock()
	if s, ok := typeSchemas.m[t]; ok {
		return s, nil
	}
	doc, err := schema.Marshal(schema.Reflect(t))
	if err != nil {
		return nil, fmt.Errorf("schema of %s: %w", t, err)
	}
	s, err := newParamSchema("urn:robusta:type:"+url.PathEscape(t.String()), doc)
	if err != nil {
		return nil, fmt.Errorf("schema of %s: %w", t, err)
	}
	typeSchemas.m[t] = s
	return s, nil
}

// actionSchema is the compiled params schema of a, nil when a takes no
// params. Each action's schema is compiled once per Load.
func (ld *loader) actionSchema(a *registry.Action) (*paramSchema, error) {
	if a.Schema == "" {
		return nil, nil
	}
	if c, ok := ld.actionSchemas[a]; ok {
		return c.schema, c.err
	}
	s, err := newParamSchema("urn:robusta:action:"+url.PathEscape(a.Name), []byte(a.Schema))
	ld.actionSchemas[a] = cachedSchema{s, err}
	return s, err
}

type cachedSchema struct {
	schema *paramSchema
	err    error
}

// at returns the schema object at a JSON pointer fragment, or nil.
func (s *paramSchema) at(fragment string) map[string]any {
	var cur any = s.doc
	for tok := range strings.SplitSeq(strings.TrimPrefix(fragment, "/"), "/") {
		if tok == "" {
			continue
		}
		if t, err := url.PathUnescape(tok); err == nil {
			tok = t
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch c := cur.(type) {
		case map[string]any:
			cur = c[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	m, _ := cur.(map[string]any)
	return m
}

// propertiesAt lists, sorted, the property names of the schema object that
// schemaURL (as in a ValidationError) points at.
func (s *paramSchema) propertiesAt(schemaURL string) []string {
	_, frag, _ := strings.Cut(schemaURL, "#")
	props, _ := s.at(frag)["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for n := range props {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// topProperties returns the top-level properties of the schema, with the
// default of each that has one.
func (s *paramSchema) topProperties() (names []string, defaults map[string]any) {
	defaults = map[string]any{}
	props, _ := s.at("")["properties"].(map[string]any)
	for n, p := range props {
		names = append(names, n)
		if pm, ok := p.(map[string]any); ok {
			if d, ok := pm["default"]; ok {
				defaults[n] = d
			}
		}
	}
	slices.Sort(names)
	return names, defaults
}
