package config

import (
	"regexp"
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
			return strings.TrimSpace(v)
		}
		if !reported[name] {
			reported[name] = true
			ld.errorf(n, "environment variable %q is not set", name)
		}
		return ref
	})
}
