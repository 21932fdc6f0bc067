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
// # Finding content
//
// Nothing secret or noisy leaves the cluster in a finding, and no action
// has to remember it: the runtime sanitizes where it turns an object into
// finding content, with one rule set (redact.go).
//
//   - StripBookkeeping drops managedFields and the
//     kubectl.kubernetes.io/last-applied-configuration annotation (a full
//     copy of the object: on a Secret, its data in clear). The informers'
//     transform applies it before caching; the paths below apply it to a copy.
//   - Sanitize is an object as finding content: a deep copy as a map,
//     stripped, and for a Secret (typed, or any object of kind Secret)
//     every data and stringData value replaced by Redacted, keys kept.
//   - SubjectOf, hence every default finding (change events, alerts, manual
//     runs) and create_finding, copies labels and annotations and leaves the
//     annotation out; Finding.Clone, which each sink receives, leaves it out
//     again for subjects an action filled itself.
//   - KubernetesDiffBlock compares stripped copies; a Secret's changed keys
//     under data and stringData are listed with Redacted as old and new
//     value, so the diff says which key was added, removed or changed and
//     never to what.
//   - JSONBlock shows any object it finds in its value (an object, a list,
//     or a slice or map of them) as Sanitize makes it.
//
// # Changes and change_filters
//
// KubernetesDiffBlock and a trigger's change_filters see one set of
// differences, with one path notation (objdiff.go): Robusta's diff paths
// without the kind, maps key by key and lists element by element,
// spec.template.spec.containers[0].image, metadata.labels['team'],
// data['tls.crt']. The trigger that fired a playbook leaves its
// change_filters on the event for that playbook's actions, as Robusta
// leaves filtered_diffs: event.Execution().ChangeFilter() (nil when the
// trigger has none; a nil filter keeps everything). An action shows what
// the user asked to watch with
//
//	diff := api.KubernetesDiffBlock(event.GetOldObj(), event.GetObj())
//	diff.Diffs = event.Execution().ChangeFilter().Diffs(event.GetOperation(), diff.Diffs)
//
// or tests one path with Keep. In a test, set the filter with
// SetChangeFilter (from trigger.Compile(...).ChangeFilter(), or
// NewChangeFilter) before apitest.Run.
//
// What an action writes itself (Markdown text, File contents, a JSON block
// built from raw bytes) is its own: the runtime cannot tell a secret there.
//
// The per-kind types live in zz_generated.kinds.go, written from the table in
// runtime/kinds by runtime/internal/kindgen, so the twenty kinds cannot drift apart.
package api

//go:generate go run ../internal/kindgen -api zz_generated.kinds.go -trigger ../trigger/zz_generated.events.go
