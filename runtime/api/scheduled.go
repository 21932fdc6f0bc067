package api

import "time"

// ScheduledEvent is the event of on_schedule.
type ScheduledEvent struct {
	eventBase
	// Recurrence counts the runs of this schedule, from 0; it survives
	// runner restarts.
	Recurrence int
}

// AddEnrichment implements ExecutionEvent.
func (e *ScheduledEvent) AddEnrichment(blocks ...Block) { e.x.AddEnrichment(e, blocks) }

// DefaultFinding implements ExecutionEvent.
func (e *ScheduledEvent) DefaultFinding() *Finding {
	f := &Finding{
		Title:          "Scheduled task",
		Severity:       SeverityInfo,
		Source:         SourceScheduler,
		Type:           TypeReport,
		AggregationKey: "GeneralScheduledTask",
		StartsAt:       time.Now().UTC(),
	}
	f.Fingerprint = f.ComputeFingerprint()
	return f
}

// AnyResourceChangeEvent is the event of the on_kubernetes_any_resource_*
// triggers: a change of any kind, typed or not.
type AnyResourceChangeEvent struct {
	eventBase
	Obj, OldObj Object
	Operation   Operation
}

var _ KubernetesAnyChangeEvent = (*AnyResourceChangeEvent)(nil)

// GetResource implements KubernetesResourceEvent.
func (e *AnyResourceChangeEvent) GetResource() Object { return e.Obj }

// GetObj implements KubernetesAnyChangeEvent.
func (e *AnyResourceChangeEvent) GetObj() Object { return e.Obj }

// GetOldObj implements KubernetesAnyChangeEvent.
func (e *AnyResourceChangeEvent) GetOldObj() Object { return e.OldObj }

// GetOperation implements KubernetesAnyChangeEvent.
func (e *AnyResourceChangeEvent) GetOperation() Operation { return e.Operation }

// AddEnrichment implements ExecutionEvent.
func (e *AnyResourceChangeEvent) AddEnrichment(blocks ...Block) { e.x.AddEnrichment(e, blocks) }

// DefaultFinding implements ExecutionEvent.
func (e *AnyResourceChangeEvent) DefaultFinding() *Finding {
	return changeFinding("", e.Operation, e.Obj)
}
