// Package trigger is the table of Robusta's trigger names and what each one
// means: which inputs it listens to, the concrete event type it produces,
// and the filters it takes (name_prefix, namespace_prefix, labels_selector,
// scope, and the alert and schedule parameters).
//
// robusta-gen reads Specs to decide, with the type checker, which triggers
// each action accepts (a trigger qualifies when its Event type implements the
// action's event type) and to write the values schema; the config loader
// compiles each configured trigger into a Trigger whose match functions
// allocate nothing, so that an event nobody wants costs no garbage.
package trigger
