package schedule_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/schedule"
	"github.com/robusta-go/robusta/runtime/trigger"
)

var t0 = time.Date(2026, 1, 1, 12, 1, 30, 0, time.UTC)

func fixed(repeat, delay int) trigger.ScheduleParams {
	return trigger.ScheduleParams{FixedDelayRepeat: &trigger.FixedDelayRepeat{Repeat: repeat, SecondsDelay: delay}}
}

func cronEvery(expr string) trigger.ScheduleParams {
	return trigger.ScheduleParams{CronScheduleRepeat: &trigger.CronScheduleRepeat{CronExpression: expr}}
}

// harness is a started Scheduler on a fake clock.
type harness struct {
	clock *fakeClock
	rec   *recorder
	s     *schedule.Scheduler
}

func startScheduler(t *testing.T, clock *fakeClock, store schedule.Store, jobs ...schedule.Job) *harness {
	t.Helper()
	h := &harness{clock: clock, rec: &recorder{clock: clock}}
	s, err := schedule.New(jobs, h.rec, store, schedule.WithClock(clock), schedule.WithInitialDelay(2*time.Minute), schedule.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	h.s = s
	t.Cleanup(s.Stop)
	return h
}

// step advances the clock to the next timer and waits for the runs to
// reach runs and the pending timers to reach timers.
func (h *harness) step(t *testing.T, runs, timers int) {
	t.Helper()
	d := h.clock.NextIn()
	if d < 0 {
		t.Fatal("no timer pending")
	}
	h.clock.Advance(d)
	h.settle(t, runs, timers)
}

func (h *harness) settle(t *testing.T, runs, timers int) {
	t.Helper()
	kubetest.Eventually(t, wait, "runs", func() bool { return len(h.rec.Runs()) >= runs })
	awaitTimers(t, h.clock, timers)
	if got := len(h.rec.Runs()); got != runs {
		t.Fatalf("%d runs, want %d: %+v", got, runs, h.rec.Runs())
	}
}

func TestFixedDelayRunsRepeatTimes(t *testing.T) {
	clock, store := newFakeClock(t0), &schedule.MemoryStore{}
	h := startScheduler(t, clock, store, schedule.Job{ID: "a", Index: 0, Playbook: "pb", Params: fixed(3, 10)})
	awaitTimers(t, clock, 1)
	if d := clock.NextIn(); d != 2*time.Minute {
		t.Errorf("first run in %s, want the initial delay 2m", d)
	}
	h.step(t, 1, 1)
	if d := clock.NextIn(); d != 10*time.Second {
		t.Errorf("second run in %s, want seconds_delay 10s", d)
	}
	h.step(t, 2, 1)
	h.step(t, 3, 0) // finished: no timer left
	clock.Advance(time.Hour)
	h.settle(t, 3, 0)

	want := []run{
		{0, 0, t0.Add(120 * time.Second)},
		{0, 1, t0.Add(130 * time.Second)},
		{0, 2, t0.Add(140 * time.Second)},
	}
	if diff := cmp.Diff(want, h.rec.Runs()); diff != "" {
		t.Errorf("runs (-want +got):\n%s", diff)
	}
	h.s.Stop() // waits for the last Save
	states, _, _ := store.Load(context.Background())
	if diff := cmp.Diff(map[string]schedule.State{"a": {Playbook: "pb", Runs: 3, LastRun: t0.Add(140 * time.Second)}}, states); diff != "" {
		t.Errorf("stored state (-want +got):\n%s", diff)
	}
}

func TestFixedDelayForever(t *testing.T) {
	clock := newFakeClock(t0)
	h := startScheduler(t, clock, &schedule.MemoryStore{}, schedule.Job{ID: "a", Params: fixed(-1, 5)})
	awaitTimers(t, clock, 1)
	for i := 1; i <= 20; i++ {
		h.step(t, i, 1)
	}
	if got := h.rec.Runs()[19].Recurrence; got != 19 {
		t.Errorf("20th run has recurrence %d, want 19", got)
	}
}

func TestCron(t *testing.T) {
	clock, store := newFakeClock(t0), &schedule.MemoryStore{}
	h := startScheduler(t, clock, store, schedule.Job{ID: "c", Index: 1, Playbook: "cron", Params: cronEvery("*/5 * * * *")})
	awaitTimers(t, clock, 1)
	if d := clock.NextIn(); d != 3*time.Minute+30*time.Second {
		t.Errorf("first run in %s, want 3m30s (at 12:05)", d)
	}
	h.step(t, 1, 1)
	h.step(t, 2, 1)
	h.step(t, 3, 1)
	base := time.Date(2026, 1, 1, 12, 5, 0, 0, time.UTC)
	want := []run{{1, 0, base}, {1, 1, base.Add(5 * time.Minute)}, {1, 2, base.Add(10 * time.Minute)}}
	if diff := cmp.Diff(want, h.rec.Runs()); diff != "" {
		t.Errorf("runs (-want +got):\n%s", diff)
	}
}

func TestRestartContinuesFromStoredState(t *testing.T) {
	ctx := context.Background()
	store := &schedule.MemoryStore{}
	for id, st := range map[string]schedule.State{
		"done":   {Runs: 3, LastRun: t0.Add(-time.Hour)},
		"recent": {Runs: 1, LastRun: t0.Add(-3 * time.Second)},
		"stale":  {Runs: 1, LastRun: t0.Add(-time.Hour)},
		"cron":   {Runs: 7, LastRun: t0.Add(-time.Hour)},
	} {
		if err := store.Save(ctx, id, st); err != nil {
			t.Fatal(err)
		}
	}
	clock := newFakeClock(t0)
	h := startScheduler(t, clock, store,
		schedule.Job{ID: "done", Index: 0, Params: fixed(3, 10)},
		schedule.Job{ID: "recent", Index: 1, Params: fixed(2, 10)},
		schedule.Job{ID: "stale", Index: 2, Params: fixed(2, 10)},
		schedule.Job{ID: "cron", Index: 3, Params: cronEvery("0 * * * *")},
	)
	// stale's next run was due long ago: it runs once at once and is
	// finished; done never runs; recent and cron wait.
	h.settle(t, 1, 2)
	if d := clock.NextIn(); d != 7*time.Second {
		t.Errorf("recent's next run in %s, want 7s (last run + seconds_delay)", d)
	}
	h.step(t, 2, 1)
	h.step(t, 3, 1)
	want := []run{
		{2, 1, t0},
		{1, 1, t0.Add(7 * time.Second)},
		{3, 7, time.Date(2026, 1, 1, 13, 0, 0, 0, time.UTC)},
	}
	if diff := cmp.Diff(want, h.rec.Runs()); diff != "" {
		t.Errorf("runs (-want +got):\n%s", diff)
	}
}

func TestSecondSchedulerContinuesTheCount(t *testing.T) {
	clock, store := newFakeClock(t0), &schedule.MemoryStore{}
	job := schedule.Job{ID: "a", Params: fixed(3, 10)}
	first := startScheduler(t, clock, store, job)
	awaitTimers(t, clock, 1)
	first.step(t, 1, 1)
	first.step(t, 2, 1)
	first.s.Stop()
	awaitTimers(t, clock, 1) // the stopped job's timer stays in the fake clock
	clock.Drop()

	clock.Advance(time.Second)
	second := startScheduler(t, clock, store, job)
	awaitTimers(t, clock, 1)
	if d := clock.NextIn(); d != 9*time.Second {
		t.Errorf("next run in %s after the restart, want 9s", d)
	}
	second.step(t, 1, 0)
	clock.Advance(time.Hour)
	second.settle(t, 1, 0)
	if got := second.rec.Runs()[0].Recurrence; got != 2 {
		t.Errorf("the run after the restart has recurrence %d, want 2", got)
	}
}

func TestNewRejectsBadTiming(t *testing.T) {
	_, err := schedule.New([]schedule.Job{
		{Playbook: "bad-cron", Params: cronEvery("61 * * * *")},
		{Playbook: "no-delay", Params: fixed(1, 0)},
		{Playbook: "empty"},
		{Playbook: "february-30", Params: cronEvery("0 0 30 2 *")},
		{Playbook: "overflow", Params: fixed(1, 9223372037)},
	}, &recorder{}, &schedule.MemoryStore{})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"bad-cron", "no-delay", "empty", "february-30", "overflow"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}

// A last run stored by a runner whose clock was ahead counts from now, so
// the skew does not hold the job back.
func TestLastRunInTheFutureCountsFromNow(t *testing.T) {
	store := &schedule.MemoryStore{}
	if err := store.Save(context.Background(), "a", schedule.State{Runs: 1, LastRun: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	clock := newFakeClock(t0)
	startScheduler(t, clock, store, schedule.Job{ID: "a", Params: fixed(3, 10)})
	awaitTimers(t, clock, 1)
	if d := clock.NextIn(); d != 10*time.Second {
		t.Errorf("next run in %s, want 10s", d)
	}
}
