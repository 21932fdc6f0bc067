package engine

import (
	"context"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// Change is one change of a Kubernetes object, as a source delivers it.
type Change struct {
	// Kind is the object's kind, e.g. "Pod".
	Kind      string
	Operation api.Operation
	// Obj is the object after the change (on delete, its last state); Old
	// is the object before an update.
	Obj, Old api.Object
}

// Dispatcher runs inputs one at a time on the calling goroutine. It is not
// safe for concurrent use: the engine's pool gives each worker its own, and
// tests and tools can make one with Engine.NewDispatcher.
type Dispatcher struct {
	e *Engine
	r *runner
	// Per-playbook, per-action series, resolved once so that recording
	// them on the hot path is a pointer dereference.
	runs     []prometheus.Counter
	duration [][]prometheus.Observer
}

// NewDispatcher returns a dispatcher; Close it when done.
func (e *Engine) NewDispatcher(ctx context.Context) *Dispatcher {
	d := &Dispatcher{e: e, r: newRunner(context.WithoutCancel(ctx), e.opts.timeout)}
	m := e.opts.metrics
	logger := e.opts.logger
	// Called from the abandoned action's goroutine, possibly long after the
	// input was routed: only the action's own name identifies it.
	d.r.late = func(action, call string) {
		m.ActionLateCalls.WithLabelValues(action, call).Inc()
		logger.Warn("ignored a call of a timed-out action: its event was already routed", "action", action, "call", call)
	}
	for _, pb := range e.playbooks {
		d.runs = append(d.runs, m.PlaybookRuns.WithLabelValues(pb.Name))
		obs := make([]prometheus.Observer, len(pb.actionNames))
		for i, a := range pb.actionNames {
			obs[i] = m.ActionDuration.WithLabelValues(a)
		}
		d.duration = append(d.duration, obs)
	}
	return d
}

// Close stops the dispatcher's executor.
func (d *Dispatcher) Close() { d.r.close() }

// Change runs the playbooks that fire on c and routes their findings.
func (d *Dispatcher) Change(ctx context.Context, c *Change) {
	pbs, ok := d.e.byKind[c.Kind]
	if !ok {
		pbs = d.e.anyResource
	}
	// One event per event type: playbooks fired by the kind's own triggers
	// share the typed event (and so its findings), those fired by
	// any-resource triggers share the untyped one.
	var typed, untyped api.ExecutionEvent
	for _, pb := range pbs {
		t := d.firstChange(pb, c)
		if t == nil {
			continue
		}
		// A timeout inside run replaces the event (see run), hence the
		// pointer to the variable the later playbooks read.
		ev := &untyped
		if t.Spec.Class == trigger.Kubernetes {
			if typed == nil {
				typed = d.prepare(t.NewChangeEvent(c.Operation, c.Obj, c.Old))
			}
			ev = &typed
		} else if untyped == nil {
			untyped = d.prepare(trigger.NewChangeEvent(t.Spec, c.Operation, c.Obj, c.Old))
		}
		var stop bool
		if *ev, stop = d.run(ctx, pb, *ev, t.ChangeFilter()); stop {
			break
		}
	}
	d.flush(ctx, typed)
	d.flush(ctx, untyped)
}

// firstChange returns the playbook's first trigger that fires on c. The
// rate limit of a derived trigger is checked last, after every other
// filter passed, and a blocked trigger lets the playbook's next trigger be
// tried, as in Robusta.
func (d *Dispatcher) firstChange(pb *playbook, c *Change) *trigger.Trigger {
	in := trigger.Input{Kind: c.Kind, Operation: c.Operation, Obj: c.Obj, Old: c.Old, Now: d.e.opts.now}
	for _, t := range pb.Triggers {
		switch t.Spec.Class {
		case trigger.Kubernetes:
			if t.Spec.Kind != c.Kind {
				continue
			}
		case trigger.AnyResource:
		default:
			continue
		}
		l, ok := t.Match(in)
		if !ok {
			continue
		}
		if l.Period > 0 && !d.e.limiter.MarkAndTest(l.Class+"_"+pb.id+l.Suffix, l.Key, l.Period) {
			continue
		}
		return t
	}
	return nil
}

// Alert runs the playbooks that fire on ev's alert. Like Robusta, every
// playbook sees the same event, so StopProcessing and findings carry over.
func (d *Dispatcher) Alert(ctx context.Context, alert *api.PrometheusAlertEvent) {
	var ev api.ExecutionEvent = d.prepare(alert)
	for _, pb := range d.e.alerts {
		if !firesOnAlert(pb, &alert.Alert) {
			continue
		}
		var stop bool
		if ev, stop = d.run(ctx, pb, ev, nil); stop {
			break
		}
	}
	d.flush(ctx, ev)
}

// Schedule runs one scheduled playbook, the one at index in Schedules.
func (d *Dispatcher) Schedule(ctx context.Context, index int, tick *api.ScheduledEvent) {
	ev, _ := d.run(ctx, d.e.schedules[index], d.prepare(tick), nil)
	d.flush(ctx, ev)
}

func (d *Dispatcher) prepare(ev api.ExecutionEvent) api.ExecutionEvent {
	ev.Execution().SetCluster(d.e.opts.cluster)
	ev.Execution().SetPrometheus(d.e.opts.prom)
	return ev
}

// run runs pb's actions on ev and returns the event to go on with and
// whether later playbooks must be skipped. filter is the change_filters of
// the trigger that fired pb (nil: none, or not a change): its actions read
// it from the event (api.Execution.ChangeFilter), as Robusta's actions read
// the filtered diffs its trigger left on the event.
//
// The event returned is ev unless an action timed out: the runner then
// sealed ev, which the abandoned action still holds, and the later actions,
// playbooks and the routing go on with a copy (fork) that it cannot reach.
func (d *Dispatcher) run(_ context.Context, pb *playbook, ev api.ExecutionEvent, filter *api.ChangeFilter) (_ api.ExecutionEvent, stop bool) {
	i := pb.index
	x := ev.Execution()
	x.Begin(pb.Name, pb.actionNames, pb.Sinks)
	x.SetChangeFilter(filter)
	d.runs[i].Inc()
	for j := range pb.Actions {
		if x.Stopped() {
			break
		}
		a := &pb.Actions[j]
		start := time.Now()
		err := d.r.runAction(a.Action.Name, a.Run, ev)
		d.duration[i][j].Observe(time.Since(start).Seconds())
		if err == nil {
			continue
		}
		d.fail(pb, a.Action.Name, err)
		if ae, ok := err.(*actionError); ok && ae.reason == reasonTimeout {
			next, ok := fork(ev)
			if !ok {
				// Routing the sealed event is safe; running more on it is
				// pointless, as it takes no more findings.
				d.e.opts.logger.Error("skipping the rest of the input: its event cannot be copied after a timeout", "playbook", pb.Name, "action", a.Action.Name, "event", fmt.Sprintf("%T", ev))
				return ev, true
			}
			ev, x = next, next.Execution()
		}
	}
	return ev, pb.Stop || x.Stopped()
}

func (d *Dispatcher) fail(pb *playbook, action string, err error) {
	reason := reasonError
	if ae, ok := err.(*actionError); ok {
		reason = ae.reason
	}
	d.e.opts.metrics.ActionErrors.WithLabelValues(action, reason).Inc()
	d.e.opts.logger.Error("action failed", "playbook", pb.Name, "action", action, "reason", reason, "error", err)
}

func (d *Dispatcher) flush(ctx context.Context, ev api.ExecutionEvent) {
	if ev != nil {
		d.e.router.route(ctx, ev.Execution())
	}
}
