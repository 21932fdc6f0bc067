// Package missing gained an action after its registry was generated.
package missing

import "github.com/robusta-go/robusta/runtime/api"

// Listed is in the registry.
//
//robusta:action
func Listed(event api.ExecutionEvent) {}

// Added is not.
//
//robusta:action
func Added(event api.ExecutionEvent) {}
