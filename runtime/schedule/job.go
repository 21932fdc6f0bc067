package schedule

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// Job is one scheduled playbook.
type Job struct {
	// ID identifies the job across restarts; see JobsFor.
	ID string
	// Index is the playbook's index in engine.Schedules, the one
	// Submitter.SubmitSchedule takes.
	Index int
	// Playbook is the playbook's name, for logs and the stored state.
	Playbook string
	Params   trigger.ScheduleParams
}

// JobsFor returns the jobs of the playbooks with an on_schedule trigger, in
// config order: the order, and so the indexes, of engine.Schedules.
func JobsFor(playbooks []config.Playbook) ([]Job, error) {
	var jobs []Job
	for i := range playbooks {
		pb := &playbooks[i]
		var t *trigger.Trigger
		for _, tr := range pb.Triggers {
			if tr.Spec.Class == trigger.Schedule {
				t = tr
				break
			}
		}
		if t == nil {
			continue
		}
		id, err := jobID(t, pb.Actions)
		if err != nil {
			return nil, fmt.Errorf("playbook %s: %w", pb.Name, err)
		}
		jobs = append(jobs, Job{ID: id, Index: len(jobs), Playbook: pb.Name, Params: t.Schedule})
	}
	return jobs, nil
}

// jobID hashes the schedule params and the actions' names and params. It
// is a valid ConfigMap key (hex).
func jobID(t *trigger.Trigger, actions []config.Action) (string, error) {
	type action struct {
		Name   string          `json:"name"`
		Params json.RawMessage `json:"params,omitempty"`
	}
	key := struct {
		Trigger string                 `json:"trigger"`
		Params  trigger.ScheduleParams `json:"params"`
		Actions []action               `json:"actions"`
	}{Trigger: t.Spec.Name, Params: t.Schedule}
	for _, a := range actions {
		name := ""
		if a.Action != nil {
			name = a.Action.Name
		}
		key.Actions = append(key.Actions, action{Name: name, Params: a.Params})
	}
	b, err := json.Marshal(key)
	if err != nil {
		return "", fmt.Errorf("hashing the schedule: %w", err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16]), nil
}

// plan is a job's timing, compiled.
type plan struct {
	fixed *trigger.FixedDelayRepeat
	delay time.Duration
	cron  cron.Schedule
}

// compile checks the timing as the config loader does (trigger.Compile);
// a Job built by hand is checked the same way.
func compile(p trigger.ScheduleParams, now time.Time) (plan, error) {
	switch {
	case p.FixedDelayRepeat != nil:
		d, err := p.FixedDelayRepeat.Delay()
		if err != nil {
			return plan{}, fmt.Errorf("fixed_delay_repeat.seconds_delay: %w", err)
		}
		return plan{fixed: p.FixedDelayRepeat, delay: d}, nil
	case p.CronScheduleRepeat != nil:
		s, err := trigger.ParseCron(p.CronScheduleRepeat.CronExpression, now)
		if err != nil {
			return plan{}, fmt.Errorf("cron_schedule_repeat.cron_expression %q: %w", p.CronScheduleRepeat.CronExpression, err)
		}
		return plan{cron: s}, nil
	}
	return plan{}, fmt.Errorf("neither fixed_delay_repeat nor cron_schedule_repeat is set")
}

// done reports whether the job has run all its runs.
func (p plan) done(st State) bool {
	return p.fixed != nil && p.fixed.Repeat != -1 && st.Runs >= p.fixed.Repeat
}

// next returns when the job runs next, given its state, the time now and
// when the scheduler started. ok is false when there is no next run: a cron
// expression with no match ahead (robfig/cron returns the zero time) or a
// time not after now, which the run loop would otherwise take as "due" over
// and over.
func (p plan) next(st State, now, started time.Time, initial time.Duration) (at time.Time, ok bool) {
	if p.cron != nil {
		at = p.cron.Next(now)
		return at, at.After(now)
	}
	if st.Runs == 0 || st.LastRun.IsZero() {
		return started.Add(initial), true
	}
	if p.delay <= 0 {
		return time.Time{}, false
	}
	last := st.LastRun
	if last.After(now) {
		// Stored by a runner whose clock ran ahead: counting from it would
		// hold the job back by the skew.
		last = now
	}
	at = last.Add(p.delay)
	if at.Before(now) {
		// Missed while the runner was down: one catch-up run, at once.
		return now, true
	}
	return at, true
}
