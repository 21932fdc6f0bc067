// Package emit writes a playbook package's registry file,
// zz_generated.robusta.go, with github.com/dave/jennifer.
//
// The file exports the package's actions as a value,
//
//	var Actions = registry.Package{Path: "...", Actions: []registry.Action{...}}
//
// and registers nothing in init(): a runner lists the packages it wants,
// explicitly, the way the OpenTelemetry Collector Builder writes its
// components.go, so nothing joins the runner by a side effect of an import.
//
// Each action gets a typed adapter. Accepts is the type assertion the action
// needs; Bind decodes the params once, at config load, into the exact
// struct (by value or by pointer, as the function takes it) and returns a
// closure that asserts the event to the exact type and calls the function
// directly. Nothing on the per-event path reflects or decodes.
//
// # Deterministic, valid Go
//
// Actions come in name order, triggers sorted, the schema embedded as a raw
// string; nothing depends on the machine, the time or map order, so a rerun
// with no source change produces the same bytes. Import aliases are set
// explicitly (api, registry, context, and each foreign params package by
// its name, numbered on a clash) because jennifer's guesses number
// same-named packages in discovery order. Local names in the adapters are
// chosen not to shadow anything the adapter refers to. The file carries
// //go:build !robusta_gen so that the generator, loading with that tag,
// never reads its own stale output.
//
// # Reading it back
//
// ParseRegistry reads what Registry wrote, package path and action names,
// with go/parser alone: robusta-gen build uses it on every playbook package
// to refuse a registry that no longer matches the sources. The reader sits
// beside the writer so that the format has one owner, and
// TestRegistryRoundTrip holds the two together.
package emit
