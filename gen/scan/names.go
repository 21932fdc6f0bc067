package scan

import (
	"strings"
	"unicode"
)

// SnakeCase turns a Go identifier into an action name, keeping initialisms
// whole: PodBashEnricher -> pod_bash_enricher, HTTPGet -> http_get,
// PodOOMKiller -> pod_oom_killer, K8sEvents -> k8s_events. A word breaks
// before an upper-case letter that follows a lower-case letter or a digit,
// and before the last upper-case letter of a run that a lower-case letter
// follows (the K of "OOMKiller").
func SnakeCase(name string) string {
	rs := []rune(name)
	var b strings.Builder
	for i, r := range rs {
		if r == '_' || r == '-' || r == ' ' {
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "_") {
				b.WriteByte('_')
			}
			continue
		}
		if unicode.IsUpper(r) && i > 0 && b.Len() > 0 && !strings.HasSuffix(b.String(), "_") {
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1]) && !plural(rs, i+1)
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.TrimSuffix(b.String(), "_")
}

// plural reports whether rs[i] is a lone "s" ending a word: followed by
// nothing, an upper-case letter, a digit or an underscore.
func plural(rs []rune, i int) bool {
	if rs[i] != 's' {
		return false
	}
	return i+1 == len(rs) || !unicode.IsLower(rs[i+1])
}
