// Package docs writes ACTIONS.md, the reference of a bundle's actions: per
// action its doc comment, event type, the triggers it accepts, a table of
// its params and a playbook that uses it.
//
// The params table is read from the same schema that values.schema.json
// and the registry embed (package gen/schema), not from the Go types
// again, so the docs cannot say something the validators do not: a field's
// name is its JSON name, "required" is the schema's, the default is the
// tag's value as parsed for the field's type. Nested objects get one row per
// field with a dotted name (target.namespace); elements of lists and maps
// are written name[].field and name.<key>.field.
//
// Doc comments are Go doc comments, rendered to Markdown with go/doc/comment
// (headings, lists and code blocks survive); the index shows each action's
// first sentence, as go doc does.
//
// Triggers are listed compactly: a kind whose four triggers an action all
// accepts is written on_pod_*, an action that takes every Kubernetes change
// says so, and one that takes everything says "every trigger".
//
// The example is real YAML (written with gopkg.in/yaml.v3): a trigger the
// action accepts (an on_*_update one when it can), and the params that are
// required or have an example, filled with, in order of preference, the
// tag's example, its default, the first enum value, or a placeholder of the
// right type ("<name>" for strings, "30s" for durations). The tests validate
// every example against the bundle's values schema.
//
// Output is deterministic: actions in name order, fields in declaration
// order, nothing from the environment.
package docs
