package scope

import (
	"fmt"
	"strconv"
	"strings"
)

// ObjectPaths and FindingPaths are the path attributes of Kubernetes
// objects (trigger filters) and findings (sink routing): Robusta's
// "attributes".
var (
	ObjectPaths  = []string{"attributes"}
	FindingPaths = []string{"attributes"}
)

// pathMatcher matches a path attribute: any of exprs.
type pathMatcher struct {
	attr  string
	exprs []pathExpr
}

// pathExpr is one "p1=v1, p2!=v2" expression: all of its pairs.
type pathExpr []pathPair

// pathPair is one path=value (or path!=value when negate) condition.
type pathPair struct {
	steps  []step
	negate bool
	value  string
}

// step is one element of a path: a map key, or a list index when isIndex.
type step struct {
	key     string
	index   int
	isIndex bool
}

// pathExpr compiles "spec.containers[0].name=bad, status.phase!=Running",
// Robusta's K8sTriggerEventScopeMatcher: pairs split at every ',', each at
// its last '=', a '!' before it negating.
func (c *compiler) pathExpr(expr string, path []string) pathExpr {
	var out pathExpr
	for raw := range strings.SplitSeq(expr, ",") {
		i := strings.LastIndex(raw, "=")
		if i < 0 {
			c.fail(fmt.Errorf("%w %q: want path=value or path!=value", ErrMalformedPair, strings.TrimSpace(raw)), path...)
			continue
		}
		p := pathPair{value: strings.TrimSpace(raw[i+1:])}
		key := strings.TrimSpace(raw[:i])
		if k, neg := strings.CutSuffix(key, "!"); neg {
			key, p.negate = strings.TrimSpace(k), true
		}
		steps, err := parsePath(key)
		if err != nil {
			c.fail(fmt.Errorf("%w %q: %w", ErrMalformedPair, strings.TrimSpace(raw), err), path...)
			continue
		}
		p.steps = steps
		out = append(out, p)
	}
	return out
}

// parsePath reads pydash's path syntax as Robusta's configs use it:
// dotted keys, with [n] or a numeric key indexing a list.
func parsePath(s string) ([]step, error) {
	if s == "" {
		return nil, fmt.Errorf("empty path")
	}
	var out []step
	for part := range strings.SplitSeq(s, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name == "" && rest == "" {
			return nil, fmt.Errorf("empty element in path %q", s)
		}
		if name != "" {
			st := step{key: name}
			if n, err := strconv.Atoi(name); err == nil && n >= 0 {
				st.index, st.isIndex = n, true
			}
			out = append(out, st)
		}
		for rest != "" {
			idx, after, ok := strings.Cut(rest, "]")
			n, err := strconv.Atoi(idx)
			if !ok || err != nil || n < 0 {
				return nil, fmt.Errorf("bad index [%s in path %q", rest, s)
			}
			out = append(out, step{index: n, isIndex: true})
			if after == "" {
				break
			}
			if rest, ok = strings.CutPrefix(after, "["); !ok {
				return nil, fmt.Errorf("unexpected %q after an index in path %q", after, s)
			}
		}
	}
	return out, nil
}

func (m *pathMatcher) match(raw any) bool {
	for _, e := range m.exprs {
		if e.match(raw) {
			return true
		}
	}
	return false
}

// match holds when every pair does. As in Robusta, path=v holds when the
// path reaches a scalar equal to v ignoring case (null reads as "none",
// booleans as true and false); path!=v holds when it reaches another
// scalar, a map or list, or nothing: absent paths satisfy !=, unlike the
// keys of labels.
func (e pathExpr) match(raw any) bool {
	for i := range e {
		p := &e[i]
		v, ok := leaf(lookup(raw, p.steps))
		if (ok && strings.EqualFold(v, p.value)) == p.negate {
			return false
		}
	}
	return true
}

// lookup walks steps into v; missing is returned for a path that leads
// nowhere.
func lookup(v any, steps []step) any {
	for _, s := range steps {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[s.key]; !ok {
				return missing{}
			}
		case []any:
			if !s.isIndex || s.index >= len(x) {
				return missing{}
			}
			v = x[s.index]
		default:
			return missing{}
		}
	}
	return v
}

type missing struct{}

// leaf renders a scalar as Robusta's str() would, lower-cased where
// Python's spelling differs (True, None). It reports false for maps,
// lists and missing values. Formatting a number allocates; strings,
// booleans and null do not.
func leaf(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case bool:
		return strconv.FormatBool(x), true
	case nil:
		return "none", true
	case int64:
		return strconv.FormatInt(x, 10), true
	case int:
		return strconv.Itoa(x), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	}
	return "", false
}

// lazyRaw calls Subject.Raw at most once per Match.
type lazyRaw struct {
	v    any
	done bool
}

func (l *lazyRaw) get(sub Subject) any {
	if !l.done {
		l.done = true
		if sub.Raw != nil {
			l.v = sub.Raw()
		}
	}
	return l.v
}
