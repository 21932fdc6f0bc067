// Package changes has actions on any resource change and on schedules.
package changes

import (
	"context"

	"github.com/robusta-go/robusta/runtime/api"
)

// ResourceBabysitter reports what changed in any resource.
//
//robusta:action
func ResourceBabysitter(ctx context.Context, event api.KubernetesAnyChangeEvent) error {
	if event.GetOldObj() == nil {
		return nil
	}
	return nil
}

// DeploymentStatus reports on a deployment; it takes deployment events
// from changes and alerts alike.
//
//robusta:action name=deployment_status_report
func DeploymentStatus(event api.DeploymentEvent) error {
	if event.GetDeployment() == nil {
		return api.ErrNoDeployment
	}
	return nil
}

// Heartbeat runs on a schedule.
//
//robusta:action
func Heartbeat(ctx context.Context, event *api.ScheduledEvent) {
	event.AddEnrichment(api.MarkdownBlock("alive"))
}
