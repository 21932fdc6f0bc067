package good

import (
	"context"

	"example.com/playbooks/other"
	"github.com/robusta-go/robusta/runtime/api"
)

// Echo adds a line to the finding. It accepts every trigger.
//
//robusta:action
func Echo(ctx context.Context, event api.ExecutionEvent) error { return nil }

// PodBashEnricher runs a command in the pod and attaches its output.
//
//robusta:action
func PodBashEnricher(ctx context.Context, event api.PodEvent, params BashParams) error {
	return nil
}

// EverythingAction takes every kind of param. It takes only pod changes.
//
//robusta:action name=everything
func EverythingAction(event *api.PodChangeEvent, params *Everything) {}

// AnyChange reports a change of any kind of resource.
//
//robusta:action name=any_change
func AnyChangeReporter(event api.KubernetesAnyChangeEvent, params Config) {}

// DeploymentSize checks a deployment's size. Its params type is named like
// good.Config.
//
//robusta:action
func DeploymentSize(event api.DeploymentEvent, params other.Config) error { return nil }

// Tick runs on a schedule.
//
//robusta:action
func Tick(event *api.ScheduledEvent, params ScheduleParams) {}
