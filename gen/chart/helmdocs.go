package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Value is one row of a chart's values table, read from values.yaml with
// helm-docs' comment conventions.
type Value struct {
	// Key is the value's path, e.g. "image.repository".
	Key string
	// Type is helm-docs' name of the YAML type (string, int, float, bool,
	// list, object), or the one "# -- (type) ..." gives.
	Type string
	// Default is the value as compact JSON, or the text of
	// "# @default -- text".
	Default string
	// DefaultIsText is true when Default comes from @default.
	DefaultIsText bool
	// Description is the "# -- ..." comment with its continuation lines
	// joined by spaces; "" when the key has none.
	Description string
	// Line is the key's line in values.yaml.
	Line int
}

// ParseValues reads the values of a values.yaml in file order, with
// helm-docs' conventions: "# -- description" on the comment lines right
// above a key, continued by the "#" lines that follow it, "# -- (type)" to
// name the type, "# @default -- text" to show text instead of the value,
// "# @ignored" to leave the key out. Scalars, lists and empty maps are rows;
// a non-empty map is a row when it has a description and is descended into
// either way, but below a described map only described keys are rows (its
// description covers the rest).
func ParseValues(data []byte) ([]Value, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parsing values: %w", err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("values: line %d: want a mapping at the top", root.Line)
	}
	var out []Value
	err := walk(root, "", false, &out)
	return out, err
}

func walk(m *yaml.Node, prefix string, onlyDescribed bool, out *[]Value) error {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		c := parseComment(k.HeadComment)
		if c.ignored {
			continue
		}
		row := Value{Key: prefix + k.Value, Type: yamlType(v), Description: c.text, Line: k.Line}
		if c.typ != "" {
			row.Type = c.typ
		}
		if c.def != "" {
			row.Default, row.DefaultIsText = c.def, true
		} else {
			d, err := compactJSON(v)
			if err != nil {
				return fmt.Errorf("values: line %d: %s: %w", k.Line, row.Key, err)
			}
			row.Default = d
		}
		described := c.text != ""
		if v.Kind == yaml.MappingNode && len(v.Content) > 0 {
			if described {
				*out = append(*out, row)
			}
			if err := walk(v, row.Key+".", onlyDescribed || described, out); err != nil {
				return err
			}
			continue
		}
		if described || !onlyDescribed {
			*out = append(*out, row)
		}
	}
	return nil
}

type comment struct {
	text, typ, def string
	ignored        bool
}

// parseComment reads a key's head comment: the block from its last
// "# --" line on, so that a file's header or a section title above the key
// is not taken for its description.
func parseComment(head string) comment {
	lines := strings.Split(head, "\n")
	start := -1
	var c comment
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "# @ignored" {
			c.ignored = true
		}
		if strings.HasPrefix(t, "# --") {
			start = i
		}
	}
	if start < 0 {
		return c
	}
	var parts []string
	for i, l := range lines[start:] {
		t := strings.TrimSpace(l)
		if t == "" {
			break // a blank line ends the block
		}
		t = strings.TrimSpace(strings.TrimPrefix(t, "#"))
		switch {
		case i == 0:
			t = strings.TrimSpace(strings.TrimPrefix(t, "--"))
			if strings.HasPrefix(t, "(") {
				if end := strings.Index(t, ")"); end > 0 {
					c.typ, t = t[1:end], strings.TrimSpace(t[end+1:])
				}
			}
		case strings.HasPrefix(t, "@default --"):
			c.def = strings.TrimSpace(strings.TrimPrefix(t, "@default --"))
			continue
		case strings.HasPrefix(t, "@"):
			continue // @section, @notationType...: not used here
		}
		if t != "" {
			parts = append(parts, t)
		}
	}
	c.text = strings.Join(parts, " ")
	return c
}

// yamlType names a node's type as helm-docs does.
func yamlType(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "object"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return yamlType(n.Alias)
	}
	switch n.ShortTag() {
	case "!!int":
		return "int"
	case "!!float":
		return "float"
	case "!!bool":
		return "bool"
	}
	return "string"
}

// compactJSON is the node's value as one line of JSON (keys sorted).
func compactJSON(n *yaml.Node) (string, error) {
	var v any
	if err := n.Decode(&v); err != nil {
		return "", err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}
