package alerts

import (
	"strings"
	"testing"
	"time"
)

// TestSeenBoundedInBytes: a megabyte-long key (an alert without a
// fingerprint, keyed by its labels) costs the set 32 bytes, and is still
// recognised and released exactly.
func TestSeenBoundedInBytes(t *testing.T) {
	s := newSeen(time.Hour, 10, time.Now)
	long := strings.Repeat("x", 1<<20)
	if !s.Claim(long) || s.Claim(long) {
		t.Fatal("a long key was not claimed once")
	}
	if !s.Claim(long + "y") {
		t.Fatal("a different long key counted as the same")
	}
	held := 0
	for k := range s.index {
		held += len(k)
	}
	if held != 2*32 {
		t.Errorf("the set holds %d bytes of keys for two keys, want 64", held)
	}
	s.Release(long)
	if !s.Claim(long) {
		t.Error("a released long key could not be claimed again")
	}
}
