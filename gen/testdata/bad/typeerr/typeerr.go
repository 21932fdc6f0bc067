// Package typeerr does not type-check; its actions are analysed as far as
// the types allow, without repeating the type checker's complaints.
package typeerr

import (
	"context"

	"github.com/robusta-go/robusta/runtime/api"
)

//robusta:action
func UndefinedParams(ctx context.Context, event api.PodEvent, p Missing) error { return nil } // want `undefined: Missing`

//robusta:action
func BadBody(ctx context.Context, event api.PodEvent) error {
	return undefinedThing // want `undefined: undefinedThing`
}
