package engine

import (
	"context"
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
		t := pb.firstChange(c)
		if t == nil {
			continue
		}
		var ev api.ExecutionEvent
		if t.Spec.Class == trigger.Kubernetes {
			if typed == nil {
				typed = d.prepare(t.NewChangeEvent(c.Operation, c.Obj, c.Old))
			}
			ev = typed
		} else {
			if untyped == nil {
				untyped = d.prepare(trigger.NewChangeEvent(t.Spec, c.Operation, c.Obj, c.Old))
			}
			ev = untyped
		}
		if d.run(ctx, pb, ev) {
			break
		}
	}
	d.flush(ctx, typed)
	d.flush(ctx, untyped)
}

// firstChange returns the playbook's first trigger that fires on c.
func (pb *playbook) firstChange(c *Change) *trigger.Trigger {
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
		if t.Spec.FiresOn(c.Operation) && t.MatchObject(c.Obj) {
			return t
		}
	}
	return nil
}

// Alert runs the playbooks that fire on ev's alert. Like Robusta, every
// playbook sees the same event, so StopProcessing and findings carry over.
func (d *Dispatcher) Alert(ctx context.Context, ev *api.PrometheusAlertEvent) {
	d.prepare(ev)
	for _, pb := range d.e.alerts {
		fired := false
		for _, t := range pb.Triggers {
			if t.Spec.Class == trigger.Alert && t.MatchAlert(&ev.Alert) {
				fired = true
				break
			}
		}
		if fired && d.run(ctx, pb, ev) {
			break
		}
	}
	d.flush(ctx, ev)
}

// Schedule runs one scheduled playbook, the one at index in Schedules.
func (d *Dispatcher) Schedule(ctx context.Context, index int, ev *api.ScheduledEvent) {
	d.prepare(ev)
	d.run(ctx, d.e.schedules[index], ev)
	d.flush(ctx, ev)
}

func (d *Dispatcher) prepare(ev api.ExecutionEvent) api.ExecutionEvent {
	ev.Execution().SetCluster(d.e.opts.cluster)
	return ev
}

// run runs pb's actions on ev and reports whether later playbooks must be
// skipped.
func (d *Dispatcher) run(_ context.Context, pb *playbook, ev api.ExecutionEvent) (stop bool) {
	i := pb.index
	x := ev.Execution()
	x.Begin(pb.Name, pb.actionNames, pb.Sinks)
	d.runs[i].Inc()
	for j := range pb.Actions {
		if x.Stopped() {
			break
		}
		a := &pb.Actions[j]
		start := time.Now()
		err := d.r.run(a.Run, ev)
		d.duration[i][j].Observe(time.Since(start).Seconds())
		if err != nil {
			d.fail(pb, a.Action.Name, err)
		}
	}
	return pb.Stop || x.Stopped()
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
