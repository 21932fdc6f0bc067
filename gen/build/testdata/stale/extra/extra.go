// Package extra lost an action's directive after its registry was
// generated: the registry still lists it.
package extra

import "github.com/robusta-go/robusta/runtime/api"

// Kept is still an action.
//
//robusta:action
func Kept(event api.ExecutionEvent) {}

// Gone was an action once.
func Gone(event api.ExecutionEvent) {}
