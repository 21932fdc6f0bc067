package playbooks

import (
	"testing"
	"time"
)

// SetGraphClock fixes the graphs' clock and time zone for a test, so a
// graph's window and labels, and so its golden PNG, do not move.
func SetGraphClock(t testing.TB, now time.Time, zone *time.Location) {
	oldNow, oldZone := graphNow, graphZone
	graphNow, graphZone = func() time.Time { return now }, zone
	t.Cleanup(func() { graphNow, graphZone = oldNow, oldZone })
}
