// Package dup declares an action whose name the root package also uses.
package dup

import "github.com/robusta-go/robusta/runtime/api"

// Shared is named like badpb.Shared.
//
//robusta:action name=shared_name
func Shared(event api.PodEvent) {} // want `duplicate action name "shared_name": also declared by example.com/badpb.Shared \(signatures.go:\d+:\d+\)`

// Actions clashes with the generated registry.
var Actions = 1 // want `package-level Actions clashes with the var Actions of the generated registry`
