package schedule

import (
	"context"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// pastSchedule is a cron.Schedule whose next time is already past, as
// robfig/cron's zero time for an expression with no match ahead is.
type pastSchedule struct{ next time.Time }

func (p pastSchedule) Next(time.Time) time.Time { return p.next }

// countingSubmitter counts runs and cancels after limit of them, so that a
// job spinning on a past time ends the test instead of hanging it.
type countingSubmitter struct {
	n      atomic.Int32
	limit  int32
	cancel context.CancelFunc
}

func (c *countingSubmitter) SubmitSchedule(context.Context, int, *api.ScheduledEvent) error {
	if c.n.Add(1) >= c.limit {
		c.cancel()
	}
	return nil
}

// A next run that is not after now stops the job: waiting for it returns at
// once, so the job would otherwise run back to back.
func TestRunStopsWhenNextRunIsPast(t *testing.T) {
	for name, p := range map[string]plan{
		"cron zero time":   {cron: pastSchedule{}},
		"cron in the past": {cron: pastSchedule{next: time.Now().Add(-time.Hour)}},
		"fixed, no delay":  {fixed: &trigger.FixedDelayRepeat{Repeat: -1, SecondsDelay: 0}},
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			sub := &countingSubmitter{limit: 5, cancel: cancel}
			s := &Scheduler{submit: sub, store: &MemoryStore{}, clock: RealClock{}, logger: slog.New(slog.DiscardHandler)}
			// A fixed job's first run waits for the initial delay; start it
			// as a job that has run once, long ago.
			st := State{Runs: 1, LastRun: time.Now().Add(-time.Hour)}
			s.run(ctx, Job{ID: "j", Playbook: "pb"}, p, st, time.Now())
			if got := sub.n.Load(); got != 0 {
				t.Errorf("%d runs submitted, want 0: the job should stop", got)
			}
		})
	}
}
