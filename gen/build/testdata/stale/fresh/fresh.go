// Package fresh's registry is current: one action named by its function,
// one by name=.
package fresh

import (
	"context"

	"github.com/robusta-go/robusta/runtime/api"
)

// PodCheck is listed as pod_check.
//
//robusta:action
func PodCheck(ctx context.Context, event api.PodEvent) error { return nil }

// Renamed is listed under its name= override.
//
//robusta:action name=custom_name
func Renamed(event api.ExecutionEvent) {}
