package playbooks

import (
	"context"
	"fmt"

	"github.com/robusta-go/robusta/runtime/api"
)

// relatedEventsMax bounds the "Related Events" table. Robusta shows every
// event of the object; a flapping object can have hundreds, which no chat
// message holds, so the newest are kept.
const relatedEventsMax = 50

// EventResourceEvents adds a "Related Events" table: the other Kubernetes
// events about the object the Event names, newest first.
//
//robusta:action
func EventResourceEvents(ctx context.Context, event api.EventEvent) error {
	e := event.GetEvent()
	if e == nil {
		return errNoEvent
	}
	o := e.InvolvedObject
	events, err := api.ObjectEvents(ctx, event.Execution().Cluster(), o.Kind, o.Namespace, o.Name)
	if err != nil {
		return fmt.Errorf("reading the events of %s %s/%s: %w", o.Kind, o.Namespace, o.Name, err)
	}
	t := eventsTable(events, EventEnricherParams{MaxEvents: relatedEventsMax})
	if len(t.Rows) == 0 {
		return nil
	}
	t.Name = "Related Events"
	api.AddTitledEnrichment(event, "Related Events", t)
	return nil
}
