// Package broken has a file that does not parse; the other files are still
// analysed.
package broken

import "github.com/robusta-go/robusta/runtime/api"

//robusta:action
func StillChecked(event api.PodEvent) int { return 0 } // want `action returns \(int\)`
