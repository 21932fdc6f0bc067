package config

import (
	"strconv"

	"gopkg.in/yaml.v3"
)

// entry is one key of a mapping.
type entry struct {
	Name       string
	Key, Value *yaml.Node
}

// entries lists the keys of mapping n in order, with merge keys ("<<: *x")
// expanded after the mapping's own keys, which win. report, when not nil,
// gets every key that is not a string and every duplicate key; such keys
// are left out (the first of duplicates is kept).
func entries(n *yaml.Node, report reportFunc) []entry {
	var out []entry
	seen := map[string]*yaml.Node{}
	mergeEntries(n, report, seen, map[*yaml.Node]bool{}, true, &out)
	return out
}

func mergeEntries(n *yaml.Node, report reportFunc, seen map[string]*yaml.Node, visiting map[*yaml.Node]bool, own bool, out *[]entry) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode || visiting[n] {
		return
	}
	visiting[n] = true
	defer delete(visiting, n)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		rk := resolve(k)
		if rk.Kind == yaml.ScalarNode && rk.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if rk.Kind != yaml.ScalarNode || rk.ShortTag() != "!!str" {
			if report != nil && own {
				report(k, "mapping keys must be strings, got %s", describe(k))
			}
			continue
		}
		if first, dup := seen[rk.Value]; dup {
			if report != nil && own {
				report(k, "duplicate key %q (first at line %d)", rk.Value, first.Line)
			}
			continue
		}
		seen[rk.Value] = k
		*out = append(*out, entry{Name: rk.Value, Key: k, Value: v})
	}
	for _, m := range merges {
		rm := resolve(m)
		switch {
		case rm.Kind == yaml.MappingNode:
			mergeEntries(rm, report, seen, visiting, false, out)
		case rm.Kind == yaml.SequenceNode:
			for _, e := range rm.Content {
				if resolve(e).Kind != yaml.MappingNode {
					if report != nil && own {
						report(e, "a merge key (<<) takes mappings, got %s", describe(e))
					}
					continue
				}
				mergeEntries(e, report, seen, visiting, false, out)
			}
		case report != nil && own:
			report(m, "a merge key (<<) takes a mapping or a list of mappings, got %s", describe(m))
		}
	}
}

// resolve follows aliases and unwraps a document node.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && i < 64; i++ {
		switch {
		case n.Kind == yaml.AliasNode && n.Alias != nil:
			n = n.Alias
		case n.Kind == yaml.DocumentNode && len(n.Content) > 0:
			n = n.Content[0]
		default:
			return n
		}
	}
	return n
}

// locate walks path (mapping keys and list indexes, as in a JSON pointer)
// from n. It returns the value node reached and, when the last step was a
// mapping key, that key's node. When the path leaves the document (a value
// filled in from a default, say) it returns the deepest nodes reached and
// ok false.
func locate(n *yaml.Node, path []string) (key, val *yaml.Node, ok bool) {
	val = n
	for _, step := range path {
		cur := resolve(val)
		if cur == nil {
			return key, val, false
		}
		switch cur.Kind {
		case yaml.MappingNode:
			found := false
			for _, e := range entries(cur, nil) {
				if e.Name == step {
					key, val, found = e.Key, e.Value, true
					break
				}
			}
			if !found {
				return key, val, false
			}
		case yaml.SequenceNode:
			i, err := strconv.Atoi(step)
			if err != nil || i < 0 || i >= len(cur.Content) {
				return key, val, false
			}
			key, val = nil, cur.Content[i]
		default:
			return key, val, false
		}
	}
	return key, val, true
}

// describe names what a node holds, for messages: "a mapping", "a list",
// "null", "the string \"x\"", "the number 3", "the boolean true".
func describe(n *yaml.Node) string {
	n = resolve(n)
	switch {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind != yaml.ScalarNode:
		return "an alias"
	}
	switch n.ShortTag() {
	case "!!null":
		return "null"
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!bool":
		return "the boolean " + n.Value
	}
	return strconv.Quote(n.Value)
}
