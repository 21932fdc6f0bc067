package api

import "sync"

// fence lets the engine give up on an action that ignores its context. The
// engine abandons such an action after its timeout and goes on, but the
// action's goroutine still holds the event and may call AddEnrichment,
// AddFinding or StopProcessing at any time, while the engine routes the
// findings. So those three methods take mu and do nothing once the event is
// sealed; the engine goes on with a copy (Adopt).
//
// What the fence cannot cover is a *Finding the action keeps and changes
// directly: actions must not touch a finding after returning, as they must
// not keep their ctx.
type fence struct {
	mu     sync.Mutex
	sealed bool
	late   func(call string) // told of each call after Seal; may be nil
}

// enter takes x.mu for one of the event's methods, named call, and reports
// whether it may go on; a sealed event releases it and tells late.
func (x *Execution) enter(call string) bool {
	x.mu.Lock()
	if !x.sealed {
		return true
	}
	late := x.late
	x.mu.Unlock()
	if late != nil {
		late(call)
	}
	return false
}

// Seal fences the event off from whoever still holds it: later
// AddEnrichment, AddFinding and StopProcessing calls through it are ignored
// and reported to late (nil: ignored only). It waits for a call in
// progress, so that once it returns the event's state no longer changes and
// the engine may read it, or Adopt it, without a race. The engine seals the
// event of an action it abandoned after a timeout.
func (x *Execution) Seal(late func(call string)) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.sealed, x.late = true, late
}

// Adopt gives x, the Execution of a new event no action holds yet, the
// state of from, which is sealed: its findings (as copies, so that nothing
// from's holders can reach is routed), the running playbook and its change
// filter, the stop flag, the cluster and the Prometheus connector.
func (x *Execution) Adopt(from *Execution) {
	from.mu.Lock()
	defer from.mu.Unlock()
	x.findings = make([]*Finding, len(from.findings))
	for i, f := range from.findings {
		x.findings[i] = f.Clone()
	}
	x.playbook, x.actions, x.sinks = from.playbook, from.actions, from.sinks
	x.stopped, x.cluster, x.filter, x.prometheus = from.stopped, from.cluster, from.filter, from.prometheus
}
