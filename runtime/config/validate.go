package config

import (
	"errors"
	"fmt"
	"slices"

	santhosh "github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"gopkg.in/yaml.v3"
)

// target is a params document being checked: whose it is, for messages,
// and where its values are, for positions.
type target struct {
	owner string     // "action pod_bash_enricher", "on_pod_update", "file_sink"
	noun  string     // what one key is: "param" or "filter"
	of    string     // "of" or "for", between noun and owner
	key   *yaml.Node // the key naming the owner
	value *yaml.Node // the params node
	// top maps each top-level key to where it was written; a key taken
	// from globalConfig points there, a default is absent.
	top map[string]entry
	// reported holds the paths the schema found problems at, so that later
	// checks (trigger.Compile, scope.Compile) skip what is already said.
	reported [][]string
}

func newTarget(owner, noun, of string, key, value *yaml.Node) *target {
	t := &target{owner: owner, noun: noun, of: of, key: key, value: value, top: map[string]entry{}}
	for _, e := range entries(resolve(value), nil) {
		t.top[e.Name] = e
	}
	return t
}

// find returns the nodes of the value at path: its key (or the value itself
// when it has none) and the value. Values the file does not hold are
// reported at the owner's key.
func (t *target) find(path []string) (key, val *yaml.Node) {
	if len(path) == 0 {
		return t.key, t.value
	}
	e, ok := t.top[path[0]]
	if !ok {
		return t.key, t.key
	}
	k, v, _ := locate(e.Value, path[1:])
	if k == nil {
		k = v
		if len(path) == 1 {
			k = e.Key
		}
	}
	return k, v
}

// note records a problem at path.
func (t *target) note(path []string) { t.reported = append(t.reported, slices.Clone(path)) }

// covered reports whether a problem at or around path was reported: at the
// same path, or one inside the other (a problem at the root covers only the
// root).
func (t *target) covered(path []string) bool {
	for _, r := range t.reported {
		n := min(len(r), len(path))
		if slices.Equal(r[:n], path[:n]) && (n > 0 || len(r) == len(path)) {
			return true
		}
	}
	return false
}

// where is `param "a.b[0]" of action x`, or `params of action x` at the root.
func (t *target) where(path []string) string {
	if len(path) == 0 {
		return fmt.Sprintf("%ss %s %s", t.noun, t.of, t.owner)
	}
	return fmt.Sprintf("%s %q %s %s", t.noun, formatPath(path), t.of, t.owner)
}

// validate checks v against s and reports each failure at its node.
func (ld *loader) validate(t *target, s *paramSchema, v any) {
	err := s.compiled.Validate(v)
	if err == nil {
		return
	}
	var ve *santhosh.ValidationError
	if !errors.As(err, &ve) {
		t.note(nil)
		ld.errorf(t.key, "%s: %v", t.where(nil), err)
		return
	}
	ld.walk(t, s, ve)
}

// walk reports the leaves of a validation error tree.
func (ld *loader) walk(t *target, s *paramSchema, e *santhosh.ValidationError) {
	switch e.ErrorKind.(type) {
	case *kind.OneOf, *kind.AnyOf:
		if len(e.Causes) > 0 {
			ld.alternatives(t, s, e)
			return
		}
	}
	if len(e.Causes) > 0 {
		for _, c := range e.Causes {
			ld.walk(t, s, c)
		}
		return
	}
	ld.leaf(t, s, e)
}

// alternatives reports a oneOf/anyOf none of whose branches matched. A
// branch whose type matched explains the failure best; when none did, the
// wanted types are listed together.
func (ld *loader) alternatives(t *target, s *paramSchema, e *santhosh.ValidationError) {
	var wants []string
	var got string
	var deeper []*santhosh.ValidationError
	for _, c := range e.Causes {
		if tk, ok := c.ErrorKind.(*kind.Type); ok && len(c.Causes) == 0 && slices.Equal(c.InstanceLocation, e.InstanceLocation) {
			wants, got = append(wants, tk.Want...), tk.Got
			continue
		}
		deeper = append(deeper, c)
	}
	switch {
	case len(deeper) == 1:
		ld.walk(t, s, deeper[0])
	case len(deeper) == 0 && len(wants) > 0:
		_, v := t.find(e.InstanceLocation)
		t.note(e.InstanceLocation)
		ld.errorf(v, "%s: got %s, want %s", t.where(e.InstanceLocation), jsonType(got), joinTypes(wants))
	default:
		_, v := t.find(e.InstanceLocation)
		t.note(e.InstanceLocation)
		ld.errorf(v, "%s: %s", t.where(e.InstanceLocation), e.ErrorKind.LocalizedString(printer))
	}
}

// leaf reports one failed keyword.
func (ld *loader) leaf(t *target, s *paramSchema, e *santhosh.ValidationError) {
	loc := e.InstanceLocation
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		known := s.propertiesAt(e.SchemaURL)
		for _, p := range k.Properties {
			key, _ := t.find(append(slices.Clip(loc), p))
			t.note(append(slices.Clip(loc), p))
			hint := didYouMean(p, known)
			if len(known) == 0 {
				hint = fmt.Sprintf(" (%s takes no %ss)", t.owner, t.noun)
			}
			ld.errorf(key, "unknown %s %q %s %s%s", t.noun, formatPath(append(slices.Clip(loc), p)), t.of, t.owner, hint)
		}
		return
	case *kind.Required:
		key, _ := t.find(loc)
		for _, p := range k.Missing {
			t.note(append(slices.Clip(loc), p))
			ld.errorf(key, "missing required %s %q %s %s", t.noun, formatPath(append(slices.Clip(loc), p)), t.of, t.owner)
		}
		return
	}
	_, v := t.find(loc)
	t.note(loc)
	ld.errorf(v, "%s: %s", t.where(loc), problem(e.ErrorKind))
}
