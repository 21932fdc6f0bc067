package retry

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"
)

// Defaults for the zero fields of a Policy.
const (
	DefaultAttempts = 5
	DefaultInitial  = 500 * time.Millisecond
	DefaultMax      = 30 * time.Second
	DefaultTotal    = 2 * time.Minute
)

// Clock tells the time and waits. SystemClock is the real one;
// retrytest.Clock is a fake.
type Clock interface {
	Now() time.Time
	// Sleep waits for d, or until ctx is done and then returns ctx.Err().
	Sleep(ctx context.Context, d time.Duration) error
}

// SystemClock is the wall clock.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// Sleep waits for d on a timer, or until ctx is done.
func (SystemClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Policy bounds the retries of one Do. Zero fields take the defaults above.
type Policy struct {
	// Attempts is the most calls of the operation, the first included.
	Attempts int
	// Initial is the backoff after the first failure; it doubles after each
	// further failure, up to Max.
	Initial, Max time.Duration
	// Total bounds the time from the first call to the start of the last.
	Total time.Duration
	// Clock defaults to SystemClock.
	Clock Clock
	// Rand returns a number in [0, 1) for jitter; it defaults to
	// math/rand/v2's Float64.
	Rand func() float64
	// NoJitter makes each backoff exactly Initial doubled, capped at Max:
	// for a caller whose calls are spread otherwise (a rate limiter) and
	// that wants an exact schedule. Rand is then unused.
	NoJitter bool
	// OnRetry, when set, is called before each wait with the attempt that
	// failed (1 for the first), its error and the wait about to begin: to
	// log the failure, or to tell other senders to hold off.
	OnRetry func(attempt int, err error, wait time.Duration)
}

// WithDefaults returns p with its zero fields set to the defaults.
func (p Policy) WithDefaults() Policy {
	if p.Attempts <= 0 {
		p.Attempts = DefaultAttempts
	}
	if p.Initial <= 0 {
		p.Initial = DefaultInitial
	}
	if p.Max <= 0 {
		p.Max = DefaultMax
	}
	if p.Total <= 0 {
		p.Total = DefaultTotal
	}
	if p.Clock == nil {
		p.Clock = SystemClock{}
	}
	if p.Rand == nil {
		p.Rand = rand.Float64
	}
	return p
}

// Backoff returns the wait after the given failed attempt (1 for the
// first): Initial doubled attempt-1 times, capped at Max, with equal jitter
// unless NoJitter. p must have its defaults set.
func (p Policy) Backoff(attempt int) time.Duration {
	b := p.Initial
	for i := 1; i < attempt && b < p.Max; i++ {
		b *= 2
	}
	b = min(b, p.Max)
	if p.NoJitter {
		return b
	}
	return b/2 + time.Duration(p.Rand()*float64(b/2))
}

// Do calls op until it returns nil, returns a Permanent error, or the
// policy's attempts or total time run out; ctx bounds it all. The error
// returned wraps op's last error.
func Do(ctx context.Context, p Policy, op func(context.Context) error) error {
	p = p.WithDefaults()
	if err := ctx.Err(); err != nil {
		return err
	}
	start := p.Clock.Now()
	count := counterFrom(ctx)
	for attempt := 1; ; attempt++ {
		err := op(ctx)
		switch {
		case err == nil:
			return nil
		case ctx.Err() != nil:
			return fmt.Errorf("%w after %s; last error: %w", ctx.Err(), attempts(attempt), err)
		case IsPermanent(err):
			return err
		case attempt >= p.Attempts:
			return fmt.Errorf("giving up after %s: %w", attempts(attempt), err)
		}
		wait, hinted := RetryAfter(err)
		if !hinted {
			wait = p.Backoff(attempt)
		}
		if elapsed := p.Clock.Now().Sub(start); elapsed+wait > p.Total {
			return fmt.Errorf("giving up after %s in %v (the next wait, %v, would pass the %v limit): %w",
				attempts(attempt), elapsed, wait, p.Total, err)
		}
		if p.OnRetry != nil {
			p.OnRetry(attempt, err, wait)
		}
		if count != nil {
			count(Reason(err))
		}
		if werr := p.Clock.Sleep(ctx, wait); werr != nil {
			return fmt.Errorf("%w while waiting to retry after %s; last error: %w", werr, attempts(attempt), err)
		}
	}
}

func attempts(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return fmt.Sprintf("%d attempts", n)
}
