// Package nogen has an action but was never generated.
package nogen

import "github.com/robusta-go/robusta/runtime/api"

// Never is not in any registry.
//
//robusta:action
func Never(event api.ExecutionEvent) {}
