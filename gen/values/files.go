package values

import (
	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/gen/schema"
	rtschema "github.com/robusta-go/robusta/runtime/schema"
)

// ActionSchemaFile returns the document written to actions/<name>.schema.json:
// a's params schema (schema.ForAction's) made standalone, with $schema
// draft-07, the action's name as title and its doc comment as description.
// The registry embeds schema.ForAction's bytes instead, which the runtime
// compiles as draft-07 too.
func ActionSchemaFile(b *model.Bundle, a *model.Action) ([]byte, error) {
	s, err := schema.New(b).Action(a)
	if err != nil {
		return nil, err
	}
	s.Version = Draft07
	s.Title = a.Name
	if a.Doc != "" {
		s.Description = a.Doc
	}
	return rtschema.Marshal(s)
}
