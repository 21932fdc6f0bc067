// Package stale is a playbook repo whose registries are out of date in
// every way gen/build must catch. Its registries are written by hand, in
// the generator's shape; nothing here is compiled.
package stale
