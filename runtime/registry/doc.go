// Package registry holds the types robusta-gen emits into: each playbook
// package's zz_generated.robusta.go exports a Package value listing its
// actions, and a runner composes those values into a Set.
//
// An Action carries what the config loader needs to check a playbook before
// anything runs (its name, the triggers it accepts, its params schema) and a
// typed adapter. Bind decodes the params once, when the config loads, into
// the action's own params struct and returns a Func that asserts the event to
// the action's exact event type and calls the function directly: the hot
// path has no reflection and no decoding.
package registry
