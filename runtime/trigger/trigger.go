package trigger

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/labels"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kinds"
	"github.com/robusta-go/robusta/runtime/providers"
	"github.com/robusta-go/robusta/runtime/scope"
)

// PathError locates a problem inside a trigger's params: Path is the JSON
// path from the params' root, e.g. ["scope", "include", "0", "name"].
type PathError struct {
	Path []string
	Err  error
}

func (e *PathError) Error() string { return strings.Join(e.Path, ".") + ": " + e.Err.Error() }
func (e *PathError) Unwrap() error { return e.Err }

// Trigger is a configured trigger: a Spec with its filters compiled.
type Trigger struct {
	Spec *Spec

	namePrefix, namespacePrefix string
	selector                    labels.Selector
	scope                       *scope.Scope
	// pred, change and kinds are set by derived triggers and
	// change_filters only (see Match).
	pred   predicate
	change *changeFilter
	kinds  []string

	alert AlertParams
	// Schedule holds on_schedule's parameters.
	Schedule ScheduleParams
}

// Compile reads params (JSON, already valid against the spec's schema) and
// compiles the filters. Every problem is returned, joined, as *PathError.
func Compile(spec *Spec, params []byte, opts ...CompileOption) (*Trigger, error) {
	var o compileOptions
	for _, f := range opts {
		f(&o)
	}
	t := &Trigger{Spec: spec}
	if len(params) == 0 {
		params = []byte("{}")
	}
	var errs []error
	switch spec.Class {
	case Kubernetes, AnyResource:
		d, err := decodeChangeParams(spec, params)
		if err != nil {
			return nil, err
		}
		t.pred, errs = d.pred, d.errs
		t.kinds, errs = resolveResources(d.resources, o.custom, errs)
		errs = t.compileObjectFilters(d.filters, errs)
		t.change, errs = compileChangeFilters(d.change, errs)
	case Alert:
		if err := json.Unmarshal(params, &t.alert); err != nil {
			return nil, fmt.Errorf("reading %s params: %w", spec.Name, err)
		}
		if t.alert.Status == "" {
			t.alert.Status = "firing"
		}
		t.scope, errs = compileScope(t.alert.Scope, alertPlain, scope.ObjectMaps, nil, errs)
		errs = checkProviders(t.alert.K8sProviders, errs)
	case Schedule:
		if err := json.Unmarshal(params, &t.Schedule); err != nil {
			return nil, fmt.Errorf("reading %s params: %w", spec.Name, err)
		}
		errs = compileSchedule(t.Schedule, errs)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return t, nil
}

// CompileOption gives Compile what the rest of the values define.
type CompileOption func(*compileOptions)

type compileOptions struct{ custom []kinds.Custom }

// WithCustomResources lets on_kubernetes_resource_operation's resources
// name the values' customResources (see kinds.Custom.Names).
func WithCustomResources(cs []kinds.Custom) CompileOption {
	return func(o *compileOptions) { o.custom = cs }
}

// decodeChangeParams reads the params of a Kubernetes or any-resource
// trigger: a derived trigger's own, else KubernetesParams.
func decodeChangeParams(spec *Spec, params []byte) (derived, error) {
	if spec.derive != nil {
		d, err := spec.derive(params)
		if err != nil {
			return d, fmt.Errorf("reading %s params: %w", spec.Name, err)
		}
		return d, nil
	}
	var p KubernetesParams
	if err := json.Unmarshal(params, &p); err != nil {
		return derived{}, fmt.Errorf("reading %s params: %w", spec.Name, err)
	}
	return derived{filters: p.ObjectFilters, change: p.ChangeFilters}, nil
}

// compileObjectFilters compiles the filters every Kubernetes trigger takes.
func (t *Trigger) compileObjectFilters(p ObjectFilters, errs []error) []error {
	t.namePrefix, t.namespacePrefix = p.NamePrefix, p.NamespacePrefix
	if p.LabelsSelector != "" {
		sel, err := labels.Parse(p.LabelsSelector)
		if err != nil {
			errs = append(errs, &PathError{Path: []string{"labels_selector"}, Err: err})
		}
		t.selector = sel
	}
	t.scope, errs = compileScope(p.Scope, scope.ObjectPlain, scope.ObjectMaps, scope.ObjectPaths, errs)
	return errs
}

// MatchObject reports whether a Kubernetes or any-resource trigger's
// filters let obj through. The caller has checked the kind and operation.
// It allocates nothing.
func (t *Trigger) MatchObject(obj api.Object) bool {
	if !strings.HasPrefix(obj.GetName(), t.namePrefix) || !strings.HasPrefix(obj.GetNamespace(), t.namespacePrefix) {
		return false
	}
	if t.selector != nil && !t.selector.Matches(labels.Set(obj.GetLabels())) {
		return false
	}
	if t.scope != nil {
		return t.scope.Match(scope.Subject{
			Get: func(attr string) string {
				if attr == "name" {
					return obj.GetName()
				}
				return obj.GetNamespace()
			},
			Map: func(attr string) map[string]string {
				if attr == "labels" {
					return obj.GetLabels()
				}
				return obj.GetAnnotations()
			},
			Raw: func() any { return rawObject(obj) },
		})
	}
	return true
}

// MatchAlert reports whether on_prometheus_alert's filters let a through.
func (t *Trigger) MatchAlert(a *api.Alert) bool {
	p := &t.alert
	switch {
	case p.Status != "all" && p.Status != a.Status,
		p.AlertName != "" && p.AlertName != a.Name,
		!strings.HasPrefix(a.Labels["pod"], p.PodNamePrefix),
		!strings.HasPrefix(a.Labels["namespace"], p.NamespacePrefix),
		!strings.HasPrefix(a.Labels["instance"], p.InstanceNamePrefix),
		!providers.Match(p.K8sProviders, a.ClusterProvider):
		return false
	}
	if t.scope != nil {
		return t.scope.Match(scope.Subject{
			Get: func(attr string) string {
				if attr == "name" {
					return a.Name
				}
				return a.Labels["namespace"]
			},
			Map: func(attr string) map[string]string {
				if attr == "labels" {
					return a.Labels
				}
				return a.Annotations
			},
		})
	}
	return true
}

// NewChangeEvent builds the event of a Kubernetes or any-resource trigger.
func (t *Trigger) NewChangeEvent(op api.Operation, obj, old api.Object) api.ExecutionEvent {
	return NewChangeEvent(t.Spec, op, obj, old)
}

// NewChangeEvent builds spec's event for a change. Kubernetes triggers get
// their kind's typed event; any-resource triggers the AnyResourceChangeEvent.
func NewChangeEvent(spec *Spec, op api.Operation, obj, old api.Object) api.ExecutionEvent {
	if spec.Class == Kubernetes {
		if build, ok := changeEvents[spec.Kind]; ok {
			return build(op, obj, old)
		}
	}
	return &api.AnyResourceChangeEvent{Obj: obj, OldObj: old, Operation: op}
}
