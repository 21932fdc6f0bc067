package schedule_test

import (
	"context"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// fakeClock is a Clock that moves only when the test advances it.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []waiter
}

type waiter struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock(now time.Time) *fakeClock { return &fakeClock{now: now} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.waiters = append(c.waiters, waiter{at: c.now.Add(d), ch: ch})
	return ch
}

// Advance moves the clock by d and fires the timers that are due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if w.at.After(c.now) {
			kept = append(kept, w)
		} else {
			w.ch <- c.now
		}
	}
	c.waiters = kept
}

// Drop forgets the pending timers (those of a stopped Scheduler).
func (c *fakeClock) Drop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waiters = nil
}

// Waiting returns how many timers are pending.
func (c *fakeClock) Waiting() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.waiters)
}

// NextIn returns how far the earliest pending timer is.
func (c *fakeClock) NextIn() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	var ds []time.Duration
	for _, w := range c.waiters {
		ds = append(ds, w.at.Sub(c.now))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	if len(ds) == 0 {
		return -1
	}
	return ds[0]
}

// wait bounds a test's waits for a goroutine to reach a state.
const wait = 10 * time.Second

// awaitTimers waits until n timers are pending, i.e. every job is idle.
func awaitTimers(t *testing.T, c *fakeClock, n int) {
	t.Helper()
	kubetest.Eventually(t, wait, "pending timers", func() bool { return c.Waiting() == n })
}

// run is one submitted run.
type run struct {
	Index, Recurrence int
	At                time.Time
}

// recorder is a Submitter that records the runs.
type recorder struct {
	clock *fakeClock
	mu    sync.Mutex
	runs  []run
}

func (r *recorder) SubmitSchedule(_ context.Context, index int, ev *api.ScheduledEvent) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.runs = append(r.runs, run{Index: index, Recurrence: ev.Recurrence, At: r.clock.Now()})
	return nil
}

func (r *recorder) Runs() []run {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]run(nil), r.runs...)
}
