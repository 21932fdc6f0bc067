package prom

import (
	"slices"
	"strconv"
	"strings"
)

// AddLabels adds a matcher label="value" per entry of labels to every
// selector of query, as Robusta adds prometheus_additional_labels: before
// each closing brace. Unlike Robusta's plain replace of "}", it skips
// braces inside quoted strings (a regex matcher's {2}), writes no comma
// into an empty selector ({} would become {, x="y"}, which Prometheus
// rejects) and quotes values, so a value with a quote cannot break the
// query. A query without braces is returned unchanged, as in Robusta.
func AddLabels(query string, labels map[string]string) string {
	if len(labels) == 0 || !strings.Contains(query, "}") {
		return query
	}
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var matchers []string
	for _, k := range keys {
		matchers = append(matchers, k+"="+strconv.Quote(labels[k]))
	}
	add := strings.Join(matchers, ", ")

	var b strings.Builder
	var quote byte // the open string's quote, 0 outside strings
	for i := 0; i < len(query); i++ {
		ch := query[i]
		switch {
		case quote != 0:
			if ch == '\\' && i+1 < len(query) && quote != '`' {
				b.WriteByte(ch)
				i++
				ch = query[i]
			} else if ch == quote {
				quote = 0
			}
		case ch == '"' || ch == '\'' || ch == '`':
			quote = ch
		case ch == '}':
			if strings.HasSuffix(strings.TrimRight(b.String(), " \t\n"), "{") {
				b.WriteString(add)
			} else {
				b.WriteString(", " + add)
			}
		}
		b.WriteByte(ch)
	}
	return b.String()
}
