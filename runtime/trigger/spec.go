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
}

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
	return s
}()

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
