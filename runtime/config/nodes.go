package config

import "gopkg.in/yaml.v3"

// isNull reports whether n is null (or missing).
func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n == nil || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// list returns the elements of a list value; null is an empty list.
func (ld *loader) list(n *yaml.Node, what string) []*yaml.Node {
	if isNull(n) {
		return nil
	}
	r := resolve(n)
	if r.Kind != yaml.SequenceNode {
		ld.errorf(n, "%s must be a list, got %s", what, describe(n))
		return nil
	}
	return r.Content
}

// mapping returns the entries of a mapping value; null is empty.
func (ld *loader) mapping(n *yaml.Node, what string) ([]entry, bool) {
	if isNull(n) {
		return nil, true
	}
	r := resolve(n)
	if r.Kind != yaml.MappingNode {
		ld.errorf(n, "%s must be a mapping, got %s", what, describe(n))
		return nil, false
	}
	return entries(r, ld.errorf), true
}

// str returns a string scalar, reporting anything else.
func (ld *loader) str(n *yaml.Node, what string) (string, bool) {
	r := resolve(n)
	if r == nil || r.Kind != yaml.ScalarNode || r.ShortTag() != "!!str" {
		ld.errorf(n, "%s must be a string, got %s", what, describe(n))
		return "", false
	}
	return r.Value, true
}

// boolean returns a boolean scalar, reporting anything else.
func (ld *loader) boolean(n *yaml.Node, what string) bool {
	r := resolve(n)
	var b bool
	if r == nil || r.Kind != yaml.ScalarNode || r.ShortTag() != "!!bool" || r.Decode(&b) != nil {
		ld.errorf(n, "%s must be true or false, got %s", what, describe(n))
		return false
	}
	return b
}

// convert turns n into a JSON value; withEnv substitutes {{ env.X }}. ok is
// false when the value could not be fully converted.
func (ld *loader) convert(n *yaml.Node, withEnv bool) (v any, ok bool) {
	c := &converter{report: ld.errorf, budget: &ld.budget}
	if withEnv {
		c.subst = ld.substEnv
	}
	v = c.value(n)
	return v, !c.failed
}
