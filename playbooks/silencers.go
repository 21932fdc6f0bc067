package playbooks

import (
	"context"
	"log/slog"
	"slices"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// Silencers stop the processing of an event (api.Execution.StopProcessing):
// no later action or playbook runs on it. They go in
// priorityBuiltinPlaybooks, which run first, so that a silenced alert has
// no finding yet and reaches no sink. As in Robusta, findings that earlier
// actions already made are still routed: a silencer placed after an
// enricher silences nothing that enricher reported.

// NameSilencerParams configures NameSilencer.
type NameSilencerParams struct {
	// Names are the alert names to silence.
	Names []string `json:"names"`
}

// NameSilencer silences the alerts whose name is in names.
//
//robusta:action
func NameSilencer(event *api.PrometheusAlertEvent, params NameSilencerParams) {
	if slices.Contains(params.Names, event.Alert.Name) {
		slog.Debug("name_silencer: silencing alert", "alert", event.Alert.Name)
		event.Execution().StopProcessing()
	}
}

// SilenceAlertParams configures SilenceAlert.
type SilenceAlertParams struct {
	// LogSilence logs every alert silenced.
	LogSilence bool `json:"log_silence,omitempty"`
}

// SilenceAlert silences every alert it runs on; the playbook's trigger
// decides which.
//
//robusta:action
func SilenceAlert(event *api.PrometheusAlertEvent, params SilenceAlertParams) {
	if params.LogSilence {
		a := event.Alert
		slog.Info("silencing alert", "alert", a.Name, "status", a.Status, "fingerprint", a.Fingerprint, "labels", a.Labels)
	}
	event.Execution().StopProcessing()
}

// SeveritySilencerParams configures SeveritySilencer.
type SeveritySilencerParams struct {
	// Severity is the value of the alert's severity label to silence
	// (compared exactly, e.g. warning).
	Severity string `json:"severity,omitempty" jsonschema:"default=none"`
}

// SeveritySilencer silences the alerts whose severity label equals
// severity. An alert without the label is never silenced, not even by
// severity: none, as in Robusta.
//
//robusta:action
func SeveritySilencer(event *api.PrometheusAlertEvent, params SeveritySilencerParams) {
	if s, ok := event.Alert.Labels["severity"]; ok && s == params.Severity {
		slog.Debug("severity_silencer: silencing alert", "alert", event.Alert.Name, "severity", s)
		event.Execution().StopProcessing()
	}
}

// PodStatusSilencerParams configures PodStatusSilencer.
type PodStatusSilencerParams struct {
	// Include stops processing unless the pod's phase is in it.
	Include []string `json:"include,omitempty"`
	// Exclude stops processing when the pod's phase is in it.
	Exclude []string `json:"exclude,omitempty"`
}

// PodStatusSilencer stops processing by the pod's phase (status.phase:
// Pending, Running, Succeeded, Failed, Unknown): unless it is in include,
// or when it is in exclude. An event without a pod goes on.
//
//robusta:action
func PodStatusSilencer(event api.PodEvent, params PodStatusSilencerParams) {
	pod := event.GetPod()
	if pod == nil {
		slog.Info("pod_status_silencer: the event has no pod; not silencing")
		return
	}
	phase := string(pod.Status.Phase)
	if len(params.Include) > 0 && !slices.Contains(params.Include, phase) ||
		len(params.Exclude) > 0 && slices.Contains(params.Exclude, phase) {
		event.Execution().StopProcessing()
	}
}

// NodeRestartParams configures NodeRestartSilencer.
type NodeRestartParams struct {
	// PostRestartSilence is how long after the node's restart its pods'
	// alerts are silenced, in seconds.
	PostRestartSilence int `json:"post_restart_silence,omitempty" jsonschema:"default=300,minimum=0"`
}

// NodeRestartSilencer silences the alerts of pods whose node restarted
// (its Ready condition changed, else it was created) less than
// post_restart_silence seconds ago. Alerts without a pod go on.
//
//robusta:action
func NodeRestartSilencer(ctx context.Context, event *api.PrometheusAlertEvent, params NodeRestartParams) error {
	pod := event.GetPod()
	if pod == nil {
		return nil
	}
	node, err := podNode(ctx, event, pod)
	if err != nil || node == nil {
		return err
	}
	// The wall clock, as Robusta's: actions have no engine clock, and the
	// node's restart is compared with when the alert is handled.
	if time.Now().Before(nodeStart(node).Add(time.Duration(params.PostRestartSilence) * time.Second)) {
		slog.Debug("node_restart_silencer: silencing alert of a pod on a restarted node", "alert", event.Alert.Name, "node", node.Name)
		event.Execution().StopProcessing()
	}
	return nil
}

// nodeStart is when the node last became (un)ready, else its creation.
func nodeStart(node *corev1.Node) time.Time {
	for _, c := range node.Status.Conditions {
		if c.Type == corev1.NodeReady {
			if !c.LastTransitionTime.IsZero() {
				return c.LastTransitionTime.Time
			}
			break // Robusta takes the first Ready condition only
		}
	}
	return node.CreationTimestamp.Time
}
