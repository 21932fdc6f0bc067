package scope

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// LegacyMatch is Robusta's older sink filter, a sink's `match:` key: each
// attribute maps to one regex or a list of them, any of which may match.
// Unlike a scope, plain attributes match like Python's re.match, anchored
// at the start only (`title: Crash` matches "Crashing pod"), and map
// attributes are "k1=v1,k2=v2" strings whose pairs must all be present with
// exactly those values. Every attribute given must match.
type LegacyMatch map[string]Values

// Matcher is a compiled LegacyMatch; nil matches everything.
type Matcher struct {
	plain []plainMatcher
	maps  []legacyMap
}

type legacyMap struct {
	attr string
	sets []map[string]string // any of them must be a subset
}

// CompileMatch checks m against the allowed attributes and compiles it.
// Errors are *Error values joined, paths like ["match", "title"].
func CompileMatch(m LegacyMatch, plain, mapAttrs []string) (*Matcher, error) {
	c := compiler{plain: plain, maps: mapAttrs}
	out := &Matcher{}
	for _, attr := range slices.Sorted(maps.Keys(m)) {
		vals, path := m[attr], []string{attr}
		isMap, ok := c.attribute(attr, vals, path)
		switch {
		case !ok:
		case isMap:
			lm := legacyMap{attr: attr}
			for j, v := range vals {
				lm.sets = append(lm.sets, c.pairs(v, valuePath(path, j, len(vals))))
			}
			out.maps = append(out.maps, lm)
		default:
			pm := plainMatcher{attr: attr}
			for j, v := range vals {
				if re := c.anchored(v, "", valuePath(path, j, len(vals))); re != nil {
					pm.res = append(pm.res, re)
				}
			}
			out.plain = append(out.plain, pm)
		}
	}
	if len(c.errs) > 0 {
		return nil, errors.Join(c.errs...)
	}
	return out, nil
}

// pairs reads "k1=v1, k2=v2" into a map of exact values.
func (c *compiler) pairs(expr string, path []string) map[string]string {
	out := map[string]string{}
	for raw := range strings.SplitSeq(expr, ",") {
		k, v, ok := strings.Cut(raw, "=")
		if k = strings.TrimSpace(k); !ok || k == "" {
			c.fail(fmt.Errorf("%w %q: want key=value", ErrMalformedPair, strings.TrimSpace(raw)), path...)
			continue
		}
		out[k] = strings.TrimSpace(v)
	}
	return out
}

// Match reports whether every attribute of the matcher matches sub.
func (m *Matcher) Match(sub Subject) bool {
	if m == nil {
		return true
	}
	for i := range m.plain {
		if !m.plain[i].match(sub) {
			return false
		}
	}
	for _, lm := range m.maps {
		var have map[string]string
		if sub.Map != nil {
			have = sub.Map(lm.attr)
		}
		if !slices.ContainsFunc(lm.sets, func(want map[string]string) bool { return subset(want, have) }) {
			return false
		}
	}
	return true
}

func subset(want, have map[string]string) bool {
	for k, v := range want {
		if got, ok := have[k]; !ok || got != v {
			return false
		}
	}
	return true
}
