package playbooks

import (
	"context"
	"slices"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/tmpl"
)

// WarningEventGroup names a group of Event reasons.
type WarningEventGroup struct {
	// Matchers are the Event reasons of the group, matched exactly ("BackOff", "FailedMount").
	Matchers []string `json:"matchers" jsonschema:"minItems=1"`
	// AggregationKey is the key of the group's findings, such as "PodLifecycleWarning".
	AggregationKey string `json:"aggregation_key" jsonschema:"minLength=1"`
	// Description replaces the Event's message; a template over the Event's
	// object ($name, $namespace, $kind).
	Description string `json:"description,omitempty"`
}

// WarningEventReportParams configures WarningEventsReport.
type WarningEventReportParams struct {
	// WarningEventGroups are tried in order; the first whose matchers hold
	// the Event's reason gives the finding its key (and description).
	WarningEventGroups []WarningEventGroup `json:"warning_event_groups"`
}

// WarningEventsReport starts a finding from a Kubernetes Event, as
// event_report does, keyed by the first group whose matchers hold the
// Event's reason; an Event no group names keeps "Kubernetes<type>Event".
//
//robusta:action
func WarningEventsReport(ctx context.Context, event api.EventEvent, params WarningEventReportParams) error {
	e := event.GetEvent()
	if e == nil {
		return errNoEvent
	}
	key, description := "Kubernetes"+e.Type+"Event", e.Message
	for _, g := range params.WarningEventGroups {
		if !slices.Contains(g.Matchers, e.Reason) {
			continue
		}
		key = g.AggregationKey
		if g.Description != "" {
			description = tmpl.Expand(g.Description, referenceLookup(e.InvolvedObject))
		}
		break
	}
	event.AddFinding(eventFinding(e, key, description))
	return nil
}
