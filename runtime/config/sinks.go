package config

import (
	"encoding/json"
	"errors"

	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/runtime/scope"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/activity"
	"github.com/robusta-go/robusta/runtime/sinks"
)

// loadSinks reads sinksConfig: a list of one-key mappings, sink type to
// params.
func (ld *loader) loadSinks(n *yaml.Node) {
	types := sinks.Types()
	keys := make([]string, len(types))
	for i, t := range types {
		keys[i] = t.Key
	}
	for _, el := range ld.list(n, keySinks) {
		e, misindented, ok := ld.element(el, keySinks, "a sink type", "params")
		if !ok {
			continue
		}
		if misindented {
			ld.recordSinkName(el) // the name sits beside the type
		} else {
			ld.recordSinkName(e.Value)
		}
		var typ *sink.Type
		for i := range types {
			if types[i].Key == e.Name {
				typ = &types[i]
			}
		}
		if typ == nil {
			ld.errorf(e.Key, "unknown sink type %q%s", e.Name, didYouMean(e.Name, keys))
			continue
		}
		if !misindented {
			ld.loadSink(typ, e)
		}
	}
}

// recordSinkName notes the sink's name, for duplicates and for playbooks'
// sinks lists. It reads the node directly, so that a sink with other
// problems still counts as defined.
func (ld *loader) recordSinkName(params *yaml.Node) {
	r := resolve(params)
	if r == nil || r.Kind != yaml.MappingNode {
		return
	}
	for _, e := range entries(r, nil) {
		v := resolve(e.Value)
		if e.Name != "name" || v.Kind != yaml.ScalarNode || v.ShortTag() != "!!str" {
			continue
		}
		if first, dup := ld.sinkNames[v.Value]; dup {
			ld.errorf(e.Value, "duplicate sink name %q (first defined at %s)", v.Value, ld.pos(first))
			return
		}
		ld.sinkNames[v.Value] = e.Value
	}
}

// loadSink checks one sink's params against its type's schema, compiles its
// scope and records it.
func (ld *loader) loadSink(typ *sink.Type, e entry) {
	mark := len(ld.errs)
	t := newTarget(typ.Key, "param", "of", e.Key, e.Value)
	s, err := schemaOfType(typ.Params)
	if err != nil {
		ld.errorf(e.Key, "%s: %v", typ.Key, err)
		return
	}
	v, ok := ld.convert(e.Value, true)
	if v == nil && ok {
		v = map[string]any{}
	}
	if !ok {
		return
	}
	ld.validate(t, s, v)
	valid := len(ld.errs) == mark
	raw, err := json.Marshal(v)
	if err != nil {
		ld.errorf(e.Key, "%s: encoding params: %v", typ.Key, err)
		return
	}
	// The scope is compiled even when the schema found problems elsewhere,
	// as long as the common fields decode: its regexes are checked only here.
	var c sink.Common
	if err := json.Unmarshal(raw, &c); err != nil {
		if valid {
			ld.errorf(e.Key, "%s: %v", typ.Key, err)
		}
		return
	}
	if c.Scope != nil {
		if _, err := scope.Compile(*c.Scope, scope.FindingPlain, scope.FindingMaps, scope.FindingPaths...); err != nil {
			ld.scopeErrors(t, "scope", err)
			return
		}
	}
	if c.Match != nil {
		if _, err := scope.CompileMatch(c.Match, scope.FindingPlain, scope.FindingMaps); err != nil {
			ld.scopeErrors(t, "match", err)
			return
		}
	}
	if _, err := activity.Compile(c.Activity, c.MuteIntervals); err != nil {
		for _, ae := range activity.Errors(err) {
			if !t.covered(ae.Path) {
				_, val := t.find(ae.Path)
				ld.errorf(val, "%s: %v", t.where(ae.Path), ae.Err)
			}
		}
		return
	}
	if c.Grouping != nil {
		if path, err := c.Grouping.Check(); err != nil {
			path = append([]string{"grouping"}, path...)
			key, _ := t.find(path)
			ld.errorf(key, "%s: %v", t.where(path), err)
			return
		}
	}
	if !valid {
		return
	}
	ld.cfg.Sinks = append(ld.cfg.Sinks, Sink{Type: typ, Common: c, Params: raw, Pos: ld.pos(e.Key)})
}

// scopeErrors reports the *scope.Error values of a sink's scope (or
// match, named by key) at their nodes.
func (ld *loader) scopeErrors(t *target, key string, err error) {
	for _, e := range unjoin(err) {
		path := []string{key}
		var se *scope.Error
		if errors.As(e, &se) {
			path = append(path, se.Path...)
			e = se.Err
		}
		if t.covered(path) {
			continue
		}
		key, val := t.find(path)
		if errors.Is(e, scope.ErrUnknownAttribute) {
			val = key // an unknown key is reported at the key
		}
		ld.errorf(val, "%s: %v", t.where(path), e)
	}
}

// unjoin splits an errors.Join result.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// quoteAll renders names as "a", "b", "c".
func quoteAll(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += `"` + n + `"`
	}
	return out
}
