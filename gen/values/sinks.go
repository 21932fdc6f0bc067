package values

import (
	"github.com/invopop/jsonschema"

	rtschema "github.com/robusta-go/robusta/runtime/schema"
	"github.com/robusta-go/robusta/runtime/sinks"
)

// globalConfig takes any key: its keys also fill in action params of the
// same name (runtime/config merges them), so which keys are useful depends
// on the actions.
func globalConfig() *jsonschema.Schema {
	p := jsonschema.NewProperties()
	p.Set("cluster_name", &jsonschema.Schema{Type: "string", Description: "The cluster's name, shown in findings."})
	p.Set("custom_severity_map", customSeverityMap())
	return nullable(&jsonschema.Schema{
		Type:        "object",
		Properties:  p,
		Description: "Settings for every playbook. A key named like an action param fills that param wherever a playbook does not set it.",
	})
}

// sinksConfig is the list of sinks: each element one sink type with its
// params.
func sinksConfig() *jsonschema.Schema {
	props := map[string]*jsonschema.Schema{}
	for _, t := range sinks.Types() {
		s := rtschema.Reflect(t.Params)
		s.Description = t.Doc
		props[t.Key] = s
	}
	return nullable(&jsonschema.Schema{
		Type:        "array",
		Items:       single(props),
		Description: "Where findings go: each element is one sink, keyed by its type.",
	})
}
