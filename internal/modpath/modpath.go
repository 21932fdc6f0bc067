// Package modpath names robusta-go's module and the packages the generator
// and the kinds generator refer to by import path, so that a move or a
// rename is one edit here rather than a hunt for string literals.
package modpath

const (
	// Module is robusta-go's module path, which generated go.mod files
	// require.
	Module = "github.com/robusta-go/robusta"
	// API is the package playbook authors import.
	API = Module + "/runtime/api"
	// Registry is the package generated registries import.
	Registry = Module + "/runtime/registry"
	// Scope is the package of scope params (scope.Values and friends).
	Scope = Module + "/runtime/scope"
	// Builtin is the built-in playbook bundle.
	Builtin = Module + "/playbooks"
)
