package docs

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/invopop/jsonschema"

	rtschema "github.com/robusta-go/robusta/runtime/schema"
)

// row is one line of a params table.
type row struct {
	name, typ, required, def, doc string
}

// paramRows flattens a params schema into table rows: every property, and
// below an object property its own properties with a dotted name.
func paramRows(s *jsonschema.Schema) []row {
	var rows []row
	var walk func(prefix string, s *jsonschema.Schema)
	walk = func(prefix string, s *jsonschema.Schema) {
		if s.Properties == nil {
			return
		}
		for pair := s.Properties.Oldest(); pair != nil; pair = pair.Next() {
			name, p := prefix+pair.Key, pair.Value
			rows = append(rows, row{name: name, typ: typeOf(p), required: yesNo(isRequired(s, pair.Key)), def: value(p.Default), doc: p.Description})
			switch {
			case p.Properties != nil:
				walk(name+".", p)
			case p.Type == "array" && p.Items != nil:
				walk(name+"[].", p.Items)
			case isMap(p):
				walk(name+".<key>.", p.AdditionalProperties)
			}
		}
	}
	walk("", s)
	return rows
}

// typeOf describes a schema's type for readers: "integer (≥ 1)",
// "duration", "list of string", "map of integer", "string (one of `a`,
// `b`)".
func typeOf(s *jsonschema.Schema) string {
	var t string
	switch {
	case s.Pattern == rtschema.DurationPattern:
		return "duration"
	case s.Format == "date-time":
		return "date-time"
	case s.ContentEncoding == "base64":
		return "base64 string"
	case len(s.OneOf) > 0:
		alts := make([]string, len(s.OneOf))
		for i, o := range s.OneOf {
			alts[i] = typeOf(o)
		}
		return strings.Join(alts, " or ")
	case s.Type == "array" && s.Items != nil:
		t = "list of " + typeOf(s.Items)
	case isMap(s):
		t = "map of " + typeOf(s.AdditionalProperties)
	case s.Type == "object" && s.Properties == nil:
		t = "map"
	case s.Type == "":
		t = "any"
	default:
		t = s.Type
	}
	return t + constraints(s)
}

// constraints lists a schema's bounds and enum, in parentheses, as a suffix
// of its type.
func constraints(s *jsonschema.Schema) string {
	var c []string
	for _, b := range []struct {
		op string
		n  json.Number
	}{{"≥", s.Minimum}, {">", s.ExclusiveMinimum}, {"≤", s.Maximum}, {"<", s.ExclusiveMaximum}} {
		if b.n != "" {
			c = append(c, b.op+" "+b.n.String())
		}
	}
	if s.MinLength != nil {
		c = append(c, fmt.Sprintf("length ≥ %d", *s.MinLength))
	}
	if s.MaxLength != nil {
		c = append(c, fmt.Sprintf("length ≤ %d", *s.MaxLength))
	}
	if s.Pattern != "" {
		c = append(c, "matching "+CodeSpan(s.Pattern))
	}
	if s.Format != "" {
		c = append(c, s.Format)
	}
	if s.MinItems != nil && s.MaxItems != nil && *s.MinItems == *s.MaxItems {
		c = append(c, fmt.Sprintf("%d items", *s.MinItems))
	} else {
		if s.MinItems != nil {
			c = append(c, fmt.Sprintf("≥ %d items", *s.MinItems))
		}
		if s.MaxItems != nil {
			c = append(c, fmt.Sprintf("≤ %d items", *s.MaxItems))
		}
	}
	if s.UniqueItems {
		c = append(c, "unique items")
	}
	if len(s.Enum) > 0 {
		vals := make([]string, len(s.Enum))
		for i, v := range s.Enum {
			vals[i] = value(v)
		}
		c = append(c, "one of "+strings.Join(vals, ", "))
	}
	if len(c) == 0 {
		return ""
	}
	return " (" + strings.Join(c, ", ") + ")"
}

// value is a JSON value as a code span: strings bare, the rest as JSON.
func value(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return CodeSpan(s)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return CodeSpan(fmt.Sprint(v))
	}
	return CodeSpan(string(b))
}

func isMap(s *jsonschema.Schema) bool {
	return s.Type == "object" && s.Properties == nil && s.AdditionalProperties != nil &&
		s.AdditionalProperties != jsonschema.TrueSchema && s.AdditionalProperties != jsonschema.FalseSchema
}

func isRequired(s *jsonschema.Schema, name string) bool { return slices.Contains(s.Required, name) }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
