package kubetest

import (
	"testing"
	"time"
)

// Eventually polls cond every 10ms until it holds, failing the test with
// what after timeout. It waits for a state, never for a length of time:
// the timeout only bounds a test that would otherwise hang.
func Eventually(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		<-tick.C
	}
}
