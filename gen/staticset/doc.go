// Package staticset builds a registry.Set from a bundle's analysis instead
// of from compiled playbooks, so that `robusta-gen validate` checks a
// values file with the runtime's own config loader in a second, without
// building anything.
//
// Each action carries what the analysis knows: its name, event type,
// triggers and params schema, exactly as the generated registry would. Its
// Accepts answers from the trigger list the type checker computed: an event
// is accepted when the trigger that produces its concrete type is in the
// list, which is the same answer the generated type assertion gives. Its
// Bind checks the params against the schema (what the generated Bind's
// decoder would refuse) and returns a Func that does nothing: validate
// never runs an action.
package staticset
