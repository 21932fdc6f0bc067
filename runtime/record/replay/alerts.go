package replay

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/record"
)

// alertEvent is the event the runner queued for a recorded alert. The
// recording holds the alert as relabeled; the severity map is the replayed
// values' custom_severity_map, as the handler gives it live.
func alertEvent(a *record.Alert, severities map[string]api.Severity) (*api.PrometheusAlertEvent, error) {
	ev := &api.PrometheusAlertEvent{Alert: a.Alert, SeverityMap: severities}
	for _, raw := range a.Objects {
		o, err := record.DecodeObject(raw)
		if err != nil {
			return nil, err
		}
		switch x := o.(type) {
		case *corev1.Pod:
			ev.Pod = x
		case *corev1.Node:
			ev.Node = x
		case *appsv1.Deployment:
			ev.Deployment = x
		case *batchv1.Job:
			ev.Job = x
		case *appsv1.DaemonSet:
			ev.DaemonSet = x
		case *appsv1.StatefulSet:
			ev.StatefulSet = x
		case *autoscalingv2.HorizontalPodAutoscaler:
			ev.HorizontalPodAutoscaler = x
		default:
			return nil, fmt.Errorf("an alert's object of kind %s: an alert resolves pods, nodes, deployments, jobs, daemonsets, statefulsets and horizontalpodautoscalers", api.KindOf(o))
		}
	}
	return ev, nil
}
