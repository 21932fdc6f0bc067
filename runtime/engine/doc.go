// Package engine runs playbooks on events: Robusta's
// PlaybooksEventHandler, compiled.
//
// For each input (a Kubernetes change, an alert, a schedule tick) the
// engine walks the playbooks in config order. A playbook fires on its first
// trigger that matches; its actions run in order, each with a timeout, a
// panic guard and its error logged and counted, and StopProcessing is
// checked before each one. A playbook with stop: true, or an action that
// called StopProcessing, ends the walk. The findings are then routed once
// per input: to the playbook's sinks, or to every default sink, each sink
// in config order getting its own copy of those it takes (scope, match,
// activity and mute_intervals on the engine's clock), and a sink with
// stop: true that took one cutting the later sinks off from all of them.
//
// The dispatch path is built to allocate nothing for an input no playbook
// wants: playbooks are indexed by kind, filters are precompiled, and an
// event is built only when a trigger has matched. Actions run on a
// long-lived executor goroutine per worker so that a timeout can abandon an
// action that ignores its context without a goroutine per call.
//
// # Rate limits
//
// Robusta's derived triggers (on_pod_crash_loop, ...) are rate limited as
// Robusta limits them: per playbook and per key (the pod's owner, the
// Event's reason and object), checked after every other filter has passed,
// and a blocked fire records nothing, so the window counts from the last
// fire that went through. A trigger blocked by its limit lets the
// playbook's next trigger be tried. The limits are held in memory by each
// Engine, not in api.RateLimiter, which actions share: two engines (a
// reload, a test, a replay) never see each other's limits, and a restart
// forgets them, as Robusta's do. A playbook's id in the keys is its name,
// made unique with its index when names repeat (Robusta hashes the
// playbook's definition, which nothing outside the process ever sees).
//
// Every time-dependent decision (rate limits, fire_delay, sinks' activity
// and mute_intervals, the namespace labels' expiry) reads the clock
// given with WithClock, so that a replay can run on recorded times.
//
// Inputs of different objects run concurrently on a fixed pool of workers;
// inputs of one object go to the same worker and keep their order. The
// queues are bounded: when they are full, Submit waits, which holds back the
// informer feeding it instead of dropping events.
package engine
