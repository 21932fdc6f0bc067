package api

import "slices"

// Execution is the runtime state every event carries: its findings, the
// playbook running on it, and whether processing was stopped. Authors reach
// it through the event's methods; the engine drives it directly.
type Execution struct {
	findings []*Finding
	playbook string
	actions  []string
	sinks    []string
	stopped  bool
	cluster  Cluster
	// prometheus connects actions to Prometheus (prometheus.go).
	prometheus PrometheusConnector
	// filter is the running playbook's trigger's change_filters; the
	// engine sets it with each Begin.
	filter *ChangeFilter
	fence  // see Seal
}

// Begin is called by the engine before a playbook runs on the event: later
// findings are attributed to playbook and routed to sinks (nil: the default
// sinks).
func (x *Execution) Begin(playbook string, actions, sinks []string) {
	x.playbook, x.actions, x.sinks = playbook, actions, sinks
}

// SetChangeFilter gives the running playbook's actions the change_filters
// of the trigger that fired it (nil: none). The engine calls it after each
// Begin; a test may call it before apitest.Run, which leaves it as set.
func (x *Execution) SetChangeFilter(f *ChangeFilter) { x.filter = f }

// ChangeFilter returns the change_filters of the trigger that fired the
// running playbook, nil when it has none (then every difference counts,
// and a nil *ChangeFilter's methods say so). Each playbook sees its own
// trigger's: two playbooks on one event may be fired by different ones.
func (x *Execution) ChangeFilter() *ChangeFilter { return x.filter }

// SetCluster gives the event's objects access to the cluster.
func (x *Execution) SetCluster(c Cluster) { x.cluster = c }

// Cluster returns the cluster connection, nil when there is none (unit tests).
func (x *Execution) Cluster() Cluster { return x.cluster }

// Stopped reports whether an action called StopProcessing.
func (x *Execution) Stopped() bool { return x.stopped }

// Findings returns the findings in the order they were started.
func (x *Execution) Findings() []*Finding { return x.findings }

// StopProcessing skips every later action and playbook for this event.
func (x *Execution) StopProcessing() {
	if !x.enter("StopProcessing") {
		return
	}
	defer x.mu.Unlock()
	x.stopped = true
}

// AddFinding makes f the current finding of the running playbook's sinks.
func (x *Execution) AddFinding(f *Finding) {
	if !x.enter("AddFinding") {
		return
	}
	defer x.mu.Unlock()
	x.addFinding(f)
}

func (x *Execution) addFinding(f *Finding) {
	x.stamp(f)
	x.findings = append(x.findings, f)
}

// AddEnrichment adds blocks to the current finding, starting e's default
// finding when the running playbook's sinks have none yet. Like Robusta, a
// later playbook routed to the same sinks keeps enriching the same finding.
func (x *Execution) AddEnrichment(e ExecutionEvent, blocks []Block) {
	x.addEnrichment(e, Enrichment{Blocks: blocks})
}

// AddTitledEnrichment is AddEnrichment with a title over the blocks, such as
// Robusta's "Container Crash information".
func (x *Execution) AddTitledEnrichment(e ExecutionEvent, title string, blocks []Block) {
	x.addEnrichment(e, Enrichment{Title: title, Blocks: blocks})
}

func (x *Execution) addEnrichment(e ExecutionEvent, en Enrichment) {
	if !x.enter("AddEnrichment") {
		return
	}
	defer x.mu.Unlock()
	f := x.current()
	if f == nil {
		f = e.DefaultFinding()
		x.addFinding(f)
	}
	f.Enrichments = append(f.Enrichments, en)
}

func (x *Execution) stamp(f *Finding) {
	f.sinks = x.sinks
	if f.Playbook == "" {
		f.Playbook = x.playbook
	}
	if f.Actions == nil {
		f.Actions = x.actions
	}
}

// current is the newest finding routed like the running playbook.
func (x *Execution) current() *Finding {
	for i := len(x.findings) - 1; i >= 0; i-- {
		if f := x.findings[i]; slices.Equal(f.sinks, x.sinks) {
			return f
		}
	}
	return nil
}
