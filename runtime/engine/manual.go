package engine

import (
	"context"
	"fmt"

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

// RunAction runs one bound action on ev outside any playbook (the manual
// trigger), with the engine's cluster and action timeout, routes the
// findings to sinks (nil: the default sinks; empty: none) like a
// playbook's, and returns them.
//
// def, when not nil, is the finding enrichments go to until the action
// starts its own (it replaces the event's DefaultFinding); it is left out
// when the action added nothing to it. The findings are routed even when
// the action fails, as the dispatcher does; the error is then the action's.
func (e *Engine) RunAction(ctx context.Context, name string, fn registry.Func, ev api.ExecutionEvent, sinks []string, def *api.Finding) ([]*api.Finding, error) {
	x := ev.Execution()
	x.SetCluster(e.opts.cluster)
	x.Begin("", []string{name}, sinks)
	if def != nil {
		x.AddFinding(def)
	}
	r := newRunner(context.WithoutCancel(ctx), e.opts.timeout)
	err := r.run(fn, ev)
	r.close()
	if err != nil {
		reason := reasonError
		if ae, ok := err.(*actionError); ok {
			reason = ae.reason
		}
		e.opts.metrics.ActionErrors.WithLabelValues(name, reason).Inc()
		err = fmt.Errorf("action %s: %w", name, err)
	}
	var out []*api.Finding
	for _, f := range x.Findings() {
		if f == def && len(f.Enrichments) == 0 {
			continue
		}
		out = append(out, f)
		e.router.deliver(ctx, f)
	}
	return out, err
}
