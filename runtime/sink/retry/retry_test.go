package retry_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/sink/retry"
	"github.com/robusta-go/robusta/runtime/sink/retry/retrytest"
)

var epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// half makes jitter deterministic: a wait for backoff b lasts 3b/4.
func half() float64 { return 0.5 }

// failing returns an op that fails with errs in turn, then succeeds, and
// counts its calls.
func failing(calls *int, errs ...error) func(context.Context) error {
	return func(context.Context) error {
		*calls++
		if *calls <= len(errs) {
			return errs[*calls-1]
		}
		return nil
	}
}

func TestDoRetriesWithBackoff(t *testing.T) {
	clock := retrytest.NewClock(epoch)
	p := retry.Policy{Initial: time.Second, Max: 3 * time.Second, Attempts: 5, Clock: clock, Rand: half}
	var calls int
	boom := errors.New("boom")
	if err := retry.Do(context.Background(), p, failing(&calls, boom, boom, boom, boom)); err != nil {
		t.Fatal(err)
	}
	if calls != 5 {
		t.Errorf("op called %d times, want 5", calls)
	}
	// Backoffs 1s, 2s, 3s (capped), 3s, each at 3/4 with Rand 0.5.
	want := []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond, 2250 * time.Millisecond, 2250 * time.Millisecond}
	if diff := cmp.Diff(want, clock.Sleeps()); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
}

func TestDoNoJitterIsExact(t *testing.T) {
	clock := retrytest.NewClock(epoch)
	never := func() float64 { t.Error("Rand called with NoJitter"); return 0 }
	p := retry.Policy{Initial: time.Second, Max: 3 * time.Second, Attempts: 5, Clock: clock, Rand: never, NoJitter: true}
	var calls int
	boom := errors.New("boom")
	if err := retry.Do(context.Background(), p, failing(&calls, boom, boom, boom, boom)); err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{time.Second, 2 * time.Second, 3 * time.Second, 3 * time.Second}
	if diff := cmp.Diff(want, clock.Sleeps()); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
	if got := p.WithDefaults().Backoff(100); got != 3*time.Second {
		t.Errorf("Backoff(100) = %v, want Max", got)
	}
}

func TestDoOnRetry(t *testing.T) {
	clock := retrytest.NewClock(epoch)
	type retried struct {
		attempt int
		err     error
		wait    time.Duration
		slept   int // sleeps before the call
	}
	var got []retried
	boom, slow := errors.New("boom"), retry.After(errors.New("429"), 7*time.Second)
	p := retry.Policy{Initial: time.Second, Attempts: 3, Clock: clock, NoJitter: true,
		OnRetry: func(attempt int, err error, wait time.Duration) {
			got = append(got, retried{attempt, err, wait, len(clock.Sleeps())})
		}}
	var calls int
	err := retry.Do(context.Background(), p, failing(&calls, boom, slow, boom))
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want boom after 3 attempts", err)
	}
	// Called before each wait, not after the last attempt.
	want := []retried{{1, boom, time.Second, 0}, {2, slow, 7 * time.Second, 1}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(retried{}), cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("OnRetry calls (-want +got):\n%s", diff)
	}
}

func TestDoGivesUpAfterAttempts(t *testing.T) {
	clock := retrytest.NewClock(epoch)
	var calls int
	boom := errors.New("boom")
	err := retry.Do(context.Background(), retry.Policy{Attempts: 3, Clock: clock}, failing(&calls, boom, boom, boom, boom))
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "after 3 attempts") {
		t.Errorf("error %v, want boom after 3 attempts", err)
	}
	if calls != 3 || len(clock.Sleeps()) != 2 {
		t.Errorf("%d calls and %d sleeps, want 3 and 2", calls, len(clock.Sleeps()))
	}
}

func TestDoStopsOnPermanent(t *testing.T) {
	clock := retrytest.NewClock(epoch)
	var calls int
	bad := errors.New("400 bad request")
	err := retry.Do(context.Background(), retry.Policy{Clock: clock}, failing(&calls, retry.Permanent(bad)))
	if !errors.Is(err, bad) || !retry.IsPermanent(err) || err.Error() != bad.Error() {
		t.Errorf("error %v, want the permanent error as is", err)
	}
	if calls != 1 || len(clock.Sleeps()) != 0 {
		t.Errorf("%d calls and %d sleeps, want 1 and 0", calls, len(clock.Sleeps()))
	}
}

func TestDoHonoursRetryAfter(t *testing.T) {
	clock := retrytest.NewClock(epoch)
	var calls int
	slow := retry.After(errors.New("429"), 42*time.Second) // above Max: honoured anyway
	if err := retry.Do(context.Background(), retry.Policy{Max: time.Second, Clock: clock}, failing(&calls, slow)); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]time.Duration{42 * time.Second}, clock.Sleeps()); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
}

func TestDoBoundsTotalTime(t *testing.T) {
	clock := retrytest.NewClock(epoch)
	var calls int
	slow := retry.After(errors.New("429"), 50*time.Second)
	err := retry.Do(context.Background(), retry.Policy{Total: time.Minute, Clock: clock}, failing(&calls, slow, slow, slow))
	if err == nil || !strings.Contains(err.Error(), "would pass the 1m0s limit") {
		t.Fatalf("error %v, want the total time limit", err)
	}
	// The first 50s wait fits in a minute; the second would end at 100s.
	if calls != 2 || len(clock.Sleeps()) != 1 {
		t.Errorf("%d calls and %d sleeps, want 2 and 1", calls, len(clock.Sleeps()))
	}
}

func TestDoCancelledDuringWait(t *testing.T) {
	clock := retrytest.NewClock(epoch)
	waiting := clock.Hold()
	ctx, cancel := context.WithCancel(context.Background())
	boom := errors.New("boom")
	done := make(chan error)
	go func() { done <- retry.Do(ctx, retry.Policy{Clock: clock}, func(context.Context) error { return boom }) }()
	<-waiting
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) || !errors.Is(err, boom) {
			t.Errorf("error %v, want it to wrap context.Canceled and the last error", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Do did not return after its context was cancelled")
	}
}

func TestDoNotCalledWithDoneContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls int
	if err := retry.Do(ctx, retry.Policy{}, failing(&calls)); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if calls != 0 {
		t.Errorf("op called %d times", calls)
	}
}

func TestBackoffJitterBounds(t *testing.T) {
	for _, tc := range []struct {
		attempt  int
		lo, high time.Duration
	}{
		{1, 500 * time.Millisecond, time.Second},
		{2, time.Second, 2 * time.Second},
		{5, 8 * time.Second, 16 * time.Second},
		{6, 15 * time.Second, 30 * time.Second},   // capped at Max
		{100, 15 * time.Second, 30 * time.Second}, // no overflow
	} {
		for _, r := range []float64{0, 0.999999} {
			p := retry.Policy{Initial: time.Second, Max: 30 * time.Second, Rand: func() float64 { return r }}.WithDefaults()
			if got := p.Backoff(tc.attempt); got < tc.lo || got >= tc.high {
				t.Errorf("Backoff(%d) with rand %v = %v, want in [%v, %v)", tc.attempt, r, got, tc.lo, tc.high)
			}
		}
	}
}

func TestSystemClockSleepHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	if err := (retry.SystemClock{}).Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if time.Since(start) > time.Second {
		t.Error("Sleep ignored its cancelled context")
	}
}
