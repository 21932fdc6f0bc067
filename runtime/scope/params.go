package scope

import (
	"encoding/json"
	"errors"
	"fmt"

	"gopkg.in/yaml.v3"
)

// Params is the YAML/JSON shape: scope: {include: [...], exclude: [...]}.
type Params struct {
	Include []Entry `json:"include,omitempty" yaml:"include,omitempty"`
	Exclude []Entry `json:"exclude,omitempty" yaml:"exclude,omitempty"`
}

// Entry maps an attribute name to a value: one regex or a list of regexes
// (OR'ed).
type Entry map[string]Values

// Values is one or more strings. UnmarshalJSON and UnmarshalYAML accept a
// string or a list of strings; a null leaves Values empty, which Compile
// reports.
type Values []string

// errValuesShape is the decoding error for anything but a string or a list
// of strings.
var errValuesShape = errors.New("want a string or a list of strings")

// UnmarshalJSON implements json.Unmarshaler.
func (v *Values) UnmarshalJSON(data []byte) error {
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("scope value: %w", err)
	}
	switch x := raw.(type) {
	case nil:
		*v = nil
	case string:
		*v = Values{x}
	case []any:
		out := make(Values, 0, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				return fmt.Errorf("scope value: element %d is %s: %w", i, jsonKind(e), errValuesShape)
			}
			out = append(out, s)
		}
		*v = out
	default:
		return fmt.Errorf("scope value: got %s: %w", jsonKind(raw), errValuesShape)
	}
	return nil
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case float64:
		return "a number"
	case string:
		return "a string"
	case []any:
		return "a list"
	default:
		return "an object"
	}
}

// UnmarshalYAML implements yaml.Unmarshaler. Any scalar is taken as its
// literal text, so "name: 123" means the regex 123.
func (v *Values) UnmarshalYAML(n *yaml.Node) error {
	n = resolveAlias(n)
	switch n.Kind {
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			*v = nil
			return nil
		}
		*v = Values{n.Value}
	case yaml.SequenceNode:
		out := make(Values, 0, len(n.Content))
		for i, e := range n.Content {
			e = resolveAlias(e)
			if e.Kind != yaml.ScalarNode || e.ShortTag() == "!!null" {
				return fmt.Errorf("scope value: line %d: element %d: %w", e.Line, i, errValuesShape)
			}
			out = append(out, e.Value)
		}
		*v = out
	default:
		return fmt.Errorf("scope value: line %d: %w", n.Line, errValuesShape)
	}
	return nil
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}
