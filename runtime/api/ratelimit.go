package api

import (
	"sync"
	"time"
)

// RateLimiter is the process-wide limiter actions share, like Robusta's
// RateLimiter: RateLimiter.MarkAndTest("restart_loop", podName, time.Hour).
var RateLimiter = NewLimiter(time.Now)

// Limiter lets an operation on a key through at most once per period. It is
// safe for concurrent use. Memory stays bounded by the keys seen within
// their period: expired keys are dropped as the map grows.
type Limiter struct {
	now func() time.Time

	mu        sync.Mutex
	entries   map[string]limitEntry
	sweepAt   int
	minSweeps int
}

type limitEntry struct {
	last   time.Time
	period time.Duration
}

// NewLimiter returns a Limiter reading time from now (time.Now, or a fake
// clock in tests).
func NewLimiter(now func() time.Time) *Limiter {
	return &Limiter{now: now, entries: map[string]limitEntry{}, sweepAt: 1024, minSweeps: 1024}
}

// MarkAndTest reports whether op on key may run now: true the first time
// and once period has passed since the last true, which it then records.
// A false answer records nothing, as in Robusta.
func (l *Limiter) MarkAndTest(op, key string, period time.Duration) bool {
	now := l.now()
	k := op + "\x00" + key
	l.mu.Lock()
	defer l.mu.Unlock()
	if e, ok := l.entries[k]; ok && now.Sub(e.last) <= period {
		return false
	}
	l.entries[k] = limitEntry{last: now, period: period}
	if len(l.entries) >= l.sweepAt {
		l.sweep(now)
	}
	return true
}

// Len returns the number of keys held.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.entries)
}

// sweep drops expired keys and sets the next sweep at twice the live size,
// so that sweeping costs amortised O(1) per call.
func (l *Limiter) sweep(now time.Time) {
	for k, e := range l.entries {
		if now.Sub(e.last) > e.period {
			delete(l.entries, k)
		}
	}
	l.sweepAt = max(l.minSweeps, 2*len(l.entries))
}
