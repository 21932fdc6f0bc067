// Package retrytest provides a fake retry.Clock, so that tests of code that
// retries run without sleeping and can assert every wait.
package retrytest

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Clock is a fake retry.Clock. By default Sleep returns at once, recording
// its duration and moving Now forward by it; after Hold, Sleep blocks until
// its context is done, as a wait that never ends. Safe for concurrent use.
type Clock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
	held   chan time.Duration
}

// NewClock returns a clock that reads now.
func NewClock(now time.Time) *Clock { return &Clock{now: now} }

// Now returns the fake time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Sleep records d and moves the time forward by d; when held, it announces
// d on Hold's channel and blocks until ctx is done.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.sleeps = append(c.sleeps, d)
	held := c.held
	if held == nil {
		c.now = c.now.Add(d)
	}
	c.mu.Unlock()
	if held == nil {
		return ctx.Err()
	}
	select {
	case held <- d:
	case <-ctx.Done():
		return ctx.Err()
	}
	<-ctx.Done()
	return ctx.Err()
}

// Hold makes every later Sleep block until its context is done. Each held
// Sleep first sends its duration on the returned channel (a test reads it
// to know a wait has begun) or gives up sending when its context ends.
func (c *Clock) Hold() <-chan time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.held == nil {
		c.held = make(chan time.Duration)
	}
	return c.held
}

// Sleeps returns the durations Sleep was called with, in order.
func (c *Clock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.sleeps)
}
