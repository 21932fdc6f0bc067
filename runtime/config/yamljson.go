package config

import (
	"encoding/json"
	"math"
	"strconv"

	"gopkg.in/yaml.v3"
)

// reportFunc records a problem at a node.
type reportFunc func(n *yaml.Node, format string, args ...any)

// converter turns a *yaml.Node into the JSON-shaped value the schema
// validator and encoding/json take: map[string]any, []any, string, bool,
// json.Number and nil. It honours tags (!!int, !!float, !!bool, !!null,
// !!str, explicit or resolved), expands aliases and merge keys, and reports
// what JSON cannot hold (non-string keys, .inf, unknown tags) at the node.
type converter struct {
	report reportFunc
	// subst, when set, rewrites every string scalar ({{ env.X }}).
	subst func(n *yaml.Node, s string) string
	// budget is the number of nodes left to visit, shared by every
	// conversion of one Load: aliases can make a small file expand into an
	// exponential tree ("billion laughs").
	budget *int
	// stack holds the containers being converted, to catch an alias that
	// refers to one of its own ancestors.
	stack map[*yaml.Node]bool
	// failed is set when a problem was reported: the value is partial.
	failed bool
}

func (c *converter) fail(n *yaml.Node, format string, args ...any) {
	c.failed = true
	c.report(n, format, args...)
}

// value converts n. A nil node is null.
func (c *converter) value(n *yaml.Node) any {
	if n == nil {
		return nil
	}
	if *c.budget <= 0 {
		if *c.budget == 0 {
			c.fail(n, "the document is too large once its aliases are expanded")
			*c.budget = -1
		}
		c.failed = true
		return nil
	}
	*c.budget--
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return c.value(n.Content[0])
	case yaml.AliasNode:
		if n.Alias == nil {
			c.fail(n, "alias *%s refers to no anchor", n.Value)
			return nil
		}
		if c.stack[n.Alias] {
			c.fail(n, "alias *%s refers to a node that contains it", n.Value)
			return nil
		}
		return c.value(n.Alias)
	case yaml.ScalarNode:
		return c.scalar(n)
	case yaml.MappingNode, yaml.SequenceNode:
		if c.stack[n] {
			c.fail(n, "an alias refers to a node that contains it")
			return nil
		}
		if c.stack == nil {
			c.stack = map[*yaml.Node]bool{}
		}
		c.stack[n] = true
		defer delete(c.stack, n)
		if n.Kind == yaml.SequenceNode {
			l := make([]any, 0, len(n.Content))
			for _, e := range n.Content {
				l = append(l, c.value(e))
			}
			return l
		}
		m := map[string]any{}
		for _, e := range entries(n, c.fail) {
			m[e.Name] = c.value(e.Value)
		}
		return m
	}
	c.fail(n, "unsupported YAML node")
	return nil
}

// scalar converts a scalar by its tag.
func (c *converter) scalar(n *yaml.Node) any {
	switch tag := n.ShortTag(); tag {
	case "!!null":
		return nil
	case "!!str", "!":
		if c.subst != nil {
			return c.subst(n, n.Value)
		}
		return n.Value
	case "!!timestamp", "!!binary":
		return n.Value // kept as written: JSON has no such types
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			c.fail(n, "%q is not a boolean", n.Value)
			return nil
		}
		return b
	case "!!int", "!!float":
		var v any
		if err := n.Decode(&v); err != nil {
			c.fail(n, "%q is not a number", n.Value)
			return nil
		}
		if num, ok := jsonNumber(v); ok {
			return num
		}
		c.fail(n, "%s is not a number JSON can hold", n.Value)
		return nil
	default:
		c.fail(n, "unsupported YAML tag %q", tag)
		return nil
	}
}

// jsonNumber turns what yaml.v3 decodes a number into into a json.Number.
func jsonNumber(v any) (json.Number, bool) {
	switch x := v.(type) {
	case int:
		return json.Number(strconv.Itoa(x)), true
	case int64:
		return json.Number(strconv.FormatInt(x, 10)), true
	case uint64:
		return json.Number(strconv.FormatUint(x, 10)), true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", false
		}
		return json.Number(strconv.FormatFloat(x, 'g', -1, 64)), true
	}
	return "", false
}
