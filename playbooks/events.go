package playbooks

import (
	"context"
	"fmt"
	"slices"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// EventEnricherParams configures PodEventsEnricher.
type EventEnricherParams struct {
	// MaxEvents is how many of the newest events to show.
	MaxEvents int `json:"max_events,omitempty" jsonschema:"minimum=1,default=8"`
	// IncludedTypes are the event types to show.
	IncludedTypes []string `json:"included_types,omitempty" jsonschema:"default=Warning,default=Normal"`
}

// PodEventsEnricher attaches a table of the pod's newest Kubernetes events.
//
//robusta:action
func PodEventsEnricher(ctx context.Context, event api.PodEvent, params EventEnricherParams) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	events, err := pod.Events(ctx)
	if err != nil {
		return err
	}
	if t := eventsTable(events, params); len(t.Rows) > 0 {
		event.AddEnrichment(t)
	}
	return nil
}

// eventsTable keeps the newest MaxEvents events of the included types,
// newest last, as Robusta shows them.
func eventsTable(events []corev1.Event, params EventEnricherParams) api.Table {
	if params.MaxEvents <= 0 {
		params.MaxEvents = 8
	}
	types := params.IncludedTypes
	if len(types) == 0 {
		types = []string{corev1.EventTypeWarning, corev1.EventTypeNormal}
	}
	kept := slices.DeleteFunc(slices.Clone(events), func(e corev1.Event) bool { return !slices.Contains(types, e.Type) })
	slices.SortStableFunc(kept, func(a, b corev1.Event) int { return eventTime(a).Compare(eventTime(b)) })
	if len(kept) > params.MaxEvents {
		kept = kept[len(kept)-params.MaxEvents:]
	}
	t := api.TableBlock([]string{"reason", "type", "time", "message"}, nil)
	t.Name = "*Pod events:*"
	for _, e := range kept {
		when := ""
		if at := eventTime(e); !at.IsZero() {
			when = at.UTC().Format(time.RFC3339)
		}
		msg := e.Message
		if e.Count > 1 {
			msg = fmt.Sprintf("%s (x%d)", msg, e.Count)
		}
		t.Rows = append(t.Rows, []string{e.Reason, e.Type, when, msg})
	}
	return t
}

// eventTime is when the event last happened, whichever field says so.
func eventTime(e corev1.Event) time.Time {
	switch {
	case !e.LastTimestamp.IsZero():
		return e.LastTimestamp.Time
	case e.Series != nil && !e.Series.LastObservedTime.IsZero():
		return e.Series.LastObservedTime.Time
	case !e.EventTime.IsZero():
		return e.EventTime.Time
	}
	return e.FirstTimestamp.Time
}
