package docs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/invopop/jsonschema"
	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/gen/model"
	rtschema "github.com/robusta-go/robusta/runtime/schema"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// example is a customPlaybooks entry running a; false when no trigger can
// run it.
func example(a *model.Action, params *jsonschema.Schema) ([]byte, bool) {
	spec, ok := exampleTrigger(a.Triggers)
	if !ok {
		return nil, false
	}
	filters := mapping()
	if spec.Class == trigger.Schedule {
		// Robusta's schedule needs one of its two forms; the schema cannot
		// say which, so the docs do.
		repeat := mapping(scalar("repeat"), scalar("1"), scalar("seconds_delay"), scalar("60"))
		filters = mapping(scalar("fixed_delay_repeat"), repeat)
	}
	playbook := mapping(
		scalar("triggers"), seq(mapping(scalar(spec.Name), filters)),
		scalar("actions"), seq(mapping(scalar(a.Name), object(params))),
	)
	doc := mapping(scalar("customPlaybooks"), seq(playbook))
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		// Encoding nodes built above cannot fail.
		panic(fmt.Sprintf("encoding example: %v", err))
	}
	return buf.Bytes(), true
}

// exampleTrigger picks the first accepted on_*_update trigger in Robusta's
// order (on_pod_update first), else the first accepted trigger.
func exampleTrigger(accepted []string) (trigger.Spec, bool) {
	var first *trigger.Spec
	for _, s := range trigger.Specs() {
		if !slices.Contains(accepted, s.Name) {
			continue
		}
		if strings.HasSuffix(s.Name, "_update") {
			return s, true
		}
		if first == nil {
			first = &s
		}
	}
	if first == nil {
		return trigger.Spec{}, false
	}
	return *first, true
}

// object is an object's example: its required properties and those with an
// example; {} when there are none, as in `- echo: {}`.
func object(s *jsonschema.Schema) *yaml.Node {
	var kv []*yaml.Node
	if s.Properties != nil {
		for pair := s.Properties.Oldest(); pair != nil; pair = pair.Next() {
			if isRequired(s, pair.Key) || len(pair.Value.Examples) > 0 {
				kv = append(kv, scalar(pair.Key), sample(pair.Value, pair.Key))
			}
		}
	}
	return mapping(kv...)
}

// sample is a value valid for s: its example, default or first enum value,
// else a placeholder of its type.
func sample(s *jsonschema.Schema, name string) *yaml.Node {
	switch {
	case len(s.Examples) > 0:
		return literal(s.Examples[0])
	case s.Default != nil:
		return literal(s.Default)
	case len(s.Enum) > 0:
		return literal(s.Enum[0])
	case len(s.OneOf) > 0:
		return sample(s.OneOf[0], name)
	case s.Pattern == rtschema.DurationPattern:
		return quoted("30s")
	case s.Format == "date-time":
		return quoted("2024-01-01T00:00:00Z")
	}
	switch s.Type {
	case "string":
		return quoted("<" + name + ">")
	case "integer", "number":
		return scalar(number(s))
	case "boolean":
		return scalar("true")
	case "array":
		n := 1
		if s.MinItems != nil && *s.MinItems > 1 {
			n = int(*s.MinItems)
		}
		l := seq()
		for range n {
			l.Content = append(l.Content, sample(s.Items, name))
		}
		return l
	case "object":
		if isMap(s) {
			return mapping(scalar("<key>"), sample(s.AdditionalProperties, name))
		}
		return object(s)
	}
	return quoted("<" + name + ">")
}

// number is a placeholder within s's bounds: 1, raised to its minimum,
// lowered to its maximum.
func number(s *jsonschema.Schema) string {
	n := 1.0
	if v, err := s.Minimum.Float64(); err == nil {
		n = v
	} else if v, err := s.ExclusiveMinimum.Float64(); err == nil {
		n = v + 1
	}
	if v, err := s.Maximum.Float64(); err == nil && n > v {
		n = v
	}
	if v, err := s.ExclusiveMaximum.Float64(); err == nil && n >= v {
		n = v - 1
	}
	return strconv.FormatFloat(n, 'f', -1, 64)
}

// literal is a JSON value as YAML.
func literal(v any) *yaml.Node {
	var n yaml.Node
	b, _ := json.Marshal(v)
	var x any
	_ = json.Unmarshal(b, &x)
	if err := n.Encode(x); err != nil {
		return scalar(fmt.Sprint(v))
	}
	return &n
}

func scalar(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: v} }

func quoted(v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Value: v, Tag: "!!str", Style: yaml.DoubleQuotedStyle}
}

func seq(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Content: items}
}

func mapping(kv ...*yaml.Node) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Content: kv}
	if len(kv) == 0 {
		n.Style = yaml.FlowStyle
	}
	return n
}
