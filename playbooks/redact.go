package playbooks

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// NamedRegexPattern is a pattern to hide in logs, as Robusta's
// regex_replacer_patterns items.
type NamedRegexPattern struct {
	// Name names what the pattern hides; the NAMED style writes it as
	// [NAME], upper-cased.
	Name string `json:"name,omitempty" jsonschema:"default=Redacted"`
	// Regex is the pattern, in Go's RE2 syntax (Python's without
	// lookarounds and backreferences).
	Regex string `json:"regex"`
}

// The replacement styles of Robusta's RegexReplacementStyle.
const (
	styleAsterisks = "SAME_LENGTH_ASTERISKS"
	styleNamed     = "NAMED"
)

// redactor replaces every match of its patterns, in order, as Robusta's
// RobustaPod.get_logs does.
type redactor struct {
	res   []*regexp.Regexp
	names []string
	named bool
}

// newRedactor compiles patterns; a pattern that does not compile is an
// error naming its index, so a mistake in values.yaml does not silently
// leave a secret in a log. No patterns give nil, which redacts nothing.
func newRedactor(patterns []NamedRegexPattern, style string) (*redactor, error) {
	if len(patterns) == 0 {
		return nil, nil
	}
	r := &redactor{named: style == styleNamed}
	for i, p := range patterns {
		re, err := regexp.Compile(p.Regex)
		if err != nil {
			return nil, fmt.Errorf("regex_replacer_patterns[%d] (%s): %w", i, p.Name, err)
		}
		name := p.Name
		if name == "" {
			name = "Redacted"
		}
		r.res = append(r.res, re)
		r.names = append(r.names, "["+strings.ToUpper(name)+"]")
	}
	return r, nil
}

// apply returns s with every match replaced: by asterisks as many as the
// match has characters, or by [NAME].
func (r *redactor) apply(s string) string {
	if r == nil {
		return s
	}
	for i, re := range r.res {
		if r.named {
			s = re.ReplaceAllLiteralString(s, r.names[i])
			continue
		}
		s = re.ReplaceAllStringFunc(s, func(m string) string { return strings.Repeat("*", utf8.RuneCountInString(m)) })
	}
	return s
}
