package values

import (
	"strings"

	"github.com/invopop/jsonschema"
)

// alertRelabel is the top-level alertRelabel list (runtime/config reads
// it): labels copied on each alert before deduplication, as Robusta's.
func alertRelabel() *jsonschema.Schema {
	str := func(d string) *jsonschema.Schema {
		return &jsonschema.Schema{Type: "string", MinLength: new(uint64(1)), Description: d}
	}
	p := jsonschema.NewProperties()
	p.Set("source", str("The alert label to copy."))
	p.Set("target", str("The alert label that gets the source's value."))
	p.Set("operation", &jsonschema.Schema{
		Type: "string", Enum: []any{"add", "replace"}, Default: "add",
		Description: "add keeps the source label; replace removes it.",
	})
	return nullable(&jsonschema.Schema{
		Type: "array",
		Items: &jsonschema.Schema{
			Type: "object", Properties: p, Required: []string{"source", "target"},
			AdditionalProperties: jsonschema.FalseSchema,
		},
		Description: "Copies alert labels before anything reads them: e.g. source pod_name, target pod, so the alert's pod is found.",
	})
}

// customSeverityMap is globalConfig's custom_severity_map.
func customSeverityMap() *jsonschema.Schema {
	return &jsonschema.Schema{
		Type:                 "object",
		AdditionalProperties: &jsonschema.Schema{Type: "string", Pattern: anyCase("debug", "info", "low", "medium", "high")},
		Description:          "Alert severity label -> finding severity (DEBUG, INFO, LOW, MEDIUM or HIGH), consulted before Robusta's map.",
	}
}

// anyCase is a pattern matching one of words in any case, spelled out per
// letter: ECMAScript patterns (editors) have no (?i).
func anyCase(words ...string) string {
	alts := make([]string, len(words))
	for i, w := range words {
		var b strings.Builder
		for _, r := range w {
			b.WriteString("[" + strings.ToLower(string(r)) + strings.ToUpper(string(r)) + "]")
		}
		alts[i] = b.String()
	}
	return "^(" + strings.Join(alts, "|") + ")$"
}
