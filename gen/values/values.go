package values

import (
	"maps"

	"github.com/invopop/jsonschema"

	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/gen/schema"
	"github.com/robusta-go/robusta/runtime/config"
	rtschema "github.com/robusta-go/robusta/runtime/schema"
)

// Draft07 is the $schema of every document this package writes.
const Draft07 = "http://json-schema.org/draft-07/schema#"

// playbookLists are the top-level keys holding lists of playbooks, in the
// order runtime/config runs them (namedCustomPlaybooks aside).
func playbookLists() []struct{ key, doc string } {
	return []struct{ key, doc string }{
		{"priorityBuiltinPlaybooks", "Playbooks that run before all others."},
		{"customPlaybooks", "Your playbooks."},
		{"builtinPlaybooks", "The built-in playbooks."},
		{"platformPlaybooks", "Playbooks that run when enablePlatformPlaybooks is true."},
	}
}

// Schema returns b's Helm values schema as deterministic JSON. Its errors
// are those of the params types (see schema.Generator.Type), all of them.
func Schema(b *model.Bundle) ([]byte, error) {
	s, err := Document(b)
	if err != nil {
		return nil, err
	}
	return rtschema.Marshal(s)
}

// Document returns b's Helm values schema.
func Document(b *model.Bundle) (*jsonschema.Schema, error) {
	defs := map[string]*jsonschema.Schema{}
	pb, err := playbook(schema.New(b), b, defs)
	if err != nil {
		return nil, err
	}
	defs["playbook"] = pb
	playbooks := nullable(&jsonschema.Schema{Type: "array", Items: ref("playbook")})

	props := jsonschema.NewProperties()
	for _, k := range config.ChartKeys {
		props.Set(k, &jsonschema.Schema{Description: "A value of the Helm chart; the runner ignores it."})
	}
	for _, k := range config.RobustaKeys {
		// Accepted, so that a Robusta values file validates, but kept out
		// of completion (yaml-language-server's doNotSuggest) and marked
		// deprecated: suggesting them would promise what they do not do.
		props.Set(k, &jsonschema.Schema{
			Description: "Robusta's chart key, ignored here (the runner logs a warning when it is set): " + config.RobustaKeyReasons[k] + ".",
			Deprecated:  true,
			Extras:      map[string]any{"doNotSuggest": true},
		})
	}
	props.Set("global", &jsonschema.Schema{Type: "object", Description: "Values Helm shares with subcharts."})
	props.Set("globalConfig", globalConfig())
	props.Set("sinksConfig", sinksConfig())
	props.Set("alertRelabel", alertRelabel())
	props.Set("customResources", customResources())
	for _, l := range playbookLists() {
		props.Set(l.key, describe(playbooks, l.doc))
	}
	props.Set("namedCustomPlaybooks", &jsonschema.Schema{
		Type:                 "object",
		Description:          "Playbook lists by name; the lists run in name order after customPlaybooks. A name lets a later values file replace one list.",
		AdditionalProperties: playbooks,
	})
	props.Set("enablePlatformPlaybooks", &jsonschema.Schema{Type: "boolean", Description: "Whether platformPlaybooks run."})
	props.Set("disabledPlaybooks", nullable(&jsonschema.Schema{
		Type:        "array",
		Items:       &jsonschema.Schema{Type: "string"},
		Description: "Names of playbooks, from any list, that do not run.",
	}))
	return &jsonschema.Schema{
		Version:              Draft07,
		Type:                 "object",
		Properties:           props,
		AdditionalProperties: jsonschema.FalseSchema,
		Extras:               map[string]any{"definitions": defs},
	}, nil
}

// ref is a reference to a definition of this document. Definitions go in
// "definitions" through Extras: invopop's Definitions field is written as
// $defs, which draft-07 does not know.
func ref(name string) *jsonschema.Schema {
	return &jsonschema.Schema{Ref: "#/definitions/" + name}
}

// nullable returns a copy of s that also accepts null.
func nullable(s *jsonschema.Schema) *jsonschema.Schema {
	c := *s
	c.Extras = maps.Clone(s.Extras)
	if c.Extras == nil {
		c.Extras = map[string]any{}
	}
	c.Extras["type"] = []string{s.Type, "null"}
	c.Type = ""
	return &c
}

// describe returns a copy of s with description d.
func describe(s *jsonschema.Schema, d string) *jsonschema.Schema {
	c := *s
	c.Description = d
	return &c
}

// single is a list element with exactly one property among props, e.g. a
// triggers element `{on_pod_update: {...}}`.
func single(props map[string]*jsonschema.Schema) *jsonschema.Schema {
	one := uint64(1)
	p := jsonschema.NewProperties()
	for _, k := range sortedKeys(props) {
		p.Set(k, props[k])
	}
	return &jsonschema.Schema{
		Type:                 "object",
		MinProperties:        &one,
		MaxProperties:        &one,
		Properties:           p,
		AdditionalProperties: jsonschema.FalseSchema,
	}
}
