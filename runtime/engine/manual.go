package engine

import (
	"context"
	"fmt"
	"hash/maphash"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/registry"
)

// SinkNames returns the configured sinks' names, in config order.
func (e *Engine) SinkNames() []string {
	names := make([]string, len(e.router.sinks))
	for i, s := range e.router.sinks {
		names[i] = s.name
	}
	return names
}

// SinkNames returns the configured sinks' names, so that a Pool is all the
// manual trigger needs.
func (p *Pool) SinkNames() []string { return p.Engine().SinkNames() }

// manualRun is one manual action queued on the pool; the worker answers on
// done, which is buffered so that it never waits for a caller that left.
type manualRun struct {
	name  string
	fn    registry.Func
	ev    api.ExecutionEvent
	sinks []string
	def   *api.Finding
	done  chan manualResult
}

type manualResult struct {
	findings []*api.Finding
	err      error
}

// RunAction runs one bound action on ev outside any playbook (the manual
// trigger) on one of the pool's workers, with the engine's cluster and
// action timeout, routes the findings to sinks (nil: the default sinks;
// empty: none) like a playbook's, and returns them.
//
// It goes through the pool, not the caller's goroutine, so that --workers
// bounds manual runs too: a burst of requests queues like a burst of
// events instead of running unbounded beside them. The run is keyed by its
// object, as SubmitChange keys changes, so it also keeps its place among
// that object's events. It waits while the queue is full and for the
// result, until ctx is done; a run already queued then still runs and
// routes its findings, as an event would.
//
// def, when not nil, is the finding enrichments go to until the action
// starts its own (it replaces the event's DefaultFinding); it is left out
// when the action added nothing to it. The findings are routed even when
// the action fails, as the dispatcher does; the error is then the action's.
func (p *Pool) RunAction(ctx context.Context, name string, fn registry.Func, ev api.ExecutionEvent, sinks []string, def *api.Finding) ([]*api.Finding, error) {
	m := &manualRun{name: name, fn: fn, ev: ev, sinks: sinks, def: def, done: make(chan manualResult, 1)}
	if err := p.submit(ctx, p.manualKey(name, ev), input{manual: m}); err != nil {
		return nil, fmt.Errorf("queueing action %s: %w", name, err)
	}
	select {
	case r := <-m.done:
		return r.findings, r.err
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for action %s: %w", name, context.Cause(ctx))
	}
}

// manualKey is the hash SubmitChange gives the event's object, or the
// action's name for a run on no object.
func (p *Pool) manualKey(name string, ev api.ExecutionEvent) uint64 {
	var h maphash.Hash
	h.SetSeed(p.seed)
	if re, ok := ev.(api.KubernetesResourceEvent); ok {
		if obj := re.GetResource(); obj != nil {
			h.WriteString(obj.GetObjectKind().GroupVersionKind().Kind)
			h.WriteString(obj.GetNamespace())
			h.WriteString(obj.GetName())
			return h.Sum64()
		}
	}
	h.WriteString(name)
	return h.Sum64()
}

// manual runs m on the worker's executor and answers its caller.
func (d *Dispatcher) manual(ctx context.Context, m *manualRun) {
	e := d.e
	x := m.ev.Execution()
	x.SetCluster(e.opts.cluster)
	x.SetPrometheus(e.opts.prom)
	x.Begin("", []string{m.name}, m.sinks)
	if m.def != nil {
		x.AddFinding(m.def)
	}
	err := d.r.runAction(m.name, m.fn, m.ev)
	if err != nil {
		reason := reasonError
		if ae, ok := err.(*actionError); ok {
			reason = ae.reason
		}
		e.opts.metrics.ActionErrors.WithLabelValues(m.name, reason).Inc()
		err = fmt.Errorf("action %s: %w", m.name, err)
	}
	var out []*api.Finding
	for _, f := range x.Findings() {
		if f == m.def && len(f.Enrichments) == 0 {
			continue
		}
		out = append(out, f)
	}
	// Routed together, as an event's findings are, so that a stop sink
	// cuts later sinks off all of them (route.go).
	e.router.deliver(ctx, out...)
	m.done <- manualResult{findings: out, err: err}
}
