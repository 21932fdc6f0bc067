package scope

import "strings"

// Subject gives a scope the attributes it matches. Get returns a plain
// attribute ("name", "title", ...); Map returns a map attribute ("labels",
// "annotations", "namespace_labels"), nil when absent. A nil func reads as
// every attribute of its kind being empty. Raw returns the whole subject
// as JSON-shaped values (map[string]any, []any, string, bool, numbers,
// nil) for the path attribute ("attributes"); Match calls it at most once,
// and only when a path attribute is reached, so a subject can build it
// lazily.
type Subject struct {
	Get func(attr string) string
	Map func(attr string) map[string]string
	Raw func() any
}

// Match reports whether sub is in scope: no exclude entry matches it, and
// include is empty or one of its entries matches it. A nil *Scope matches
// everything. Match does not allocate beyond what sub's funcs do.
func (s *Scope) Match(sub Subject) bool {
	if s == nil {
		return true
	}
	var raw lazyRaw
	for i := range s.exclude {
		if s.exclude[i].match(sub, &raw) {
			return false
		}
	}
	if len(s.include) == 0 {
		return true
	}
	for i := range s.include {
		if s.include[i].match(sub, &raw) {
			return true
		}
	}
	return false
}

func (e *entry) match(sub Subject, raw *lazyRaw) bool {
	for i := range e.plain {
		if !e.plain[i].match(sub) {
			return false
		}
	}
	for i := range e.maps {
		if !e.maps[i].match(sub) {
			return false
		}
	}
	for i := range e.paths {
		if !e.paths[i].match(raw.get(sub)) {
			return false
		}
	}
	return true
}

func (m *plainMatcher) match(sub Subject) bool {
	var v string
	if sub.Get != nil {
		v = sub.Get(m.attr)
	}
	for _, re := range m.res {
		if re.MatchString(v) {
			return true
		}
	}
	return false
}

func (m *mapMatcher) match(sub Subject) bool {
	var kv map[string]string
	if sub.Map != nil {
		kv = sub.Map(m.attr)
	}
	for _, e := range m.exprs {
		if e.match(kv) {
			return true
		}
	}
	return false
}

func (e mapExpr) match(kv map[string]string) bool {
	for i := range e {
		p := &e[i]
		v, ok := kv[p.key]
		if !ok || p.re.MatchString(strings.TrimSpace(v)) == p.negate {
			return false
		}
	}
	return true
}
