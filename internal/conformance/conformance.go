// Package conformance holds Robusta's own test data, copied into the
// repository so that a clone tests on its own: Robusta's sink scope vectors
// and its chart's values with the built-in playbooks its users run. See
// robusta/README.md for where each file came from.
//
// The files are embedded rather than read by relative path, so that every
// package's tests find them wherever `go test` runs, and the package is
// imported only by tests: it adds nothing to the runner.
package conformance

import _ "embed"

// HelmValuesFile and ScopeVectorsFile name the files in messages, relative
// to the repository root.
const (
	HelmValuesFile   = "internal/conformance/robusta/helm-values.yaml"
	ScopeVectorsFile = "internal/conformance/robusta/scope_test_config.yaml"
)

// HelmValues is Robusta's helm/robusta/values.yaml.
//
//go:embed robusta/helm-values.yaml
var HelmValues []byte

// ScopeVectors is Robusta's tests/scope_test_config.yaml.
//
//go:embed robusta/scope_test_config.yaml
var ScopeVectors []byte
