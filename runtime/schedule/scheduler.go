package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// DefaultInitialDelay is how long after the start a new fixed_delay_repeat
// job first runs.
const DefaultInitialDelay = 120 * time.Second

// Submitter queues a scheduled playbook's run; *engine.Pool is one.
type Submitter interface {
	SubmitSchedule(ctx context.Context, index int, ev *api.ScheduledEvent) error
}

// Option configures a Scheduler.
type Option func(*Scheduler)

// WithClock sets the clock (default RealClock).
func WithClock(c Clock) Option { return func(s *Scheduler) { s.clock = c } }

// WithLogger sets the logger (default slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(s *Scheduler) { s.logger = l } }

// WithInitialDelay sets when a new fixed_delay_repeat job first runs, after
// Start (default DefaultInitialDelay).
func WithInitialDelay(d time.Duration) Option { return func(s *Scheduler) { s.initial = d } }

// Scheduler runs jobs until stopped.
type Scheduler struct {
	jobs    []Job
	plans   []plan
	submit  Submitter
	store   Store
	clock   Clock
	logger  *slog.Logger
	initial time.Duration

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// New checks the jobs' timing and returns a Scheduler for them.
func New(jobs []Job, submit Submitter, store Store, opts ...Option) (*Scheduler, error) {
	s := &Scheduler{jobs: jobs, submit: submit, store: store, clock: RealClock{}, logger: slog.Default(), initial: DefaultInitialDelay}
	for _, o := range opts {
		o(s)
	}
	var errs []error
	now := s.clock.Now()
	for _, j := range jobs {
		p, err := compile(j.Params, now)
		if err != nil {
			errs = append(errs, fmt.Errorf("playbook %s: %w", j.Playbook, err))
		}
		s.plans = append(s.plans, p)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return s, nil
}

// Start loads the stored states, prunes those of jobs no longer
// configured and starts every job. Canceling ctx or calling Stop ends them.
// Only the store failing to load fails the start: an unreadable entry
// costs its job's count, and a failed prune leaves stale keys for the
// next start.
func (s *Scheduler) Start(ctx context.Context) error {
	var states map[string]State
	if len(s.jobs) > 0 {
		var skipped []error
		var err error
		if states, skipped, err = s.store.Load(ctx); err != nil {
			return fmt.Errorf("loading the schedules' state: %w", err)
		}
		for _, e := range skipped {
			s.logger.Warn("skipping a stored schedule state; its job starts afresh", "err", e)
		}
	}
	s.prune(ctx)
	ctx, s.cancel = context.WithCancel(ctx)
	started := s.clock.Now()
	for i := range s.jobs {
		j, p, st := s.jobs[i], s.plans[i], states[s.jobs[i].ID]
		s.wg.Go(func() { s.run(ctx, j, p, st, started) })
	}
	return nil
}

// prune removes the states of jobs that are no longer configured, so that
// the ConfigMap does not grow with every edit of a schedule (an edit is a
// new ID). It runs before the jobs start: no Save of ours races it.
func (s *Scheduler) prune(ctx context.Context) {
	ids := make(map[string]bool, len(s.jobs))
	for _, j := range s.jobs {
		ids[j.ID] = true
	}
	removed, err := s.store.Prune(ctx, func(id string) bool { return ids[id] })
	if err != nil {
		s.logger.Warn("pruning the states of removed schedules", "err", err)
		return
	}
	if len(removed) > 0 {
		s.logger.Info("pruned the states of removed schedules", "jobs", removed)
	}
}

// Stop ends the jobs and waits for them; a run being submitted completes.
func (s *Scheduler) Stop() {
	if s.cancel != nil {
		s.cancel()
	}
	s.wg.Wait()
}

func (s *Scheduler) run(ctx context.Context, j Job, p plan, st State, started time.Time) {
	log := s.logger.With("playbook", j.Playbook, "job", j.ID)
	if st.Runs > 0 {
		log.Info("schedule continues", "runs", st.Runs, "last_run", st.LastRun)
	}
	for !p.done(st) {
		now := s.clock.Now()
		at, ok := p.next(st, now, started, s.initial)
		if !ok {
			// Waiting for a time already past returns at once: the job
			// would run back to back forever.
			log.Error("schedule stopped: it has no next run after now", "now", now, "next", at, "runs", st.Runs)
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-s.clock.After(at.Sub(now)):
		}
		if ctx.Err() != nil {
			return
		}
		if err := s.submit.SubmitSchedule(ctx, j.Index, &api.ScheduledEvent{Recurrence: st.Runs}); err != nil {
			if ctx.Err() == nil {
				log.Error("submitting a scheduled run", "recurrence", st.Runs, "err", err)
			}
			return
		}
		st = State{Playbook: j.Playbook, Runs: st.Runs + 1, LastRun: s.clock.Now()}
		// The run is queued: record it even if we are being stopped.
		if err := s.store.Save(context.WithoutCancel(ctx), j.ID, st); err != nil {
			log.Error("saving the schedule's state", "runs", st.Runs, "err", err)
		}
	}
	log.Info("schedule finished", "runs", st.Runs)
}
