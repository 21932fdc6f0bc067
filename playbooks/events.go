package playbooks

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// EventEnricherParams configures PodEventsEnricher and
// EnrichPodWithNodeEvents.
type EventEnricherParams struct {
	// MaxEvents is how many of the newest events to show.
	MaxEvents int `json:"max_events,omitempty" jsonschema:"minimum=1,default=8"`
	// IncludedTypes are the event types to show, compared
	// case-insensitively.
	IncludedTypes []string `json:"included_types,omitempty" jsonschema:"default=Warning,default=Normal"`
}

// PodEventsEnricher attaches "Pod Events": a table of the pod's newest
// Kubernetes events, newest first. A pod without such events gets nothing.
//
//robusta:action
func PodEventsEnricher(ctx context.Context, event api.PodEvent, params EventEnricherParams) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	events, err := api.ObjectEvents(ctx, event.Execution().Cluster(), "Pod", pod.Namespace, pod.Name)
	if err != nil {
		return fmt.Errorf("reading the events of pod %s/%s: %w", pod.Namespace, pod.Name, err)
	}
	if t := eventsTable(events, params); len(t.Rows) > 0 {
		t.Name = "Pod Events"
		api.AddTitledEnrichment(event, "Pod Events", t)
	}
	return nil
}

// EnrichPodWithNodeEvents attaches "Node Events": a table of the newest
// events about the pod's node, newest first.
//
//robusta:action
func EnrichPodWithNodeEvents(ctx context.Context, event api.PodEvent, params EventEnricherParams) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	if pod.Spec.NodeName == "" {
		return nil // not scheduled: no node to tell about
	}
	// Node events are written in whichever namespace the reporter chose
	// (usually default): ObjectEvents searches all, as Robusta does.
	events, err := api.ObjectEvents(ctx, event.Execution().Cluster(), "Node", "", pod.Spec.NodeName)
	if err != nil {
		return fmt.Errorf("reading the events of node %s: %w", pod.Spec.NodeName, err)
	}
	if t := eventsTable(events, params); len(t.Rows) > 0 {
		t.Name = "Node Events"
		api.AddTitledEnrichment(event, "Node Events", t)
	}
	return nil
}

// eventsTable keeps the newest MaxEvents events of the included types,
// newest first, as Robusta's get_resource_events_table: columns reason,
// type, time and message. The caller names the table.
func eventsTable(events []corev1.Event, params EventEnricherParams) api.Table {
	t := api.TableBlock([]string{"reason", "type", "time", "message"}, [][]string{})
	for _, e := range keptEvents(events, params) {
		t.Rows = append(t.Rows, []string{e.Reason, e.Type, eventTimeText(eventTime(e)), e.Message})
	}
	return t
}

// keptEvents are the events eventsTable shows, in its order.
func keptEvents(events []corev1.Event, params EventEnricherParams) []corev1.Event {
	if params.MaxEvents <= 0 {
		params.MaxEvents = 8
	}
	types := params.IncludedTypes
	if len(types) == 0 {
		types = []string{corev1.EventTypeWarning, corev1.EventTypeNormal}
	}
	kept := slices.DeleteFunc(slices.Clone(events), func(e corev1.Event) bool {
		return !slices.ContainsFunc(types, func(t string) bool { return strings.EqualFold(t, e.Type) })
	})
	// Robusta sorts the timestamps as strings, which misorders an eventTime
	// (with microseconds) against a lastTimestamp; these are compared as times.
	slices.SortStableFunc(kept, func(a, b corev1.Event) int { return eventTime(b).Compare(eventTime(a)) })
	if len(kept) > params.MaxEvents {
		kept = kept[:params.MaxEvents]
	}
	return kept
}

// eventTime is when the event last happened, from the first field that
// says so, in Robusta's order.
func eventTime(e corev1.Event) time.Time {
	switch {
	case !e.LastTimestamp.IsZero():
		return e.LastTimestamp.Time
	case !e.EventTime.IsZero():
		return e.EventTime.Time
	case !e.FirstTimestamp.IsZero():
		return e.FirstTimestamp.Time
	}
	return e.CreationTimestamp.Time
}

// eventTimeText renders a time as Robusta's DATETIME renderer does in its
// default time zone, UTC: "Jan 02, 2006, 03:04:05 PM".
func eventTimeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("Jan 02, 2006, 03:04:05 PM")
}
