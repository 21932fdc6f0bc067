package playbooks

import (
	"context"
	"fmt"
	"log/slog"
	"slices"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// ExtendedEventEnricherParams configures ResourceEventsEnricher and
// DeploymentEventsEnricher, with Robusta's names and defaults.
type ExtendedEventEnricherParams struct {
	EventEnricherParams
	// DependentPodMode shows the events of the workload's pods (up to
	// max_pods of them) as well (resource_events_enricher) or instead
	// (deployment_events_enricher, which takes the pods not Running).
	DependentPodMode bool `json:"dependent_pod_mode,omitempty"`
	// MaxPods is how many pods dependent_pod_mode looks at.
	MaxPods int `json:"max_pods,omitempty" jsonschema:"minimum=1,default=1"`
}

// eventKinds are the kinds resource_events_enricher reads events of, as
// Robusta's events_supported_types (its OpenShift DeploymentConfig and
// Argo Rollout included: their events are read by kind and name alike).
var eventKinds = []string{"Pod", "Deployment", "DaemonSet", "ReplicaSet", "StatefulSet", "Job", "Node", "DeploymentConfig", "Rollout"}

// ResourceEventsEnricher adds "<Kind> Events", titled "Resource Events":
// the object's newest events (reason, type, time, kind, name, message),
// and with dependent_pod_mode those of its first max_pods pods, newest
// first. Robusta cuts the list to max_events before sorting it, which can
// drop the newest events; here the newest are the ones kept.
//
//robusta:action
func ResourceEventsEnricher(ctx context.Context, event api.KubernetesResourceEvent, params ExtendedEventEnricherParams) error {
	obj := event.GetResource()
	if api.IsNil(obj) {
		return api.ErrNoResource
	}
	kind := api.KindOf(obj)
	if !slices.Contains(eventKinds, kind) {
		return fmt.Errorf("resource_events_enricher: events of %s are not supported (only %v)", kind, eventKinds)
	}
	c := event.Execution().Cluster()
	namespace := obj.GetNamespace()
	events, err := api.ObjectEvents(ctx, c, kind, namespace, obj.GetName())
	if err != nil {
		return fmt.Errorf("reading the events of %s %s/%s: %w", kind, namespace, obj.GetName(), err)
	}
	if params.DependentPodMode && kind != "Pod" && kind != "Node" {
		pods, err := podsOf(ctx, c, obj)
		if err != nil {
			return fmt.Errorf("resource_events_enricher: %w", err)
		}
		for _, p := range pods[:min(len(pods), max(params.MaxPods, 1))] {
			pe, err := api.ObjectEvents(ctx, c, "Pod", p.Namespace, p.Name)
			if err != nil {
				return fmt.Errorf("reading the events of pod %s/%s: %w", p.Namespace, p.Name, err)
			}
			events = append(events, pe...)
		}
	}
	kept := keptEvents(events, params.EventEnricherParams)
	if len(kept) == 0 {
		return nil
	}
	rows := make([][]string, len(kept))
	for i, e := range kept {
		rows[i] = []string{e.Reason, e.Type, eventTimeText(eventTime(e)), e.InvolvedObject.Kind, e.InvolvedObject.Name, e.Message}
	}
	out := api.TableBlock([]string{"reason", "type", "time", "kind", "name", "message"}, rows)
	out.Name = kind + " Events"
	api.AddTitledEnrichment(event, "Resource Events", out)
	return nil
}

// DeploymentEventsEnricher adds the deployment's newest events as
// "Deployment Events"; with dependent_pod_mode, instead, the events of up
// to max_pods of its pods that are not Running, one "Pod events for
// <pod>" table each.
//
//robusta:action
func DeploymentEventsEnricher(ctx context.Context, event api.DeploymentEvent, params ExtendedEventEnricherParams) error {
	dep := event.GetDeployment()
	if dep == nil {
		slog.Debug("deployment_events_enricher: the event has no deployment", "event", fmt.Sprintf("%T", event))
		return nil
	}
	if !params.DependentPodMode {
		return addEventsTable(ctx, event, "Deployment Events", "Deployment Events", "Deployment", dep.Namespace, dep.Name, params.EventEnricherParams)
	}
	pods, err := dep.Pods(ctx)
	if err != nil {
		return fmt.Errorf("deployment_events_enricher: %w", err)
	}
	// Robusta asks the API server for status.phase!=Running; the same
	// filter is applied to the selected pods here.
	pods = slices.DeleteFunc(pods, func(p corev1.Pod) bool { return p.Status.Phase == corev1.PodRunning })
	for _, p := range pods[:min(len(pods), max(params.MaxPods, 1))] {
		if err := addEventsTable(ctx, event, "Deployment Events", "Pod events for "+p.Name, "Pod", p.Namespace, p.Name, params.EventEnricherParams); err != nil {
			return err
		}
	}
	return nil
}

// addEventsTable adds the events table of one object (Robusta's
// get_resource_events_table) under title, when it has events.
func addEventsTable(ctx context.Context, event api.ExecutionEvent, title, name, kind, namespace, objName string, params EventEnricherParams) error {
	events, err := api.ObjectEvents(ctx, event.Execution().Cluster(), kind, namespace, objName)
	if err != nil {
		return fmt.Errorf("reading the events of %s %s/%s: %w", kind, namespace, objName, err)
	}
	if t := eventsTable(events, params); len(t.Rows) > 0 {
		t.Name = name
		api.AddTitledEnrichment(event, title, t)
	}
	return nil
}

// ResourceEventsDiff is accepted for Robusta's EventBasedChangeTracking
// playbook and does nothing: in Robusta it hands each change of a
// workload to the sinks' handle_service_diff, which only the Robusta UI
// sink implements (its service map). No sink here has a service map.
//
//robusta:action
func ResourceEventsDiff(ctx context.Context, event api.KubernetesAnyChangeEvent) error {
	return nil
}
