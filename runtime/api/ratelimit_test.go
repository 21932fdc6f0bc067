package api_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// clock is a fake clock tests move by hand.
type clock struct{ now atomic.Int64 }

func (c *clock) Now() time.Time      { return time.Unix(0, c.now.Load()) }
func (c *clock) Add(d time.Duration) { c.now.Add(int64(d)) }
func newClock() *clock {
	c := &clock{}
	c.now.Store(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	return c
}
func limiter(c *clock) *api.Limiter        { return api.NewLimiter(c.Now) }
func mark(l *api.Limiter, key string) bool { return l.MarkAndTest("op", key, time.Minute) }

func TestLimiterLetsThroughOncePerPeriod(t *testing.T) {
	c := newClock()
	l := limiter(c)
	steps := []struct {
		advance time.Duration
		key     string
		want    bool
	}{
		{0, "a", true},
		{0, "a", false},
		{0, "b", true}, // keys are independent
		{30 * time.Second, "a", false},
		{30 * time.Second, "a", false}, // exactly the period: still limited
		{time.Second, "a", true},
		{59 * time.Second, "a", false}, // a false did not move the mark
		{2 * time.Second, "a", true},
	}
	for i, s := range steps {
		c.Add(s.advance)
		if got := mark(l, s.key); got != s.want {
			t.Errorf("step %d (%s): got %v, want %v", i, s.key, got, s.want)
		}
	}
	if !l.MarkAndTest("other-op", "a", time.Minute) {
		t.Error("operations are not independent")
	}
}

func TestLimiterDropsExpiredKeys(t *testing.T) {
	c := newClock()
	l := limiter(c)
	for i := range 5000 {
		mark(l, fmt.Sprint(i))
		c.Add(time.Second) // each key expires a minute later
	}
	// Only keys of the last minute (plus those not yet swept) may remain.
	if n := l.Len(); n > 2048 {
		t.Errorf("limiter holds %d keys after 5000 expiring ones, want it bounded", n)
	}
}

func TestLimiterUnderConcurrency(t *testing.T) {
	l := limiter(newClock())
	var wins atomic.Int32
	var wg sync.WaitGroup
	for range 64 {
		wg.Go(func() {
			if mark(l, "same") {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Errorf("%d callers won, want exactly 1", wins.Load())
	}
}
