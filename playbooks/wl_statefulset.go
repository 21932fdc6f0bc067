package playbooks

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/robusta-go/robusta/runtime/api"
)

// StatefulsetReplicasEnricher appends to the finding's description how
// many of the statefulset's replicas were created and are ready:
// " 2 out of 3 replicas were created for this Statefulset. Only 1
// replicas are ready." (or "No replicas are ready."). Robusta replaces the
// description with the alert's own plus this text, dropping what earlier
// actions added, and does nothing when no finding exists yet; here the
// text is appended to the current finding, started when needed.
//
//robusta:action
func StatefulsetReplicasEnricher(ctx context.Context, event api.StatefulSetEvent) error {
	ss := event.GetStatefulSet()
	if ss == nil {
		slog.Debug("statefulset_replicas_enricher: the event has no statefulset", "event", fmt.Sprintf("%T", event))
		return nil
	}
	ready := "No replicas are ready."
	if n := ss.Status.ReadyReplicas; n > 0 {
		ready = fmt.Sprintf("Only %d replicas are ready.", n)
	}
	text := fmt.Sprintf(" %d out of %s replicas were created for this Statefulset. %s", ss.Status.Replicas, optInt(ss.Spec.Replicas), ready)
	api.UpdateCurrentFinding(event, func(f *api.Finding) { f.Description += text })
	return nil
}
