// Package trigger is the table of Robusta's trigger names and what each one
// means: which inputs it listens to, the concrete event type it produces,
// and the filters it takes (name_prefix, namespace_prefix, labels_selector,
// scope, change_filters, and the alert and schedule parameters).
//
// robusta-gen reads Specs to decide, with the type checker, which triggers
// each action accepts (a trigger qualifies when its Event type implements the
// action's event type) and to write the values schema; the config loader
// compiles each configured trigger into a Trigger whose match functions
// allocate nothing, so that an event nobody wants costs no garbage.
//
// # Derived triggers
//
// Robusta's custom triggers (on_pod_crash_loop, on_image_pull_backoff,
// on_pod_oom_killed, on_container_oom_killed, on_pod_evicted,
// on_job_failure, on_kubernetes_warning_event and its _create, _update and
// _delete forms, on_kubernetes_resource_operation) are Specs in the same
// table, with Robusta's names, params and defaults. Each adds a predicate
// on the new object (and the old one, for on_job_failure) that runs after
// the object filters; like Robusta's, they take no change_filters, except
// on_kubernetes_resource_operation, whose default is Robusta's (include
// spec; ignore status, metadata.generation, metadata.resourceVersion,
// metadata.managedFields, spec.replicas).
//
// A matching derived trigger returns the rate limit it asks for (Limit),
// keyed as Robusta keys it: "<class>_<playbook id>[_<reason>]" and, for
// pods, "<namespace>:<ownerReferences[0].name, else the pod's name>". The
// engine, which knows the playbook and holds the limiter, checks it last.
// fire_delay reads Input.Now, the engine's clock.
//
// Where Robusta is loose, this package is strict: a bad value (an unknown
// resource, an empty exclude entry, an empty change_filters path) is a
// load error with its position rather than a trigger that never or always
// fires.
//
// # Custom resources
//
// The any-resource triggers also fire on the values' customResources,
// which the runner watches as unstructured objects; their changes carry
// the custom resource's key (kinds.Custom.Key, "widgets.example.com") as
// Input.Kind. on_kubernetes_resource_operation's resources may name one
// by that key, by its resource, or by its kind in lower case when the
// values give the kind; a short name two of them share is an error that
// lists both. Robusta's runner drops the changes of a kind it has no class
// for ("classes for kind ... cannot be found. skipping"), so there a
// custom resource never fires anything.
//
// # change_filters
//
// An update fires a trigger with change_filters only when a difference
// that is not under an ignore path has a path containing one of the
// include strings (any difference when include is empty). Create and
// delete always pass. The differences and their paths are
// KubernetesDiffBlock's (api.ChangeFilter: lists element by element,
// spec.template.spec.containers[0].image, metadata.labels['team']), so a
// path copied from a diff block works as an include or ignore, and the
// filter that let the update through is the one the playbook's actions
// get (Trigger.ChangeFilter, set by the engine on the event's
// api.Execution). Comparing needs both objects as maps, so only triggers
// that set change_filters allocate.
package trigger
