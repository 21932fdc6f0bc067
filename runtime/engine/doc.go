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
// getting its own copy, and a sink with stop: true ending the routing.
//
// The dispatch path is built to allocate nothing for an input no playbook
// wants: playbooks are indexed by kind, filters are precompiled, and an
// event is built only when a trigger has matched. Actions run on a
// long-lived executor goroutine per worker so that a timeout can abandon an
// action that ignores its context without a goroutine per call.
//
// Inputs of different objects run concurrently on a fixed pool of workers;
// inputs of one object go to the same worker and keep their order. The
// queues are bounded: when they are full, Submit waits, which holds back the
// informer feeding it instead of dropping events.
package engine
