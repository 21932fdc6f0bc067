package engine

import (
	"slices"

	"github.com/robusta-go/robusta/runtime/trigger"
)

// index builds the per-input playbook lists, each in config order. A
// playbook with an any-resource trigger on every kind is in every kind's
// list; one restricted to some kinds (on_kubernetes_resource_operation's
// resources) is in those kinds' lists only, so that the runner watches no
// more than the configured triggers need.
func (e *Engine) index() {
	kinds := map[string]bool{}
	for i := range e.playbooks {
		pb := &e.playbooks[i]
		if pb.anyKind() {
			e.anyResource = append(e.anyResource, pb)
		}
		if pb.has(trigger.Alert, "") {
			e.alerts = append(e.alerts, pb)
		}
		if pb.has(trigger.Schedule, "") {
			e.schedules = append(e.schedules, pb)
		}
		for _, t := range pb.Triggers {
			switch t.Spec.Class {
			case trigger.Kubernetes:
				kinds[t.Spec.Kind] = true
			case trigger.AnyResource:
				for _, k := range t.Kinds() {
					kinds[k] = true
				}
			}
		}
	}
	for kind := range kinds {
		for i := range e.playbooks {
			if pb := &e.playbooks[i]; pb.has(trigger.Kubernetes, kind) || pb.has(trigger.AnyResource, kind) || pb.anyKind() {
				e.byKind[kind] = append(e.byKind[kind], pb)
			}
		}
	}
}

// has reports whether pb has a trigger of class; for Kubernetes, of that
// kind; for AnyResource with a kind, restricted to a list holding it.
func (pb *playbook) has(class trigger.Class, kind string) bool {
	for _, t := range pb.Triggers {
		if t.Spec.Class != class {
			continue
		}
		switch {
		case class == trigger.Kubernetes && t.Spec.Kind == kind,
			class == trigger.AnyResource && kind != "" && slices.Contains(t.Kinds(), kind),
			class != trigger.Kubernetes && kind == "":
			return true
		}
	}
	return false
}

// anyKind reports whether pb has an any-resource trigger on every kind.
func (pb *playbook) anyKind() bool {
	for _, t := range pb.Triggers {
		if t.Spec.Class == trigger.AnyResource && len(t.Kinds()) == 0 {
			return true
		}
	}
	return false
}
