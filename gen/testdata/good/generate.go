// Package goodpb is a playbook repo with every kind of action robusta-gen
// accepts. Its tests live in robusta-go's gen package.
package goodpb

//go:generate go run github.com/robusta-go/robusta/cmd/robusta-gen generate --no-builtins --out robusta
