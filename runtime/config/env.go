package config

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// envRef is Robusta's environment reference, "{{ env.NAME }}", spaces
// inside the braces optional.
var envRef = regexp.MustCompile(`\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}`)

// substEnv replaces every {{ env.NAME }} in s, found in scalar n, with the
// variable's value, trimmed of surrounding whitespace. A variable that is not set is reported at n, once per
// name, and its reference is left as written.
func (ld *loader) substEnv(n *yaml.Node, s string) string {
	if !envRef.MatchString(s) {
		return s
	}
	reported := map[string]bool{}
	return envRef.ReplaceAllStringFunc(s, func(ref string) string {
		name := envRef.FindStringSubmatch(ref)[1]
		if v, ok := ld.env(name); ok {
			// A Secret mounted or exported from a file usually ends in a
			// newline, which inside a token breaks the HTTP header.
			v = strings.TrimSpace(v)
			if v != "" {
				ld.envValues[v] = name
			}
			return v
		}
		if !reported[name] {
			reported[name] = true
			ld.errorf(n, "environment variable %q is not set", name)
		}
		return ref
	})
}

// finish returns the problems found, sorted, with every value that came
// from the environment replaced by its reference: a message quoting a
// bad param ("%q does not match ...") must not print a token that was
// substituted into it. Longer values go first, so that a value inside
// another is not replaced in part.
func (ld *loader) finish() ErrorList {
	values := make([]string, 0, len(ld.envValues))
	for v := range ld.envValues {
		values = append(values, v)
	}
	slices.SortFunc(values, func(a, b string) int { return cmp.Or(cmp.Compare(len(b), len(a)), strings.Compare(a, b)) })
	for _, e := range ld.errs {
		for _, v := range values {
			ref := "{{ env." + ld.envValues[v] + " }}"
			// The value as written, and as %q writes it.
			e.Msg = strings.ReplaceAll(e.Msg, v, ref)
			if q := strconv.Quote(v); q[1:len(q)-1] != v {
				e.Msg = strings.ReplaceAll(e.Msg, q[1:len(q)-1], ref)
			}
		}
	}
	ld.errs.Sort()
	return ld.errs
}
