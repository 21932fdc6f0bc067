// Package tmpl expands Robusta's templated strings: "$name in $namespace",
// "${labels.app}", "$labels.env-alerts". It follows Python's
// string.Template with Robusta's extension of dotted identifiers
// (ExtendedTemplate in robusta/utils/parsing.py): an identifier is letters,
// digits, _ and dots after the $; ${...} takes anything up to the brace, so
// keys with / or - (annotations.a/b-c) need the braces; $$ is a literal $.
package tmpl

import "strings"

// Missing replaces a variable the lookup does not know, as in Robusta.
const Missing = "<missing>"

// Expand replaces each variable in s with lookup's value for it.
func Expand(s string, lookup func(key string) (string, bool)) string {
	if !strings.Contains(s, "$") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '$' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		switch next := s[i+1]; {
		case next == '$':
			b.WriteByte('$')
			i++
		case next == '{':
			end := strings.IndexByte(s[i+2:], '}')
			if end < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			b.WriteString(value(s[i+2:i+2+end], lookup))
			i += 2 + end
		case isIdentStart(next):
			j := i + 1
			for j < len(s) && isIdent(s[j]) {
				j++
			}
			key := strings.TrimRight(s[i+1:j], ".") // "$name." ends a sentence
			b.WriteString(value(key, lookup))
			i += len(key)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func value(key string, lookup func(string) (string, bool)) string {
	if v, ok := lookup(key); ok {
		return v
	}
	return Missing
}

func isIdentStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isIdent(c byte) bool { return isIdentStart(c) || '0' <= c && c <= '9' || c == '.' }

// Lookup returns a lookup over plain keys and the maps named by prefix:
// with maps {"labels": l}, "labels.app" reads l["app"].
func Lookup(plain map[string]string, maps map[string]map[string]string) func(string) (string, bool) {
	return func(key string) (string, bool) {
		if v, ok := plain[key]; ok {
			return v, true
		}
		if prefix, name, ok := strings.Cut(key, "."); ok {
			if m, ok := maps[prefix]; ok {
				v, ok := m[name]
				return v, ok
			}
		}
		return "", false
	}
}
