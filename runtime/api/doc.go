// Package api is the one package a playbook author imports. It is the Go
// counterpart of Robusta's robusta.api: event types, findings and their
// blocks, cluster access through the event's objects, and a rate limiter.
//
// An action is a plain function marked with //robusta:action:
//
//	//robusta:action
//	func MyAction(ctx context.Context, event api.PodEvent, params MyParams) error
//
// The event types mirror Robusta's class hierarchy with interfaces.
// ExecutionEvent is implemented by every event; KubernetesResourceEvent by
// every event that carries an object; one <Kind>Event interface per kind
// (PodEvent with GetPod, DeploymentEvent with GetDeployment, ...);
// KubernetesAnyChangeEvent by every change event. Each trigger produces one
// concrete event type (*PodChangeEvent for on_pod_update,
// *PrometheusAlertEvent for on_prometheus_alert, ...), and an action can run
// under a trigger exactly when that concrete type implements the action's
// event type. robusta-gen decides this with the type checker.
//
// The per-kind types live in zz_generated.kinds.go, written from the table in
// runtime/kinds by runtime/internal/kindgen, so the twenty kinds cannot drift apart.
package api

//go:generate go run ../internal/kindgen -api zz_generated.kinds.go -trigger ../trigger/zz_generated.events.go
