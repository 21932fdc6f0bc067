package api

import "slices"

// AddLink adds l to the current finding of ev's running playbook, starting
// ev's default finding when there is none: Robusta's add_link (and
// add_video_link), which sinks show as buttons.
func AddLink(ev ExecutionEvent, l Link) {
	updateCurrent(ev, "AddLink", func(f *Finding) { f.Links = append(f.Links, l) })
}

// UpdateCurrentFinding calls fn on the current finding of ev's running
// playbook, starting ev's default finding first when there is none, as
// AddEnrichment does. fn runs under the event's lock (so it must not call
// the event's methods) and must not keep the finding.
func UpdateCurrentFinding(ev ExecutionEvent, fn func(*Finding)) {
	updateCurrent(ev, "UpdateCurrentFinding", fn)
}

// updateCurrent is UpdateCurrentFinding, telling a sealed event's late
// callback the name of the call the action made.
func updateCurrent(ev ExecutionEvent, call string, fn func(*Finding)) {
	x := ev.Execution()
	if !x.enter(call) {
		return
	}
	defer x.mu.Unlock()
	f := x.current()
	if f == nil {
		f = ev.DefaultFinding()
		x.addFinding(f)
	}
	fn(f)
}

// UpdateFindings calls fn on each finding routed like ev's running
// playbook and reports how many there were; with none it starts none.
// It is Robusta's override_finding_attributes: an action that changes what
// earlier actions produced (customise_finding) must not invent a finding
// where they produced nothing. fn runs under the event's lock.
func UpdateFindings(ev ExecutionEvent, fn func(*Finding)) int {
	x := ev.Execution()
	if !x.enter("UpdateFindings") {
		return 0
	}
	defer x.mu.Unlock()
	n := 0
	for _, f := range x.findings {
		if slices.Equal(f.sinks, x.sinks) {
			fn(f)
			n++
		}
	}
	return n
}
