// Package playbooks is robusta-go's built-in bundle: a playbook repository
// like any user's, whose actions are plain functions marked
// //robusta:action and whose registry (zz_generated.robusta.go), schemas and
// docs (robusta/) are written by go generate.
//
// The actions keep Robusta's names and params so that a Robusta user's
// customPlaybooks load unchanged where the feature exists.
package playbooks

//go:generate go run ../cmd/robusta-gen generate --out robusta ./...
//go:generate go run ../cmd/robusta-gen chart --out ../charts/robusta-runner ./...
