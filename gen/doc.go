// Package gen is robusta-gen as a library: it turns a playbook repo's Go
// packages into the files a runner, Helm and an editor need, and reports
// every mistake in the repo at once.
//
// A run is a pipeline of small packages, each about one concern:
//
//	load     one go/packages call: syntax and types of the roots,
//	         dependencies from export data, -tags=robusta_gen
//	scan     the //robusta: directives of every comment, checked for
//	         name, arguments and placement
//	analyze  each action's signature against Contract 1 (docs/design.md) with go/types,
//	         the triggers it accepts, duplicate names
//	schema   each action's params schema from go/types
//	emit     zz_generated.robusta.go per package, with jennifer
//	values   the bundle's Helm values.schema.json
//	docs     ACTIONS.md
//	output   write what changed, remove what is stale
//
// and, for validate, staticset: a registry.Set built from the analysis, for
// the runtime's config loader.
//
// Analyze runs the first three and returns the model.Bundle; Render turns a
// bundle into files without touching the disk (golden tests use it);
// Generate does both, writes, and removes the registries and schemas of
// actions that are gone. Validate checks a values file against a bundle the
// way the runner will, without compiling the playbooks.
//
// With Options.CacheDir (the command line's default), Generate first looks
// for the entry of its last successful run with the same options (package
// cache): when every file the load read, every output and the generator
// itself are as they were, it returns at once, with the notes of that run
// and Result.Cached. A rerun with nothing changed thus costs a few hundred
// file hashes instead of a load.
//
// Mistakes in the sources come back as a diag.List, which is an error: the
// caller prints it, one "file:line:col: message" per line, and fails. Any
// other error is the environment's (the go command failed, a file could not
// be written). A panic inside the pipeline is a bug; it is turned into an
// "internal error" diagnostic rather than a crash with a go/types stack in
// the middle of someone's go generate.
package gen
