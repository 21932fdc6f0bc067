// Package helpers has no actions: the functions actions call.
package helpers

import (
	"context"

	"github.com/robusta-go/robusta/runtime/api"
)

// Double doubles n.
func Double(n int) int { return 2 * n }

// Tail reads the last lines of the pod's log: an action calling it needs
// pods/log, which the generator finds through this call.
func Tail(ctx context.Context, pod *api.Pod) (string, error) {
	return pod.GetLogs(ctx, api.TailLines(20))
}
