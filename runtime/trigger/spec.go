package trigger

import (
	"reflect"
	"slices"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kinds"
)

// Class is the stream of inputs a trigger listens to.
type Class int

// Trigger classes.
const (
	// Kubernetes triggers fire on changes of one kind (on_pod_update).
	Kubernetes Class = iota
	// AnyResource triggers fire on changes of every watched kind
	// (on_kubernetes_any_resource_update).
	AnyResource
	// Alert is on_prometheus_alert.
	Alert
	// Schedule is on_schedule.
	Schedule
)

// Spec describes one trigger name.
type Spec struct {
	// Name is the trigger's key in values.yaml, e.g. "on_pod_update".
	Name  string
	Class Class
	// Kind is the Kubernetes kind of a Kubernetes trigger ("Pod").
	Kind string
	// Ops are the operations the trigger fires on.
	Ops []api.Operation
	// Event names the concrete event type the trigger produces, a type of
	// package api: "PodChangeEvent", "PrometheusAlertEvent", ...
	Event string
	// Params is the type of the trigger's parameters (its filters).
	Params reflect.Type
	// Doc says when a derived trigger fires, for the values schema's
	// hovers; "" for the triggers whose name says it all.
	Doc string

	// derive, for Robusta's derived triggers, reads the params beyond the
	// object filters and returns the trigger's predicate; nil for the
	// others.
	derive deriveFunc
}

// Derived reports whether s is one of Robusta's derived triggers
// (on_pod_crash_loop, ...), which test more than the change's kind and
// operation.
func (s *Spec) Derived() bool { return s.derive != nil }

// FiresOn reports whether the trigger fires on op.
func (s *Spec) FiresOn(op api.Operation) bool { return slices.Contains(s.Ops, op) }

var (
	allOps = []api.Operation{api.OperationCreate, api.OperationUpdate, api.OperationDelete}
	opKeys = []struct {
		suffix string
		ops    []api.Operation
	}{
		{"create", allOps[0:1]},
		{"update", allOps[1:2]},
		{"delete", allOps[2:3]},
		{"all_changes", allOps},
	}
)

// specs is every trigger in Robusta's order: the kinds' triggers, the
// any-resource triggers, then alerts and schedules.
var specs = func() []Spec {
	var s []Spec
	k8s := reflect.TypeFor[KubernetesParams]()
	for _, k := range kinds.All {
		for _, o := range opKeys {
			s = append(s, Spec{Name: "on_" + k.Trigger + "_" + o.suffix, Class: Kubernetes, Kind: k.Name, Ops: o.ops, Event: k.Name + "ChangeEvent", Params: k8s})
		}
	}
	for _, o := range opKeys {
		s = append(s, Spec{Name: "on_kubernetes_any_resource_" + o.suffix, Class: AnyResource, Ops: o.ops, Event: "AnyResourceChangeEvent", Params: k8s})
	}
	s = append(s,
		Spec{Name: "on_prometheus_alert", Class: Alert, Event: "PrometheusAlertEvent", Params: reflect.TypeFor[AlertParams]()},
		Spec{Name: "on_schedule", Class: Schedule, Event: "ScheduledEvent", Params: reflect.TypeFor[ScheduleParams]()},
	)
	return append(s, derivedSpecs()...)
}()

// derivedSpecs are Robusta's custom triggers (custom_triggers.py), in its
// order. Each is a Kubernetes or any-resource trigger with a predicate of
// its own on top of the object filters; the event type is the one its
// Robusta base class builds (PodUpdateTrigger: PodChangeEvent, ...).
func derivedSpecs() []Spec {
	update := allOps[1:2]
	warning := func(name string, ops []api.Operation, params reflect.Type) Spec {
		return Spec{Name: name, Class: Kubernetes, Kind: "Event", Ops: ops, Event: "EventChangeEvent", Params: params, derive: deriveWarningEvent,
			Doc: "Fires when a Warning Event naming an object is " + opsWords(ops) + ", once per reason and object per rate_limit seconds; include and exclude match its reason and message."}
	}
	return []Spec{
		warning("on_kubernetes_warning_event", allOps, reflect.TypeFor[WarningEventParams]()),
		warning("on_kubernetes_warning_event_create", allOps[0:1], reflect.TypeFor[WarningEventOpParams]()),
		warning("on_kubernetes_warning_event_update", allOps[1:2], reflect.TypeFor[WarningEventOpParams]()),
		warning("on_kubernetes_warning_event_delete", allOps[2:3], reflect.TypeFor[WarningEventOpParams]()),
		{Name: "on_image_pull_backoff", Class: Kubernetes, Kind: "Pod", Ops: update, Event: "PodChangeEvent", Params: reflect.TypeFor[ImagePullBackoffParams](), derive: deriveImagePullBackoff,
			Doc: "Fires when a container of a pod started at least fire_delay seconds ago waits with ImagePullBackOff, once per pod owner per rate_limit seconds."},
		{Name: "on_pod_crash_loop", Class: Kubernetes, Kind: "Pod", Ops: update, Event: "PodChangeEvent", Params: reflect.TypeFor[CrashLoopParams](), derive: deriveCrashLoop,
			Doc: "Fires when a container of a pod waits (with restart_reason, if set) after at least restart_count restarts, once per pod owner per rate_limit seconds."},
		{Name: "on_job_failure", Class: Kubernetes, Kind: "Job", Ops: update, Event: "JobChangeEvent", Params: reflect.TypeFor[ObjectFilters](), derive: deriveJobFailure,
			Doc: "Fires when a Job gains a Failed condition."},
		{Name: "on_pod_oom_killed", Class: Kubernetes, Kind: "Pod", Ops: update, Event: "PodChangeEvent", Params: reflect.TypeFor[OOMKilledParams](), derive: derivePodOOMKilled,
			Doc: "Fires when a container of a pod not excluded is terminated with OOMKilled, once per pod owner per rate_limit seconds."},
		{Name: "on_pod_evicted", Class: Kubernetes, Kind: "Pod", Ops: update, Event: "PodChangeEvent", Params: reflect.TypeFor[PodEvictedParams](), derive: derivePodEvicted,
			Doc: "Fires when a pod's status reason is Evicted, once per pod per rate_limit seconds."},
		{Name: "on_container_oom_killed", Class: Kubernetes, Kind: "Pod", Ops: update, Event: "PodChangeEvent", Params: reflect.TypeFor[OOMKilledParams](), derive: deriveContainerOOMKilled,
			Doc: "Fires when a container not excluded is terminated with OOMKilled, once per pod owner per rate_limit seconds."},
		{Name: "on_kubernetes_resource_operation", Class: AnyResource, Ops: allOps, Event: "AnyResourceChangeEvent", Params: reflect.TypeFor[ResourceOperationParams](), derive: deriveResourceOperation,
			Doc: "Fires when an object of one of resources (every watched kind when empty) is changed by one of operations; updates pass change_filters, by default changes under spec."},
	}
}

// opsWords is "created", "created, updated or deleted".
func opsWords(ops []api.Operation) string {
	if len(ops) == len(allOps) {
		return "created, updated or deleted"
	}
	return string(ops[0]) + "d"
}

var byName = func() map[string]*Spec {
	m := make(map[string]*Spec, len(specs))
	for i := range specs {
		m[specs[i].Name] = &specs[i]
	}
	return m
}()

// Specs returns every trigger, in Robusta's order. The slice is shared:
// callers must not change it.
func Specs() []Spec { return specs }

// Lookup returns the trigger called name.
func Lookup(name string) (*Spec, bool) {
	s, ok := byName[name]
	return s, ok
}

// Names returns every trigger name, in Robusta's order.
func Names() []string {
	n := make([]string, len(specs))
	for i, s := range specs {
		n[i] = s.Name
	}
	return n
}
